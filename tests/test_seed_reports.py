"""End to end: each sample report gives what a reviewer found in it (corpus/labels).

In the categories this release covers, every required item must be reported, and every
reported finding must be one the labels know (required or optional).  The Word version of
each report, rebuilt with python-docx, must give the same findings.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from budgetlint.config import Config
from budgetlint.nlp.readers.txt import load_txt
from budgetlint.runner import lint_file, selected_rules

ROOT = Path(__file__).resolve().parent.parent
REPORTS = ROOT / "corpus" / "reports"
LABELS = ROOT / "corpus" / "labels"
IN_SCOPE = {
    "missing-deviation-explanation",
    "empty-problem-section",
    "boilerplate-answer",
    "number-mismatch",
    "arithmetic-error",
    "score-inconsistency",
    "unexplained-low-execution",
    "heading-structure",
    "explanation-without-cause",
    "vague-statement",
}
SEEDS = sorted(p.name for p in REPORTS.glob("*.txt"))


def _labels(name: str) -> list[dict]:
    return json.loads((LABELS / name.replace(".txt", ".json")).read_text(encoding="utf-8"))["items"]


def _overlaps(f, span, slack=1) -> bool:
    return not (f.end_line < span[0] - slack or f.line > span[1] + slack)


def _hits(f, item) -> bool:
    cats = [item["category"], *item.get("alt", [])]
    spans = [item["lines"]] + ([item["alt_lines"]] if "alt_lines" in item else [])
    return f.category in cats and any(_overlaps(f, s) for s in spans)


def _lint(path: Path):
    cfg = Config()
    return lint_file(str(path), selected_rules(cfg), cfg)


@pytest.fixture(scope="module")
def results():
    return {name: _lint(REPORTS / name) for name in SEEDS}


@pytest.mark.parametrize("name", SEEDS)
def test_every_required_item_is_found(name, results):
    res = results[name]
    assert res.error is None
    missed = [
        i["key"]
        for i in _labels(name)
        if i.get("required", True) and i["category"] in IN_SCOPE and not any(_hits(f, i) for f in res.findings)
    ]
    assert missed == []


@pytest.mark.parametrize("name", SEEDS)
def test_no_finding_the_reviewer_did_not_expect(name, results):
    res = results[name]
    labels = _labels(name)
    unexpected = [
        (f.rule, f.line, f.message)
        for f in res.findings
        if f.category in IN_SCOPE and not any(_hits(f, i) for i in labels)
    ]
    assert unexpected == []


def _signature(findings):
    """Findings without their locations: rule, severity and message with line refs removed."""
    return sorted((f.rule, f.severity.name, re.sub(r"第\d+行", "第N行", f.message)) for f in findings)


@pytest.mark.parametrize("name", SEEDS)
def test_the_word_version_gives_the_same_findings(name, results, tmp_path):
    from docx_builder import document_to_docx

    doc = load_txt(REPORTS / name)
    out = tmp_path / name.replace(".txt", ".docx")
    document_to_docx(doc, out)
    res = _lint(out)
    assert res.error is None and res.format == "docx"
    assert _signature(res.findings) == _signature(results[name].findings)
