"""Every rule carries its metadata and documentation."""

import ast
import re
from pathlib import Path

from budgetlint.rules import all_rules, matches
from budgetlint.rules.base import Rule, Severity
from budgetlint.rules.codes import CODES

CATEGORIES = {
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


# -- the house rules of the rule layer ---------------------------------------------------

RULES_DIR = Path(__file__).resolve().parent.parent / "rules"
RULE_FILES = sorted(p for p in RULES_DIR.glob("*.py") if re.fullmatch(r"[A-Z]{3}\d{3}", p.stem))

# nlp functions that read raw text: rules compare what the analysis layer computed instead
TEXT_READERS = {
    "parse_value",
    "parse_number",
    "parse_heading",
    "parse_unnumbered",
    "extract",
    "is_placeholder",
    "normalize_answer",
    "norm",
    "restates",
    "explains_execution",
    "split_sentences",
    "clause_start",
    "section_kinds",
    "find_unit",
}
STRING_SCANS = {
    "find",
    "rfind",
    "index",
    "search",
    "match",
    "fullmatch",
    "findall",
    "finditer",
    "split",
    "startswith",
    "endswith",
    "count",
    "partition",
}


def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def test_every_rule_lives_in_the_module_named_by_its_code():
    assert {r.code: r.__module__ for r in all_rules()} == {p.stem: f"budgetlint.rules.{p.stem}" for p in RULE_FILES}


def test_every_released_code_has_its_rule_with_the_category_the_code_table_gives():
    rules = {r.code: r for r in all_rules()}
    for code, entry in CODES.items():
        assert code in rules, f"{code} is in the code table but has no rules/{code}.py"
        assert rules[code].category == entry.category, code
        assert entry.status == "stable", code


def test_a_rule_module_not_yet_in_the_code_table_runs_as_preview():
    from budgetlint.rules.codes import status

    assert status("DEV001") == "stable"
    assert status("ZZZ999") == "preview"


def test_no_rule_module_parses_text_or_uses_regular_expressions():
    for path in RULE_FILES:
        for node in ast.walk(_tree(path)):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                mods = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
                assert not any(m.split(".")[0] in ("re", "regex") for m in mods), f"{path.name}: imports {mods}"
                if isinstance(node, ast.ImportFrom):
                    used = {a.name for a in node.names} & TEXT_READERS
                    assert not used, f"{path.name}:{node.lineno} imports text readers {sorted(used)}"
            elif isinstance(node, ast.Compare) and any(isinstance(o, (ast.In, ast.NotIn)) for o in node.ops):
                for side in node.comparators:
                    assert not (isinstance(side, ast.Attribute) and side.attr in ("text", "title")), (
                        f"{path.name}:{node.lineno} scans .{side.attr}"
                    )
            elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                target = node.func.value
                if node.func.attr in STRING_SCANS and isinstance(target, ast.Attribute):
                    assert target.attr not in ("text", "title"), f"{path.name}:{node.lineno} scans .{target.attr}"


def test_rules_read_their_options_from_the_context_with_no_second_default():
    by_code = {r.code: r for r in all_rules()}
    for path in RULE_FILES:
        tree = _tree(path)
        read = {
            n.slice.value
            for n in ast.walk(tree)
            if isinstance(n, ast.Subscript)
            and isinstance(n.value, ast.Attribute)
            and n.value.attr == "options"
            and isinstance(n.slice, ast.Constant)
        }
        assert read == set(by_code[path.stem].options), path.name  # each declared option read, no other
        gets = [
            n.lineno
            for n in ast.walk(tree)
            if isinstance(n, ast.Call)
            and isinstance(n.func, ast.Attribute)
            and n.func.attr == "get"
            and isinstance(n.func.value, ast.Attribute)
            and n.func.value.attr == "options"
        ]
        assert not gets, f"{path.name}:{gets}: an option default written a second time"
