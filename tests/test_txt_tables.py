"""Unit tests for budgetlint.nlp.readers.text_grid: grid rebuilding from text exports (synthetic inputs)."""

from __future__ import annotations

from budgetlint.nlp.readers.text_grid import (
    find_space_tables,
    is_numeric_cell,
    is_tab_row_start,
    join_fragments,
    parse_html_table,
    parse_tab_cells,
    parse_tab_rows,
    split_space_cells,
)
from budgetlint.nlp.readers.txt import load_txt, split_lines


def _lines(text: str):
    return split_lines(text)


def _texts(rows):
    return [[c.text for c in r] for r in rows]


# ---------------------------------------------------------------------------------------
# joining fragments


def test_join_fragments_cjk_without_separator():
    assert join_fragments("年度", "指标值") == "年度指标值"
    assert join_fragments("减少91.91", "万元") == "减少91.91万元"
    assert join_fragments("项目资金", "（万元）") == "项目资金（万元）"


def test_join_fragments_ascii_words_get_a_space():
    assert join_fragments("Excel", "file") == "Excel file"


def test_join_fragments_enumerated_item_starts_new_line():
    assert join_fragments("1.存在问题一", "2.存在问题二") == "1.存在问题一\n2.存在问题二"


# ---------------------------------------------------------------------------------------
# tab-cells

TAB_CELLS = (
    "\t项目名称\n"  # 1
    "\t测试项目\n"  # 2
    "\n"  # 3
    "\t一级指标\n"  # 4
    "\t二级指标\n"  # 5
    "\t年度\n"  # 6
    "\n"  # 7
    "指标值\n"  # 8   cell text continues across one blank line (row still incomplete)
    "\t得分\n"  # 9
    "\n"  # 10
    "\t产出指标\n"  # 11
    "\t≥90%\n"  # 12  (digits: not a label-only row)
    "\n"  # 13
    "\n"  # 14
    "\t30\n"  # 15   the row continues after two blank lines: 2 + 2 cells fit the width 4
    "\t28\n"  # 16
    "\n"  # 17
    "\t总分\n"  # 18
    "\t100\n"  # 19
    "\t91.9\n"  # 20
    "\t\u3000\n"  # 21
    "\n"  # 22
    "\n"  # 23
    "下一节标题\n"  # 24   an untabbed line after two blank lines ends the table
)


def test_tab_cells_grid():
    lines = _lines(TAB_CELLS)
    rows, nxt = parse_tab_cells(lines, 0)
    assert _texts(rows) == [
        ["项目名称", "测试项目"],
        ["一级指标", "二级指标", "年度指标值", "得分"],
        ["产出指标", "≥90%", "30", "28"],
        ["总分", "100", "91.9", "\u3000"],
    ]
    assert nxt == 21  # index just after line 21
    cell = rows[1][2]
    assert (cell.line, cell.end_line) == (6, 8)
    assert [(c.row, c.col, c.line) for c in rows[2]] == [(2, 0, 11), (2, 1, 12), (2, 2, 15), (2, 3, 16)]
    assert rows[3][3].empty


def test_tab_cells_complete_row_ends_at_blank_then_text():
    text = "\t甲\n\t乙\n\n\t丙\n\t丁\n\n正文\n\t戊\n"
    rows, nxt = parse_tab_cells(_lines(text), 0)
    assert _texts(rows) == [["甲", "乙"], ["丙", "丁"]]
    assert nxt == 5


def test_tab_cells_label_row_sets_new_width():
    text = (
        "\t项目名称\n\t测试\n\n"  # width 2
        "\t年度总体目标\n\t预期目标\n\t实际完成情况\n\n"  # label-only: width 3
        "\t\n\t目标一\n\t完成一\n\n"  # a complete 3-cell row
        "\t\n\t目标二\n"  # 2 cells ...
        "\n\t完成二\n"  # ... completed after a blank line (2 + 1 <= 3)
    )
    rows, _ = parse_tab_cells(_lines(text), 0)
    assert _texts(rows) == [
        ["项目名称", "测试"],
        ["年度总体目标", "预期目标", "实际完成情况"],
        ["", "目标一", "完成一"],
        ["", "目标二", "完成二"],
    ]


def test_tab_cells_end_after_one_blank_when_row_complete():
    text = "\t甲\n\t乙\n\n\t1\n\t2\n\n说明：以上为测试。\n\t丙\n"
    rows, nxt = parse_tab_cells(_lines(text), 0)
    assert _texts(rows) == [["甲", "乙"], ["1", "2"]]
    assert nxt == 5


