"""budgetlint.nlp.analysis.perf: 绩效自评表 recognition — project, fund rows, goal block, indicator rows (aligned
on 分值/得分, with shifts), carry-down of merged 一级/二级指标, the 总分 row.

Seeds 000 and 002 export tables one cell per line; seed 004 one row per line (with ragged,
shifted rows); the Word version is built with tests/docx_builder.py.  Tests marked
xfail(strict=True), if any, state the correct reading where the current one is wrong.
"""

from __future__ import annotations

from functools import cache

import pytest
from paths import SEEDS

from budgetlint.nlp.analysis.perf import Indicator, PerfTable
from budgetlint.nlp.analysis.perf_scan import perf_table_at
from budgetlint.nlp.model import Document
from budgetlint.nlp.readers.docx import load_docx
from budgetlint.nlp.readers.txt import load_text, load_txt

try:
    from tests.docx_builder import build_docx, perf_table_block
except ImportError:  # tests/ is not a package: tests/ itself is on sys.path
    from docx_builder import build_docx, perf_table_block


@cache
def _load_seed(prefix: str) -> Document:
    return load_txt(sorted(SEEDS.glob(f"{prefix}_*.txt"))[0])


def seed(prefix: str) -> Document:
    if not SEEDS.is_dir() or not list(SEEDS.glob(f"{prefix}_*.txt")):
        pytest.skip(f"seed {prefix} not available")
    return _load_seed(prefix)


def ind_at(pt: PerfTable, line: int) -> Indicator:
    hits = [i for i in pt.indicators if i.line == line]
    assert len(hits) == 1, f"no single indicator on line {line}"
    return hits[0]


def row(ind: Indicator) -> tuple:
    """(name, target, actual, points, score, explanation) as the cells say them."""
    return (
        ind.name,
        ind.text("target"),
        ind.text("actual"),
        ind.points.value,
        ind.score.value,
        ind.text("explanation"),
    )


def pt004(line: int) -> PerfTable:
    pt = perf_table_at(seed("004"), line)
    assert pt is not None
    return pt


# -- seed 000: the first project table ----------------------------------------------------------
@pytest.fixture
def pt000() -> PerfTable:
    return seed("000").perf_tables[0]


def test_seed000_has_one_perf_table_per_project():
    assert [pt.project for pt in seed("000").perf_tables] == [
        "网络安全检查工作",
        "刊物印制",
        "互联网企业党建活动",
        "开展国家网络安全宣传周和首都网络安全日活动",
        "办公固定资产采购",
        "档案室及档案保管安全设施建设",
        "购买信息产品、数据等服务费",
        "网络宣传推广",
    ]
    assert [pt.table.index for pt in seed("000").perf_tables] == list(range(8))


def test_seed000_first_table_project_unit_and_span(pt000):
    assert pt000.project == "网络安全检查工作"
    assert pt000.is_overall is False
    assert pt000.unit == "万元"
    assert (pt000.line, pt000.end_line) == (277, 413)
    assert (pt000.first_row, pt000.fund_header_row, pt000.indicator_header_row, pt000.total_row, pt000.last_row) == (
        0,
        3,
        10,
        15,
        15,
    )


def test_seed000_fund_rows_in_order(pt000):
    assert [f.label for f in pt000.funds] == ["年度资金总额", "其中：当年财政拨款", "上年结转资金", "其他资金"]


def test_seed000_total_fund_row_values(pt000):
    f = pt000.funds[0]
    assert (f.label, f.row, f.line, f.end_line) == ("年度资金总额", 4, 303, 310)
    got = {
        role: (q.value, q.unit)
        for role in ("initial", "budget", "executed", "points", "rate", "score")
        if (q := f.value(role)) is not None
    }
    assert got == {
        "initial": (160, None),
        "budget": (160, None),
        "executed": (158.8, None),
        "points": (10, None),
        "rate": (99.25, "%"),
        "score": (9.9, None),
    }


def test_seed000_empty_fund_cells_have_no_value(pt000):
    f = pt000.funds[2]
    assert f.label == "上年结转资金"
    assert [f.value(r) for r in ("initial", "budget", "executed", "points", "rate", "score")] == [None] * 6


