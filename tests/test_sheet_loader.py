"""budgetlint.nlp.readers.sheet: workbooks (.xlsx via openpyxl, .xls via xlrd) -> Document: a 绩效自评表
in a workbook reads like the Word one (same PerfTable, same DEV001 finding, with its cell
address), number formats, cached formula values, tables split at blank rows, routing by
content, the real review-checklist workbooks, and the one-line errors for hostile files."""

from __future__ import annotations

import re
import time
import zipfile

import openpyxl
import pytest
import xlwt

import budgetlint.nlp.analysis  # noqa: F401  (registers the perf_tables view)
from budgetlint.config import Config
from budgetlint.nlp.errors import LoadError
from budgetlint.nlp.model import Heading, Paragraph, Table
from budgetlint.nlp.readers import load_document
from budgetlint.nlp.readers import sheet as sheet_loader
from budgetlint.nlp.readers.sheet import load_sheet
from budgetlint.nlp.readers.ziputil import MAX_UNCOMPRESSED_BYTES
from budgetlint.runner import lint_file, selected_rules

try:
    from tests.docx_builder import build_docx, perf_table_block, perf_table_rows
    from tests.paths import REAL
except ImportError:  # tests/ is not a package: pytest put tests/ itself on sys.path
    from docx_builder import build_docx, perf_table_block, perf_table_rows
    from paths import REAL

SHEET = "自评表"
TITLE = "项目支出绩效自评表"


# -- builders ------------------------------------------------------------------------------
def _typed(value: str):
    """A form's text as the value and number format a spreadsheet would hold:
    "160" -> 160 (General), "158.8" -> 158.8, "99.25%" -> 0.9925 with "0.00%"."""
    if re.fullmatch(r"\d+", value):
        return int(value), None
    if re.fullmatch(r"\d+\.\d+", value):
        return float(value), None
    m = re.fullmatch(r"(\d+(?:\.(\d+))?)%", value)
    if m:
        places = len(m.group(2) or "")
        return float(m.group(1)) / 100, "0" + ("." + "0" * places if places else "") + "%"
    return value, None


def perf_xlsx(path, title_row=True):
    """The 自评表 of :func:`perf_table_rows` in sheet 自评表: a title row merged over A1:I1,
    then the form from row 2, numbers stored as numbers, merges as ws.merge_cells."""
    rows, merges = perf_table_rows()
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = SHEET
    top = 1
    if title_row:
        ws.cell(1, 1, TITLE)
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(rows[0]))
        top = 2
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if text:
                value, fmt = _typed(text)
                cell = ws.cell(top + r, c + 1, value)
                if fmt:
                    cell.number_format = fmt
    for (r0, c0), (r1, c1) in merges:
        ws.merge_cells(start_row=top + r0, start_column=c0 + 1, end_row=top + r1, end_column=c1 + 1)
    wb.save(path)
    return path


def perf_xls(path):
    """The same form written by xlwt (merged cells via write_merge)."""
    rows, merges = perf_table_rows()
    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet(SHEET)
    ws.write_merge(0, 0, 0, len(rows[0]) - 1, TITLE)
    styles: dict = {}

    def value_style(text):
        value, fmt = _typed(text)
        if fmt not in styles:
            styles[fmt] = xlwt.easyxf(num_format_str=fmt) if fmt else xlwt.Style.default_style
        return value, styles[fmt]

    tops = {(r0, c0): (r1, c1) for (r0, c0), (r1, c1) in merges}
    covered = {
        (r, c)
        for (r0, c0), (r1, c1) in merges
        for r in range(r0, r1 + 1)
        for c in range(c0, c1 + 1)
        if (r, c) != (r0, c0)
    }
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if (r, c) in covered:
                continue
            value, style = value_style(text) if text else ("", xlwt.Style.default_style)
            if (r, c) in tops:
                r1, c1 = tops[(r, c)]
                ws.write_merge(r + 1, r1 + 1, c, c1, value, style)
            elif text:
                ws.write(r + 1, c, value, style)
    wb.save(str(path))
    return path


def perf_docx(path):
    return build_docx(path, [("heading", "三、项目支出绩效自评表", 1), ("para", TITLE), perf_table_block()])


def _lint(path):
    cfg = Config()
    return lint_file(str(path), selected_rules(cfg), cfg)


def _perf_summary(doc):
    (pt,) = doc.perf_tables
    return (
        pt.project,
        [(f.label, {k: c.text for k, c in f.cells.items()}) for f in pt.funds],
        [(i.level1, i.level2, i.name, {k: i.text(k) for k in i.cells}) for i in pt.indicators],
        (pt.total_points.text, pt.total_score.text),
    )


def _dev001(res):
    return [f for f in res.findings if f.rule == "DEV001"]


