"""Features of the classifiers: the text normaliser, word tokens, hand features and the
keyword baseline.  Words come from the one segmenter of :mod:`budgetlint.nlp.text.segmenter`, in
the segmentation the shipped models were trained with (:data:`SEGMENTATION`).  Nothing here imports scikit-learn (lint time reads the compact
scorer in :mod:`budgetlint.models.linear`); the scikit-learn pipeline lives in :mod:`budgetlint.models.pipeline`.
"""

from __future__ import annotations

from functools import lru_cache

import regex

from budgetlint.nlp.lexicon import load
from budgetlint.nlp.text.normalize import nfkc_no_spaces
from budgetlint.nlp.text.segmenter import words

_DIGIT = regex.compile(r"\d")


def normalize(text: str) -> str:
    """Whitespace removed, full-width digits and letters folded (the text layer's
    :func:`~budgetlint.nlp.text.normalize.nfkc_no_spaces`; defined here because the skops
    artefacts name this function as the character n-grams' preprocessor)."""
    return nfkc_no_spaces(text)


# the segmentation the classifiers are trained and applied with (recorded in their cards)
SEGMENTATION = "jieba"


def word_tokens(text: str) -> list[str]:
    """The words of the normalised text, numbers folded to one token."""
    toks = words(normalize(text), SEGMENTATION)
    return ["<num>" if _DIGIT.search(t) else t for t in toks]


@lru_cache(maxsize=1)
def markers() -> dict[str, list[str]]:
    return load("markers")


def hand_features(text: str) -> list[float]:
    """has a number, cause markers, measure markers, generic phrases, non-answer, length."""
    t = normalize(text)
    m = markers()
    n_cause = sum(t.count(w) for w in m["cause"])
    n_measure = sum(t.count(w) for w in m["measure"])
    n_generic = sum(1 for w in m["generic"] if w in t)
    return [
        1.0 if _DIGIT.search(t) else 0.0,
        min(n_cause, 3) / 3,
        min(n_measure, 3) / 3,
        min(n_generic, 2) / 2,
        1.0 if t.rstrip("。.") in m["non_answer"] else 0.0,
        min(len(t), 120) / 120,
    ]


def keyword_baseline(task: str, text: str) -> str:
    """The rule a reviewer would write without a model, from the same marker lists."""
    f = hand_features(text)
    has_number, cause, measure, generic, non_answer = f[0], f[1] > 0, f[2] > 0, f[3] > 0, f[4] > 0
    if task == "explanation":
        if non_answer or len(normalize(text)) <= 3:
            return "non_answer"
        if cause and measure:
            return "cause_and_measure"
        if cause:
            return "cause_only"
        if measure:
            return "measure_only"
        return "non_answer"
    if task == "statement":
        return "generic" if generic or not has_number else "specific"
    if task == "actual":
        return "non_answer" if non_answer else "answer"
    raise ValueError(task)
