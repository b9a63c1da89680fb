"""The rule contract: metadata on the class, the check in ``check``, docs in the docstring.

A rule module ``rules/<CODE>.py`` defines the subclass of :class:`Rule` for its code and
decorates it with :func:`budgetlint.rules.register`.  Its docstring is what ``budgetlint rule CODE`` prints, and must
have the sections ``Why``, ``Fails`` and ``Passes`` (checked by the test suite).  Its
fixtures live in ``tests/fixtures/rules/<CODE>.yaml`` and are run by one generic test.
"""

from __future__ import annotations

import inspect
import json
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import IntEnum
from typing import Any, ClassVar

from budgetlint.nlp.model import Document


class Severity(IntEnum):
    info = 1
    warning = 2
    error = 3

    @classmethod
    def parse(cls, name: str) -> Severity:
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
    page: int | None = None  # PDF input: the page the finding starts on
    cell: str | None = None  # spreadsheet input: "Sheet!H12"

    def to_json(self) -> dict[str, Any]:
        out = {
            "rule": self.rule,
            "category": self.category,
            "severity": self.severity.name,
            "message": self.message,
            "line": self.line,
            "end_line": self.end_line,
            "section": self.section,
            "location": self.location,
            "excerpt": self.excerpt,
            "evidence": _json_value(self.evidence),
        }
        if self.page is not None:
            out["page"] = self.page
        if self.cell is not None:
            out["cell"] = self.cell
        return out


def _json_value(value: Any) -> Any:
    """``value`` for JSON: whole floats (20.0) as ints (20), through dicts and lists."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {k: _json_value(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_json_value(v) for v in value]
    return value


@dataclass
class RuleContext:
    """What a rule may read besides the document: its options (defaults merged with the
    user's configuration).  A rule reads ``ctx.options[name]``; the default is written
    once, in the rule's ``options``."""

    options: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def for_rule(cls, rule: type[Rule], overrides: dict[str, Any] | None = None) -> RuleContext:
        """The rule's option defaults, overridden by ``overrides`` (validated configuration)."""
        return cls(options={**rule.options, **(overrides or {})})


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
            section = doc.section_index.at(line).path
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
            page=doc.page_of(line) if doc.format == "pdf" else None,
            cell=doc.cell_ref(location),
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

    @classmethod
    def options_toml(cls) -> str:
        """The rule's options with their defaults, as a configuration snippet."""
        lines = [f"[tool.budgetlint.rules.{cls.code}]"]
        lines += [f"{k} = {_toml_value(v)}" for k, v in cls.options.items()]
        return "\n".join(lines)

    @classmethod
    def doc_page(cls) -> str:
        """What ``budgetlint rule CODE`` prints: the header line, the title, the summary,
        then the docstring's sections under Chinese headings, options as TOML."""
        meta = f"严重级别：{cls.severity.name}"
        if cls.category != cls.name:
            meta += f"，类别：{cls.category}"
        parts = [f"{cls.code} {cls.name}（{meta}）\n{cls.title}"]
        sections = cls.doc_sections()
        if sections.get("summary"):
            parts.append(sections["summary"])
        for key, heading in _DOC_HEADINGS.items():
            body = sections.get(key, "")
            if key == "options" and cls.options:
                snippet = cls.options_toml()
                body = f"{body}\n\n{snippet}" if body else snippet
            if body:
                parts.append(heading + "\n" + textwrap.indent(body, "  "))
        return "\n\n".join(parts)


_DOC_HEADINGS = {"why": "为什么", "fails": "不合格示例", "passes": "合格示例", "options": "选项", "limits": "局限"}


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    return json.dumps(value, ensure_ascii=False)
