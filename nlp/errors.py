"""Errors the nlp layer raises for input it cannot read."""


class LoadError(Exception):
    """A file could not be read.  The message is one line, for the user, in Chinese or
    English, and names the problem (not the path: the caller adds it)."""


def read_bytes(path, limit: int | None = None) -> bytes:
    """The file's bytes (at most ``limit``), with the operating system's refusals turned
    into one-line :class:`LoadError` messages every reader shares."""
    try:
        with open(path, "rb") as fh:
            return fh.read() if limit is None else fh.read(limit)
    except FileNotFoundError:
        raise LoadError("文件不存在") from None
    except IsADirectoryError:
        raise LoadError("是目录，不是文件") from None
    except PermissionError:
        raise LoadError("没有读取权限") from None
    except OSError as exc:
        raise LoadError(f"无法读取：{exc.strerror or exc}") from None
