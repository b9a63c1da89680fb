"""The layouts of ../shared/corpus/real2 (web pages and document sites copied as text):
each file that carries a "|" table is read as a table of the common model, with the exact
cells of a few rows checked by hand against the text.  Skipped when the folder is absent;
the files are never copied into the repository."""

from __future__ import annotations

import pytest
from paths import REAL

import budgetlint.nlp.analysis  # noqa: F401  (registers doc.perf_tables)
from budgetlint.nlp.model import Table
from budgetlint.nlp.readers.txt import load_txt

REAL2 = REAL.parent / "real2"

pytestmark = pytest.mark.skipif(not REAL2.is_dir(), reason="real2 corpus not present")


def _doc(prefix: str):
    (path,) = REAL2.glob(prefix + "_*.txt")
    return load_txt(path)


def _tables(prefix: str) -> list[Table]:
    return [b for b in _doc(prefix).blocks if isinstance(b, Table)]


def _row(t: Table, r: int) -> list[str]:
    return [c.text for c in t.rows[r]]


# file → (layout, rows) of each table read from it; the other real2 files hold no "|" table
# (101, 105, 107, 121: one cell per line with neither TAB nor bar, row ends unknowable;
# 106, 111, 114, 118: forms flattened onto one or two lines by OCR or PDF text, scrambled)
TABLES = {
    "104": [("pipe-cells", 20)],
    "109": [("pipe-rows", 6)],
    "116": [("pipe-wrapped", 7)],
    "117": [("pipe-wrapped", 5)],
    "119": [("pipe-cells", 18)],
}


def test_tables_per_file():
    found = {}
    for path in sorted(REAL2.glob("*.txt")):
        ts = [b for b in load_txt(path).blocks if isinstance(b, Table)]
        if ts:
            found[path.name[:3]] = [(t.layout, len(t.rows)) for t in ts]
    assert found == TABLES


def test_pipe_rows_109_evaluation_panel():
    (t,) = _tables("109")
    assert (t.line, t.end_line) == (11, 16)
    assert _row(t, 0) == ["评价小组 机构职位", "姓名", "职务/职称", "所属单位/处室", "签字"]
    assert _row(t, 2) == ["副组长", "周天华", "党组成员、副局长", "寻甸县林业和草原局", ""]


def test_pipe_rows_109_one_line_signature_row_stays_text():
    doc = _doc("109")
    assert [b.text for b in doc.blocks if b.kind == "paragraph" and b.line == 18] == ["年 月 日 | ||||"]


def test_pipe_cells_104_cells_end_with_a_bar_rows_end_at_bar_runs():
    (t,) = _tables("104")
    assert (t.line, t.end_line) == (11, 107)
    assert t.unit == "万元"
    assert _row(t, 1) == ["项目负责人", "胡 军", "联系电话", "13575009550"]
    assert _row(t, 4) == [
        "计划安排资金 (万元)",
        "1208.75",
        "实际到位资金 (万元)",
        "1208.75",
        "实际支出 (万元)",
        "991.51",
        "结余(万元)",
        "217.24",
    ]
    # the 市财政 结余 cell is empty in the page: the row is one cell short, as printed
    assert _row(t, 7) == ["市财政", "33.75", "市财政", "33.75", "市财政", "33.75", "市财政"]
    assert _row(t, 19) == ["2016年7月城乡低保", "67.4", "7月31日31、32号凭证"]
    assert [c.line for c in t.rows[19]] == [105, 106, 107]


def test_pipe_cells_119_lone_bars_close_cells():
    (t,) = _tables("119")
    assert (t.line, t.end_line) == (4, 167)
    assert t.caption == "2022年度项目支出绩效自评表"
    assert _row(t, 0) == ["项目名称", "春节走访慰问经费"]
    assert _row(t, 4) == ["预算执行情况(万元)(20分)", "", "预算数(A)", "执行数(B)", "执行率(B/A)", "得分(20分*执行率)"]
    assert _row(t, 5) == ["年度财政资金总额", "34.64", "34.64", "100%", "20"]
    assert _row(t, 6) == [
        "年度绩效目标(80分)",
        "一级指标",
        "二级指标",
        "三级指标",
        "年初目标值(A)",
        "实际完成值(B)",
        "得分",
    ]
    # the 产出指标 cell merged down from the row above: the bars say the row lacks one cell
    # more than the row above, and its numbers line up once it is back (the row above is
    # itself one cell short of its header: nothing under it lines up with a label row)
    assert _row(t, 8) == ["", "质量指标", "补助经费足额拨付率", "100%", "100%", "20"]
    assert (t.rows[8][0].merged, t.rows[8][0].covered_text) == (True, "产出指标(60分)")
    # the 时效指标 row does not line up (a text target under a number): it stays ragged
    assert _row(t, 9) == ["时效指标", "春节前完成走访慰问", "按时限完成", "100%", "20"]
    assert _row(t, 16) == ["偏差大或目标未完成原因分析", "无"]
    assert (t.rows[4][0].line, t.rows[4][0].end_line) == (28, 29)


def test_pipe_wrapped_116_rows_broken_over_padded_lines():
    (t,) = _tables("116")
    assert t.caption == "2022年项目支出绩效自评指标计分表"
    assert _row(t, 0) == ["一级 指标", "二级 指标", "三级 指标", "自评分", "具体指标", "评价标准"]
    assert _row(t, 2)[:4] == ["", "决策 过程 (8分)", "决策 依据 (4分)", "4"]
    assert [(c.merged, c.covered_text) for c in t.rows[3][:2]] == [
        (True, "项目 决策 (20分)"),
        (True, "决策 过程 (8分)"),
    ]
    assert _row(t, 3) == [
        "",
        "",
        "决策 程序 (4分)",
        "4",
        "项目符合申报条件;申报、批复程序符合相关管理办法;项目调整履行了相应手续",
        "符合申报条件(2分)项目申报、批复程序符合管理办法(1分) 项目调整履行了相应手续(1分)",
    ]
    assert [c.line for c in t.rows[3]] == [42, 42, 42, 44, 46, 48]


def test_pipe_wrapped_117_cells_on_the_lines_between_bars():
    (t,) = _tables("117")
    assert _row(t, 0) == ["项目完成指标", "质量指标", "改善养老服务基础条件", "改善条件", "明显改善"]
    assert _row(t, 4) == ["", "满意度指标", "服务对象满意度指标", "养老服务对象对养老机构服务质量满意度", "≥90%", "98%"]


# 自评表 recognised (doc.perf_tables) and their indicator rows, checked by hand: 119 has
# five indicators (数量, 质量, 时效, 社会效益, 满意度; its points sit in the 一级指标 labels),
# 116 is a 计分表 whose excerpt holds five scored indicators (自评分, points in the names);
# 104, 109 and 117 hold fund, panel and target tables without scores.
PERF = {"104": [], "109": [], "116": [5], "117": [], "119": [5]}


def test_perf_tables_in_the_pipe_tables():
    got = {p: [len(pt.indicators) for pt in _doc(p).perf_tables] for p in TABLES}
    assert got == PERF
