"""Tests for budgetlint.nlp.readers.txt: decoding, line numbers, pages, headings, paragraphs, tables.

Seeds are read from corpus/reports and the real corpus from ../shared/corpus/real;
tests skip when those folders are absent (they are never copied into the repository).
"""

from __future__ import annotations

import shutil
import subprocess
import time
from pathlib import Path

import pytest
from paths import REAL, SEEDS

from budgetlint.nlp.errors import LoadError
from budgetlint.nlp.model import Heading, Paragraph, Table
from budgetlint.nlp.readers.txt import load_txt


def _seed(prefix: str) -> Path:
    if not SEEDS.is_dir():
        pytest.skip("seed reports not available")
    hits = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    if not hits:
        pytest.skip(f"seed {prefix} not available")
    return hits[0]


def _real(prefix: str) -> Path:
    if not REAL.is_dir():
        pytest.skip("real corpus not available")
    hits = sorted(REAL.glob(f"{prefix}_*.txt"))
    if not hits:
        pytest.skip(f"real document {prefix} not available")
    return hits[0]


def _write(tmp_path: Path, data: bytes, name: str = "r.txt") -> Path:
    p = tmp_path / name
    p.write_bytes(data)
    return p


def _row_at(table: Table, line: int) -> list:
    """The row whose first cell starts on ``line``."""
    for row in table.rows:
        if row and row[0].line == line:
            return row
    raise AssertionError(f"no row starts on line {line}")


def _texts(row) -> list[str]:
    return [c.text for c in row]


def _block_at(doc, line: int):
    for b in doc.blocks:
        if b.line <= line <= b.end_line:
            return b
    return None


# ---------------------------------------------------------------------------------------
# decoding


def test_utf8_with_bom(tmp_path):
    p = _write(tmp_path, "一、基本情况\n本年度收入100万元。\n".encode("utf-8-sig"))
    doc = load_txt(p)
    assert doc.encoding == "utf-8-sig"
    assert isinstance(doc.blocks[0], Heading)
    assert doc.blocks[0].title == "基本情况"
    assert doc.blocks[0].text == "一、基本情况"


def test_utf8_without_bom(tmp_path):
    p = _write(tmp_path, "本年度收入100万元。\n".encode())
    doc = load_txt(p)
    assert doc.encoding == "utf-8"
    assert doc.format == "txt"
    assert doc.path == str(p)


def test_gb18030(tmp_path):
    p = _write(tmp_path, "一、基本情况\n公用经费完成104.29万元。\n".encode("gb18030"))
    doc = load_txt(p)
    assert doc.encoding == "gb18030"
    assert [b.line for b in doc.blocks] == [1, 2]
    assert doc.blocks[1].text == "公用经费完成104.29万元。"


def test_utf16_with_bom(tmp_path):
    p = _write(tmp_path, "二、支出情况\n支出50万元。\n".encode("utf-16"))
    doc = load_txt(p)
    assert doc.encoding == "utf-16"
    assert doc.blocks[0].title == "支出情况"
    assert doc.blocks[1].text == "支出50万元。"


def test_crlf_becomes_lf(tmp_path):
    p = _write(tmp_path, "第一段。\r\n第二段。\r\n\r\n第三段。\r\n".encode())
    doc = load_txt(p)
    assert [(b.line, b.text) for b in doc.blocks] == [(1, "第一段。"), (2, "第二段。"), (4, "第三段。")]
    assert doc.n_lines == 4


def test_lone_cr_is_a_space_not_a_line_break(tmp_path):
    p = _write(tmp_path, "第一段。\r\n第二段\r续。\r\n第三段。\r\n".encode())
    doc = load_txt(p)
    assert [(b.line, b.text) for b in doc.blocks] == [(1, "第一段。"), (2, "第二段 续。"), (3, "第三段。")]
    assert doc.n_lines == 3


