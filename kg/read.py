"""Read stage: files and folders -> :class:`~kg.types.Article` objects.

``.txt``/``.md`` files are one article each (id = file stem); ``.jsonl`` files hold one article
per line (lines end at ``\n`` only) with ``id``, ``text`` and optional ``title``, ``date``,
``url``. Folders are read recursively in sorted order. A publication date written in the
article (a ``date 2020-03-02`` line, or a dated header line such as ``| 3 March 2024, Sunday |``)
becomes its date.

Bad input never stops a read: each problem is an :class:`~kg.errors.InputError` passed to
``on_error`` (``PATH[:LINE]: reason``) and the file or line is skipped, or repaired and kept
(``warning=True``). Skipped: missing paths, symlink loops, FIFOs/devices/sockets, unreadable
files, binary or non-UTF-8/16 files, empty files, bad JSONL lines. Reported and not read: files
of other types (``.csv``, ``.html``, ...). Repaired: ids, urls, text (see :mod:`kg.hygiene`),
duplicates. Never read: hidden files and folders, README/LICENSE-style files, and kg output
folders (a folder holding a ``.kg`` build state), so OUT inside an input folder is not read.
UTF-16/32 files with a BOM, and UTF-16 without one, are decoded.
"""

from __future__ import annotations

import codecs
import errno
import json
import os
import re
import stat
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from kg.errors import (BAD_ID, BINARY_FILE, EMPTY_FILE, NO_SUCH_PATH, NOT_REGULAR, NOT_UTF8,
                       OUTPUT_FOLDER, SURROGATES, SYMLINK_LOOP, UNREADABLE, UNSUPPORTED_SUFFIX,
                       InputError, shown_path)
from kg.hygiene import _SURROGATE, digest, has_text, tidy
from kg.types import Article

TEXT_SUFFIXES = frozenset({".txt", ".md"})
SUFFIXES = TEXT_SUFFIXES | {".jsonl"}
OUTPUT_MARKER = ".kg"  # kg.export.commit.STATE: a folder holding it is a built graph

# "date 2020-03-02", "Date: 2020-03-02", "Published: 5 March 2020" at the start of a line
_DATE_LINE = re.compile(r"^\s*(?:date|published|updated)\s*:?\s*(?P<date>[^\n|]{6,40}?)\s*(?=$|\s[A-Z])",
                        re.IGNORECASE | re.MULTILINE)
# a short header line that is mostly a date: "| 3 March 2024, Sunday |", "March 2, 2020"
_MONTHS = ("january|february|march|april|may|june|july|august|september|october|november|"
           "december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec")
_HEADER_DATE = re.compile(
    rf"\b(?:\d{{1,2}}\s+(?:{_MONTHS})\.?,?\s+\d{{4}}|(?:{_MONTHS})\.?\s+\d{{1,2}},?\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}})\b",
    re.IGNORECASE)
_HEADER_LINES = 4  # a dated header is one of the first few non-empty lines
_NOT_ARTICLES = frozenset({"README", "LICENSE", "LICENCE", "CHANGELOG", "NOTICE", "COPYING"})
# a scraped page's navigation lines, never its title
_BOILERPLATE = re.compile(
    r"(?:accessibility links|skip to (?:main )?(?:content|navigation)|skip navigation|jump to"
    r"(?: navigation| content)?|main menu|menu|navigation|home(?:page)?|cookies?(?: policy| settings)?"
    r"|sign in|log in|register|subscribe|advertisement|share(?: this(?: page| article)?)?|close|search)",
    re.IGNORECASE)
_KINDS = ((stat.S_ISFIFO, "FIFO"), (stat.S_ISCHR, "character device"),
          (stat.S_ISBLK, "block device"), (stat.S_ISSOCK, "socket"), (stat.S_ISDIR, "folder"))

Report = Callable[[InputError], None]


def read_articles(paths: Iterable[str | Path], *, on_error: Report | None = None,
                  exclude: Iterable[str | Path] = ()) -> Iterator[Article]:
    """Yield every article under ``paths`` (files or folders); folders in ``exclude`` (OUT)
    are never read.

    A bad file or path raises :class:`~kg.errors.InputError`, or, when ``on_error`` is given,
    is passed to it and skipped so the other files are still read. Repairs (warnings) are
    passed to ``on_error`` and never raise.

    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp()); _ = (d / "a1.txt").write_text("date 2020-03-02 Putin met Erdoğan.")
    >>> [(a.id, a.date) for a in read_articles([d])]
    [('a1', '2020-03-02')]
    """
    report = _reporter(on_error)
    skip = {os.path.realpath(p) for p in exclude}
    for path in map(Path, paths):
        try:
            files = _files(path, report, skip)
        except InputError as err:
            report(err)
            continue
        for file in files:
            try:
                yield from read_file(file, on_error=report)
            except InputError as err:
                report(err)


def _reporter(on_error: Report | None) -> Report:
    def report(problem: InputError) -> None:
        if on_error is not None:
            on_error(problem)
        elif not problem.warning:
            raise problem
    return report


