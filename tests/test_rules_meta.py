"""Every rule carries its metadata and documentation."""

import re

from budgetlint.rules import all_rules, matches
from budgetlint.rules.base import Rule, Severity

CATEGORIES = {
    "missing-deviation-explanation", "empty-problem-section", "boilerplate-answer", "number-mismatch",
    "arithmetic-error", "score-inconsistency", "unexplained-low-execution", "heading-structure",
    "explanation-without-cause", "vague-statement",
}


def test_codes_are_unique_and_well_formed():
    codes = [r.code for r in all_rules()]
    assert len(codes) == len(set(codes))
    assert all(re.fullmatch(r"[A-Z]{3}\d{3}", c) for c in codes)


def test_first_rules_are_registered_with_their_categories_and_severities():
    got = {r.code: (r.category, r.severity) for r in all_rules()}
    assert got["DEV001"] == ("missing-deviation-explanation", Severity.error)
    assert got["SEC001"] == ("empty-problem-section", Severity.error)
    assert got["BPL001"] == ("boilerplate-answer", Severity.warning)
    assert got["NUM001"] == ("number-mismatch", Severity.error)
    assert {r.category for r in all_rules()} <= CATEGORIES


def test_every_rule_documents_why_with_a_failing_and_a_passing_example():
    for r in all_rules():
        sections = r.doc_sections()
        assert sections["summary"], r.code
        for key in ("why", "fails", "passes"):
            assert sections.get(key), f"{r.code} docstring lacks {key}"
        assert r.title and r.name


def test_selectors_match_codes_and_prefixes():
    assert matches("DEV001", ["DEV"]) and matches("DEV001", ["dev001"])
    assert not matches("SEC001", ["DEV", "NUM001"])
    assert issubclass(all_rules()[0], Rule)
