"""Normalize surface predicates into a small set of news event types.

A predicate is described by its verb lemma, and optionally the event noun of a light-verb
construction (``hold talks``, ``pay a visit``) and the preposition that introduces the
object (``meet with``). :func:`normalize_relation` maps it to an event type where the wording
allows, else to the verb lemma itself (an open set), so ``relation`` is always a lower-case
lemma usable as an RDF local name.

Event types (the documented set, kept in :mod:`kg.extract.relation_table`; see README.md):

======== ===========================================================================
meet     meet, meet with, talk with, hold talks with, have a meeting with, confer
visit    visit, pay a visit to, travel to, make a trip to, arrive in, go to (a place)
support  back, support, endorse, aid, help, assist
oppose   oppose, reject, denounce, condemn, criticize
attack   attack, strike, bomb, shell, raid, fight
kill     kill, murder, slay, assassinate
say      say, tell, state, claim, affirm
agree    agree, sign, reach (an agreement), strike (a deal)
discuss  discuss, talk about, negotiate
accuse   accuse, blame, charge
warn     warn, caution, threaten
======== ===========================================================================

>>> normalize_relation("hold", noun="talk", prep="with")
'meet'
>>> normalize_relation("pay", noun="visit", prep="to")
'visit'
>>> normalize_relation("back")
'support'
>>> normalize_relation("export")
'export'
>>> normalize_relation("file", noun="charge", prep="against")
'accuse'
>>> normalize_relation("invasion", prep="of")
'attack'
>>> normalize_relation("strike", noun="deal"), normalize_relation("strike")
('agree', 'attack')
"""

from __future__ import annotations

import re

from kg.extract.relation_table import RELATIONS, SYMMETRIC_RELATIONS  # noqa: F401 (re-exported)

# The three maps, derived from the one table (kg.extract.relation_table); never edit them here.
_VERB_EVENTS: dict[str, str] = {v: r.name for r in RELATIONS for v in r.verbs}
_VERB_PREP_EVENTS: dict[tuple[str, str], str] = {vp: r.name for r in RELATIONS for vp in r.verb_preps}
_NOUN_EVENTS: dict[str, str] = {n: r.name for r in RELATIONS for n in r.nouns}

# verbs that only carry the event of their object noun
LIGHT_VERBS = frozenset({"hold", "have", "pay", "make", "conduct", "take", "give", "launch",
                         "carry", "reach", "strike", "issue", "stage", "begin", "start",
                         "file", "level", "mount", "express", "voice", "heap", "lavish",
                         "pour", "lend"})

_LEMMA_OK = re.compile(r"[^a-z0-9_]+")


def normalize_relation(verb: str, *, noun: str | None = None, prep: str | None = None) -> str:
    """Event type for a predicate, or the cleaned verb lemma when no event type fits.

    Args:
        verb: lemma of the predicate's verb (``hold``), or of an event noun heading a
            nominal relation (``visit`` in ``Erdoğan's visit to Moscow``).
        noun: lemma of the event noun a light verb takes as its object (``talk``).
        prep: the preposition introducing the object (``with``).

    >>> normalize_relation("talk", prep="with")
    'meet'
    >>> normalize_relation("meet", prep="with")
    'meet'
    """
    key = (verb, noun, prep)
    event = _CACHE.get(key)
    if event is None:
        if len(_CACHE) > 100_000:  # an open vocabulary over a long build: stay bounded
            _CACHE.clear()
        event = _CACHE[key] = _normalize(verb.lower(), noun, prep.lower() if prep else None)
    return event


# The rules call this several times per clause with a small vocabulary of lemmas: remember.
_CACHE: dict[tuple[str, str | None, str | None], str] = {}


def _normalize(verb: str, noun: str | None, prep: str | None) -> str:
    if noun and verb in LIGHT_VERBS:
        event = _NOUN_EVENTS.get(noun.lower())
        if event:
            return event
    if prep and (verb, prep) in _VERB_PREP_EVENTS:
        return _VERB_PREP_EVENTS[(verb, prep)]
    if verb in _VERB_EVENTS:
        return _VERB_EVENTS[verb]
    if verb in _NOUN_EVENTS:
        return _NOUN_EVENTS[verb]
    return clean_lemma(verb)


def clean_lemma(text: str) -> str:
    """Lower-case ``text`` into ``[a-z0-9_]`` words joined by ``_`` (an RDF-safe local name).

    >>> clean_lemma("shoot down")
    'shoot_down'
    """
    cleaned = _LEMMA_OK.sub("_", text.lower()).strip("_")
    if not cleaned or cleaned[0].isdigit():
        cleaned = "rel_" + cleaned
    return cleaned


# The documented event types (README "Relations"): the page groups relations by them and
# ``g.facts(relation=…)`` accepts them; other relations are plain verb lemmas.
EVENT_TYPES = frozenset(_VERB_EVENTS.values())
