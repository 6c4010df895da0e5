"""Event mentions: the facts of one article whose predicate is an event.

Each fact ``Erdoğan | is set to meet with | Putin`` whose relation is a happening (not a state
or a speech act, see :mod:`kg.events.lexicon`) gives a mention with its trigger (the
predicate's event word, located in the sentence: ``meet``), type (the relation), participants
with roles (agent/patient, or partners for symmetric events), date range, place and status.
Facts sharing a trigger (``Erdogan and Putin agreed``) make one mention with all participants.
An event noun after ``at``/``during`` in the predicate (``agreed at | a meeting in Sochi``) is a
mention of its own: the meeting the subjects took part in.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache
from dataclasses import dataclass, field

from kg.events.classes import fact_type, is_modifier, phrasal_class
from kg.events.dates import DateSpan, mention_span
from kg.events.lexicon import (ACTOR_LABELS, CONTROL_WORDS, FUNCTION_WORDS, NOT_EVENTS, PLACE_LABELS,
                               SETTING_PREPOSITIONS, SUMMIT_TYPES, SYMMETRIC_TYPES)
from kg.extract.relations import normalize_relation
from kg.types import ArticleFacts, Fact, Mention, Resolution

_CORE_ROLES = frozenset({"agent", "patient", "partner"})
_PREPOSITIONS = frozenset("""about after against at before by during for from in into of on onto over
through to toward towards under upon with without""".split())
_PLANNED_MODALITIES = frozenset({"planned", "intended", "future", "expected"})
_HYPOTHETICAL_MODALITIES = frozenset({"possible", "necessary", "conditional", "hypothetical"})
_DENIAL = re.compile(r"\b(den(y|ies|ied|ying)|dismiss(ed|es)? (reports|claims)|rejects? (reports|claims))\b",
                     re.IGNORECASE)
_CANCELLED = re.compile(r"\b(cancel(l?ed|s)?|called off|calls off|scrapped)\b", re.IGNORECASE)
_CONDITION = re.compile(r"\b(if|unless|whether)\b", re.IGNORECASE)
_NOMINAL_PLANNED = re.compile(r"\b(planned|upcoming|expected|anticipated|proposed|forthcoming|"
                              r"preparations?|will|would|to be held)\b", re.IGNORECASE)
# "is due to pay a visit", "plans to travel": a future the verb group may not have marked
_PLANNED_CUE = re.compile(r"\b(?:is|are|was|were|be)\s+(?:due|set|scheduled|expected|poised|slated)\s+to\s+"
                          r"(?:[\w'-]+\s+){0,4}$|\b(?:plans?|planning)\s+to\s+(?:[\w'-]+\s+){0,4}$"
                          r"|\bwill\s+(?:[\w'-]+\s+){0,4}$",
                          re.IGNORECASE)
_PLACE_GAP = re.compile(r"[^,;.:!?\"“”()]{0,70}?\b(in|at)\s+(the\s+)?([\w'’-]+\s+){0,4}$")
_OF_GAP = re.compile(r"^['’]s\b[^,;.]{0,40}\bof\s+(the\s+)?$")


@dataclass(slots=True)
class EventMention:
    """One event mention in one article (character offsets into the article text)."""

    article: str
    start: int
    end: int
    trigger: str
    type: str
    sentence: tuple[int, int]
    participants: dict[str, str] = field(default_factory=dict)  # node id -> role
    concepts: set[str] = field(default_factory=set)  # lemmas of concept participants ("soldier")
    place: str | None = None  # node id
    span: DateSpan = DateSpan()
    status: str | None = None  # happened, planned, hypothetical, negated, denied, cancelled; None = unsaid
    predicate: str = ""
    date: str | None = None  # the fact's ISO date, as extraction gave it
    ordinal: str | None = None  # "2" (the second protest), "another", "previous": see mark_ordinals
    _roles: tuple | None = field(default=None, repr=False, compare=False)  # see freeze

    @property
    def actors(self) -> set[str] | frozenset[str]:
        """Every participant but the place."""
        if (roles := getattr(self, "_roles", None)) is not None:  # unset in an older cache's pickle
            return roles[0]
        return {node for node, role in self.participants.items() if role != "place"}

    @property
    def core(self) -> set[str] | frozenset[str]:
        """The agent, patient or partners: who did it to whom, not who else the clause names."""
        if (roles := getattr(self, "_roles", None)) is not None:
            return roles[1]
        return {node for node, role in self.participants.items() if role in _CORE_ROLES}

    def freeze(self) -> EventMention:
        """Fix :attr:`actors` and :attr:`core` as they are now (frozensets), for a mention whose
        participants no longer change: clustering 2,000 articles' mentions asked for them over a
        million times, each time building the set anew. Returns the mention.

        >>> m = EventMention("a", 0, 3, "met", "meet", (0, 9), {"putin": "partner", "sochi": "place"})
        >>> sorted(m.freeze().actors), sorted(m.core)
        (['putin'], ['putin'])
        """
        self._roles = None
        self._roles = (frozenset(self.actors), frozenset(self.core))
        return self


def article_mentions(article_facts: ArticleFacts, resolution: Resolution) -> list[EventMention]:
    """The event mentions of one article, in text order.

    >>> from kg.types import Article, Entity
    >>> a = Article("a1", "Erdoğan met Putin in Moscow on March 5.", date="2020-03-06")
    >>> e, p = Mention("a1", 0, 7, "Erdoğan", "PERSON"), Mention("a1", 12, 17, "Putin", "PERSON")
    >>> m = Mention("a1", 21, 27, "Moscow", "GPE")
    >>> f = Fact("a1", e, "meet", p, "met", (0, 39), date="2020-03-05", date_source="text")
    >>> r = Resolution({("a1", 0, 7): "erdogan", ("a1", 12, 17): "putin", ("a1", 21, 27): "moscow"},
    ...     {"moscow": Entity("moscow", "Moscow", "GPE")})
    >>> [(x.trigger, x.start, x.type, x.status, x.place, sorted(x.participants))
    ...  for x in article_mentions(ArticleFacts(a, [e, p, m], [f]), r)]
    [('met', 8, 'meet', 'happened', 'moscow', ['erdogan', 'putin'])]
    """
    article = article_facts.article
    places = _ByStart([m for m in article_facts.mentions if m.label in PLACE_LABELS])
    by_span: dict[tuple[int, int], EventMention] = {}
    for fact in article_facts.facts:
        for found in _from_fact(fact, article.text, article.date, resolution, places):
            key = (found.start, found.end)
            if key in by_span:
                _absorb(by_span[key], found)
            else:
                by_span[key] = found
    return sorted(by_span.values(), key=lambda m: m.start)


def _from_fact(fact: Fact, text: str, article_date: str | None, resolution: Resolution,
               places: _ByStart) -> list[EventMention]:
    found = []
    words = fact.predicate.split()
    setting = words[-1].lower() in SETTING_PREPOSITIONS and fact.object.label == "CONCEPT" \
        and _event_noun(fact.object.lemma or "")
    if fact.relation not in NOT_EVENTS and "_" not in fact.relation:
        trigger = _trigger_word(words)
        located = _locate(trigger, fact, text) if trigger else None
        if located:
            # "checked into rehab": the class the particle makes, as for words no fact carries
            type_ = phrasal_class(text[located[0]:located[1]], text[located[1]:located[1] + 24]) or \
                fact_type(fact.relation, text[located[0]:located[1]], text[fact.sentence[0]:located[0]])
            found.append(_mention(fact, type_, located, text, article_date, resolution,
                                  places, with_object=not setting and fact.relation != "discuss"))
    if setting:  # "agreed at a meeting": the meeting, with the subject as participant
        obj = fact.object
        found.append(_mention(fact, setting, (obj.start, obj.end), text, article_date,
                              resolution, places, with_object=False, setting_of=True))
    return found


@lru_cache(maxsize=4096)
def _event_noun(lemma: str) -> str | None:
    """The event type an event noun names (``meeting`` -> ``meet``), else None."""
    lemma = lemma.lower()
    for candidate in (lemma, lemma[:-1] if lemma.endswith("s") else lemma):
        event = normalize_relation("have", noun=candidate)
        if event != "have":
            return event
    return None


def _trigger_word(words: list[str]) -> str | None:
    """The predicate's event word: an event noun a light verb carries (``hold talks``: talks),
    else its first word that is not an auxiliary, particle, control verb or adverb
    (``is set to meet with``: meet; ``reportedly fled``: fled)."""
    content = [w for w in words if w.lower() not in FUNCTION_WORDS and re.match(r"\w", w)
               and not is_modifier(w)]
    content = [w for w in content if w.lower() not in CONTROL_WORDS] or content[-1:]
    for word in content[1:]:
        if _event_noun(word):
            return word
    return content[0] if content else None


def _locate(word: str, fact: Fact, text: str) -> tuple[int, int] | None:
    """The trigger word's occurrence in the fact's sentence nearest to where its arguments are."""
    start, end = fact.sentence
    spots, at = [], text.find(word, start, end)
    while at >= 0:  # whole-word occurrences (str.find: no regex compiled per fact)
        after = at + len(word)
        if (at == 0 or not text[at - 1].isalnum()) and (after >= len(text) or not text[after].isalnum()):
            spots.append((at, after))
        at = text.find(word, at + 1, end)
    if not spots:
        return None
    s, o = fact.subject, fact.object
    anchor = (s.end + o.start) / 2 if s.end <= o.start else (o.end + s.start) / 2
    return min(spots, key=lambda span: abs(span[0] - anchor))


def _mention(fact: Fact, type_: str, trigger: tuple[int, int], text: str, article_date: str | None,
             resolution: Resolution, places: _ByStart, *, with_object: bool,
             setting_of: bool = False) -> EventMention:
    status = _status(fact, text, trigger, verbal=setting_of)
    symmetric = type_ in SYMMETRIC_TYPES
    mention = EventMention(fact.article, trigger[0], trigger[1], text[trigger[0]:trigger[1]],
                           type_, fact.sentence, status=status, predicate=fact.predicate,
                           date=fact.date)
    arguments = [(fact.subject, "partner" if symmetric else "agent")]
    if with_object:
        arguments.append((fact.object, "partner" if symmetric else "patient"))
    for argument, role in arguments:
        node = resolution.node(argument)
        if argument.label == "CONCEPT":
            # "killed soldiers" vs "killed civilians"; "police" arrested anyone. Only a direct
            # object: "arrested on suspicion", "arrested on a charge" say why, not whom; and
            # only a plural, the group an event hit: one thing is often named two ways (a
            # patch, the update; the building, a warehouse)
            lemma = argument.lemma or argument.text.lower()
            if role == "patient" and fact.predicate.split()[-1].lower() not in _PREPOSITIONS \
                    and argument.text.split()[-1].lower() != lemma.split()[-1]:
                mention.concepts.add(lemma)
        elif node is not None:
            entity = resolution.entities.get(node)
            kind = entity.type if entity else argument.label
            if role == "patient" and type_ in SUMMIT_TYPES and kind in PLACE_LABELS:
                mention.place = node  # "visit Russia": where the visit goes
                mention.participants[node] = "place"
            elif kind in PLACE_LABELS and role == "patient":
                # "the quake hit Iran", "troops shelled Idlib": where it happened, not who
                mention.place = mention.place or node
                mention.participants[node] = "place"
            elif kind in ACTOR_LABELS or kind in PLACE_LABELS:
                mention.participants[node] = role
    if mention.place is None:
        mention.place = _place_after(trigger, fact, text, resolution, places)
    sentence = text[fact.sentence[0]:fact.sentence[1]]
    # "met in Prague to discuss migration": a bare infinitive is the purpose of its clause,
    # planned relative to that clause's event, not to the report
    purpose = status == "planned" and fact.predicate.lower().startswith("to ") and fact.modality is None
    mention.span = mention_span(fact.date, fact.date_source, article_date,
                                None if purpose else status, sentence, future=status == "planned",
                                after=text[trigger[0]:fact.sentence[1]])
    return mention


def _status(fact: Fact, text: str, trigger: tuple[int, int], *, verbal: bool = False) -> str | None:
    """What the clause says of the event: negated, denied, cancelled, hypothetical, planned, happened.

    The meeting of ``agreed at a meeting`` (``verbal``) has the status of its clause. A
    nominal mention (``his visit to Moscow``) is planned when the sentence says so
    (``the planned visit``, ``will``), else its status is unsaid (None).
    """
    before = text[fact.sentence[0]:trigger[0]]
    sentence = text[fact.sentence[0]:fact.sentence[1]]
    if _DENIAL.search(before):
        return "denied"
    if fact.negated:
        return "negated"
    if _CANCELLED.search(sentence):
        return "cancelled"
    if fact.modality in _HYPOTHETICAL_MODALITIES or _CONDITION.search(before[-60:]):
        return "hypothetical"
    predicate = fact.predicate.lower()
    if fact.modality in _PLANNED_MODALITIES or predicate.startswith(("to ", "will ", "'ll ")) \
            or _PLANNED_CUE.search(before[-60:]):
        return "planned"
    if not verbal and len(predicate.split()) <= 2 and not _is_verbal(fact, text, trigger):
        return "planned" if _NOMINAL_PLANNED.search(sentence) else None
    return "happened"


def _is_verbal(fact: Fact, text: str, trigger: tuple[int, int]) -> bool:
    """A verb predicate (``met``, ``arrested``), not an event noun (``visit to``, ``talks with``)."""
    word = text[trigger[0]:trigger[1]].lower()
    return not _event_noun(word) or word.endswith("ed")


class _ByStart:
    """Mentions found by where they start, each window in the mentions' own order: a trigger
    looks at the names near it, not at every name of the article (a long article has
    thousands of each).

    >>> near = _ByStart([Mention("a", 50, 55, "Lyon", "GPE"), Mention("a", 10, 15, "Paris", "GPE")])
    >>> [m.text for m in near.between(0, 60)], [m.text for m in near.between(20, 60)]
    (['Lyon', 'Paris'], ['Lyon'])
    """

    def __init__(self, mentions: list[Mention]):
        self._mentions = mentions
        self._order = sorted(range(len(mentions)), key=lambda k: mentions[k].start)
        self._starts = [mentions[k].start for k in self._order]

    def between(self, lo: int, hi: int) -> list[Mention]:
        """The mentions starting at ``lo`` or after and before ``hi``."""
        window = self._order[bisect_left(self._starts, lo):bisect_left(self._starts, hi)]
        return [self._mentions[k] for k in sorted(window)]


def _place_after(trigger: tuple[int, int], fact: Fact, text: str, resolution: Resolution,
                 places: _ByStart) -> str | None:
    """Where the clause puts the event: the first place named after ``in``/``at`` following the
    trigger in its sentence (``met in the Russian city of Sochi``), or the place the possessive
    ``Russia's Black Sea resort of Sochi`` narrows to."""
    end = fact.sentence[1]
    after = places.between(trigger[1], end)
    for i, mention in enumerate(after):
        if _PLACE_GAP.fullmatch(text[trigger[1]:mention.start]):
            chosen = mention
            for later in after[i + 1:]:
                if _OF_GAP.match(text[chosen.end:later.start]):
                    chosen = later
            return resolution.node(chosen)
    return None


