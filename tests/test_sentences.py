"""budgetlint.nlp.text.sentences.split_sentences: exact spans and texts."""

from __future__ import annotations

import pytest

from budgetlint.nlp.text.sentences import clause_start, split_sentences


def texts(text: str) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text)]


def test_opening_bracket_after_terminator_starts_next_sentence():
    text = "主要原因：人员增加。（一）收入决算说明"
    assert split_sentences(text) == [(0, 10), (10, 19)]
    assert texts(text) == ["主要原因：人员增加。", "（一）收入决算说明"]


def test_closing_quote_stays_with_sentence():
    text = "“过紧日子”的思想。下一句"
    assert split_sentences(text) == [(0, 10), (10, 13)]
    assert texts(text) == ["“过紧日子”的思想。", "下一句"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("是吗？”下一句", ["是吗？”", "下一句"]),
        ("（注：见表1。）下一句", ["（注：见表1。）", "下一句"]),
        ("他说：“完成了！”）然后", ["他说：“完成了！”）", "然后"]),
        ("「好。」『对！』", ["「好。」", "『对！』"]),
    ],
)
def test_closers_after_terminator(text, expected):
    assert texts(text) == expected


def test_decimals_are_not_boundaries():
    text = "2022年度收入1071.95万元，增长60.94%。"
    assert split_sentences(text) == [(0, len(text))]


def test_list_markers_are_not_boundaries():
    assert texts("1.基本支出。2.项目支出。") == ["1.基本支出。", "2.项目支出。"]
    assert texts("１．基本支出") == ["１．基本支出"]


def test_newline_is_a_boundary():
    assert split_sentences("a\nb") == [(0, 1), (2, 3)]
    assert texts("第一行\r\n第二行") == ["第一行", "第二行"]
    assert texts("句子。\n\n下一句") == ["句子。", "下一句"]


def test_terminator_runs_stay_together():
    assert split_sentences("无。。") == [(0, 3)]
    assert texts("真的吗？！下一句") == ["真的吗？！", "下一句"]
    assert texts("无。 。下") == ["无。 。", "下"]


def test_semicolons_end_clauses():
    text = "增加17.62%；减少3%"
    assert split_sentences(text) == [(0, 9), (9, 13)]
    assert texts(text) == ["增加17.62%；", "减少3%"]
    assert texts("增加17.62%;减少3%") == ["增加17.62%;", "减少3%"]


def test_ideographic_space_is_stripped():
    text = "\u3000\u3000第一句。\u3000\u3000第二句。\u3000"
    assert split_sentences(text) == [(2, 6), (8, 12)]
    assert texts(text) == ["第一句。", "第二句。"]


def test_whitespace_variants_stripped_and_empty_spans_dropped():
    assert split_sentences("") == []
    assert split_sentences(" \u3000\n\t\xa0\ufeff") == []
    assert texts("\ufeff\xa0正文。 \n ") == ["正文。"]


def test_ascii_terminators():
    assert texts("完成了吗? 是的! 好") == ["完成了吗?", "是的!", "好"]
    # inside an ASCII run (URL, code) they are not terminators
    assert texts("见http://a.cn/x?id=3。下") == ["见http://a.cn/x?id=3。", "下"]


def test_straight_quotes():
    assert texts('他说"好。"下一句') == ['他说"好。"', "下一句"]
    assert texts('好。"引文"') == ["好。", '"引文"']


def test_spans_never_start_or_end_with_whitespace():
    text = " 甲。 乙！\u3000丙？\n丁；  戊 "
    spans = split_sentences(text)
    assert [text[a:b] for a, b in spans] == ["甲。", "乙！", "丙？", "丁；", "戊"]
    for a, b in spans:
        assert a < b and not text[a].isspace() and not text[b - 1].isspace()


@pytest.mark.parametrize(
    "text, pos, start",
    [
        ("收入100万元，支出90万元。", 10, 8),  # just after the nearest mark before pos
        ("收入100万元，支出90万元。", 8, 8),
        ("收入100万元，支出90万元。", 7, 0),  # a mark at pos itself does not count
        ("收入100万元", 4, 0),  # no mark: the text's start
        ("第一行\n第二行：共10个", 9, 8),
    ],
)
def test_clause_start(text, pos, start):
    assert clause_start(text, pos) == start
