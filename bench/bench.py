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
    targets["start-up only (budgetlint rules)"] = None
    results = {}
    for name, paths in targets.items():
        args = ["rules"] if paths is None else ["check", "--format", "json", *paths]
        time_run(args)  # warm the file cache
        runs = [time_run(args) for _ in range(a.runs)]
        results[name] = {"median_s": statistics.median(runs), "runs": runs}
        print(f"{name:36} median {statistics.median(runs):.3f} s  (runs: {', '.join(f'{r:.3f}' for r in runs)})")
    if a.json:
        a.json.write_text(json.dumps(results, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
