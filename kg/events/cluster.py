"""Cross-article event resolution: event mentions -> events, each join with its reason.

A mention joins an event when all of these hold (else it starts an event of its own):

1. **type** — the same type, or both of the summit family (``meet``, ``visit``, ``discuss``,
   ``host``): a visit and the talks held during it are one event ("will visit Russia on
   Thursday to talk with Putin") when both name their place or one sentence names both;
2. **participants** — at least one named participant in common after entity resolution, and
   no two different core participants (agent, patient, partners) where both name some
   (``Keller met Novak`` and ``Keller met Lukashenko`` are two meetings; ``Jackson was arrested
   in a DUI case`` and ``Chargers receiver Jackson was arrested`` are one arrest: ``DUI`` and
   ``Chargers`` are other names of the clause, not who was arrested), unless the two look like variants of one name
   that resolution left apart (``Novak``/``Tomas Novak``, see :func:`_variant`); concept participants, where both have some
   and no named one is shared, share a lemma (``killed soldiers`` is not ``killed civilians``, but
   ``arrested the singer`` and ``arrested Brown`` are one arrest of ``Brown``'s where both name him);
3. **date** — the date ranges overlap (:mod:`kg.events.dates`: ``this week`` and ``on March 5``
   agree; a planned mention covers the weeks after its report, a happened one those before);
4. **place** — the places are the same, one lies in the other (Moscow in Russia), or one is unknown;
5. **ordinal** — not two different ordinals (``the second march`` is not ``the first rally``), and
   ``another``/``a previous`` one never joins the event of its kind its own article reports
   (``Another demonstration is planned``: not the demonstration the article is about).

A mention that shares no participant with an event may still be it when both are of one
**story** (:mod:`kg.events.stories`: articles naming the same places, people and words) and
rules 1, 3, 4 and the core-participant half of 2 hold: ``three people died`` is the deaths of
``the quake killed three`` in another article of the story. Of several such events it joins
the one of its own article, else the one of its story, else the story's main one (reported by
:data:`DOMINANT` times more articles than any other), else none: a guess would merge two.

Events are resolved within each article first (:func:`resolve_events`), then across articles
with each article's event taken whole: a place or date one mention names holds for all.

Every mention is compared with the event as a whole (its narrowest date, its most specific
place), so events never chain through loose mentions. Mentions with a date and a place are
placed first; of several events a mention fits, it joins the one its article already
reports, then one of its own type, then the one sharing most participants.

>>> from kg.events.dates import DateSpan
>>> from kg.events.mentions import EventMention
>>> a = EventMention("a", 0, 4, "meet", "meet", (0, 9), {"erdogan": "partner", "putin": "partner"},
...                  span=DateSpan("2020-03-05", "2020-03-05", "day"), place="moscow")
>>> b = EventMention("b", 9, 14, "visit", "visit", (0, 20), {"erdogan": "agent", "russia": "place"},
...                  span=DateSpan("2020-03-02", "2020-03-08", "week"), place="russia")
>>> c = EventMention("c", 0, 3, "met", "meet", (0, 9), {"erdogan": "partner", "putin": "partner"},
...                  span=DateSpan("2019-10-01", "2019-10-31", "month"), place="sochi")
>>> inside = {"moscow": {"russia"}, "sochi": {"russia"}}
>>> [sorted(m.article for m in e.mentions) for e in cluster_mentions([a, b, c], inside)]
[['c'], ['a', 'b']]
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from kg.events.dates import DateSpan, intersect, label
from kg.events.classes import base_type
from kg.events.lexicon import PLACE_ANCHORED, SUMMIT_TYPES
from kg.events.mentions import EventMention

DOMINANT = 3  # an event reported by this many times more articles than any other is the story's main one
CLOSE_REPORTS = 0.35  # mean closeness of a mention's article to an event's reports for _closest
CLOSE_MARGIN = 0.02


@dataclass(slots=True)
class Cluster:
    """Mentions of one real-world event, and why each one after the first joined."""

    mentions: list[EventMention] = field(default_factory=list)
    types: set[str] = field(default_factory=set)
    actors: set[str] = field(default_factory=set)
    core: set[str] = field(default_factory=set)  # agents, patients, partners
    concepts: set[str] = field(default_factory=set)
    place: str | None = None
    span: DateSpan = DateSpan()
    reasons: list[dict] = field(default_factory=list)
    sides: set = field(default_factory=set)  # (core, actors) of each mention naming a core participant

    def add(self, mention: EventMention, span: DateSpan, place: str | None, reason: dict | None) -> None:
        self.mentions.append(mention)
        self.types.add(mention.type)
        self.actors |= mention.actors
        self.core |= mention.core
        self.concepts |= mention.concepts
        if mention.core:
            self.sides.add((frozenset(mention.core), frozenset(mention.actors)))
        self.place, self.span = place, span
        if reason:
            self.reasons.append(reason)


def resolve_events(mentions: list[EventMention], inside: dict[str, set[str]] | None = None,
                   story_of: dict[str, int] | None = None, closeness=None,
                   decided: list | None = None) -> list[Cluster]:
    """Events of ``mentions``: first within each article (its mentions of one event, with
    what they say together: a place one names, a date another names), then across articles,
    each article's event taken as a whole, so "the quake" of an article that places it in
    Qeshm never joins a quake in Zarand; then again with the events so found taken whole (up
    to :data:`ROUNDS` passes, until none joins): two reports of one arrest that each fitted
    another report's arrest first, one naming its date, one its place, become one arrest
    once each side is seen whole, unless some rule keeps them apart. ``decided`` collects
    the decisions ``closeness`` made (:func:`_closest`)."""
    by_article: dict[str, list[EventMention]] = defaultdict(list)
    for mention in mentions:
        by_article[mention.article].append(mention.freeze())  # final from here on
    local = [c for article in sorted(by_article)
             for c in cluster_mentions(by_article[article], inside, {article: 0})]
    events = _join(local, inside, story_of, closeness, decided)
    for _ in range(ROUNDS - 1):
        again = _join(events, inside, story_of, closeness, decided)
        if len(again) == len(events):
            break
        events = again
    return events


ROUNDS = 4  # passes of joining events taken whole (the first: each article's events)


def _join(parts: list[Cluster], inside, story_of, closeness, decided=None) -> list[Cluster]:
    """Join ``parts`` (events found so far), each taken whole as one mention (:func:`_summary`)."""
    summaries = [_summary(c) for c in parts]
    index = {id(summary): n for n, summary in enumerate(summaries)}
    events = []
    for joined in cluster_mentions(summaries, inside, story_of, closeness, decided):
        event = Cluster()
        for summary in sorted(joined.mentions, key=lambda s: (s.article, s.start)):
            part = parts[index[id(summary)]]
            for mention in part.mentions:
                event.add(mention, joined.span, joined.place, None)
            event.reasons += part.reasons
            event.reasons += [r for r in joined.reasons
                              if r["article"] == summary.article and r["start"] == summary.start]
        event.span, event.place = joined.span, joined.place
        events.append(event)
    return events


def _summary(cluster: Cluster) -> EventMention:
    """One article's event as one mention: its first trigger, all its participants (core ones
    as agents, others as others), its narrowest date and most specific place."""
    first = min(cluster.mentions, key=lambda m: m.start)
    types = [m.type for m in cluster.mentions]
    participants = {node: "other" for node in cluster.actors - cluster.core}
    participants.update({node: "agent" for node in cluster.core})
    if cluster.place:
        participants[cluster.place] = "place"
    summary = EventMention(first.article, first.start, first.end, first.trigger,
                           max(sorted(set(types)), key=types.count), first.sentence, participants,
                           set(cluster.concepts), cluster.place, cluster.span, first.status).freeze()
    # the numbered ordinal, else "another" when a mention says so: kept apart from its article's
    # other event across articles too
    summary.ordinal = next((m.ordinal for m in cluster.mentions if m.ordinal and m.ordinal.isdigit()),
                           next((m.ordinal for m in cluster.mentions if m.ordinal in _OTHER_ONE), None))
    return summary


def cluster_mentions(mentions: list[EventMention], inside: dict[str, set[str]] | None = None,
                     story_of: dict[str, int] | None = None, closeness=None,
                     decided: list | None = None) -> list[Cluster]:
    """Group ``mentions`` into events; ``inside`` maps a place to the places containing it,
    ``story_of`` an article to its story, ``closeness(a, b)`` how alike two of its articles are
    (:class:`kg.events.stories.Stories`)."""
    inside, story_of = inside or {}, story_of or {}
    clusters: list[Cluster] = []
    by_actor: dict[str, list[int]] = defaultdict(list)
    by_story: dict[tuple, list[int]] = defaultdict(list)  # (story, type) -> clusters
    order = sorted(mentions, key=lambda m: (not m.actors, not m.span.lo, not m.span.known,
                                            m.place is None, m.span.lo or "", m.article, m.start))
    for mention in order:
        story = story_of.get(mention.article)
        named = {i for node in mention.actors for i in by_actor.get(node, ())}
        told = {i for t in _family_of(mention.type) for i in by_story.get((story, t), ())} \
            if story is not None else set()
        fits = []
        for i in sorted(named | told):
            fit = _fits(clusters[i], mention, inside, same_story=i in told)
            if fit is not None:
                fits.append((i, fit))
        best, best_fit = _choose(clusters, mention, fits, inside, closeness, decided)
        if best is None and fits and not mention.actors:
            continue  # no participant, and two events of its kind fit: no guess
        if best is None:
            clusters.append(Cluster())
            clusters[-1].add(mention, mention.span, mention.place, None)
            best = len(clusters) - 1
        else:
            span, place, reason = best_fit
            clusters[best].add(mention, span, place, reason)
        for node in mention.actors:
            if best not in by_actor[node]:
                by_actor[node].append(best)
        if story is not None and best not in by_story[(story, mention.type)]:
            by_story[(story, mention.type)].append(best)
    return [c for c in clusters if c.mentions]


def _shared(cluster: Cluster, mention: EventMention, inside: dict[str, set[str]] | None = None) -> set[str]:
    """Participants both name, at least one side as agent, patient or partner: two arrests in
    a "DUI" case share a word of their clauses, not who was arrested. A core participant of
    one and a :func:`_variant` of it in the other count too: ``Jackson was arrested`` and
    ``Vincent Jackson was arrested`` share him where resolution left the two names apart.
    Events no one does (:data:`~kg.events.lexicon.PLACE_ANCHORED`: a quake, a fire, a crash)
    are known by where they happen: there a place both name, or one inside the other, is
    shared (``the quake in Chiba`` and ``the earthquake that hit Chiba``)."""
    shared = (cluster.core & mention.actors) | (cluster.actors & mention.core)
    if base_type(mention.type) in PLACE_ANCHORED and cluster.place and mention.place and \
            _joint_place(cluster.place, mention.place, inside or {}):
        shared.add(cluster.place if cluster.place == mention.place else f"{mention.place}/{cluster.place}")
    for ours, theirs in ((mention.core - shared, cluster.actors), (cluster.core - shared, mention.actors)):
        shared |= {a for a in ours if any(_variant(a, b) for b in theirs - shared)}
    return shared


def _family_of(type_: str) -> tuple[str, ...]:
    return tuple(SUMMIT_TYPES) if type_ in SUMMIT_TYPES else (type_,)


def _choose(clusters: list[Cluster], mention: EventMention, fits: list,
            inside: dict[str, set[str]] | None = None, closeness=None, decided=None):
    """The event a mention joins of those it fits: the one sharing a participant (its own
    article's first, then one of its own type, then the one sharing most); with no shared
    participant, the one event of its kind in its own article, else the one of its story dated
    the same day as the mention, else the one event of its kind in its story, else the
    story's main one (reported by :data:`DOMINANT` times as many articles as any other), else
    the one whose reports are closest to the mention's article (:func:`_closest`)."""
    shared = [(i, fit) for i, fit in fits if _shared(clusters[i], mention, inside)]
    if shared:
        def key(item):
            i = item[0]
            return (any(m.article == mention.article for m in clusters[i].mentions),
                    mention.type in clusters[i].types, len(clusters[i].actors & mention.actors), -i)
        return max(shared, key=key)
    own = [(i, fit) for i, fit in fits if any(m.article == mention.article for m in clusters[i].mentions)]
    day = mention.span.lo if mention.span.lo and mention.span.lo == mention.span.hi else None
    same_day = [(i, fit) for i, fit in fits if day and clusters[i].span.lo == clusters[i].span.hi == day]
    if len(same_day) == 1 and not own:
        return same_day[0]  # of two quakes of a story, the one of the same day
    for group in (own, fits):
        if len(group) == 1:
            return group[0]
        if len(group) > 1:
            # across articles an event's reports; within its own article, its mentions
            reports = sorted(((len({m.article for m in clusters[i].mentions}) if group is fits else
                               sum(m.article == mention.article for m in clusters[i].mentions), -i, (i, fit))
                              for i, fit in group), reverse=True)
            if reports[0][0] >= DOMINANT * reports[1][0]:
                return reports[0][2]
            if group is fits and closeness is not None:
                return _closest(clusters, mention, group, closeness, decided)
            return None, None
    return None, None


def _closest(clusters: list[Cluster], mention: EventMention, group: list, closeness, decided=None):
    """Of several events of its story a mention naming no shared participant fits, the one whose
    reports are closest to its own article (:func:`closest_reports`), else none. Each decision
    is appended to ``decided`` as (article, reports, choice): :mod:`kg.events.groups` reuses a
    group's events while the closeness of a new build makes the same decisions."""
    reports = tuple(frozenset(m.article for m in clusters[i].mentions) - {mention.article} for i, _ in group)
    choice = closest_reports(mention.article, reports, closeness)
    if decided is not None:
        decided.append((mention.article, reports, choice))
    return group[choice] if choice is not None else (None, None)


def closest_reports(article: str, reports: tuple[frozenset[str], ...], closeness) -> int | None:
    """Which of ``reports`` (each event's reporting articles) lie closest to ``article``: mean
    closeness at least :data:`CLOSE_REPORTS` and :data:`CLOSE_MARGIN` above the next; of two
    quakes of one story, the one reported in articles using the same words and names as the
    mention's. None when no event is clearly closest.

    >>> near = {frozenset("ab"): 0.6, frozenset("ac"): 0.1, frozenset("ad"): 0.2}
    >>> close = lambda x, y: near.get(frozenset((x, y)), 0.0)
    >>> closest_reports("a", (frozenset("b"), frozenset("cd")), close)
    0
    >>> closest_reports("a", (frozenset("c"), frozenset("d")), close) is None
    True
    """
    scored = []
    for n, articles in enumerate(reports):
        mean = sum(closeness(article, a) for a in sorted(articles)) / len(articles) if articles else 0.0
        scored.append((mean, -n))
    scored.sort(reverse=True)
    if scored[0][0] >= CLOSE_REPORTS and scored[0][0] - scored[1][0] >= CLOSE_MARGIN:
        return -scored[0][1]
    return None


def _fits(cluster: Cluster, mention: EventMention, inside: dict[str, set[str]], *,
          same_story: bool = False):
    """(joint date span, joint place, reason) when ``mention`` can be ``cluster``'s event, else
    None. Without a shared participant only an event of the mention's story can be it."""
    if mention.type not in cluster.types and not (
            mention.type in SUMMIT_TYPES and cluster.types <= SUMMIT_TYPES):
        return None
    shared = _shared(cluster, mention, inside)
    if not shared and not same_story:
        return None
    if _conflict(cluster.core, cluster.actors, mention) or \
            any(_conflict(core, actors, mention) for core, actors in cluster.sides):
        return None
    if cluster.concepts and mention.concepts and not cluster.concepts & mention.concepts and not shared:
        return None
    if not _ordinals_agree(cluster, mention):
        return None
    span = intersect(cluster.span, mention.span)
    if span is None:
        return None
    place = _joint_place(cluster.place, mention.place, inside)
    if place is False:
        return None
    if mention.type not in cluster.types and not (
            mention.place and cluster.place or
            any(m.article == mention.article and m.sentence == mention.sentence for m in cluster.mentions)):
        return None  # a visit is the talks it hosts only where both say where, or one sentence says both
    types = "same type" if mention.type in cluster.types else \
        f"{mention.type} ~ {'/'.join(sorted(cluster.types))} (a visit and the talks held during it)"
    own = any(m.article == mention.article for m in cluster.mentions)
    detail = f"{types}; " + (f"shared participants {', '.join(sorted(shared))}" if shared else
                             "no participant named by both; " +
                             ("the same article" if own else "articles of one story (same entities)"))
    if label(mention.span) and label(cluster.span):
        detail += f"; dates agree ({label(mention.span)} with {label(cluster.span)})"
    if mention.place and cluster.place:
        detail += f"; places agree ({mention.place} with {cluster.place})"
    reason = {"rule": "same-event" if shared else "same-story", "article": mention.article, "start": mention.start,
              "end": mention.end, "trigger": mention.trigger, "detail": detail}
    return span, place, reason


def _conflict(core, actors, mention: EventMention) -> bool:
    """Rule 2's core half: each side names a core participant the other does not name at all,
    and they are not variants of one name. Checked against the event as a whole and against
    each of its mentions, so ``the deaths of Rait and Buckley`` does not make ``Rait died``
    and ``Buckley died`` (in other reports) one death."""
    theirs, ours = core - mention.actors, mention.core - actors
    return bool(theirs and ours) and not all(any(_variant(a, b) for b in theirs) for a in ours)


_OTHER_ONE = frozenset({"another", "previous"})


def _ordinals_agree(cluster: Cluster, mention: EventMention) -> bool:
    """Rule 5: no two different numbered ordinals; ``another``/``previous`` on either side
    never joins a mention of its own article."""
    numbered = {m.ordinal for m in cluster.mentions if m.ordinal and m.ordinal.isdigit()}
    if mention.ordinal and mention.ordinal.isdigit() and numbered - {mention.ordinal}:
        return False
    same_article = [m for m in cluster.mentions if m.article == mention.article]
    return not same_article or (mention.ordinal not in _OTHER_ONE and
                                not any(m.ordinal in _OTHER_ONE for m in same_article))


def _variant(a: str, b: str) -> bool:
    """Two node ids that look like one name resolution left apart: one's words are all in the
    other's (``novak``, ``tomas-novak``) or they share two words (``betty-ford-center``,
    ``betty-ford-clinic``). ``george-bush`` and ``jeb-bush`` are not variants.

    >>> _variant("novak", "tomas-novak"), _variant("betty-ford-center", "betty-ford-clinic")
    (True, True)
    >>> _variant("george-bush", "jeb-bush")
    False
    """
    wa, wb = set(a.split("-")) - {"the", "of"}, set(b.split("-")) - {"the", "of"}
    return bool(wa and wb) and (wa <= wb or wb <= wa or len(wa & wb) >= 2)


def _joint_place(a: str | None, b: str | None, inside: dict[str, set[str]]):
    """The more specific of two compatible places, None when both are unknown, False when they differ."""
    if a is None or b is None or a == b:
        return a or b
    if a in inside.get(b, ()):
        return b
    if b in inside.get(a, ()):
        return a
    return False
