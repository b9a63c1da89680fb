"""budgetlint.nlp.readers.docx: Word documents -> Document (order, headings, merged cells, locations,
units, nested tables) and the one-line LoadErrors for files that are not Word documents."""

from __future__ import annotations

import time
import zipfile

import docx
import pytest

from budgetlint.nlp.errors import LoadError
from budgetlint.nlp.model import Cell, Heading, Origin, Paragraph, Table
from budgetlint.nlp.readers import load_document
from budgetlint.nlp.readers.docx import load_docx
from budgetlint.nlp.readers.outline import join_parts
from budgetlint.nlp.readers.ziputil import MAX_UNCOMPRESSED_BYTES

try:
    from tests.docx_builder import build_docx, document_to_docx, perf_table_block
except ImportError:  # tests/ is not a package: pytest put tests/ itself on sys.path
    from docx_builder import build_docx, document_to_docx, perf_table_block


def load(tmp_path, blocks, name="r.docx"):
    return load_docx(build_docx(tmp_path / name, blocks))


def grid(table: Table) -> list[list[tuple[str, bool]]]:
    return [[(c.text, c.merged) for c in row] for row in table.rows]


# -- order ---------------------------------------------------------------------------------
def test_paragraphs_and_tables_keep_document_order(tmp_path):
    doc = load(
        tmp_path,
        [
            ("para", "第一段说明。"),
            ("table", [["项目", "金额"], ["收入", "10"]]),
            ("para", "第二段说明。"),
            ("table", [["支出", "8"]]),
            ("para", "第三段说明。"),
        ],
    )
    assert [b.kind for b in doc.blocks] == ["paragraph", "table", "paragraph", "table", "paragraph"]
    assert [b.text for b in doc.blocks if isinstance(b, Paragraph)] == ["第一段说明。", "第二段说明。", "第三段说明。"]
    assert [t.index for t in doc.tables] == [0, 1]
    assert doc.tables[1].row_text(0) == ["支出", "8"]
    assert doc.format == "docx"
    assert doc.path == str(tmp_path / "r.docx")


# -- headings -----------------------------------------------------------------------------
def test_heading_by_typed_number(tmp_path):
    doc = load(
        tmp_path,
        [
            ("para", "一、部门基本情况"),
            ("para", "（一）评价原则。遵循客观公正的原则。"),
            ("para", "1、公共安全支出（204类）1434.89万元，主要用于机关运行。"),
        ],
    )
    h1, h2, p = doc.blocks
    assert isinstance(h1, Heading)
    assert (h1.number, h1.style, h1.ordinal, h1.title, h1.rank) == ("一、", "cn", 1, "部门基本情况", 1)
    assert h1.inline is None
    assert isinstance(h2, Heading)
    assert (h2.number, h2.style, h2.title, h2.rank) == ("（一）", "paren_cn", "评价原则", 2)
    assert isinstance(h2.inline, Paragraph)
    assert h2.inline.text == "遵循客观公正的原则。"
    assert h2.inline.line == h2.line == 2
    assert isinstance(p, Paragraph)  # a long numbered list item is prose


def test_heading_by_style(tmp_path):
    doc = load(
        tmp_path,
        [
            ("heading", "部门整体支出绩效自评报告", 0),  # Title
            ("heading", "概述", 1),
            ("heading", "评价结论", 2),
            ("heading", "主要做法", 3, {"style": "标题 3"}),
            ("heading", "（二）存在的主要问题", 1),  # typed number wins over the style level
        ],
    )
    assert all(isinstance(b, Heading) for b in doc.blocks)
    got = [(h.text, h.number, h.style, h.rank, h.title) for h in doc.blocks]
    assert got == [
        ("部门整体支出绩效自评报告", "", "none", 0, "部门整体支出绩效自评报告"),
        ("概述", "", "none", 1, "概述"),
        ("评价结论", "", "none", 2, "评价结论"),
        ("主要做法", "", "none", 3, "主要做法"),
        ("（二）存在的主要问题", "（二）", "paren_cn", 2, "存在的主要问题"),
    ]


def test_auto_numbered_heading_gets_no_invented_number(tmp_path):
    doc = load(tmp_path, [("heading", "预算执行情况", 2, {"numbered": True})])
    (h,) = doc.blocks
    assert isinstance(h, Heading)
    assert (h.text, h.number, h.ordinal, h.style, h.rank) == ("预算执行情况", "", None, "auto", 2)


