"""Which event class a word names (:data:`kg.events.lexicon.EVENT_CLASSES`), by its lemmas.

Lemmas come from ``lemminflect`` (a lexicon of English inflections), so a word found in the
text is classed without a parse: ``arrests`` -> ``arrest``, ``shot`` -> ``attack``.

>>> word_class("detained"), word_class("quakes"), word_class("dead"), word_class("table")
('arrest', 'quake', 'kill', None)
>>> fact_type("attack", "struck", "A magnitude 6.8 earthquake ")
'quake_occurrence'
>>> fact_type("attack", "struck", "Rescuers reached the town after the quake, which ")
'quake_occurrence'
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from kg.events.lexicon import EVENT_CLASSES, OCCURRENCE_VERBS, PHRASAL_VERBS

_CLASS_OF = {lemma: name for name, words in EVENT_CLASSES.items() for lemma in words.split()}
# forms lemminflect reads otherwise: "shot dead" (an adjective), "was hanged" (not "hung")
_ADJECTIVES = {"dead": "die", "hanged": "execute"}


@lru_cache(maxsize=65536)
def word_lemma(word: str) -> str | None:
    """The class lemma a word is a form of (``arrests`` -> ``arrest``), else None."""
    lowered = word.lower()
    if lowered in _CLASS_OF:
        return lowered
    if lowered in _ADJECTIVES:
        return _ADJECTIVES[lowered]
    found = lemmas(lowered)
    for pos in ("VERB", "NOUN"):
        for lemma in found.get(pos, ()):
            if lemma in _CLASS_OF:
                return lemma
    return None


@lru_cache(maxsize=65536)
def lemmas(word: str) -> dict[str, tuple[str, ...]]:
    """lemminflect's lemmas of a lower-case word by part of speech (asked once per word:
    each call copies its tables)."""
    from lemminflect import getAllLemmas

    return getAllLemmas(word)


@lru_cache(maxsize=65536)
def word_class(word: str) -> str | None:
    """The event class of a word as written, else None."""
    lemma = word_lemma(word)
    return _CLASS_OF.get(lemma) if lemma else None


@lru_cache(maxsize=65536)
def is_modifier(word: str) -> bool:
    """Whether a word can only be an adverb or adjective (``usually``, ``allegedly``), so never
    names an event itself: ``Microsoft usually releases patches`` is a release.

    >>> is_modifier("reportedly"), is_modifier("rally"), is_modifier("dead"), is_modifier("Tbilisi")
    (True, False, False, False)
    """
    found = lemmas(word.lower())
    return bool(found) and "VERB" not in found and "NOUN" not in found and word_class(word) is None


@lru_cache(maxsize=65536)
def is_verb_form(word: str) -> bool:
    """Whether the word as written can only be a verb form (``fired``; not ``fires``)."""
    found = lemmas(word.lower())
    return "VERB" in found and "NOUN" not in found


def fact_type(relation: str, trigger: str, before: str = "") -> str:
    """The event class of a mention: a verb of occurrence right after an event noun is that
    class's :func:`occurrence_type` (``the earthquake struck``, ``a fire broke out``:
    ``quake_occurrence``, ``blaze_occurrence``), else the trigger's class, else the fact's
    relation (``meet``, or a plain verb lemma).

    ``before`` is the text of the clause before the trigger.
    """
    if _occurrence(trigger):
        # "the quake, which struck at dawn" / "a quake that hit Aceh": the noun the relative
        # pronoun stands for is the subject
        before = _RELATIVE.sub(" ", before[-60:])
        clause = re.split(r"[,;:()\"“”]|\b(?:that|which|who|and|but)\b", before[-50:])[-1]
        for word in reversed(clause.split()[-4:]):
            if word.isalpha() and word_class(word) and not is_verb_form(word):
                return occurrence_type(word_class(word))
    return word_class(trigger) or relation


_RELATIVE = re.compile(r"\s*,?\s*\b(?:that|which)\s+(?:(?:also|then|has|had|was|later|first)\s+)?$")


OCCURRENCE_SUFFIX = "_occurrence"


def occurrence_type(class_: str) -> str:
    """The type of a verb saying that an event of ``class_`` took place (``a storm hit the
    coast``, ``riots broke out``): ``storm_occurrence``, a type of its own.

    Event coreference corpora (ECB+) keep the noun and its verb of occurrence apart: across
    reports ``struck``, ``hit`` and ``jolted`` are one chain and ``earthquake``, ``quake``,
    ``tremor`` another, never one; both stay of one :func:`base_type`.

    >>> occurrence_type("storm"), base_type("storm_occurrence"), base_type("storm")
    ('storm_occurrence', 'storm', 'storm')
    """
    return class_ + OCCURRENCE_SUFFIX


def base_type(type_: str) -> str:
    """The class an event type belongs to (``quake_occurrence`` -> ``quake``)."""
    return type_[:-len(OCCURRENCE_SUFFIX)] if type_.endswith(OCCURRENCE_SUFFIX) else type_


@lru_cache(maxsize=65536)
def _occurrence(trigger: str) -> bool:
    return any(lemma in OCCURRENCE_VERBS for lemma in lemmas(trigger.lower()).get("VERB", ()))


_PARTICLE = re.compile(r"^\s+(?:(?:[a-z]+self|themselves|him|her|it|them)\s+)?([a-z]+)\b")


def phrasal_class(word: str, after: str) -> str | None:
    """The class a verb takes with the particle that follows it (``checked herself into``).

    >>> phrasal_class("checked", " herself into rehab"), phrasal_class("checked", " the list")
    ('enter', None)
    """
    lemmas = _verb_lemmas(word.lower())
    if not lemmas or not (match := _PARTICLE.match(after)):
        return None
    for lemma in lemmas:
        if (lemma, match.group(1)) in PHRASAL_VERBS:
            return PHRASAL_VERBS[(lemma, match.group(1))]
    return None


def occurrence_class(word: str, before: str) -> str | None:
    """The :func:`occurrence_type` of the event noun a verb of occurrence follows (``the quake
    struck``: ``quake_occurrence``), else None."""
    if not _occurrence(word):
        return None
    found = fact_type("", word, before)
    return found or None


_PHRASAL_HEADS = frozenset(verb for verb, _ in PHRASAL_VERBS)


@lru_cache(maxsize=65536)
def _verb_lemmas(word: str) -> tuple[str, ...]:
    """Verb lemmas of a word that head a phrasal event verb (most words: none)."""
    return tuple(v for v in lemmas(word).get("VERB", ()) if v in _PHRASAL_HEADS)


_LINE_WORD = re.compile(r"[A-Za-z][A-Za-z'’]+")


@lru_cache(maxsize=4)  # an article's verbs and nouns both ask (kg.events.triggers, .nominals)
def title_case_lines(text: str) -> tuple[tuple[int, int], ...]:
    """The lines of ``text`` written in title case (headlines: most words of four letters or
    more capitalized), where a capital says nothing of a name: ``Teen Killed In Crash``.

    >>> title_case_lines("Teen Killed In Queens Crash\\nThe teen was killed on Monday in Queens.")
    ((0, 27),)
    >>> title_case_lines("Erdoğan met Putin in Moscow on March 5.")
    ()
    """
    spans, start = [], 0
    for line in text.split("\n"):
        words = [w for w in _LINE_WORD.findall(line) if len(w) >= 4]
        capitals = [w for w in words if w[0].isupper()]
        # names are capitalized in any sentence: count the capitalized common words
        common = [w for w in capitals[1:] if lemmas(w.lower())]
        if words and len(capitals) >= 0.9 * len(words) and len(common) >= 2:
            spans.append((start, start + len(line)))
        start += len(line) + 1
    return tuple(spans)


def in_spans(spans: Sequence[tuple[int, int]], offset: int) -> bool:
    """Whether ``offset`` lies in one of the sorted, disjoint ``spans``."""
    from bisect import bisect_right

    i = bisect_right(spans, (offset, float("inf"))) - 1
    return i >= 0 and spans[i][0] <= offset < spans[i][1]
