"""The labelled data of the classifier layer (corpus/labels/*.jsonl, corpus/LABELING.md).

Every file parses, every label belongs to its task, real items carry no text and resolve to
exactly one unit of the real document (skipped when ../shared/corpus/real is absent), seed
items carry exactly the text the document model gives for their span, and paraphrases are
marked and copy nothing.  Counts per class are printed (``pytest -s``, or
``python -m models.dataset``), never asserted beyond "each class of tasks 1 and 2 has a
non-paraphrased example"."""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

import pytest
from paths import REAL, REPO, SEEDS

from budgetlint.models import dataset as D
from budgetlint.nlp.readers import load_document

TASKS = sorted(D.LABELS)


@cache
def _doc(path: str):
    return load_document(path)


def _items(task):
    return D.read_items(task)


def _all(kind: str):
    return [(t, i, it) for t in TASKS for i, it in enumerate(_items(t)) if _kind(it) == kind]


def _kind(it) -> str:
    s = it["source"]
    return "paraphrase" if s == D.PARAPHRASE else "seed" if s.startswith(D.SEED_PREFIX) else "real"


def _id(param):
    t, i, it = param
    return f"{t}-{i}-{it['source'].split('/')[-1][:3]}:{it.get('line')}"


@pytest.mark.parametrize("task", TASKS)
def test_files_parse_with_valid_labels(task):
    path = D.LABELS_DIR / D.FILES[task]
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
    items = _items(task)  # raises LabelError on any malformed line
    assert len(items) == len(lines) > 0
    for it in items:
        assert it["task"] == task
        assert it["label"] in D.LABELS[task]
        assert it["unit"] in D.UNITS


@pytest.mark.parametrize("task", TASKS)
def test_items_are_not_labelled_twice(task):
    keys = Counter(
        (
            it["source"],
            it["line"],
            it["end_line"],
            it["unit"],
            it.get("n", 0),
            str(it.get("cells")),
            it.get("text") if it["source"] == D.PARAPHRASE else None,
        )
        for it in _items(task)
    )
    assert [k for k, n in keys.items() if n > 1] == []


def test_real_items_carry_no_text_and_seeds_and_paraphrases_do():
    for task in TASKS:
        for it in _items(task):
            if _kind(it) == "real":
                assert "text" not in it and len(it["digest"]) == 12
            else:
                assert it["text"].strip()


def test_paraphrases_are_marked_and_have_no_span():
    for task in TASKS:
        for it in _items(task):
            if _kind(it) == "paraphrase":
                assert it["paraphrased"] is True and it["line"] is None and it["end_line"] is None
            else:
                assert it["paraphrased"] is False


@pytest.mark.parametrize("param", _all("seed"), ids=_id)
def test_seed_item_text_is_the_models_text_for_its_span(param):
    task, _, it = param
    doc = _doc(str(REPO / it["source"]))
    cands = D.candidates(doc, it)
    assert cands, "no unit of this kind has exactly this span"
    unit = D.resolve(doc, it)  # checks n and that the text is the model's
    assert unit.text == it["text"]
    if len(cands) > 1:
        assert "n" in it


@pytest.mark.skipif(not REAL.is_dir(), reason="real corpus not present")
@pytest.mark.parametrize("param", _all("real"), ids=_id)
def test_real_item_resolves_to_exactly_one_unit(param):
    task, _, it = param
    path = REAL / it["source"][len(D.REAL_PREFIX) :]
    assert path.is_file(), f"{it['source']} is not in {REAL}"
    doc = _doc(str(path))
    unit = D.resolve(doc, it)  # raises unless the span (and n / cells) name one unit
    assert D.digest(unit.text) == it["digest"]
    if "cells" in it:
        for line, end, _row, _col in it["cells"]:
            assert sum((t.line, t.end_line) == (line, end) for t in doc.tables) == 1
    else:
        same = [u for u in D.candidates(doc, it) if D.digest(u.text) == it["digest"]]
        assert len(same) == 1, "the digest matches several units of this span"


@pytest.mark.skipif(not REAL.is_dir(), reason="real corpus not present")
def test_load_examples_reads_real_text_from_the_real_folder():
    for task in TASKS:
        res = D.load(task, REAL)
        assert res.skipped_real == 0
        n_real = sum(_kind(it) == "real" for it in _items(task))
        assert sum(e.source.startswith(D.REAL_PREFIX) for e in res.examples) == n_real
        assert all(e.text for e in res.examples)


def test_load_examples_skips_real_items_with_a_count_when_the_folder_is_absent(tmp_path):
    for task in TASKS:
        n_real = sum(_kind(it) == "real" for it in _items(task))
        for real_dir in (None, tmp_path / "absent"):
            res = D.load(task, real_dir)
            assert res.skipped_real == n_real
            assert not any(e.source.startswith(D.REAL_PREFIX) for e in res.examples)
        exs = D.load_examples(task, None)
        assert len(exs) == len(_items(task)) - n_real
        for e in exs:
            assert e.paraphrased == (e.source == D.PARAPHRASE)
            assert e.group == e.source  # the document; "paraphrase" for paraphrases
            assert e.label in D.LABELS[task]


def test_paraphrases_copy_no_sentence_of_the_reports():
    texts = [p.read_text(encoding="utf-8") for p in SEEDS.glob("*.txt")]
    if REAL.is_dir():
        texts += [p.read_text(encoding="utf-8") for p in REAL.glob("*.txt")]
    flat = ["".join(t.split()) for t in texts]
    for task in TASKS:
        for it in _items(task):
            if _kind(it) != "paraphrase":
                continue
            t = re.sub(r"[。；;，,\s]+$", "", "".join(it["text"].split()))
            if len(t) >= 8:  # short stock answers (已完成, 不涉及) occur everywhere
                assert not any(t in f for f in flat), it["text"]


def test_every_class_of_tasks_1_and_2_has_a_non_paraphrased_example():
    """Counts are printed for the record; only the floor of one is asserted."""
    print()
    for task in TASKS:
        table = D.counts(task)
        print(D.format_counts(task, table))
        if task in ("explanation", "statement"):
            for label in D.LABELS[task]:
                n = sum(v for (lab, _, para), v in table.items() if lab == label and not para)
                assert n >= 1, f"{task}/{label} has only paraphrased examples"
