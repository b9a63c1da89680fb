"""budgetlint.nlp.readers.outline: the format-independent outline pass (tables of contents, list items), the
shared unit detector and fragment join, and the heading rule for numbered sentences.

Most tests load the same lines once as .txt and once as .docx (one Word paragraph per line,
so the line numbers agree) and expect the same blocks from both."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx_builder import build_docx
from paths import REAL, SEEDS

from budgetlint.nlp.model import Heading, Origin, Paragraph, Table, Text
from budgetlint.nlp.readers.docx import load_docx
from budgetlint.nlp.readers.headings import parse_heading
from budgetlint.nlp.readers.outline import find_unit, join_fragments, join_parts, normalize_outline
from budgetlint.nlp.readers.txt import load_txt
from budgetlint.nlp.text.numbering import parse_number


def _txt(tmp_path: Path, lines: list[str], name: str = "r.txt"):
    p = tmp_path / name
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return load_txt(p)


def _docx(tmp_path: Path, lines: list[str], name: str = "r.docx"):
    return load_docx(build_docx(tmp_path / name, [("para", line) for line in lines]))


def _outline(doc) -> list[tuple[str, int, str]]:
    return [(b.kind, b.line, b.text) for b in doc.blocks if not isinstance(b, Table)]


def _both(tmp_path: Path, lines: list[str]):
    """The .txt and the .docx reading of ``lines``; asserts they agree."""
    t, d = _txt(tmp_path, lines), _docx(tmp_path, lines)
    assert _outline(t) == _outline(d)
    return t, d


def _seed(prefix: str) -> Path:
    hits = sorted(SEEDS.glob(f"{prefix}_*.txt")) if SEEDS.is_dir() else []
    if not hits:
        pytest.skip(f"seed {prefix} not available")
    return hits[0]


def _real(prefix: str) -> Path:
    hits = sorted(REAL.glob(f"{prefix}_*.txt")) if REAL.is_dir() else []
    if not hits:
        pytest.skip(f"real document {prefix} not available")
    return hits[0]


def _block_at(doc, line: int):
    return next(b for b in doc.blocks if b.line <= line <= b.end_line)


# -- table of contents -----------------------------------------------------------------------
TOC = [
    "某单位2023年度部门整体支出绩效自评报告",  # 1
    "目录",  # 2
    "一、部门基本情况",  # 3
    "二、存在的问题及原因分析",  # 4
    "三、改进措施",  # 5
    "一、部门基本情况",  # 6  the body starts: an entry repeats
    "本部门共有编制10名。",  # 7
    "二、存在的问题及原因分析",  # 8
    "预算执行进度偏慢。",  # 9
    "三、改进措施",  # 10
    "加快预算执行。",  # 11
]


def test_word_toc_typed_as_plain_paragraphs_has_no_headings(tmp_path):
    doc = _docx(tmp_path, TOC)
    assert [(h.line, h.title) for h in doc.headings] == [
        (1, "某单位2023年度部门整体支出绩效自评报告"),
        (6, "部门基本情况"),
        (8, "存在的问题及原因分析"),
        (10, "改进措施"),
    ]
    assert [(b.kind, b.text) for b in doc.blocks[1:5]] == [
        ("paragraph", "目录"),
        ("paragraph", "一、部门基本情况"),
        ("paragraph", "二、存在的问题及原因分析"),
        ("paragraph", "三、改进措施"),
    ]


def test_toc_reads_the_same_in_txt_and_docx(tmp_path):
    t, _ = _both(tmp_path, TOC)
    assert [h.line for h in t.headings] == [1, 6, 8, 10]


def test_toc_title_with_spaces(tmp_path):
    t, _ = _both(tmp_path, ["目  录", "一、部门基本情况", "二、改进措施", "一、部门基本情况", "正文。"])
    assert [h.line for h in t.headings] == [4]


def test_toc_ends_at_prose(tmp_path):
    lines = ["目录", "一、部门基本情况", "本单位是行政单位，内设三个科室。", "二、改进措施", "加快执行。"]
    t, _ = _both(tmp_path, lines)
    assert [(h.line, h.title) for h in t.headings] == [(4, "改进措施")]


def test_toc_ends_at_a_table(tmp_path):
    doc = load_docx(
        build_docx(
            tmp_path / "t.docx",
            [
                ("para", "目录"),
                ("para", "一、收入情况"),
                ("table", [["项目", "金额"], ["收入", "10"]]),
                ("para", "二、支出情况"),
            ],
        )
    )
    assert [(h.line, h.title) for h in doc.headings] == [(5, "支出情况")]
    assert isinstance(doc.blocks[1], Paragraph)


def test_word_toc_field_entries_end_at_the_first_body_heading(tmp_path):
    doc = load_docx(
        build_docx(
            tmp_path / "t.docx",
            [
                ("para", "目录"),
                ("para", "一、部门基本情况\t1", {"style": "toc 1"}),
                ("para", "二、改进措施\t3", {"style": "toc 1"}),
                ("heading", "一、部门基本情况", 1),
                ("para", "本部门共有编制10名。"),
                ("heading", "二、改进措施", 1),
            ],
        )
    )
    assert [(h.line, h.title) for h in doc.headings] == [(4, "部门基本情况"), (6, "改进措施")]


def test_toc_over_two_pages_continues(tmp_path):
    text = "目录\n一、部门基本情况\n二、收入情况\n\f三、支出情况\n四、改进措施\n五、附表\n\f一、部门基本情况\n正文。\n"
    p = tmp_path / "r.txt"
    p.write_text(text, encoding="utf-8")
    doc = load_txt(p)
    assert [(h.line, h.origin.page) for h in doc.headings] == [(7, 3)]
    assert all(isinstance(b, Paragraph) for b in doc.blocks if b.line <= 6)


def test_toc_ends_at_a_page_break_followed_by_prose(tmp_path):
    text = "目录\n一、部门基本情况\n\f二、收入情况\n本年收入合计100万元，比上年增加5万元。\n三、支出情况\n"
    p = tmp_path / "r.txt"
    p.write_text(text, encoding="utf-8")
    doc = load_txt(p)
    assert [(h.line, h.title) for h in doc.headings] == [(3, "收入情况"), (5, "支出情况")]
    assert isinstance(doc.blocks[1], Paragraph) and doc.blocks[1].line == 2


def test_toc_entries_ending_in_a_full_stop(tmp_path):
    lines = [
        "目录",
        "第一部分 部门概况",
        "一、主要职能。",
        "二、2018年度部门主要工作任务及目标。",
        "三、机构设置。",
        "第一部分 部门概况",
        "一、主要职能",
    ]
    t, _ = _both(tmp_path, lines)
    assert [h.line for h in t.headings] == [6, 7]


def test_heading_with_dot_leaders_is_a_toc_line(tmp_path):
    doc = load_docx(
        build_docx(tmp_path / "t.docx", [("heading", "部门基本情况……3", 1), ("heading", "部门基本情况", 1)])
    )
    assert [b.kind for b in doc.blocks] == ["paragraph", "heading"]
    assert doc.blocks[0].text == "部门基本情况……3"


# -- list items ------------------------------------------------------------------------------
DUTIES = [
    "一、部门基本情况",  # 1
    "（一）主要职能",  # 2
    "（一）贯彻落实有关工作部署，研究拟订全区相关发展规划。统筹协调重大事项。",  # 3
    "（二）督促落实各领域重大事项，协调处理突发事件与有关应急工作。",  # 4
    "（三）对有关信息内容进行监督管理执法。",  # 5  reads like a title
    "（四）统筹协调组织宣传管理工作，维护意识形态安全工作。",  # 6
    "（五）指导协调全区舆情信息工作。推动阵地建设，指导行业自律。",  # 7  title + body
    "（二）机构设置",  # 8
    "本部门内设三个科室。",  # 9
]


def test_list_items_that_read_like_titles_are_paragraphs(tmp_path):
    t, _ = _both(tmp_path, DUTIES)
    assert [(h.line, h.title) for h in t.headings] == [(1, "部门基本情况"), (2, "主要职能"), (8, "机构设置")]
    assert [b.text for b in t.blocks if isinstance(b, Paragraph) and 3 <= b.line <= 7] == DUTIES[2:7]


def test_run_of_mostly_titles_is_kept(tmp_path):
    lines = [
        "（一）绩效评价原则。遵循客观公正的原则。",
        "（二）评价指标体系",
        "（三）评价方法",
        "（四）评价标准，按照计划标准、行业标准和历史标准进行评价。",
    ]
    t, _ = _both(tmp_path, lines)
    assert [h.line for h in t.headings] == [1, 2, 3]


def test_items_with_non_consecutive_ordinals_are_no_run(tmp_path):
    lines = [
        "（一）贯彻落实有关工作部署，研究拟订全区相关发展规划。",
        "（三）对有关信息内容进行监督管理执法。",
        "（四）统筹协调组织宣传管理工作，维护意识形态安全工作。",
        "（六）督促落实各领域重大事项，协调处理突发事件。",
    ]
    t, _ = _both(tmp_path, lines)
    assert [h.line for h in t.headings] == [2]


def test_items_in_another_style_break_the_run(tmp_path):
    lines = [
        "（一）贯彻落实有关工作部署，研究拟订全区相关发展规划。",
        "（二）督促落实各领域重大事项，协调处理突发事件。",
        "3.对有关信息内容进行监督管理执法。",
        "（三）统筹协调组织宣传管理工作，维护意识形态安全工作。",
    ]
    t, _ = _both(tmp_path, lines)
    assert [h.line for h in t.headings] == [3]


def test_seed001_duties_list_is_prose_and_next_heading_survives():
    doc = load_txt(_seed("001"))
    assert [type(_block_at(doc, n)).__name__ for n in range(9, 14)] == ["Paragraph"] * 5
    p13 = _block_at(doc, 13)
    assert p13.text.startswith("（五）指导协调全区网络舆情信息工作。推动") and p13.text.endswith("指导全区网信工作。")
    assert p13.sentences[0].text == "（五）指导协调全区网络舆情信息工作。"
    h18 = _block_at(doc, 18)
    assert isinstance(h18, Heading) and (h18.number, h18.title) == ("（2）", "部门收支预决算情况")
    assert isinstance(_block_at(doc, 8), Heading)  # "1．主要职能。" is not part of the list


def test_seed000_heading_runs_are_kept():
    doc = load_txt(_seed("000"))
    for line, title in [
        (209, "基本情况"),
        (219, "绩效评价工作开展情况"),
        (237, "综合评价情况及评价结论"),
        (260, "主要经验及做法、存在的问题及原因分析"),
        (264, "有关建议"),
        (268, "其他需要说明的问题"),
    ]:
        h = _block_at(doc, line)
        assert isinstance(h, Heading) and h.title == title, line
    assert [(h.line, h.number) for h in doc.headings if 162 <= h.line <= 187 and h.style == "arabic"] == [
        (162, "1."),
        (175, "2."),
        (179, "3."),
        (183, "4."),
        (187, "5."),
    ]


def test_real_wrapped_list_item_keeps_its_line_map():
    doc = load_txt(_real("036"))
    p = _block_at(doc, 37)
    assert isinstance(p, Paragraph) and (p.line, p.end_line) == (37, 39)
    assert p.text.startswith("（三）领导省以下各级人民检察院工作。对下级检察院相关业务进行指导")
    assert [no for _, no in p.body.line_starts] == [37, 38, 39]
    assert p.body.line_at(p.text.index("对下级检察院相")) == 37
    assert p.body.line_at(p.text.index("关业务进行指导")) == 38


def test_demoted_heading_without_source_joins_title_and_inline():
    inline = Paragraph(5, 6, body=Text("推动阵地建设，指导行业自律。", [(0, 5), (7, 6)]))
    items = [
        Paragraph(3, 3, body=Text.single("（一）贯彻落实有关工作部署，研究拟订相关规划。", 3)),
        Paragraph(4, 4, body=Text.single("（二）督促落实各领域重大事项，协调处理突发事件。", 4)),
        Heading(
            5,
            6,
            Origin(page=1),
            text="（三）指导协调舆情信息工作。推动阵地",
            number="（三）",
            style="paren_cn",
            ordinal=3,
            title="指导协调舆情信息工作",
            rank=2,
            inline=inline,
        ),
    ]
    out = normalize_outline(items)
    p = out[2]
    assert isinstance(p, Paragraph) and (p.line, p.end_line, p.origin) == (5, 6, Origin(page=1))
    assert p.text == "（三）指导协调舆情信息工作。推动阵地建设，指导行业自律。"
    assert p.body.line_starts == [(0, 5), (21, 6)]
    assert out[:2] == items[:2]


# -- headings: a numbered sentence is prose ----------------------------------------------------
def test_numbered_sentence_over_15_characters_is_prose():
    assert parse_heading("1.得分一档最高不能超过该指标分值上限。") is None
    assert parse_heading("（三）对互联网信息内容进行监督管理执法。") is None  # 16 characters


def test_numbered_sentence_of_15_characters_is_a_heading():
    hp = parse_heading("（三）对网络信息内容进行监督管理执法。")
    assert hp is not None and hp.title == "对网络信息内容进行监督管理执法" and len(hp.title) == 15


def test_long_title_with_body_after_the_full_stop_is_a_heading():
    hp = parse_heading("（五）指导协调全区网络舆情信息工作的开展。推动全区网络阵地建设。")
    assert hp is not None and hp.inline == "推动全区网络阵地建设。"


def test_long_title_ending_in_a_title_word_or_at_top_level_is_a_heading():
    assert (
        parse_heading("（一）“三公”经费财政拨款支出决算总体情况说明。").title
        == "“三公”经费财政拨款支出决算总体情况说明"
    )
    assert parse_heading("二、2018年度部门主要工作任务及工作目标。").title == "2018年度部门主要工作任务及工作目标"


def test_seed000_numbered_sentence_is_a_paragraph():
    doc = load_txt(_seed("000"))
    b = _block_at(doc, 1301)
    assert isinstance(b, Paragraph) and b.text == "1.得分一档最高不能超过该指标分值上限。"


def test_parse_number():
    n = parse_number("  （十二）完成交办的其他任务。")
    assert (n.number, n.style, n.ordinal, n.rank, n.rest) == ("（十二）", "paren_cn", 12, 2, "完成交办的其他任务。")
    assert parse_number("1.5万元用于办公") is None


# -- units -----------------------------------------------------------------------------------
def test_find_unit_explicit_marker_wins_over_brackets():
    assert find_unit(["收入决算表（元）", "项目", "金额单位：万元"]) == "万元"


def test_find_unit_first_bracketed_unit():
    assert find_unit(["收入支出决算总表", "金额（万元）", "合计（元）"]) == "万元"
    assert find_unit(["（单位：亿元）"]) == "亿元"


def test_find_unit_spaced_marker_and_none():
    assert find_unit(["编制单位：某局  单 位 ：元"]) == "元"
    assert find_unit(["单位名称：某局", "项目", "金额"]) is None
    assert find_unit(["单位：千元"]) is None


def test_same_unit_from_txt_caption_and_docx_caption(tmp_path):
    lines = ["收入支出决算总表", "（单位：万元）"]
    p = tmp_path / "t.txt"
    p.write_text("\n".join(lines) + "\n\t项目\n\t决算数\n\n\t收入\n\t10\n", encoding="utf-8")
    t = load_txt(p).tables[0]
    d = load_docx(
        build_docx(
            tmp_path / "t.docx", [("para", x) for x in lines] + [("table", [["项目", "决算数"], ["收入", "10"]])]
        )
    ).tables[0]
    assert (t.caption, t.unit) == (d.caption, d.unit) == ("收入支出决算总表", "万元")


# -- joining fragments -----------------------------------------------------------------------
@pytest.mark.parametrize(
    "left, right, joined",
    [
        ("年初预", "算数", "年初预算数"),
        ("减少91.91", "万元", "减少91.91万元"),
        ("完成。", "2022年", "完成。2022年"),
        ("160", "158.8", "160 158.8"),
        ("Excel", "file", "Excel file"),
        ("达到98", "%以上", "达到98%以上"),
        ("1.问题一", "2.问题二", "1.问题一\n2.问题二"),
        ("共计A\n", "B", "共计A\n B"),  # "$" also matches before a final newline
        ("A1年度", "B", "A1年度B"),  # only the end of the left fragment counts
    ],
)
def test_join_fragments(left, right, joined):
    assert join_fragments(left, right) == joined


def test_join_parts_trims_and_drops_empty_pieces():
    assert join_parts(["  年度", "", "\u3000", "指标值\u3000"]) == "年度指标值"


def test_same_cell_text_in_txt_and_docx(tmp_path):
    p = tmp_path / "t.txt"
    p.write_text("\t年初预\n算数\n\t160\n158.8\n\t完成。\n2022年\n", encoding="utf-8")
    t = load_txt(p).tables[0]
    d = load_docx(build_docx(tmp_path / "t.docx", [("table", [["年初预\n算数", "160\n158.8", "完成。\n2022年"]])]))
    assert t.row_text(0) == d.tables[0].row_text(0) == ["年初预算数", "160 158.8", "完成。2022年"]