def test_outline_level_style_is_a_heading(tmp_path):
    path = build_docx(tmp_path / "r.docx", [("para", "绩效目标完成情况", {"style": "自定义节标题"})])
    d = docx.Document(str(path))
    ppr = d.styles["自定义节标题"].element.get_or_add_pPr()
    ol = docx.oxml.OxmlElement("w:outlineLvl")
    ol.set(docx.oxml.ns.qn("w:val"), "1")
    ppr.append(ol)
    d.save(str(path))
    (h,) = load_docx(path).blocks
    assert isinstance(h, Heading)
    assert (h.number, h.style, h.rank) == ("", "none", 2)


def test_unnumbered_title_and_prose(tmp_path):
    doc = load(
        tmp_path,
        [
            ("para", "部门整体绩效评价报告"),
            ("para", "本单位认真贯彻落实预算法，加强预算管理。"),
        ],
    )
    h, p = doc.blocks
    assert isinstance(h, Heading)
    assert (h.number, h.style, h.rank, h.title) == ("", "none", 1, "部门整体绩效评价报告")
    assert isinstance(p, Paragraph)


def test_toc_entry_stays_a_paragraph(tmp_path):
    doc = load(tmp_path, [("para", "一、部门基本情况\t3", {"style": "toc 1"})])
    (p,) = doc.blocks
    assert isinstance(p, Paragraph)
    assert p.text == "一、部门基本情况\t3"


# -- merged cells --------------------------------------------------------------------------
def test_vertical_merge_keeps_text_in_top_cell(tmp_path):
    doc = load(tmp_path, [perf_table_block()])
    (t,) = doc.tables
    header = next(r for r in range(len(t.rows)) if t.row_text(r)[1] == "一级指标")
    col1 = [(c.text, c.merged) for c in (t.rows[r][1] for r in range(header, header + 6))]
    assert col1 == [
        ("一级指标", False),
        ("产出指标", False),
        ("", True),
        ("", True),  # 产出 merged over three rows
        ("效益指标", False),
        ("满意度指标", False),
    ]
    col0 = [(t.rows[r][0].text, t.rows[r][0].merged) for r in range(header, header + 6)]
    assert col0 == [("绩效指标", False)] + [("", True)] * 5
    # the defect the rule tests rely on: 20 allotted, 18 scored, empty explanation
    row = t.row_text(header + 2)
    assert row[3:9] == ["现场检查单位数量", "≥75个", row[5], "20", "18", ""]
    assert t.rows[header + 2][8].merged is False


def test_horizontal_merge_and_total_row(tmp_path):
    doc = load(tmp_path, [perf_table_block()])
    (t,) = doc.tables
    assert t.ncols == 9
    assert all(len(r) == 9 for r in t.rows)
    assert grid(t)[-1] == [("总分", False)] + [("", True)] * 5 + [("100", False), ("96.9", False), ("", False)]
    assert grid(t)[0] == [("项目名称", False), ("网络安全检查工作", False)] + [("", True)] * 7
    fund_header = t.row_text(2)
    assert fund_header[0] == "项目资金（万元）"  # two cell paragraphs joined without a space
    assert fund_header[3:] == ["年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"]


def test_rectangular_merge(tmp_path):
    doc = load(tmp_path, [("table", [["甲", "x", "丙"], ["y", "z", "己"]], [((0, 0), (1, 1))])])
    assert grid(doc.tables[0]) == [
        [("甲", False), ("", True), ("丙", False)],
        [("", True), ("", True), ("己", False)],
    ]


def test_vertical_merge_slots_carry_the_covering_text(tmp_path):
    doc = load(tmp_path, [perf_table_block()])
    (t,) = doc.tables
    header = next(r for r in range(len(t.rows)) if t.row_text(r)[1] == "一级指标")
    col1 = [(c.text, c.merged, c.covered_text) for c in (t.rows[r][1] for r in range(header + 1, header + 5))]
    assert col1 == [("产出指标", False, ""), ("", True, "产出指标"), ("", True, "产出指标"), ("效益指标", False, "")]
    assert [t.rows[r][0].covered_text for r in range(header + 1, header + 6)] == ["绩效指标"] * 5


def test_horizontal_merge_slots_carry_the_covering_text(tmp_path):
    doc = load(tmp_path, [perf_table_block()])
    (t,) = doc.tables
    assert [c.covered_text for c in t.rows[0]] == [""] * 2 + ["网络安全检查工作"] * 7
    assert [c.covered_text for c in t.rows[-1]] == [""] + ["总分"] * 5 + ["", "", ""]


