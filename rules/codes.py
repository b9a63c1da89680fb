"""The code table: every released rule code with its category and status.

A code never changes meaning once released.  Codes are grouped by family prefix (DEV
deviation, SEC sections, BPL boilerplate, NUM numbers, TAB tables, STR structure) so a
whole family can be selected or ignored (``--select DEV``).  Each code's rule lives in
``rules/<CODE>.py``.

A new rule starts as ``preview``: its module and fixture file are all it needs, and it runs
with the others, marked as preview in ``budgetlint rules`` (its findings may still change).
Entering it here, with its category, releases it as ``stable``.
"""

from __future__ import annotations

from typing import NamedTuple


class Code(NamedTuple):
    category: str
    status: str  # "stable" | "preview"


PREVIEW = "preview"


CODES: dict[str, Code] = {
    "BPL001": Code("boilerplate-answer", "stable"),
    "BPL002": Code("vague-statement", "stable"),
    "BPL003": Code("boilerplate-answer", "stable"),
    "DEV001": Code("missing-deviation-explanation", "stable"),
    "DEV002": Code("score-inconsistency", "stable"),
    "DEV003": Code("unexplained-low-execution", "stable"),
    "DEV004": Code("explanation-without-cause", "stable"),
    "NUM001": Code("number-mismatch", "stable"),
    "NUM002": Code("arithmetic-error", "stable"),
    "SEC001": Code("empty-problem-section", "stable"),
    "STR001": Code("heading-structure", "stable"),
    "TAB001": Code("arithmetic-error", "stable"),
    "TAB002": Code("arithmetic-error", "stable"),
}

FAMILIES = {
    "BPL": "boilerplate",
    "DEV": "deviation",
    "NUM": "numbers",
    "SEC": "sections",
    "STR": "structure",
    "TAB": "tables",
}


def status(code: str) -> str:
    """ "stable" for a released code, "preview" for a rule not yet in the table."""
    entry = CODES.get(code)
    return entry.status if entry is not None else PREVIEW
