"""The one unit table (``nlp/data/units.yaml``): units, multipliers and the money units.

* :data:`UNIT_KIND`, :data:`UNIT_SCALABLE`, :data:`ALIASES`, :data:`BLOCKERS` and
  :data:`MULTIPLIERS` are what the quantity parser recognises ("万元", "个百分点", "万人次");
* :func:`unit_info` gives a unit's factor and base unit (万元 → 1e4 元);
* :data:`MONEY_UNITS` are the money units amounts are compared and converted in, with their
  factor to 元 (元 1, 万元 1e4, 亿元 1e8); :data:`STATED_MONEY_UNITS` adds the ones a table
  may state without budgetlint computing with them (千元), longest first for patterns.
"""

from __future__ import annotations

from functools import cache

import regex

from budgetlint.nlp.lexicon import load

_D = load("units")

MULTIPLIERS: dict[str, float] = {str(k): float(v) for k, v in _D["multipliers"].items()}

UNIT_KIND: dict[str, str] = {}  # canonical unit -> kind
UNIT_SCALABLE: dict[str, bool] = {}  # canonical unit -> may a multiplier precede it
ALIASES: dict[str, str] = {}  # surface form -> canonical unit
BLOCKERS: dict[str, list[str]] = {}  # surface form -> what may not follow it
for _canon, _spec in _D["units"].items():
    _canon = str(_canon)
    _spec = _spec or {}
    _kind = _spec["kind"]
    UNIT_KIND[_canon] = _kind
    UNIT_SCALABLE[_canon] = bool(_spec.get("scalable", _kind in ("money", "count")))
    _blk = [str(b) for b in _spec.get("blockers", []) or []]
    for _surf in [_canon] + [str(a) for a in _spec.get("aliases", []) or []]:
        ALIASES[_surf] = _canon
        BLOCKERS[_surf] = _blk

_MULT_LONGEST_FIRST = sorted(MULTIPLIERS, key=len, reverse=True)


@cache
def unit_info(unit: str | None) -> tuple[float, str | None]:
    """(factor, base unit) of a canonical unit: 万元 -> (1e4, "元"), 万 -> (1e4, None),
    万人次 -> (1e4, "人次"), % -> (1, "%"), None -> (1, None)."""
    if unit is None:
        return 1.0, None
    if unit in UNIT_KIND:
        return 1.0, unit
    for m in _MULT_LONGEST_FIRST:
        if unit.startswith(m):
            rest = unit[len(m) :]
            if rest == "":
                return MULTIPLIERS[m], None
            if rest in UNIT_KIND:
                return MULTIPLIERS[m], rest
    return 1.0, unit


def _money(units) -> dict[str, float]:
    out = {}
    for u in map(str, units):
        factor, base = unit_info(u)
        if base is None or UNIT_KIND.get(base) != "money":
            raise ValueError(f"units.yaml: {u!r} is not a money unit")
        out[u] = factor
    return out


# the money units amounts are computed in, in table order: 元 1.0, 万元 1e4, 亿元 1e8
MONEY_UNITS: dict[str, float] = _money(_D["money"]["computed"])
# every money unit a table or caption may state, longest first: 万元, 亿元, 千元, 元
STATED_MONEY_UNITS: tuple[str, ...] = tuple(
    sorted(list(MONEY_UNITS) + list(_money(_D["money"]["stated_only"])), key=len, reverse=True)
)


def money_alternation(units=None) -> str:
    """A regex alternation of money units, longest first (``MONEY_UNITS`` by default)."""
    return "|".join(regex.escape(u) for u in sorted(MONEY_UNITS if units is None else units, key=len, reverse=True))