def test_explanation_merged_down_over_two_indicator_rows(tmp_path):
    doc = load(
        tmp_path,
        [
            (
                "table",
                [
                    ["三级指标", "分值", "得分", "偏差原因分析及改进措施"],
                    ["现场检查单位数量", "20", "18", "受疫情影响，部分单位未能现场检查。"],
                    ["漏洞修复率", "10", "9", ""],
                    ["满意度", "10", "10", ""],
                ],
                [((1, 3), (2, 3))],
            )
        ],
    )
    t = doc.tables[0]
    assert [(c.text, c.merged, c.covered_text) for c in (t.rows[r][3] for r in (1, 2, 3))] == [
        ("受疫情影响，部分单位未能现场检查。", False, ""),
        ("", True, "受疫情影响，部分单位未能现场检查。"),
        ("", False, ""),
    ]


def test_rectangular_merge_slots_carry_the_covering_text(tmp_path):
    doc = load(tmp_path, [("table", [["甲", "x", "丙"], ["y", "z", "己"]], [((0, 0), (1, 1))])])
    assert [[c.covered_text for c in row] for row in doc.tables[0].rows] == [["", "甲", ""], ["甲", "甲", ""]]


# -- locations ---------------------------------------------------------------------------
def test_locations(tmp_path):
    doc = load(
        tmp_path,
        [
            ("para", "第一段。"),  # line 1, paragraph 0
            ("para", ""),  # line 2, paragraph 1: no block
            ("table", [["a", "b"], ["c", "d"]]),  # lines 3-4, table 0
            ("heading", "二、情况说明", 1),  # line 5, paragraph 2
            ("table", [["e"]]),  # line 6, table 1
        ],
    )
    p, t0, h, t1 = doc.blocks
    assert (p.line, p.end_line, p.origin) == (1, 1, Origin(paragraph=0))
    assert p.body.line_starts == [(0, 1)]
    assert (t0.line, t0.end_line, t0.origin) == (3, 4, Origin(table=0))
    assert t0.rows[1][1] == Cell(text="d", row=1, col=1, line=4, end_line=4, merged=False)
    assert t0.row_span(0) == (3, 3)
    assert (h.line, h.origin) == (5, Origin(paragraph=2))
    assert (t1.line, t1.end_line, t1.origin, t1.index) == (6, 6, Origin(table=1), 1)
    assert doc.n_lines == 6


# -- captions and units ----------------------------------------------------------------------
def test_unit_from_unit_line_and_caption(tmp_path):
    doc = load(
        tmp_path,
        [
            ("para", "表1 收入支出决算总表"),
            ("para", "单位：万元"),
            ("table", [["项目", "决算数"], ["一般公共预算财政拨款收入", "213.62"]]),
        ],
    )
    (t,) = doc.tables
    assert t.caption == "表1 收入支出决算总表"
    assert t.unit == "万元"


def test_unit_from_first_row_and_absent(tmp_path):
    doc = load(
        tmp_path,
        [
            ("table", [["项目", "金额（元）"], ["办公费", "1200"]]),
            ("para", "本年度支出情况如下，具体说明见下文各部分内容，其中主要是日常运转经费。"),
            ("table", [["项目", "金额"], ["办公费", "1200"]]),
        ],
    )
    t0, t1 = doc.tables
    assert (t0.caption, t0.unit) == ("", "元")
    assert (t1.caption, t1.unit) == ("", None)  # a long prose line is not a caption


# -- cell text -----------------------------------------------------------------------------
def test_nested_table_text_is_flattened_into_the_cell(tmp_path):
    doc = load(tmp_path, [("table", [["资金来源", [["财政拨款", "160"], ["其他资金", "0"]]]])])
    (t,) = doc.tables
    assert t.row_text(0) == ["资金来源", "财政拨款 160 其他资金 0"]
    assert len(doc.tables) == 1


def test_cell_paragraphs_are_joined(tmp_path):
    doc = load(tmp_path, [("table", [["年初预\n算数", "160\n158.8", "完成。\n2022年"]])])
    # CJK pieces meet with nothing, two ASCII word characters with a space, others with nothing
    assert doc.tables[0].row_text(0) == ["年初预算数", "160 158.8", "完成。2022年"]
    assert join_parts(["  年度", "", "指标值\u3000"]) == "年度指标值"


# -- round trip through document_to_docx -----------------------------------------------------
def test_document_to_docx_round_trip(tmp_path):
    src = load(
        tmp_path,
        [
            ("para", "（一）评价原则。遵循客观公正的原则。"),
            ("para", "本单位认真贯彻落实预算法。"),
            perf_table_block(),
        ],
        name="a.docx",
    )
    again = load_docx(document_to_docx(src, tmp_path / "b.docx"))
    assert [b.kind for b in again.blocks] == [b.kind for b in src.blocks]
    h = again.blocks[0]
    assert (h.number, h.title, h.inline.text) == ("（一）", "评价原则", "遵循客观公正的原则。")
    assert grid(again.tables[0]) == grid(src.tables[0])