def test_seed000_goal_cells(pt000):
    assert pt000.goal_expected.text == (
        "统筹组织党政机关、重点行业、大型互联网服务平台、工业控制系统等的网络安全检查，做好重要网站、信息系统安全维护。"
    )
    assert pt000.goal_actual.text == (
        "按计划完成党政机关、重点行业、大型互联网服务平台、工业控制系统等的网络安全检查，做好重要网站、信息系统安全维护。"
    )
    assert (pt000.goal_expected.line, pt000.goal_actual.line) == (345, 346)


def test_seed000_indicator_rows(pt000):
    assert [row(i) for i in pt000.indicators] == [
        (
            "网络安全应急演练",
            "≥1次",
            "组织网络安全实战攻防演练1次，完成预期任务。",
            30,
            28,
            "进一步增强网络安全应急演练实效，持续做好网络安全检查和漏洞修复工作，不断提升网络安全防护能力。",
        ),
        (
            "现场检查单位数量",
            "≥75个",
            "开展网络安全现场检查工作，检查单位网站（含系统）90个，完成预期任务。",
            20,
            18,
            "",
        ),
        (
            "网络安全防护能力得到提升",
            "定性",
            "针对检查发现的漏洞和问题，提出网络安全管理和技术保障建议，帮助完善网络安全工作管理制度措施。",
            10,
            8,
            "",
        ),
        ("漏洞修复率", "≥90%", "做好检查发现漏洞修复工作，中高危网络安全漏洞修复率达到98%以上。", 30, 28, ""),
    ]
    assert all(i.has_explanation_column and i.shift == 0 for i in pt000.indicators)


def test_seed000_merged_level_cells_are_carried_down(pt000):
    assert [(i.level1, i.level2) for i in pt000.indicators] == [
        ("产出指标", "数量指标"),
        ("产出指标", "数量指标"),
        ("效益指标", "社会效益指标"),
        ("效益指标", "社会效益指标"),
    ]
    assert pt000.indicators[1].text("level1") == ""  # the cell itself is empty: carried, not read


def test_seed000_indicator_line_spans(pt000):
    assert [(i.name, i.row, i.line, i.end_line) for i in pt000.indicators] == [
        ("网络安全应急演练", 11, 366, 374),
        ("现场检查单位数量", 12, 376, 384),
        ("网络安全防护能力得到提升", 13, 386, 396),
        ("漏洞修复率", 14, 398, 408),
    ]


def test_seed000_total_row(pt000):
    assert (pt000.total_points.text, pt000.total_score.text) == ("100", "91.9")
    assert pt000.total_points.line == 411


def test_seed000_scores_add_up_to_the_total(pt000):
    points = sum(i.points.value for i in pt000.indicators) + pt000.funds[0].value("points").value
    score = sum(i.score.value for i in pt000.indicators) + pt000.funds[0].value("score").value
    assert (points, round(score, 2)) == (100, 91.9)


def test_perf_table_at_a_line():
    doc = seed("000")
    assert perf_table_at(doc, 380).project == "网络安全检查工作"
    assert perf_table_at(doc, 430).project == "刊物印制"
    assert perf_table_at(doc, 200) is None


# -- totals quoted in the prose (doc.quoted_totals) ----------------------------------------------
def _perf_doc(prose: list[str], projects: list[str]) -> Document:
    """The prose paragraphs, then one minimal 自评表 per project (→ stands for a TAB)."""
    tables = []
    for name in projects:
        tables += [
            f"项目名称→{name}→→→→→→→",
            "项目资金 (万元)→→年初预算数→全年预算数→全年执行数→分值→执行率→得分→",
            "→年度资金总额→45→45→42.97→10→95.49%→9.5→",
            "年度绩效指标→一级指标→二级指标→三级指标→年度指标值→实际完成值→分值→得分→偏差原因分析及改进措施",
            "→产出指标→数量指标→召开座谈会→≥1次→2次→90→84→部分活动延期",
            "总分→→→→→100→93.5→—→",
            "",
        ]
    text = "\n\n".join(prose) + "\n\n" + "\n".join(tables)
    return load_text(text.replace("→", "\t"), "t.txt", "txt")


def _quotes(doc: Document, project: str) -> list[tuple]:
    return [(p.line, p.text[s:e], q.value) for p, s, e, q in doc.quoted_totals.get(project, [])]


