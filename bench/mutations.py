#!/usr/bin/env python3
"""Mutation test: change one prose amount that a table backs and count how often it is caught.

For every real report in ../shared/corpus/real, each prose amount that NUM001 binds to a
table cell and that agrees with it today is changed in a copy of the text, one at a
time: its last digit is raised by 3 (mod 10; 26.71 → 26.74), or, with ``--scale``, the
amount is written ten thousand times smaller (元 written as 万元).  The mutant is caught
when a finding appears on the changed line; it is clean when no finding appears anywhere
else.  With ``--all`` the amounts are every prose amount that some table cell of the
report prints (bound or not), which measures how much of what a reader could check is
bound.  Prints each report's figures and the catch rate.

    python bench/mutations.py [--all] [--scale] [--show]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from budgetlint.config import Config
from budgetlint.nlp.analysis.facts import infer_table_units, side_for, table_sides
from budgetlint.nlp.readers import load_document
from budgetlint.runner import lint_paths

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT.parent / "shared" / "corpus" / "real"


def _findings(path: Path) -> set[tuple[str, int, str]]:
    rep = lint_paths([str(path)], Config())
    return {(x.rule, x.line, x.message) for f in rep.files for x in f.findings}


def _backed(doc):
    facts = doc.facts
    prose = [f for f in facts if f.source == "prose"]
    table = [f for f in facts if f.source == "table"]
    sides = table_sides(table, infer_table_units(prose, table))
    out = []
    for p in prose:
        side = side_for(sides, p)
        if side is None or side.unit is None:
            continue
        pi, ti = p.yuan_interval(), side.fact.yuan_interval(side.unit)
        if pi is not None and ti is not None and pi.meets(ti) and p.line == p.end_line:
            out.append(p)
    return out


class _Backed:
    """A prose amount whose value a table cell of the report also prints."""

    def __init__(self, line: int, text: str, label: str) -> None:
        self.line, self.label = line, label
        self.quantity = type("Q", (), {"text": text})()


def _backed_by_value(doc):
    """Every prose money amount (not approximate, not a change) equal in 元 to some table
    cell of the report: what a reader could check against the tables."""
    from budgetlint.nlp.numbers.quantities import parse_value
    from budgetlint.nlp.numbers.units import MONEY_UNITS

    cells = set()
    for t in doc.tables:
        for row in t.rows:
            for c in row:
                q = parse_value(c.text)
                u = (q.unit if q is not None else None) or t.unit
                if q is not None and u in MONEY_UNITS and q.value:
                    cells.add(round(q.value * MONEY_UNITS[u], 0))
    out = []
    for para in doc.paragraphs:
        for q in para.quantities:
            if q.unit not in MONEY_UNITS or q.approx or q.comparator or not q.value:
                continue
            if round(q.value * MONEY_UNITS[q.unit], 0) in cells:
                line, end = para.body.span_lines(q.start, q.end)
                if line == end:
                    out.append(_Backed(line, q.text, para.text[max(0, q.start - 12) : q.start]))
    return out


def _mutate(text: str, scale: bool) -> str | None:
    digits = [i for i, ch in enumerate(text) if ch.isdigit()]
    if not digits:
        return None
    if scale:
        if "," in text:
            return None
        try:
            v = float(text.strip())
        except ValueError:
            return None
        return f"{v / 10000:.2f}" if v >= 1000 else None
    i = digits[-1]
    return text[:i] + str((int(text[i]) + 3) % 10) + text[i + 1 :]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--scale", action="store_true", help="write the amount 10^4 smaller")
    ap.add_argument("--all", action="store_true", help="every prose amount a table cell prints, bound or not")
    ap.add_argument("--show", action="store_true", help="print each missed mutant")
    args = ap.parse_args()
    total = caught = clean = 0
    for path in sorted(REAL.glob("*.txt")):
        doc = load_document(path)
        lines = path.read_text(encoding="utf-8").split("\n")
        base = _findings(path)
        n = c = k = 0
        for p in _backed_by_value(doc) if args.all else _backed(doc):
            src = lines[p.line - 1]
            num = p.quantity.text.strip()
            for u in ("万元", "亿元", "元"):
                num = num.removesuffix(u).strip()
            if src.count(num) != 1:
                continue
            new = _mutate(num, args.scale)
            if new is None:
                continue
            mutated = list(lines)
            mutated[p.line - 1] = src.replace(num, new)
            with tempfile.TemporaryDirectory() as d:
                mp = Path(d) / path.name
                mp.write_text("\n".join(mutated), encoding="utf-8")
                got = _findings(mp)
            added = got - base
            hit = any(line == p.line for _, line, _ in added)
            others = [a for a in added if a[1] != p.line]
            n += 1
            c += hit
            k += not others
            if args.show and (not hit or others):
                print(f"  {path.name}:{p.line} {p.label} {num}→{new} caught={hit} others={others[:2]}")
        if n:
            print(f"{path.name}: {c}/{n} caught, {k}/{n} without other new findings")
        total, caught, clean = total + n, caught + c, clean + k
    rate = caught / total if total else 0.0
    print(f"total: {caught}/{total} caught ({rate:.0%}), {clean}/{total} without other new findings")
    return 0


if __name__ == "__main__":
    sys.exit(main())
