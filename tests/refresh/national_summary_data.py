"""Hand-made regions for the tests of «Сводка» and the chart sheets: every figure below is worked by hand.

Four regions sent a workbook, one did not:

=============  ==========  =======  ========  ======  ===========  ==========  =======  =========  =====
region         registered  planned  coverage  band    detected     dispensary  to treat  estimate   2006
=============  ==========  =======  ========  ======  ===========  ==========  =======  =========  =====
Алтай          9800        1300     13,3 %    in      12000        9600        1248–1920  1000       900
Тыва           1000        250      25,0 %    above   1250         1000        130–200    300        100
Томская        2000        200      10,0 %    below   2500         2000        260–400    160        400
Свердловская   5000        700      14,0 %    in      6000         4800        624–960    700        800
Курганская     не получено
=============  ==========  =======  ========  ======  ===========  ==========  =======  =========  =====

Свердловская: status "2" (two failed checks) and three error rows: not in the totals.
Coverage: 1300 ÷ 9800 = 0,13265… → 13,3 %; 250 ÷ 1000 = 25,0 %; 200 ÷ 2000 = 10,0 %; 700 ÷ 5000 = 14,0 %.
Totals over the three in the totals: registered 12 800, planned 1 750 → 1750 ÷ 12800 = 0,13671875 → 13,7 %;
detected 15 750, dispensary 12 600, to be treated 1 638 – 2 520; annual kits = planned = 1 750.
Tests: each of the 9 HIV diagnostic results is 100 / 20 / 50 → 9 × 170 = 1 530; each of the 12 hepatitis results
10 / 2 / 5 → 12 × 17 = 204.  Products: Алтай HIV 1 000,00 (federal) and ARV 5 000,50 (regional), Тыва hepatitis
200,00 (no source), Свердловская 999,00 (left out: not in the totals) → total 6 200,50 over 2 regions.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from xl_addin.consolidation.national import NOT_RECEIVED, RegionRow
from xl_addin.consolidation.products import ProductLine
from xl_addin.request.layout import RESULTS

#: Listed by hand from the letter's parts (the products sheet's «Что покрывает» sorts them the same way).
HIV_TESTS = ("out_elisa_volume", "out_immunoblot_volume", "out_immune_status_volume", "out_viral_load_volume",
             "out_hiv_dna_volume", "out_express_test_volume", "out_p24_screen_volume", "out_p24_confirm_volume",
             "out_resistance_test_limit")  # fmt: skip
HEPATITIS_TESTS = ("out_hbv_screen_volume", "out_hbv_confirm_volume", "out_hbv_pcr_qual_volume",
                   "out_hbv_pcr_quant_volume", "out_anti_hbc_igm_volume", "out_hbv_marker_volume",
                   "out_anti_hav_igm_volume", "out_hcv_screen_volume", "out_hcv_confirm_volume",
                   "out_hcv_pcr_qual_volume", "out_hcv_pcr_quant_volume", "out_hcv_genotyping_volume")  # fmt: skip


def values(registered: int, planned: int, detected: int, dispensary: int, treat: list[int], estimate: int,
           hiv: int, hepatitis: int) -> dict[str, Any]:  # fmt: skip
    """A region's values: every result 0 but those named (a total of 0s is a number, not «нет итога»)."""
    found: dict[str, Any] = {result.name: [0, 0] if result.cells == 2 else 0 for result in RESULTS}
    found |= {key: hiv for key in HIV_TESTS} | {key: hepatitis for key in HEPATITIS_TESTS}
    found |= {"in_registered": registered, "in_planned_on_art": planned, "in_detected_cumulative": detected,
              "in_on_art": planned // 2, "out_dispensary_expected": dispensary, "out_treatment_need_range": treat,
              "out_art_need_estimate": estimate, "out_annual_kits_needed": planned}  # fmt: skip
    return found


def hand_rows() -> list[RegionRow]:
    """The five regions of the module docstring, in the table's order (by region)."""
    return [
        RegionRow.of("Алтайский край", "a.xlsx", "OK", True,
                     values(9800, 1300, 12000, 9600, [1248, 1920], 1000, 100, 10), 900, warnings=1),
        RegionRow.of("Курганская область", "", NOT_RECEIVED, False, {}, None),
        RegionRow.of("Республика Тыва", "t.xlsx", "OK", True,
                     values(1000, 250, 1250, 1000, [130, 200], 300, 20, 2), 100, warnings=0),
        RegionRow.of("Свердловская область", "s.xlsx", "2", False,
                     values(5000, 700, 6000, 4800, [624, 960], 700, 1, 1), 800, warnings=0, errors=3),
        RegionRow.of("Томская область", "k.xlsx", "OK", True,
                     values(2000, 200, 2500, 2000, [260, 400], 160, 50, 5), 400, warnings=0),
    ]  # fmt: skip


def hand_lines() -> list[tuple[str, str, str, list[ProductLine]]]:
    """(file, region, why left out, lines) as ``ProductsSpool.files()`` gives them."""

    def line(code: str, cost: str, section: str, funding: str) -> ProductLine:
        return ProductLine(code, f"Товар {code}", 10, 1, Decimal(cost), section, funding)

    return [
        ("a.xlsx", "Алтайский край", "",
         [line("D-1", "1000.00", "hiv", "out_cost_federal"), line("A-1", "5000.50", "arv", "out_cost_regional")]),
        ("t.xlsx", "Республика Тыва", "", [line("H-1", "200.00", "hepatitis", "")]),
        ("s.xlsx", "Свердловская область", "", [line("D-1", "999.00", "hiv", "out_cost_federal")]),
    ]  # fmt: skip
