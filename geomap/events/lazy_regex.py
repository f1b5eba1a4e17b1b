"""Vocabulary patterns compiled when first used, not when the vocabulary is loaded.

The compiled vocabulary is cached on disk with pickle, and a pickled ``re.Pattern`` is
compiled again when it is loaded: about 400 patterns cost most of a second of every cold
start, although a short run uses few of them.  :class:`LazyPattern` pickles as its source
and compiles on its first search.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any


class LazyPattern:
    """A regular expression compiled on first use; it answers what ``re.Pattern`` answers.

    Parameters
    ----------
    pattern : str
        The expression.
    flags : int
        ``re`` flags.
    compiled : re.Pattern, optional
        The pattern already compiled (when the vocabulary is built, to check it).
    """

    __slots__ = ("_compiled", "flags", "pattern")

    def __init__(self, pattern: str, flags: int = 0, compiled: re.Pattern[str] | None = None) -> None:
        self.pattern = pattern
        self.flags = flags
        self._compiled = compiled

    def compiled(self) -> re.Pattern[str]:
        """The compiled pattern (compiled now if it is not yet)."""
        if self._compiled is None:
            self._compiled = re.compile(self.pattern, self.flags)
        return self._compiled

    def search(self, string: str, *args: int) -> re.Match[str] | None:
        return (self._compiled or self.compiled()).search(string, *args)

    def match(self, string: str, *args: int) -> re.Match[str] | None:
        return (self._compiled or self.compiled()).match(string, *args)

    def fullmatch(self, string: str, *args: int) -> re.Match[str] | None:
        return (self._compiled or self.compiled()).fullmatch(string, *args)

    def finditer(self, string: str, *args: int) -> Iterator[re.Match[str]]:
        return (self._compiled or self.compiled()).finditer(string, *args)

    def findall(self, string: str, *args: int) -> list[Any]:
        return (self._compiled or self.compiled()).findall(string, *args)

    def sub(self, repl: Any, string: str, count: int = 0) -> str:
        return (self._compiled or self.compiled()).sub(repl, string, count)

    def __getstate__(self) -> tuple[str, int]:
        return self.pattern, self.flags

    def __setstate__(self, state: tuple[str, int]) -> None:
        self.pattern, self.flags = state
        self._compiled = None

    def __eq__(self, other: object) -> bool:
        return isinstance(other, LazyPattern) and (self.pattern, self.flags) == (other.pattern, other.flags)

    def __hash__(self) -> int:
        return hash((self.pattern, self.flags))

    def __repr__(self) -> str:
        return f"LazyPattern({self.pattern!r}, {self.flags!r})"
