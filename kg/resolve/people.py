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

from collections import defaultdict

from kg.resolve.names import (SURNAME_THRESHOLD, _part_match, compatible_people, family_first,
                              genders_agree, similar)

__all__ = ["full_fits", "part_fits", "surname", "PeopleIndex"]

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


class PeopleIndex:
    """People (objects with ``tokens``) in the order they were added, and the few of them
    each rule above can fit, so a name is compared with those and not with everyone: an
    article of 300,000 characters has hundreds of people and thousands of their names.
    Candidates come in the order added, so every rule finds what it finds over all people.

    >>> from types import SimpleNamespace as P
    >>> people = PeopleIndex()
    >>> for name in ("gordon brown", "tony blair", "kim jong un"):
    ...     people.add(P(tokens=tuple(name.split()), gender=None))
    >>> [p.tokens[-1] for p in people.for_full(("g", "brown"))], [p.tokens[-1] for p in people.for_part("kim")]
    (['brown'], ['un'])
    """

    def __init__(self):
        self.people: list = []
        self._by_last: dict[str, list[int]] = defaultdict(list)  # last name part -> positions
        self._by_first: dict[str, list[int]] = defaultdict(list)
        self._by_initial: dict[str, list[int]] = defaultdict(list)  # surname's first letter
        self._lasts_like: dict[str, list[str]] = {}  # last part -> known last parts it matches

    def add(self, person) -> None:
        position, tokens = len(self.people), person.tokens
        self.people.append(person)
        if tokens[-1] not in self._by_last:
            for last, like in self._lasts_like.items():
                if _part_match(last, tokens[-1]):
                    like.append(tokens[-1])
        self._by_last[tokens[-1]].append(position)
        self._by_first[tokens[0]].append(position)
        if (last := surname(tokens)) is not None:
            self._by_initial[last[:1]].append(position)

    def for_full(self, tokens: tuple[str, ...]) -> list:
        """Everyone :func:`full_fits` may fit: a matching last part, or the same first part."""
        like = self._lasts_like.get(tokens[-1])
        if like is None:
            like = self._lasts_like[tokens[-1]] = [s for s in self._by_last if _part_match(tokens[-1], s)]
        return self._at(*(self._by_last[s] for s in like), self._by_first.get(tokens[0], ()))

    def for_part(self, part: str) -> list:
        """Everyone :func:`part_fits` may fit: a surname with the same first letter, or a
        name starting with ``part``."""
        return self._at(self._by_initial.get(part[:1], ()), self._by_first.get(part, ()))

    def first_or_last(self, part: str) -> list:
        """Everyone whose first or last name part is ``part``."""
        return self._at(self._by_first.get(part, ()), self._by_last.get(part, ()))

    def _at(self, *positions) -> list:
        return [self.people[i] for i in sorted({i for group in positions for i in group})]
