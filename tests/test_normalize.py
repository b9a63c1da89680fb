"""budgetlint.nlp.text.normalize: the text normalisers."""

import pytest

from budgetlint.nlp.text.normalize import BLANKS, SPACES, nfkc_no_spaces, no_spaces, no_spaces_or_stars


def test_no_spaces_removes_every_whitespace():
    assert no_spaces(" 目 \u3000录\xa0\t\n") == "目录"


def test_no_spaces_keeps_stars():
    assert no_spaces("* 项目名称") == "*项目名称"


def test_no_spaces_or_stars():
    assert no_spaces_or_stars("＊ 项目 名称* ") == "项目名称"


def test_nfkc_no_spaces_folds_width():
    assert nfkc_no_spaces("１２ 个 ＡＢ") == "12个AB"


def test_nfkc_no_spaces_of_none():
    assert nfkc_no_spaces(None) == ""


@pytest.mark.parametrize("chars, extra", [(SPACES, ""), (BLANKS, "\r\n")])
def test_edge_blanks(chars, extra):
    assert set(chars) == set(" \t\u3000\xa0" + extra)
