"""budgetlint.nlp.model: the Document's structural look-ups."""

from __future__ import annotations

from budgetlint.nlp.readers.txt import load_text


def _doc():
    # paragraphs on lines 1, 3, 5 and 7
    return load_text("第一段。\n\n第二段。\n\n第三段。\n\n第四段。\n", "t.txt", "txt")


def test_paragraphs_between_excludes_both_ends():
    assert [p.text for p in _doc().paragraphs_between(1, 7)] == ["第二段。", "第三段。"]


def test_paragraphs_between_lines_without_a_paragraph_is_empty():
    assert _doc().paragraphs_between(3, 5) == []


def test_paragraphs_between_beyond_the_document_holds_all():
    assert [p.line for p in _doc().paragraphs_between(0, 100)] == [1, 3, 5, 7]
