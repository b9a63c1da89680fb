"""The rule layer: a registry of rules with stable codes.

Codes are grouped by family prefix (DEV deviation, SEC sections, BPL boilerplate, NUM
numbers) so users can select or ignore a whole family (``--select DEV``).  A code never
changes meaning once released.
"""

from __future__ import annotations

from importlib import import_module

from budgetlint.rules.base import Finding, Rule, RuleContext, Severity

_REGISTRY: dict[str, type[Rule]] = {}

# modules that define rules; importing them registers their classes
_RULE_MODULES = ("budgetlint.rules.deviation", "budgetlint.rules.sections", "budgetlint.rules.numbers", "budgetlint.rules.performance", "budgetlint.rules.tables", "budgetlint.rules.structure", "budgetlint.rules.content")


def register(cls: type[Rule]) -> type[Rule]:
    if not cls.code or not cls.category or not cls.name:
        raise ValueError(f"rule {cls.__name__} lacks code, name or category")
    if cls.code in _REGISTRY and _REGISTRY[cls.code] is not cls:
        raise ValueError(f"duplicate rule code {cls.code}")
    _REGISTRY[cls.code] = cls
    return cls


def all_rules() -> list[type[Rule]]:
    """Every registered rule, sorted by code."""
    for mod in _RULE_MODULES:
        import_module(mod)
    return [_REGISTRY[c] for c in sorted(_REGISTRY)]


def get_rule(code: str) -> type[Rule] | None:
    all_rules()
    return _REGISTRY.get(code.upper())


def matches(code: str, selectors: list[str]) -> bool:
    """Whether ``code`` is named by any selector: an exact code or a prefix ("DEV", "D")."""
    return any(code.startswith(s.upper()) for s in selectors if s)


__all__ = ["Finding", "Rule", "RuleContext", "Severity", "all_rules", "get_rule", "matches", "register"]
