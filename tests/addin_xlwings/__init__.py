"""The classic (Windows) add-in driven through xlwings' own code, with only the COM modules stubbed."""
