"""Event layer: one node per real-world event, with the reports that mention it.

``read -> parse -> extract -> resolve -> merge -> events``: :func:`find_events` reads the
articles' facts and the entity resolution, finds event mentions (:mod:`kg.events.mentions`),
and event words no fact carries (:mod:`kg.events.triggers`), joins them across articles
(:mod:`kg.events.cluster` by shared participants, :mod:`kg.events.stories` for mentions that
name none; each join with its reason) and describes
each event with its corroboration (:mod:`kg.events.reports`). The result is a list of plain
dicts, stored as ``G.graph["events"]`` (the graph-level ``events`` list of graph.json).

>>> from kg.types import Article, ArticleFacts, Entity, Fact, Mention, Resolution
>>> a = Article("a1", "Erdoğan met Putin in Moscow on March 5.", date="2020-03-06", url="https://tass.example/x")
>>> e, p = Mention("a1", 0, 7, "Erdoğan", "PERSON"), Mention("a1", 12, 17, "Putin", "PERSON")
>>> f = Fact("a1", e, "meet", p, "met", (0, 39), date="2020-03-05", date_source="text")
>>> r = Resolution({("a1", 0, 7): "erdogan", ("a1", 12, 17): "putin"},
...     {"erdogan": Entity("erdogan", "Erdoğan", "PERSON"), "putin": Entity("putin", "Putin", "PERSON")})
>>> [(ev["id"], ev["date"], ev["status"], ev["sources"]) for ev in find_events([ArticleFacts(a, [e, p], [f])], r)]
[('event-meet-2020-03-05-erdogan-putin', '2020-03-05', 'happened', ['tass.example'])]
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from kg.events.groups import Reuse, resolve_groups
from kg.events.mentions import EventMention, article_mentions, date_by_clause, mark_ordinals
from kg.events.nominals import noun_mentions
from kg.events.reports import describe
from kg.events.stories import group_stories
from kg.events.triggers import add_clause_participants, word_mentions
from kg.types import ArticleFacts, Resolution

EVENTS_TSV_HEADER = ("article", "start", "end", "trigger", "event")


def find_events(articles: Iterable[ArticleFacts], resolution: Resolution, *,
                mentions_of: Callable[[ArticleFacts, Resolution], list[EventMention]] | None = None,
                reuse: Reuse | None = None) -> list[dict]:
    """The events the articles report, in chronological order (undated last).

    ``mentions_of`` finds one article's event mentions (default :func:`event_mentions`; an
    update passes one that reuses what the last save found, :mod:`kg.cache`), and ``reuse`` keeps
    each group of mentions' events for the next save (:func:`kg.events.groups.resolve_groups`).
    """
    articles = list(articles)
    mentions = []
    for article in articles:
        mentions += (mentions_of or event_mentions)(article, resolution)
    inside = _containment(resolution)
    grouped = group_stories(articles, resolution)
    clusters = resolve_groups(mentions, inside, grouped.of, grouped.closeness, reuse)
    meta = {a.article.id: a.article for a in articles}
    events = [describe(c, meta, resolution) for c in clusters]
    events.sort(key=lambda ev: (ev["date_range"][0] or "9999", ev["id"]))
    seen: dict[str, int] = {}
    for event in events:  # ids unique and stable for the same input
        n = seen[event["id"]] = seen.get(event["id"], 0) + 1
        if n > 1:
            event["id"] = f"{event['id']}-{n}"
    return events


def event_mentions(article: ArticleFacts, resolution: Resolution) -> list[EventMention]:
    """One article's event mentions: what it alone says, given the nodes and types its
    mentions resolved to (nothing else of the resolution is read)."""
    found = article_mentions(article, resolution)
    found += noun_mentions(article, resolution, {(m.start, m.end) for m in found})
    add_clause_participants(article, resolution, found)
    found += word_mentions(article, resolution, {(m.start, m.end) for m in found})
    mark_ordinals(article.article.text, found)
    date_by_clause(found, article.article.date)
    return found


def _containment(resolution: Resolution) -> dict[str, set[str]]:
    """Each place -> every place it lies in (Sochi -> {Russia}), following ``locatedIn`` links."""
    parent = {eid: {t for p, t in e.related if p == "locatedIn"}
              for eid, e in resolution.entities.items() if e.related}
    inside: dict[str, set[str]] = {}
    for place in parent:
        seen, todo = set(), list(parent[place])
        while todo:
            up = todo.pop()
            if up not in seen:
                seen.add(up)
                todo.extend(parent.get(up, ()))
        inside[place] = seen
    return inside


def events_tsv_rows(events: Iterable[dict]) -> list[tuple[str, int, int, str, str]]:
    """Rows of events.tsv: one per event mention, ``article start end trigger event``, in text order."""
    rows = [(m["article"], m["start"], m["end"], " ".join(m["trigger"].split()), ev["id"])
            for ev in events for m in ev["mentions"]]
    return sorted(rows)


def write_events_tsv(events: Iterable[dict], stream) -> None:
    """Write events.tsv (tab-separated, header, no quoting: triggers have whitespace collapsed).

    >>> import io; buf = io.StringIO()
    >>> write_events_tsv([{"id": "e1", "mentions": [{"article": "a", "start": 8, "end": 11, "trigger": "met"}]}], buf)
    >>> buf.getvalue().splitlines()
    ['article\\tstart\\tend\\ttrigger\\tevent', 'a\\t8\\t11\\tmet\\te1']
    """
    stream.write("\t".join(EVENTS_TSV_HEADER) + "\n")
    for row in events_tsv_rows(events):
        stream.write("\t".join(map(str, row)) + "\n")
