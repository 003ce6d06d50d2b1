"""The request's own layer, under both the workbook writer and the refresh's reader.

A regional workbook is a contract between the two: which defined names it holds and where
each points (:mod:`xl_addin.request.contract`).  The writer (:mod:`xl_addin.workbook`)
writes workbooks that keep it, and a test proves that it does; the reader
(:mod:`xl_addin.consolidation`) reads by it, and never builds a workbook to learn it.
Neither imports the other.
"""
