"""Which event class a word names (:data:`kg.events.lexicon.EVENT_CLASSES`), by its lemmas.

Lemmas come from ``lemminflect`` (a lexicon of English inflections), so a word found in the
text is classed without a parse: ``arrests`` -> ``arrest``, ``shot`` -> ``attack``.

>>> word_class("detained"), word_class("quakes"), word_class("dead"), word_class("table")
('arrest', 'quake', 'kill', None)
>>> fact_type("attack", "struck", "A magnitude 6.8 earthquake ")
'quake'
"""

from __future__ import annotations

import re
from functools import lru_cache

from kg.events.lexicon import EVENT_CLASSES, OCCURRENCE_VERBS

_CLASS_OF = {lemma: name for name, words in EVENT_CLASSES.items() for lemma in words.split()}
_ADJECTIVES = {"dead": "die"}  # adjectives that name an event's result ("shot dead")


@lru_cache(maxsize=65536)
def word_lemma(word: str) -> str | None:
    """The class lemma a word is a form of (``arrests`` -> ``arrest``), else None."""
    lowered = word.lower()
    if lowered in _CLASS_OF:
        return lowered
    if lowered in _ADJECTIVES:
        return _ADJECTIVES[lowered]
    from lemminflect import getAllLemmas

    for pos in ("VERB", "NOUN"):
        for lemma in getAllLemmas(lowered, upos=pos).get(pos, ()):
            if lemma in _CLASS_OF:
                return lemma
    return None


def word_class(word: str) -> str | None:
    """The event class of a word as written, else None."""
    lemma = word_lemma(word)
    return _CLASS_OF.get(lemma) if lemma else None


@lru_cache(maxsize=65536)
def is_verb_form(word: str) -> bool:
    """Whether the word as written can only be a verb form (``fired``; not ``fires``)."""
    from lemminflect import getAllLemmas

    found = getAllLemmas(word.lower())
    return "VERB" in found and "NOUN" not in found


def fact_type(relation: str, trigger: str, before: str = "") -> str:
    """The event class of a mention: a verb of occurrence right after an event noun names
    that event (``the earthquake struck``, ``a fire broke out``: quake, blaze), else the
    trigger's class, else the fact's relation (``meet``, or a plain verb lemma).

    ``before`` is the text of the clause before the trigger.
    """
    if _occurrence(trigger):
        clause = re.split(r"[,;:()\"“”]|\b(?:that|which|who|and|but)\b", before[-50:])[-1]
        for word in reversed(clause.split()[-4:]):
            if word.isalpha() and word_class(word) and not is_verb_form(word):
                return word_class(word)
    return word_class(trigger) or relation


@lru_cache(maxsize=4096)
def _occurrence(trigger: str) -> bool:
    from lemminflect import getAllLemmas

    lemmas = getAllLemmas(trigger.lower(), upos="VERB").get("VERB", ())
    return any(lemma in OCCURRENCE_VERBS for lemma in lemmas)