@pytest.mark.skipif(shutil.which("cat") is None, reason="cat not available")
def test_line_numbers_with_carriage_returns_match_cat_n(tmp_path):
    data = "一、基本情况\r\n甲\r乙。\r\n\r\n二、支出情况\r支出50万元。\n丙。\r\n"
    p = _write(tmp_path, data.encode("utf-8"))
    out = subprocess.run(["cat", "-n", str(p)], capture_output=True, check=True).stdout.decode("utf-8")
    rows = [r for r in out.split("\n") if "\t" in r]
    doc = load_txt(p)
    assert doc.n_lines == len(rows) == 5
    assert [(b.line, b.text) for b in doc.blocks] == [
        (1, "一、基本情况"),
        (2, "甲 乙。"),
        (4, "二、支出情况 支出50万元。"),
        (5, "丙。"),
    ]
    for b in doc.blocks:
        no, text = rows[b.line - 1].split("\t", 1)
        assert int(no) == b.line
        assert text.replace("\r", " ").strip() == b.text


def test_undecodable_file_raises(tmp_path):
    p = _write(tmp_path, b"abc\xff\xfe\x80")
    with pytest.raises(LoadError) as exc:
        load_txt(p)
    assert "编码" in str(exc.value)
    assert "\n" not in str(exc.value)


@pytest.mark.parametrize("data", [b"", b"   \n\n\t \n", "\u3000\n".encode("utf-8")])
def test_empty_file_raises(tmp_path, data):
    p = _write(tmp_path, data)
    with pytest.raises(LoadError, match="^文件为空$"):
        load_txt(p)


def test_binary_with_nul_raises(tmp_path):
    p = _write(tmp_path, b"abc\x00\x00def\n")
    with pytest.raises(LoadError):
        load_txt(p)


def test_missing_file_raises(tmp_path):
    with pytest.raises(LoadError, match="文件不存在"):
        load_txt(tmp_path / "nope.txt")


# ---------------------------------------------------------------------------------------
# lines and pages

FF_TEXT = (
    "一、基本情况\n"  # 1
    "甲\x1c乙\u2028丙\x85丁。\n"  # 2: splitlines() would split this line three times
    "\f二、支出情况\n"  # 3: page 2
    "支出50万元。\n"  # 4
    "\n"  # 5
    "\f\f三、其他情况\n"  # 6: page 4
    "无。\n"  # 7
)


def test_form_feeds_are_pages_not_lines(tmp_path):
    p = _write(tmp_path, FF_TEXT.encode("utf-8"))
    doc = load_txt(p)
    got = [(type(b).__name__, b.line, b.origin.page) for b in doc.blocks]
    assert got == [
        ("Heading", 1, 1),
        ("Paragraph", 2, 1),
        ("Heading", 3, 2),
        ("Paragraph", 4, 2),
        ("Heading", 6, 4),
        ("Paragraph", 7, 4),
    ]
    assert doc.n_lines == 7
    assert doc.blocks[1].text == "甲\x1c乙\u2028丙\x85丁。"
    assert doc.blocks[2].text == "二、支出情况"  # the form feed is stripped from the text


@pytest.mark.skipif(shutil.which("cat") is None, reason="cat not available")
def test_line_numbers_match_cat_n(tmp_path):
    p = _write(tmp_path, FF_TEXT.encode("utf-8"))
    out = subprocess.run(["cat", "-n", str(p)], capture_output=True, check=True).stdout.decode("utf-8")
    numbered = {}
    for row in out.split("\n"):
        if "\t" in row:
            no, text = row.split("\t", 1)
            numbered[int(no)] = text.replace("\f", "")
    doc = load_txt(p)
    for b in doc.blocks:
        assert numbered[b.line].strip() == b.text


def test_real_pdf_text_line_numbers_match_cat_n():
    path = _real("036")
    raw = path.read_bytes().decode("utf-8").split("\n")  # what cat -n numbers
    doc = load_txt(path)
    for b in doc.blocks:
        if isinstance(b, Table):
            first = b.rows[0][0]
            assert first.text in raw[first.line - 1]
        else:
            start = b.text[:6]
            assert start in raw[b.line - 1].replace("\f", "").strip(), (b.line, b.text[:20])


