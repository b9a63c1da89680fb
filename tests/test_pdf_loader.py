"""Tests for budgetlint.nlp.readers.pdf: the real PDFs, their text twins, and hostile files.

The real PDFs are read from ../shared/corpus/real/bin (never copied into the repository);
those tests skip when the folder is absent.  Hostile files are built in tmp_path: with
pypdfium2 (a page with an image and no text), or by hand (a password-protected PDF: PDFium
cannot save with encryption and neither pikepdf nor pypdf is a dependency, so the standard
security handler's RC4 revision 2 is written out below).
"""

from __future__ import annotations

import hashlib
import io
import re
from collections import Counter
from pathlib import Path

import pytest
from paths import REAL

from budgetlint.nlp import readers
from budgetlint.nlp.errors import LoadError
from budgetlint.nlp.model import Paragraph, Table
from budgetlint.nlp.readers.pdf import (
    MSG_ENCRYPTED,
    MSG_NO_TEXT,
    MSG_UNMAPPED,
    load_pdf,
    render_pdf,
)

BIN = REAL / "bin"


def _real_pdfs() -> list[Path]:
    return sorted(BIN.glob("*.pdf")) if BIN.is_dir() else []


def _real(prefix: str) -> Path:
    if not BIN.is_dir():
        pytest.skip("real corpus not available")
    hits = sorted(BIN.glob(f"{prefix}_*.pdf"))
    if not hits:
        pytest.skip(f"real PDF {prefix} not available")
    return hits[0]


def _twin(prefix: str) -> Path:
    hits = sorted(REAL.glob(f"{prefix}_*.txt"))
    if not hits:
        pytest.skip(f"text twin of {prefix} not available")
    return hits[0]


# ---------------------------------------------------------------------------------------
# hand-built PDFs


def _pdf(objects: list[bytes], trailer: bytes = b"") -> bytes:
    """A PDF whose objects 1..n are ``objects`` (1 is the catalog), with a valid xref."""
    out = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"
    offsets = []
    for num, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % num + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, trailer, xref)
    return out


def _stream(data: bytes) -> bytes:
    return b"<< /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"


def _text_pdf(content: bytes, font: bytes, extra: list[bytes] = ()) -> bytes:
    return _pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
            b" /Resources << /Font << /F1 5 0 R >> >> >>",
            _stream(content),
            font,
            *extra,
        ]
    )


_PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")


def _rc4(key: bytes, data: bytes) -> bytes:
    s = list(range(256))
    j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) % 256
        s[i], s[j] = s[j], s[i]
    i = j = 0
    out = bytearray()
    for b in data:
        i = (i + 1) % 256
        j = (j + s[i]) % 256
        s[i], s[j] = s[j], s[i]
        out.append(b ^ s[(s[i] + s[j]) % 256])
    return bytes(out)


def _encrypted_pdf(user: bytes = b"secret", owner: bytes = b"owner") -> bytes:
    """A one-page PDF encrypted with the standard security handler (V1/R2, 40-bit RC4,
    PDF 1.7 algorithms 2–4): opening it needs the user password."""
    file_id = hashlib.md5(b"budgetlint").digest()
    perms = -44
    o_value = _rc4(hashlib.md5((owner + _PAD)[:32]).digest()[:5], (user + _PAD)[:32])
    key = hashlib.md5((user + _PAD)[:32] + o_value + perms.to_bytes(4, "little", signed=True) + file_id).digest()[:5]
    u_value = _rc4(key, _PAD)
    object_key = hashlib.md5(key + (4).to_bytes(3, "little") + b"\0\0").digest()[:10]
    content = _rc4(object_key, b"BT /F1 24 Tf 72 700 Td (Hello budget) Tj ET")
    encrypt = (
        b"<< /Filter /Standard /V 1 /R 2 /O <"
        + o_value.hex().encode()
        + b"> /U <"
        + u_value.hex().encode()
        + b"> /P %d >>" % perms
    )
    return _pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
            b" /Resources << /Font << /F1 5 0 R >> >> >>",
            _stream(content),
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            encrypt,
        ],
        trailer=b"/Encrypt 6 0 R /ID [<%s> <%s>] " % (file_id.hex().encode(), file_id.hex().encode()),
    )