def test_document_to_docx_from_a_text_style_document(tmp_path):
    """A Document as the text loader builds it: ragged rows, merged cells repeating text."""
    from budgetlint.nlp.model import Document, Text

    def cells(r, texts, merged=()):
        return [Cell(t, r, c, 10 + r, 10 + r, merged=c in merged) for c, t in enumerate(texts)]

    table = Table(
        10,
        13,
        rows=[
            cells(0, ["一级指标", "三级指标", "分值", "得分"]),
            cells(1, ["产出指标", "网络安全应急演练", "30", "28"]),
            cells(2, ["产出指标", "现场检查单位数量", "20", "18"], merged={0}),
            cells(3, ["总分", "总分", "100"], merged={1}),  # ragged: 3 cells
        ],
        layout="tab-cells",
    )
    src = Document(
        "r.txt",
        "txt",
        [
            Heading(
                1,
                1,
                text="（一）评价原则。遵循客观公正的原则。",
                number="（一）",
                style="paren_cn",
                ordinal=1,
                title="评价原则",
                rank=2,
                inline=Paragraph(1, 1, body=Text.single("遵循客观公正的原则。", 1)),
            ),
            Paragraph(3, 3, body=Text.single("本单位认真贯彻落实预算法。", 3)),
            table,
        ],
        n_lines=13,
    )
    out = load_docx(document_to_docx(src, tmp_path / "t.docx"))
    h, p, t = out.blocks
    assert (h.text, h.number, h.rank, h.inline.text) == (
        "（一）评价原则。遵循客观公正的原则。",
        "（一）",
        2,
        "遵循客观公正的原则。",
    )
    assert p.text == "本单位认真贯彻落实预算法。"
    assert grid(t) == [
        [("一级指标", False), ("三级指标", False), ("分值", False), ("得分", False)],
        [("产出指标", False), ("网络安全应急演练", False), ("30", False), ("28", False)],
        [("", True), ("现场检查单位数量", False), ("20", False), ("18", False)],
        [("总分", False), ("", True), ("100", False), ("", False)],
    ]


# -- errors --------------------------------------------------------------------------------
def test_text_file_renamed_docx(tmp_path):
    p = tmp_path / "report.docx"
    p.write_text("一、部门基本情况\n本部门……\n", encoding="utf-8")
    with pytest.raises(LoadError, match="不是有效的 .docx 文件"):
        load_document(p)
    with pytest.raises(LoadError, match="不是有效的 .docx 文件"):
        load_docx(p)


def test_empty_file(tmp_path):
    p = tmp_path / "empty.docx"
    p.write_bytes(b"")
    with pytest.raises(LoadError, match="不是有效的 .docx 文件"):
        load_document(p)
    with pytest.raises(LoadError, match="文件为空"):
        load_docx(p)


def test_zip_without_word_document(tmp_path):
    p = tmp_path / "notword.docx"
    with zipfile.ZipFile(p, "w") as zf:
        zf.writestr("readme.txt", "hello")
    with pytest.raises(LoadError, match="不是 Word 文档") as exc:
        load_document(p)
    assert "\n" not in str(exc.value)


def test_excel_renamed_docx(tmp_path):
    p = tmp_path / "book.docx"
    with zipfile.ZipFile(p, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(LoadError, match="Excel"):
        load_document(p)


def test_truncated_docx(tmp_path):
    good = build_docx(tmp_path / "good.docx", [("para", "正文。")])
    data = good.read_bytes()
    p = tmp_path / "cut.docx"
    p.write_bytes(data[: len(data) // 2])
    with pytest.raises(LoadError, match="ZIP 结构损坏或文件不完整"):
        load_document(p)


def test_encrypted_office_file(tmp_path):
    p = tmp_path / "secret.docx"
    p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + "EncryptedPackage".encode("utf-16-le"))
    with pytest.raises(LoadError, match="已加密"):
        load_docx(p)
    with pytest.raises(LoadError):
        load_document(p)


def test_zip_bomb_is_refused_before_decompressing(tmp_path):
    p = tmp_path / "bomb.docx"
    size_mb = MAX_UNCOMPRESSED_BYTES // (1 << 20) + 10
    with zipfile.ZipFile(p, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", "<w:document/>")
        with zf.open("word/media/image1.bin", "w", force_zip64=True) as fh:
            chunk = bytes(1 << 20)
            for _ in range(size_mb):
                fh.write(chunk)
    assert p.stat().st_size < 5 * (1 << 20)
    start = time.monotonic()
    with pytest.raises(LoadError, match="压缩炸弹"):
        load_document(p)
    assert time.monotonic() - start < 1.0
