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
import importlib.util
import io
import json
import re
from collections import Counter
from importlib import resources
from pathlib import Path
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
_COMMUNITY_MIN_NODES = 150  # below this the types say enough; above, communities show the structure
_UNDRAWN_MAX = 600  # named entities left out of the picture that search can still find and draw
_UNDRAWN_EDGES = 6  # facts kept for each, strongest first
_UNDRAWN_EVIDENCE = 1  # sentence kept per such fact (the page says how many there are)
# What graph.js draws at first sight (keep in step): label px on screen, how many always shown.
LABEL_PX, TOP_LABELS = 14, 12
_FIT_WIDTH = 760  # px of graph at a 1400 px wide window (minus the two side panels)


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
        "vis_css": _vis_css((vis / "vis-network.css").read_text(encoding="utf-8")),
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
    from kg.extract.relations import EVENT_TYPES

    labels = {n: str(a.get("label") or n) for n, a in shown.nodes(data=True)}
    # Twice: the first layout's extent gives the fitted zoom, which sizes the top labels' boxes.
    positions = layout_positions(shown, boxes=_label_boxes(shown, labels, 1.0))
    positions = layout_positions(shown, boxes=_label_boxes(shown, labels, _fit_scale(positions)))
    community = _communities(shown)
    nodes = []
    for node, attrs in shown.nodes(data=True):
        x, y = positions[node]
        nodes.append({
            "id": str(node), "label": labels[node],
            "type": attrs.get("type") or "OTHER", "aliases": list(attrs.get("aliases") or []),
            "mentions": attrs.get("mentions", 0), "facts": shown.degree(node),
            "hidden_facts": G.degree(node) - shown.degree(node), "x": round(x, 1), "y": round(y, 1),
            "community": community.get(node),
        })
    edges, cited = [], set()
    for u, v, key, attrs in shown.edges(keys=True, data=True):
        edge = _edge(u, v, key, attrs, _MAX_EVIDENCE)
        cited.update(e["article"] for e in edge["evidence"])
        edges.append(edge)
    undrawn = _undrawn(G, shown)
    cited.update(e["article"] for u in undrawn for edge in u["edges"] for e in edge["evidence"])
    articles = G.graph.get("articles") or {}
    return {
        "meta": dict(meta, nodes=len(shown), total_nodes=len(G),
                     factless=sum(1 for n in G if n not in shown and G.degree(n) == 0),
                     edges=shown.number_of_edges(), total_edges=G.number_of_edges(),
                     event_types=sorted(EVENT_TYPES), label_px=LABEL_PX, top_labels=TOP_LABELS,
                     colour_by="community" if community and len(shown) >= _COMMUNITY_MIN_NODES else "type"),
        "nodes": nodes, "edges": edges, "undrawn": undrawn,
        "articles": {str(a): _article(articles.get(a)) for a in sorted(cited, key=str)},
    }


def _edge(u, v, key, attrs: dict, max_evidence: int) -> dict:
    # An article that repeats a sentence (a lede quoted again below) gives the same
    # evidence twice; the reader needs it once (the weight still counts both).
    evidence = list({json.dumps(x, sort_keys=True, default=str): x for x in (
        {k: e.get(k) for k in _EVIDENCE_KEYS} for e in attrs.get("evidence", []))}.values())
    return {
        "from": str(u), "to": str(v), "relation": str(attrs.get("relation") or key),
        "predicates": list(attrs.get("predicates") or []),
        "weight": attrs.get("weight", len(evidence) or 1),
        "articles": attrs.get("articles", 0), "negated": bool(attrs.get("negated")),
        "symmetric": bool(attrs.get("symmetric")),
        "first_date": attrs.get("first_date"), "last_date": attrs.get("last_date"),
        "evidence": evidence[:max_evidence], "evidence_total": len(evidence),
    }


def _fit_scale(positions: dict) -> float:
    """The zoom at which graph.js's first view fits these positions (about: 760×820 px)."""
    if len(positions) < 2:
        return 1.0
    xs, ys = [p[0] for p in positions.values()], [p[1] for p in positions.values()]
    return min(1.0, _FIT_WIDTH / max(1.0, max(xs) - min(xs) + 80), 820 / max(1.0, max(ys) - min(ys) + 80))


def _label_boxes(shown: nx.MultiDiGraph, labels: dict, scale: float) -> dict:
    """Each node's box with its label below it, in layout pixels, so the layout keeps them apart.

    graph.js draws the top labels at a fixed size on screen (``LABEL_PX``), so at the fitted
    zoom ``scale`` a label covers ``1/scale`` times more layout pixels; only the most
    connected nodes, which are always labelled, get their full label box.
    """
    top = set(sorted(shown, key=lambda v: (-shown.degree(v), str(v)))[:TOP_LABELS])
    boxes = {}
    for v in shown:
        size = 2 * _node_size(shown.degree(v))
        if v in top:
            boxes[v] = (max(0.6 * LABEL_PX * len(labels[v]) / scale, size), size + (LABEL_PX + 6) / scale)
        else:
            boxes[v] = (size + 8, size + 8)
    return boxes


