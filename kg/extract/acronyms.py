"""Acronyms an article defines: "the Office for National Statistics (ONS)" makes ONS that office.

A definition is a name followed by its acronym in brackets, or by ", known as" and the
acronym; the acronym must spell the initials of the name's capitalized words (``of``, ``and``,
``for``, ``the`` skipped), so "Amnesty International (London)" defines nothing. An acronym of
three letters or more that spells an organisation the article named in full needs no brackets
("the Motion Picture Association of America ... the MPAA"). Only within the article:
elsewhere the same letters may stand for something else.
"""

from __future__ import annotations

import re

__all__ = ["defined_acronym", "initials_match", "is_acronym"]

_DEFINITION = re.compile(r"\s*(?:\(\s*|,\s*(?:known|also known|abbreviated)\s+as\s+(?:the\s+)?)([A-Z][A-Za-z&]{1,7})\b\)?")
_SMALL = frozenset({"of", "and", "for", "the", "on", "in", "&", "to", "de"})


def initials_match(acronym: str, name: str) -> bool:
    """Does ``acronym`` spell the initials of ``name``'s words?

    >>> initials_match("ONS", "Office for National Statistics"), initials_match("MPAA", "Motion Picture Association of America")
    (True, True)
    >>> initials_match("PA", "Palestinian Authority"), initials_match("UN", "Amnesty International")
    (True, False)
    """
    words = [w for w in re.split(r"[\s-]+", name) if w and w.lower() not in _SMALL]
    letters = acronym.replace("&", "").upper()
    return len(letters) >= 2 and "".join(w[0].upper() for w in words) == letters


def is_acronym(word: str) -> bool:
    """An all-capitals word of 3-7 letters ("MPAA", "ONS"; "US" and "UK" are too short to
    stand for a name without a written definition).

    >>> is_acronym("MPAA"), is_acronym("US"), is_acronym("Reuters")
    (True, False, False)
    """
    return 3 <= len(word) <= 7 and word.isalpha() and word.isupper()


def defined_acronym(text: str, end: int, name: str) -> str | None:
    """The acronym defined right after a name ending at ``end``, if it spells the name.

    >>> t = "The Chartered Institute of Purchasing and Supply (CIPS) said"
    >>> defined_acronym(t, t.index(" (CIPS)"), "Chartered Institute of Purchasing and Supply")
    'CIPS'
    >>> t = "the Palestinian Authority, known as the PA, said"
    >>> defined_acronym(t, t.index(", known"), "Palestinian Authority")
    'PA'
    """
    found = _DEFINITION.match(text, end)
    if found and initials_match(found.group(1), name):
        return found.group(1)
    return None
