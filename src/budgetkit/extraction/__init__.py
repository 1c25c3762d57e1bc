"""Files to records: the extraction pipeline.

    sources (a file → pages of lines and cells)
      → tables.locate / tables.parse (the standard tables), narrative (the prose), forms
      → build.py (the document, table, row … records of one file)

``result.py`` holds an extraction's result, the inputs a command line names and the
cache policy; ``batch.py`` extracts many documents in worker processes (``workers.py``),
each held to its memory and time budget (``budgetkit.budget``).  Nothing here is a
command: ``budgetkit extract`` and the Python API (``budgetkit.extract``) call it.
"""
