"""Prose arithmetic on the real disclosures (../shared/corpus/real): the readings that
find what reviewers circle in the 说明 text, and the findings they give, each with the
reason it is right.  ``REAL_PINNED`` joins the reviewed set of tests/test_real_corpus.py.
Skipped when the real corpus is absent; the files are never copied into the repository."""

from __future__ import annotations

import pytest
from paths import REAL

from budgetlint.config import Config
from budgetlint.nlp.readers import load_document
from budgetlint.runner import lint_paths

pytestmark = pytest.mark.skipif(not REAL.is_dir(), reason="real corpus not present")

F003 = "003_sh_putuo_shgzb_2024_bumen_juesuan.txt"
F009 = "009_sh_putuo_wanli_2024_bumen_yusuan.txt"
F036 = "036_js_jcy_2019_bumen_yusuan.txt"
F038 = "038_js_swbgt_2019_bumen_yusuan.txt"
F039 = "039_js_zxbgt_2018_bumen_yusuan.txt"
F040 = "040_js_rdbgt_2017_bumen_yusuan.txt"

# (file, rule, line, severity)
REAL_PINNED = {
    # 收支预算总计 24169.74 after +2214.39 has the base 21955.35: +10.09%, not 10.06%
    # (the rate is printed "增长  10.06  %", spaced away from its word and its sign)
    (F036, "NUM002", 596, "error"),
    # 项目支出 4335.3 after -1237.7 has the base 5573.0: -22.21%, not 13.22% (the 基本支出
    # rate two lines up, copied); the amount is in the sentence before the change
    (F036, "NUM002", 624, "error"),
    # 住房保障 3894.09 after +878.93 has the base 3015.16: +29.15%; "30%" stands for 29.5-30.5
    (F038, "NUM002", 133, "error"),
    # the 三公经费 is the three parts, 833.60万元; 8.75/7.22/16.81% are shares of the table's
    # 2542.60 (with 会议费 and 培训费) and add up to 32.78%, not 100%
    (F040, "NUM002", 530, "error"),
    # 114.00 -> 110.60 is a fall (减少2.98% is right), the reason says the same money 增加
    (F009, "NUM002", 79, "error"),
    # 地上建筑面积 8013平方米 but its parts 7998 + 105 = 8103 (and 8103 + 5356 = 13459 规划)
    (F009, "NUM002", 513, "error"),
    # the parts listed in the lines after "……支出307.82 万元，主要用于以下方面：": 29.42 ÷ 307.82
    # = 9.5575%, printed 9.55% (chosen so the shares add to 100): a last-digit step, info
    (F003, "NUM002", 342, "info"),
    # "本年支出预算合计24,169.74万元，其中：" | "基本支出15,844.04万元，占65.56%；": 65.5537%,
    # printed 65.56% (so the three shares add to 100): a last-digit step, info
    (F036, "NUM002", 637, "info"),
}


@pytest.fixture(scope="module")
def findings():
    report = lint_paths([str(REAL / f) for f in (F003, F009, F036, F038, F040)], Config())
    return {(f.path.rsplit("/", 1)[-1], x.rule, x.line, x.severity.name) for f in report.files for x in f.findings}


def test_the_prose_arithmetic_findings_are_pinned(findings):
    assert {x for x in findings if x[1] == "NUM002"} >= REAL_PINNED


def test_a_change_sentence_without_subject_takes_the_amount_of_the_sentence_before():
    doc = load_document(REAL / F036)
    got = {(c.current.q.value, c.delta.value, c.rate.value) for c in doc.statements.changes if c.delta and c.rate}
    # "1．公共安全（类）支出16,593.12 万元。主要用于……。与上年相比增加134.37万元，增长0.82 %。"
    assert (16593.12, 134.37, 0.82) in got
    # "2．社会保障和就业支出1890.27万元。……与上年相比增加 54.05 万元，增幅2.94 %。"
    assert (1890.27, 54.05, 2.94) in got
    assert (4335.3, 1237.7, 13.22) in got


def test_shares_of_the_three_public_expenses_are_read_when_every_part_is_named():
    got = {}
    for f in (F036, F038, F039, F040):
        doc = load_document(REAL / f)
        got[f] = [[(p.amount.q.value, p.share.value) for p in c.parts] for c in doc.statements.composed]
    assert got == {
        F036: [[(80.0, 19.1), (237.0, 56.7), (101.26, 24.2)]],
        F039: [[(106.0, 15.7), (156.6, 23.2), (412.5, 61.1)]],
        F038: [[(70.0, 13.77), (411.2, 80.92), (27.0, 5.31)]],
        F040: [[(222.5, 8.75), (183.6, 7.22), (427.5, 16.81)]],
    }


def test_reasons_that_only_name_the_direction_of_the_items_money_are_read():
    doc = load_document(REAL / F009)
    read = [(c.direction, c.reason_direction) for c in doc.statements.changes if c.reason_direction]
    assert len(read) == 21
    # one reason contradicts its change (line 79); the other twenty agree with theirs
    assert sum(d != r for d, r in read) == 1


def test_a_comparison_sentence_that_names_the_item_again_takes_the_amount_before():
    # "一般公共预算财政拨款支出2940.05万元，占本年支出合计的100.00%。与2023年度相比，
    # 一般公共预算财政拨款支出减少63.14万元，下降2.10%。" (right: 63.14 ÷ 3003.19 = 2.10%)
    doc = load_document(REAL / "001_sh_putuo_czj_2024_bumen_juesuan.txt")
    got = {
        (c.current.q.value, c.direction, c.delta.value, c.rate.value)
        for c in doc.statements.changes
        if c.delta and c.rate
    }
    assert (2940.05, "down", 63.14, 2.1) in got


def test_parts_in_the_sentence_after_their_total_are_read():
    # "2019年实际支出“三公经费”决算为22.62万元。其中公务接待费为20.10万元,占88.86%;
    # 公务用车运行维护费为2.52万元,占11.14%。" (right: 20.10 + 2.52 = 22.62, shares add to 100)
    f = REAL.parent / "real2" / "127_hn_taojiang_2019_sangong_juesuan.txt"
    if not f.is_file():
        pytest.skip("real2 corpus not present")
    doc = load_document(f)
    got = [(b.total.q.value, [(p.amount.q.value, p.share.value) for p in b.parts]) for b in doc.statements.breakdowns]
    assert got == [(22.62, [(20.10, 88.86), (2.52, 11.14)])]


def test_parts_listed_one_a_line_after_their_total_are_read():
    # "江苏省委办公厅本年支出预算合计27664.22万元，其中：" then one line per part, each with
    # its share, up to the line ending in 。 (right: the parts add up, the shares too)
    doc = load_document(REAL / F038)
    got = [
        (b.lines, b.total.q.value, [(p.amount.q.value, p.share.value) for p in b.parts])
        for b in doc.statements.breakdowns
        if b.last_para is not None
    ]
    assert got == [((152, 155), 27664.22, [(11700.63, 42.3), (13025.38, 47.08), (2938.21, 10.62)])]


def test_a_comparison_clause_followed_by_a_bare_change_takes_the_amount_before():
    # "……支出预算10,070.48 万元，占本年支出合计的99.21%。与上年相比，增加1,003.69 万元，
    # 增长11.07%。" (right: 1003.69 ÷ 9066.79 = 11.07%)
    doc = load_document(REAL / F039)
    got = {(c.current.q.value, c.delta.value, c.rate.value) for c in doc.statements.changes if c.delta and c.rate}
    assert (10070.48, 1003.69, 11.07) in got
