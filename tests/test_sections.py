"""budgetlint.nlp.analysis.sections: the outline tree built from headings, section kinds, spans, placeholders.

Each test states one behaviour of the tree.  Seeds come from corpus/reports (skipped when
absent); small reports are written to tmp_path.  Tests marked xfail(strict=True), if any, state the
correct behaviour where the current tree is wrong; their reasons name the defect.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from paths import SEEDS

from budgetlint.nlp.analysis.sections import Section, has_content, is_placeholder, section_kinds
from budgetlint.nlp.model import Document, Paragraph
from budgetlint.nlp.readers.txt import load_txt


@cache
def _load_seed(prefix: str) -> Document:
    return load_txt(sorted(SEEDS.glob(f"{prefix}_*.txt"))[0])


def seed(prefix: str) -> Document:
    if not SEEDS.is_dir() or not list(SEEDS.glob(f"{prefix}_*.txt")):
        pytest.skip(f"seed {prefix} not available")
    return _load_seed(prefix)


def write(tmp_path: Path, text: str, name: str = "r.txt") -> Document:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return load_txt(p)


def at(doc: Document, line: int) -> Section:
    """The section whose heading is on ``line``."""
    hits = [s for s in doc.sections if s.heading is not None and s.line == line]
    assert len(hits) == 1, f"no single section heading on line {line}: {hits}"
    return hits[0]


def labels(secs) -> list[str]:
    return [s.label for s in secs]


# -- the outline tree of seed 000 ------------------------------------------------------------
def test_seed000_top_level_is_the_three_parts():
    doc = seed("000")
    assert [(s.label, s.line, s.end_line) for s in doc.root.children] == [
        ("第二部分2022年度部门决算说明", 4, 58),
        ("第三部分2022年度其他重要事项的情况说明", 59, 115),
        ("第四部分2022年度部门绩效评价情况", 116, 1308),
    ]


def test_seed000_path_of_the_empty_problem_section():
    s = at(seed("000"), 197)
    assert s.path == (
        "第四部分2022年度部门绩效评价情况 > 部门整体绩效评价报告 > （五）总体评价结论 > 2.存在的问题及原因分析"
    )
    assert s.level == 4
    assert (s.line, s.end_line) == (197, 198)
    assert s.children == [] and s.body == [] and s.content_blocks() == []


def test_seed000_conclusion_holds_two_numbered_children():
    s = at(seed("000"), 191)
    assert s.label == "（五）总体评价结论"
    assert labels(s.children) == ["1.评价得分情况", "2.存在的问题及原因分析"]
    assert s.parent.label == "部门整体绩效评价报告"


def test_seed000_paren_cn_sections_of_the_overall_report_in_order():
    s = at(seed("000"), 117)
    assert labels(s.children)[:3] == ["（一）部门概况", "（二）当年预算执行情况", "（三）整体绩效目标实现情况"]
    assert "（五）总体评价结论" in labels(s.children)
    assert "（六）措施建议" in labels(s.children)


def test_seed000_paren_cn_four_follows_paren_cn_three_not_paren_arabic_three():
    doc = seed("000")
    s = at(doc, 160)
    assert s.parent.label == "部门整体绩效评价报告"
    assert s.level == 3
    assert labels(s.children) == ["1.财务管理", "2.资产管理", "3.绩效管理", "4.结转结余率", "5.部门预决算差异率"]


def test_seed000_numbered_cn_sections_after_an_unnumbered_title_are_its_siblings():
    doc = seed("000")
    part4 = at(doc, 116)
    assert labels(part4.children) == ["部门整体绩效评价报告", "二、项目支出绩效评价报告", "三、项目支出绩效自评表"]


# -- kinds -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "title, kinds",
    [
        ("存在的问题及改进措施", ("problems", "measures")),
        ("主要经验及做法、存在的问题及原因分析", ("experience", "problems", "causes")),
        ("存在的问题及原因分析", ("problems", "causes")),
        ("改进措施及存在问题", ("measures", "problems")),
        ("有关建议", ("measures",)),
        ("下一步改进措施", ("measures",)),
        ("其他需要说明的问题", ("other",)),
        ("总体评价结论", ("conclusion",)),
        ("专业名词解释", ("glossary",)),
        ("存 在 的 问 题", ("problems",)),
        ("部门概况", ()),
    ],
)
def test_section_kinds_in_order_of_appearance(title, kinds):
    assert section_kinds(title) == kinds


def test_seed000_combined_heading_has_three_kinds_and_placeholder_body():
    s = at(seed("000"), 260)
    assert s.label == "（五）主要经验及做法、存在的问题及原因分析"
    assert s.kinds == ("experience", "problems", "causes")
    assert [b.text for b in s.content_blocks()] == ["无。"]
    assert has_content(s.content_blocks()) is False


def test_seed001_combined_heading_and_its_sub_sections_have_kinds():
    s = at(seed("001"), 43)
    assert s.label == "五、存在的问题及改进措施"
    assert s.kinds == ("problems", "measures")
    assert [(c.label, c.kinds) for c in s.children] == [
        ("（一）存在的主要问题", ("problems",)),
        ("（2）针对问题提出具体的改进措施或建议", ("measures",)),
    ]


def test_root_has_no_kinds_and_no_label():
    doc = seed("002")
    assert (doc.root.kinds, doc.root.label, doc.root.path, doc.root.level) == ((), "", "", 0)


# -- mixed bracket styles -----------------------------------------------------------------------
def test_paren_cn_one_then_paren_arabic_two_are_siblings(tmp_path):
    doc = write(
        tmp_path,
        "二、自评工作开展情况\n（一）自评的组织工作\n成立绩效评价小组。\n（2）自评的方法和过程\n逐条逐项自评。\n",
    )
    top = doc.root.children
    assert labels(top) == ["二、自评工作开展情况"]
    assert labels(top[0].children) == ["（一）自评的组织工作", "（2）自评的方法和过程"]
    assert [c.level for c in top[0].children] == [2, 2]


def test_paren_arabic_one_then_paren_cn_two_are_siblings(tmp_path):
    doc = write(
        tmp_path, "三、绩效目标实现情况\n（1）总体绩效目标实现情况\n完成。\n（二）分项绩效目标实现情况\n完成。\n"
    )
    assert labels(doc.root.children[0].children) == ["（1）总体绩效目标实现情况", "（二）分项绩效目标实现情况"]


def test_seed001_mixed_brackets_are_siblings_where_no_list_intervenes():
    doc = seed("001")
    assert at(doc, 26).parent is at(doc, 24).parent is at(doc, 23)
    assert at(doc, 46).parent is at(doc, 44).parent is at(doc, 43)
    assert at(doc, 34).parent is at(doc, 32).parent is at(doc, 31)
    assert labels(at(doc, 26).children) == ["1、科学制定项目申报", "2、认真组织项目实施", "3、严格验收"]


def test_seed001_paren_arabic_two_is_sibling_of_paren_cn_one_on_line_7():
    doc = seed("001")
    assert at(doc, 18).parent is at(doc, 7).parent is at(doc, 6)
    assert labels(at(doc, 6).children) == [
        "（一）部门概况",
        "（2）部门收支预决算情况",
        "（三）部门整体支出绩效目标、指标",
    ]


def test_plain_cn_and_arabic_styles_do_not_mix(tmp_path):
    """ "3.…" followed by "四、…": 四、 is a new top-level section, not the fourth item."""
    doc = write(
        tmp_path,
        "三、部门整体支出绩效情况\n1.履职效能\n分析。\n2.管理效率\n分析。\n3.履职效益\n分析。\n"
        "四、存在的问题及原因分析\n1.管理意识不强\n认识不足。\n",
    )
    assert labels(doc.root.children) == ["三、部门整体支出绩效情况", "四、存在的问题及原因分析"]
    assert labels(doc.root.children[1].children) == ["1.管理意识不强"]


def test_seed002_cn_four_after_arabic_three_is_top_level_with_three_children():
    doc = seed("002")
    s = at(doc, 79)
    assert s.label == "四、存在的问题及原因分析"
    assert s.parent is doc.root and s.level == 1
    assert at(doc, 75).parent is at(doc, 66)
    assert [(c.label, c.line, c.end_line) for c in s.children] == [
        ("1.绩效评价管理意识不强", 81, 81),
        ("2.绩效评价指标体系不全", 82, 83),
        ("3.财务监督管理水平不高", 84, 85),
    ]
    assert labels(doc.root.children) == [
        "一、部门、单位基本情况",
        "二、部门整体支出管理及使用情况",
        "三、部门整体支出绩效情况",
        "四、存在的问题及原因分析",
        "五、下一步改进措施",
        "六、其他需要说明的情况",
    ]


# -- unnumbered titles ---------------------------------------------------------------------------
def test_seed000_unnumbered_title_sits_one_level_below_the_open_part():
    doc = seed("000")
    s = at(doc, 117)
    assert (s.label, s.heading.style, s.level) == ("部门整体绩效评价报告", "none", 2)
    assert s.parent is at(doc, 116)


def test_seed000_unnumbered_table_titles_sit_below_the_numbered_section_and_beside_each_other():
    doc = seed("000")
    parent = at(doc, 272)
    assert parent.label == "三、项目支出绩效自评表"
    assert [(c.label, c.line) for c in parent.children] == [
        ("项目支出绩效自评表", n) for n in (274, 416, 544, 683, 824, 932, 1039, 1171)
    ]
    assert {c.level for c in parent.children} == {parent.level + 1}


def test_unnumbered_title_inside_a_numbered_section_is_its_child(tmp_path):
    doc = write(tmp_path, "一、部门概况\n本单位为行政单位。\n项目支出绩效自评表\n正文。\n二、预算执行情况\n正文。\n")
    top = doc.root.children
    assert labels(top) == ["一、部门概况", "二、预算执行情况"]
    assert [(c.label, c.level, c.line, c.end_line) for c in top[0].children] == [("项目支出绩效自评表", 2, 3, 4)]


def test_unnumbered_title_at_the_top_of_a_page_is_top_level(tmp_path):
    doc = write(
        tmp_path,
        "一、部门概况\n本单位为行政单位。\n（一）机构设置\n内设三个科室。\n"
        "\f项目支出绩效评价报告\n（一）基本情况\n项目年初预算45万元。\n",
    )
    assert [(s.label, s.line, s.end_line) for s in doc.root.children] == [
        ("一、部门概况", 1, 4),
        ("项目支出绩效评价报告", 5, 7),
    ]
    assert labels(doc.root.children[1].children) == ["（一）基本情况"]


# -- table of contents ---------------------------------------------------------------------------
TOC_REPORT = (
    "某单位2023年部门整体支出绩效自评报告\n\n目录\n一、部门基本情况\n二、存在的问题及原因分析\n三、下一步改进措施\n\n"
    "一、部门基本情况\n本单位为行政单位。\n二、存在的问题及原因分析\n预算编制不够精准。\n三、下一步改进措施\n加强预算管理。\n"
)


def test_table_of_contents_entries_are_not_sections(tmp_path):
    doc = write(tmp_path, TOC_REPORT)
    assert [s.line for s in doc.sections if s.heading.style != "none"] == [8, 10, 12]
    assert [b.text for b in doc.paragraphs if b.line in (3, 4, 5, 6)] == [
        "目录",
        "一、部门基本情况",
        "二、存在的问题及原因分析",
        "三、下一步改进措施",
    ]


def test_problem_section_after_a_table_of_contents_has_its_body(tmp_path):
    doc = write(tmp_path, TOC_REPORT)
    probs = [s for s in doc.sections if "problems" in s.kinds]
    assert [(s.line, s.end_line) for s in probs] == [(10, 11)]
    assert [b.text for b in probs[0].content_blocks()] == ["预算编制不够精准。"]


def test_dot_leader_lines_are_toc_entries_without_a_toc_title(tmp_path):
    doc = write(
        tmp_path,
        "某单位2023年部门决算\n\n一、部门基本情况......3\n二、收入支出决算总体情况说明......5\n\n"
        "一、部门基本情况\n本单位为行政单位。\n",
    )
    assert [(s.label, s.line) for s in doc.sections] == [("一、部门基本情况", 6)]


def test_chinese_ellipsis_leader_line_is_a_toc_entry(tmp_path):
    doc = write(
        tmp_path,
        "某单位2023年部门决算\n\n一、部门基本情况……………………3\n二、收入支出决算总体情况说明……5\n\n"
        "一、部门基本情况\n本单位为行政单位。\n",
    )
    assert [(s.label, s.line) for s in doc.sections] == [("一、部门基本情况", 6)]


# -- spans ---------------------------------------------------------------------------------------
def test_end_line_is_the_line_before_the_next_sibling_or_the_parents_end():
    doc = seed("002")
    assert [(s.label, s.line, s.end_line) for s in at(doc, 60).children] == [
        ("（一）综合评价结论", 62, 65),
        ("（二）评价指标分析（或综合评价情况）", 66, 78),
    ]
    assert at(doc, 60).end_line == 78
    assert at(doc, 75).end_line == 78


def test_last_section_runs_to_the_last_line_of_the_file():
    doc = seed("002")
    assert doc.n_lines == 529
    assert (at(doc, 94).end_line, at(doc, 101).end_line, at(doc, 239).end_line) == (529, 529, 529)
    assert doc.root.end_line == 529


def test_heading_inline_text_opens_the_section_content():
    s = at(seed("002"), 81)
    blocks = s.content_blocks()
    assert [b.text for b in blocks] == ["对绩效评价工作的重要性认识不足，导致绩效管理工作未能得到有效推进。"]
    assert isinstance(blocks[0], Paragraph) and blocks[0].line == 81
    assert has_content(blocks) is True


def test_tables_count_as_content():
    s = at(seed("002"), 239)
    assert [b.kind for b in s.body] == ["table", "paragraph"]
    assert has_content(s.body) is True


# -- placeholders --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text", ["无", "无。", "暂无", "—", "/", "\u3000", "", "  无。 ", "\u3000无\u3000", "不涉及", "无.", "——"]
)
def test_placeholder_answers(text):
    assert is_placeholder(text) is True


@pytest.mark.parametrize(
    "text",
    [
        "无变动。",
        "本年度无此项支出。",
        "依法不予公开。",
        "制度不完善，加强支出管理，加强绩效监控",
        "2023年，我办无政府性基金预算支出。",
        "无明显问题，但预算编制仍需细化。",
    ],
)
def test_answers_that_say_something_are_not_placeholders(text):
    assert is_placeholder(text) is False


# -- section_of ----------------------------------------------------------------------------------
def test_section_of_a_body_line_is_the_innermost_section():
    doc = seed("000")
    assert doc.section_index.at(195).label == "1.评价得分情况"
    assert doc.section_index.at(262).label == "（五）主要经验及做法、存在的问题及原因分析"


def test_section_of_a_heading_line_and_a_blank_line_inside_its_span():
    doc = seed("000")
    assert doc.section_index.at(197).label == "2.存在的问题及原因分析"
    assert doc.section_index.at(198).label == "2.存在的问题及原因分析"


def test_section_of_a_table_line_is_the_section_holding_the_table():
    doc = seed("002")
    assert doc.section_index.at(435).path == "六、其他需要说明的情况 > 2.部门整体支出绩效自评表 > 整体支出绩效自评表"
    assert doc.section_index.at(96).label == "六、其他需要说明的情况"


def test_section_of_a_line_before_the_first_heading_is_the_root():
    doc = seed("002")
    assert doc.section_index.at(1) is doc.root
    assert doc.section_index.at(3).heading is None
