"""The timeline of graph.html: the events' page data and the timeline's own assets.

:func:`timeline_slots` fills the page template's ``{{events_data}}``, ``{{timeline_css}}``
and ``{{timeline_js}}`` slots (``kg/export/assets/timeline.js``/``.css``). The data is the
graph's ``events`` cut to what the timeline draws (:func:`drawn`, with a date: an undated
event has no place on a time axis, so only their number is kept), with at most
:data:`MAX_SENTENCES` sentences per event, escaped like the page's other JSON block.

>>> import networkx as nx
>>> G = nx.MultiDiGraph(); G.graph["events"] = []
>>> sorted(timeline_slots(G))
['events_data', 'timeline_css', 'timeline_js']
"""

from __future__ import annotations

import json
from importlib import resources

import networkx as nx

MAX_SENTENCES = 20  # per event: a story reported 500 times must not bloat the page


def timeline_slots(G: nx.MultiDiGraph) -> dict[str, str]:
    """The template slots of the timeline for graph ``G``."""
    shown = [e for e in G.graph.get("events", []) if drawn(e)]
    dated = [_page_event(e) for e in shown if _dated(e)]
    data = json.dumps({"events": dated, "undated": len(shown) - len(dated)},
                      ensure_ascii=False, separators=(",", ":"), default=str)
    data = data.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return {"events_data": data, "timeline_css": _asset("timeline.css"),
            "timeline_js": _asset("timeline.js").replace("</script", "<\\/script")}


def drawn(event: dict) -> bool:
    """Whether the timeline draws an event: it names a participant or a place, or two sources
    report it. "the damage", said once with no one and nowhere, tells a reader nothing on a
    time axis (it stays in graph.json and events.tsv).

    >>> drawn({"participants": [], "place": None, "sources": ["a"]})
    False
    >>> drawn({"participants": [], "place": {"id": "chile"}, "sources": ["a"]})
    True
    """
    return bool(event["participants"] or event.get("place") or len(event["sources"]) > 1)


def _dated(event: dict) -> bool:
    """Whether an event has a place on the time axis: both ends of its date range known.

    >>> _dated({"date_range": ["2020-03-05", "2020-03-05"]}), _dated({"date_range": [None, None]})
    (True, False)
    """
    low, high = (event.get("date_range") or [None, None])[:2]
    return bool(low and high)


def _page_event(event: dict) -> dict:
    sentences = {}
    for m in event["mentions"]:
        sentences.setdefault(m["article"], [])
        if m["sentence"] not in sentences[m["article"]] and sum(map(len, sentences.values())) < MAX_SENTENCES:
            sentences[m["article"]].append(m["sentence"])
    return {
        "id": event["id"], "type": event["type"], "label": event["label"], "date": event["date"],
        "range": event["date_range"], "status": event["status"], "conflict": event["conflict"],
        "sources": event["sources"],
        "participants": [p["id"] for p in event["participants"]] +
                        ([event["place"]["id"]] if event.get("place") else []),
        "reports": [{"article": r["article"], "title": r["title"], "date": r["date"], "url": r["url"],
                     "source": r["source"], "status": r["status"],
                     "sentences": sentences.get(r["article"], [])} for r in event["reports"]],
    }


def _asset(name: str) -> str:
    return (resources.files("kg.export") / "assets" / name).read_text(encoding="utf-8")
