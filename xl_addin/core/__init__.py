"""The calculation core: the rules of letter 0100/11323-06-32 in exact, pure Python.

Nothing here imports Excel or xlwings.  One module per part of the letter:
``hiv_tests`` (Appendix 1, HIV), ``hepatitis`` (Appendix 1, hepatitis B and C),
``arv_drugs`` (Appendix 2) and ``art_need`` (the ART need estimate and the 2006
table); every number of the letter lives once in ``coefficients``.  ``products``
is the order's arithmetic (packs, cost, months of stock), not from the letter.
"""
