"""HTML export: one self-contained page to explore the graph, with no network access needed.

The page inlines the vis-network build that ships inside pyvis (read at run time, never
copied into kg) and kg's own template, CSS and JS from ``kg/export/assets/``. The data is
one JSON block whose ``<``, ``>`` and ``&`` are escaped, and the page builds its DOM with
``textContent`` only, so an article's text can never run as markup. Positions are
computed here (see :func:`layout_positions`), so the graph is drawn still, at once.

>>> G = nx.MultiDiGraph([("erdogan", "putin", "meet", {"relation": "meet", "weight": 1})])
>>> page = render_html(G, title="Erdoğan & Putin")
>>> "<title>Erdoğan &amp; Putin</title>" in page and "https://" not in page.split("<script>")[0]
True
"""

from __future__ import annotations

import html
import io
import json
import re
from collections import Counter
from importlib import resources
from typing import Any, TextIO

import networkx as nx

from kg.errors import KgError
from kg.export.layout import layout_positions

__all__ = ["DEFAULT_MAX_NODES", "DEFAULT_MIN_WEIGHT", "render_html", "select_subgraph",
           "write_html"]

DEFAULT_MAX_NODES = 300  # past a few hundred entities a whole-graph picture stops being readable
DEFAULT_MIN_WEIGHT = 1  # every fact counts unless the caller asks for repeated ones only
_MAX_EVIDENCE = 50  # sentences kept per fact: a fact reported 2,000 times must not bloat the page
_EVIDENCE_KEYS = ("article", "sentence", "date", "date_source", "predicate", "negated",
                  "modality", "attribution", "place", "confidence")
_SLOT = re.compile(r"\{\{(\w+)\}\}")


def write_html(G: nx.MultiDiGraph, stream: TextIO, *, max_nodes: int = DEFAULT_MAX_NODES,
               min_weight: int = DEFAULT_MIN_WEIGHT, title: str = "kg") -> None:
    """Write ``G`` as one HTML page (search, filters, facts with their sources) to ``stream``.

    Args:
        G: a kg graph (see :mod:`kg.merge`); it is not modified.
        stream: a text stream; the caller opens and closes it.
        max_nodes: keep only the ``max_nodes`` most connected entities.
        min_weight: leave out facts seen in fewer than ``min_weight`` sentences.
        title: the page title.

    Raises:
        KgError: ``max_nodes`` is below 1.

    Examples:
        >>> G = nx.MultiDiGraph()
        >>> G.add_edge("a", "b", key="meet", relation="meet", weight=1)
        'meet'
        >>> out = io.StringIO(); write_html(G, out); out.getvalue().startswith("<!DOCTYPE html>")
        True
    """
    if max_nodes < 1:
        raise KgError(f"max_nodes must be at least 1, got {max_nodes}")
    shown = select_subgraph(G, max_nodes=max_nodes, min_weight=min_weight)
    data = _page_data(G, shown, title=title, max_nodes=max_nodes, min_weight=min_weight)
    vis = _vis_dir()
    slots = {
        "title": html.escape(title),
        "vis_css": (vis / "vis-network.css").read_text(encoding="utf-8"),
        "kg_css": _asset("graph.css"),
        "data": json.dumps(data, ensure_ascii=False, separators=(",", ":"),
                           default=str).replace("<", "\\u003c").replace(">", "\\u003e")
                .replace("&", "\\u0026"),  # str.replace: much faster than translate on MBs
        "vis_js": _inline_js((vis / "vis-network.min.js").read_text(encoding="utf-8")),
        "kg_js": _inline_js(_asset("graph.js")),
    }
    from kg.events.page import timeline_slots  # the event timeline's data and assets

    slots.update(timeline_slots(G))
    # One pass, so a "{{...}}" inside the data or the libraries is never filled in again.
    stream.write(_SLOT.sub(lambda m: slots[m.group(1)], _asset("graph.html")))


def render_html(G: nx.MultiDiGraph, **options: Any) -> str:
    """Return the page :func:`write_html` writes, as a string (for notebooks and tests).

    >>> "kg-data" in render_html(nx.MultiDiGraph())
    True
    """
    stream = io.StringIO()
    write_html(G, stream, **options)
    return stream.getvalue()