def test_tab_cells_end_when_untabbed_run_does_not_return_to_a_cell():
    text = "\t甲\n\t乙\n\t丙\n\n\t1\n\n正文段落。\n\n正文二。\n"
    rows, nxt = parse_tab_cells(_lines(text), 0)
    assert _texts(rows) == [["甲", "乙", "丙"], ["1"]]
    assert nxt == 5


def test_tab_cells_prose_between_tables_is_not_cell_text():
    text = (
        "\t一级指标\n\t二级指标\n\t三级指标\n\n"  # width 3
        "\t总分\n\t100\n\n"  # an incomplete last row ...
        "说明：本表由项目单位填报。\n\n"  # ... then a note and another table after one blank line
        "\t项目名称\n\t乙项目\n"
    )
    lines = _lines(text)
    rows, nxt = parse_tab_cells(lines, 0)
    assert _texts(rows) == [["一级指标", "二级指标", "三级指标"], ["总分", "100"]]
    assert nxt == 6


# ---------------------------------------------------------------------------------------
# tab-rows


def test_tab_rows_kept_as_split():
    text = "项目名称\t接待费\t\t\t项目金额\t831200\t\t\t\n满意度指标\t\t接待满意度\t≥90%\n\n正文。\n"
    lines = _lines(text)
    assert is_tab_row_start(lines, 0)
    rows, nxt = parse_tab_rows(lines, 0)
    assert _texts(rows) == [
        ["项目名称", "接待费", "", "", "项目金额", "831200", "", "", ""],
        ["满意度指标", "", "接待满意度", "≥90%"],
    ]
    assert nxt == 2


def test_isolated_single_tab_line_is_not_a_row():
    lines = _lines("张某某  主任\n李某某\t  副主任\n赵某某  股长\n")
    assert not is_tab_row_start(lines, 1)


def test_adjacent_single_tab_lines_are_rows():
    lines = _lines("甲\t乙\n丙\t丁\n")
    assert is_tab_row_start(lines, 0)
    rows, _ = parse_tab_rows(lines, 0)
    assert _texts(rows) == [["甲", "乙"], ["丙", "丁"]]


def test_tab_rows_multiline_cell_continuation():
    text = "内容\t结论\t说明\n预算编制说明\t否\t1.第一处问题\n2.第二处问题\n名词解释\t是\n"
    rows, nxt = parse_tab_rows(_lines(text), 0)
    assert _texts(rows)[1] == ["预算编制说明", "否", "1.第一处问题\n2.第二处问题"]
    assert (rows[1][2].line, rows[1][2].end_line) == (2, 3)
    assert nxt == 4


def test_seed_style_doc_with_both_layouts(tmp_path):
    text = "测试表\n\n\t甲\n\t乙\n\n说明。\n\n甲\t乙\t丙\n1\t2\t3\n"
    p = tmp_path / "t.txt"
    p.write_text(text, encoding="utf-8")
    doc = load_txt(p)
    assert [(t.layout, t.line, t.end_line, t.caption) for t in doc.tables] == [
        ("tab-cells", 3, 4, "测试表"),
        ("tab-rows", 8, 9, ""),
    ]


# ---------------------------------------------------------------------------------------
# space-rows


def test_split_space_cells():
    assert split_space_cells("一、财政拨款收入  86,959,408.34 一、公共安全支出  79,189,400.34") == [
        "一、财政拨款收入",
        "86,959,408.34",
        "一、公共安全支出",
        "79,189,400.34",
    ]
    assert split_space_cells("204  06  01  行政运行  14,348,853.34") == ["204", "06", "01", "行政运行", "14,348,853.34"]
    assert split_space_cells("2018 年度部门预算") == ["2018 年度部门预算"]
    assert split_space_cells("合计 1,234.50") == ["合计", "1,234.50"]
    assert split_space_cells("201  行政运行  82,096,797.42 82,096,797.42") == [
        "201",
        "行政运行",
        "82,096,797.42",
        "82,096,797.42",
    ]


def test_is_numeric_cell():
    assert is_numeric_cell("86,959,408.34")
    assert is_numeric_cell("0.00") and is_numeric_cell("204") and is_numeric_cell("99.25%")
    assert is_numeric_cell("—")
    assert not is_numeric_cell("91.91万元") and not is_numeric_cell("行政运行")


PDF_TABLE = (
    "一、收入支出预算总体情况\n"  # 1
    "2026年收入预算8695.94万元，其中：财政拨款收入8695.94万元。\n"  # 2
    "（一）收入预算总计  24,169.74  万元。包括：\n"  # 3  prose with double spaces
    "\f2026年预算单位收入预算总表\n"  # 4  caption
    "编制单位：某局  单位：元\n"  # 5
    "项目  收入预算\n"  # 6
    "类  款  项  合计\n"  # 7
    "204  公共安全支出  79,189,400.34  79,189,400.34\n"  # 8
    "204  06  司法  79,189,400.34  79,189,400.34\n"  # 9
    "行政事业单位医疗\n"  # 10 a label line between data rows
    "210  11  01  982,692.00  982,692.00\n"  # 11
    "合计  86,959,408.34  86,959,408.34\n"  # 12
    "注：本表为测试。\n"  # 13
)