# ---------------------------------------------------------------------------------------
# artefacts


def test_bookmarks_are_stripped(tmp_path):
    text = "[bookmark: tz_0001_0001][bookmark: _Toc_2_2_0000000001]部门预算收支总表\n正文[bookmark: _GoBack]内容。\n"
    doc = load_txt(_write(tmp_path, text.encode("utf-8")))
    assert isinstance(doc.blocks[0], Heading)
    assert doc.blocks[0].text == "部门预算收支总表"
    assert doc.blocks[1].text == "正文内容。"


def test_bookmarks_stripped_in_seed_003():
    doc = load_txt(_seed("003"))
    assert doc.blocks[0].text == "部门预算收支总表"
    for b in doc.blocks:
        texts = [c.text for r in b.rows for c in r] if isinstance(b, Table) else [b.text]
        assert not any("[bookmark" in t for t in texts)
    assert doc.tables[0].caption == "部门预算收支总表"


def test_latex_percentages_are_unwrapped(tmp_path):
    text = "决策指标共15分，评价得分10.40分，得分率  $69.33\\%$  ，扣分$\\geq 5$分。\n"
    doc = load_txt(_write(tmp_path, text.encode("utf-8")))
    assert doc.blocks[0].text == "决策指标共15分，评价得分10.40分，得分率69.33%，扣分≥5分。"


# ---------------------------------------------------------------------------------------
# headings, inline text, TOC


def test_heading_fields_and_inline_paragraph():
    doc = load_txt(_seed("000"))
    h = _block_at(doc, 227)
    assert isinstance(h, Heading)
    assert (h.number, h.style, h.ordinal, h.title, h.rank) == ("（1）", "paren_arabic", 1, "绩效评价原则", 4)
    assert h.text == "（1）绩效评价原则。遵循“科学规范、公正公开、分级分类、绩效相关”原则。"
    assert isinstance(h.inline, Paragraph)
    assert h.inline.text == "遵循“科学规范、公正公开、分级分类、绩效相关”原则。"
    assert (h.inline.line, h.inline.end_line) == (227, 227)
    assert h.inline in doc.paragraphs


def test_unnumbered_title_is_heading_and_empty_section_kept():
    doc = load_txt(_seed("000"))
    h54 = _block_at(doc, 54)
    assert isinstance(h54, Heading) and h54.style == "none" and h54.title == "国有资本经营预算财政拨款收支情况"
    # 2.存在的问题及原因分析 followed directly by the next heading: nothing in between
    h197 = _block_at(doc, 197)
    nxt = doc.blocks[doc.blocks.index(h197) + 1]
    assert isinstance(h197, Heading) and h197.title == "存在的问题及原因分析"
    assert isinstance(nxt, Heading) and nxt.line == 199


TOC_TEXT = (
    "某单位2024年度部门预算\n"  # 1
    "\f目  录\n"  # 2
    "一、基本情况\n"  # 3
    "二、存在的问题 ……………… 3\n"  # 4
    "三、改进措施\n"  # 5
    "\f一、基本情况\n"  # 6
    "本单位共有人员10人。\n"  # 7
    "二、存在的问题\n"  # 8
    "预算执行进度偏慢。\n"  # 9
    "三、改进措施\n"  # 10
    "加快执行。\n"  # 11
)


def test_toc_entries_are_paragraphs(tmp_path):
    doc = load_txt(_write(tmp_path, TOC_TEXT.encode("utf-8")))
    assert [(h.line, h.title) for h in doc.headings] == [(6, "基本情况"), (8, "存在的问题"), (10, "改进措施")]
    toc = [b for b in doc.blocks if isinstance(b, Paragraph) and 2 <= b.line <= 5]
    assert [b.line for b in toc] == [2, 3, 4, 5]


