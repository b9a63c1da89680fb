"""科目 named by their path without codes, on the real disclosures (../shared/corpus/real):
the prose amount of "社会福利（款）社会福利事业单位（项）" is the 合计 of the one coded row of
the report's 功能分类 tables that the names spell, in the table of the prose's fund.
``REAL_PINNED`` joins the reviewed set of tests/test_real_corpus.py.  Skipped when the
real corpus is absent; the files are never copied into the repository."""

from __future__ import annotations

import pytest
from paths import REAL

from budgetlint.config import Config
from budgetlint.nlp.readers import load_document
from budgetlint.runner import lint_paths

pytestmark = pytest.mark.skipif(not REAL.is_dir(), reason="real corpus not present")

F009 = "009_sh_putuo_wanli_2024_bumen_yusuan.txt"
F040 = "040_js_rdbgt_2017_bumen_yusuan.txt"
F042 = "042_sh_putuo_fuliyuan_2024_danwei_yusuan.txt"

# (file, rule, line, severity)
REAL_PINNED = {
    # "1. 人大事务行政运行（项）支出10528.33 万元" under 五、财政拨款支出预算表情况说明: the
    # 财政拨款支出预算表 row 2010101 行政运行 is 4,545.94; 10528.33 is the 201/20101 total
    (F040, "NUM001", 475, "error"),
    # "“社会保障和就业支出（类）社会福利（款）社会福利事业单位（项）”738.66万元" after
    # "财政拨款支出主要内容如下：": all 财政拨款 is 一般公共预算 here, whose table gives
    # 2081005 6,964,796元 = 696.48万元
    (F042, "NUM001", 56, "error"),
    # "住房公积金（项）”350.35万元 …… 2024年预算安排352.67万元": the paragraph gives its
    # 科目 two 2024 amounts (the tables: 3,503,499元, so 352.67 is the wrong one)
    (F009, "NUM001", 146, "error"),
}


@pytest.fixture(scope="module")
def findings():
    report = lint_paths([str(REAL / f) for f in (F009, F040, F042)], Config())
    return {(f.path.rsplit("/", 1)[-1], x.rule, x.line, x.severity.name) for f in report.files for x in f.findings}


def test_the_subject_path_findings_are_pinned(findings):
    assert {x for x in findings if x[1] == "NUM001"} >= REAL_PINNED


def _subject_facts(name: str) -> dict[tuple[str, int], tuple[str, float]]:
    doc = load_document(REAL / name)
    return {(f.item, f.line): (f.fund, f.quantity.value) for f in doc.facts if f.source == "prose" and f.item.isdigit()}


def test_a_name_path_under_a_class_heading_resolves_by_its_kuan_and_xiang_names():
    # "行政运行" alone is 2010101, 2010301 …; "人大事务行政运行" is only 2010101
    assert _subject_facts(F040)[("2010101", 475)] == ("fiscal", 10528.33)


def test_the_lead_paragraph_gives_the_list_its_fund():
    facts = _subject_facts(F042)
    assert facts[("2081005", 56)] == ("fiscal", 738.66)
    assert facts[("2080502", 47)] == ("fiscal", 53.84)
    # 医疗卫生与计划生育支出 is 卫生健康支出 in the tables, and the 项 row's code is broken: no 科目
    assert not any(code.startswith("210") for code, _ in facts)


def test_general_rows_stand_for_fiscal_when_all_fiscal_money_is_general():
    doc = load_document(REAL / F042)
    got = {(f.item, f.fund, f.quantity.value) for f in doc.facts if f.source == "table" and f.item == "2081005"}
    assert got == {("2081005", "all", 9584796.0), ("2081005", "general", 6964796.0), ("2081005", "fiscal", 6964796.0)}
