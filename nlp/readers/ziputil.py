"""Checks shared by the readers of zip-based Office files (.docx, .xlsx).

The zip's central directory is read before any XML parser touches the file, so a zip
bomb (a small file that declares gigabytes), an encrypted package or a truncated archive
gives a one-line error in milliseconds.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from budgetlint.nlp.errors import LoadError

MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024  # declared total of all zip members
MAX_MEMBERS = 10_000


def checked_members(path: Path, kind: str, encrypted: str) -> set[str]:
    """The member names of a zip-based Office file, after refusing broken, oversized
    and encrypted archives.  ``kind`` names the expected format in messages (".docx");
    ``encrypted`` is the message for an encrypted package."""
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except zipfile.BadZipFile:
        raise LoadError(f"不是有效的 {kind} 文件：ZIP 结构损坏或文件不完整") from None
    except (OSError, ValueError, NotImplementedError, EOFError) as exc:
        raise LoadError(f"不是有效的 {kind} 文件：{exc}") from None
    if len(infos) > MAX_MEMBERS:
        raise LoadError(f"不是有效的 {kind} 文件：压缩包内文件过多（{len(infos)} 个）")
    total = sum(max(i.file_size, 0) for i in infos)
    if total > MAX_UNCOMPRESSED_BYTES:
        raise LoadError(
            f"解压后大小 {total / 1048576:.0f} MB 超过上限 "
            f"{MAX_UNCOMPRESSED_BYTES / 1048576:.0f} MB（疑似压缩炸弹），拒绝读取"
        )
    if any(i.flag_bits & 0x1 for i in infos):
        raise LoadError(encrypted)
    return {i.filename for i in infos}