def _files(path: Path, report: Report, skip: set[str]) -> list[Path]:
    """The files to read under ``path``, in sorted order."""
    info = _stat(path)
    if not stat.S_ISDIR(info.st_mode):
        return [path]
    if _is_output(path) or os.path.realpath(path) in skip:
        raise InputError(path, OUTPUT_FOLDER)
    found, seen = [], set()
    for folder, folders, names in os.walk(path, followlinks=True, onerror=lambda err: report(
            InputError(err.filename, UNREADABLE.format(reason=err.strerror)))):
        here = Path(folder)
        key = os.stat(folder)
        if (key.st_dev, key.st_ino) in seen:  # a symlink back up the tree
            folders[:] = []
            continue
        seen.add((key.st_dev, key.st_ino))
        folders[:] = [f for f in folders if not f.startswith(".") and not _is_output(here / f)
                      and os.path.realpath(here / f) not in skip]
        for name in names:
            file = here / name
            if name.startswith(".") or Path(name).stem.upper() in _NOT_ARTICLES:
                continue
            if file.suffix.lower() not in SUFFIXES:
                report(InputError(file, UNSUPPORTED_SUFFIX.format(suffix=file.suffix.lower() or "(none)")
                                  + "; not read", kind="unsupported file type", warning=True))
                continue
            found.append(file)
    return sorted(found, key=lambda p: p.relative_to(path).parts)


def _is_output(folder: Path) -> bool:
    """A folder kg built a graph into (its own facts.jsonl must never be read as articles)."""
    return (folder / OUTPUT_MARKER).is_dir() or \
        ((folder / "graph.json").is_file() and (folder / "mentions.tsv").is_file())


def _stat(path: Path) -> os.stat_result:
    try:
        return os.stat(path)
    except OSError as err:
        if err.errno == errno.ELOOP:
            raise InputError(path, SYMLINK_LOOP) from None
        if err.errno == errno.ENOENT:
            raise InputError(path, NO_SUCH_PATH + (" (broken link)" if path.is_symlink() else "")) from None
        raise InputError(path, UNREADABLE.format(reason=err.strerror)) from None


def read_file(path: Path, *, on_error: Report | None = None) -> Iterator[Article]:
    """Articles in one file; raises :class:`InputError` naming the file and the reason.

    In a JSONL file a bad line is passed to ``on_error`` (when given) and the other lines
    are still read.
    """
    report = _reporter(on_error)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise InputError(path, UNSUPPORTED_SUFFIX.format(suffix=suffix or "(none)"), kind="unsupported file type")
    if suffix == ".jsonl":
        yield from _read_jsonl(path, decode(path, _read_bytes(path)), report)
        return
    text = _read_text(path, report)
    article = tidy(Article(id=path.stem, text=text, source=shown_path(path)), report)
    if not has_text(article.text):  # only invisible characters ("\u200b\ufeff"): nothing to read
        raise InputError(path, f"{EMPTY_FILE} (only invisible or control characters)", kind="empty file")
    date, masked = find_date(article.text)
    yield Article(id=article.id, text=article.text, title=_first_line(article.text), date=date,
                  source=shown_path(path), masked=masked, original_id=article.original_id)


def _read_text(path: Path, report: Report) -> str:
    """A .txt/.md file's text. Past :func:`kg.hygiene.max_chars` an article is cut anyway, so
    a huge file (a dump named ``.txt``) is read only that far: its size costs neither time
    nor memory.
    """
    from kg import hygiene

    limit = hygiene.max_chars()
    cap = 4 * limit + 4  # bytes: enough for the limit's characters in any encoding
    data = _read_bytes(path, cap + 1)
    if len(data) <= cap:
        return decode(path, data)
    text = decode(path, data[:cap], final=False)
    kept, reason = hygiene.length_cut(text, length=f"{os.stat(path).st_size:,} bytes")
    report(InputError(path, reason, kind="too long"))
    return text[:kept]


def _read_bytes(path: Path, limit: int = -1) -> bytes:
    """A regular file's bytes (at most ``limit``); never blocks on a FIFO or a device."""
    info = _stat(path)
    for test, kind in _KINDS:
        if test(info.st_mode):
            raise InputError(path, NOT_REGULAR.format(kind=kind), kind="not a regular file")
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as err:
        raise InputError(path, UNREADABLE.format(reason=err.strerror), kind="unreadable") from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):  # swapped for a FIFO since the stat
            raise InputError(path, NOT_REGULAR.format(kind="not a file"), kind="not a regular file")
        with os.fdopen(fd, "rb", closefd=False) as stream:
            return stream.read(limit)
    except OSError as err:
        raise InputError(path, UNREADABLE.format(reason=err.strerror), kind="unreadable") from None
    finally:
        os.close(fd)


_BOMS = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
         (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))


