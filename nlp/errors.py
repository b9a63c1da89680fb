"""Errors the nlp layer raises for input it cannot read."""


class LoadError(Exception):
    """A file could not be read.  The message is one line, for the user, in Chinese or
    English, and names the problem (not the path: the caller adds it)."""
