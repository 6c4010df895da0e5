"""Event words no fact carries: ``was killed``, ``the quake``, ``a shooting``, ``arrests``.

Open IE makes facts of clauses between two arguments, and many event mentions are not such a
clause: an intransitive verb (``three people died``), a passive with no agent, an event noun
with no tie to a name. Every word whose lemma belongs to an event class
(:data:`kg.events.lexicon.EVENT_CLASSES`, lemmas by ``lemminflect``, no parse needed) in a
sentence of the article becomes a mention, unless a fact's trigger or an event noun's
mention already took it:

* its **participants** are the entities whose clause it heads (extraction records the verb
  heading each entity mention's clause: ``Police detained 40 people in Lyon`` gives
  ``Lyon`` to ``detained``), and for a noun the names tied to it (``the arrest of Smith``,
  ``Smith's arrest``, ``the quake in Chile``);
* its **place** the first place after ``in``/``at`` in its clause;
* its **date** the time expression just after it, else the article's window;
* its **status** what the words before it say (``no arrests``: negated; ``will``: planned).

A capitalized word inside a line is a name (``Fire Brigade``, ``March``), not a trigger, except
in a title-case headline (``Teen Killed In Crash``);
words that are too often something else (``fired``, ``beat``) count only where a parse made
them a clause's verb.

>>> from kg.types import Article, ArticleFacts, Entity, Mention, Resolution
>>> text = "Police arrested two men in Lyon on Saturday. No one was killed."
>>> a = Article("a1", text, date="2024-05-06")
>>> lyon = Mention("a1", 27, 31, "Lyon", "GPE", (0, 44), dep="pobj", clause=7, verb="arrest")
>>> r = Resolution({("a1", 27, 31): "lyon"}, {"lyon": Entity("lyon", "Lyon", "GPE")})
>>> [(m.trigger, m.type, m.place, m.status, m.span.lo) for m in word_mentions(ArticleFacts(a, [lyon]), r, set())]
[('arrested', 'arrest', 'lyon', 'happened', '2024-05-04'), ('killed', 'kill', None, 'negated', '2024-04-05')]
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

from kg.events.classes import (_occurrence, _verb_lemmas, in_spans, is_verb_form, occurrence_class,
                               phrasal_class, title_case_lines, word_class, word_lemma)
from kg.events.dates import mention_span
from kg.events.lexicon import (ACTOR_LABELS, NEED_NOUN, NEED_VERB, PLACE_LABELS,
                               SUMMIT_TYPES, SYMMETRIC_TYPES)
from kg.events.mentions import (_CONDITION, _DENIAL, _NOMINAL_PLANNED, _PLACE_GAP, EventMention,
                                _ByStart, _event_noun)
from kg.extract.dates import resolve_date
from kg.types import ArticleFacts, Mention, Resolution

_WORD = re.compile(r"[A-Za-z]+")
_NEGATION = re.compile(r"\b(no|not|never|without|n't|nor)\s+(?:[\w'-]+\s+){0,2}$", re.IGNORECASE)
_PLANNED_BEFORE = re.compile(r"\b(will|would|shall|to|plans?|planned|planning|expected|due|"
                             r"upcoming|proposed|possible|potential|threat(?:ened)?)\s+(?:[\w'-]+\s+){0,2}$",
                             re.IGNORECASE)
_POSSESSIVE = re.compile(r"['’]s?\s+(?:[\w-]+\s+){0,2}$")
_TIE_AFTER = re.compile(r"^\s+(?:of|with|against|by|on)\s+(?:(?:the|his|her|their|its|[A-Z][\w.-]*)\s+){0,4}$")
_PLACE_AFTER = re.compile(r"^\s+(?:in|at|near|outside|on|off)\s+(?:(?:the|[A-Z][\w.-]*|[a-z]+ of)\s+){0,3}$")
_DATE_WINDOW = 40
_PATIENT_DEPS = frozenset({"dobj", "nsubjpass", "obj", "attr"})
_AGENT_DEPS = frozenset({"nsubj", "agent", "csubj"})


def word_mentions(article_facts: ArticleFacts, resolution: Resolution,
                  taken: set[tuple[int, int]]) -> list[EventMention]:
    """The mentions of event-class words of one article not ``taken`` already, in text order."""
    article = article_facts.article
    text = article.text
    spans = sorted({item.sentence for item in (*article_facts.mentions, *article_facts.facts)})
    starts = [span[0] for span in spans]
    by_clause: dict[int, list[Mention]] = {}
    named: list[Mention] = []
    for m in article_facts.mentions:
        if resolution.node(m) is None:
            continue
        if m.clause >= 0:
            by_clause.setdefault(m.clause, []).append(m)
        if m.label in ACTOR_LABELS | PLACE_LABELS and m.label != "NORP":
            named.append(m)
    nearby = _ByStart(named)
    verbs = set(by_clause) | {m.governor for m in article_facts.mentions if m.governor >= 0}
    taken_starts = {start for start, _ in taken}
    headlines = title_case_lines(text)
    found = []
    for match in _WORD.finditer(text):
        word = match.group(0)
        kind = _candidate(word)
        if kind is None:
            continue
        start, end = match.span()
        if start in taken_starts or (start, end) in taken:
            continue
        if not word.islower() and not word.isupper() and start and text[start - 1] != "\n" \
                and not in_spans(headlines, start):
            continue  # a capitalized word inside a line is a name ("Fire Brigade", "March 5")
        i = bisect_right(starts, start) - 1
        sentence = spans[i] if i >= 0 and spans[i][0] <= start < spans[i][1] else \
            _sentence_around(text, start)
        if kind == "phrasal":
            type_ = phrasal_class(word, text[end:end + 24]) or occurrence_class(word, text[sentence[0]:start])
        elif kind == "occurrence":
            type_ = occurrence_class(word, text[sentence[0]:start])
        else:  # "quake strikes": a verb of occurrence after an event noun, not the noun "strikes"
            type_ = (occurrence_class(word, text[sentence[0]:start]) if _occurrence(word) else None) or kind
        if type_ is None:
            continue
        lowered = word.lower()
        lemma = word_lemma(word)
        if lemma in NEED_VERB and start not in verbs:
            continue
        if lemma in NEED_NOUN and is_verb_form(lowered):
            continue  # "fired", "marched": "fire" and "march" count as nouns only
        mention = EventMention(article.id, start, end, word, type_, sentence, predicate=lowered)
        _participants(mention, by_clause.get(start, ()), nearby, text, resolution)
        before = text[max(sentence[0], start - 60):start]
        mention.status = _status(before, text[sentence[0]:sentence[1]], verbal=start in verbs)
        after = text[end:min(sentence[1], end + _DATE_WINDOW)]
        date = resolve_date(after, article.date, future=mention.status == "planned")
        mention.span = mention_span(date, "text" if date else "article", article.date,
                                    mention.status, text[start:min(sentence[1], end + _DATE_WINDOW)])
        found.append(mention)
    return found


def add_clause_participants(article_facts: ArticleFacts, resolution: Resolution,
                            mentions: list[EventMention]) -> None:
    """Give mentions found from facts the other names of their clause and its place too
    (``the earthquake struck the city of Arequipa``: the fact's object is a phrase, the
    clause still places the quake in Arequipa)."""
    by_clause: dict[int, list[Mention]] = {}
    for m in article_facts.mentions:
        if m.clause >= 0 and resolution.node(m) is not None:
            by_clause.setdefault(m.clause, []).append(m)
    for mention in mentions:
        clause = [m for m in by_clause.get(mention.start, ()) if resolution.node(m) not in mention.participants]
        if clause:
            _participants(mention, clause, _ByStart([]), article_facts.article.text, resolution)


@lru_cache(maxsize=65536)
def _candidate(word: str) -> str | None:
    """What a word may be, from the word alone: its event class; ``phrasal`` (a verb whose
    particle may make it one: ``checked``); ``occurrence`` (a verb of occurrence: ``struck``);
    None for the many words that are none of these."""
    found = word_class(word) or (_event_noun(word.lower()) if word.islower() else None)
    if found:
        return found
    if _verb_lemmas(word.lower()):
        return "phrasal"
    if _occurrence(word):
        return "occurrence"
    return None


def _sentence_around(text: str, offset: int) -> tuple[int, int]:
    """The sentence around ``offset`` where no extracted sentence covers it: from the last
    sentence end or line break before it to the next one after it."""
    start = max(text.rfind(". ", 0, offset) + 2, text.rfind("\n", 0, offset) + 1, 0)
    ends = [i for i in (text.find(". ", offset), text.find("\n", offset)) if i >= 0]
    return start, (min(ends) + 1 if ends else len(text))


def _participants(mention: EventMention, clause: list[Mention] | tuple, named: _ByStart,
                  text: str, resolution: Resolution) -> None:
    """Fill the mention's participants and place from its clause (verbs) or its ties (nouns)."""
    symmetric = mention.type in SYMMETRIC_TYPES
    for m in clause:
        node = resolution.node(m)
        entity = resolution.entities.get(node)
        kind = entity.type if entity else m.label
        if kind in PLACE_LABELS and m.dep not in _AGENT_DEPS:
            if mention.place is None and (m.dep == "pobj" or mention.type in SUMMIT_TYPES):
                mention.place = node
                mention.participants[node] = "place"
        elif kind in ACTOR_LABELS:  # a pronoun or description: its antecedent's type
            core = m.dep in _AGENT_DEPS or m.dep in _PATIENT_DEPS
            if kind == "NORP" and not core:
                continue  # "Turkish President Erdoğan": a nationality word modifying a name
            role = "other" if not core else "partner" if symmetric else \
                "agent" if m.dep in _AGENT_DEPS else "patient"
            mention.participants.setdefault(node, role)
    start, end, (s0, s1) = mention.start, mention.end, mention.sentence
    for m in named.between(max(s0, start - 60), min(s1, end + 61)):
        node = resolution.node(m)
        entity = resolution.entities.get(node)
        kind = entity.type if entity else m.label
        if kind in PLACE_LABELS and m.start >= end and mention.place is None \
                and _PLACE_AFTER.fullmatch(text[end:m.start]):
            mention.place = node
            mention.participants[node] = "place"
        elif kind in ACTOR_LABELS and m.end <= start and _POSSESSIVE.fullmatch(text[m.end:start]):
            mention.participants.setdefault(node, "partner" if symmetric else "agent")
        elif kind in ACTOR_LABELS and m.start >= end and _TIE_AFTER.fullmatch(text[end:m.start]):
            mention.participants.setdefault(node, "partner" if symmetric else "patient")
    if mention.place is None:
        for m in named.between(end, s1):
            node = resolution.node(m)
            entity = resolution.entities.get(node)
            if (entity.type if entity else m.label) in PLACE_LABELS \
                    and _PLACE_GAP.fullmatch(text[end:m.start]):
                mention.place = node
                mention.participants[node] = "place"
                break


def _status(before: str, sentence: str, *, verbal: bool) -> str | None:
    """What the words before a trigger say of it; a noun with no cue leaves it unsaid (None).

    >>> _status("Police made no ", "", verbal=False), _status("He will be ", "", verbal=True)
    ('negated', 'planned')
    """
    if _DENIAL.search(before):
        return "denied"
    if _NEGATION.search(before):
        return "negated"
    if _CONDITION.search(before):
        return "hypothetical"
    if _PLANNED_BEFORE.search(before):
        return "planned"
    if not verbal:
        return "planned" if _NOMINAL_PLANNED.search(sentence) else None
    return "happened"
