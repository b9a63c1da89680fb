"""budgetlint.nlp.text.numbering: the one table of outline numbering styles and what is derived from it."""

import pytest
import regex

from budgetlint.nlp.text.numbering import (
    ITEM_STYLES,
    LIST_STYLES,
    STYLE_RANK,
    cn_to_int,
    int_to_cn,
    marker_pattern,
    number_text,
    parse_number,
)


def _starts(text: str, styles=None, heading: bool = False) -> str | None:
    m = regex.match("(?:" + marker_pattern(styles, heading=heading) + ")", text)
    return m.group(0) if m else None


def test_style_ranks():
    assert STYLE_RANK == {"part": 0, "cn": 1, "paren_cn": 2, "arabic": 3, "paren_arabic": 4, "circled": 5}


def test_list_styles_are_all_but_part():
    assert LIST_STYLES == ("cn", "paren_cn", "arabic", "paren_arabic", "circled")


def test_item_styles_are_the_unbracketed_ones():
    assert ITEM_STYLES == ("cn", "arabic")


@pytest.mark.parametrize(
    "line, number, style, ordinal, rank, rest",
    [
        ("第三部分 绩效评价", "第三部分", "part", 3, 0, "绩效评价"),
        ("第2章 总则", "第2章", "part", 2, 0, "总则"),
        ("十二、其他", "十二、", "cn", 12, 1, "其他"),
        ("（三）项目情况", "（三）", "paren_cn", 3, 2, "项目情况"),
        ("4．落实", "4．", "arabic", 4, 3, "落实"),
        ("(5) 完善制度", "(5)", "paren_arabic", 5, 4, "完善制度"),
        ("③加强", "③", "circled", 3, 5, "加强"),
    ],
)
def test_parse_number_each_style(line, number, style, ordinal, rank, rest):
    n = parse_number(line)
    assert (n.number, n.style, n.ordinal, n.rank, n.rest) == (number, style, ordinal, rank, rest)


@pytest.mark.parametrize("text", ["1.5万元用于办公", "1、2、3项", "一.5", "2040601行政运行", "第一节 总则"])
def test_heading_reading_rejects(text):
    assert parse_number(text) is None
    assert _starts(text, heading=True) is None


def test_heading_reading_accepts_cn_number_before_a_figure():
    assert parse_number("一、2023年收支情况").number == "一、"


@pytest.mark.parametrize("text, marker", [("1、2022年完成", "1、"), ("一．2023年", "一．"), ("2．5项", "2．")])
def test_list_reading_is_looser(text, marker):
    assert _starts(text) == marker
    assert _starts(text, heading=True) is None


def test_list_reading_rejects_a_decimal():
    assert _starts("1.5万元") is None


def test_marker_pattern_subset():
    assert _starts("（二）收入", ("arabic",)) is None
    assert _starts("（二）收入", ("paren_cn",)) == "（二）"


def test_marker_pattern_unknown_style():
    with pytest.raises(ValueError, match="roman"):
        marker_pattern(("roman",))


@pytest.mark.parametrize(
    "text, value",
    [("一", 1), ("十", 10), ("十二", 12), ("二十三", 23), ("两", 2), ("7", 7), ("十十", None), ("", None)],
)
def test_cn_to_int(text, value):
    assert cn_to_int(text) == value


@pytest.mark.parametrize("n", range(1, 100))
def test_int_to_cn_round_trips(n):
    assert cn_to_int(int_to_cn(n)) == n


@pytest.mark.parametrize(
    "style, text",
    [
        ("part", "第六部分"),
        ("cn", "六、"),
        ("paren_cn", "（六）"),
        ("arabic", "6."),
        ("paren_arabic", "（6）"),
        ("circled", "⑥"),
    ],
)
def test_number_text(style, text):
    assert number_text(style, 6) == text
    assert parse_number(text + "标题").number == text
