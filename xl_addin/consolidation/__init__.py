"""``xl-addin refresh``: recompute a folder of filled regional workbooks and build the national consolidation.

One module per concern: ``opening`` (is it safe and ours?), ``parts`` (a zip's parts unpacked within
their declared sizes), ``ooxml`` (the workbook's XML parts, parsed through defusedxml, and its sheet
list), ``sheet_scan`` and ``strings`` (one streaming pass per sheet for the named cells' formulas and
values; shared and inline strings), ``reading`` (inputs and their cells),
``results_sheet`` (the values-only sheet of a refreshed copy) with :mod:`xl_addin.zipcopy` (a zip
copied part for part, shared with ``generate``), ``national`` (national.xlsx, national.csv, problems.csv), ``products`` (one workbook's
products sheet recomputed) with ``national_products`` (national_products.csv and the sheet «Товары»),
``problems_file`` and ``run`` (the batch, its worker processes, their time limit).
"""
