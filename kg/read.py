"""Read stage: files and folders -> :class:`~kg.types.Article` objects.

``.txt``/``.md`` files are one article each (id = file stem); ``.jsonl`` files hold one article
per line with ``id``, ``text`` and optional ``title``, ``date``, ``url``. Folders are read
recursively in sorted order. A publication date written in the article (a ``date 2020-03-02``
line, or a dated header line such as ``| 3 March 2024, Sunday |``) becomes its date.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from kg.errors import (BAD_JSONL, BINARY_FILE, EMPTY_FILE, NO_SUCH_PATH, NOT_UTF8,
                       UNSUPPORTED_SUFFIX, InputError)
from kg.types import Article

TEXT_SUFFIXES = frozenset({".txt", ".md"})
SUFFIXES = TEXT_SUFFIXES | {".jsonl"}

# "date 2020-03-02", "Date: 2020-03-02", "Published: 5 March 2020" at the start of a line
_DATE_LINE = re.compile(r"^\s*(?:date|published|updated)\s*:?\s*(?P<date>[^\n|]{6,40}?)\s*(?=$|\s[A-Z])",
                        re.IGNORECASE | re.MULTILINE)
# a short header line that is mostly a date: "| 3 March 2024, Sunday |", "March 2, 2020"
_MONTHS = ("january|february|march|april|may|june|july|august|september|october|november|"
           "december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec")
_HEADER_DATE = re.compile(
    rf"\b(?:\d{{1,2}}\s+(?:{_MONTHS})\.?,?\s+\d{{4}}|(?:{_MONTHS})\.?\s+\d{{1,2}},?\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}})\b",
    re.IGNORECASE)
_HEADER_LINES = 4
_NOT_ARTICLES = frozenset({"README", "LICENSE", "LICENCE", "CHANGELOG", "NOTICE", "COPYING"})  # a dated header is one of the first few non-empty lines


def read_articles(paths: Iterable[str | Path], *,
                  on_error: Callable[[InputError], None] | None = None) -> Iterator[Article]:
    """Yield every article under ``paths`` (files or folders).

    A bad file raises :class:`~kg.errors.InputError`, or, when ``on_error`` is given, is passed
    to it and skipped so the other files are still read. A missing path always raises.

    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp()); _ = (d / "a1.txt").write_text("date 2020-03-02 Putin met Erdoğan.")
    >>> [(a.id, a.date) for a in read_articles([d])]
    [('a1', '2020-03-02')]
    """
    for path in map(Path, paths):
        if not path.exists():
            raise InputError(path, NO_SUCH_PATH)
        files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES
                       and not _is_project_file(p.relative_to(path))) \
            if path.is_dir() else [path]
        for file in files:
            try:
                yield from read_file(file, on_error=on_error)
            except InputError as err:
                if on_error is None:
                    raise
                on_error(err)


def _is_project_file(relative: Path) -> bool:
    """README/LICENSE-style files and hidden folders in a corpus folder are not articles."""
    return relative.stem.upper() in _NOT_ARTICLES or any(part.startswith(".") for part in relative.parts)


def read_file(path: Path, *, on_error: Callable[[InputError], None] | None = None
              ) -> Iterator[Article]:
    """Articles in one file; raises :class:`InputError` naming the file and the reason.

    In a JSONL file a bad line is passed to ``on_error`` (when given) and the other lines
    are still read.
    """
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise InputError(path, UNSUPPORTED_SUFFIX.format(suffix=suffix or "(none)"))
    text = decode(path, path.read_bytes())
    if suffix == ".jsonl":
        yield from _read_jsonl(path, text, on_error)
        return
    date, masked = find_date(text)
    yield Article(id=path.stem, text=text, title=_first_line(text), date=date,
                  source=str(path), masked=masked)


def decode(path: Path, data: bytes) -> str:
    """UTF-8 text of a file, or an :class:`InputError` saying why it isn't an article."""
    if b"\x00" in data:
        raise InputError(path, BINARY_FILE)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise InputError(path, NOT_UTF8.format(offset=err.start)) from None
    if not text.strip():
        raise InputError(path, EMPTY_FILE)
    return text


def _read_jsonl(path: Path, text: str, on_error) -> Iterator[Article]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = _jsonl_record(path, number, line)
        except InputError as err:
            if on_error is None:
                raise
            on_error(err)
            continue
        article_id = str(record.get("id") or f"{path.stem}-{number}")
        date, masked = find_date(record["text"])
        if record.get("date"):
            date = normalize_date(str(record["date"]))
        yield Article(id=article_id, text=record["text"], title=record.get("title"),
                      date=date, url=record.get("url"), source=str(path), masked=masked)


def _jsonl_record(path: Path, number: int, line: str) -> dict:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as err:
        raise InputError(path, BAD_JSONL.format(line=number, reason=f"invalid JSON ({err.msg})")) from None
    if not isinstance(record, dict) or not isinstance(record.get("text"), str) \
            or not record["text"].strip():
        raise InputError(path, BAD_JSONL.format(line=number, reason="needs a non-empty 'text'"))
    return record


def _first_line(text: str) -> str | None:
    """The title: the first line that is more than a date or a ``date …`` marker."""
    for line in text.splitlines():
        line = _DATE_LINE.sub("", line).strip(" |#\t")
        rest = _HEADER_DATE.sub("", line)
        if len(re.findall(r"\w+", rest)) >= 2:  # "3 March 2024, Sunday" is a date, not a title
            return line[:200]
    return None


def find_date(text: str) -> tuple[str | None, tuple[tuple[int, int], ...]]:
    """Publication date written in an article's header, as ISO ``YYYY-MM-DD``, and the span
    of a ``date …`` marker to hide from the parser.

    >>> find_date("| 3 March 2024, Sunday |\\n\\nErdogan and Putin ...")
    ('2024-03-03', ())
    >>> find_date(" date 2020-03-02 Turkish President ...")
    ('2020-03-02', ((1, 16),))
    >>> find_date("Putin met Erdoğan in 2019.")
    (None, ())
    """
    match = _DATE_LINE.search(text[:2000])
    if match and (date := normalize_date(match.group("date"))):
        return date, ((match.start() + len(match.group(0)) - len(match.group(0).lstrip()),
                       match.end()),)
    header = [line for line in text.splitlines() if line.strip()][:_HEADER_LINES]
    for line in header:
        # a header line, not a sentence that happens to name a date
        if len(line) <= 60 and (match := _HEADER_DATE.search(line)):
            if date := normalize_date(match.group(0)):
                return date, ()
    return None, ()


def normalize_date(text: str) -> str | None:
    """ISO date for a written date, or None when it isn't a full date.

    >>> normalize_date("3 March 2024")
    '2024-03-03'
    """
    import dateparser  # slow to import; only needed when a date is present

    parsed = dateparser.parse(text.strip(), languages=["en"],
                              settings={"STRICT_PARSING": True, "PREFER_DATES_FROM": "past"})
    return parsed.date().isoformat() if parsed else None
