#!/usr/bin/env python3
"""How many planted number errors budgetlint catches: a mutation test over real reports.

For every report (the real disclosures in ../shared/corpus/real and the sample reports), one
mutant is made per candidate number, each changing exactly one number in the text:

* an *amount*: a money amount in the prose whose printed figure also stands in a table cell
  of the same report (the prose quotes the table), multiplied by 1.37 and printed with the
  same decimals;
* a *percentage*: a percentage in the prose that states a change, a share or a rate (it
  follows 增长/增加/下降/减少/上升/占/比重/执行率 within a few characters), moved by 7.3
  points (or down, below 10%), printed with the same decimals.

The candidates are chosen from the text by these plain tests, not by what budgetlint binds,
so the catch rate measures its reach.  A mutant is *caught* when a finding that the original
report does not have lies in the mutated paragraph (a statement may wrap onto the next
line); every new finding outside that paragraph is *collateral* (a finding the change
provoked elsewhere: a false alarm, or a later sentence that relied on the changed figure).  Findings at info count: the
mutation is an error, and a hint pointing at it catches it.

    python bench/mutations.py                  # all reports, a summary per kind
    python bench/mutations.py --show-missed    # also list what was not caught
    python bench/mutations.py --json mutations.json --limit 40
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import regex

from budgetlint.config import Config
from budgetlint.nlp import readers
from budgetlint.nlp.model import Document
from budgetlint.nlp.numbers.quantities import Quantity, extract
from budgetlint.runner import lint_file, selected_rules

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT.parent / "shared" / "corpus" / "real"
SAMPLES = ROOT / "corpus" / "reports"
MONEY = ("元", "万元", "亿元")
RATE_CUE = regex.compile(r"(?:增长|增加|下降|减少|上升|降低|提高|占|比重|执行率|完成率)[^，。；,;]{0,6}$")


@dataclass(frozen=True)
class Mutant:
    kind: str  # "amount" | "percent"
    path: Path
    line: int  # 1-based physical line that was changed
    span: tuple[int, int]  # the lines of the paragraph that holds it
    old: str
    new: str


def _printed(value: float, decimals: int) -> str:
    return f"{value:.{decimals}f}"


def _number_text(q: Quantity) -> str:
    """The figure as printed, without its unit or comparator ("1,234.56", "17.62")."""
    m = regex.search(r"\d[\d,，]*(?:[.．]\d+)?", q.text)
    return m.group(0) if m else ""


def _table_figures(doc: Document) -> set[str]:
    out: set[str] = set()
    for t in doc.tables:
        for row in t.rows:
            for c in row:
                for q in extract(c.text):
                    out.add(_printed(q.value, q.decimals))
    return out


def candidates(path: Path) -> list[Mutant]:
    doc = readers.load_document(path)
    lines = path.read_text("utf-8-sig").split("\n")
    figures = _table_figures(doc)
    out: list[Mutant] = []
    seen: set[tuple[int, str]] = set()
    for p in doc.paragraphs:
        for q in p.quantities:
            if q.approx or q.comparator or q.decimals > 4:
                continue
            if q.unit in MONEY and q.value > 0 and _printed(q.value, q.decimals) in figures:
                kind, new_value = "amount", q.value * 1.37
            elif q.unit == "%" and RATE_CUE.search(p.text[max(0, q.start - 12) : q.start]):
                kind, new_value = "percent", q.value + 7.3 if q.value >= 10 else q.value + 3.1
            else:
                continue
            old = _number_text(q)
            line = p.body.line_at(q.start)
            if not old or not 1 <= line <= len(lines) or lines[line - 1].count(old) != 1:
                continue  # wrapped across lines, or ambiguous on its line
            new = _printed(new_value, q.decimals)
            if "," in old:
                new = f"{new_value:,.{q.decimals}f}"
            if (line, old) not in seen:
                seen.add((line, old))
                out.append(Mutant(kind, path, line, (p.line, p.end_line), old, new))
    return out


def _findings(path: Path, rules, cfg) -> set[tuple]:
    res = lint_file(str(path), rules, cfg)
    return {(f.rule, f.line, f.end_line, f.message) for f in res.findings}


def run(reports: list[Path], limit: int | None) -> list[dict]:
    cfg = Config()
    rules = selected_rules(cfg)
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for report in reports:
            base = _findings(report, rules, cfg)
            muts = candidates(report)
            if limit is not None:
                muts = muts[:limit]
            lines = report.read_text("utf-8-sig").split("\n")
            for m in muts:
                changed = list(lines)
                changed[m.line - 1] = changed[m.line - 1].replace(m.old, m.new, 1)
                mpath = Path(tmp) / report.name
                mpath.write_text("\n".join(changed), "utf-8")
                new = _findings(mpath, rules, cfg) - base
                at = [f for f in new if f[1] <= m.span[1] and m.span[0] <= f[2]]
                results.append(
                    {
                        "report": report.name,
                        "kind": m.kind,
                        "line": m.line,
                        "old": m.old,
                        "new": m.new,
                        "caught": bool(at),
                        "by": sorted({f[0] for f in at}),
                        "collateral": [f"{f[0]}:{f[1]}" for f in sorted(new) if f not in at],
                    }
                )
    return results


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, help="at most this many mutants per report")
    ap.add_argument("--json", type=Path, help="write every mutant's result to this file")
    ap.add_argument("--show-missed", action="store_true")
    a = ap.parse_args()
    reports = sorted(SAMPLES.glob("*.txt"))
    if REAL.is_dir():
        reports += sorted(p for p in REAL.glob("*.txt") if not p.name.startswith("006_"))
    results = run(reports, a.limit)
    for kind in ("amount", "percent"):
        rs = [r for r in results if r["kind"] == kind]
        caught = sum(r["caught"] for r in rs)
        noisy = sum(bool(r["collateral"]) for r in rs)
        share = f"{caught / len(rs):.0%}" if rs else "n/a"
        print(f"{kind:8} mutants {len(rs):4}  caught {caught:4} ({share})  with collateral findings {noisy}")
    if a.show_missed:
        for r in results:
            if not r["caught"]:
                print(f"  missed {r['kind']:7} {r['report']}:{r['line']} {r['old']} -> {r['new']}")
    if a.json:
        a.json.write_text(json.dumps(results, ensure_ascii=False, indent=1), "utf-8")
    sys.exit(0)


if __name__ == "__main__":
    main()
