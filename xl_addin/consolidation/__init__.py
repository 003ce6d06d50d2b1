"""``xl-addin refresh``: recompute a folder of filled regional workbooks and build the national consolidation.

One module per concern: ``opening`` (is it safe and ours?), ``ooxml`` (the workbook's XML parts,
parsed through defusedxml), ``reading`` (inputs and their cells, values by python-calamine),
``results_sheet`` (the values-only sheet of a refreshed copy) with :mod:`xl_addin.zipcopy` (a zip
copied part for part, shared with ``generate``), ``national`` (national.xlsx, national.csv, problems.csv), ``products`` (one workbook's
products sheet recomputed) with ``national_products`` (national_products.csv and the sheet «Товары»),
``problems_file`` and ``run`` (the batch, its worker processes, their time limit).
"""
