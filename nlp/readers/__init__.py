"""Reading and understanding a report: file → one :class:`budgetlint.nlp.model.Document`."""

from __future__ import annotations

from pathlib import Path

from budgetlint.nlp.errors import LoadError, read_bytes
from budgetlint.nlp.model import Document

SUPPORTED_SUFFIXES = (".txt", ".docx", ".pdf", ".xlsx", ".xls")
_SHEET_SUFFIXES = (".xlsx", ".xls")

_ZIP_MAGIC = b"PK\x03\x04"
_PDF_MAGIC = b"%PDF"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def load_document(path: str | Path) -> Document:
    """Load a report.  Raises :class:`LoadError` with a one-line reason when it cannot.

    The format is decided by the file's first bytes as well as its suffix, so a PDF
    renamed ``.docx`` is reported as what it is rather than crashing a parser.
    """
    p = Path(path)
    head = read_bytes(p, 8)
    suffix = p.suffix.lower()
    if head.startswith(_PDF_MAGIC) or suffix == ".pdf":
        # by magic bytes whatever the suffix (a PDF renamed .docx); a ".pdf" without them
        # (empty, an HTML error page) gets the PDF loader's own one-line error
        from budgetlint.nlp.readers.pdf import load_pdf

        return load_pdf(p)
    # Spreadsheets, by content first: a ZIP holding xl/workbook.xml is an .xlsx and an OLE
    # file with a Workbook/Book stream an .xls, whatever the name.  A file named .xlsx/.xls
    # that is neither (empty, truncated, random bytes, a password-protected package) gets
    # the sheet loader's error, unless it is a Word document.  A password-protected package
    # under any other name stays the docx loader's business.
    container = head.startswith((b"PK", _OLE_MAGIC))
    if container or suffix in _SHEET_SUFFIXES:
        from budgetlint.nlp.readers.sheet import load_sheet, spreadsheet_kind

        kind = spreadsheet_kind(p) if container else None
        if kind in ("xlsx", "xls") or (suffix in _SHEET_SUFFIXES and not _is_word_zip(p, head)):
            return load_sheet(p)
        if head.startswith(_OLE_MAGIC) and suffix != ".docx":
            if kind == "encrypted":
                from budgetlint.nlp.readers.docx import load_docx

                return load_docx(p)
            raise LoadError("这是旧版 Office 二进制文件（.doc），请另存为 .docx 后再检查")
    if suffix == ".docx" or head.startswith(_ZIP_MAGIC):
        from budgetlint.nlp.readers.docx import load_docx

        return load_docx(p)
    from budgetlint.nlp.readers.txt import load_txt

    return load_txt(p)


def _is_word_zip(p: Path, head: bytes) -> bool:
    """A readable ZIP that holds word/document.xml (a .docx, whatever its name)."""
    if not head.startswith(b"PK"):
        return False
    import zipfile

    try:
        with zipfile.ZipFile(p) as zf:
            return "word/document.xml" in zf.namelist()
    except Exception:
        return False