def test_quoted_totals_first_quote_of_each_paragraph_in_document_order():
    doc = _perf_doc(
        [
            "互联网企业党建活动项目得分95.5分，互联网企业党建活动得分90分。",
            "无关的段落，得分10分。",
            "互联网企业党建活动总得分为 93.5 分。",
        ],
        ["互联网企业党建活动"],
    )
    assert _quotes(doc, "互联网企业党建活动") == [
        (1, "互联网企业党建活动项目得分95.5分", 95.5),
        (5, "互联网企业党建活动总得分为 93.5 分", 93.5),
    ]


def test_quoted_totals_of_a_name_ending_inside_another_projects_name():
    # "企业党建活动" ends where "互联网企业党建活动" ends: the quote belongs to both
    doc = _perf_doc(["互联网企业党建活动项目总得分88分。"], ["互联网企业党建活动", "企业党建活动"])
    assert _quotes(doc, "互联网企业党建活动") == [(1, "互联网企业党建活动项目总得分88分", 88)]
    assert _quotes(doc, "企业党建活动") == [(1, "企业党建活动项目总得分88分", 88)]


def test_quoted_totals_read_a_name_that_ends_in_xiangmu():
    doc = _perf_doc(["宣传周活动项目总得分91分。"], ["宣传周活动项目"])
    assert _quotes(doc, "宣传周活动项目") == [(1, "宣传周活动项目总得分91分", 91)]


def test_quoted_totals_ignore_a_name_followed_by_a_score_without_its_unit():
    doc = _perf_doc(["互联网企业党建活动得分较高，互联网企业党建活动得分95分。"], ["互联网企业党建活动"])
    assert _quotes(doc, "互联网企业党建活动") == [(1, "互联网企业党建活动得分95分", 95)]


def test_quoted_totals_skip_names_shorter_than_four_characters():
    doc = _perf_doc(["宣传周得分95分。"], ["宣传周"])
    assert doc.quoted_totals == {}
    assert doc.perf_tables[0].quoted_totals(doc) == []


def test_perf_table_quoted_totals_reads_the_view():
    doc = _perf_doc(["互联网企业党建活动得分95分。"], ["互联网企业党建活动"])
    pt = doc.perf_tables[0]
    assert [(p.line, s, e, q.value) for p, s, e, q in pt.quoted_totals(doc)] == [(1, 0, 14, 95)]


def _two_tables_in_one_block() -> Document:
    rows = []
    for name in ("互联网企业党建活动", "网络安全检查工作"):
        rows += [
            f"项目名称→{name}→→→→→→→",
            "项目资金 (万元)→→年初预算数→全年预算数→全年执行数→分值→执行率→得分→",
            "→年度资金总额→45→45→42.97→10→95.49%→9.5→",
            "年度绩效指标→一级指标→二级指标→三级指标→年度指标值→实际完成值→分值→得分→偏差原因分析及改进措施",
            "→产出指标→数量指标→召开座谈会→≥1次→2次→90→84→部分活动延期",
            "总分→→→→→100→93.5→—→",
        ]
    return load_text("\n".join(rows).replace("→", "\t") + "\n", "t.txt", "txt")


def test_rows_end_is_the_next_perf_table_of_the_same_table():
    doc = _two_tables_in_one_block()
    first, second = doc.perf_tables
    assert first.table is second.table
    assert (first.rows_end(doc), second.rows_end(doc)) == (second.first_row, len(second.table.rows))


def test_project_mentions_explain_execution_from_a_paragraph_naming_the_project():
    doc = _perf_doc(
        ["互联网企业党建活动由于部分活动延期，资金支出进度较慢。", "网络安全检查工作按计划完成。"],
        ["互联网企业党建活动", "网络安全检查工作"],
    )
    mentions = doc.project_mentions
    assert (mentions.explain_execution("互联网企业党建活动"), mentions.explain_execution("网络安全检查工作")) == (
        True,
        False,
    )


def test_project_mentions_need_the_name_and_the_explanation_in_one_paragraph():
    doc = _perf_doc(["互联网企业党建活动按计划完成。", "由于部分活动延期，资金支出进度较慢。"], ["互联网企业党建活动"])
    assert doc.project_mentions.explain_execution("互联网企业党建活动") is False


# -- seed 002: the department-wide table ---------------------------------------------------------
@pytest.fixture
def pt002() -> PerfTable:
    tables = seed("002").perf_tables
    assert len(tables) == 1
    return tables[0]


