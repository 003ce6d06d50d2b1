"""The request's own layer, under both the workbook writer and the refresh's reader (issue 19, §7).

What a regional request is, independent of how it is written or read:

- :mod:`~xl_addin.request.layout` and :mod:`~xl_addin.request.products_layout`: every input, result and
  check of the letter's sheets and of the products sheet, described once (names, labels, core functions);
- :mod:`~xl_addin.request.model` and :mod:`~xl_addin.request.products_model`: the Python model of what a
  workbook computes from its inputs (the core's results, the checks' sentences), with
  :mod:`~xl_addin.request.shown` for what a cell shows where it shows no number;
- :mod:`~xl_addin.request.contract`: which defined names a workbook holds and where each points.

The writer (:mod:`xl_addin.workbook`) writes workbooks that keep this, and tests prove it; the reader
(:mod:`xl_addin.consolidation`) reads by it and recomputes with its model.  Neither imports the other
(``tests/test_imports.py``).
"""
