"""Which person a name can be: the matching rules shared by the article and corpus passes.

Within an article (:mod:`kg.resolve.coref`) and across articles (:mod:`kg.resolve`), a person
name is compared with the people already found by the same rules; only what a pass does with
several fitting people differs (an article's protagonist wins inside it; across articles a
name joins only the one person it fits).

- a **full name** fits a person whose name is compatible (:func:`compatible_people`) and
  whose stated gender (a title, a given name) agrees; the same full name always fits, since
  a gender guessed from the text never keeps one name apart on its own ("Ann Lee" and "Ann
  Lee" with "his" linked to her once);
- a **lone part** ("Peskov", "Mrs Howard") fits a person with that surname and an agreeing
  gender; a family name written first ("Kim") one whose name starts with it;
- a title that goes with a given name ("Prince Edward") leaves no surname: no lone "Edward"
  joins him.
"""

from __future__ import annotations

from kg.resolve.names import (SURNAME_THRESHOLD, compatible_people, family_first, genders_agree,
                              similar)

__all__ = ["full_fits", "part_fits", "surname"]

_GIVEN_NAME_KEYS = frozenset({"prince", "princess", "king", "queen", "pope", "sheikh", "emir",
                              "sir", "dame", "lady", "saint", "st", "duke", "duchess", "sultan",
                              "tsar", "archduke", "infanta", "crown"})


def surname(tokens: tuple[str, ...]) -> str | None:
    """The part a lone name may match: the last, unless the name is a title and a given name.

    >>> surname(("gordon", "brown")), surname(("prince", "edward"))
    ('brown', None)
    """
    if not tokens or (len(tokens) == 2 and tokens[0] in _GIVEN_NAME_KEYS):
        return None
    return tokens[-1]


def full_fits(tokens: tuple[str, ...], gender: str | None, people: list, forbids=None) -> list:
    """The people (objects with ``tokens`` and ``gender``) a full name can be, best first.

    >>> from types import SimpleNamespace as P
    >>> ann = P(tokens=("ann", "lee"), gender="m")  # a pronoun once said "his"
    >>> full_fits(("ann", "lee"), "f", [ann]) == [ann], full_fits(("bob", "lee"), None, [ann])
    (True, [])
    """
    fits = [p for p in people if compatible_people(tokens, p.tokens)
            and (tokens == p.tokens or genders_agree(p.gender, gender))
            and not (forbids and forbids(p))]
    if not fits:  # "Moon Jae" (cut short by the tagger) of the only "Moon Jae-in"
        fits = [p for p in people if family_first(tokens, p.tokens) and not (forbids and forbids(p))]
        fits = fits if len(fits) == 1 else []
    return fits


def part_fits(part: str, gender: str | None, people: list, forbids=None, *, fuzzy: bool = True) -> tuple[list, str]:
    """``(people, rule)`` a lone name part can be: by surname, else a leading family name.

    >>> from types import SimpleNamespace as P
    >>> brown, edward = P(tokens=("gordon", "brown"), gender="m"), P(tokens=("prince", "edward"), gender="m")
    >>> part_fits("brown", None, [brown, edward])[0] == [brown], part_fits("edward", None, [edward])[0]
    (True, [])
    """
    def ok(p) -> bool:
        return genders_agree(p.gender, gender) and not (forbids and forbids(p))

    fits = [p for p in people if (last := surname(p.tokens)) is not None and ok(p)
            and (last == part or (fuzzy and last[:1] == part[:1] and similar(part, last, SURNAME_THRESHOLD)))]
    if fits:
        return fits, "surname"
    fits = [p for p in people if family_first((part,), p.tokens) and ok(p)]
    return (fits if len(fits) == 1 else []), "family-name"
