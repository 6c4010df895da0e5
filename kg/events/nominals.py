"""Event nouns the facts missed: ``his talks with Putin``, ``Putin's visit to Türkiye``, ``the visit``.

Open IE makes facts of clauses; many reports name an event with a noun only. An event noun
(one kg's relation table maps to an event type: talks, meeting, visit, trip, summit, attack,
deal ...) becomes a mention when the text ties a named entity to it:

* a possessive before it: ``Putin's long-anticipated visit`` (agent);
* ``with`` after it, up to four capitalized words (or the/his/her/their) before the name:
  ``talks with Russian President Vladimir Putin`` (partner);
* ``to``/``in``/``at`` after a visit or trip: ``visit to Moscow`` (place).

A definite noun with no such tie (``the visit``, ``the talks``) is a *bare* mention:
:func:`kg.events.cluster.attach_bare` joins it to the one event of its family its article
already reports, and drops it when there is none or more than one.

>>> from kg.types import Article, ArticleFacts, Entity, Mention, Resolution
>>> text = "Erdoğan hopes for a ceasefire in talks with Russian President Vladimir Putin on March 5."
>>> a = Article("a1", text, date="2020-03-02")
>>> e = Mention("a1", 0, 7, "Erdoğan", "PERSON", (0, len(text)))
>>> p = Mention("a1", 62, 75, "Vladimir Putin", "PERSON", (0, len(text)))
>>> r = Resolution({("a1", 0, 7): "erdogan", ("a1", 62, 75): "putin"},
...     {"erdogan": Entity("erdogan", "Erdoğan", "PERSON"), "putin": Entity("putin", "Putin", "PERSON")})
>>> [(m.trigger, m.type, sorted(m.participants), m.span.lo) for m in noun_mentions(ArticleFacts(a, [e, p], []), r, set())]
[('talks', 'meet', ['putin'], '2020-03-05')]
"""

from __future__ import annotations

import re
from bisect import bisect_right

from kg.events.classes import in_spans, title_case_lines
from kg.events.dates import mention_span
from kg.events.lexicon import ACTOR_LABELS, PLACE_LABELS, SUMMIT_TYPES, SYMMETRIC_TYPES
from kg.events.mentions import EventMention, _NOMINAL_PLANNED, _event_noun
from kg.extract.dates import resolve_date
from kg.types import ArticleFacts, Resolution

_WORD = re.compile(r"[A-Za-z]+")
_POSSESSIVE = re.compile(r"['’]s?\s+(?:[\w-]+\s+){0,3}$")
_WITH = re.compile(r"^\s+with\s+(?:(?:the|his|her|their|its|[A-Z][\w.-]*)\s+){0,4}$")
_TO_PLACE = re.compile(r"^\s+(?:to|in|at)\s+(?:the\s+)?$")
_DEFINITE = re.compile(r"\b(?:the|this|that|their|his|her|its)\s+(?:[\w-]+\s+){0,2}$", re.IGNORECASE)
_DATE_AFTER = 40  # characters after the noun phrase where its date may be written
# event nouns too vague to stand alone as a news event
_VAGUE = frozenset({"call", "support", "statement", "announcement", "warning", "opposition",
                    "criticism", "charge", "threat", "strike", "accord", "compromise"})


def noun_mentions(article_facts: ArticleFacts, resolution: Resolution,
                  taken: set[tuple[int, int]]) -> list[EventMention]:
    """Event-noun mentions of one article not already ``taken`` by a fact's trigger."""
    article = article_facts.article
    text = article.text
    # nationality words modify a name ("talks with Russian President Vladimir Putin"): not parties
    names = [m for m in article_facts.mentions if m.label in (ACTOR_LABELS | PLACE_LABELS) - {"NORP"}
             and resolution.node(m) is not None]
    found = []
    headlines = title_case_lines(text)
    spans = sorted({item.sentence for item in (*article_facts.mentions, *article_facts.facts)})
    starts = [span[0] for span in spans]
    for match in _WORD.finditer(text):
        word = match.group(0)
        lowered = word.lower()
        type_ = _event_noun(lowered)
        if type_ is None or lowered in _VAGUE or lowered.endswith("ing") and type_ != "meet":
            continue
        start, end = match.span()
        if not word[0].islower() and not word.isupper() and start and text[start - 1] != "\n" \
                and not in_spans(headlines, start):
            continue  # a capitalized word inside a line is a name, not an event noun (headlines aside)
        if (start, end) in taken or text[max(0, start - 3):start].lower() == "to ":
            continue  # "to deal with": a verb
        i = bisect_right(starts, start) - 1
        if i < 0 or not spans[i][0] <= start < spans[i][1]:
            continue  # a sentence with no entity and no fact names no participant
        sentence = spans[i]
        mention = EventMention(article.id, start, end, word, type_, sentence, predicate=word)
        reach = end  # where the noun phrase ends: after the names tied to it
        for name in names:
            if not (sentence[0] <= name.start < sentence[1]):
                continue
            node = resolution.node(name)
            kind = (resolution.entities.get(node).type if resolution.entities.get(node) else name.label)
            if name.end <= start and _POSSESSIVE.fullmatch(text[name.end:start]) and kind in ACTOR_LABELS:
                mention.participants[node] = "partner" if type_ in SYMMETRIC_TYPES else "agent"
            elif name.start >= end and _WITH.fullmatch(text[end:name.start]) and kind in ACTOR_LABELS:
                mention.participants[node] = "partner" if type_ in SYMMETRIC_TYPES else "patient"
                reach = max(reach, name.end)
            elif name.start >= end and type_ in SUMMIT_TYPES and kind in PLACE_LABELS \
                    and _TO_PLACE.fullmatch(text[end:name.start]):
                mention.place = node
                mention.participants[node] = "place"
                reach = max(reach, name.end)
        if not mention.actors and not _DEFINITE.search(text[max(sentence[0], start - 40):start]):
            continue
        clause = text[start:min(sentence[1], reach + _DATE_AFTER)]
        mention.status = "planned" if _NOMINAL_PLANNED.search(text[sentence[0]:sentence[1]]) else None
        date = resolve_date(text[reach:min(sentence[1], reach + _DATE_AFTER)], article.date,
                            future=mention.status == "planned")
        mention.span = mention_span(date, "text" if date else "article", article.date,
                                    mention.status, clause)
        found.append(mention)
    return found
