"""GraphML and GEXF, the formats Gephi, yEd and Cytoscape open (written by networkx).

Both need scalar attributes: aliases are joined with `` | ``, each fact carries its relation,
counts, dates, the articles supporting it (space-separated) and its first sentence.

>>> G = nx.MultiDiGraph(); G.add_node("a", label="Anna", type="PERSON", aliases=["Anna", "A."])
>>> _ = G.add_edge("a", "a2", key="meet", relation="meet", evidence=[{"article": "x",
...     "sentence": "Anna met Bo.", "negated": False, "date": None}])
>>> G.nodes["a2"].update(label="Bo", type="PERSON", aliases=["Bo"])
>>> flat = flat_graph(G); flat.nodes["a"]["aliases"], flat.edges["a", "a2", "meet"]["sources"]
('Anna | A.', 'x')
"""

from __future__ import annotations

import io

import networkx as nx


def flat_graph(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy of ``G`` whose attributes are all strings, numbers or booleans."""
    flat = nx.MultiDiGraph()
    for node, data in G.nodes(data=True):
        flat.add_node(node, label=data.get("label", node), type=data.get("type", ""),
                      aliases=" | ".join(data.get("aliases", [])), mentions=int(data.get("mentions", 0)))
    for source, target, relation, data in G.edges(keys=True, data=True):
        evidence = data.get("evidence", [])
        dates = sorted(e["date"] for e in evidence if e.get("date"))
        attrs = {"relation": relation, "label": relation, "weight": len(evidence),
                 "articles": len({e["article"] for e in evidence}),
                 "negated": all(e.get("negated") for e in evidence),
                 "sources": " ".join(sorted({e["article"] for e in evidence})),
                 "sentence": evidence[0]["sentence"] if evidence else ""}
        if dates:
            attrs.update(first_date=dates[0], last_date=dates[-1])
        flat.add_edge(source, target, key=relation, **attrs)
    return flat


def graphml_bytes(G: nx.MultiDiGraph) -> bytes:
    """``G`` as GraphML."""
    buffer = io.BytesIO()
    nx.write_graphml(flat_graph(G), buffer, encoding="utf-8")
    return buffer.getvalue()


def gexf_bytes(G: nx.MultiDiGraph) -> bytes:
    """``G`` as GEXF 1.2."""
    buffer = io.BytesIO()
    nx.write_gexf(flat_graph(G), buffer, encoding="utf-8")
    return buffer.getvalue()
