import pytest

from kg.extract.dates import resolve_date


@pytest.mark.parametrize("text, article_date, future, expected", [
    ("on March 5", "2020-03-02", False, "2020-03-05"),
    ("on 5 March", "2020-03-02", False, "2020-03-05"),
    ("in December", "2021-01-10", False, "2020-12"),       # nearest December is the past one
    ("on Jan. 23, 2024", "2024-02-01", False, "2024-01-23"),
    ("on Thursday", "2020-03-02", True, "2020-03-05"),      # Monday article, future clause
    ("on Thursday", "2020-03-02", False, "2020-02-27"),     # past clause: the Thursday before
    ("on Monday", "2020-03-02", False, "2020-03-02"),       # the article's own day
    ("yesterday", "2020-03-02", False, "2020-03-01"),
    ("in October 2019", "2020-03-02", False, "2019-10"),
    ("in 2018", "2020-03-02", False, "2018"),
    ("2019-07-14", None, False, "2019-07-14"),
    ("on Thursday", None, True, None),                      # nothing to anchor a weekday to
    ("recently", "2020-03-02", False, None),
    ("in May", "2020-03-02", False, "2020-05"),
    ("may", "2020-03-02", False, None),                     # the modal, not the month
])
def test_resolve_date(text, article_date, future, expected):
    assert resolve_date(text, article_date, future=future) == expected


@pytest.mark.parametrize("text, expected", [
    ("last week", "2020-02"), ("earlier this year", "2020"), ("next month", "2020-04"),
    ("two months ago", "2020-01"), ("three days later", None)])
def test_dates_relative_expressions_keep_their_precision(text, expected):
    assert resolve_date(text, "2020-03-02") == expected


def test_dates_precision_names_the_granularity():
    from kg.extract.dates import date_precision
    assert [date_precision(d) for d in ("2020-03-05", "2020-03", "2020", None)] == \
        ["day", "month", "year", None]