def decode(path: Path, data: bytes, *, final: bool = True) -> str:
    """Text of a file (UTF-8, or UTF-16/32 by BOM or by its zero bytes), or an
    :class:`InputError` saying why it isn't an article. ``final=False``: ``data`` is the
    start of a file, so a character cut at its end is left out.

    >>> decode(Path("x.txt"), "Putin".encode("utf-16-le")), decode(Path("x.txt"), "Erdoğ".encode()[:-1], final=False)
    ('Putin', 'Erdo')
    """
    encoding = next((name for bom, name in _BOMS if data.startswith(bom)), None)
    if encoding:
        data = data[len(next(bom for bom, name in _BOMS if name == encoding)):]
    elif b"\x00" in data:
        encoding = _utf16_without_bom(data)
        if encoding is None:
            raise InputError(path, BINARY_FILE)
    try:
        text = codecs.getincrementaldecoder(encoding or "utf-8")().decode(data, final=final)
    except UnicodeDecodeError as err:
        if encoding and encoding != "utf-8":
            raise InputError(path, f"not valid {encoding.upper()} (byte {err.start})", kind="bad encoding") from None
        raise InputError(path, NOT_UTF8.format(offset=err.start)) from None
    if encoding and encoding != "utf-8" and _SURROGATE.search(text):
        raise InputError(path, f"not valid {encoding.upper()}", kind="bad encoding")
    if not text.strip():
        raise InputError(path, EMPTY_FILE)
    return text


def _utf16_without_bom(data: bytes) -> str | None:
    """``utf-16-le``/``-be`` when most zero bytes sit at odd/even offsets, as in mostly-Latin
    UTF-16 text; None for binary data."""
    if len(data) % 2:
        return None
    even, odd = data[0::2].count(0), data[1::2].count(0)
    half = len(data) // 2
    if odd >= 0.3 * half and even == 0:
        return "utf-16-le"
    if even >= 0.3 * half and odd == 0:
        return "utf-16-be"
    return None


def _read_jsonl(path: Path, text: str, report: Report) -> Iterator[Article]:
    for number, line in enumerate(text.split("\n"), start=1):  # not splitlines: U+2028 is text
        if not line.strip():
            continue
        try:
            record = _jsonl_record(path, number, line.removesuffix("\r"))
        except InputError as err:
            report(err)
            continue
        identifier = record.get("id")
        article = Article(id=str(identifier) if identifier not in (None, "") else f"{path.stem}-{number}",
                          text=record["text"], title=_string(record.get("title")),
                          url=record.get("url"), source=shown_path(path))
        if any(_SURROGATE.search(v) for v in (article.text, article.id, article.title or "")):
            report(InputError(path, SURROGATES, line=number, warning=True))
        article = tidy(article, report, line=number)
        if not has_text(article.text):  # only invisible characters: nothing to read
            report(InputError(path, "needs a non-empty 'text' (only invisible or control characters)",
                              line=number, kind="no text"))
            continue
        date, masked = find_date(article.text)
        if record.get("date"):
            date = normalize_date(str(record["date"])) or date
        yield Article(id=article.id, text=article.text, title=article.title, date=date,
                      url=article.url, source=shown_path(path), masked=masked, original_id=article.original_id,
                      outlet=_string(record.get("source")))


def _jsonl_record(path: Path, number: int, line: str) -> dict:
    try:
        record = json.loads(line)
    except (json.JSONDecodeError, RecursionError) as err:
        reason = getattr(err, "msg", "nested too deeply")
        raise InputError(path, f"invalid JSON ({reason})", line=number, kind="invalid JSON") from None
    if not isinstance(record, dict) or not isinstance(record.get("text"), str) \
            or not record["text"].strip():
        raise InputError(path, "needs a non-empty 'text'", line=number, kind="no text")
    identifier = record.get("id")
    if identifier is not None and (isinstance(identifier, bool) or not isinstance(identifier, (str, int))):
        raise InputError(path, BAD_ID.format(type=type(identifier).__name__), line=number, kind="bad id")
    return record


def _string(value: object) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def text_article(text: str, on_error: Report | None = None) -> Article:
    """An article given as a string: its id is a digest of the text, so adding it twice adds
    nothing. A text over the length limit is cut as a file's is, and the cut passed to
    ``on_error`` (``text-ID: N characters, over kg's limit ...``); without ``on_error`` it raises.

    >>> text_article("date 2020-03-05 Erdoğan met Putin.").id
    'text-18048c3538'
    """
    article = tidy(Article(id=f"text-{digest(text)}", text=text), _reporter(on_error))
    date, masked = find_date(article.text)
    return Article(id=article.id, text=article.text, date=date, masked=masked)


def _first_line(text: str) -> str | None:
    """The title: the first line that is more than a date, a ``date …`` marker or a scraped
    page's navigation ("Accessibility links", "Skip to content")."""
    for line in text.splitlines():
        line = " ".join(_DATE_LINE.sub("", line).strip(" |#\t").split())
        if _BOILERPLATE.fullmatch(line.strip(" .:>»|-")):
            continue
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

    text = text.strip()
    if not text or len(text) > 60:
        return None
    try:
        parsed = dateparser.parse(text, languages=["en"],
                                  settings={"STRICT_PARSING": True, "PREFER_DATES_FROM": "past"})
    except (ValueError, OverflowError, TypeError, RecursionError):  # dateparser on odd input
        return None
    return parsed.date().isoformat() if parsed else None
