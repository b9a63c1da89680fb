"""Trained artefacts: saved with skops (not pickle), loaded lazily, once, safely.

Each task has the scikit-learn pipeline saved with skops (the canonical artefact, with its
model card) and a compact export of the same linear model (:mod:`budgetlint.models.linear`) that
rules load at lint time without importing scikit-learn.  skops refuses to load any type it
is not told to trust, so a tampered file cannot make the loader run code: the trusted
list below names exactly the project types a pipeline from
:func:`models.pipeline.build_pipeline` contains; the compact export is read with
``json`` and ``numpy.load(allow_pickle=False)``.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from budgetlint.models.errors import ModelUnavailable

ARTEFACTS = Path(__file__).resolve().parent / "artefacts"
TASKS = ("explanation", "statement")
FORMAT_VERSION = 1


def artefact_path(task: str) -> Path:
    return ARTEFACTS / f"{task}.skops"


def card_path(task: str) -> Path:
    return ARTEFACTS / f"{task}.card.json"


def trusted_types() -> list[str]:
    return [
        "budgetlint.models.pipeline.HandFeatures",
        "budgetlint.models.features.word_tokens",
        "budgetlint.models.features.normalize",
    ]


@cache
def load_model(task: str):
    """The trained pipeline for ``task``; raises :class:`ModelUnavailable` with a clear
    message naming ``budgetlint train`` when the artefact is missing or incompatible."""
    path, card = artefact_path(task), card_path(task)
    if not path.is_file() or not card.is_file():
        raise ModelUnavailable(f"找不到分类模型 {path.name}；请先运行 budgetlint train")
    try:
        meta = json.loads(card.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ModelUnavailable(f"模型说明 {card.name} 无法读取（{exc}）；请运行 budgetlint train") from None
    if meta.get("format_version") != FORMAT_VERSION:
        raise ModelUnavailable(f"模型 {path.name} 的格式版本不兼容；请运行 budgetlint train")
    import sklearn
    from skops.io import get_untrusted_types, load

    if meta.get("sklearn_version") != sklearn.__version__:
        raise ModelUnavailable(
            f"模型 {path.name} 由 scikit-learn {meta.get('sklearn_version')} 训练，当前为 {sklearn.__version__}；"
            f"请运行 budgetlint train"
        )
    try:
        allowed = set(trusted_types())
        untrusted = set(get_untrusted_types(file=path)) - allowed
        if untrusted:
            raise ModelUnavailable(f"模型 {path.name} 含有不受信任的类型 {sorted(untrusted)}；请运行 budgetlint train")
        return load(path, trusted=sorted(allowed | set(get_untrusted_types(file=path))))
    except ModelUnavailable:
        raise
    except Exception as exc:  # a damaged file: tell the user how to rebuild it
        raise ModelUnavailable(f"模型 {path.name} 无法加载（{type(exc).__name__}）；请运行 budgetlint train") from None


@cache
def load_scorer(task: str):
    """The compact scorer rules use at lint time (:mod:`budgetlint.models.linear`): the same model as
    the skops pipeline, read without scikit-learn."""
    from budgetlint.models.linear import load_linear

    return load_linear(task, ARTEFACTS)


def predict(task: str, texts: list[str]) -> list[tuple[str, float]]:
    """(label, probability) for each text."""
    if not texts:
        return []
    model = load_scorer(task)
    probs = model.predict_proba(texts)
    classes = list(model.classes)
    out = []
    for row in probs:
        i = int(row.argmax())
        out.append((classes[i], float(row[i])))
    return out