def _image_only_pdf(pages: int = 1) -> bytes:
    """What a scanner produces: pages holding an image and no text."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument.new()
    for _ in range(pages):
        page = pdf.new_page(595, 842)
        bitmap = pdfium.PdfBitmap.new_native(200, 100, pdfium.raw.FPDFBitmap_BGR)
        bitmap.fill_rect((40, 40, 40, 255), 20, 20, 120, 30)
        image = pdfium.PdfImage.new(pdf)
        image.set_bitmap(bitmap)
        image.set_matrix(pdfium.PdfMatrix().scale(400, 200).translate(90, 500))
        page.insert_obj(image)
        page.gen_content()
    buf = io.BytesIO()
    pdf.save(buf)
    return buf.getvalue()


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    p = tmp_path / name
    p.write_bytes(data)
    return p


def _error(path: Path) -> str:
    with pytest.raises(LoadError) as info:
        readers.load_document(path)
    msg = str(info.value)
    assert msg and "\n" not in msg
    return msg


# ---------------------------------------------------------------------------------------
# minimal documents


def test_simple_pdf_loads_with_pages_and_rendering(tmp_path):
    data = _text_pdf(
        b"BT /F1 12 Tf 72 700 Td (Budget report 2026) Tj 0 -20 Td (Second line) Tj ET",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    )
    doc = load_pdf(_write(tmp_path, "a.pdf", data))
    assert doc.format == "pdf"
    assert doc.rendering.split("\n") == ["Budget report 2026", "Second line"]
    assert [b.origin.page for b in doc.blocks] == [1] * len(doc.blocks)
    assert doc.blocks[0].line == 1


def test_pdf_renamed_docx_is_routed_by_magic_bytes(tmp_path):
    data = _text_pdf(b"BT /F1 12 Tf 72 700 Td (Hello) Tj ET", b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    doc = readers.load_document(_write(tmp_path, "report.docx", data))
    assert doc.format == "pdf" and doc.rendering == "Hello"


def test_pdf_suffix_is_supported():
    assert ".pdf" in readers.SUPPORTED_SUFFIXES


# ---------------------------------------------------------------------------------------
# hostile files


def test_empty_file_named_pdf(tmp_path):
    assert _error(_write(tmp_path, "empty.pdf", b"")) == "文件为空"


def test_not_a_pdf_named_pdf(tmp_path):
    msg = _error(_write(tmp_path, "page.pdf", "<html>404 页面不存在</html>".encode()))
    assert "不是 PDF" in msg


def test_truncated_pdf(tmp_path):
    data = _real("005").read_bytes()
    msg = _error(_write(tmp_path, "cut.pdf", data[: int(len(data) * 0.3)]))
    assert msg.startswith("PDF 文件损坏或不完整：")


def test_pdf_cut_just_before_its_end_is_reported_truncated(tmp_path):
    data = _text_pdf(b"BT /F1 12 Tf 72 700 Td (Hello) Tj ET", b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    msg = _error(_write(tmp_path, "cut.pdf", data[:-8]))
    assert msg.startswith("PDF 文件损坏或不完整：") and "截断" in msg


def test_garbage_after_header(tmp_path):
    msg = _error(_write(tmp_path, "bad.pdf", b"%PDF-1.7\n" + bytes(range(256)) * 40))
    assert msg.startswith("PDF 文件损坏或不完整：")


def test_password_protected_pdf(tmp_path):
    import pypdfium2 as pdfium

    data = _encrypted_pdf()
    # the file is a real encrypted PDF: the right password opens it
    assert "Hello budget" in pdfium.PdfDocument(data, password="secret")[0].get_textpage().get_text_range()
    assert _error(_write(tmp_path, "locked.pdf", data)) == MSG_ENCRYPTED


def test_owner_password_only_pdf_is_read(tmp_path):
    # restrictions without a user password (printing, copying): opens like any other PDF
    doc = readers.load_document(_write(tmp_path, "restricted.pdf", _encrypted_pdf(user=b"")))
    assert doc.rendering == "Hello budget"


def test_a_page_that_fails_does_not_lose_the_others(tmp_path, monkeypatch):
    import pypdfium2 as pdfium

    from budgetlint.nlp.readers import pdf as pdf_loader

    one = _text_pdf(
        b"BT /F1 12 Tf 72 700 Td (Page text) Tj ET", b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
    )
    pdf = pdfium.PdfDocument(one)
    pdf.import_pages(pdfium.PdfDocument(one))
    pdf.import_pages(pdfium.PdfDocument(one))
    buf = io.BytesIO()
    pdf.save(buf)
    path = _write(tmp_path, "three.pdf", buf.getvalue())
    real_page = pdf_loader._Reader.page

    def flaky(self, index):
        if index == 1:
            raise RuntimeError("broken page")
        return real_page(self, index)

    monkeypatch.setattr(pdf_loader._Reader, "page", flaky)
    doc = load_pdf(path)
    assert doc.rendering == "Page text\n\f\n\fPage text"
    assert [b.origin.page for b in doc.blocks] == [1, 3]
    monkeypatch.setattr(pdf_loader._Reader, "page", lambda self, index: None)
    with pytest.raises(LoadError, match="都无法读取"):
        load_pdf(path)


def test_image_only_pdf_is_reported_as_scanned(tmp_path):
    assert _error(_write(tmp_path, "scan.pdf", _image_only_pdf())) == MSG_NO_TEXT


def test_mostly_scanned_pdf(tmp_path):
    import pypdfium2 as pdfium

    scan = pdfium.PdfDocument(_image_only_pdf(pages=9))
    text = pdfium.PdfDocument(
        _text_pdf(
            b"BT /F1 12 Tf 72 700 Td (Cover page) Tj ET", b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
        )
    )
    scan.import_pages(text, index=0)
    buf = io.BytesIO()
    scan.save(buf)
    msg = _error(_write(tmp_path, "mostly.pdf", buf.getvalue()))
    assert "1/10" in msg and "扫描件" in msg


def test_unmapped_glyphs(tmp_path):
    # a ToUnicode map that sends every glyph to private-use code points or U+FFFD
    cmap = (
        b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /X def\n"
        b"1 begincodespacerange <00> <FF> endcodespacerange\n"
        b"3 beginbfchar <41> <E001> <42> <E002> <43> <FFFD> endbfchar\n"
        b"endcmap CMapName currentdict /CMap defineresource pop end end"
    )
    data = _text_pdf(
        b"BT /F1 24 Tf 72 700 Td (ABCABCABC) Tj ET",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 6 0 R >>",
        [_stream(cmap)],
    )
    assert _error(_write(tmp_path, "pua.pdf", data)) == MSG_UNMAPPED


def test_glyph_names_without_unicode(tmp_path):
    # glyphs named g1, g2, g3 and no ToUnicode: PDFium flags a mapping error on each
    data = _text_pdf(
        b"BT /F1 24 Tf 72 700 Td (ABCABCABCABCABCABCABC) Tj ET",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Foo /Encoding << /Differences [65 /g1 /g2 /g3] >> >>",
    )
    assert _error(_write(tmp_path, "names.pdf", data)) == MSG_UNMAPPED


def test_batch_goes_on_after_hostile_files(tmp_path):
    from budgetlint.config import Config
    from budgetlint.runner import lint_file, selected_rules

    cfg = Config()
    rules = selected_rules(cfg)
    good = _write(
        tmp_path,
        "good.pdf",
        _text_pdf(b"BT /F1 12 Tf 72 700 Td (Hello) Tj ET", b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"),
    )
    files = [
        _write(tmp_path, "empty.pdf", b""),
        _write(tmp_path, "locked.pdf", _encrypted_pdf()),
        _write(tmp_path, "scan.docx", _image_only_pdf()),
        good,
    ]
    results = [lint_file(str(p), rules, cfg) for p in files]
    assert [bool(r.error) for r in results] == [True, True, True, False]
    assert not any(r.internal for r in results)


# ---------------------------------------------------------------------------------------
# line building


def test_columns_numbers_and_units(tmp_path):
    """Two spaces between table cells, none inside a number or before its unit, none
    between CJK characters."""
    content = (
        b"BT /F1 10 Tf 72 700 Td (204) Tj 40 0 Td (06) Tj 30 0 Td (14,348,853.34) Tj"
        b" 100 0 Td (1,744,680) Tj ET"
        b" BT /F1 10 Tf 72 650 Td (12.5) Tj 21.5 0 Td (%) Tj ET"
    )
    doc = load_pdf(
        _write(tmp_path, "t.pdf", _text_pdf(content, b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"))
    )
    assert doc.rendering.split("\n") == ["204  06  14,348,853.34  1,744,680", "12.5%"]


def test_rotated_page_reads_left_to_right(tmp_path):
    """Text set along the page's y axis on a page with /Rotate 90 (a table exported
    sideways) comes out as ordinary lines."""
    content = b"BT /F1 12 Tf 0 1 -1 0 100 100 Tm (First row) Tj ET BT /F1 12 Tf 0 1 -1 0 120 100 Tm (Second row) Tj ET"
    data = _pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Rotate 90 /Contents 4 0 R"
            b" /Resources << /Font << /F1 5 0 R >> >> >>",
            _stream(content),
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ]
    )
    doc = load_pdf(_write(tmp_path, "r.pdf", data))
    assert doc.rendering.split("\n") == ["First row", "Second row"]


# ---------------------------------------------------------------------------------------
# the real corpus


@pytest.mark.parametrize("path", _real_pdfs(), ids=lambda p: p.name[:4])
def test_every_real_pdf_loads(path):
    doc = readers.load_document(path)
    assert doc.format == "pdf"
    assert doc.blocks and doc.paragraphs
    pages = [b.origin.page for b in doc.blocks]
    assert all(p is not None and p >= 1 for p in pages)
    assert pages == sorted(pages)
    n_pages = doc.rendering.count("\f") + 1
    assert max(pages) <= n_pages and max(pages) > 1
    lines = doc.rendering.split("\n")
    assert all(1 <= b.line <= b.end_line <= len(lines) for b in doc.blocks)


def test_page_numbers_and_lines_point_into_the_rendering():
    doc = load_pdf(_real("005"))
    lines = doc.rendering.split("\n")
    # a page starts with a form feed at the start of its first line
    page_of = [1 + sum(ln.count("\f") for ln in lines[: k + 1]) for k in range(len(lines))]
    checked = 0
    for b in doc.blocks:
        if isinstance(b, Paragraph):
            assert b.text[:6].replace(" ", "") in lines[b.line - 1].replace(" ", ""), b.line
            assert b.origin.page == page_of[b.line - 1]
            checked += 1
        elif isinstance(b, Table):
            assert b.origin.page == page_of[b.line - 1]
    assert checked > 20


def test_005_paragraph_joined_across_the_wrap():
    doc = load_pdf(_real("005"))
    want = "2025年当年预算执行数为1690.69万元，2026年预算安排1434.89万元，比2025年预算执行数减少1.10%"
    hits = [p for p in doc.paragraphs if want in p.text]
    assert len(hits) == 1
    para = hits[0]
    assert para.end_line == para.line + 1  # wrapped in the PDF, one paragraph here
    assert para.origin.page >= 2


def test_005_income_table_rows():
    doc = load_pdf(_real("005"))
    tables = [t for t in doc.tables if "收入预算总表" in t.caption]
    assert tables, [t.caption for t in doc.tables]
    rows = [[c.text for c in r] for r in tables[0].rows]
    assert any(r[:5] == ["204", "06", "01", "行政运行", "14,348,853.34"] for r in rows), rows


def test_clipped_text_is_not_read_twice():
    """007 cuts one long sheet into pages by clipping: the lines below a page's window
    are in its content too and show on the next page.  Each 主要职能 item is read once."""
    doc = load_pdf(_real("007"))
    hits = [ln for ln in doc.rendering.split("\n") if ln.startswith("13、完成区委、区政府交办的其他任务")]
    assert len(hits) == 1


def test_sideways_table_pdf_038b():
    doc = load_pdf(_real("038b"))
    lines = doc.rendering.split("\n")
    assert "部门：中共江苏省委办公厅  单位：万元" in lines
    assert any(ln.startswith("一、财政拨款  27,664.22  一、一般公共服务支出  22,395.50") for ln in lines)


def _norm(msg: str) -> str:
    """A finding's message without its line references."""
    return re.sub(r"第\s*\d+\s*(?:[-–~至]\s*\d+\s*)?行", "第N行", msg)


