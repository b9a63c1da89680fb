#!/usr/bin/env python3
"""Record or compare the findings budgetlint reports on every sample, seed and real report.

A refactoring must not change a finding.  Record the JSON of all reports before the change,
then compare after it:

    python bench/findings_snapshot.py record before.json
    python bench/findings_snapshot.py compare before.json      # exits 1 and prints the diff

Inputs: corpus/reports, and when present ../shared/seeds, ../shared/corpus/real (text and
PDFs/workbooks in bin/) and ../shared/corpus/real2.  Paths are stored relative to the
checkout (corpus/reports/...) or to its parent (shared/...), so a snapshot recorded in one
checkout compares against another; older snapshots keyed "<checkout>/corpus/..." are read
as "corpus/...".
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SOURCES = [
    ROOT / "corpus" / "reports",
    SHARED / "seeds",
    SHARED / "corpus" / "real",
    SHARED / "corpus" / "real" / "bin",
    SHARED / "corpus" / "real2",
]
SUFFIXES = {".txt", ".docx", ".pdf", ".xlsx", ".xls"}


def budgetlint_cmd() -> list[str]:
    exe = Path(sys.executable).parent / "budgetlint"
    return [str(exe)] if exe.exists() else [shutil.which("budgetlint") or "budgetlint"]


def inputs() -> list[Path]:
    files: list[Path] = []
    for src in SOURCES:
        if src.is_dir():
            files += sorted(p for p in src.iterdir() if p.is_file() and p.suffix in SUFFIXES)
    return files


def snapshot() -> dict[str, dict]:
    files = inputs()
    proc = subprocess.run(
        budgetlint_cmd() + ["check", "--format", "json", "--no-color", "--exit-zero"] + [str(f) for f in files],
        capture_output=True,
        text=True,
    )
    if not proc.stdout.strip():
        sys.exit(f"budgetlint printed no JSON (exit {proc.returncode}): {proc.stderr[-500:]}")
    out = json.loads(proc.stdout)
    result: dict[str, dict] = {}
    for entry in out["files"]:
        path = Path(entry["path"]).resolve()
        key = str(path.relative_to(ROOT if path.is_relative_to(ROOT) else ROOT.parent))
        result[key] = {
            "doc_kind": entry.get("doc_kind"),
            "error": entry.get("error"),
            "rule_errors": entry.get("rule_errors"),
            "findings": entry["findings"],
        }
    return result


def checkout_independent(snap: dict[str, dict]) -> dict[str, dict]:
    """Drop the checkout's folder name from keys recorded as "<checkout>/corpus/..."."""
    out = {}
    for key, value in snap.items():
        head, _, rest = key.partition("/")
        out[rest if head != "shared" and rest.startswith("corpus/") else key] = value
    return out


def describe(f: dict) -> str:
    return f"{f['rule']} {f['severity']} line {f['line']}: {f['message']}"


def compare(before: dict, after: dict) -> list[str]:
    diff: list[str] = []
    for key in sorted(set(before) | set(after)):
        b, a = before.get(key), after.get(key)
        if b is None or a is None:
            diff.append(f"{key}: {'new' if b is None else 'gone'} report")
            continue
        for field in ("doc_kind", "error", "rule_errors"):
            if b[field] != a[field]:
                diff.append(f"{key}: {field} {b[field]!r} -> {a[field]!r}")
        bf = [json.dumps(f, sort_keys=True, ensure_ascii=False) for f in b["findings"]]
        af = [json.dumps(f, sort_keys=True, ensure_ascii=False) for f in a["findings"]]
        for s in bf:
            if s not in af:
                diff.append(f"{key}: - {describe(json.loads(s))}")
        for s in af:
            if s not in bf:
                diff.append(f"{key}: + {describe(json.loads(s))}")
    return diff


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("action", choices=["record", "compare"])
    ap.add_argument("file", type=Path)
    a = ap.parse_args()
    snap = snapshot()
    if a.action == "record":
        a.file.write_text(json.dumps(snap, ensure_ascii=False, indent=1, sort_keys=True), "utf-8")
        n = sum(len(v["findings"]) for v in snap.values())
        print(f"{len(snap)} reports, {n} findings recorded in {a.file}")
        return
    before = checkout_independent(json.loads(a.file.read_text("utf-8")))
    diff = compare(before, snap)
    n = sum(len(v["findings"]) for v in snap.values())
    print("\n".join(diff) if diff else f"no difference: {len(snap)} reports, {n} findings")
    sys.exit(1 if diff else 0)


if __name__ == "__main__":
    main()
