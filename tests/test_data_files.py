"""The data files in nlp/data: each has a declared schema, and only nlp/lexicon.py reads YAML.

A schema is written with four shapes: a type (``str``, ``int``, ``bool``, ``NUMBER``), a
one-element list ``[T]`` (a list of T), ``Map(T)`` (a mapping from string keys to T) and
``Record({...}, optional={...})`` (exactly these keys: an unknown or a missing key fails).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest

from budgetlint.nlp.lexicon import DATA_DIR, load

ROOT = Path(__file__).resolve().parent.parent
NUMBER = (int, float)


@dataclass(frozen=True)
class Map:
    value: object


@dataclass(frozen=True)
class Record:
    keys: dict
    optional: dict = field(default_factory=dict)


WORDS = [str]
WORD_GROUPS = Map(WORDS)

SCHEMAS: dict[str, Record] = {
    "dockind": Record({"kinds": Map(Record({"title": WORDS}))}),
    "forms": Record(
        {
            "label_max_chars": int,
            "note_markers": WORDS,
            "deviation_labels": WORDS,
            "prompt": Record(
                {
                    "verbs": WORDS,
                    "leads": WORDS,
                    "phrases": WORDS,
                    "limit_before": WORDS,
                    "limit_after": WORDS,
                    "max_chars": int,
                }
            ),
            "truncated": Record({"leads": WORD_GROUPS, "fillers": WORDS, "stops": WORDS, "need_colon": WORDS}),
        }
    ),
    "ledgers": Record(
        {
            "total_column": WORDS,
            "total_labels": WORDS,
            "empty_marks": WORDS,
            "balance_pairs": [WORDS],
            "skip_labels": WORDS,
        }
    ),
    "lexicon": Record({"placeholders": WORDS, "title_endings": WORDS, "unit_markers": WORDS}),
    "line_items": Record(
        {
            "items": WORD_GROUPS,
            "roles": WORD_GROUPS,
            "not_levels": WORDS,
            "relative_years": WORD_GROUPS,
            "fund_qualifiers": WORDS,
            "topic_restatements": WORDS,
            "subject_amount_leads": WORDS,
            "column_roles": WORD_GROUPS,
        }
    ),
    "standard_tables": Record(
        {
            "kinds": Map(
                Record(
                    {"fund": str, "titles": WORDS, "headings": WORDS},
                    optional={
                        "rows": Map(str),
                        "columns": Map(str),
                        "layouts": [Record({"items": WORDS, "sums": WORD_GROUPS})],
                    },
                )
            ),
            "functional_kinds": WORDS,
            "title_qualifiers": WORDS,
            "fund_phrases": WORD_GROUPS,
            "role_neutral": WORDS,
            "empty_table_notes": WORDS,
            "scale_slips": Map(str),
        }
    ),
    "markers": Record({"cause": WORDS, "measure": WORDS, "generic": WORDS, "non_answer": WORDS}),
    "perf": Record(
        {
            "project": WORD_GROUPS,
            "fund_columns": WORD_GROUPS,
            "goal": WORD_GROUPS,
            "indicator_columns": WORD_GROUPS,
            "total_labels": WORDS,
            "overall_markers": WORDS,
            "reverse_name_words": WORDS,
            "target_revised": WORDS,
            "execution_cause_markers": WORDS,
            "execution_fund_words": WORDS,
            "grades": Map(int),
            "fund_total_labels": WORDS,
            "goal_target_words": WORDS,
            "unscored_marks": WORDS,
            "table_triggers": WORDS,
            "grade_words": WORD_GROUPS,
            "nature_comparators": WORD_GROUPS,
        }
    ),
    "quantities": Record(
        {
            "year_range": [int],
            "code_min_digits": int,
            "comparators_before": WORD_GROUPS,
            "comparators_after": WORD_GROUPS,
            "approx": Record(
                {
                    "at_least": Record({"before": WORDS, "between": WORDS, "after": WORDS}),
                    "around": Record({"before": WORDS, "after": WORDS}),
                    "around_tolerance": NUMBER,
                }
            ),
            "between_blockers": WORD_GROUPS,
            "ordinal_prefixes": WORDS,
            "code_suffixes": WORDS,
            "cn_not_numbers": WORDS,
            "no_value_cells": WORDS,
            "cell_strip": str,
        }
    ),
    "sections": Record(
        {
            "kinds": Map(Record({"required": bool, "label": str, "phrases": WORDS}, optional={"overrides": WORDS})),
        }
    ),
    "statements": Record(
        {
            "directions": WORD_GROUPS,
            "comparison_markers": WORDS,
            "comparison_openers": WORDS,
            "breakdown_markers": WORDS,
            "total_words": WORDS,
            "execution_rate_words": WORDS,
            "nested_markers": WORDS,
            "compositions": Map(Record({"whole": WORDS, "parts": [WORDS]})),
            "reasons": Record({"openers": WORDS, "money_words": WORDS}),
            "measure_units": WORDS,
        }
    ),
    "units": Record(
        {
            "multipliers": Map(int),
            "units": Map(Record({"kind": str}, optional={"aliases": WORDS, "blockers": WORDS, "scalable": bool})),
            "money": Record({"computed": WORDS, "stated_only": WORDS}),
        }
    ),
}


def problems(value, schema, where: str = "") -> list[str]:
    """Where ``value`` does not have the shape ``schema`` declares ("" paths are the root)."""
    at = where or "<root>"
    if isinstance(schema, Record):
        if not isinstance(value, dict):
            return [f"{at}: expected a mapping, got {type(value).__name__}"]
        out = [f"{at}: unknown key {k!r}" for k in value if k not in schema.keys and k not in schema.optional]
        out += [f"{at}: missing key {k!r}" for k in schema.keys if k not in value]
        for k, v in value.items():
            sub = schema.keys.get(k, schema.optional.get(k))
            if sub is not None:
                out += problems(v, sub, f"{where}.{k}" if where else str(k))
        return out
    if isinstance(schema, Map):
        if not isinstance(value, dict):
            return [f"{at}: expected a mapping, got {type(value).__name__}"]
        out = [f"{at}: key {k!r} is not a string" for k in value if not isinstance(k, str)]
        for k, v in value.items():
            out += problems(v, schema.value, f"{where}.{k}" if where else str(k))
        return out
    if isinstance(schema, list):
        if not isinstance(value, list):
            return [f"{at}: expected a list, got {type(value).__name__}"]
        return [p for i, v in enumerate(value) for p in problems(v, schema[0], f"{at}[{i}]")]
    types = schema if isinstance(schema, tuple) else (schema,)
    if isinstance(value, bool) and bool not in types:  # YAML's yes/no is not a number or a word
        return [f"{at}: expected {'/'.join(t.__name__ for t in types)}, got bool"]
    if not isinstance(value, types):
        return [f"{at}: expected {'/'.join(t.__name__ for t in types)}, got {type(value).__name__}"]
    return []


def test_every_data_file_has_a_schema():
    assert sorted(p.stem for p in DATA_DIR.glob("*.yaml")) == sorted(SCHEMAS)


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_data_file_matches_its_schema(name):
    assert problems(load(name), SCHEMAS[name]) == []


def test_schema_check_fails_on_an_unknown_key():
    schema = Record({"a": WORDS})
    assert problems({"a": ["x"], "b": ["y"]}, schema) == ["<root>: unknown key 'b'"]


def test_schema_check_fails_on_a_missing_key():
    assert problems({}, Record({"a": WORDS})) == ["<root>: missing key 'a'"]


def test_schema_check_fails_on_a_wrong_type():
    schema = Record({"kinds": Map(Record({"required": bool, "phrases": WORDS}))})
    assert problems({"kinds": {"k": {"required": "yes", "phrases": ["p", 3]}}}, schema) == [
        "kinds.k.required: expected bool, got str",
        "kinds.k.phrases[1]: expected str, got int",
    ]


def test_schema_check_accepts_optional_keys():
    schema = Record({"kind": str}, optional={"aliases": WORDS})
    assert problems({"kind": "count"}, schema) == []
    assert problems({"kind": "count", "aliases": ["个"]}, schema) == []


def _project_modules() -> list[Path]:
    return sorted(p for d in ("budgetlint", "nlp", "rules", "models") for p in (ROOT / d).rglob("*.py"))


def test_only_the_loader_reads_yaml():
    readers = [
        str(p.relative_to(ROOT))
        for p in _project_modules()
        if any(line.strip().startswith(("import yaml", "from yaml")) for line in p.read_text("utf-8").splitlines())
    ]
    assert readers == ["nlp/lexicon.py"]


def test_only_the_loader_opens_the_data_directory():
    openers = [str(p.relative_to(ROOT)) for p in _project_modules() if '/ "data"' in p.read_text("utf-8")]
    assert openers == ["nlp/lexicon.py"]
