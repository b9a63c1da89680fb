"""One generic test runs every rule's YAML fixtures (tests/fixtures/rules/<CODE>.yaml).

A fixture file holds named cases; each case is a small report in the text layout
(``→`` stands for a TAB and ``□`` for U+3000 so cases stay readable), optional rule
options, and the exact findings expected from that rule: line, end_line, severity and
phrases the message must contain.  ``expect: []`` is a passing (or skipped) case.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from budgetlint.nlp.readers.txt import load_txt
from budgetlint.rules import RuleContext, all_rules, get_rule

FIXTURES = Path(__file__).parent / "fixtures" / "rules"


def _cases():
    for path in sorted(FIXTURES.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for case in data["cases"]:
            yield pytest.param(data["rule"], case, id=f"{data['rule']}-{case['name']}")


def _decode(text: str) -> str:
    return text.replace("→", "\t").replace("□", "\u3000")


@pytest.mark.parametrize("code,case", list(_cases()))
def test_fixture(code, case, tmp_path):
    src = tmp_path / "case.txt"
    src.write_text(_decode(case["text"]), encoding="utf-8")
    doc = load_txt(src)
    rule = get_rule(code)
    got = list(rule().check(doc, RuleContext.for_rule(rule, case.get("options"))))
    expected = case["expect"]
    assert [(f.line, f.end_line, f.severity.name) for f in got] == [
        (e["line"], e.get("end_line", e["line"]), e.get("severity", rule.severity.name)) for e in expected
    ], [f.message for f in got]
    for f, e in zip(got, expected):
        for phrase in e.get("message_contains", []):
            assert phrase in f.message, f.message
        assert f.rule == code and f.category == rule.category


def test_every_rule_has_fixtures_with_failing_and_passing_cases():
    for rule in all_rules():
        path = FIXTURES / f"{rule.code}.yaml"
        assert path.is_file(), f"{rule.code} has no fixture file"
        cases = yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]
        assert any(c["expect"] for c in cases), f"{rule.code}: no failing case"
        assert any(not c["expect"] for c in cases), f"{rule.code}: no passing case"