def test_toc_leader_line_outside_toc_is_paragraph(tmp_path):
    doc = load_txt(_write(tmp_path, "二、存在的问题……………… 12\n正文。\n".encode()))
    assert doc.headings == []
    assert isinstance(doc.blocks[0], Paragraph)


def test_real_toc_over_two_pages():
    doc = load_txt(_real("001"))
    # lines 4-29 are the table of contents (a page break at line 26 inside it)
    assert all(isinstance(_block_at(doc, n), Paragraph) for n in range(4, 30))
    h = _block_at(doc, 30)
    assert isinstance(h, Heading) and h.style == "part" and h.title == "上海市普陀区财政局概况"


# ---------------------------------------------------------------------------------------
# tab-cells tables (seeds 000 and 002)

INDICATOR_HEADER = [
    "绩效指标",
    "一级指标",
    "二级指标",
    "三级指标",
    "年度指标值",
    "实际完成值",
    "分值",
    "得分",
    "偏差原因分析及改进措施",
]


def test_seed000_first_selfeval_table_grid():
    doc = load_txt(_seed("000"))
    t = doc.tables[0]
    assert (t.layout, t.caption, t.unit, t.index) == ("tab-cells", "项目支出绩效自评表", "万元", 0)
    assert (t.line, t.end_line) == (277, 413)
    assert _texts(t.rows[0]) == ["项目名称", "网络安全检查工作"]
    assert _texts(t.rows[3]) == [
        "项目资金（万元）",
        "",
        "年初预算数",
        "全年预算数",
        "全年执行数",
        "分值",
        "执行率",
        "得分",
    ]
    header = _row_at(t, 349)
    assert _texts(header) == INDICATOR_HEADER  # "年度⏎⏎指标值" joined without a separator
    assert t.row_span(header[0].row) == (349, 364)


def test_seed000_row_with_empty_explanation():
    t = load_txt(_seed("000")).tables[0]
    row = _row_at(t, 376)
    assert _texts(row) == [
        "",
        "",
        "",
        "现场检查单位数量",
        "≥75个",
        "开展网络安全现场检查工作，检查单位网站（含系统）90个，完成预期任务。",
        "20",
        "18",
        "",
    ]
    assert row[8].empty
    assert t.row_span(row[0].row) == (376, 384)
    assert [c.line for c in row] == list(range(376, 385))


def test_seed000_row_continues_across_two_blank_lines():
    t = load_txt(_seed("000")).tables[0]
    row = _row_at(t, 398)
    assert len(row) == 9
    assert _texts(row)[3:] == [
        "漏洞修复率",
        "≥90%",
        "做好检查发现漏洞修复工作，中高危网络安全漏洞修复率达到98%以上。",
        "30",
        "28",
        "",
    ]
    assert (row[6].line, row[7].line, row[8].line) == (406, 407, 408)
    assert t.row_span(row[0].row) == (398, 408)
    assert _texts(t.rows[-1]) == ["总分", "100", "91.9", ""]


def test_seed000_cell_continues_across_blank_lines():
    doc = load_txt(_seed("000"))
    t = next(t for t in doc.tables if t.line <= 1134 <= t.end_line)
    row = _row_at(t, 1129)
    cell = row[5]
    assert cell.text == "对区域网络热点分布进行梳理分析研判，全年共完成各类报告300余份。、舆情总体形势进行研判。250份"
    assert (cell.line, cell.end_line) == (1134, 1138)
    assert [(c.text, c.line) for c in row[6:8]] == [("30", 1139), ("28", 1140)]
    assert len(row) == 9


def test_seed000_table_ends_before_next_caption():
    doc = load_txt(_seed("000"))
    assert len(doc.tables) == 8
    assert all(t.caption == "项目支出绩效自评表" for t in doc.tables)
    after = doc.blocks[doc.blocks.index(doc.tables[0]) + 1]
    assert isinstance(after, Heading) and after.line == 416


