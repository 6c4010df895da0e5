"""kg's exceptions and their one-line message templates.

Every error a user can see is ``KgError``; ``InputError`` is a bad input file whose
``str()`` is ``PATH: reason``.

>>> str(InputError("seeds/x.txt", EMPTY_FILE))
'seeds/x.txt: empty file'
"""

from __future__ import annotations

EMPTY_FILE = "empty file"
BINARY_FILE = "binary file (contains NUL bytes)"
NOT_UTF8 = "not UTF-8 (byte {offset})"
NO_SUCH_PATH = "no such file or directory"
UNSUPPORTED_SUFFIX = "unsupported file type '{suffix}' (expected .txt, .md or .jsonl)"
BAD_JSONL = "line {line}: {reason}"
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


class KgError(Exception):
    """Root of every error kg raises on purpose."""


class InputError(KgError):
    """A bad input file or path; ``str()`` is ``PATH: reason``."""

    def __init__(self, path: object, reason: str):
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class QueryError(KgError):
    """A SPARQL query that does not parse or cannot run."""
