"""The rule layer: one module per rule code, listed in :mod:`budgetlint.rules.codes`.

A rule module ``rules/<CODE>.py`` defines one :class:`~budgetlint.rules.base.Rule`
subclass decorated with :func:`register`; its fixtures are ``tests/fixtures/rules/<CODE>.yaml``.
Rules compare the typed views the analysis layer computed; they never parse text.
"""

from __future__ import annotations

from importlib import import_module

from budgetlint.rules.base import Finding, Rule, RuleContext, Severity
from budgetlint.rules.codes import CODES

_REGISTRY: dict[str, type[Rule]] = {}


def register(cls: type[Rule]) -> type[Rule]:
    """Register a rule class; its code must be in the code table, with that category."""
    if not cls.code or not cls.category or not cls.name:
        raise ValueError(f"rule {cls.__name__} lacks code, name or category")
    entry = CODES.get(cls.code)
    if entry is None:
        raise ValueError(f"rule code {cls.code} is not in rules/codes.py")
    if entry.category != cls.category:
        raise ValueError(f"{cls.code}: category {cls.category!r}, the code table says {entry.category!r}")
    if cls.code in _REGISTRY and _REGISTRY[cls.code] is not cls:
        raise ValueError(f"duplicate rule code {cls.code}")
    _REGISTRY[cls.code] = cls
    return cls


def all_rules() -> list[type[Rule]]:
    """Every rule of the code table, sorted by code (their modules imported on first use)."""
    for code in CODES:
        if code not in _REGISTRY:
            import_module(f"{__name__}.{code}")
    return [_REGISTRY[c] for c in sorted(_REGISTRY)]


def get_rule(code: str) -> type[Rule] | None:
    code = code.upper()
    if code not in CODES:
        return None
    if code not in _REGISTRY:
        import_module(f"{__name__}.{code}")
    return _REGISTRY.get(code)


def matches(code: str, selectors: list[str]) -> bool:
    """Whether ``code`` is named by any selector: an exact code or a prefix ("DEV", "D")."""
    return any(code.startswith(s.upper()) for s in selectors if s)


__all__ = ["Finding", "Rule", "RuleContext", "Severity", "all_rules", "get_rule", "matches", "register"]