def test_seed002_selfeval_table_ideographic_space_cells():
    doc = load_txt(_seed("002"))
    t = doc.tables[1]
    assert (t.caption, t.unit, t.layout) == ("整体支出绩效自评表", "万元", "tab-cells")
    assert _texts(_row_at(t, 297)) == INDICATOR_HEADER  # "绩⏎⏎效⏎⏎指⏎⏎标", "偏差原因⏎⏎分析及⏎⏎改进措施"
    assert _texts(_row_at(t, 244))[0] == "年度预算申请（万元）"
    row = _row_at(t, 435)
    assert _texts(row) == ["", "", "社会效益指标", "筑牢网络安全屏障", "\u3000≥98", "\u300098", "15", "14", "\u3000"]
    assert row[8].empty and not row[4].empty
    assert t.row_span(row[0].row) == (435, 445)
    assert _texts(_row_at(t, 321))[1] == "产出指标（50分）"
    assert _texts(_row_at(t, 499))[1] == "满意度指标（10分）"


def test_seed002_basic_data_table():
    doc = load_txt(_seed("002"))
    t = doc.tables[0]
    assert t.caption == "部门整体支出绩效评价基础数据表"
    row = _row_at(t, 182)
    assert [(c.text.strip("\u3000"), c.line) for c in row] == [
        ("公用经费", 182),
        ("83.72", 183),
        ("9.50", 184),
        ("92.01", 185),
    ]
    assert _texts(_row_at(t, 165))[0] == "3、市级专项资金（一个专项一行）"
    assert (t.line, t.end_line) == (105, 231)


# ---------------------------------------------------------------------------------------
# tab-rows (seed 004) and prose with a tab (seed 001)


def test_seed004_tab_rows():
    doc = load_txt(_seed("004"))
    # the file holds eleven 项目支出绩效自评表, one per project
    assert len(doc.tables) == 11
    assert all(t.caption == "项目支出绩效自评表" and t.layout == "tab-rows" for t in doc.tables)
    assert [t.index for t in doc.tables] == list(range(11))
    t = doc.tables[0]
    assert t.unit == "元"
    row = _row_at(t, 15)
    assert _texts(row) == [
        "",
        "产出指标 (50分)",
        "数量指标",
        "年接待次数",
        "≥30次",
        "27次",
        "15",
        "15",
        "因疫情原因，调研、学习减",
    ]
    assert {c.line for c in row} == {15}
    # shifted rows are kept exactly as split
    assert _texts(_row_at(t, 22)) == ["满意度指标", "", "接待满意度", "≥90%", "99%", "40", "40", "无", ""]
    assert _texts(_row_at(t, 5)) == ["项目名称", "接待费", "", "", "项目金额", "831200", "", "", ""]


def test_seed001_single_tab_line_stays_prose():
    doc = load_txt(_seed("001"))
    assert doc.tables == []
    b = _block_at(doc, 50)
    assert isinstance(b, Paragraph)
    line50 = _seed("001").read_text(encoding="utf-8").split("\n")[49]
    assert "\t" in line50 and b.text == line50.strip()


# ---------------------------------------------------------------------------------------
# PDF text: space-rows tables and wrapped paragraphs


def test_real005_income_table_rows_with_codes():
    doc = load_txt(_real("005"))
    t = next(t for t in doc.tables if t.caption == "2026年预算单位收入预算总表")
    assert (t.layout, t.unit, t.origin.page) == ("space-rows", "元", 9)
    assert (t.line, t.end_line) == (111, 137)
    assert _texts(_row_at(t, 118)) == [
        "204",
        "06",
        "01",
        "行政运行",
        "14,348,853.34",
        "14,348,853.34",
        "0.00",
        "0.00",
        "0.00",
    ]
    assert _texts(_row_at(t, 137)) == ["合计", "86,959,408.34", "86,959,408.34", "0.00", "0.00", "0.00"]
    # the multi-line header belongs to the table
    assert _texts(_row_at(t, 114)) == ["功能分类科目名称", "合计", "财政拨款收入", "事业收入", "其他收入"]


