"""The classifier layer: shipped artefacts load safely and lazily, and refuse clearly.

The test suite trains nothing: it reads the artefacts shipped in models/artefacts/.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from budgetlint.models import store
from budgetlint.models.errors import ModelUnavailable
from budgetlint.models.features import hand_features, keyword_baseline

ROOT = store.ARTEFACTS.parent.parent


def test_shipped_artefacts_have_model_cards():
    for task in store.TASKS:
        card = json.loads(store.card_path(task).read_text(encoding="utf-8"))
        assert card["task"] == task and card["format_version"] == store.FORMAT_VERSION
        assert card["evaluation"]["split"].startswith("leave-one-document-out")
        for key in ("data", "seed", "trained", "sklearn_version", "model"):
            assert card[key]


def test_a_measure_only_explanation_and_a_generic_statement_are_recognised():
    ((label, p),) = store.predict(
        "explanation", ["进一步增强网络安全应急演练实效，持续做好网络安全检查和漏洞修复工作。"]
    )
    assert label == "measure_only" and p > 0.5
    ((label, _),) = store.predict("statement", ["制度不完善，加强支出管理，加强绩效监控"])
    assert label == "generic"
    ((label, _),) = store.predict("statement", ["年终预算执行率为68.07%，两个信息化项目因招标延期未能按计划支付。"])
    assert label == "specific"


def test_a_missing_artefact_names_budgetlint_train(tmp_path, monkeypatch):
    monkeypatch.setattr(store, "ARTEFACTS", tmp_path)
    store.load_model.cache_clear()
    try:
        with pytest.raises(ModelUnavailable, match="budgetlint train"):
            store.load_model("explanation")
    finally:
        store.load_model.cache_clear()


def test_an_incompatible_card_names_budgetlint_train(tmp_path, monkeypatch):
    for task in store.TASKS:
        (tmp_path / store.artefact_path(task).name).write_bytes(store.artefact_path(task).read_bytes())
        card = json.loads(store.card_path(task).read_text(encoding="utf-8"))
        card["format_version"] = 999
        (tmp_path / store.card_path(task).name).write_text(json.dumps(card), encoding="utf-8")
    monkeypatch.setattr(store, "ARTEFACTS", tmp_path)
    store.load_model.cache_clear()
    try:
        with pytest.raises(ModelUnavailable, match="格式版本不兼容.*budgetlint train"):
            store.load_model("explanation")
    finally:
        store.load_model.cache_clear()


def test_a_file_with_untrusted_code_is_refused(tmp_path, monkeypatch):
    import os

    from sklearn.preprocessing import FunctionTransformer
    from skops.io import dump

    dump(FunctionTransformer(os.system), tmp_path / "explanation.skops")
    card = json.loads(store.card_path("explanation").read_text(encoding="utf-8"))
    (tmp_path / "explanation.card.json").write_text(json.dumps(card), encoding="utf-8")
    monkeypatch.setattr(store, "ARTEFACTS", tmp_path)
    store.load_model.cache_clear()
    try:
        with pytest.raises(ModelUnavailable, match="不受信任"):
            store.load_model("explanation")
    finally:
        store.load_model.cache_clear()


def test_hand_features_and_keyword_baseline():
    # no number; 由于 + 影响 (2 of 3 cause markers); 下一步 + 将 + 加强 (3 measure markers)
    assert hand_features("由于疫情影响，下一步将加强管理。")[:3] == [0.0, 2 / 3, 1.0]
    assert keyword_baseline("explanation", "无") == "non_answer"
    assert keyword_baseline("explanation", "受疫情影响活动取消，下一步将改为线上举办。") == "cause_and_measure"
    assert keyword_baseline("statement", "绩效评价管理意识不强") == "generic"


def test_models_load_only_when_a_rule_needs_them():
    code = (
        "import sys; from budgetlint.cli import main\n"
        "for f in sys.argv[1:]:\n"
        "    sys.argv=['budgetlint','check','--exit-zero',f]\n"
        "    try:\n        main()\n    except SystemExit:\n        pass\n"
        "    print('LOADED', [m for m in ('spacy','jieba','sklearn') if m in sys.modules])\n"
    )
    # seed 003 is a budget: no indicator lost points and no problems section to classify
    plain = ROOT / "corpus" / "reports" / "003_a52c9a4f619d8c08.txt"
    p = subprocess.run([sys.executable, "-c", code, str(plain)], capture_output=True, text=True)
    assert p.stdout.strip().splitlines()[-1] == "LOADED []", p.stdout[-300:] + p.stderr[-300:]


def test_the_compact_scorer_is_the_skops_pipeline():
    import numpy as np

    from budgetlint.models.dataset import load

    for task in store.TASKS:
        texts = [e.text for e in load(task, None).examples]
        a = store.load_model(task).predict_proba(texts)
        b = store.load_scorer(task).predict_proba(texts)
        assert list(store.load_model(task).classes_) == store.load_scorer(task).classes
        assert np.abs(a - b).max() < 1e-6


def test_a_damaged_compact_export_names_budgetlint_train(tmp_path, monkeypatch):
    for task in store.TASKS:
        (tmp_path / f"{task}.linear.json").write_text("{not json", encoding="utf-8")
        (tmp_path / f"{task}.linear.npz").write_bytes(b"junk")
    monkeypatch.setattr(store, "ARTEFACTS", tmp_path)
    store.load_scorer.cache_clear()
    try:
        with pytest.raises(ModelUnavailable, match="budgetlint train"):
            store.predict("statement", ["制度不完善"])
    finally:
        store.load_scorer.cache_clear()
