"""Reading and understanding a report: file → one :class:`nlp.model.Document`."""

from __future__ import annotations

from pathlib import Path

from nlp.errors import LoadError
from nlp.model import Document

SUPPORTED_SUFFIXES = (".txt", ".docx")

_ZIP_MAGIC = b"PK\x03\x04"
_PDF_MAGIC = b"%PDF"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def load_document(path: str | Path) -> Document:
    """Load a report.  Raises :class:`LoadError` with a one-line reason when it cannot.

    The format is decided by the file's first bytes as well as its suffix, so a PDF
    renamed ``.docx`` is reported as what it is rather than crashing a parser.
    """
    p = Path(path)
    try:
        with open(p, "rb") as fh:
            head = fh.read(8)
    except IsADirectoryError:
        raise LoadError("是目录，不是文件") from None
    except FileNotFoundError:
        raise LoadError("文件不存在") from None
    except PermissionError:
        raise LoadError("没有读取权限") from None
    except OSError as exc:
        raise LoadError(f"无法读取：{exc.strerror or exc}") from None
    suffix = p.suffix.lower()
    if head.startswith(_PDF_MAGIC):
        raise LoadError("这是 PDF 文件，本版本尚不支持 PDF 输入")
    if head.startswith(_OLE_MAGIC) and suffix != ".docx":
        raise LoadError("这是旧版 Office 二进制文件（.doc/.xls），请另存为 .docx 后再检查")
    if suffix == ".docx" or head.startswith(_ZIP_MAGIC):
        from nlp.docx_loader import load_docx

        return load_docx(p)
    from nlp.txt_loader import load_txt

    return load_txt(p)