def test_real005_number_glued_to_label_is_split():
    doc = load_txt(_real("005"))
    t = next(t for t in doc.tables if t.caption == "2026年预算单位财务收支预算总表")
    assert _texts(_row_at(t, 102)) == [
        "一、财政拨款收入",
        "86,959,408.34",
        "一、公共安全支出",
        "79,189,400.34",
        "12,604,173",
        "1,744,680",
        "64,840,547",
    ]


def test_real005_table_continues_over_page_break():
    doc = load_txt(_real("005"))
    t = next(t for t in doc.tables if t.caption == "2026年预算单位收入预算总表")
    assert _texts(_row_at(t, 128))[:4] == ["208", "05", "06", "机关事业单位职业年金缴费支出"]


def test_real005_wrapped_paragraph_is_joined():
    doc = load_txt(_real("005"))
    hits = [p for p in doc.paragraphs if "1690.69万元，2026年预算安排1434.89万元" in p.text]
    assert len(hits) == 1
    p = hits[0]
    assert (p.line, p.end_line) == (66, 67)
    assert p.text.startswith("1、公共安全支出（204类）")
    assert p.text.endswith("比2025年预算执行数减少1.10%。主要原因是：支出减少。")
    assert p.body.line_at(p.text.index("1690.69")) == 67
    assert p.body.line_at(0) == 66


def test_real005_prose_is_not_a_table():
    doc = load_txt(_real("005"))
    for t in doc.tables:
        assert not (t.line <= 94 and t.end_line >= 19)  # the explanatory pages hold no table
    assert all(isinstance(b, (Paragraph, Heading)) for b in doc.blocks if 19 <= b.line <= 94)


def test_real036_page_number_dropped_and_paragraph_joined_across_page():
    doc = load_txt(_real("036"))
    p = next(p for p in doc.paragraphs if "最高人民检察院的正确领导下" in p.text)
    assert p.line == 91
    assert p.body.line_at(p.text.index("正确领导下")) == 93
    assert all(not (b.line <= 92 <= b.end_line) or b is p for b in doc.blocks)
    assert all(b.text != "5" for b in doc.paragraphs)
    # prose with double spaces stays prose
    b598 = _block_at(doc, 598)
    assert isinstance(b598, Paragraph) and b598.text.startswith("（一）收入预算总计")


def test_real_wrapped_headings():
    doc = load_txt(_real("001"))
    h = _block_at(doc, 439)
    assert isinstance(h, Heading) and (h.line, h.end_line) == (439, 440)
    assert (h.style, h.title) == ("part", "上海市普陀区财政局2024年度部门决算情况说明")
    doc = load_txt(_real("036"))
    h = _block_at(doc, 100)
    assert isinstance(h, Heading)
    assert (h.number, h.title) == ("1.", "依法严惩危害国家政治安全特别是政权安全、制度安全犯罪")
    assert (
        h.text
        == "1. 依法严惩危害国家政治安全特别是政权安全、制度安全犯罪。深入贯彻总体国家安全观，坚决遏制国内外敌对势力渗"
    )
    assert h.inline.text.startswith("深入贯彻总体国家安全观")
    assert (h.inline.line, h.inline.end_line) == (101, 108)
    # a full-width numbered line that runs on into prose is a paragraph, not a heading
    p = _block_at(doc, 68)
    assert isinstance(p, Paragraph) and p.text.startswith("（十三）协同省委主管部门") and p.end_line == 71


def test_real040_caption_and_unit_line_across_page_break():
    doc = load_txt(_real("040"))
    t = next(t for t in doc.tables if t.caption == "财政拨款基本支出预算表")
    assert t.line == 251 and t.unit == "万元"
    assert _texts(t.rows[0]) == ["部门：", "江苏省人大常委会办公厅", "单位：万元"]
    t = next(t for t in doc.tables if t.line == 352)
    assert t.caption == "“三公”经费、会议费、培训费支出预算表"  # caption wrapped: "…预算" + "表"