def test_space_rows_region_with_header_zone():
    lines = _lines(PDF_TABLE)
    regions = find_space_tables(lines)
    assert len(regions) == 1
    reg = regions[0]
    assert (lines[reg.start].no, lines[reg.end].no) == (5, 12)
    rows = _texts(reg.rows)
    assert rows[0] == ["编制单位：某局", "单位：元"]
    assert rows[3] == ["204", "公共安全支出", "79,189,400.34", "79,189,400.34"]
    assert rows[5] == ["行政事业单位医疗"]


def test_space_rows_in_loaded_document(tmp_path):
    p = tmp_path / "pdf.txt"
    p.write_text(PDF_TABLE, encoding="utf-8")
    doc = load_txt(p)
    (t,) = doc.tables
    assert (t.layout, t.caption, t.unit, t.line, t.end_line, t.origin.page) == (
        "space-rows",
        "2026年预算单位收入预算总表",
        "元",
        5,
        12,
        2,
    )
    assert doc.blocks[2].text == "（一）收入预算总计  24,169.74  万元。包括："


def test_prose_with_double_spaces_is_not_a_table():
    text = (
        "\f某市某局2019 年度收入、支出预算总计24,169.74  万元，与上年相比增加\n"
        "2214.39万元。\n"
        "张某某  主任\n"
        "赵某某  股长\n"
        "3、住房保障支出  5686.35万元。主要用于在职人员住房公积金。\n"
    )
    assert find_space_tables(_lines(text)) == []


def test_caption_table_without_data_rows():
    text = (
        "\f2026年预算单位政府性基金预算支出功能分类预算表\n"  # 1
        "编制单位：某局  单位：元\n"  # 2
        "项目  政府性基金预算支出\n"  # 3
        "功能分类科目名称  合计  基本支出  项目支出\n"  # 4
        "无\n"  # 5
        "合计\n"  # 6
        "注:本单位无政府性基金预算，故本表为空表。\n"  # 7
    )
    lines = _lines(text)
    (reg,) = find_space_tables(lines)
    assert (lines[reg.start].no, lines[reg.end].no) == (2, 6)
    assert _texts(reg.rows)[-2:] == [["无"], ["合计"]]


def test_toc_with_leaders_is_not_a_table():
    text = "\f目  录\n一、部门主要职能  ……………………  1\n二、部门机构设置  ……………………  2\n"
    assert find_space_tables(_lines(text)) == []


# ---------------------------------------------------------------------------------------
# html


def test_html_table_spans():
    text = (
        '<table><tr><td>项目</td><td colspan="2">金额</td></tr>'
        '<tr><td rowspan="2">甲</td><td>1.00</td><td>2.00</td></tr>'
        "<tr><td>3.00</td><td>4<sup>①</sup></td></tr></table>\n"
    )
    rows, nxt = parse_html_table(_lines(text), 0)
    assert _texts(rows) == [["项目", "金额", ""], ["甲", "1.00", "2.00"], ["", "3.00", "4①"]]
    assert [c.merged for c in rows[0]] == [False, False, True]
    assert [c.merged for c in rows[2]] == [True, False, False]
    assert nxt == 1


def test_html_span_slots_carry_the_covering_text():
    text = (
        '<table><tr><td>项目</td><td colspan="2">金额</td></tr>'
        '<tr><td rowspan="2">甲</td><td>1.00</td><td>2.00</td></tr>'
        "<tr><td>3.00</td><td>4.00</td></tr></table>\n"
    )
    rows, _ = parse_html_table(_lines(text), 0)
    assert [[c.covered_text for c in r] for r in rows] == [["", "", "金额"], ["", "", ""], ["甲", "", ""]]
    assert [(c.text, c.merged) for c in (rows[0][2], rows[2][0])] == [("", True), ("", True)]


def test_html_explanation_merged_down_over_two_rows():
    text = (
        '<table><tr><td>漏洞修复率</td><td>10</td><td>9</td><td rowspan="2">受疫情影响未完成。</td></tr>'
        "<tr><td>满意度</td><td>10</td><td>8</td></tr></table>\n"
    )
    rows, _ = parse_html_table(_lines(text), 0)
    assert [(c.text, c.merged, c.covered_text) for c in (rows[0][3], rows[1][3])] == [
        ("受疫情影响未完成。", False, ""),
        ("", True, "受疫情影响未完成。"),
    ]
