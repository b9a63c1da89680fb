#!/usr/bin/env python3
"""Time `budgetlint check` end to end (process start-up included) over the corpora.

Runs each target several times and reports the median wall time; writes nothing unless
--json is given.  Targets: the sample reports (corpus/reports) and, when present, the
real disclosures in ../shared/corpus/real.

usage: python bench/bench.py [--runs N] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT.parent / "shared" / "corpus" / "real"


def budgetlint_cmd() -> list[str]:
    exe = Path(sys.executable).parent / "budgetlint"
    return [str(exe)] if exe.exists() else [shutil.which("budgetlint") or "budgetlint"]


def time_run(args: list[str]) -> float:
    t0 = time.perf_counter()
    p = subprocess.run(budgetlint_cmd() + args, capture_output=True)
    dt = time.perf_counter() - t0
    if p.returncode not in (0, 1):
        sys.exit(f"budgetlint failed ({p.returncode}): {p.stderr.decode()[-500:]}")
    return dt


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--json", type=Path)
    a = ap.parse_args()
    targets = {"samples (corpus/reports)": [str(ROOT / "corpus" / "reports")]}
    if REAL.is_dir():
        targets["real disclosures (18 .txt)"] = sorted(str(p) for p in REAL.glob("*.txt"))
        pdfs = sorted(str(p) for p in (REAL / "bin").glob("*.pdf"))
        if pdfs:
            targets[f"real PDFs ({len(pdfs)})"] = pdfs
    targets["start-up only (budgetlint rules)"] = None
    results = {}
    for name, paths in targets.items():
        args = ["rules"] if paths is None else ["check", "--format", "json", *paths]
        time_run(args)  # warm the file cache
        runs = [time_run(args) for _ in range(a.runs)]
        results[name] = {"median_s": statistics.median(runs), "runs": runs}
        print(f"{name:36} median {statistics.median(runs):.3f} s  (runs: {', '.join(f'{r:.3f}' for r in runs)})")
    if REAL.is_dir():
        results["pdf"] = pdf_figures(a.runs)
    if a.json:
        a.json.write_text(json.dumps(results, indent=2), encoding="utf-8")


def pdf_figures(runs: int) -> dict:
    """In-process: median load time per PDF page, and load + lint of the longest report;
    pdfplumber's plain extraction beside it when pdfplumber happens to be installed."""
    import pypdfium2 as pdfium

    from budgetlint.config import Config
    from budgetlint.nlp.readers.pdf import load_pdf
    from budgetlint.runner import lint_file, selected_rules

    pdfs = sorted((REAL / "bin").glob("*.pdf"))
    if not pdfs:
        return {}
    pages = {p: len(pdfium.PdfDocument(str(p))) for p in pdfs}
    per_page = []
    for p in pdfs:
        ts = []
        for _ in range(runs):
            t0 = time.perf_counter()
            load_pdf(p)
            ts.append(time.perf_counter() - t0)
        per_page.append(statistics.median(ts) / pages[p])
    longest = max(pdfs, key=pages.__getitem__)
    cfg = Config()
    rules = selected_rules(cfg)
    ts = []
    for _ in range(runs):
        t0 = time.perf_counter()
        lint_file(str(longest), rules, cfg)
        ts.append(time.perf_counter() - t0)
    out = {
        "pages": sum(pages.values()),
        "median_ms_per_page": 1000 * statistics.median(per_page),
        "longest": longest.name,
        "longest_pages": pages[longest],
        "longest_load_and_lint_s": statistics.median(ts),
    }
    print(f"PDF load, median per page               {out['median_ms_per_page']:.1f} ms  ({out['pages']} pages)")
    print(f"PDF load + all rules, {longest.name[:30]} ({pages[longest]} p.)  {out['longest_load_and_lint_s']:.3f} s")
    try:
        import pdfplumber
    except ImportError:
        print("pdfplumber not installed: its figures are skipped (pip install pdfplumber to compare)")
        return out
    t0 = time.perf_counter()
    with pdfplumber.open(str(longest)) as pdf:
        for page in pdf.pages:
            page.extract_text()
    out["pdfplumber_extract_text_s"] = time.perf_counter() - t0
    print(f"pdfplumber extract_text, same report     {out['pdfplumber_extract_text_s']:.3f} s")
    return out


if __name__ == "__main__":
    main()
