"""Nominal events: nouns that name an event between participants.

``Erdoğan's visit to Moscow`` -> ``Erdoğan | visit to | Moscow`` (lemma ``visit``);
``talks between Putin and Erdoğan`` -> ``Putin | talks between | Erdoğan`` (lemma ``meet``);
``the attack on the convoy by rebels`` -> ``rebels | attack on | the convoy`` (lemma ``attack``).
The agent is the possessor (``Erdoğan's``) or the ``by`` phrase; the other participant is the
object of the noun's preposition. Only event nouns of a closed list qualify, and a tuple needs
both participants, since the graph links two entities.
"""

from __future__ import annotations

from kg.extract.openie.arguments import Span3, extra_role, noun_span, pobj_of, subtree_span
from kg.extract.openie.clauses import Clause
from kg.extract.openie.tokens import Parse
from kg.extract.relations import normalize_relation

# Nouns naming an event with participants (closed class: meetings, travel, conflict, accords).
EVENT_NOUNS = frozenset({
    "visit", "trip", "tour", "journey", "talk", "talks", "meeting", "summit", "discussion",
    "negotiation", "conversation", "call", "attack", "strike", "offensive", "invasion",
    "assault", "raid", "bombing", "agreement", "deal", "accord", "treaty", "support",
    "opposition", "condemnation", "criticism", "accusation", "warning", "threat", "arrest",
    "killing", "assassination", "murder", "meet", "phone"})
# Event nouns whose possessor is the one it happens to ("Kennedy's assassination by Oswald").
PATIENT_NOUNS = frozenset({"killing", "assassination", "murder", "arrest", "execution"})
# Prepositions that introduce the other participant ("visit to", "talks with", "attack on").
_PARTICIPANT_PREPS = ("with", "to", "on", "against", "between", "in", "of", "for")
_PRONOUN_POSS = frozenset({"his", "her", "its", "their", "our", "my", "your"})


def nominal_clauses(p: Parse, lo: int, hi: int) -> list[Clause]:
    """Tuples for every event noun of the sentence ``lo..hi`` with two participants.

    >>> from spacy.lang.en import English
    >>> from spacy.tokens import Doc
    >>> doc = Doc(English().vocab, words=["Ali", "'s", "visit", "to", "Oslo"], heads=[2, 0, 2, 2, 3],
    ...           deps=["poss", "case", "ROOT", "prep", "pobj"],
    ...           pos=["PROPN", "PART", "NOUN", "ADP", "PROPN"],
    ...           lemmas=["Ali", "'s", "visit", "to", "Oslo"])
    >>> p = Parse(doc); c = nominal_clauses(p, 0, 5)[0]
    >>> p.text_of(*c.arg1[:2]), c.lemma, p.text_of(*c.arg2[:2])
    ('Ali', 'visit', 'Oslo')
    """
    out: list[Clause] = []
    for n in range(lo, hi):
        if p.pos[n] != "NOUN" or p.lemma[n] not in EVENT_NOUNS:
            continue
        out.extend(_event(p, n))
    return out


def _event(p: Parse, n: int) -> list[Clause]:
    agents: list[Span3] = []
    poss = p.kid(n, "poss")
    if poss is not None and p.lower[poss] not in _PRONOUN_POSS:
        agents.append(noun_span(p, poss, cut=frozenset({"case", "relcl", "appos", "punct"})))
    preps = [c for c in p.children[n] if p.dep[c] == "prep" and c > n and pobj_of(p, c) is not None]
    by = next((c for c in preps if p.lower[c] == "by"), None)
    if not agents and by is not None:
        agents.append(noun_span(p, pobj_of(p, by)))
    target = next((c for c in preps if p.lower[c] in _PARTICIPANT_PREPS), None)
    if p.lemma[n] in PATIENT_NOUNS and agents and by is not None and target is None:
        # "Kennedy's assassination by Oswald": the possessor is the victim
        return _patient_first(p, n, agents[0], by)
    if target is None:
        return []
    obj = pobj_of(p, target)
    objects = [noun_span(p, o) for o in _coordinated(p, obj)]
    if p.lower[target] == "between" and not agents and len(objects) >= 2:
        agents, objects = objects[:1], objects[1:]  # "talks between X and Y": X with Y
    if not agents or not objects:
        return []
    extras = [(extra_role(p, *s), s) for s in (subtree_span(p, c) for c in preps
                                               if c not in (target, by))]
    lemma = normalize_relation(p.lemma[n], prep=p.lower[target])
    rel = [n, target]
    return [Clause("nominal", rel, n, a, o, extras, lemma, subj_how="own",
                   split=len(objects) > 1) for a in agents for o in objects]


def _patient_first(p: Parse, n: int, patient: Span3, by: int) -> list[Clause]:
    agent = noun_span(p, pobj_of(p, by))
    lemma = normalize_relation(p.lemma[n])
    return [Clause("nominal", [n, by], n, agent, patient, [], lemma, subj_how="own")]


def _coordinated(p: Parse, head: int) -> list[int]:
    """``Putin and Erdoğan`` -> both heads (the first conjunct keeps no ``and Y`` tail)."""
    out = [head]
    for c in p.children[head]:
        if p.dep[c] == "conj":
            out.append(c)
    return out