@pytest.mark.parametrize("prefix", ["004", "005"])
def test_findings_match_the_text_twin(prefix):
    """Linting the PDF finds what linting its text twin finds (NUM001, NUM002, TAB001)."""
    from budgetlint.config import Config
    from budgetlint.runner import lint_file, selected_rules

    pdf, twin = _real(prefix), _twin(prefix)
    cfg = Config()
    rules = selected_rules(cfg)

    def found(path: Path) -> Counter:
        res = lint_file(str(path), rules, cfg)
        assert res.error is None and not res.rule_errors, (res.error, res.rule_errors)
        return Counter((f.rule, _norm(f.message)) for f in res.findings if f.rule in ("NUM001", "NUM002", "TAB001"))

    from_pdf, from_txt = found(pdf), found(twin)
    assert from_txt, "the twin should have findings of these rules"
    assert from_pdf == from_txt, (from_pdf - from_txt, from_txt - from_pdf)


def test_findings_carry_pdf_pages():
    from budgetlint.config import Config
    from budgetlint.runner import lint_file, selected_rules

    cfg = Config()
    res = lint_file(str(_real("005")), selected_rules(cfg), cfg)
    doc = load_pdf(_real("005"))
    lines = doc.rendering.split("\n")
    assert res.findings
    for f in res.findings:
        assert 1 <= f.line <= len(lines)


def test_render_speed():
    """A 30-page report renders well within the budget (1 s with parsing)."""
    import time

    path = _real("002")
    data = path.read_bytes()
    render_pdf(data)  # warm up (imports)
    t0 = time.perf_counter()
    load_pdf(path)
    assert time.perf_counter() - t0 < 2.0
