"""Input hygiene for the read stage: text, ids, urls and duplicates, each made safe once.

- **Text** is NFC-normalized; invisible characters that only split a word in two
  (zero-width space, word joiner, soft hyphen, BOM, bidi controls, a zero-width joiner between
  two Latin letters) are removed, so ``Mos\\u200bcow`` is ``Moscow``; other control characters
  become spaces and lone surrogates U+FFFD (same length). All offsets kg writes point into
  this cleaned text (:attr:`kg.types.Article.text`).
- **Ids** keep letters, digits and ``-._~``; any other run of characters becomes ``-``, so an id
  is safe in an IRI and a TSV cell (``"Reuters 12/3"`` -> ``Reuters-12-3``). The original is
  kept as ``original_id``.
- **Urls** must be http(s) with a host; other characters an IRI forbids are percent-encoded.
- **Duplicates**: the same text under two ids is counted once; two different texts under one
  id are kept apart, the later one as ``ID-2``.
- **Length**: an article over :func:`max_chars` characters (:data:`MAX_CHARS` unless a build
  sets its own with :func:`char_limit`: ``kg build --max-chars``, ``KnowledgeGraph(max_chars=)``)
  is cut there, at the last paragraph, line, sentence or word end before it, and reported as an
  error (the rest is not read), whether it came from a file, a JSONL line or a string. Its
  time and memory grow with its length, so one dump named ``.txt`` must not hold a build
  for hours; a long news feature is a tenth of the limit. Parsing costs by the token, and
  text of tiny sentences has 2.5 times prose's tokens per character, so an article is also
  cut after :func:`max_tokens` words and punctuation marks (a quarter of the character
  limit: more than any prose under it has), and no article costs more than the longest prose.

>>> clean_text("Mos\\u200bcow and Ankara\\u202e")
'Moscow and Ankara'
>>> safe_id("Reuters 12/3 <x>")
'Reuters-12-3-x'
>>> safe_url("https://example.com/a b"), safe_url("javascript:alert(1)")
(('https://example.com/a%20b', None), (None, 'is not an http(s) URL'))
"""

from __future__ import annotations

import contextlib
import contextvars
import dataclasses
import hashlib
import itertools
import re
import unicodedata
import urllib.parse
from collections.abc import Callable, Iterable, Iterator

from kg.errors import (DUPLICATE_ID, DUPLICATE_TEXT, UNSAFE_ID, InputError)
from kg.types import Article

# invisible characters that split a word without showing: removed
_INVISIBLE = re.compile("[\u200b\u2060\ufeff\u00ad\u180e\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]"
                        "|(?<=[A-Za-z])[\u200c\u200d](?=[A-Za-z])")
# control characters other than tab, line feed and carriage return: a space each
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_NOT_ID = re.compile(r"[^\w.~-]+")
_URL_SAFE = "!#$%&'()*+,/:;=?@[]~-._"
MAX_ID = 200
# spaCy's own max_length: about 150,000 words, far past any news feature (a 300,000-character
# report still builds whole); past it a text is a dump, and time grows with its length
MAX_CHARS = 1_000_000
TOO_LONG = ("{length}, over kg's limit of {limit:,} characters for one article (--max-chars); "
            "only the first {kept:,} are read")
TOO_MANY_TOKENS = ("{tokens:,} words and punctuation marks, over kg's limit of {limit:,} for one article "
                   "(a quarter of --max-chars); only the first {kept:,} characters are read")
_TOKENISH = re.compile(r"\w+|[^\w\s]")  # words and punctuation marks: spaCy's count, near enough
_LIMIT: contextvars.ContextVar[int | None] = contextvars.ContextVar("kg_max_chars", default=None)


def max_chars() -> int:
    """The length limit in force: the one :func:`char_limit` set, else :data:`MAX_CHARS`.

    >>> with char_limit(5000):
    ...     max_chars()
    5000
    >>> max_chars() == MAX_CHARS
    True
    """
    return _LIMIT.get() or MAX_CHARS


def max_tokens() -> int:
    """The token limit in force: a quarter of :func:`max_chars` (prose has 5 characters a
    token, 4 at its densest), so only text of absurdly short words or sentences meets it.

    >>> max_tokens()
    250000
    """
    return max_chars() // 4


def token_estimate(text: str) -> int:
    """About how many tokens spaCy makes of ``text`` (words plus punctuation marks), found
    before parsing; a millisecond per 20,000 characters.

    >>> token_estimate("Ok. Go on."), token_estimate("Erdoğan met Putin in Moscow.")
    (5, 6)
    """
    return len(_TOKENISH.findall(text))