def _absorb(mention: EventMention, other: EventMention) -> None:
    """Two facts of one trigger: one mention with both facts' participants."""
    for node, role in other.participants.items():
        mention.participants.setdefault(node, role)
    mention.concepts |= other.concepts
    mention.place = mention.place or other.place
    if not mention.span.known and other.span.known:
        mention.span = other.span
    if mention.status is None:
        mention.status = other.status


_ORDINALS = {w: str(n) for n, w in enumerate(
    "first second third fourth fifth sixth seventh eighth ninth tenth".split(), 1)}
_ORDINAL_BEFORE = re.compile(
    r"\b(?:(another)|(?:a|an|the|his|her|its|their)\s+(previous|prior|earlier|past)"
    r"|(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)|(\d+)(?:st|nd|rd|th))"
    r"\s+(?:[\w'’-]+\s+){0,2}$", re.IGNORECASE)


def mark_ordinals(text: str, mentions: list[EventMention]) -> None:
    """Set each mention's ``ordinal``: what its noun phrase says of which one it is.

    ``the second protest`` is ``2``, and not the ``first rally`` of another report;
    ``another demonstration`` and ``a previous arrest`` are not the event of that kind their
    own article reports (:func:`kg.events.cluster._fits` keeps them apart).

    >>> t = "A second quake hit Lima. Another quake is feared, after his previous DUI arrest."
    >>> ms = [EventMention("a", t.index(w), t.index(w) + len(w), w, "x", (0, len(t))) for w in ("quake", "arrest")]
    >>> ms.append(EventMention("a", 33, 38, "quake", "x", (0, len(t))))
    >>> mark_ordinals(t, ms); [m.ordinal for m in ms]
    ['2', 'previous', 'another']
    """
    for mention in mentions:
        before = text[max(mention.sentence[0], mention.start - 40):mention.start]
        if match := _ORDINAL_BEFORE.search(before):
            another, previous, word, number = match.groups()
            mention.ordinal = ("another" if another else previous and "previous" or
                               _ORDINALS.get((word or "").lower()) or number)


def date_by_clause(mentions: list[EventMention], article_date: str | None) -> None:
    """A noun mention whose status is unsaid and whose date only its report gives (a window
    around the article date) happened before the report when its sentence says another event
    happened: ``Police detained 40 people on Saturday during a climate protest`` reports a
    past protest, not the one ``planned for next Saturday`` in another article.

    >>> a, b = (EventMention("a", s, s + 4, w, t, (0, 60), status=st) for s, w, t, st in
    ...         ((7, "held", "arrest", "happened"), (40, "protest", "protest", None)))
    >>> a.span = b.span = mention_span(None, "article", "2024-05-06", None, "")
    >>> date_by_clause([a, b], "2024-05-06"); (b.span.lo, b.span.hi)
    ('2024-04-05', '2024-05-06')
    """
    if not article_date:
        return
    happened = {m.sentence for m in mentions if m.status == "happened"}
    for mention in mentions:
        if mention.status is None and mention.span.precision == "window" and mention.sentence in happened:
            mention.span = mention_span(None, "article", article_date, "happened", "")
