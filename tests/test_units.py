"""budgetlint.nlp.numbers.units: the one unit table (nlp/data/units.yaml)."""

import pytest

from budgetlint.nlp.numbers.units import (
    ALIASES,
    MONEY_UNITS,
    STATED_MONEY_UNITS,
    UNIT_KIND,
    UNIT_SCALABLE,
    money_alternation,
    unit_info,
)


def test_money_units_and_factors():
    assert MONEY_UNITS == {"元": 1.0, "万元": 1e4, "亿元": 1e8}
    assert list(MONEY_UNITS) == ["元", "万元", "亿元"]


def test_stated_money_units_longest_first():
    assert STATED_MONEY_UNITS == ("万元", "亿元", "千元", "元")


def test_money_alternation():
    assert money_alternation() == "万元|亿元|元"
    assert money_alternation(STATED_MONEY_UNITS) == "万元|亿元|千元|元"


@pytest.mark.parametrize(
    "unit, info",
    [
        ("万元", (1e4, "元")),
        ("亿元", (1e8, "元")),
        ("千元", (1e3, "元")),
        ("元", (1.0, "元")),
        ("万", (1e4, None)),
        ("万人次", (1e4, "人次")),
        ("%", (1.0, "%")),
        (None, (1.0, None)),
        ("xyz", (1.0, "xyz")),
    ],
)
def test_unit_info(unit, info):
    assert unit_info(unit) == info


def test_kinds_scalable_and_aliases():
    assert [UNIT_KIND[u] for u in ("元", "%", "个", "分")] == ["money", "percent", "count", "points"]
    assert [UNIT_SCALABLE[u] for u in ("元", "个", "%", "分")] == [True, True, False, False]
    assert ALIASES["个百分点"] == "百分点"
