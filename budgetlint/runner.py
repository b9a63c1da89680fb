"""Lint files: expand paths, load each document once, run the selected rules."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from budgetlint.config import Config
from budgetlint.models.errors import ModelUnavailable
from budgetlint.nlp import readers
from budgetlint.nlp.errors import LoadError
from budgetlint.nlp.text import segmenter
from budgetlint.rules import Rule, RuleContext, all_rules, matches
from budgetlint.rules.base import Finding, Severity


@dataclass
class FileResult:
    path: str
    format: str | None = None
    doc_kind: str | None = None
    error: str | None = None  # the file could not be linted at all (loader failure or bug)
    internal: bool = False  # ``error`` is an internal error (a bug), not unreadable input
    findings: list[Finding] = field(default_factory=list)
    # rules whose check raised, as "CODE: ExceptionType: message"; the other rules'
    # findings are kept
    rule_errors: list[str] = field(default_factory=list)
    unavailable: set[str] = field(default_factory=set)  # rules whose trained model is missing


@dataclass
class Report:
    files: list[FileResult]
    # directories given on the command line that hold no .txt/.docx file
    empty_dirs: list[str] = field(default_factory=list)

    @property
    def unreadable(self) -> int:
        return sum(1 for f in self.files if f.error)

    @property
    def internal_errors(self) -> int:
        """Files hit by a bug: the whole file or at least one rule."""
        return sum(1 for f in self.files if (f.error and f.internal) or f.rule_errors)

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


def expand_paths(paths: list[str], empty_dirs: list[str] | None = None) -> list[tuple[str, str | None]]:
    """Files to lint, in order, as (path, error): directories are walked (sorted) for
    .txt and .docx files; a missing path is kept with its error.  A directory without
    any such file is appended to ``empty_dirs`` (when given)."""
    out: list[tuple[str, str | None]] = []
    for p in paths:
        path = Path(p)
        if path.is_dir():
            found = []
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if name.lower().endswith(readers.SUPPORTED_SUFFIXES) and not name.startswith(("~$", ".")):
                        found.append(str(Path(root) / name))
            out.extend((f, None) for f in found)
            if not found and empty_dirs is not None:
                empty_dirs.append(str(path))
        elif path.exists():
            out.append((str(path), None))
        else:
            out.append((str(path), "文件不存在"))
    return out


def format_of(path: str) -> str | None:
    """The format a path's suffix names ("txt", "docx"), or None."""
    suffix = Path(path).suffix.lower()
    return suffix[1:] if suffix in readers.SUPPORTED_SUFFIXES else None


def _one_line(exc: BaseException) -> str:
    msg = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {msg}" if msg else type(exc).__name__


def lint_file(path: str, rules: list[type[Rule]], cfg: Config) -> FileResult:
    res = FileResult(path=path)
    try:
        doc = readers.load_document(path)
        res.format = doc.format
        res.doc_kind = doc.doc_kind
    except LoadError as exc:
        res.format = format_of(path)
        res.error = str(exc)
        return res
    except Exception as exc:  # a bug must not cost the rest of the batch
        res.format = res.format or format_of(path)
        res.error = f"内部错误（请报告）：{_one_line(exc)}"
        res.internal = True
        return res
    for rule_cls in rules:
        ctx = RuleContext.for_rule(rule_cls, cfg.rule_options.get(rule_cls.code))
        try:
            found = list(rule_cls().check(doc, ctx))
        except ModelUnavailable as exc:  # the artefact is missing: say how to rebuild it
            res.rule_errors.append(f"{rule_cls.code}: {exc}")
            res.unavailable.add(rule_cls.code)
            continue
        except Exception as exc:  # a bug in one rule must not cost the other rules
            res.rule_errors.append(f"{rule_cls.code}: {_one_line(exc)}")
            continue
        res.findings.extend(f for f in found if f.severity >= cfg.min_severity)
    res.findings.sort(key=lambda f: (f.line, f.end_line, f.rule))
    return res


def lint_paths(paths: list[str], cfg: Config) -> Report:
    rules = selected_rules(cfg)
    results = []
    empty_dirs: list[str] = []
    targets = list(expand_paths(paths, empty_dirs))
    if len(targets) > 1:
        # a batch pays spaCy's start-up once for all its documents: it is the segmenter
        segmenter.use_spacy()
    for path, err in targets:
        if err:
            results.append(FileResult(path=path, format=format_of(path), error=err))
        else:
            results.append(lint_file(path, rules, cfg))
    return Report(results, empty_dirs)


def exit_code(report: Report, threshold: Severity = Severity.info) -> int:
    if report.unreadable or report.empty_dirs or any(f.rule_errors for f in report.files):
        return 2
    return 1 if any(f.severity >= threshold for f in report.findings()) else 0