def test_seed002_overall_table(pt002):
    assert pt002.is_overall is True
    assert pt002.table.caption == "整体支出绩效自评表"
    assert pt002.project == "中共邵阳市北塔区委网络安全和信息化委员会办公室"
    assert pt002.unit == "万元"
    assert (pt002.line, pt002.end_line) == (241, 526)


def test_seed002_total_fund_row(pt002):
    f = pt002.funds[0]
    assert (f.label, f.line) == ("年度资金总额", 260)
    assert [f.value(r).value for r in ("initial", "budget", "executed", "points", "rate", "score")] == [
        128.90,
        251.06,
        251.06,
        10,
        100,
        10,
    ]


def test_seed002_breakdown_rows_are_not_fund_rows(pt002):
    assert [f.label for f in pt002.funds] == ["年度资金总额"]


def test_seed002_goal_cells(pt002):
    assert pt002.goal_expected.text.strip("\u3000") == (
        "提高全社会网络安全意识，构建网络安全的防护体系确保全区网络安全事件和较大以上网络舆情零发生。"
        "加强网络信息服务的监管，打击网络谣言和虚假信息传播"
    )
    assert pt002.goal_actual.text.strip("\u3000") == "2023年全区网络安全事件和较大以上网络舆情零发生。"


def test_seed002_indicator_with_lost_points_and_empty_explanation(pt002):
    ind = ind_at(pt002, 435)
    assert row(ind) == ("筑牢网络安全屏障", "≥98", "98", 15, 14, "")
    assert (ind.level1, ind.level2) == ("效益指标（30分）", "社会效益指标")
    assert ind.has_explanation_column is True
    assert ind.cells["explanation"].empty is True
    assert (ind.line, ind.end_line) == (435, 445)


def test_seed002_placeholder_rows_are_not_indicators(pt002):
    assert [i.name for i in pt002.indicators] == [
        "开展网络安全检查",
        "网络评论队伍培训",
        "网络问政回复率",
        "培训、活动举办成功率",
        "工作任务完成时间",
        "预算成本控制",
        "筑牢网络安全屏障",
        "强化网络阵地管理",
        "社会群众满意度",
    ]


def test_seed002_level_cells_carried_across_placeholder_rows(pt002):
    assert [(i.level1, i.level2) for i in pt002.indicators] == [
        ("产出指标（50分）", "数量指标"),
        ("产出指标（50分）", "数量指标"),
        ("产出指标（50分）", "质量指标"),
        ("产出指标（50分）", "质量指标"),
        ("产出指标（50分）", "时效指标"),
        ("产出指标（50分）", "成本指标"),
        ("效益指标（30分）", "社会效益指标"),
        ("效益指标（30分）", "社会效益指标"),
        ("满意度指标（10分）", "服务对象满意度指标"),
    ]


def test_seed002_total_row(pt002):
    assert pt002.total_points.text == "100"
    assert pt002.total_score.text.strip("\u3000") == "98"


# -- seed 004: one row per line, shifted rows -----------------------------------------------------
def test_seed004_eleven_tables_with_projects():
    doc = seed("004")
    assert [pt.project for pt in doc.perf_tables] == [
        "接待费",
        "第七次党代会“云采访”",
        "网络宣传工作经费",
        "网络监管工作经费",
        "网络安全和信息化工作经费",
        "办公设备购置",
        "综合管理工作经费",
        "物业费",
        "深圳市互联网行业同心圆工程",
        "互联网行业党建工作经费",
        "网络应急和舆情工作经费",
    ]
    assert {pt.is_overall for pt in doc.perf_tables} == {False}


def test_seed004_fund_unit_is_yuan_from_the_fund_header():
    doc = seed("004")
    assert {pt.unit for pt in doc.perf_tables} == {"元"}
    assert doc.perf_tables[0].table.rows[2][0].text == "项目资金 (元)"


def test_seed004_fund_row_values():
    f = pt004(8).funds[0]
    assert (f.label, f.line) == ("年度资金总额", 8)
    assert [(f.value(r).value, f.value(r).decimals) for r in ("initial", "budget", "executed", "rate", "score")] == [
        (50000.0, 2),
        (50000.0, 2),
        (34638.0, 2),
        (0.69, 2),
        (6.9, 2),
    ]