def cut_tokens(text: str, limit: int) -> int:
    """Where to cut ``text`` to at most ``limit`` tokens (:func:`token_estimate`'s), at a
    paragraph, line, sentence or word end as :func:`cut_length` finds them.

    >>> text = "Ok. " * 10
    >>> text[:cut_tokens(text, 5)], cut_tokens(text, 20) == len(text)
    ('Ok. Ok. ', True)
    """
    if len(text) <= limit:  # a token is at least one character
        return len(text)
    ends = [m.end() for m in itertools.islice(_TOKENISH.finditer(text), limit + 1)]
    if len(ends) <= limit:
        return len(text)
    return cut_length(text, ends[limit - 1])


def length_cut(text: str, length: str | None = None) -> tuple[int, str | None]:
    """Where the length limits cut ``text``, and why: ``(len(text), None)`` when it fits.
    One reason even when both limits are passed (the characters', naming ``length``).

    >>> with char_limit(40):
    ...     length_cut("Ok. " * 5), length_cut("Ok. " * 8)
    ((20, None), (16, "16 words and punctuation marks, over kg's limit of 10 for one article (a quarter of --max-chars); only the first 16 characters are read"))
    """
    chars, tokens = max_chars(), max_tokens()
    kept = cut_length(text, chars)
    if kept > tokens:  # a token is at least one character: shorter text is under the limit
        kept = min(kept, cut_tokens(text[:kept], tokens))
    if kept >= len(text):
        return len(text), None
    if len(text) > chars:
        return kept, TOO_LONG.format(length=length or f"{len(text):,} characters", limit=chars, kept=kept)
    return kept, TOO_MANY_TOKENS.format(tokens=token_estimate(text), limit=tokens, kept=kept)


@contextlib.contextmanager
def char_limit(limit: int | None) -> Iterator[None]:
    """Read articles under another length limit (``None``: the default) inside the block.

    A context variable, not a global, so two graphs built in one process (threads, notebooks)
    keep their own limits.
    """
    if limit is not None and limit < 1:
        raise ValueError(f"max_chars must be at least 1, got {limit}")
    token = _LIMIT.set(limit)
    try:
        yield
    finally:
        _LIMIT.reset(token)


def clean_text(text: str) -> str:
    """NFC text without invisible word-splitting characters (see the module docstring)."""
    text = _SURROGATE.sub("\ufffd", text)
    text = unicodedata.normalize("NFC", text)
    return _CONTROL.sub(" ", _INVISIBLE.sub("", text))


def has_text(text: str) -> bool:
    """Whether ``text`` shows anything: a character that is not a space, a control or a format
    character (a zero-width joiner left alone, a bidi mark).

    >>> has_text("\\u200d \\u202a\\n"), has_text("\\u200dOk")
    (False, True)
    """
    return any(not c.isspace() and unicodedata.category(c) not in ("Cc", "Cf") for c in text)


