"""Reading and understanding a report.

Layers, each a sub-package or module, importing only those below it:

* :mod:`budgetlint.nlp.readers` — bytes → one :class:`~budgetlint.nlp.model.Document`
  (txt, docx, pdf, spreadsheets, and the table rebuilding they share);
* :mod:`budgetlint.nlp.analysis` — passes that read the model and return typed views
  (sections, performance tables, ledgers, facts, statements, document kind);
* :mod:`budgetlint.nlp.model` — the document model: plain data, imports no pass;
* :mod:`budgetlint.nlp.numbers` and :mod:`budgetlint.nlp.text` — number and text
  primitives (quantities, rounding, units; normalising, sentences, tokens);
* :mod:`budgetlint.nlp.lexicon` and :mod:`budgetlint.nlp.errors` — the data-file loader and
  the loading error.
"""
