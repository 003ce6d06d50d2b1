"""The ARV sheet's cascade table and chart: the letter's treatment cascade beside the region's own plan."""

from __future__ import annotations

from openpyxl.chart import BarChart, Reference
from openpyxl.chart.data_source import AxDataSource, StrRef
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

from xl_addin.workbook.texts import WorkbookText

BOLD = Font(bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")
THOUSANDS = "#,##0"


def write_cascade(sheet: Worksheet, text: WorkbookText) -> None:
    """The letter's cascade (Appendix 2, "Для оценки объема", items 1–4) beside the region's own plan, as a chart.

    By the letter: detected → 80 % under dispensary observation → 13–20 % of them to be
    treated → 60 % first line, 40 % second line and reserve.  The region's column: detected,
    B + C + D, planned on ART and its 60/40 split.  A region step above the letter's upper
    end is a warning (``chk_cascade_plan``); one above the step before it is an error
    (``chk_observed_registered``, ``chk_registered_detected``, ``chk_planned_on_art``).
    """
    first = sheet.max_row + 2
    for column, title in enumerate(text["cascade_columns"], start=1):
        sheet.cell(first, column, title).font = BOLD
        sheet.cell(first, column).alignment = WRAP
    rows = (
        ("in_detected_cumulative", "in_detected_cumulative", "in_detected_cumulative"),
        ("out_dispensary_expected", "out_dispensary_expected", "in_on_art+in_starting_art+in_observed"),
        ("INDEX(out_treatment_need_range,1)", "INDEX(out_treatment_need_range,2)", "in_planned_on_art"),
        ("INDEX(out_treatment_first_line,1)", "INDEX(out_treatment_first_line,2)", "out_first_line_patients"),
        ("INDEX(out_treatment_reserve_line,1)", "INDEX(out_treatment_reserve_line,2)", "out_reserve_line_patients"),
    )
    for offset, (label, values) in enumerate(zip(text["cascade_steps"], rows, strict=True), start=1):
        sheet.cell(first + offset, 1, label).alignment = WRAP
        for column, value in enumerate(values, start=2):
            sheet.cell(first + offset, column, f"=IFERROR({value},NA())").number_format = THOUSANDS
    last = first + len(rows)
    chart = BarChart()
    chart.type, chart.title = "bar", text["cascade"]
    chart.y_axis.title = text["persons"]
    chart.add_data(Reference(sheet, min_col=3, max_col=4, min_row=first, max_row=last), titles_from_data=True)
    # the steps are text: a string reference (openpyxl's set_categories would write a numRef)
    steps = str(Reference(sheet, min_col=1, min_row=first + 1, max_row=last))
    for series in chart.series:
        series.cat = AxDataSource(strRef=StrRef(f=steps))
    # openpyxl 3.1 writes no <c:delete> on an axis (issue 13: Excel then hides it): both axes shown, explicitly
    chart.x_axis.delete = chart.y_axis.delete = False
    chart.x_axis.scaling.orientation = "maxMin"  # detected on top, as the cascade reads
    chart.height, chart.width = 12, 24  # tall enough for every step's label
    sheet.add_chart(chart, f"A{last + 2}")
