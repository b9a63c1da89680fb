"""What kind of disclosure a document is: budget, final_accounts, performance or unknown.

Decided by the title area first (the first headings and short lines), then by which
kind's key phrases dominate the text.  Phrases live in ``nlp/data/dockind.yaml``.
"""

from __future__ import annotations

import regex

from budgetlint.nlp.lexicon import load
from budgetlint.nlp.model import Document, Heading, Paragraph, register_view

_YEAR = regex.compile(r"(20\d{2}|19\d{2})\s*年")


def _title_lines(doc: Document, limit: int = 8) -> list[str]:
    out = []
    for b in doc.blocks:
        if isinstance(b, (Heading, Paragraph)):
            text = b.text
            if len(text) <= 60:
                out.append(text)
        if len(out) >= limit:
            break
    return out


@register_view("doc_kind")
def classify(doc: Document) -> str:
    spec = load("dockind")["kinds"]
    head = "".join(_title_lines(doc))
    for kind, phrases in spec.items():  # order in the file = priority
        if any(p in head for p in phrases["title"]):
            return kind
    body = "".join(p.text for p in doc.paragraphs[:200])
    scores = {k: sum(body.count(p) for p in v["title"]) for k, v in spec.items()}
    best = max(scores, key=scores.__getitem__)
    return best if scores[best] > 0 else "unknown"


def report_year(doc: Document) -> int | None:
    """The year the report is about, from its title area ("2022年度部门决算")."""
    for line in _title_lines(doc, 12):
        m = _YEAR.search(line)
        if m:
            return int(m.group(1))
    return None
