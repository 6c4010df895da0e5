"""When an event mention says it happened: a date range, plus a month when only that is known.

A mention's date is a closed ISO range ``[lo, hi]`` that the event's date must fall in:
``on March 5`` is one day, ``in October 2019`` a month, ``this week`` the article's ISO week,
``later this month`` the rest of the article's month. A mention dated only by its article
gets a window: what is planned lies within 62 days after the report, what happened within
31 days before it. ``in September`` with no year and no article date still rules out March, and ``on Sunday``
with no article date still rules out a Thursday (:func:`weekday_of`).
Two mentions can be one event only when their ranges overlap (see :func:`compatible`).

>>> span = mention_span("2020-03-05", "text", "2020-03-02", "planned", "")
>>> (span.lo, span.hi, span.precision)
('2020-03-05', '2020-03-05', 'day')
>>> later = mention_span("2020-03-02", "article", "2020-03-02", "planned", "will hold talks this week")
>>> (later.lo, later.hi, later.precision)
('2020-03-02', '2020-03-08', 'week')
>>> compatible(span, later)
True
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from kg.extract.dates import resolve_date

_PLANNED_WINDOW = 62
_HAPPENED_WINDOW = 31
_MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
_MONTH_WORD = re.compile(r"\b(" + "|".join(m for m in calendar.month_name if m and m != "May")
                         + r"|May(?= \d| \w+ \d{4}|\s*$|[.,]))\b")
_RELATIVE = (  # phrase -> (unit, offset): the range it names around the article's date
    (re.compile(r"\b(later |earlier )?today\b|\btonight\b"), ("day", 0)),
    (re.compile(r"\btomorrow\b"), ("day", 1)),
    (re.compile(r"\byesterday\b"), ("day", -1)),
    (re.compile(r"\b(later |earlier )?this week\b"), ("week", 0)),
    (re.compile(r"\bnext week\b"), ("week", 1)),
    (re.compile(r"\blast week\b"), ("week", -1)),
    (re.compile(r"\b(later |earlier )?this month\b"), ("month", 0)),
    (re.compile(r"\bnext month\b"), ("month", 1)),
    (re.compile(r"\blast month\b"), ("month", -1)),
)


@dataclass(frozen=True, slots=True)
class DateSpan:
    """ISO range (None = open end), its precision, and a month of the year when only it is known."""

    lo: str | None = None
    hi: str | None = None
    precision: str | None = None  # day, week, month, year, window (from the article date only)
    month: int | None = None
    weekday: int | None = None  # 0 = Monday, when only the day of the week is known

    @property
    def known(self) -> bool:
        return self.lo is not None or self.month is not None or self.weekday is not None


def mention_span(date: str | None, date_source: str, article_date: str | None,
                 status: str | None, clause: str, *, future: bool = False,
                 after: str | None = None) -> DateSpan:
    """The range a mention's event date lies in; ``clause`` is the text around its trigger,
    ``after`` the part from the trigger on (where a bare weekday dates it: ``struck on Sunday``,
    not ``police said on Friday`` before it), by default ``clause``;
    ``future``: the clause speaks of the future even if ``status`` gives no window."""
    if date and date_source == "text":
        if (status == "planned" or future) and article_date and date < article_date[:len(date)] \
                and (again := resolve_date(clause, article_date, future=True)) and again >= date:
            date = again  # "to host X on Wednesday": the coming Wednesday, not the last one
        return _iso_span(date)
    base = dt.date.fromisoformat(article_date) if article_date else None
    lowered = clause.lower()
    if base is not None:
        for pattern, (unit, offset) in _RELATIVE:
            if pattern.search(lowered):
                return _relative(base, unit, offset, planned=status == "planned")
    if (match := _MONTH_WORD.search(clause)) and base is None:
        return DateSpan(precision="month", month=_MONTHS[match.group(1).lower()])
    if base is None:
        return DateSpan(weekday=weekday_of(clause if after is None else after))
    if status == "planned":
        return DateSpan(base.isoformat(), (base + dt.timedelta(_PLANNED_WINDOW)).isoformat(), "window")
    if status is None:
        return DateSpan((base - dt.timedelta(_HAPPENED_WINDOW)).isoformat(),
                        (base + dt.timedelta(_PLANNED_WINDOW)).isoformat(), "window")
    return DateSpan((base - dt.timedelta(_HAPPENED_WINDOW)).isoformat(), base.isoformat(), "window")


_WEEKDAY = re.compile(r"\b(?:on\s+|last\s+|this\s+|early\s+|late\s+)?("
                      + "|".join(calendar.day_name) + r")\b(?!['’]s)(?!\s*,?\s*(?:" + "|".join(m for m in calendar.month_name if m)
                      + r"|\d))")


def weekday_of(clause: str) -> int | None:
    """The day of the week a clause names alone (``struck on Sunday``: 6), None when it names
    none, a full date (``Sunday, March 3``: the date says more) or two different days.

    With no article date, ``Sunday`` cannot be placed on a calendar, yet a quake ``on Sunday``
    is not the quake of another report that struck ``on Thursday``.

    >>> weekday_of("The quake struck at 9:27 a.m. Sunday"), weekday_of("on Sunday, March 3, 2013")
    (6, None)
    >>> weekday_of("talks began Monday and ended Friday"), weekday_of("ahead of Sunday's game")
    (None, None)
    """
    days = {calendar.day_name[:].index(m.group(1)) for m in _WEEKDAY.finditer(clause)}
    return days.pop() if len(days) == 1 else None


def _iso_span(date: str) -> DateSpan:
    if len(date) == 10:
        return DateSpan(date, date, "day")
    if len(date) == 7:
        year, month = int(date[:4]), int(date[5:7])
        last = calendar.monthrange(year, month)[1]
        return DateSpan(f"{date}-01", f"{date}-{last:02d}", "month", month)
    return DateSpan(f"{date[:4]}-01-01", f"{date[:4]}-12-31", "year")


def _relative(base: dt.date, unit: str, offset: int, *, planned: bool) -> DateSpan:
    if unit == "day":
        day = base + dt.timedelta(offset)
        return DateSpan(day.isoformat(), day.isoformat(), "day")
    if unit == "week":
        monday = base - dt.timedelta(base.weekday()) + dt.timedelta(7 * offset)
        lo, hi = monday, monday + dt.timedelta(6)
    else:
        month0 = base.month - 1 + offset
        year, month = base.year + month0 // 12, month0 % 12 + 1
        lo = dt.date(year, month, 1)
        hi = dt.date(year, month, calendar.monthrange(year, month)[1])
    if offset == 0 and planned:
        lo = max(lo, base)  # "later this week": not before the report
    return DateSpan(lo.isoformat(), hi.isoformat(), unit)


def compatible(a: DateSpan, b: DateSpan) -> bool:
    """Whether one date can satisfy both spans (an unknown span fits any)."""
    return intersect(a, b) is not None


def intersect(a: DateSpan, b: DateSpan) -> DateSpan | None:
    """The narrower span both allow, or None when they exclude each other.

    >>> intersect(DateSpan(month=9), _iso_span("2024-03")) is None
    True
    >>> intersect(DateSpan(month=3), _iso_span("2024-03")).precision
    'month'
    """
    lo = max(filter(None, (a.lo, b.lo)), default=None)
    hi = min(filter(None, (a.hi, b.hi)), default=None)
    if lo and hi and lo > hi:
        return None
    month = a.month or b.month
    if a.month and b.month and a.month != b.month:
        return None
    if month and lo and hi and not _has_month(lo, hi, month):
        return None
    weekday = a.weekday if a.weekday is not None else b.weekday
    if a.weekday is not None and b.weekday is not None and a.weekday != b.weekday:
        return None
    if weekday is not None and lo and hi and not _has_weekday(lo, hi, weekday):
        return None
    ranks = ("day", "week", "month", "year", "window", None)
    precision = min(a.precision, b.precision, key=lambda p: ranks.index(p))
    if lo and hi and lo == hi:
        precision = "day"
    return DateSpan(lo, hi, precision, month, weekday)


def _has_weekday(lo: str, hi: str, weekday: int) -> bool:
    """Whether some day in ``[lo, hi]`` falls on ``weekday``.

    >>> _has_weekday("2013-03-14", "2013-03-14", 3), _has_weekday("2013-03-14", "2013-03-14", 6)
    (True, False)
    """
    start, end = dt.date.fromisoformat(lo), dt.date.fromisoformat(hi)
    return (end - start).days >= 6 or any((start + dt.timedelta(n)).weekday() == weekday
                                          for n in range((end - start).days + 1))


def _has_month(lo: str, hi: str, month: int) -> bool:
    """Whether some day in ``[lo, hi]`` falls in ``month`` (of any year)."""
    y, m = int(lo[:4]), int(lo[5:7])
    end = (int(hi[:4]), int(hi[5:7]))
    for _ in range(13):
        if m == month:
            return True
        if (y, m) >= end:
            return False
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return True


def label(span: DateSpan) -> str | None:
    """The event's date as written in outputs: ``2020-03-05``, ``2019-10``, ``2020``, or a range.

    >>> label(_iso_span("2019-10")), label(DateSpan("2020-03-02", "2020-03-08", "week"))
    ('2019-10', '2020-03-02/2020-03-08')
    """
    if span.lo is None or span.hi is None or span.precision == "window":
        return f"--{span.month:02d}" if span.month else None
    if span.lo == span.hi:
        return span.lo
    if span.precision == "month" and span.lo[:7] == span.hi[:7]:
        return span.lo[:7]
    if span.precision == "year" and span.lo[:4] == span.hi[:4]:
        return span.lo[:4]
    return f"{span.lo}/{span.hi}"
