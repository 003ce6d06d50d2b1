"""Carrying a region's work forward (issue 21): filled workbooks of template versions 2–4 into current ones.

- :mod:`~xl_addin.carrying.source`: a source read by the contract of its own version (untrusted, checked first);
- :mod:`~xl_addin.carrying.plan`: what goes where and what stays behind, on plain values, contract-driven;
- :mod:`~xl_addin.carrying.run`: the batch (``xl-addin carry``, ``xl_addin.carry``): workers, targets, the report.

It stands above both the writer (it writes current workbooks) and the reader (it opens sources as refresh does):
its own layer of ``tests/test_imports.py``, under the API.
"""
