"""The analysis passes: each reads the document model and returns typed views.

Importing this package registers every pass as a cached view of
:class:`budgetlint.nlp.model.Document` (``doc.root``, ``doc.sections``, ``doc.section_index``,
``doc.perf_tables``, ``doc.form_fields``, ``doc.truncated_answers``, ``doc.ledgers``,
``doc.facts``, ``doc.statements``, ``doc.doc_kind``).
A view is computed the first time it is read and kept on the document; no pass writes
into the blocks the readers built.
"""

from budgetlint.nlp.analysis import dockind, facts, forms, ledgers, perf, perf_scan, sections, statements  # noqa: F401