def test_real010_markdown_headings_and_html_tables():
    doc = load_txt(_real("010"))
    h = _block_at(doc, 229)
    assert isinstance(h, Heading)
    assert (h.number, h.title, h.text) == (
        "1.",
        "管理办法不够全面，备案机制没有压紧压实",
        "1.管理办法不够全面，备案机制没有压紧压实",
    )
    t = next(t for t in doc.tables if t.line == 113)
    assert (t.layout, t.caption) == ("html", "表1-1：2021-2024年省级职业技能竞赛经费资金支出明细表")
    assert _texts(t.rows[2]) == [
        "",
        "",
        "2022",
        "1770.00",
        "1770.00",
        "23.74",
        "100.00",
        "一届省赛安排资金1125万元，决算1395.36万元。",
    ]
    assert [c.merged for c in t.rows[2][:3]] == [True, True, False]
    p = next(p for p in doc.paragraphs if p.line == 15)
    assert "得分率69.33%，扣分项" in p.text


def test_number_kept_whole_across_page_break(tmp_path):
    full = "本单位年度一般公共预算财政拨款支出决算数"  # 20 CJK characters: a full line
    lines = [
        full + "比年初",
        "预算减少91.91",
        "- 1 -",
        "\f万元，主要原因是项目调整。",
        full + "，全部用于",
        "基本支出。",
    ]
    lines[1] = full[:17] + "减少91.91"
    doc = load_txt(_write(tmp_path, ("\n".join(lines) + "\n").encode("utf-8")))
    p = doc.paragraphs[0]
    assert "减少91.91万元，主要原因是项目调整。" in p.text
    assert (p.line, p.end_line) == (1, 4)
    assert p.body.line_at(p.text.index("万元，主要")) == 4
    assert all("- 1 -" not in b.text for b in doc.paragraphs)


def test_running_header_is_dropped(tmp_path):
    bodies = ["一、基本情况", "本单位共有人员10人。", "二、支出情况", "支出合计50万元。"]
    pages = [f"某区2024年部门预算\n{body}\n第 {n} 页" for n, body in enumerate(bodies, 1)]
    doc = load_txt(_write(tmp_path, "\n\f".join(pages).encode("utf-8")))
    assert [b.text for b in doc.blocks] == bodies
    assert [b.line for b in doc.blocks] == [2, 5, 8, 11]
    assert [b.origin.page for b in doc.blocks] == [1, 2, 3, 4]


# ---------------------------------------------------------------------------------------
# every file loads

SEED_IDS = ["000", "001", "002", "003", "004"]


@pytest.mark.parametrize("prefix", SEED_IDS)
def test_each_seed_loads(prefix):
    doc = load_txt(_seed(prefix))
    assert doc.blocks
    data = _seed(prefix).read_bytes().decode("utf-8")
    expected = data.count("\n") + (0 if data.endswith("\n") else 1)  # what cat -n shows
    assert doc.n_lines == expected
    assert [t.index for t in doc.tables] == list(range(len(doc.tables)))
    lines = [b.line for b in doc.blocks]
    assert lines == sorted(lines)


def test_real_corpus_loads_fast():
    if not REAL.is_dir():
        pytest.skip("real corpus not available")
    files = sorted(REAL.glob("*.txt"))
    assert len(files) == 18
    best = None
    for _ in range(2):
        t0 = time.perf_counter()
        docs = [load_txt(f) for f in files]
        elapsed = time.perf_counter() - t0
        best = elapsed if best is None else min(best, elapsed)
    for f, doc in zip(files, docs):
        assert doc.blocks, f.name
        for b in doc.blocks:
            assert 1 <= b.line <= b.end_line <= doc.n_lines, (f.name, b)
    assert best < 1.0
