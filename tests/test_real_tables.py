"""Prose amounts bound to the cells of the standard 部门预算/决算 tables
(nlp/data/standard_tables.yaml), on the real disclosures in ../shared/corpus/real.
Each finding was checked by hand against the text; the line says why it is right.
Skipped when the folder is absent; the files are never copied into the repository."""

from __future__ import annotations

import pytest
from paths import REAL

from budgetlint.config import Config
from budgetlint.nlp.readers import load_document
from budgetlint.runner import lint_paths

pytestmark = pytest.mark.skipif(not REAL.is_dir(), reason="real corpus not present")

F001 = "001_sh_putuo_czj_2024_bumen_juesuan.txt"
F002 = "002_sh_putuo_ghzyj_2024_bumen_juesuan.txt"
F009 = "009_sh_putuo_wanli_2024_bumen_yusuan.txt"

# (file, rule, line, severity)
REAL_PINNED = {
    # 财政拨款收入支出总计0.3万元 in section 四; the 财政拨款收入支出决算总表 总计 is 2,961.68万元
    # (about ten thousand times 0.3: the message names the unit slip)
    (F001, "NUM001", 452, "error"),
    # section 六 (一般公共预算财政拨款基本支出): 基本支出5377.64 is the all-funds figure; the
    # 一般公共预算财政拨款支出决算表 合计 row gives 基本支出 5364.75
    (F002, "NUM001", 494, "error"),
    # 人员经费4896.98 in the same section; the 基本支出决算表 gives 人员经费合计 4884.09
    (F002, "NUM001", 495, "error"),
    # the 三公 table's note says 本部门2024年无“三公”经费和机关运行经费预算，故本表为空表, yet its
    # row reads 47.91 / 0 / 1.35 / 46.56 / 25 / 21.56 / 443.18 and the prose repeats 47.91
    (F009, "NUM001", 482, "error"),
}


@pytest.fixture(scope="module")
def report():
    return lint_paths([str(REAL / f) for f in (F001, F002, F009)], Config())


def _num001(report, name):
    f = next(f for f in report.files if f.path.endswith(name))
    return [x for x in f.findings if x.rule == "NUM001"]


def test_a_total_off_by_ten_thousand_names_the_unit_slip(report):
    (x,) = [x for x in _num001(report, F001) if x.line == 452]
    assert "2,961.68万元" in x.message and "一万倍" in x.message


def test_section_fund_binds_basic_expenditure_to_the_general_budget_tables(report):
    msgs = {x.line: x.message for x in _num001(report, F002)}
    assert "5364.75万元" in msgs[494] and "一般公共预算财政拨款支出决算表" in msgs[494]
    assert "4884.09万元" in msgs[495] and "人员经费合计" in msgs[495]


def test_the_three_public_table_row_is_read_by_its_layout():
    doc = load_document(REAL / F009)
    got = {f.item: f.quantity.value for f in doc.facts if f.source == "table" and f.table == 8}
    assert got == {
        "三公经费": 47.91,
        "因公出国（境）费": 0,
        "公务接待费": 1.35,
        "公务用车购置及运行维护费": 46.56,
        "公务用车购置费": 25,
        "公务用车运行维护费": 21.56,
        "机关运行经费": 443.18,
    }


def test_a_note_calling_a_full_table_empty_is_reported(report):
    (x,) = [x for x in _num001(report, F009) if x.line == 482]
    assert "本表为空表" in x.message and "47.91万元" in x.message
