"""``xl-addin refresh``: recompute a folder of filled regional workbooks and build the national consolidation.

One module per concern: ``opening`` (is it safe and ours?), ``reading`` (inputs and
their cells), ``results_sheet`` (the values-only sheet of a refreshed copy),
``national`` (national.xlsx, national.csv, problems.csv), ``run`` (the batch).
"""
