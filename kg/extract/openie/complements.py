"""What fills a clause's second slot, and which complements stay extras.

Helpers of :mod:`.clauses`: the preposition that joins the relation when a verb has no object
(``met with | Scholz``), a light verb's event noun (``hold talks with``), the antecedent a
relative clause takes as its object, the fallback object of a bare verb, and the n-ary extras
with their roles (``in Berlin`` -> place, ``on Tuesday`` -> time).
"""

from __future__ import annotations

from kg.extract.openie.arguments import Span3, extra_role, pobj_of, subtree_span
from kg.extract.openie.tokens import Parse
from kg.extract.openie.verbgroup import TIME_ADVS
from kg.extract.relations import LIGHT_VERBS, normalize_relation

_RELPRON = frozenset({"who", "which", "that", "whom"})
# A direction is the path of the governing verb, not where its purpose clause happens.
DIRECTIONS = frozenset({"to", "from", "into", "onto", "toward", "towards"})
# Sentence adverbials that look like complements but say nothing about the event.
_DISCOURSE = frozenset({("for", "instance"), ("for", "example"), ("in", "addition"),
                        ("in", "fact"), ("of", "course"), ("in", "particular"), ("at", "least"),
                        ("in", "turn"), ("in", "contrast"), ("on", "average"), ("as", "well")})
_NOUN_MODS = frozenset({"det", "poss", "nummod", "compound", "amod", "quantmod"})
_FALLBACK = frozenset({"advmod", "xcomp", "advcl", "npadvmod", "acomp", "oprd", "dep"})


def first_prep(p: Parse, x: int, preps: list[int]) -> int | None:
    """The preposition that joins the relation when there is no object.

    ``was killed by Y``: the agent wins; else the first preposition after the verb.
    """
    for c in preps:
        if p.dep[c] == "agent":
            return c
    right = [c for c in preps if c > x and p.dep[c] == "prep"]
    return right[0] if right else None


def event_noun(p: Parse, noun: int) -> bool:
    """A light verb's event noun with no complement of its own: ``hold talks``, ``held a summit``."""
    verb = p.head[noun]
    return (p.lemma[verb] in LIGHT_VERBS and p.pos[noun] == "NOUN"
            and normalize_relation(p.lemma[verb], noun=p.lemma[noun]) != p.lemma[verb]
            and p.kid(noun, "conj", "prep", "relcl", "acl", "appos") is None)


def light_prep(p: Parse, noun: int) -> int | None:
    """``hold talks with X``: the preposition after the noun of a verb+noun predicate.

    Two kinds qualify: an event noun a light verb only carries (``pay a visit to``), and a
    bare common noun (no determiner or number) that names the action with its verb
    (``filed charges against``, ``imposed sanctions on``). ``of`` introduces the noun's own
    complement (``the work of all three``), so it never joins the relation.
    """
    verb = p.head[noun]
    event = normalize_relation(p.lemma[verb], noun=p.lemma[noun]) != p.lemma[verb]
    bare = p.pos[noun] == "NOUN" and not any(p.dep[c] in _NOUN_MODS for c in p.children[noun])
    if not (event or bare):
        return None
    for c in p.children[noun]:
        if p.dep[c] == "prep" and c > noun and p.lower[c] != "of" and pobj_of(p, c) is not None:
            return c
    if event:
        return _verb_recipient(p, verb, noun)
    return None


_RECIPIENT_PREPS = frozenset({"to", "on", "against"})


def _verb_recipient(p: Parse, verb: int, noun: int) -> int | None:
    """``gave his support to X``, ``heaped praise on X``: the parser hangs the recipient on the
    verb, not the event noun; it is still the event's object, unless it says when or where
    (``held talks on Tuesday``)."""
    for c in p.children[verb]:
        if c > noun and p.dep[c] in ("prep", "dative") and p.lower[c] in _RECIPIENT_PREPS \
                and pobj_of(p, c) is not None and extra_role(p, *subtree_span(p, c)) == "other":
            return c
    return None


def fallback_object(p: Parse, x: int) -> Span3 | None:
    """With no object at all, an adverbial complement after the verb: ``will work together``."""
    for c in p.children[x]:
        if c > x and p.dep[c] in _FALLBACK and p.lower[c] not in TIME_ADVS:
            return subtree_span(p, c)
    return None


def relative_object(p: Parse, v: int) -> int | None:
    """``the match which Keibler lost``: the antecedent is the object of the relative clause."""
    if p.dep[v] != "relcl":
        return None
    for c in p.children[v]:
        if p.dep[c] == "dobj" and p.lower[c] in _RELPRON:
            return p.head[v]
    return None


def extras_of(p: Parse, preps: list[int], adverbials: list[int]) -> list[tuple[str, Span3]]:
    """Prepositional, temporal and adverbial complements of a verb group, with roles, in
    text order (``preps`` and ``adverbials`` as :class:`.verbgroup.VerbGroup` lists them).
    """
    out = []
    lower = p.lower
    for c in preps:
        o = pobj_of(p, c)
        if (lower[c], lower[o] if o is not None else "") in _DISCOURSE:
            continue
        s = subtree_span(p, c)
        out.append((extra_role(p, *s), s))
    for c in adverbials:
        s = subtree_span(p, c)
        out.append((extra_role(p, *s), s))
    if len(out) > 1:
        out.sort(key=_start)
    return out


def _start(rs: tuple[str, Span3]) -> int:
    return rs[1][0]
