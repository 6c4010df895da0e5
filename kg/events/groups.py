"""Independent groups of event mentions: clustering each group alone gives exactly what
clustering all mentions together gives, so a build clusters many small groups, and an update
re-clusters only the groups its articles changed.

Two mentions can only ever meet in :func:`kg.events.cluster.cluster_mentions` when one finds
the other's event among its candidates, and it looks for candidates in three places only:

- events naming one of its participants, and an event only joins a mention of its own type
  family (a ``win`` never joins a ``meet``; ``meet``, ``visit``, ``discuss`` and ``host`` are
  one family): key (family, participant);
- events of its own story and type family: key (family, story);
- within its article first: key (family, article).

Mentions linked through such keys, directly or through others, form a group; no candidate,
no decision and no tie-break ever reads another group's events, and the mentions of a group
are visited in the same order as among all mentions. Of 22,846 mentions in 2,000 BBC articles
the largest group holds 1,641 (sports wins); most hold one to a few.

A group's events are kept for the next save under a digest of all they were made from (the
group's mentions, which of them share a story, which of their places lie in which), and
reused when a build finds the same group; a group whose clustering asked how close two
articles are (:func:`~kg.events.cluster.closest_reports`) is reused only while the new
closeness still makes each of those decisions the same way.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

from kg.events.cluster import Cluster, closest_reports, resolve_events
from kg.events.lexicon import SUMMIT_TYPES
from kg.events.mentions import EventMention

# reuse(key, make, valid): the product made by make() or an earlier one under key that valid() accepts
Reuse = Callable[[bytes, Callable[[], tuple], Callable[[tuple], bool]], tuple]


def family(type_: str) -> str:
    """The types that can be one event: a type alone, or the summit family.

    >>> family("visit"), family("host"), family("arrest")
    ('summit', 'summit', 'arrest')
    """
    return "summit" if type_ in SUMMIT_TYPES else type_


def independent_groups(mentions: list[EventMention], story_of: dict[str, int] | None = None
                       ) -> list[list[EventMention]]:
    """``mentions`` split into groups that cluster independently (see the module's docstring),
    each in input order, the groups in the order of their first mentions.

    >>> def m(article, type_, *nodes):
    ...     return EventMention(article, 0, 3, type_, type_, (0, 9), {n: "agent" for n in nodes})
    >>> found = independent_groups([m("a", "win", "spurs"), m("b", "meet", "spurs"),
    ...                             m("c", "win", "chelsea", "spurs"), m("d", "win", "arsenal")])
    >>> [[x.article for x in g] for g in found]
    [['a', 'c'], ['b'], ['d']]
    """
    story_of = story_of or {}
    parent: dict = {}

    def root(key):
        while (up := parent.setdefault(key, key)) != key:
            parent[key] = parent[up]  # path halving
            key = up
        return key

    for n, mention in enumerate(mentions):
        kind = family(mention.type)
        keys = [("article", mention.article, kind), *(("node", node, kind) for node in mention.actors)]
        if (story := story_of.get(mention.article)) is not None:
            keys.append(("story", story, kind))
        top = root(n)
        for key in keys:
            other = root(key)
            if other != top:
                parent[other] = top
    groups: dict = defaultdict(list)
    for n, mention in enumerate(mentions):
        groups[root(n)].append(mention)
    return list(groups.values())


def resolve_groups(mentions: list[EventMention], inside: dict[str, set[str]] | None = None,
                   story_of: dict[str, int] | None = None, closeness=None,
                   reuse: Reuse | None = None) -> list[Cluster]:
    """:func:`~kg.events.cluster.resolve_events` of ``mentions``, group by group; with
    ``reuse``, a group's events come from an earlier save when all they read is the same.

    >>> from kg.events.dates import DateSpan
    >>> a = EventMention("a", 0, 3, "met", "meet", (0, 9), {"erdogan": "partner", "putin": "partner"})
    >>> b = EventMention("b", 0, 5, "talks", "discuss", (0, 9), {"putin": "agent"})
    >>> c = EventMention("c", 0, 3, "won", "win", (0, 9), {"putin": "agent"})
    >>> [sorted(x.article for x in e.mentions) for e in resolve_groups([a, b, c])]
    [['a'], ['b'], ['c']]
    """
    inside, story_of = inside or {}, story_of or {}
    events: list[Cluster] = []
    for group in independent_groups([m.freeze() for m in mentions], story_of):
        if reuse is None:
            events += resolve_events(group, inside, story_of, closeness)
            continue

        def make(group=group) -> tuple:
            decided: list = []
            found = resolve_events(group, inside, story_of, closeness, decided)
            return _pack(found, group), decided

        def valid(product: tuple) -> bool:
            return all(closest_reports(article, reports, closeness) == choice
                       for article, reports, choice in product[1])

        events += _unpack(reuse(group_key(group, inside, story_of), make, valid)[0], group)
    return events


def group_key(group: list[EventMention], inside: dict[str, set[str]], story_of: dict[str, int]) -> bytes:
    """A digest of everything clustering ``group`` reads: every field of its mentions, in order;
    which of its articles share a story (numbered by first appearance, so renumbered stories
    keep the key); and which of its places lie in which."""
    from kg.cache import digest

    stories: dict[int, int] = {}
    parts = []
    for mention in group:
        story = story_of.get(mention.article)
        parts.append(repr((_fields(mention), None if story is None else stories.setdefault(story, len(stories)))))
    places = {m.place for m in group if m.place}
    parts.append(repr(sorted((p, sorted(inside.get(p, set()) & places)) for p in places)))
    return digest(*parts)


# every field of EventMention (but the cached _roles) and of DateSpan, as _fields reads them:
# tests/events/test_event_groups.py fails when a field is added to either and not here
KEYED = ("article", "start", "end", "trigger", "type", "sentence", "participants", "concepts",
         "place", "span", "status", "predicate", "date", "ordinal")
KEYED_SPAN = ("lo", "hi", "precision", "month", "weekday")


def _fields(m: EventMention) -> tuple:
    """The mention's fields in a form whose repr is the same in every process (sets sorted;
    written out: :func:`dataclasses.astuple` took most of an update's keying time)."""
    span = m.span
    return (m.article, m.start, m.end, m.trigger, m.type, m.sentence, tuple(m.participants.items()),
            sorted(m.concepts), m.place, (span.lo, span.hi, span.precision, span.month, span.weekday),
            m.status, m.predicate, m.date, m.ordinal)


def _pack(events: list[Cluster], group: list[EventMention]) -> list[tuple]:
    """Events as positions in their group (the mentions are the group's, found again on reuse)."""
    position = {id(m): n for n, m in enumerate(group)}
    return [(tuple(position[id(m)] for m in event.mentions), event.place, event.span, event.reasons)
            for event in events]


def _unpack(packed: list[tuple], group: list[EventMention]) -> list[Cluster]:
    events = []
    for positions, place, span, reasons in packed:
        event = Cluster()
        for n in positions:
            event.add(group[n], span, place, None)
        event.reasons = list(reasons)
        events.append(event)
    return events
