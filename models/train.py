"""Train and evaluate the classifiers (``budgetlint train`` / ``budgetlint eval``).

Evaluation is grouped by source document: each document is held out in turn, a model is
trained on every other document plus the paraphrased examples, and it predicts the
held-out document's examples.  No document is ever in both train and test, and
paraphrases are never tested.  The pooled predictions give per-class precision, recall
and F1, printed next to the keyword baseline (:func:`models.features.keyword_baseline`)
on exactly the same examples.  Training is deterministic (fixed seeds, sorted data).
"""

from __future__ import annotations

import datetime as _dt
import json
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

from budgetlint.models.dataset import DEFAULT_REAL_DIR, LABELS, Example, load
from budgetlint.models.features import SEGMENTATION
from budgetlint.models.store import ARTEFACTS, FORMAT_VERSION, TASKS, artefact_path, card_path

SEED = 20261123


@dataclass
class Report:
    task: str
    labels: tuple[str, ...]
    model: dict[str, dict[str, float]]
    baseline: dict[str, dict[str, float]]
    n_test: int
    groups: list[str]
    n_train_total: int
    skipped_real: int
    protocol: str = "leave-one-document-out; paraphrases train only"

    def macro(self, which: str) -> float:
        table = self.model if which == "model" else self.baseline
        return table["macro avg"]["f1-score"]


def _examples(task: str, real_dir: Path | None) -> tuple[list[Example], int]:
    res = load(task, real_dir)
    # a template sentence repeated through one report counts once (a budget report may
    # repeat "主要原因是……" dozens of times)
    seen, ex = set(), []
    for e in sorted(res.examples, key=lambda e: (e.group, e.line or 0, e.text)):
        if (e.group, e.label, e.text) not in seen:
            seen.add((e.group, e.label, e.text))
            ex.append(e)
    return ex, res.skipped_real


def evaluate(task: str, real_dir: Path | None = DEFAULT_REAL_DIR) -> Report:
    from sklearn.metrics import classification_report

    from budgetlint.models.features import keyword_baseline
    from budgetlint.models.pipeline import build_pipeline

    examples, skipped = _examples(task, real_dir)
    groups = sorted({e.group for e in examples if not e.paraphrased})
    y_true, y_model, y_base = [], [], []
    for g in groups:
        train = [e for e in examples if e.group != g]
        test = [e for e in examples if e.group == g and not e.paraphrased]
        if not test or len({e.label for e in train}) < 2:
            continue
        model = build_pipeline(SEED).fit([e.text for e in train], [e.label for e in train])
        y_true += [e.label for e in test]
        y_model += list(model.predict([e.text for e in test]))
        y_base += [keyword_baseline(task, e.text) for e in test]
    labels = LABELS[task]
    kw = dict(labels=list(labels), output_dict=True, zero_division=0)
    return Report(
        task,
        labels,
        classification_report(y_true, y_model, **kw),
        classification_report(y_true, y_base, **kw),
        len(y_true),
        groups,
        len(examples),
        skipped,
    )


