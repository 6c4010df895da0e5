"""Resolve a clause's time expression against the article's date.

``on March 5`` in an article dated 2020-03-02 is 2020-03-05; ``on Thursday`` is the Thursday
after the article date when the clause speaks of the future (``will visit``) and the one
before (or the same day) otherwise. Dates keep the precision the text gives: ``in October
2019`` is ``2019-10`` and ``in 2018`` is ``2018``.

>>> resolve_date("on March 5", "2020-03-02")
'2020-03-05'
>>> resolve_date("on Thursday", "2020-03-02", future=True)
'2020-03-05'
>>> resolve_date("in October 2019", "2020-03-02")
'2019-10'
>>> resolve_date("in the past", "2020-03-02") is None
True
"""

from __future__ import annotations

import datetime as dt
import re

from kg.extract.wordlists import MONTHS, WEEKDAYS

_WEEKDAYS = WEEKDAYS
_MONTHS = MONTHS
_RELATIVE_DAYS = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}

_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_DAY = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\b")
_WORD = re.compile(r"[a-z]+")


def resolve_date(text: str, article_date: str | None, *, future: bool = False) -> str | None:
    """ISO date (``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``) named by ``text``, or None.

    Args:
        text: a time expression, e.g. ``on March 5`` or ``last Thursday``.
        article_date: the article's ISO date, the anchor for dates without a year.
        future: the clause speaks of the future, so a bare weekday is the next one.
    """
    lowered = text.lower()
    if match := _ISO.search(lowered):
        return match.group(0)
    base = dt.date.fromisoformat(article_date) if article_date else None
    words = _WORD.findall(lowered)
    year = int(m.group(1)) if (m := _YEAR.search(lowered)) else None
    # "may" is a month only when written "May" (else it's the modal verb)
    month = next((_MONTHS[w] for w in words if w in _MONTHS and (w != "may" or "May" in text)), None)
    if month:
        day_match = _DAY.search(_YEAR.sub("", lowered))
        day = int(day_match.group(1)) if day_match else None
        if year is None:
            if base is None:
                return None
            year = _nearest_year(base, month, day or 15)
        if day and _valid(year, month, day):
            return dt.date(year, month, day).isoformat()
        return f"{year:04d}-{month:02d}"
    if base is not None:
        for word in words:
            if word in _RELATIVE_DAYS:
                return (base + dt.timedelta(days=_RELATIVE_DAYS[word])).isoformat()
            if word in _WEEKDAYS:
                return _weekday(base, _WEEKDAYS.index(word), future and "last" not in words,
                                "next" in words).isoformat()
    if base is not None and (relative := _relative(lowered, base)) is not None:
        return relative
    if year is not None:
        return f"{year:04d}"
    return None


_RELATIVE = re.compile(r"\b(?:(?:last|next|this|past|coming|previous)\s+(week|month|year|day)s?"
                       r"|(\w+)\s+(day|week|month|year)s?\s+(ago|later|earlier))\b")
_PARSERS: dict = {}  # one dateparser per article date (its RELATIVE_BASE)


def _relative(text: str, base: dt.date) -> str | None:
    """``last week``, ``next month``, ``earlier this year``, ``two months ago`` against the
    article's date, via dateparser, with the precision the phrase has (a week -> its month).

    >>> _relative("earlier this year", dt.date(2020, 3, 2)), _relative("next month", dt.date(2020, 3, 2))
    ('2020', '2020-04')
    """
    match = _RELATIVE.search(text)
    if match is None:
        return None
    parser = _PARSERS.get(base)
    if parser is None:
        from dateparser.date import DateDataParser
        if len(_PARSERS) > 64:
            _PARSERS.clear()
        parser = _PARSERS[base] = DateDataParser(languages=["en"], settings={
            "RELATIVE_BASE": dt.datetime(base.year, base.month, base.day)})
    phrase = match.group(0).replace("earlier ", "").replace("later ", "")
    if match.group(4) in ("later", "earlier"):
        return None  # "two days later": later than what the sentence says, not the article
    data = parser.get_date_data(phrase)
    if data is None or data.date_obj is None:
        return None
    day = data.date_obj.date()
    if data.period == "year":
        return f"{day.year:04d}"
    if data.period in ("month", "week"):
        return f"{day.year:04d}-{day.month:02d}"
    return day.isoformat()


def _nearest_year(base: dt.date, month: int, day: int) -> int:
    """The year that puts ``month/day`` closest to the article's date."""
    def distance(year: int) -> int:
        day_ = min(day, 28)
        return abs((dt.date(year, month, day_) - base).days)
    return min((base.year - 1, base.year, base.year + 1), key=distance)


def _weekday(base: dt.date, weekday: int, future: bool, next_: bool) -> dt.date:
    delta = (weekday - base.weekday()) % 7
    if future or next_:
        return base + dt.timedelta(days=delta or (7 if next_ else 0))
    return base - dt.timedelta(days=(base.weekday() - weekday) % 7)


def _valid(year: int, month: int, day: int) -> bool:
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def date_precision(date: str | None) -> str | None:
    """``day``, ``month`` or ``year`` for an ISO date of that precision, else None.

    >>> date_precision("2019-10"), date_precision("2019"), date_precision(None)
    ('month', 'year', None)
    """
    if not date:
        return None
    return {10: "day", 7: "month", 4: "year"}.get(len(date))
