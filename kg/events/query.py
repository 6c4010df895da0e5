"""Looking at events: chronological listings, filters, and why an event is one event.

Flat functions over the graph's ``events`` list (``G.graph["events"]``), so they work on a
graph read back from graph.json as well. ``KnowledgeGraph.events`` and ``kg events`` call
:func:`event_rows`; ``kg explain OUT EVENT-ID`` calls :func:`explain_event`.

>>> G = _example_graph()
>>> [e["id"] for e in event_rows(G, participant="erdogan", since="2020-03")]
['event-meet-2020-03-05-erdogan-putin']
>>> event_rows(G, type="attack")
[]
"""

from __future__ import annotations

import networkx as nx

from kg.errors import KgError
from kg.explore import find_entity

__all__ = ["event_rows", "find_event", "explain_event", "format_events", "format_event_explanation"]


def event_rows(G: nx.MultiDiGraph, *, participant: str | None = None, type: str | None = None,
               since: str | None = None, until: str | None = None) -> list[dict]:
    """Events oldest first (undated last), filtered by participant (node id or any alias),
    type (``meet``) and ISO date range: an event is kept when its date range reaches into
    ``[since, until]`` (``2020``, ``2020-03`` and ``2020-03-05`` all work)."""
    events = list(G.graph.get("events", []))
    if participant is not None:
        node = find_entity(G, participant)["id"]
        events = [e for e in events if any(p["id"] == node for p in e["participants"])
                  or (e.get("place") or {}).get("id") == node]
    if type is not None:
        events = [e for e in events if e["type"] == type or type in e.get("types", ())]
    lo_bound = since or ""
    hi_bound = (until + "\uffff") if until else None
    if since or until:
        events = [e for e in events if e["date_range"][0] or e["date_range"][1]]
        events = [e for e in events
                  if (e["date_range"][1] or "9999") >= lo_bound
                  and (hi_bound is None or (e["date_range"][0] or "") <= hi_bound)]
    return sorted(events, key=lambda e: (e["date_range"][0] or "9999", e["id"]))


def find_event(G: nx.MultiDiGraph, event_id: str) -> dict:
    """The event with this id (or a unique id prefix)."""
    events = G.graph.get("events", [])
    exact = [e for e in events if e["id"] == event_id]
    found = exact or [e for e in events if e["id"].startswith(event_id)]
    if len(found) != 1:
        raise KgError(f"no event {'uniquely ' if found else ''}named {event_id!r}"
                      f"{' (' + str(len(found)) + ' match)' if found else ''}")
    return found[0]


def format_events(events: list[dict]) -> str:
    """A chronological listing for the terminal: date, status, sources, label, id."""
    lines = []
    for e in events:
        conflict = " CONFLICT" if e["conflict"] else ""
        lines.append(f"{e['date'] or 'undated':<23} {e['status']:<12} "
                     f"{len(e['sources'])} source(s) {e['label']}{conflict}\n    {e['id']}")
        for r in e["reports"]:
            lines.append(f"      {r['date'] or '':<10} {r['source']:<24} {r['status'] or 'unsaid':<12} {r['article']}")
    return "\n".join(lines) + ("\n" if lines else "no events\n")


def explain_event(G: nx.MultiDiGraph, event_id: str) -> dict:
    """Why an event's mentions are one event: its mentions and the reason of each join."""
    event = find_event(G, event_id)
    return {"id": event["id"], "label": event["label"], "status": event["status"],
            "conflict": event["conflict"], "mentions": event["mentions"],
            "reasons": event.get("reasons", []), "reports": event["reports"]}


def format_event_explanation(info: dict) -> str:
    """The explanation as text: every mention with its sentence, then why each one joined."""
    lines = [f"{info['label']}  [{info['status']}{', reports conflict' if info['conflict'] else ''}]",
             f"id: {info['id']}", "mentions:"]
    for m in info["mentions"]:
        lines.append(f"  {m['article']} {m['start']}-{m['end']} {m['trigger']!r} ({m['status'] or 'unsaid'}): "
                     f"{m['sentence'][:160]}")
    lines.append("joined because:" if info["reasons"] else "a single mention: nothing was joined")
    for r in info["reasons"]:
        lines.append(f"  {r['article']} {r['start']}-{r['end']} {r['trigger']!r}: {r['detail']}")
    return "\n".join(lines)


def _example_graph() -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    G.add_node("erdogan", label="Erdoğan", type="PERSON", aliases=["Erdoğan", "Erdogan"])
    G.add_node("putin", label="Putin", type="PERSON", aliases=["Putin"])
    G.add_edge("erdogan", "putin", key="meet", relation="meet", evidence=[])
    G.graph["events"] = [{
        "id": "event-meet-2020-03-05-erdogan-putin", "type": "meet", "types": ["meet", "visit"],
        "label": "meet: Erdoğan, Putin — 2020-03-05", "date": "2020-03-05",
        "date_range": ["2020-03-05", "2020-03-05"], "status": "planned", "conflict": False,
        "participants": [{"id": "erdogan", "label": "Erdoğan", "role": "partner"},
                         {"id": "putin", "label": "Putin", "role": "partner"}],
        "place": None, "sources": ["a1"], "reports": [], "mentions": [], "reasons": []}]
    return G