def train(task: str, real_dir: Path | None = DEFAULT_REAL_DIR, out_dir: Path = ARTEFACTS) -> dict:
    """Fit on every example, save the skops artefact and its model card; return the card."""
    import sklearn
    from skops.io import dump

    from budgetlint.models.pipeline import build_pipeline

    t0 = time.perf_counter()
    report = evaluate(task, real_dir)
    examples, skipped = _examples(task, real_dir)
    model = build_pipeline(SEED).fit([e.text for e in examples], [e.label for e in examples])
    for _, vec in model.named_steps["features"].transformer_list:
        if hasattr(vec, "stop_words_"):
            del vec.stop_words_  # the terms max_features dropped: introspection only, and large
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / artefact_path(task).name
    tmp = path.with_suffix(".tmp")
    dump(model, tmp, compression=zipfile.ZIP_DEFLATED, compresslevel=9)
    tmp.replace(path)
    from budgetlint.models.linear import export

    export(model, task, out_dir)
    counts: dict[str, dict[str, int]] = {}
    for e in examples:
        kind = "paraphrased" if e.paraphrased else "documents"
        counts.setdefault(e.label, {"documents": 0, "paraphrased": 0})[kind] += 1
    card = {
        "task": task,
        "format_version": FORMAT_VERSION,
        "sklearn_version": sklearn.__version__,
        "model": "TF-IDF(char 1-3) + TF-IDF(words) + hand features → LogisticRegression(balanced)",
        "segmentation": SEGMENTATION,
        "seed": SEED,
        "trained": _dt.date.today().isoformat(),
        "data": {
            "examples": len(examples),
            "by_label": counts,
            "real_corpus": "used"
            if skipped == 0 and real_dir and Path(real_dir).is_dir()
            else f"absent: {skipped} real item(s) not used",
        },
        "evaluation": {
            "split": "leave-one-document-out over source documents; paraphrases train only",
            "held_out_documents": report.groups,
            "test_examples": report.n_test,
            "model": _round(report.model),
            "keyword_baseline": _round(report.baseline),
        },
        "seconds": round(time.perf_counter() - t0, 1),
    }
    cpath = out_dir / card_path(task).name
    tmpc = cpath.with_suffix(".tmp")
    tmpc.write_text(json.dumps(card, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    tmpc.replace(cpath)
    return card


def evaluate_actual(real_dir: Path | None = DEFAULT_REAL_DIR) -> Report:
    """Task 3 (实际完成值 that do not answer) is served by a text-similarity rule, not a
    model: this compares the rule (in the model columns) with the keyword baseline."""
    from sklearn.metrics import classification_report

    from budgetlint.models.features import keyword_baseline
    from budgetlint.nlp.analysis.similarity import does_not_answer

    items = list(_actual_items(real_dir))
    y_true = [label for label, *_ in items]
    y_rule = ["non_answer" if does_not_answer(a, n) else "answer" for _, a, n, _t, _ in items]
    y_base = [keyword_baseline("actual", a) for _, a, *_ in items]
    kw = dict(labels=list(LABELS["actual"]), output_dict=True, zero_division=0)
    groups = sorted({g for *_, g in items})
    return Report(
        "actual (similarity rule)",
        LABELS["actual"],
        classification_report(y_true, y_rule, **kw),
        classification_report(y_true, y_base, **kw),
        len(y_true),
        groups,
        len(items),
        0,
        "a fixed rule, nothing trained: every labelled cell is a test example",
    )


def _actual_items(real_dir: Path | None):
    """(label, actual text, indicator name, target, document) for every labelled
    实际完成值 cell, read through the document model."""
    from budgetlint.models.dataset import REPO, read_items, resolve
    from budgetlint.nlp.readers import load_document

    docs: dict = {}
    for item in read_items("actual"):
        src = item["source"]
        if src.startswith("real/"):
            if real_dir is None:
                continue
            path = Path(real_dir) / src[len("real/") :]
        else:
            path = REPO / src
        doc = docs.get(path) or docs.setdefault(path, load_document(path))
        unit = resolve(doc, item)
        for pt in doc.perf_tables:
            for ind in pt.indicators:
                c = ind.cells.get("actual")
                if (
                    c is not None
                    and (c.line, c.end_line) == (unit.line, unit.end_line)
                    and ind.text("actual") == unit.text
                ):
                    yield item["label"], unit.text, ind.name, ind.text("target"), src
                    break


def _round(table: dict) -> dict:
    return {k: {m: round(v, 3) for m, v in d.items()} if isinstance(d, dict) else round(d, 3) for k, d in table.items()}


def format_report(r: Report) -> str:
    lines = [
        f"{r.task}: {r.n_test} test examples from {len(r.groups)} documents ({r.protocol})"
        + (f"; {r.skipped_real} real item(s) skipped: real corpus absent" if r.skipped_real else "")
    ]
    lines.append(f"  {'class':<20} {'model P':>8} {'R':>6} {'F1':>6}   {'baseline P':>10} {'R':>6} {'F1':>6}  {'n':>4}")
    for lab in list(r.labels) + ["macro avg"]:
        m, b = r.model[lab], r.baseline[lab]
        lines.append(
            f"  {lab:<20} {m['precision']:8.2f} {m['recall']:6.2f} {m['f1-score']:6.2f}   "
            f"{b['precision']:10.2f} {b['recall']:6.2f} {b['f1-score']:6.2f}  {int(m['support']):4d}"
        )
    return "\n".join(lines)


def train_all(real_dir: Path | None = DEFAULT_REAL_DIR) -> list[dict]:
    return [train(t, real_dir) for t in TASKS]
