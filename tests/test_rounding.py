"""The rounding model: printed numbers are intervals, results are checked by overlap."""

from __future__ import annotations

import math

from hypothesis import given
from hypothesis import strategies as st

from budgetlint.nlp.numbers.quantities import parse_value
from budgetlint.nlp.numbers.rounding import Interval, consistent, of_quantity, percent, total


def iv(text: str) -> Interval:
    return of_quantity(parse_value(text))


def test_a_printed_value_stands_for_half_a_unit_of_its_last_decimal():
    assert iv("165.97") == Interval.printed(165.97, 2)
    assert math.isclose(iv("165.97").lo, 165.965) and math.isclose(iv("165.97").hi, 165.975)
    assert math.isclose(iv("18").width, 1.0)


def test_two_decimals_against_six_decimals():
    # 1097.23万元 (2 decimals) is consistent with 1097.230816万元 (6 decimals)
    assert iv("1097.23万元").meets(iv("1097.230816万元"))
    assert not iv("1097.24万元").meets(iv("1097.230816万元"))


def test_a_sum_of_many_items_may_drift_by_half_a_unit_per_item():
    parts = [iv("0.01")] * 10  # ten items printed as 0.01, each 0.005..0.015
    assert consistent(iv("0.10"), total(parts))
    assert consistent(iv("0.14"), total(parts))  # 0.135..0.145 meets 0.05..0.15
    assert not consistent(iv("0.16"), total(parts))


def test_one_cent_off_a_total_of_many_items_is_within_rounding():
    items = ["43.95", "45.12", "20.00", "5.66", "10.14", "3.30", "8.81", "17.20", "11.80"]
    computed = total(iv(x) for x in items)
    assert math.isclose(computed.mid, 165.98)
    assert consistent(iv("165.97"), computed)


def test_percentages_of_100_percent():
    assert consistent(iv("100.00%"), percent(iv("0.180545万元"), iv("0.180545万元")))
    assert consistent(iv("100%"), percent(iv("251.06"), iv("251.06")))
    assert not consistent(iv("100.00%"), percent(iv("99.00"), iv("100.00")))
    assert consistent(iv("100.00%"), percent(iv("99"), iv("100")))  # 99.5 ÷ 99.5 is possible


def test_zero_values():
    assert consistent(iv("0%"), percent(iv("0万元"), iv("1071.953276万元")))
    assert percent(iv("5"), iv("0")) is None  # a base that may be 0 proves nothing
    assert consistent(iv("3%"), None)


def test_values_in_yuan_against_wan_yuan():
    assert iv("561,240.00元").meets(iv("56.12万元"))
    assert not iv("561,240.00元").meets(iv("57.8万元"))
    assert iv("1.6亿元").meets(iv("16000万元"))


def test_the_rate_of_a_change_uses_the_interval_of_its_base():
    current, delta = iv("109.33万元"), iv("36.14万元")
    rate = percent(delta, current - delta)
    assert rate.lo < 49.38 < rate.hi
    assert not consistent(iv("22.24%"), rate)


def test_approximate_values_have_no_interval():
    assert of_quantity(parse_value("1200多起")) is None
    assert of_quantity(parse_value("300余份")) is None


def test_ordering_helpers_require_a_clear_gap():
    assert iv("27").below(iv("30")) and not iv("29.6").below(iv("30"))
    assert iv("98").above(iv("90"))


@given(
    st.lists(st.integers(min_value=0, max_value=10**9), min_size=1, max_size=40),
    st.sampled_from([0, 1, 2, 4, 6]),
)
def test_rounded_parts_are_always_consistent_with_the_rounded_exact_sum(cents, d):
    exact = [c / 1000 for c in cents]
    parts = [Interval.printed(round(x, d), d) for x in exact]
    stated = Interval.printed(round(sum(exact), d), d)
    assert consistent(stated, total(parts))


@given(
    st.floats(min_value=0.01, max_value=1e7, allow_nan=False),
    st.floats(min_value=0.01, max_value=1e7, allow_nan=False),
    st.sampled_from([0, 1, 2]),
)
def test_a_correctly_rounded_percentage_is_always_consistent(part, whole, d):
    stated = Interval.printed(round(part / whole * 100, d), d)
    computed = percent(Interval.printed(round(part, 2), 2), Interval.printed(round(whole, 2), 2))
    assert consistent(stated, computed)


@given(st.floats(min_value=-1e9, max_value=1e9, allow_nan=False), st.sampled_from([0, 2, 6]))
def test_a_value_is_inside_its_own_interval(x, d):
    v = round(x, d)
    assert Interval.printed(v, d).contains(v)
