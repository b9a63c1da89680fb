"""The rule layer: one module per rule code, ``rules/<CODE>.py``.

A rule module defines one :class:`~budgetlint.rules.base.Rule` subclass decorated with
:func:`register`; its fixtures are ``tests/fixtures/rules/<CODE>.yaml``.  The registry finds
the modules by their names; :mod:`budgetlint.rules.codes` lists the released codes with
their categories.  Rules compare the typed views the analysis layer computed; they never
parse text.
"""

from __future__ import annotations

import pkgutil
from functools import lru_cache
from importlib import import_module

import regex

from budgetlint.rules.base import Finding, Rule, RuleContext, Severity
from budgetlint.rules.codes import CODES

_REGISTRY: dict[str, type[Rule]] = {}
_CODE = regex.compile(r"[A-Z]{3}\d{3}")


@lru_cache(maxsize=1)
def rule_modules() -> tuple[str, ...]:
    """The codes that have a rule module (``rules/<CODE>.py``), sorted."""
    return tuple(sorted(m.name for m in pkgutil.iter_modules(__path__) if _CODE.fullmatch(m.name)))


def register(cls: type[Rule]) -> type[Rule]:
    """Register a rule class; a released code must keep the category the code table gives it."""
    if not cls.code or not cls.category or not cls.name:
        raise ValueError(f"rule {cls.__name__} lacks code, name or category")
    entry = CODES.get(cls.code)
    if entry is not None and entry.category != cls.category:
        raise ValueError(f"{cls.code}: category {cls.category!r}, the code table says {entry.category!r}")
    if cls.code in _REGISTRY and _REGISTRY[cls.code] is not cls:
        raise ValueError(f"duplicate rule code {cls.code}")
    _REGISTRY[cls.code] = cls
    return cls


def all_rules() -> list[type[Rule]]:
    """Every rule, sorted by code (their modules imported on first use)."""
    for code in rule_modules():
        if code not in _REGISTRY:
            import_module(f"{__name__}.{code}")
    return [_REGISTRY[c] for c in sorted(_REGISTRY)]


def get_rule(code: str) -> type[Rule] | None:
    code = code.upper()
    if code not in rule_modules():
        return None
    if code not in _REGISTRY:
        import_module(f"{__name__}.{code}")
    return _REGISTRY.get(code)


def matches(code: str, selectors: list[str]) -> bool:
    """Whether ``code`` is named by any selector: an exact code or a prefix ("DEV", "D")."""
    return any(code.startswith(s.upper()) for s in selectors if s)


__all__ = ["Finding", "Rule", "RuleContext", "Severity", "all_rules", "get_rule", "matches", "register"]
