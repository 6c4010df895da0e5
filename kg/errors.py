"""kg's exceptions and their one-line message templates.

Every error a user can see is ``KgError``; ``InputError`` is a bad input file (or one line of
a JSONL file) whose ``str()`` is ``PATH[:LINE]: reason``. An ``InputError`` with
``warning=True`` was repaired (the article is kept, changed as the reason says); without it
the file or line was skipped. :func:`summarize` counts them by kind for the build's last line.

>>> str(InputError("seeds/x.txt", EMPTY_FILE))
'seeds/x.txt: empty file'
>>> str(InputError("feed.jsonl", "invalid JSON (Expecting value)", line=3))
'feed.jsonl:3: invalid JSON (Expecting value)'
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

EMPTY_FILE = "empty file"
BINARY_FILE = "binary file (contains NUL bytes)"
NOT_UTF8 = "not UTF-8 (byte {offset})"
NO_SUCH_PATH = "no such file or directory"
UNSUPPORTED_SUFFIX = "unsupported file type '{suffix}' (expected .txt, .md or .jsonl)"
BAD_JSONL = "{reason}"  # kept for callers; the line number is InputError.line
NOT_REGULAR = "not a regular file ({kind}); skipped"
UNREADABLE = "cannot read ({reason})"
SYMLINK_LOOP = "symbolic link loop"
OUTPUT_FOLDER = "a kg output folder (a built graph), not articles"
BAD_ID = "'id' must be a string or an integer (got {type})"
UNSAFE_ID = "id {original!r} changed to {safe!r} (safe in IRIs and TSV; the original is kept as 'original_id')"
BAD_URL = "'url' {reason}; dropped"
DUPLICATE_ID = "id {id!r} is already used by {other}; kept apart as {new!r}"
DUPLICATE_TEXT = "same text as {other} (id {id!r}); counted once"
SURROGATES = "lone surrogate characters replaced by U+FFFD"
NO_GRAPH = "no graph.json here (run 'kg build' first)"
UNKNOWN_EXTRACTOR = "unknown extractor '{name}'; available: {available}"
UNKNOWN_FORMAT = "unknown format '{name}'; available: {available}"
BAD_QUERY = "SPARQL error: {reason}"
NO_ARTICLES = "no articles found"
NOTHING_TO_SAVE = "no articles could be read; nothing written"
NO_FACTS_FILE = "{out}: saved without facts.jsonl, so it can't grow; rebuild it with 'kg build'"
NO_ENTITY = "no entity named '{name}'{kind}"
NO_RELATION = "no fact has the relation '{relation}'"
BAD_DATE = "{name}: can't read '{value}' as a date (try 2019, '2019-03', '2019-03-05' or 'March 2019')"


def shown_path(path: object) -> str:
    r"""A path as one printable line: bytes that are not UTF-8 as ``\xNN``, control characters
    (a newline in a file name) escaped. Messages and outputs (an article's ``source``) use it.

    >>> shown_path("a\nb.txt"), shown_path(b"caf\xe9.txt".decode("utf-8", "surrogateescape"))
    ('a\\nb.txt', 'caf\\xe9.txt')
    """
    text = str(path)
    try:
        raw = text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a lone surrogate that no file name byte made
        raw = text.encode("utf-8", "backslashreplace")
    text = raw.decode("utf-8", "backslashreplace")
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


class KgError(Exception):
    """Root of every error kg raises on purpose."""


class InputError(KgError):
    """A bad input file, path or JSONL line; ``str()`` is ``PATH[:LINE]: reason``.

    ``kind`` names the reason without its details (for counts); ``warning`` marks a repair.
    """

    def __init__(self, path: object, reason: str, *, line: int | None = None,
                 kind: str | None = None, warning: bool = False):
        self.path = shown_path(path)
        self.reason = " ".join(str(reason).split())  # one line, whatever the reason holds
        self.line = line
        self.kind = kind or _kind(self.reason)
        self.warning = warning
        where = f"{self.path}:{line}" if line else self.path
        super().__init__(f"{where}: {self.reason}")


def _kind(reason: str) -> str:
    """``"not UTF-8 (byte 3)"`` -> ``"not UTF-8"``: the reason without details."""
    return re.sub(r"\s*\(.*\)|\s*'[^']*'|;.*$", "", reason).strip() or reason


def summarize(problems: Iterable[InputError]) -> str:
    """``"3 skipped: 2 not UTF-8, 1 empty file; 1 repaired: ..."`` (most frequent first).

    >>> summarize([InputError("a", EMPTY_FILE), InputError("b", "not UTF-8 (byte 1)"),
    ...            InputError("c", EMPTY_FILE)])
    '3 skipped: 2 empty file, 1 not UTF-8'
    """
    problems, parts = list(problems), []
    for label, warning in (("skipped", False), ("repaired", True)):
        counts = Counter(p.kind for p in problems if p.warning == warning)
        if counts:
            parts.append(f"{sum(counts.values())} {label}: "
                         + ", ".join(f"{n} {kind}" for kind, n in counts.most_common()))
    return "; ".join(parts)


class QueryError(KgError):
    """A SPARQL query that does not parse or cannot run."""
