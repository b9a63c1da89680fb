#!/usr/bin/env python3
"""How lint time grows with the document: a report concatenated k times, linted in-process.

For each report, k copies of its text (k = 8, 16, 32 by default) are written to a temporary
directory, then each is loaded and checked with every rule in this process (the classifiers
and the segmenter are warmed up first, so start-up costs are not counted).  The figure for a
k is the median CPU time (time.process_time) of several runs; the runs of all k alternate so
that a noisy machine affects them alike.  The growth is the least-squares slope of
log(time) against log(k): 1.0 is linear, 2.0 quadratic.

    python bench/scaling.py                      # the default reports, .txt
    python bench/scaling.py --docx               # the same reports as .docx too
    python bench/scaling.py --ks 4 8 16 32 64 --runs 5 --json scaling.json
    python bench/scaling.py --profile 000_379f0337fb54ccc3.txt   # cProfile of the largest k

With --max-slope S the script exits 1 when a report's slope exceeds S.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import math
import pstats
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REPORTS = ROOT / "corpus" / "reports"
# a performance self-evaluation report made of 自评表, another with tables and prose
# reconciliation, and a budget report
DEFAULT_REPORTS = ["000_379f0337fb54ccc3.txt", "002_1bb4150f5aadcbd1.txt", "003_a52c9a4f619d8c08.txt"]


def concatenated_txt(src: Path, k: int, out_dir: Path) -> Path:
    text = src.read_text("utf-8-sig").rstrip("\n") + "\n"
    path = out_dir / f"{src.stem}_x{k}.txt"
    path.write_text("\n".join([text] * k), "utf-8")
    return path


def concatenated_docx(src: Path, k: int, out_dir: Path) -> Path:
    """k copies of the .txt report's document model written as a Word file: paragraphs and
    headings as paragraphs, tables as tables (merged cells are not reproduced)."""
    import docx

    from budgetlint.nlp import readers
    from budgetlint.nlp.model import Heading, Paragraph, Table

    model = readers.load_document(str(src))
    out = docx.Document()
    for _ in range(k):
        for b in model.blocks:
            if isinstance(b, (Heading, Paragraph)):
                out.add_paragraph(b.text)
            elif isinstance(b, Table) and b.rows:
                t = out.add_table(rows=len(b.rows), cols=max(1, b.ncols))
                for r, row in enumerate(b.rows):
                    for c, cell in enumerate(row):
                        t.cell(r, c).text = cell.text
    path = out_dir / f"{src.stem}_x{k}.docx"
    out.save(str(path))
    return path


def lint_once(path: Path, rules, cfg) -> tuple[float, int]:
    from budgetlint.runner import lint_file

    t0 = time.process_time()
    res = lint_file(str(path), rules, cfg)
    dt = time.process_time() - t0
    if res.error or res.rule_errors:
        sys.exit(f"{path.name}: {res.error or res.rule_errors}")
    return dt, len(res.findings)


def slope(ks: list[int], times: list[float]) -> float:
    xs = [math.log(k) for k in ks]
    ys = [math.log(t) for t in times]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)


def measure(paths: dict[int, Path], runs: int, rules, cfg) -> dict:
    samples: dict[int, list[float]] = {k: [] for k in paths}
    findings: dict[int, int] = {}
    for _ in range(runs):
        for k, p in paths.items():
            dt, n = lint_once(p, rules, cfg)
            samples[k].append(dt)
            findings[k] = n
    ks = sorted(paths)
    medians = [statistics.median(samples[k]) for k in ks]
    return {
        "ks": ks,
        "median_s": medians,
        "runs_s": [samples[k] for k in ks],
        "findings": [findings[k] for k in ks],
        "slope": slope(ks, medians),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("reports", nargs="*", default=DEFAULT_REPORTS, help="names in corpus/reports (or paths)")
    ap.add_argument("--ks", type=int, nargs="+", default=[8, 16, 32])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--docx", action="store_true", help="also measure the reports written as .docx")
    ap.add_argument("--json", type=Path)
    ap.add_argument("--max-slope", type=float)
    ap.add_argument("--profile", metavar="REPORT", help="print a cProfile of REPORT at the largest k and stop")
    a = ap.parse_args()

    from budgetlint.config import Config
    from budgetlint.runner import selected_rules

    cfg = Config()
    rules = selected_rules(cfg)
    srcs = [Path(r) if Path(r).exists() else REPORTS / r for r in a.reports]
    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        lint_once(srcs[0], rules, cfg)  # warm up: classifiers, segmenter, phrase lists
        if a.profile:
            src = Path(a.profile) if Path(a.profile).exists() else REPORTS / a.profile
            path = concatenated_txt(src, max(a.ks), tmpdir)
            prof = cProfile.Profile()
            prof.enable()
            lint_once(path, rules, cfg)
            prof.disable()
            pstats.Stats(prof).sort_stats("cumulative").print_stats(40)
            pstats.Stats(prof).sort_stats("tottime").print_stats(25)
            return
        results: dict[str, dict] = {}
        formats = ["txt"] + (["docx"] if a.docx else [])
        for src in srcs:
            for fmt in formats:
                build = concatenated_txt if fmt == "txt" else concatenated_docx
                paths = {k: build(src, k, tmpdir) for k in a.ks}
                name = f"{src.stem}.{fmt}"
                results[name] = measure(paths, a.runs, rules, cfg)
        width = max(len(n) for n in results)
        head = "  ".join(f"k={k:<6}" for k in a.ks)
        print(f"{'report':{width}}  {head}  slope   (median CPU seconds of {a.runs} runs)")
        for name, r in results.items():
            cols = "  ".join(f"{t:<8.3f}" for t in r["median_s"])
            print(f"{name:{width}}  {cols}  {r['slope']:.3f}")
    if a.json:
        a.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    if a.max_slope is not None and any(r["slope"] > a.max_slope for r in results.values()):
        sys.exit(1)


if __name__ == "__main__":
    main()
