"""Reading the noun phrase around a mention, for the typed-relation rules
(:mod:`kg.extract.roles`, :mod:`kg.extract.place_roles`).

>>> sorted(PLACES)
['FAC', 'GPE', 'LOC']
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator

from spacy.tokens import Token

from kg.extract.wordlists import ROLE_TITLES
from kg.types import Mention

PEOPLE = frozenset({"PERSON"})
BODIES = frozenset({"ORG", "GPE", "NORP"})
PLACES = frozenset({"GPE", "LOC", "FAC"})
_NP_DEPS = frozenset({"compound", "amod", "nmod", "poss", "npadvmod", "nummod", "case", "punct",
                      "hmod", "hyph", "det", "quantmod"})


def entity(token: Token, index, labels: frozenset[str], own: Mention) -> Mention | None:
    """The mention at ``token`` when it has one of ``labels`` and is not ``own``, and is not
    an office NER typed an organisation (see :func:`names_an_office`)."""
    mention = index.at(token)
    if mention is None or mention.label not in labels or \
            (mention.start, mention.end) == (own.start, own.end):
        return None
    if mention.label == "ORG" and names_an_office(mention.text):
        return None
    return mention


# Words naming a ministry's field in an office's title: "Home Secretary", "Foreign Minister".
_OFFICE_FIELDS = frozenset("home foreign defence defense interior health education transport "
                           "environment culture justice trade energy".split())


def names_an_office(text: str) -> bool:
    """Whether an "organisation" NER found is an office, not a body one works for: ``Solicitor
    General Jo Smith`` holds an office, she does not work for a ``Solicitor General``;
    ``Home Secretary Jo Smith`` does not work for ``Home``.

    >>> names_an_office("Solicitor General"), names_an_office("Home"), names_an_office("Home Office")
    (True, True, False)
    """
    words = text.lower().split()
    return bool(words) and (words[-1] in ROLE_TITLES or len(words) == 1 and words[0] in _OFFICE_FIELDS)


def prep_objects(tokens: Iterable[Token], preps: Collection[str]) -> Iterator[tuple[Token, Token]]:
    """``(preposition, object)`` for each of ``preps`` hanging off one of ``tokens``:
    ``director of Acme at Leeds`` -> (of, Acme), (at, Leeds).

    >>> from kg.parse import load_nlp
    >>> doc = load_nlp()("Jo Smith of Acme spoke.")
    >>> [(p.text, o.text) for p, o in prep_objects([doc[1]], {"of"})]
    [('of', 'Acme')]
    """
    for token in tokens:
        for prep in token.children:
            if prep.dep_ == "prep" and prep.lower_ in preps:
                for obj in prep.children:
                    if obj.dep_ == "pobj":
                        yield prep, obj


def modifiers(head: Token, own: Mention) -> list[Token]:
    """Tokens of ``head``'s noun phrase left of it, outside its own mention, nearest first."""
    out = [t for t in head.subtree if t.i < head.i and not own.start <= t.idx < own.end
           and _in_np(t, head)]
    return sorted(out, key=lambda t: -t.i)


def _in_np(token: Token, head: Token) -> bool:
    while token != head:
        if token.dep_ not in _NP_DEPS or token.head == token:
            return False
        token = token.head
    return True
