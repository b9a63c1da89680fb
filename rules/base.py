"""The rule contract: metadata on the class, the check in ``check``, docs in the docstring.

A rule module defines one subclass of :class:`Rule` per code and decorates it with
:func:`rules.register`.  Its docstring is what ``budgetlint rule CODE`` prints, and must
have the sections ``Why``, ``Fails`` and ``Passes`` (checked by the test suite).  Its
fixtures live in ``tests/fixtures/rules/<CODE>.yaml`` and are run by one generic test.
"""

from __future__ import annotations

import inspect
from dataclasses import dataclass, field
from enum import IntEnum
from typing import Any, ClassVar, Iterator

from nlp.model import Document


class Severity(IntEnum):
    info = 1
    warning = 2
    error = 3

    @classmethod
    def parse(cls, name: str) -> "Severity":
        try:
            return cls[name.strip().lower()]
        except KeyError:
            raise ValueError(f"unknown severity {name!r} (use info, warning or error)") from None


@dataclass
class Finding:
    rule: str
    category: str
    severity: Severity
    message: str
    line: int
    end_line: int
    section: str = ""
    location: dict[str, Any] | None = None
    excerpt: str = ""
    evidence: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "category": self.category,
            "severity": self.severity.name,
            "message": self.message,
            "line": self.line,
            "end_line": self.end_line,
            "section": self.section,
            "location": self.location,
            "excerpt": self.excerpt,
            "evidence": self.evidence,
        }


@dataclass
class RuleContext:
    """What a rule may read besides the document: its options (defaults merged with the
    user's configuration)."""

    options: dict[str, Any] = field(default_factory=dict)


def excerpt_of(text: str, limit: int = 60) -> str:
    t = " ".join(text.split())
    return t if len(t) <= limit else t[: limit - 1] + "…"


class Rule:
    code: ClassVar[str] = ""
    name: ClassVar[str] = ""  # kebab-case, e.g. "missing-deviation-explanation"
    category: ClassVar[str] = ""
    severity: ClassVar[Severity] = Severity.warning
    title: ClassVar[str] = ""  # one line, Chinese, shown by `budgetlint rules`
    options: ClassVar[dict[str, Any]] = {}  # option name -> default

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Finding]:  # pragma: no cover
        raise NotImplementedError

    # -- helpers for subclasses --------------------------------------------------------
    def finding(
        self,
        doc: Document,
        message: str,
        line: int,
        end_line: int | None = None,
        *,
        severity: Severity | None = None,
        section: str | None = None,
        location: dict[str, Any] | None = None,
        excerpt: str = "",
        evidence: dict[str, Any] | None = None,
    ) -> Finding:
        if section is None:
            section = doc.section_of(line).path
        return Finding(
            rule=self.code,
            category=self.category,
            severity=severity or self.severity,
            message=message,
            line=line,
            end_line=end_line if end_line is not None else line,
            section=section,
            location=location,
            excerpt=excerpt_of(excerpt),
            evidence=evidence or {},
        )

    @classmethod
    def doc(cls) -> str:
        return inspect.cleandoc(cls.__doc__ or "")

    @classmethod
    def doc_sections(cls) -> dict[str, str]:
        """The docstring split into its summary and the Why / Fails / Passes sections."""
        out: dict[str, list[str]] = {"summary": []}
        current = "summary"
        for line in cls.doc().splitlines():
            head = line.strip().rstrip(":").lower()
            if head in ("why", "fails", "passes", "options", "limits"):
                current = head
                out[current] = []
                continue
            if set(line.strip()) <= {"-", "="} and line.strip():
                continue
            out.setdefault(current, []).append(line)
        return {k: "\n".join(v).strip() for k, v in out.items()}