def test_seed004_totals_of_every_table():
    doc = seed("004")
    assert [(pt.total_points.text, pt.total_score.text) for pt in doc.perf_tables] == [
        ("100", "96.9"),
        ("100", "100"),
        ("100", "99.9"),
        ("100", "99.8"),
        ("100", "99.9"),
        ("100", "100"),
        ("100", "99.9"),
        ("100", "97.6"),
        ("100", "96.8"),
        ("100", "94.3"),
        ("100", "99.9"),
    ]


def test_seed004_unshifted_row_with_placeholder_explanation():
    ind = ind_at(pt004(16), 16)
    assert row(ind) == ("公务接待正常率", "≥90%", "99%", 15, 15, "无")
    assert (ind.shift, ind.level1, ind.level2) == (0, "产出指标(50分)", "质量指标")


def test_seed004_row_shifted_left_by_one_aligns_on_points_and_score():
    """Line 22 "满意度指标→→接待满意度→≥90%→99%→40→40→无→": the 绩效指标 column is gone."""
    ind = ind_at(pt004(22), 22)
    assert ind.shift == -1
    assert row(ind) == ("接待满意度", "≥90%", "99%", 40, 40, "无")


def test_seed004_row_whose_points_sit_under_the_header_is_not_shifted():
    """Line 72 "→→→成本指标→无→无→0→0→无" (three leading tabs): 0/0 are under 分值/得分."""
    ind = ind_at(pt004(72), 72)
    assert ind.shift == 0
    assert row(ind) == ("成本指标", "无", "无", 0, 0, "无")


def test_seed004_row_shifted_right_by_one_lacks_its_explanation_cell():
    """Line 136 "→→→时效指标→2021年及时准确完成→及时完成→及时完成→10→10"."""
    ind = ind_at(pt004(136), 136)
    assert ind.shift == 1
    assert row(ind)[1:5] == ("及时完成", "及时完成", 10, 10)
    assert ind.cells["level2"].text == "时效指标"
    assert ind.has_explanation_column is True  # the header has the column; the row lacks the cell
    assert ind.text("explanation") == ""


def test_seed004_row_shifted_left_by_two_aligns_on_points_and_score():
    """Line 245 "参会人员满意度→85%→→100%→20→20→无→→"."""
    ind = ind_at(pt004(245), 245)
    assert ind.shift == -2
    assert (ind.text("actual"), ind.points.value, ind.score.value, ind.text("explanation")) == ("100%", 20, 20, "无")


def test_seed004_row_shifted_left_by_two_keeps_its_name_and_target():
    ind = ind_at(pt004(245), 245)
    assert (ind.name, ind.text("target")) == ("参会人员满意度", "85%")


@pytest.mark.parametrize(
    "line, level1, level2",
    [
        (22, "满意度指标", ""),
        (44, "产出指标(50分)", "成本指标"),
        (136, "产出指标(50分)", "时效指标"),
    ],
)
def test_seed004_shifted_rows_read_their_own_level_cells(line, level1, level2):
    ind = ind_at(pt004(line), line)
    assert ind.shift != 0
    assert (ind.level1, ind.level2) == (level1, level2)


def test_seed004_level_cells_carried_down_unshifted_rows():
    pt = pt004(37)
    assert [(i.line, i.level1, i.level2) for i in pt.indicators if i.shift == 0][:7] == [
        (37, "产出指标(50分)", "数量指标"),
        (38, "产出指标(50分)", "数量指标"),
        (39, "产出指标(50分)", "数量指标"),
        (40, "产出指标(50分)", "质量指标"),
        (41, "产出指标(50分)", "质量指标"),
        (42, "产出指标(50分)", "时效指标"),
        (43, "产出指标(50分)", "时效指标"),
    ]


def test_seed004_rows_without_points_are_not_indicators():
    pt = pt004(19)
    assert 19 not in [i.line for i in pt.indicators]  # 效益指标 (40分) | 经济效益指标 | (empty)
    assert 21 not in [i.line for i in pt.indicators]


def test_seed004_row_shifted_left_by_three_is_an_indicator():
    """Line 118 "属地网络监管平台运行效果→及时巡查…→平台运行效果…→10→10→无→→→"."""
    ind = ind_at(pt004(118), 118)
    assert ind.shift == -3
    assert row(ind) == (
        "属地网络监管平台运行效果",
        "及时巡查发现、扫描预警各类有害信息",
        "平台运行效果得到改善，满意度大于90%",
        10,
        10,
        "无",
    )


def test_seed004_every_row_with_points_is_read():
    """Indicator points plus the fund row's 分值 give the 总分 of 100.  Table 8 (同心圆工程)
    itself lists only 97 points (and a score 3 short of its 总分): the export lost a row."""
    doc = seed("004")
    sums = [sum(i.points.value for i in pt.indicators) + pt.funds[0].value("points").value for pt in doc.perf_tables]
    assert sums == [100, 100, 100, 100, 100, 100, 100, 100, 97, 100, 100]


# -- the Word table -------------------------------------------------------------------------------
@pytest.fixture
def docx_pt(tmp_path) -> PerfTable:
    doc = load_docx(build_docx(tmp_path / "perf.docx", [("para", "项目支出绩效自评表"), perf_table_block()]))
    assert len(doc.perf_tables) == 1
    return doc.perf_tables[0]


def test_docx_table_project_unit_and_total(docx_pt):
    assert docx_pt.project == "网络安全检查工作"
    assert docx_pt.is_overall is False
    assert docx_pt.unit == "万元"  # from the merged "项目资金（万元）" cell
    assert (docx_pt.total_points.text, docx_pt.total_score.text) == ("100", "96.9")


def test_docx_fund_rows(docx_pt):
    assert [f.label for f in docx_pt.funds] == ["年度资金总额", "其中：当年财政拨款", "上年结转资金", "其他资金"]
    f = docx_pt.funds[0]
    assert [f.value(r).value for r in ("initial", "budget", "executed", "points", "rate", "score")] == [
        160,
        160,
        158.8,
        10,
        99.25,
        9.9,
    ]


def test_docx_goal_cells(docx_pt):
    assert docx_pt.goal_expected.text == "统筹组织党政机关、重点行业等的网络安全检查，做好重要网站、信息系统安全维护。"
    assert docx_pt.goal_actual.text == "按计划完成党政机关、重点行业等的网络安全检查，做好重要网站、信息系统安全维护。"


def test_docx_merged_first_column_cells_are_carried_down(docx_pt):
    assert [(i.level1, i.level2, i.name) for i in docx_pt.indicators] == [
        ("产出指标", "数量指标", "网络安全应急演练"),
        ("产出指标", "数量指标", "现场检查单位数量"),
        ("产出指标", "质量指标", "漏洞修复率"),
        ("效益指标", "社会效益指标", "网络安全防护能力得到提升"),
        ("满意度指标", "服务对象满意度指标", "检查单位满意度"),
    ]
    merged = docx_pt.indicators[1].cells
    assert (merged["level1"].merged, merged["level2"].merged) == (True, True)


def test_docx_indicator_values_and_lines(docx_pt):
    ind = docx_pt.indicators[1]
    assert row(ind) == (
        "现场检查单位数量",
        "≥75个",
        "开展网络安全现场检查工作，检查单位网站（含系统）90个，完成预期任务。",
        20,
        18,
        "",
    )
    assert (ind.shift, ind.line, ind.end_line) == (0, 13, 13)
    assert [i.line for i in docx_pt.indicators] == [12, 13, 14, 15, 16]


# -- column-shift alignment ------------------------------------------------------------------------
def _row(*texts):
    from budgetlint.nlp.model import Cell

    return [Cell(t, 0, c, 1, 1) for c, t in enumerate(texts)]


def test_row_shift_prefers_the_header_columns():
    from budgetlint.nlp.analysis.perf_scan import _INDICATOR_SHIFTS, _row_shift

    assert _row_shift(_row("数量指标", "演练", "10", "10", "9"), (2, 3), _INDICATOR_SHIFTS) == 0


def test_row_shift_tries_left_before_right():
    from budgetlint.nlp.analysis.perf_scan import _INDICATOR_SHIFTS, _row_shift

    # anchors at columns 2 and 4: shifted by -1 (columns 1, 3) and by +1 (3, 5) both
    # hold amounts; the left shift wins
    assert _row_shift(_row("演练", "10", "达成", "9", "好", "8"), (2, 4), _INDICATOR_SHIFTS) == -1


def test_row_shift_is_none_when_no_shift_finds_amounts():
    from budgetlint.nlp.analysis.perf_scan import _INDICATOR_SHIFTS, _row_shift

    assert _row_shift(_row("演练", "≥2次", "达成", "好"), (2, 3), _INDICATOR_SHIFTS) is None
