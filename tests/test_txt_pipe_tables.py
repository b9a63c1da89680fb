"""Tables written with "|" in plain text (web pages and document sites copied as text):
each shape becomes a Table of the same model the other readers produce (synthetic inputs)."""

from __future__ import annotations

from budgetlint.nlp.model import Paragraph, Table
from budgetlint.nlp.readers.text_grid import parse_html_table
from budgetlint.nlp.readers.txt import load_text, split_lines


def _doc(text: str):
    return load_text(text, "t.txt", "txt")


def _tables(text: str) -> list[Table]:
    return [b for b in _doc(text).blocks if isinstance(b, Table)]


def _texts(table: Table) -> list[list[str]]:
    return [[c.text for c in r] for r in table.rows]


def test_markdown_rows_with_frame_bars_and_separator():
    (t,) = _tables("评价小组\n| 职务 | 姓名 |\n|---|:---:|\n| 组长 | 张三 |\n| 成员 | |\n说明文字。\n")
    assert t.layout == "pipe-rows"
    assert _texts(t) == [["职务", "姓名"], ["组长", "张三"], ["成员", ""]]
    assert (t.line, t.end_line) == (2, 5)
    assert [c.line for c in t.rows[1]] == [4, 4]


def test_rows_without_leading_bar_keep_a_trailing_empty_cell():
    (t,) = _tables("机构职位 | 姓名 | 签字 |\n组长 | 张三 | |\n成员 | 李四 | |\n")
    assert _texts(t) == [["机构职位", "姓名", "签字"], ["组长", "张三", ""], ["成员", "李四", ""]]


def test_rows_without_any_frame_bar():
    (t,) = _tables("项目 | 金额\n合计 | 12.5\n")
    assert _texts(t) == [["项目", "金额"], ["合计", "12.5"]]


def test_a_single_pipe_line_stays_prose():
    blocks = _doc("前文。\n| 无障碍浏览 | 打开适老化模式\n后文。\n").blocks
    assert not any(isinstance(b, Table) for b in blocks)
    assert [b.text for b in blocks if isinstance(b, Paragraph)][1] == "| 无障碍浏览 | 打开适老化模式"


def test_one_cell_per_line_closed_by_bars_rows_end_at_a_bar_run():
    text = "项目负责人 |\n张三 |\n联系电话 |\n123 |\n||||||\n项目地址 |\n某局 |\n||||||||\n"
    (t,) = _tables(text)
    assert t.layout == "pipe-cells"
    assert _texts(t) == [["项目负责人", "张三", "联系电话", "123"], ["项目地址", "某局"]]
    assert [c.line for c in t.rows[1]] == [6, 7]


def test_one_cell_per_line_with_lone_bars_multi_line_cells_and_empty_cells():
    text = (
        "填报日期:2023年4月6日\n项目名称\n|\n慰问经费\n|\n||||\n"
        "预算执行情况(万元)\n(20分)\n|\n|\n预算数(A)\n|\n执行数(B)\n|\n|||\n"
        "资金总额\n|\n34.64\n|\n34.64\n|\n||||\n"
    )
    (t,) = _tables(text)
    assert _texts(t) == [
        ["项目名称", "慰问经费"],
        ["预算执行情况(万元)(20分)", "", "预算数(A)", "执行数(B)"],
        ["资金总额", "34.64", "34.64"],
    ]
    assert t.line == 2  # the first cell's text sits on the line above the first bar
    assert (t.rows[1][0].line, t.rows[1][0].end_line) == (7, 8)


def test_rows_broken_over_lines_with_padding():
    text = (
        "计分表\n| \n   一级 指标  | \n      \n   二级 指标  | \n   得分  | \n    \n"
        "| \n   项目 决策  | \n   目标 内容  | \n   4  | \n    \n"
        "| \n   决策 依据  | \n   4  | \n    |\n"
        "|   效益指标\n        | \n     满意度\n        | \n  ||||\n"
        "|   \n        | \n     满意度指标\n        | \n  ||||\n"
    )
    (t,) = _tables(text)
    assert t.layout == "pipe-wrapped"
    assert _texts(t) == [
        ["一级 指标", "二级 指标", "得分"],
        ["项目 决策", "目标 内容", "4"],
        ["", "决策 依据", "4"],  # 项目 决策 merged down: one bar, and 4 lines up under 4
        ["效益指标", "满意度"],
        ["", "满意度指标"],
    ]
    assert t.caption == "计分表"
    assert [c.line for c in t.rows[3]] == [17, 19]


def test_html_spans_are_bounded():
    cells = '<td rowspan="200" colspan="200">x</td>' * 300
    rows, _ = parse_html_table(split_lines("<table><tr>" + cells + "</tr><tr><td>y</td></tr></table>"), 0)
    assert sum(len(r) for r in rows) <= 50_000 + 300
    assert [c.text for c in rows[0] if not c.merged][:2] == ["x", "x"]


def test_html_rowspan_stops_at_the_last_row():
    rows, _ = parse_html_table(split_lines('<table><tr><td rowspan="9">a</td><td>b</td></tr></table>'), 0)
    assert [[c.text for c in r] for r in rows] == [["a", "b"]]


def test_markdown_row_broken_across_lines_goes_on_to_its_closing_bar():
    text = "| 指标 | 说明 | 分值 |\n|---|---|---|\n| 满意度 | 群众满意度\n达到较高水平 | 10 |\n| 时效 | 按时 | 5 |\n"
    (t,) = _tables(text)
    assert _texts(t) == [["指标", "说明", "分值"], ["满意度", "群众满意度达到较高水平", "10"], ["时效", "按时", "5"]]
    cell = t.rows[1][1]
    assert (cell.line, cell.end_line) == (3, 4)
    assert t.rows[1][2].line == 4


def test_rows_with_a_leading_bar_only_are_not_joined():
    (t,) = _tables("| 项目 | 金额\n| 合计 | 12.5\n")
    assert _texts(t) == [["项目", "金额"], ["合计", "12.5"]]


def test_cells_merged_down_are_given_back_when_the_bars_and_the_numbers_agree():
    text = (
        "| \n 产出指标 | \n 数量指标 | \n 人数 | \n 20 | \n 18 | \n"
        "| \n 质量指标 | \n 合格率 | \n 10 | \n 10 | \n    |\n"
        "| \n 达标率 | \n 10 | \n 9 | \n    ||\n"
        "| \n 时效 | \n 按时 | \n 及时 | \n 5 | \n    |\n"
    )
    (t,) = _tables(text)
    assert _texts(t) == [
        ["产出指标", "数量指标", "人数", "20", "18"],
        ["", "质量指标", "合格率", "10", "10"],
        ["", "", "达标率", "10", "9"],
        ["时效", "按时", "及时", "5"],  # a label would land under a number: left as read
    ]
    assert [(c.merged, c.covered_text) for c in t.rows[2][:2]] == [(True, "产出指标"), (True, "质量指标")]
    assert [c.col for c in t.rows[2]] == [0, 1, 2, 3, 4]


def test_a_row_short_at_its_end_is_not_shifted():
    text = "省财政 |\n1125 |\n省财政 |\n907.76 |\n||\n市财政 |\n33.75 |\n市财政 |\n|||\n"
    (t,) = _tables(text)
    assert _texts(t) == [["省财政", "1125", "省财政", "907.76"], ["市财政", "33.75", "市财政"]]
    assert not any(c.merged for r in t.rows for c in r)
