"""Corroboration: what an event's reports say, and whether they agree.

Each report is one article mentioning the event, with the status it gives (the most decided
status of its mentions: happened, else planned, ...), its date and its source: the JSONL
``source`` field, else the url's domain (``www.`` dropped), else the article itself.
Reports conflict when one says the event happened and another that it was negated,
denied or cancelled.

>>> _source({"url": "https://www.bbc.co.uk/news/x"}, "a1"), _source({}, "a1")
('bbc.co.uk', 'a1')
>>> _source({"outlet": "Reuters", "url": "https://www.bbc.co.uk/news/x"}, "a1")
'Reuters'
"""

from __future__ import annotations

from collections import Counter
from urllib.parse import urlsplit

from kg.events.cluster import Cluster
from kg.events.dates import label
from kg.events.lexicon import SYMMETRIC_TYPES
from kg.extract.relations import clean_lemma
from kg.types import Article, Resolution

_STATUS_ORDER = ("happened", "planned", "hypothetical", "cancelled", "denied", "negated")
_DENIALS = frozenset({"negated", "denied", "cancelled"})


def describe(cluster: Cluster, articles: dict[str, Article], resolution: Resolution) -> dict:
    """The event record of one cluster (see README's events table for the fields)."""
    mentions = sorted(cluster.mentions, key=lambda m: (m.article, m.start))
    type_ = _main_type(cluster)
    labels = {node: _label(node, resolution) for node in cluster.actors | {cluster.place} - {None}}
    roles: dict[str, str] = {}
    for m in mentions:
        for node, role in m.participants.items():
            if role != "place":
                roles.setdefault(node, role)
    participants = [{"id": node, "label": labels[node], "role": roles[node]}
                    for node in sorted(cluster.actors)]
    reports = []
    for article_id in sorted({m.article for m in mentions}):
        article = articles.get(article_id)
        said = [m.status for m in mentions if m.article == article_id and m.status]
        reports.append({
            "article": article_id, "title": article.title if article else None,
            "date": article.date if article else None, "url": article.url if article else None,
            "source": _source({"outlet": article.outlet if article else None,
                               "url": article.url if article else None}, article_id),
            "status": _decided(said), "mentions": sum(m.article == article_id for m in mentions)})
    statuses = {r["status"] for r in reports if r["status"]}
    dates = sorted(r["date"] for r in reports if r["date"])
    date = label(cluster.span)
    names = "-".join(clean_lemma(p["id"]) for p in participants[:2])
    place = {"id": cluster.place, "label": labels[cluster.place]} if cluster.place else None
    return {
        "id": f"event-{type_}-{_slug(date)}-{names}"[:120],
        "type": type_, "types": sorted(cluster.types),
        "label": _title(type_, participants, place, date),
        "participants": participants, "place": place,
        "date": date, "date_precision": cluster.span.precision if cluster.span.known else None,
        "date_range": [cluster.span.lo, cluster.span.hi],
        "status": _decided(list(statuses)) or "unknown",
        "conflict": "happened" in statuses and bool(statuses & _DENIALS),
        "reports": reports, "sources": sorted({r["source"] for r in reports}),
        "first_report": dates[0] if dates else None, "last_report": dates[-1] if dates else None,
        "mentions": [{"article": m.article, "start": m.start, "end": m.end, "trigger": m.trigger,
                      "type": m.type, "status": m.status, "predicate": m.predicate,
                      "sentence_start": m.sentence[0], "sentence_end": m.sentence[1],
                      "sentence": _sentence(articles.get(m.article), m.sentence),
                      "date": label(m.span)} for m in mentions],
        "reasons": cluster.reasons,
    }


def _slug(date: str | None) -> str:
    """A date label as part of an id: ``2020-03-05``, ``xxxx-09`` (September, year unknown)."""
    if not date:
        return "undated"
    return date.replace("--", "xxxx-").replace("/", "-")


def _main_type(cluster: Cluster) -> str:
    """The type most mentions give; of the summit family, ``meet`` names a visit with talks."""
    counts = Counter(m.type for m in cluster.mentions)
    if "meet" in counts and len(counts) > 1 and set(counts) - {"meet"} <= {"visit", "discuss", "host"}:
        return "meet"
    return max(sorted(counts), key=counts.get)


def _decided(statuses: list[str]) -> str | None:
    """The most decided status said: happened beats planned beats hypothetical ..."""
    return min(statuses, key=_STATUS_ORDER.index) if statuses else None


def _source(meta: dict, article_id: str) -> str:
    if meta.get("outlet"):
        return " ".join(str(meta["outlet"]).split())
    url = meta.get("url")
    if url:
        host = urlsplit(url).hostname or ""
        if host:
            return host.removeprefix("www.")
    return article_id


def _label(node: str, resolution: Resolution) -> str:
    entity = resolution.entities.get(node)
    return entity.label if entity else node


def _sentence(article: Article | None, span: tuple[int, int]) -> str:
    return " ".join(article.text[span[0]:span[1]].split()) if article else ""


def _title(type_: str, participants: list[dict], place: dict | None, date: str | None) -> str:
    """``meet: Recep Tayyip Erdoğan, Vladimir Putin — Moscow, 2020-03-05``"""
    joiner = ", " if type_ in SYMMETRIC_TYPES else " / "
    text = f"{type_}: {joiner.join(p['label'] for p in participants)}"
    where = ", ".join(x for x in (place["label"] if place else None, date) if x)
    return f"{text} — {where}" if where else text
