"""Render a lint report as text (for people) or JSON (for scripts; a stable contract)."""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections import Counter
from pathlib import Path
from typing import IO

from budgetlint import __version__
from budgetlint.rules.base import Severity
from budgetlint.runner import Report

SCHEMA_VERSION = 1
_STYLE = {Severity.error: "bold red", Severity.warning: "yellow", Severity.info: "cyan"}


def summary(report: Report) -> dict:
    by_rule = Counter(f.rule for f in report.findings())
    by_sev = Counter(f.severity.name for f in report.findings())
    return {
        "files": len(report.files),
        "unreadable": report.unreadable,
        "findings": sum(by_rule.values()),
        "by_rule": dict(sorted(by_rule.items())),
        "by_severity": {k: by_sev[k] for k in ("error", "warning", "info") if by_sev[k]},
    }


def to_json(report: Report) -> dict:
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "budgetlint", "version": __version__},
        "files": [
            {
                "path": f.path,
                "format": f.format,
                "doc_kind": f.doc_kind,
                "error": f.error,
                "rule_errors": list(f.rule_errors),
                "findings": [x.to_json() for x in f.findings],
            }
            for f in report.files
        ],
        "summary": summary(report),
    }


_UNREADABLE = "无法读取："


def unreadable(reason: str) -> str:
    """``无法读取：REASON``, once even when the loader's reason already starts with it."""
    while reason.startswith(_UNREADABLE):
        reason = reason[len(_UNREADABLE) :]
    return _UNREADABLE + reason


def error_lines(report: Report) -> list[str]:
    """The problems to print on standard error, one line each, without the
    ``budgetlint: `` prefix: directories without reports, files that could not be read,
    internal errors (of a whole file or of one rule)."""
    lines = [f"{d}: 没有找到可检查的报告文件（.txt/.docx/.pdf/.xlsx/.xls）" for d in report.empty_dirs]
    for f in report.files:
        if f.error:
            if f.internal:
                lines.append(f"{f.path}: {f.error}")
            else:
                lines.append(f"{f.path}: {unreadable(f.error)}")
        for err in f.rule_errors:
            code, _, detail = err.partition(": ")
            if code in f.unavailable:
                lines.append(f"{f.path}: 规则 {code} 未运行：{detail}")
            else:
                lines.append(f"{f.path}: 内部错误（规则 {code}）：{detail}")
    return lines


def render_json(report: Report) -> str:
    return json.dumps(to_json(report), ensure_ascii=False, indent=2) + "\n"


def render_text(report: Report, out: IO[str], color: bool) -> None:
    from rich.console import Console
    from rich.markup import escape

    console = Console(
        file=out,
        no_color=not color,
        highlight=False,
        soft_wrap=True,
        force_terminal=color or None,
        width=10_000 if not color else None,
    )
    for f in report.files:
        if f.error or not f.findings:  # errors go to standard error (error_lines), once
            continue
        console.print(f"[bold]{escape(f.path)}[/]" if color else f.path)
        for x in f.findings:
            sev = x.severity.name
            head = f"{f.path}:{x.line}: {x.rule} {sev} "
            where = (f"（第{x.page}页）" if x.page else "") + (f"（单元格 {x.cell}）" if x.cell else "")
            if color:
                console.print(
                    f"  {escape(f.path)}:{x.line}: [bold]{x.rule}[/] [{_STYLE[x.severity]}]{sev}[/] "
                    f"{escape(x.message)}{escape(where)}"
                )
            else:
                console.print(f"  {head}{x.message}{where}")
            if x.excerpt:
                console.print(f"      | {escape(x.excerpt)}" if color else f"      | {x.excerpt}")
    s = summary(report)
    sev = "，".join(f"{n} {k}" for k, n in s["by_severity"].items()) or "无"
    n_unreadable = sum(1 for f in report.files if f.error and not f.internal)
    internal = report.internal_errors
    console.print(
        f"共检查 {s['files']} 个文件，发现 {s['findings']} 处问题（{sev}）"
        + (f"；{n_unreadable} 个文件无法读取" if n_unreadable else "")
        + (f"；{internal} 个文件出现内部错误" if internal else "")
        + "。"
    )


def write_atomic(path: Path, content: str) -> None:
    """Write ``content`` to ``path`` so that readers never see a half-written file.

    The file gets the mode an ordinary ``open(path, "w")`` would give it (0o666 less the
    umask), not mkstemp's private 0o600."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent or ".")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(content)
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _umask() -> int:
    """The process umask (reading it means setting it, so it is restored at once)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask
