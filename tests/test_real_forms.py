"""Form fields, prompts left in place and truncated answers on the real corpora: the
findings these readings add, each checked by hand in the text.  Skipped when the shared
corpora are absent; their files are never copied into the repository."""

from __future__ import annotations

import pytest
from paths import REAL, REPO

from budgetlint.config import Config
from budgetlint.nlp.analysis.sections import is_prompt
from budgetlint.runner import lint_paths

REAL2 = REAL.parent / "real2"
SEEDS = REPO.parent / "shared" / "seeds"

F005 = "005_sh_putuo_sfj_2026_danwei_yusuan.txt"
F006 = "006_sh_putuo_sfj_2026_yusuan_review_checklists.txt"
F042 = "042_sh_putuo_fuliyuan_2024_danwei_yusuan.txt"

NEW_RULES = ("BPL004",)


def _findings(folder, pattern="*.txt", rules=NEW_RULES) -> set[tuple[str, str, int, str]]:
    report = lint_paths(sorted(str(p) for p in folder.glob(pattern)), Config(select=list(rules)))
    return {
        (f.path.rsplit("/", 1)[-1], x.rule, x.line, x.severity.name)
        for f in report.files
        for x in f.findings
        if x.rule in rules
    }


@pytest.mark.skipif(not REAL.is_dir(), reason="real corpus not present")
def test_truncated_reasons_on_the_real_corpus():
    assert _findings(REAL) == {
        # 006 其他相关说明 item 1: "公务用车购置及运行费9.98万元，与2025年预算数持平，主要原因是。"
        (F005, "BPL004", 274, "warning"),
        # the same cut sentence a year earlier: "与2023年预算持平，主要原因是。"
        (F042, "BPL004", 213, "warning"),
    }  # 006 quotes the sentence inside “…”: a quotation, silent


@pytest.mark.skipif(not REAL.is_dir(), reason="real corpus not present")
def test_truncated_reasons_from_the_pdfs():
    # the PDFs of 005 and 042 give the same two findings on their rendered lines
    assert _findings(REAL / "bin", "*.pdf") == {
        (F005.replace(".txt", ".pdf"), "BPL004", 274, "warning"),
        (F042.replace(".txt", ".pdf"), "BPL004", 211, "warning"),
    }


@pytest.mark.skipif(not REAL2.is_dir() or not SEEDS.is_dir(), reason="corpora not present")
def test_no_truncated_reason_elsewhere():
    assert _findings(REAL2) == set()
    assert _findings(SEEDS) == set()


@pytest.mark.parametrize(
    "text",
    [
        "结合自评情况,分析存在的问题及原因。(200字以内)",
        "对照年度目标,说明相关任务目标的完成情况",
        "提出下一步改进措施（300字以内）",
        "请填写存在的问题",
        "如实填写",
    ],
)
def test_prompts_are_recognised_by_their_shape(text):
    assert is_prompt(text)


@pytest.mark.parametrize(
    "text",
    [
        "对照年度目标，全部完成",
        "结合实际情况，项目资金已全部拨付到位。",
        "预算执行率为86%，说明资金使用进度偏慢。",
        "无",
    ],
)
def test_answers_are_not_prompts(text):
    assert not is_prompt(text)
