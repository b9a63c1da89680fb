"""Build small Word (.docx) files for tests, with python-docx.

* :func:`build_docx` writes a document from a list of block tuples::

      ("heading", text, level)          # level 1..9 -> "Heading N", 0 -> "Title"
      ("para", text)                    # "" makes an empty paragraph
      ("table", rows)                   # rows: list of lists of str
      ("table", rows, merges)           # merges: [((r0, c0), (r1, c1)), ...] rectangles

  Any block may end with an options dict: ``{"style": "标题 2"}`` (a paragraph style,
  created if the template lacks it), ``{"numbered": True}`` (adds Word auto-numbering
  ``w:numPr`` to the paragraph).  In a table, a cell whose value contains "\\n" becomes
  several paragraphs, and a cell whose value is itself a list of lists becomes a nested
  table.  A merged rectangle keeps the text of its top-left cell only (the other cells of
  the rectangle are not written, whatever ``rows`` holds there).

* :func:`perf_table_rows` returns ``(rows, merges)`` for a 项目支出绩效自评表 shaped like the
  provincial forms; :data:`PERF_INDICATORS` is its default indicator list.

* :func:`document_to_docx` writes a :class:`budgetlint.nlp.model.Document` (e.g. one loaded from a text
  export) back out as a Word file.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Sequence
from pathlib import Path

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

Merge = tuple[tuple[int, int], tuple[int, int]]


# -- build_docx ------------------------------------------------------------------------------
def _style(document, name: str):
    try:
        return document.styles[name]
    except KeyError:
        return document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)


def _add_numpr(paragraph, num_id: int = 1, ilvl: int = 0) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    numpr = OxmlElement("w:numPr")
    lvl = OxmlElement("w:ilvl")
    lvl.set(qn("w:val"), str(ilvl))
    nid = OxmlElement("w:numId")
    nid.set(qn("w:val"), str(num_id))
    numpr.append(lvl)
    numpr.append(nid)
    ppr.append(numpr)


def _fill_cell(cell, value) -> None:
    if isinstance(value, list):  # nested table
        width = max((len(r) for r in value), default=1)
        inner = cell.add_table(rows=len(value), cols=width)
        for r, row in enumerate(value):
            for c, v in enumerate(row):
                _fill_cell(inner.cell(r, c), v)
        return
    text = "" if value is None else str(value)
    if not text:
        return
    lines = text.split("\n")
    cell.paragraphs[0].add_run(lines[0])
    for extra in lines[1:]:
        cell.add_paragraph(extra)


def add_table(document, rows: Sequence[Sequence], merges: Iterable[Merge] = ()):
    """Append a table (ragged rows padded to the widest row); returns the docx table."""
    merges = [((int(a), int(b)), (int(c), int(d))) for (a, b), (c, d) in merges]
    nrows = len(rows)
    ncols = max((len(r) for r in rows), default=0)
    table = document.add_table(rows=nrows, cols=max(ncols, 1))
    with contextlib.suppress(KeyError):
        table.style = document.styles["Table Grid"]
    covered = set()
    for (r0, c0), (r1, c1) in merges:
        for r in range(min(r0, r1), max(r0, r1) + 1):
            for c in range(min(c0, c1), max(c0, c1) + 1):
                if (r, c) != (min(r0, r1), min(c0, c1)):
                    covered.add((r, c))
    # look the cells up once: table.cell() recomputes the whole grid on every call.  The
    # w:tc elements stay valid through the merges, since merge rectangles do not overlap.
    cells = [row.cells for row in table.rows]
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if (r, c) not in covered:
                _fill_cell(cells[r][c], value)
    for (r0, c0), (r1, c1) in merges:
        cells[r0][c0].merge(cells[r1][c1])
    return table


def build_docx(path, blocks) -> Path:
    """Write ``blocks`` (see the module docstring) to a new .docx at ``path``."""
    document = docx.Document()
    for block in blocks:
        block = list(block)
        opts = block.pop() if block and isinstance(block[-1], dict) else {}
        kind = block[0]
        if kind == "heading":
            text, level = block[1], (block[2] if len(block) > 2 else 1)
            style = opts.get("style") or ("Title" if level == 0 else f"Heading {level}")
            p = document.add_paragraph(text, style=_style(document, style))
            if opts.get("numbered"):
                _add_numpr(p, ilvl=max(level - 1, 0))
        elif kind == "para":
            p = document.add_paragraph(block[1])
            if opts.get("style"):
                p.style = _style(document, opts["style"])
            if opts.get("numbered"):
                _add_numpr(p)
        elif kind == "table":
            add_table(document, block[1], block[2] if len(block) > 2 else ())
        else:
            raise ValueError(f"unknown block kind {kind!r}")
    path = Path(path)
    document.save(str(path))
    return path


# -- a 项目支出绩效自评表 ------------------------------------------------------------------------
# (一级指标, 二级指标, 三级指标, 年度指标值, 实际完成值, 分值, 得分, 偏差原因分析及改进措施)
PERF_INDICATORS: list[tuple[str, str, str, str, str, str, str, str]] = [
    (
        "产出指标",
        "数量指标",
        "网络安全应急演练",
        "≥1次",
        "组织网络安全实战攻防演练1次，完成预期任务。",
        "20",
        "19",
        "演练覆盖面不足，下一步扩大演练范围，持续提升网络安全防护能力。",
    ),
    (
        "产出指标",
        "数量指标",
        "现场检查单位数量",
        "≥75个",
        "开展网络安全现场检查工作，检查单位网站（含系统）90个，完成预期任务。",
        "20",
        "18",
        "",
    ),
    ("产出指标", "质量指标", "漏洞修复率", "≥90%", "中高危网络安全漏洞修复率达到98%以上。", "10", "10", ""),
    (
        "效益指标",
        "社会效益指标",
        "网络安全防护能力得到提升",
        "定性",
        "提出网络安全管理和技术保障建议，帮助完善网络安全工作管理制度措施。",
        "30",
        "30",
        "",
    ),
    ("满意度指标", "服务对象满意度指标", "检查单位满意度", "≥90%", "95%", "10", "10", ""),
]
PERF_FUNDS: list[tuple[str, str, str, str, str, str, str]] = [
    # (资金, 年初预算数, 全年预算数, 全年执行数, 分值, 执行率, 得分)
    ("年度资金总额", "160", "160", "158.8", "10", "99.25%", "9.9"),
    ("其中：当年财政拨款", "160", "160", "158.8", "—", "99.25%", "—"),
    ("上年结转资金", "", "", "", "—", "", "—"),
    ("其他资金", "", "", "", "—", "", "—"),
]
PERF_COLUMNS = [
    "一级指标",
    "二级指标",
    "三级指标",
    "年度指标值",
    "实际完成值",
    "分值",
    "得分",
    "偏差原因分析及改进措施",
]
PERF_NCOLS = 9


def perf_table_rows(
    project: str = "网络安全检查工作",
    indicators: Sequence[Sequence[str]] | None = None,
    funds: Sequence[Sequence[str]] | None = None,
    goal: str = "统筹组织党政机关、重点行业等的网络安全检查，做好重要网站、信息系统安全维护。",
    achieved: str = "按计划完成党政机关、重点行业等的网络安全检查，做好重要网站、信息系统安全维护。",
    total: tuple[str, str] | None = None,
) -> tuple[list[list[str]], list[Merge]]:
    """``(rows, merges)`` of a 项目支出绩效自评表 on a 9-column grid.

    Layout (r = row): 0 项目名称; 1 主管部门/实施单位; 2 fund header (项目资金（万元） merged
    down over the fund rows); 3.. fund rows; 年度总体目标 (2 rows: 预期目标 | 实际完成情况,
    then the texts); the indicator header (绩效指标 in column 0, merged down over all the
    indicator rows); one row per indicator, with consecutive equal 一级指标 (column 1) and
    二级指标 (column 2, within the same 一级指标) merged vertically; last the 总分 row
    (总分 merged over columns 0-5 | 分值 total | 得分 total | "").  ``total`` defaults to the
    sums of the indicator points plus the first fund row's 分值/得分.

    With the defaults, 现场检查单位数量 scores 18 of 20 with an EMPTY explanation (the
    defect), 网络安全应急演练 scores 19 of 20 with an explanation, and the 总分 is 100 / 96.9.
    """
    inds = [tuple(i) for i in (PERF_INDICATORS if indicators is None else indicators)]
    fund_rows = [tuple(f) for f in (PERF_FUNDS if funds is None else funds)]
    n = PERF_NCOLS
    rows: list[list[str]] = []
    merges: list[Merge] = []

    def blank() -> list[str]:
        return [""] * n

    # 项目名称
    r = blank()
    r[0], r[1] = "项目名称", project
    rows.append(r)
    merges.append(((0, 1), (0, n - 1)))
    r = blank()
    r[0], r[1], r[4], r[6] = "主管部门", "区委网信办", "实施单位", "综合科"
    rows.append(r)
    merges += [((1, 1), (1, 3)), ((1, 4), (1, 5)), ((1, 6), (1, n - 1))]
    # funds
    top = len(rows)
    r = blank()
    r[0] = "项目资金\n（万元）"
    r[3:9] = ["年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"]
    rows.append(r)
    merges.append(((top, 1), (top, 2)))
    for f in fund_rows:
        r = blank()
        r[1] = f[0]
        r[3:9] = list(f[1:7])
        merges.append(((len(rows), 1), (len(rows), 2)))
        rows.append(r)
    merges.append(((top, 0), (len(rows) - 1, 0)))
    # 年度总体目标
    top = len(rows)
    r = blank()
    r[0], r[1], r[5] = "年度总体目标", "预期目标", "实际完成情况"
    rows.append(r)
    r = blank()
    r[1], r[5] = goal, achieved
    rows.append(r)
    merges += [
        ((top, 0), (top + 1, 0)),
        ((top, 1), (top, 4)),
        ((top, 5), (top, n - 1)),
        ((top + 1, 1), (top + 1, 4)),
        ((top + 1, 5), (top + 1, n - 1)),
    ]
    # indicators
    top = len(rows)
    r = blank()
    r[0] = "绩效指标"
    r[1:9] = PERF_COLUMNS
    rows.append(r)
    first = len(rows)
    for ind in inds:
        r = blank()
        r[1:9] = list(ind)
        rows.append(r)
    last = len(rows) - 1
    merges.append(((top, 0), (last, 0)))

    def runs(col: int, key) -> None:
        start = first
        for i in range(first, last + 2):
            if i > last or key(i) != key(start):
                if i - 1 > start:
                    merges.append(((start, col), (i - 1, col)))
                    for k in range(start + 1, i):
                        rows[k][col] = ""
                start = i

    keys1 = {i: inds[i - first][0] for i in range(first, last + 1)}
    keys2 = {i: (inds[i - first][0], inds[i - first][1]) for i in range(first, last + 1)}
    runs(2, lambda i: keys2[i])  # before column 1 blanks its repeats
    runs(1, lambda i: keys1[i])
    # 总分
    if total is None:

        def num(s: str) -> float:
            try:
                return float(s)
            except ValueError:
                return 0.0

        pts = sum(num(i[5]) for i in inds) + (num(fund_rows[0][4]) if fund_rows else 0)
        got = sum(num(i[6]) for i in inds) + (num(fund_rows[0][6]) if fund_rows else 0)
        total = (f"{pts:g}", f"{round(got, 2):g}")
    r = blank()
    r[0], r[6], r[7] = "总分", total[0], total[1]
    merges.append(((len(rows), 0), (len(rows), 5)))
    rows.append(r)
    return rows, merges


def perf_table_block(**kwargs) -> tuple:
    """``("table", rows, merges)`` for :func:`build_docx`; kwargs as :func:`perf_table_rows`."""
    rows, merges = perf_table_rows(**kwargs)
    return ("table", rows, merges)


# -- Document -> .docx -----------------------------------------------------------------------
_TITLE_SEP = ("。", "：", ":")


def _heading_text(h) -> str:
    text = h.text or f"{h.number}{h.title}"
    if h.inline is not None and h.inline.text:
        inline = h.inline.text
        if not text.rstrip().endswith(inline):
            text = text if text.endswith(_TITLE_SEP) else text + "："
            text += inline
    return text


def _merge_runs(table) -> list[Merge]:
    """Rebuild merge rectangles from the ``merged`` flags of a :class:`budgetlint.nlp.model.Table`.

    Cells are visited in reading order; a merged cell extends the region to its left when
    that region is still on its first row (a gridSpan), else the region above when the
    whole width of that region is merged on this row (a vMerge).  A merged cell that holds
    text (the text-export convention: it repeats its neighbour) only joins a region whose
    top-left text is the same; an empty one (the .docx convention) joins either.  Merged
    cells that fit no region stay plain cells.
    """
    rows = table.rows
    owner: dict[tuple[int, int], dict] = {}

    def at(r, c):
        return rows[r][c] if 0 <= r < len(rows) and 0 <= c < len(rows[r]) else None

    def fits(cell, region) -> bool:
        return not cell.text or cell.text == region["text"]

    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            if (r, c) in owner:
                continue
            if not cell.merged:
                owner[(r, c)] = {"top": r, "left": c, "bottom": r, "right": c, "text": cell.text}
                continue
            left = owner.get((r, c - 1))
            if left and left["top"] == r and left["right"] == c - 1 and fits(cell, left):
                left["right"] = c
                owner[(r, c)] = left
                continue
            up = owner.get((r - 1, c))
            if up and up["bottom"] == r - 1 and up["left"] == c:
                span = [at(r, k) for k in range(up["left"], up["right"] + 1)]
                if all(
                    x is not None and x.merged and (r, k) not in owner and fits(x, up)
                    for k, x in zip(range(up["left"], up["right"] + 1), span)
                ):
                    up["bottom"] = r
                    for k in range(up["left"], up["right"] + 1):
                        owner[(r, k)] = up
                    continue
            owner[(r, c)] = {"top": r, "left": c, "bottom": r, "right": c, "text": cell.text}
    merges: list[Merge] = []
    seen: set[int] = set()
    for region in owner.values():
        if id(region) in seen:
            continue
        seen.add(id(region))
        if region["bottom"] > region["top"] or region["right"] > region["left"]:
            merges.append(((region["top"], region["left"]), (region["bottom"], region["right"])))
    return merges


def document_to_docx(doc, path) -> Path:
    """Write ``doc`` (an :class:`budgetlint.nlp.model.Document`) as an equivalent Word file.

    Headings become "Heading N" paragraphs (N = max(rank, 1), capped at 9) that keep their
    typed number text, with the heading's inline body appended after "：" unless the text
    already holds it; paragraphs become plain paragraphs; tables become Word tables with
    ragged rows padded to the widest row.  Cells marked ``merged`` become real Word merges
    (see :func:`_merge_runs`), so the Word table carries the text once, in the top-left
    cell, as a real form does.
    """
    from budgetlint.nlp.model import Heading, Paragraph, Table

    document = docx.Document()
    for block in doc.blocks:
        if isinstance(block, Heading):
            level = min(max(block.rank, 1), 9)
            document.add_paragraph(_heading_text(block), style=_style(document, f"Heading {level}"))
        elif isinstance(block, Paragraph):
            document.add_paragraph(block.text)
        elif isinstance(block, Table):
            if not block.rows:
                continue
            merges = _merge_runs(block)
            rows = [[c.text for c in row] for row in block.rows]
            try:
                add_table(document, rows, merges)
            except Exception:  # overlapping runs python-docx refuses: write unmerged
                body = document.element.body
                body.remove(body.findall(qn("w:tbl"))[-1])
                add_table(document, [[c.text for c in row] for row in block.rows], ())
    path = Path(path)
    document.save(str(path))
    return path
