"""A compact, dependency-light scorer for the trained linear models.

The canonical artefact of each task is the scikit-learn pipeline saved with skops
(``<task>.skops``).  Loading it costs seconds (scikit-learn's import and skops' schema),
so ``budgetlint train`` also exports what the pipeline computes — the two vocabularies,
their idf weights, the hand-feature count and the logistic regression's coefficients — to
``<task>.linear.json`` + ``<task>.linear.npz``.  Lint time reads those with the JSON
module and ``numpy.load(allow_pickle=False)`` (no code can run from either file) and
reproduces the pipeline's arithmetic exactly: TF-IDF with sublinear tf and l2 norm per
vectorizer, the hand features, then the softmax (or sigmoid) of the linear scores.
A test checks that both give the same labels and probabilities on every labelled text.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import regex

from budgetlint.models.errors import ModelUnavailable
from budgetlint.models.features import hand_features, normalize, word_tokens

LINEAR_FORMAT = 1
_WHITE = regex.compile(r"\s\s+")


def _char_ngrams(text: str, lo: int, hi: int) -> list[str]:
    """scikit-learn's ``char`` analyzer over the preprocessed text."""
    t = _WHITE.sub(" ", text)
    out = []
    for n in range(lo, hi + 1):
        out.extend(t[i : i + n] for i in range(len(t) - n + 1))
    return out


@dataclass
class _Tfidf:
    vocab: dict[str, int]
    idf: np.ndarray
    sublinear: bool

    def row(self, terms: list[str]) -> np.ndarray:
        v = np.zeros(len(self.idf), dtype=np.float64)
        for term, count in Counter(terms).items():
            j = self.vocab.get(term)
            if j is not None:
                v[j] = (1.0 + math.log(count)) if self.sublinear else count
        v *= self.idf
        norm = float(np.sqrt((v * v).sum()))
        return v / norm if norm > 0 else v


@dataclass
class LinearModel:
    task: str
    classes: list[str]
    chars: _Tfidf
    char_range: tuple[int, int]
    tokens: _Tfidf
    n_hand: int
    coef: np.ndarray  # (n_classes or 1, n_features)
    intercept: np.ndarray

    def features(self, text: str) -> np.ndarray:
        return np.concatenate(
            [
                self.chars.row(_char_ngrams(normalize(text), *self.char_range)),
                self.tokens.row(word_tokens(text)),
                np.asarray(hand_features(text)[: self.n_hand], dtype=np.float64),
            ]
        )

    def predict_proba(self, texts: list[str]) -> np.ndarray:
        X = np.vstack([self.features(t) for t in texts])  # noqa: N806
        scores = X @ self.coef.T + self.intercept
        if self.coef.shape[0] == 1:  # binary: sigmoid of one score, for classes[1]
            p1 = 1.0 / (1.0 + np.exp(-scores[:, 0]))
            return np.column_stack([1.0 - p1, p1])
        scores -= scores.max(axis=1, keepdims=True)
        e = np.exp(scores)
        return e / e.sum(axis=1, keepdims=True)


def export(pipeline, task: str, out_dir: Path) -> None:
    """Write ``<task>.linear.json`` and ``<task>.linear.npz`` for a fitted pipeline."""
    union = pipeline.named_steps["features"]
    parts = dict(union.transformer_list)
    chars, tokens = parts["chars"], parts["tokens"]
    clf = pipeline.named_steps["clf"]

    def vocab(vec) -> list[str]:
        terms = [""] * len(vec.vocabulary_)
        for term, j in vec.vocabulary_.items():
            terms[j] = term
        return terms

    meta = {
        "format": LINEAR_FORMAT,
        "task": task,
        "classes": [str(c) for c in clf.classes_],
        "char_vocab": vocab(chars),
        "char_range": list(chars.ngram_range),
        "char_sublinear": chars.sublinear_tf,
        "token_vocab": vocab(tokens),
        "token_sublinear": tokens.sublinear_tf,
        "n_hand": len(hand_features("")),
    }
    out_dir.mkdir(parents=True, exist_ok=True)
    jpath, npath = out_dir / f"{task}.linear.json", out_dir / f"{task}.linear.npz"
    tmp_j, tmp_n = jpath.with_suffix(".json.tmp"), out_dir / f"{task}.linear.tmp.npz"
    tmp_j.write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    np.savez_compressed(
        tmp_n,
        char_idf=chars.idf_.astype(np.float64),
        token_idf=tokens.idf_.astype(np.float64),
        coef=clf.coef_.astype(np.float64),
        intercept=clf.intercept_.astype(np.float64),
    )
    tmp_j.replace(jpath)
    tmp_n.replace(npath)


def load_linear(task: str, directory: Path) -> LinearModel:
    jpath, npath = directory / f"{task}.linear.json", directory / f"{task}.linear.npz"
    if not jpath.is_file() or not npath.is_file():
        raise ModelUnavailable(f"找不到分类模型 {jpath.name}；请先运行 budgetlint train")
    try:
        meta = json.loads(jpath.read_text(encoding="utf-8"))
        with np.load(npath, allow_pickle=False) as arrays:
            a = {k: arrays[k] for k in ("char_idf", "token_idf", "coef", "intercept")}
    except Exception as exc:
        raise ModelUnavailable(f"模型 {jpath.name} 无法读取（{type(exc).__name__}）；请运行 budgetlint train") from None
    if meta.get("format") != LINEAR_FORMAT or meta.get("task") != task:
        raise ModelUnavailable(f"模型 {jpath.name} 的格式版本不兼容；请运行 budgetlint train")
    chars = _Tfidf({t: i for i, t in enumerate(meta["char_vocab"])}, a["char_idf"], meta["char_sublinear"])
    tokens = _Tfidf({t: i for i, t in enumerate(meta["token_vocab"])}, a["token_idf"], meta["token_sublinear"])
    n_features = len(chars.idf) + len(tokens.idf) + meta["n_hand"]
    if a["coef"].shape[1] != n_features:
        raise ModelUnavailable(f"模型 {jpath.name} 的特征数不一致；请运行 budgetlint train")
    return LinearModel(
        task, meta["classes"], chars, tuple(meta["char_range"]), tokens, meta["n_hand"], a["coef"], a["intercept"]
    )
