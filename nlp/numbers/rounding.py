"""Rounding-aware arithmetic: every printed number is an interval.

A value printed with d decimals stands for anything within ±0.5×10^-d of it (a percentage
likewise, in percent units).  Arithmetic on intervals gives the interval of the result;
a stated result is consistent with its inputs when its own interval meets the computed
one.  This is how XBRL Calculations 1.1 (and Arelle) treat rounding: n parts of 2
decimals may add up to a total that differs by up to n × 0.005, and nobody should be
told that 1/3 printed as 33.33% is wrong.

Approximate values (余, 多, +, 约, 左右) never make an arithmetic finding: callers turn
them into no interval at all (:func:`of_quantity` returns None).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from budgetlint.nlp.numbers.units import unit_info

if TYPE_CHECKING:  # pragma: no cover
    from budgetlint.nlp.numbers.quantities import Quantity

_EPS = 1e-9


@dataclass(frozen=True)
class Interval:
    lo: float
    hi: float

    # -- construction ------------------------------------------------------------------
    @classmethod
    def printed(cls, value: float, decimals: int, scale: float = 1.0) -> Interval:
        """The interval a number printed with ``decimals`` decimals stands for."""
        half = 0.5 * 10 ** (-decimals)
        a, b = (value - half) * scale, (value + half) * scale
        return cls(min(a, b), max(a, b))

    @classmethod
    def exact(cls, value: float) -> Interval:
        return cls(value, value)

    # -- arithmetic --------------------------------------------------------------------
    def __add__(self, other: Interval | float) -> Interval:
        o = _iv(other)
        return Interval(self.lo + o.lo, self.hi + o.hi)

    __radd__ = __add__

    def __sub__(self, other: Interval | float) -> Interval:
        o = _iv(other)
        return Interval(self.lo - o.hi, self.hi - o.lo)

    def __rsub__(self, other: float) -> Interval:
        return _iv(other) - self

    def __neg__(self) -> Interval:
        return Interval(-self.hi, -self.lo)

    def __mul__(self, other: Interval | float) -> Interval:
        o = _iv(other)
        ps = (self.lo * o.lo, self.lo * o.hi, self.hi * o.lo, self.hi * o.hi)
        return Interval(min(ps), max(ps))

    __rmul__ = __mul__

    def __truediv__(self, other: Interval | float) -> Interval | None:
        """None when the divisor's interval contains 0 (the ratio is unbounded)."""
        o = _iv(other)
        if o.lo <= 0 <= o.hi:
            return None
        return self * Interval(1 / o.hi, 1 / o.lo)

    def clamp(self, lo: float | None = None, hi: float | None = None) -> Interval:
        a, b = self.lo, self.hi
        if lo is not None:
            a, b = max(a, lo), max(b, lo)
        if hi is not None:
            a, b = min(a, hi), min(b, hi)
        return Interval(a, b)

    # -- comparison --------------------------------------------------------------------
    def meets(self, other: Interval) -> bool:
        """Whether the two intervals share a point (allowing float noise)."""
        tol = _EPS * max(1.0, abs(self.lo), abs(self.hi), abs(other.lo), abs(other.hi))
        return self.lo <= other.hi + tol and other.lo <= self.hi + tol

    def contains(self, x: float) -> bool:
        return self.meets(Interval(x, x))

    def below(self, other: Interval) -> bool:
        """Entirely below ``other``: every value here is smaller than every value there."""
        return not self.meets(other) and self.hi < other.lo

    def above(self, other: Interval) -> bool:
        return not self.meets(other) and self.lo > other.hi

    @property
    def mid(self) -> float:
        return (self.lo + self.hi) / 2

    @property
    def width(self) -> float:
        return self.hi - self.lo


def _iv(x: Interval | float) -> Interval:
    return x if isinstance(x, Interval) else Interval(float(x), float(x))


def of_quantity(q: Quantity, unit_scale: bool = True) -> Interval | None:
    """The interval of a printed quantity in its base unit (万元 → 元, 万人次 → 人次);
    None if approximate."""
    if q.approx:
        return None
    scale = unit_info(q.unit)[0] if unit_scale else 1.0
    return Interval.printed(q.value, q.decimals, scale)


def widen(computed: Interval, decimals: int, below: bool = True, above: bool = True) -> Interval:
    """``computed`` widened by one unit of a printed value's last decimal (10^-decimals):
    the slack for a value that was truncated, or rounded another way, before printing."""
    step = 10 ** (-decimals)
    return Interval(computed.lo - (step if below else 0.0), computed.hi + (step if above else 0.0))


def total(parts: Iterable[Interval]) -> Interval:
    acc = Interval(0.0, 0.0)
    for p in parts:
        acc = acc + p
    return acc


def consistent(stated: Interval, computed: Interval | None) -> bool:
    """A stated result agrees with the inputs when the intervals meet; an unbounded
    computation (division by a value that may be 0) never contradicts anything."""
    return computed is None or stated.meets(computed)


def percent(part: Interval, whole: Interval) -> Interval | None:
    """part ÷ whole × 100, or None when ``whole`` may be 0."""
    r = part / whole
    return None if r is None else r * 100.0


def fmt(x: float, decimals: int = 2) -> str:
    """A number for a message: ``decimals`` places, trailing zeros kept (49.38)."""
    return f"{x:.{decimals}f}"


def fmt_like(x: float, d: int, model: Quantity) -> str:
    """``x`` with ``d`` decimals, printed the way ``model`` was (thousands separators or not)."""
    return f"{x:,.{d}f}" if model.grouped else fmt(x, d)