def cut_length(text: str, limit: int) -> int:
    r"""Where to cut ``text`` to at most ``limit`` characters: after the last paragraph break,
    line break, sentence end or space in the last quarter before it (else at ``limit``).

    >>> text = "Putin left.\n\nErdoğan stayed. He spoke."
    >>> text[:cut_length(text, 14)], text[:cut_length(text, 34)]
    ('Putin left.\n\n', 'Putin left.\n\nErdoğan stayed. ')
    """
    if len(text) <= limit:
        return len(text)
    window = text[:limit]
    return next((window.rfind(sep) + len(sep) for sep in ("\n\n", "\n", ". ", " ")
                 if window.rfind(sep) >= limit * 3 // 4), limit)


def safe_id(original: str) -> str:
    """An article id safe in IRIs and TSV (empty when nothing usable is left)."""
    cleaned = _NOT_ID.sub("-", clean_text(original)).strip("-.")
    return re.sub("-{2,}", "-", cleaned)[:MAX_ID]


def safe_url(value: object) -> tuple[str | None, str | None]:
    """``(url, None)`` for a usable http(s) url (percent-encoded where an IRI needs it), or
    ``(None, reason)``."""
    if not isinstance(value, str):
        return None, f"must be a string (got {type(value).__name__})"
    url = clean_text(value).strip()
    try:
        parts = urllib.parse.urlsplit(url)
        parts.port  # noqa: B018 - raises on a bad port
    except ValueError:
        return None, "is not a valid URL"
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None, "is not an http(s) URL"
    return urllib.parse.quote(url, safe=_URL_SAFE), None


def tidy(article: Article, report: Callable[[InputError], None] | None = None, *,
         where: str | None = None, line: int | None = None) -> Article:
    """The article with clean text, a safe id and a usable url; repairs are reported as
    warnings naming ``where`` (the file, by default ``article.source``)."""
    where = where or article.source or article.id
    changes = {}
    text = clean_text(article.text)
    kept, reason = length_cut(text)
    if reason:
        _tell(report, InputError(where, reason, line=line, kind="too long"))
        text = text[:kept]
    if text != article.text:
        changes["text"] = text
        if article.masked:  # the masked spans were found in the old text
            from kg.read import find_date

            changes["masked"] = find_date(text)[1]
    if article.title is not None:
        changes["title"] = " ".join(clean_text(article.title).split()) or None
    identifier = safe_id(article.id) or f"article-{digest(text)}"
    if identifier != article.id:
        changes["id"], changes["original_id"] = identifier, _writable(article.original_id or article.id)
        _tell(report, InputError(where, UNSAFE_ID.format(original=article.id, safe=identifier),
                                 line=line, kind="unsafe id", warning=True))
    if article.url is not None:
        url, reason = safe_url(article.url)
        changes["url"] = url
        if reason:
            from kg.errors import BAD_URL

            _tell(report, InputError(where, BAD_URL.format(reason=reason), line=line,
                                     kind="bad url", warning=True))
    changes = {k: v for k, v in changes.items() if getattr(article, k) != v}
    return dataclasses.replace(article, **changes) if changes else article


def _writable(original: str) -> str:
    r"""``original`` with the bytes of a file name that were not UTF-8 as ``\xNN`` (any other
    lone surrogate as U+FFFD), so it can be written out.

    >>> _writable(b"caf\xe9".decode("utf-8", "surrogateescape")), _writable("a\tb")
    ('caf\\xe9', 'a\tb')
    """
    if not _SURROGATE.search(original):
        return original
    try:
        return original.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:
        return _SURROGATE.sub("\ufffd", original)


def digest(text: str) -> str:
    """A short content hash (lone surrogates allowed)."""
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:10]


def unique_articles(articles: Iterable[Article], report: Callable[[InputError], None] | None = None
                    ) -> Iterator[Article]:
    """Tidy articles and drop or rename duplicates (see the module docstring).

    >>> [a.id for a in unique_articles([Article("a", "X met Y."), Article("b", "X met Y."),
    ...                                 Article("a", "Z met W."), Article("a", "X met Y.")])]
    ['a', 'a-2']
    """
    duplicates = Duplicates(report)
    for article in articles:
        article = tidy(article, report)
        new_id = duplicates.admit(article)
        if new_id is None:
            continue
        if new_id != article.id:
            article = dataclasses.replace(article, id=new_id, original_id=article.original_id or article.id)
        yield article


class Duplicates:
    """The duplicate rules, one article at a time, for every path that gathers articles
    (the local read, Dask's partitions): the same text twice counts once; a second text
    under an id already taken is kept as ``ID-2``. Each case is reported as a warning.

    >>> seen = Duplicates()
    >>> [seen.admit(a) for a in (Article("a", "X met Y."), Article("b", "X met Y."), Article("a", "Z."))]
    ['a', None, 'a-2']
    """

    def __init__(self, report: Callable[[InputError], None] | None = None):
        self.report = report
        self._by_id: dict[str, tuple[str, str]] = {}  # id -> (id, where it was read)
        self._by_text: dict[str, tuple[str, str]] = {}  # text hash -> the same

    def admit(self, article: Article) -> str | None:
        """The id ``article`` keeps, or None when its text was already read."""
        key = hashlib.sha1(article.text.encode("utf-8", "surrogatepass")).hexdigest()
        where = article.source or article.id
        if key in self._by_text:
            first_id, first_where = self._by_text[key]
            if first_id != article.id:
                _tell(self.report, InputError(where, DUPLICATE_TEXT.format(
                    other=first_where, id=first_id), kind="duplicate text", warning=True))
            return None
        new_id = article.id
        if new_id in self._by_id:
            n = 2
            while f"{article.id}-{n}" in self._by_id:
                n += 1
            new_id = f"{article.id}-{n}"
            other_id, other_where = self._by_id[article.id]
            _tell(self.report, InputError(where, DUPLICATE_ID.format(
                id=article.id, other=other_where, new=new_id), kind="duplicate id", warning=True))
        self._by_id[new_id] = self._by_text[key] = (new_id, where)
        return new_id


def _tell(report, problem: InputError) -> None:
    if report is not None:
        report(problem)
