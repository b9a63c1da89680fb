"""Lint files: expand paths, load each document once, run the selected rules."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import nlp
from budgetlint.config import Config
from nlp.errors import LoadError
from rules import Rule, RuleContext, all_rules, matches
from rules.base import Finding, Severity


@dataclass
class FileResult:
    path: str
    format: str | None = None
    doc_kind: str | None = None
    error: str | None = None
    findings: list[Finding] = field(default_factory=list)


@dataclass
class Report:
    files: list[FileResult]

    @property
    def unreadable(self) -> int:
        return sum(1 for f in self.files if f.error)

    def findings(self):
        for f in self.files:
            yield from f.findings


def selected_rules(cfg: Config) -> list[type[Rule]]:
    out = []
    for r in all_rules():
        if cfg.select and not matches(r.code, cfg.select):
            continue
        if cfg.ignore and matches(r.code, cfg.ignore):
            continue
        out.append(r)
    return out


def expand_paths(paths: list[str]) -> list[tuple[str, str | None]]:
    """Files to lint, in order, as (path, error): directories are walked (sorted) for
    .txt and .docx files; a missing path is kept with its error."""
    out: list[tuple[str, str | None]] = []
    for p in paths:
        path = Path(p)
        if path.is_dir():
            found = []
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if name.lower().endswith(nlp.SUPPORTED_SUFFIXES) and not name.startswith(("~$", ".")):
                        found.append(str(Path(root) / name))
            out.extend((f, None) for f in found)
        elif path.exists():
            out.append((str(path), None))
        else:
            out.append((str(path), "文件不存在"))
    return out


def lint_file(path: str, rules: list[type[Rule]], cfg: Config) -> FileResult:
    res = FileResult(path=path)
    try:
        doc = nlp.load_document(path)
        res.format = doc.format
        res.doc_kind = doc.doc_kind
        for rule_cls in rules:
            opts = dict(rule_cls.options)
            opts.update(cfg.rule_options.get(rule_cls.code, {}))
            for f in rule_cls().check(doc, RuleContext(options=opts)):
                if f.severity >= cfg.min_severity:
                    res.findings.append(f)
    except LoadError as exc:
        res.error = str(exc)
        return res
    except Exception as exc:  # a bug must not cost the rest of the batch
        res.error = f"内部错误（请报告）：{type(exc).__name__}: {exc}"
        res.findings.clear()
        return res
    res.findings.sort(key=lambda f: (f.line, f.end_line, f.rule))
    return res


def lint_paths(paths: list[str], cfg: Config) -> Report:
    rules = selected_rules(cfg)
    results = []
    for path, err in expand_paths(paths):
        if err:
            results.append(FileResult(path=path, error=err))
        else:
            results.append(lint_file(path, rules, cfg))
    return Report(results)


def exit_code(report: Report, threshold: Severity = Severity.info) -> int:
    if report.unreadable:
        return 2
    return 1 if any(f.severity >= threshold for f in report.findings()) else 0