def texts(table: Table) -> list[list[str]]:
    return [[c.text for c in row] for row in table.rows]


# -- the 绩效自评表 ----------------------------------------------------------------------------
def test_perf_workbook_gives_the_same_perf_table_as_word(tmp_path):
    book = load_sheet(perf_xlsx(tmp_path / "自评表.xlsx"))
    word = load_document(perf_docx(tmp_path / "自评表.docx"))
    assert book.format == "xlsx"
    assert _perf_summary(book) == _perf_summary(word)
    project, funds, indicators, total = _perf_summary(book)
    assert project == "网络安全检查工作"
    assert funds[0] == (
        "年度资金总额",
        {"initial": "160", "budget": "160", "executed": "158.8", "points": "10", "rate": "99.25%", "score": "9.9"},
    )
    assert [i[2] for i in indicators] == [
        "网络安全应急演练",
        "现场检查单位数量",
        "漏洞修复率",
        "网络安全防护能力得到提升",
        "检查单位满意度",
    ]
    assert total == ("100", "96.9")


def test_perf_workbook_dev001_same_message_and_its_cell(tmp_path):
    res = _lint(perf_xlsx(tmp_path / "自评表.xlsx"))
    ref = _lint(perf_docx(tmp_path / "自评表.docx"))
    assert res.error is None and res.format == "xlsx"
    (f,) = _dev001(res)
    (w,) = _dev001(ref)
    assert f.message == w.message
    assert f.evidence == w.evidence
    assert f.evidence["indicator"] == "现场检查单位数量"
    # the explanation cell: column I (9th), sheet row 13 (title row 1, form from row 2, row 11)
    assert f.cell == "自评表!I13"
    doc = load_sheet(tmp_path / "自评表.xlsx")
    loc = f.location
    cell = doc.tables[loc["table"]].rows[loc["row"]][loc["col"]]
    assert (cell.ref, cell.text, cell.merged) == ("自评表!I13", "", False)
    name = doc.tables[loc["table"]].rows[loc["row"]][3]
    assert (name.ref, name.text) == ("自评表!D13", "现场检查单位数量")


def test_perf_xls_written_by_xlwt_gives_the_same_finding(tmp_path):
    path = perf_xls(tmp_path / "自评表.xls")
    doc = load_sheet(path)
    assert doc.format == "xls"
    assert _perf_summary(doc) == _perf_summary(load_document(perf_docx(tmp_path / "w.docx")))
    res = _lint(path)
    (f,) = _dev001(res)
    (w,) = _dev001(_lint(tmp_path / "w.docx"))
    assert res.error is None and res.format == "xls"
    assert (f.message, f.cell) == (w.message, "自评表!I13")