def select_subgraph(G: nx.MultiDiGraph, *, max_nodes: int = DEFAULT_MAX_NODES,
                    min_weight: int = DEFAULT_MIN_WEIGHT) -> nx.MultiDiGraph:
    """The part of ``G`` the page shows: facts of weight ≥ ``min_weight`` between the
    ``max_nodes`` entities with the most such facts (named entities before concept nodes;
    ties: most mentioned first).

    Entities with no such fact are left out as long as some fact is shown: a dot with
    nothing to say only pushes the facts off screen (the seeds have 108 of 186).

    >>> G = nx.MultiDiGraph([("a", "b"), ("a", "c"), ("d", "e")]); G.add_node("f")
    >>> sorted(select_subgraph(G, max_nodes=3))
    ['a', 'b', 'c']
    >>> sorted(select_subgraph(G))
    ['a', 'b', 'c', 'd', 'e']
    >>> select_subgraph(G, min_weight=2).number_of_edges()
    0
    >>> G.nodes["a"]["type"] = "CONCEPT"  # b and c are linked only through a concept
    >>> sorted(select_subgraph(G, max_nodes=2))
    ['d', 'e']
    """
    edges = [(u, v, k, d) for u, v, k, d in G.edges(keys=True, data=True)
             if d.get("weight", 1) >= min_weight]
    linked = {u for u, _, _, _ in edges} | {v for _, v, _, _ in edges}
    nodes = [n for n in G if n in linked] if linked else list(G)
    if len(nodes) > max_nodes:  # rank without copying G: it may have 100,000 entities
        # Named entities before concepts ("time" or "plan" link to everything and say little),
        # ranked by their facts with other named entities, so the page shows who did what to whom.
        concept = {n for n in nodes if G.nodes[n].get("type") == "CONCEPT"}
        degree = Counter(n for u, v, _, _ in edges for n in (u, v)
                         if (u in concept) == (v in concept) or n in concept)
        nodes = sorted(nodes, key=lambda n: (n in concept, -degree[n],
                                             -G.nodes[n].get("mentions", 0), str(n)))[:max_nodes]
    keep = set(nodes)
    kept = nx.MultiDiGraph()
    kept.graph.update(G.graph)
    kept.add_nodes_from((n, G.nodes[n]) for n in G if n in keep)
    kept.add_edges_from(e for e in edges if e[0] in keep and e[1] in keep)
    return kept


def _page_data(G: nx.MultiDiGraph, shown: nx.MultiDiGraph, **meta: Any) -> dict:
    """What graph.js reads: plain JSON, with only the fields the page uses."""
    labels = {n: str(a.get("label") or n) for n, a in shown.nodes(data=True)}
    # Each node's box with its label below it, so the layout can keep labels apart: a
    # 15 px font (graph.js) is about 8 px a character; the node size follows graph.js.
    boxes = {n: (max(8.0 * len(labels[n]), 2 * _node_size(shown.degree(n))),
                 2 * _node_size(shown.degree(n)) + 20.0) for n in shown}
    positions = layout_positions(shown, boxes=boxes)
    nodes = []
    for node, attrs in shown.nodes(data=True):
        x, y = positions[node]
        nodes.append({
            "id": str(node), "label": labels[node],
            "type": attrs.get("type") or "OTHER", "aliases": list(attrs.get("aliases") or []),
            "mentions": attrs.get("mentions", 0), "facts": shown.degree(node),
            "hidden_facts": G.degree(node) - shown.degree(node), "x": round(x, 1), "y": round(y, 1),
        })
    edges, cited = [], set()
    for u, v, key, attrs in shown.edges(keys=True, data=True):
        # An article that repeats a sentence (a lede quoted again below) gives the same
        # evidence twice; the reader needs it once (the weight still counts both).
        evidence = list({json.dumps(x, sort_keys=True, default=str): x for x in (
            {k: e.get(k) for k in _EVIDENCE_KEYS} for e in attrs.get("evidence", []))}.values())
        cited.update(e["article"] for e in evidence[:_MAX_EVIDENCE])
        edges.append({
            "from": str(u), "to": str(v), "relation": str(attrs.get("relation") or key),
            "predicates": list(attrs.get("predicates") or []),
            "weight": attrs.get("weight", len(evidence) or 1),
            "articles": attrs.get("articles", 0), "negated": bool(attrs.get("negated")),
            "symmetric": bool(attrs.get("symmetric")),
            "first_date": attrs.get("first_date"), "last_date": attrs.get("last_date"),
            "evidence": evidence[:_MAX_EVIDENCE], "evidence_total": len(evidence),
        })
    articles = G.graph.get("articles") or {}
    return {
        "meta": dict(meta, nodes=len(shown), total_nodes=len(G),
                     factless=sum(1 for n in G if n not in shown and G.degree(n) == 0),
                     edges=shown.number_of_edges(), total_edges=G.number_of_edges()),
        "nodes": nodes, "edges": edges,
        "articles": {str(a): _article(articles.get(a)) for a in sorted(cited, key=str)},
    }


def _node_size(facts: int) -> float:
    """The radius graph.js draws for an entity with ``facts`` facts (keep the two in step)."""
    return min(7 + 3 * facts ** 0.5, 32)


def _article(info: dict | None) -> dict:
    info = info or {}
    return {k: info.get(k) for k in ("title", "date", "url")}


def _vis_dir() -> Any:
    """The newest vis-network build bundled in pyvis (templates/lib/vis-9.1.2 in 0.3.2)."""
    lib = resources.files("pyvis") / "templates" / "lib"
    builds = [d for d in lib.iterdir() if d.name.startswith("vis-")]
    if not builds:
        raise KgError("pyvis ships no vis-network build; reinstall pyvis>=0.3.2")
    return max(builds, key=lambda d: tuple(int(p) for p in re.findall(r"\d+", d.name)))


def _asset(name: str) -> str:
    return (resources.files("kg.export") / "assets" / name).read_text(encoding="utf-8")


def _inline_js(source: str) -> str:
    # A source map comment would make devtools fetch a file we don't ship; "</script" would
    # end the inline script early.
    source = re.sub(r"^//# sourceMappingURL=.*$", "", source, flags=re.MULTILINE)
    return re.sub(r"</(script)", r"<\\/\1", source, flags=re.IGNORECASE)