def _communities(shown: nx.MultiDiGraph) -> dict:
    """Community number of each node (networkx's Louvain, biggest community 0), so a big
    graph's first view shows its groups; a fixed seed keeps pages reproducible.

    >>> G = nx.MultiDiGraph([(1, 2), (2, 3), (3, 1), (4, 5), (5, 6), (6, 4), (3, 4)])
    >>> c = _communities(G); c[1] == c[2] == c[3] != c[4] == c[5] == c[6]
    True
    """
    if shown.number_of_edges() == 0:
        return {}
    groups = nx.community.louvain_communities(nx.Graph(shown), seed=1)
    groups = sorted(groups, key=lambda g: (-len(g), min(map(str, g))))
    return {node: i for i, group in enumerate(groups) for node in group}


def _undrawn(G: nx.MultiDiGraph, shown: nx.MultiDiGraph) -> list[dict]:
    """The most connected named entities the picture leaves out (concept nodes are common
    nouns nobody searches for), each with its strongest facts, so the page's search still
    finds them and can draw them with their neighbourhood."""
    left = [n for n in G if n not in shown and G.degree(n) > 0 and G.nodes[n].get("type") != "CONCEPT"]
    left = sorted(left, key=lambda n: (-G.degree(n), str(n)))[:_UNDRAWN_MAX]
    out = []
    for node in left:
        attrs = G.nodes[node]
        incident = list(G.out_edges(node, keys=True, data=True)) + list(G.in_edges(node, keys=True, data=True))
        incident.sort(key=lambda e: (-e[3].get("weight", 1), str(e[0]), str(e[1]), str(e[2])))
        edges = [_edge(u, v, k, a, _UNDRAWN_EVIDENCE) for u, v, k, a in incident[:_UNDRAWN_EDGES]]
        others = {e["from"] for e in edges} | {e["to"] for e in edges}
        out.append({"id": str(node), "label": str(attrs.get("label") or node),
                    "type": attrs.get("type") or "OTHER", "aliases": list(attrs.get("aliases") or []),
                    "mentions": attrs.get("mentions", 0), "facts": G.degree(node), "edges": edges,
                    "neighbours": {o: {"label": str(G.nodes[o].get("label") or o),
                                       "type": G.nodes[o].get("type") or "OTHER",
                                       "mentions": G.nodes[o].get("mentions", 0)}
                                   for o in sorted(others) if o != str(node)}})
    return out


def _node_size(facts: int) -> float:
    """The radius graph.js draws for an entity with ``facts`` facts (keep the two in step)."""
    return min(7 + 3 * facts ** 0.5, 32)


def _article(info: dict | None) -> dict:
    info = info or {}
    return {k: info.get(k) for k in ("title", "date", "url")}


def _vis_dir() -> Any:
    """The newest vis-network build bundled in pyvis (templates/lib/vis-9.1.2 in 0.3.2).

    Found without importing pyvis, which imports IPython: a quarter of a second of every build.
    """
    spec = importlib.util.find_spec("pyvis")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("No module named 'pyvis'", name="pyvis")
    lib = Path(spec.submodule_search_locations[0]) / "templates" / "lib"
    builds = [d for d in lib.iterdir() if d.name.startswith("vis-")]
    if not builds:
        raise KgError("pyvis ships no vis-network build; reinstall pyvis>=0.3.2")
    return max(builds, key=lambda d: tuple(int(p) for p in re.findall(r"\d+", d.name)))


# vis-network widgets the page never turns on (it has its own search, filters and panel): their
# CSS is 94% of vis-network.css, mostly button icons inlined as base64 images (206 of 220 KB).
_VIS_UNUSED = re.compile(r"vis-(?:color-picker|configuration|config-|navigation|manipulation|edit|close)")


def _vis_css(css: str) -> str:
    """vis-network's CSS without the rules of widgets the page never shows.

    A rule goes when every selector in its list names one of them; the tooltip stays.

    >>> _vis_css("div.vis-tooltip{color:red}div.vis-network div.vis-navigation div.vis-button{x:y}"
    ...          ".a,div.vis-manipulation{z:w}")
    'div.vis-tooltip{color:red}.a,div.vis-manipulation{z:w}'
    """
    def keep(rule: re.Match) -> str:
        selectors = rule.group(1).split(",")
        return "" if all(_VIS_UNUSED.search(sel) for sel in selectors) else rule.group(0)

    return re.sub(r"([^{}]+)\{[^{}]*\}", keep, css)


def _asset(name: str) -> str:
    return (resources.files("kg.export") / "assets" / name).read_text(encoding="utf-8")


def _inline_js(source: str) -> str:
    # A source map comment would make devtools fetch a file we don't ship; "</script" would
    # end the inline script early.
    source = re.sub(r"^//# sourceMappingURL=.*$", "", source, flags=re.MULTILINE)
    return re.sub(r"</(script)", r"<\\/\1", source, flags=re.IGNORECASE)