# -- structure -------------------------------------------------------------------------------
def test_merged_cells_resolve_like_word_tables(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "表"
    for r, row in enumerate([["一级指标", "三级指标", "分值"], ["产出指标", "演练", 30], [None, "检查", 20]], 1):
        for c, v in enumerate(row, 1):
            if v is not None:
                ws.cell(r, c, v)
    ws.merge_cells("A2:A3")
    ws.merge_cells("B1:C1")  # over a header cell holding a value Excel hides ("分值")
    wb.save(tmp_path / "m.xlsx")
    (t,) = load_sheet(tmp_path / "m.xlsx").tables
    assert [[(c.text, c.merged, c.covered_text) for c in row] for row in t.rows] == [
        [("一级指标", False, ""), ("三级指标", False, ""), ("", True, "三级指标")],
        [("产出指标", False, ""), ("演练", False, ""), ("30", False, "")],
        [("", True, "产出指标"), ("检查", False, ""), ("20", False, "")],
    ]
    assert [c.ref for c in t.rows[2]] == ["表!A3", "表!B3", "表!C3"]


def test_number_formats_as_the_sheet_shows_them(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    values = [
        (0.6875, "0.00"),
        (0.9925, "0.00%"),
        (10.0, "General"),
        (1234.5, "#,##0.00"),
        (2.675, "0.00"),
        (0.5, "0%"),
        (-3, "0.0"),
        (158.8, "General"),
    ]
    for c, (v, fmt) in enumerate(values, 1):
        ws.cell(1, c, "h")
        ws.cell(2, c, v).number_format = fmt
    wb.save(tmp_path / "n.xlsx")
    (t,) = load_sheet(tmp_path / "n.xlsx").tables
    assert texts(t)[1] == ["0.69", "99.25%", "10", "1,234.50", "2.68", "50%", "-3.0", "158.8"]


def test_a_formula_reads_its_cached_value(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "S"
    ws["A1"], ws["B1"], ws["C1"] = 1.25, 2, "=A1+B1"
    ws["A2"], ws["B2"], ws["C2"] = "x", "y", "=A1*2"
    wb.save(tmp_path / "f.xlsx")
    # openpyxl writes no cached values; give C1 the one Excel would have saved
    src = zipfile.ZipFile(tmp_path / "f.xlsx")
    out = zipfile.ZipFile(tmp_path / "cached.xlsx", "w", zipfile.ZIP_DEFLATED)
    for info in src.infolist():
        data = src.read(info.filename)
        if info.filename == "xl/worksheets/sheet1.xml":
            xml = data.decode()
            xml, n = re.subn(r'(<c r="C1"[^>]*>\s*<f>A1\+B1</f>)\s*(?:<v\s*/>|<v>\s*</v>)?', r"\1<v>3.25</v>", xml)
            assert n == 1
            data = xml.encode()
        out.writestr(info, data)
    out.close()
    (t,) = load_sheet(tmp_path / "cached.xlsx").tables
    assert texts(t) == [["1.25", "2", "3.25"], ["x", "y", ""]]  # C2 was never calculated


def test_two_blank_rows_split_a_sheet_into_two_tables(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "预算表"
    ws["B1"] = "收入预算表"
    ws.merge_cells("B1:D1")
    ws["B2"] = "单位：万元"
    for r, row in enumerate(
        [["项目", "金额", "备注"], ["财政拨款", 100, ""], None, ["其他收入", 5, "一行空行不分表"]], 3
    ):
        for c, v in enumerate(row or [], 2):
            if v != "":
                ws.cell(r, c, v)
    for r, row in enumerate([["支出", "金额"], ["基本支出", 80]], 9):  # rows 7, 8 blank
        for c, v in enumerate(row, 2):
            ws.cell(r, c, v)
    wb.save(tmp_path / "s.xlsx")
    doc = load_sheet(tmp_path / "s.xlsx")
    kinds = [(type(b).__name__, b.line, b.end_line) for b in doc.blocks]
    # the title row reads as a title (as the same line in a Word document would)
    assert kinds == [("Heading", 1, 1), ("Heading", 2, 2), ("Paragraph", 3, 3), ("Table", 4, 7), ("Table", 8, 9)]
    assert [b.rank for b in doc.headings] == [0, 1]
    first, second = doc.tables
    assert texts(first) == [
        ["项目", "金额", "备注"],
        ["财政拨款", "100", ""],
        ["", "", ""],
        ["其他收入", "5", "一行空行不分表"],
    ]
    assert (first.caption, first.unit, first.index) == ("收入预算表", "万元", 0)
    assert (first.origin.table, first.origin.row, first.origin.col) == (0, 2, 1)
    assert texts(second) == [["支出", "金额"], ["基本支出", "80"]]
    assert (second.caption, second.index, second.rows[1][1].ref) == ("预算表", 1, "预算表!C10")
    assert doc.n_lines == 9


def test_sheets_in_workbook_order_hidden_ones_skipped(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "收入"
    ws.append(["项目", "金额"])
    ws.append(["财政拨款", 100])
    hidden = wb.create_sheet("代码表")
    hidden.append(["代码", "名称"])
    hidden.sheet_state = "hidden"
    ws = wb.create_sheet("支出")
    ws.append(["项目", "金额"])
    ws.append(["基本支出", 80])
    wb.save(tmp_path / "w.xlsx")
    doc = load_sheet(tmp_path / "w.xlsx")
    assert [(type(b).__name__, b.line) for b in doc.blocks] == [
        ("Heading", 1),
        ("Table", 2),
        ("Heading", 4),
        ("Table", 5),
    ]
    assert [h.title for h in doc.headings] == ["收入", "支出"]
    assert [(t.index, t.caption, t.rows[1][1].ref) for t in doc.tables] == [
        (0, "收入", "收入!B2"),
        (1, "支出", "支出!B2"),
    ]
    assert doc.n_lines == 6


# -- routing ---------------------------------------------------------------------------------
def test_routing_by_content_not_suffix(tmp_path):
    xlsx = perf_xlsx(tmp_path / "a.xlsx")
    renamed = tmp_path / "a.xls"
    renamed.write_bytes(xlsx.read_bytes())
    doc = load_document(renamed)
    assert doc.format == "xlsx" and doc.perf_tables[0].project == "网络安全检查工作"
    xls = perf_xls(tmp_path / "b.xls")
    renamed = tmp_path / "b.xlsx"
    renamed.write_bytes(xls.read_bytes())
    doc = load_document(renamed)
    assert doc.format == "xls" and doc.perf_tables[0].project == "网络安全检查工作"
    # a Word document named .xlsx is still read as Word
    word = perf_docx(tmp_path / "w.docx")
    renamed = tmp_path / "w.xlsx"
    renamed.write_bytes(word.read_bytes())
    assert load_document(renamed).format == "docx"


# -- the real review-checklist workbooks ----------------------------------------------------------
@pytest.mark.parametrize("prefix", ["006a_", "006b_"])
def test_real_review_checklists_load(prefix):
    found = sorted((REAL / "bin").glob(prefix + "*.xlsx")) if (REAL / "bin").is_dir() else []
    if not found:
        pytest.skip("real corpus not present")
    doc = load_document(found[0])
    assert doc.format == "xlsx"
    cells = [c.text for t in doc.tables for row in t.rows for c in row]
    assert any("预算编制说明" in t for t in cells)
    assert isinstance(doc.blocks[0], Heading) and doc.blocks[0].title.startswith("2026年")
    assert any(isinstance(b, Paragraph) and b.text.startswith(("部门名称", "单位名称")) for b in doc.blocks)


# -- hostile files -----------------------------------------------------------------------------
def _one_line_error(path, match):
    with pytest.raises(LoadError, match=match) as exc:
        load_document(path)
    assert "\n" not in str(exc.value)
    return str(exc.value)


def test_empty_xlsx(tmp_path):
    p = tmp_path / "empty.xlsx"
    p.write_bytes(b"")
    assert _one_line_error(p, "文件为空") == "不是有效的 .xlsx 文件：文件为空"


def test_truncated_xlsx(tmp_path):
    data = perf_xlsx(tmp_path / "good.xlsx").read_bytes()
    p = tmp_path / "cut.xlsx"
    p.write_bytes(data[: len(data) // 2])
    assert _one_line_error(p, "ZIP 结构损坏或文件不完整") == "不是有效的 .xlsx 文件：ZIP 结构损坏或文件不完整"


def test_zip_bomb_xlsx_is_refused_before_decompressing(tmp_path):
    p = tmp_path / "bomb.xlsx"
    size_mb = MAX_UNCOMPRESSED_BYTES // (1 << 20) + 100  # 300 MB of zeros, ~300 KB on disk
    with zipfile.ZipFile(p, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/workbook.xml", "<workbook/>")
        with zf.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as fh:
            chunk = bytes(1 << 20)
            for _ in range(size_mb):
                fh.write(chunk)
    assert p.stat().st_size < 5 * (1 << 20)
    start = time.monotonic()
    msg = _one_line_error(p, "压缩炸弹")
    assert time.monotonic() - start < 1.0
    assert msg == "解压后大小 300 MB 超过上限 200 MB（疑似压缩炸弹），拒绝读取"


def test_random_bytes_xls(tmp_path):
    p = tmp_path / "noise.xls"
    p.write_bytes(bytes((i * 7919 + 13) % 251 for i in range(4096)))
    assert _one_line_error(p, "不是有效的 .xls 文件") == (
        "不是有效的 .xls 文件：文件头既不是 ZIP（.xlsx）也不是 OLE（.xls）格式"
    )


def test_ole_file_that_is_not_a_workbook(tmp_path):
    # a real OLE container (written by xlwt) whose only stream is renamed: no Workbook in it
    data = bytearray(perf_xls(tmp_path / "a.xls").read_bytes())
    name = "Workbook".encode("utf-16-le")
    pos = data.index(name + b"\0\0")
    data[pos : pos + len(name)] = "Workbooq".encode("utf-16-le")
    p = tmp_path / "other.xls"
    p.write_bytes(bytes(data))
    _one_line_error(p, "不是有效的 .xls 文件")


def test_encrypted_workbook(tmp_path):
    # an Office 2007+ file with a password is an OLE container holding EncryptedPackage
    data = bytearray(perf_xls(tmp_path / "a.xls").read_bytes())
    old = "Workbook".encode("utf-16-le") + b"\0\0"
    new = "EncryptedPackage".encode("utf-16-le") + b"\0\0"
    pos = data.index(old)
    data[pos : pos + len(new)] = new
    data[pos + 64 : pos + 66] = len(new).to_bytes(2, "little")  # the entry's name length
    p = tmp_path / "secret.xlsx"
    p.write_bytes(bytes(data))
    assert _one_line_error(p, "已加密") == "工作簿已加密（受密码保护），请取消密码后再检查"


def test_a_used_range_past_the_cell_cap_is_refused(tmp_path, monkeypatch):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"], ws["J10"] = "左上", "右下"  # a 10 x 10 used range
    wb.save(tmp_path / "big.xlsx")
    monkeypatch.setattr(sheet_loader, "MAX_CELLS", 99)
    msg = _one_line_error(tmp_path / "big.xlsx", "数据区域过大")
    assert msg == "工作表「Sheet」的数据区域过大（10 行 × 10 列，全簿累计超过 99 个单元格），拒绝读取"
