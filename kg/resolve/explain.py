"""Why is this one node? Find a node by any alias and show its merge reasons.

:func:`explain` reads the graph ``merge_facts`` builds (node attrs ``label``, ``type``,
``aliases``, ``merged`` = MergeReason dicts, ``same_as``, ``related``);
:func:`format_explanation` renders it for the terminal (``kg explain OUT NAME``).
"""

from __future__ import annotations

from anyascii import anyascii

from kg.resolve.aliases import AliasTable
from kg.resolve.names import fold, name_tokens, strip_titles
from kg.resolve.places import find_country
from kg.types import Entity, MergeReason

__all__ = ["explain", "format_explanation", "reason_for"]


def reason_for(alias: str, entity: Entity, kind: str, table: AliasTable) -> MergeReason:
    """The rule that makes ``alias`` a name of ``entity`` when no join recorded one.

    >>> e = Entity("recep-tayyip-erdogan", "Recep Tayyip Erdoğan", "PERSON")
    >>> reason_for("Recep Tayyip Erdogan", e, "person", AliasTable()).rule
    'transliteration'
    >>> reason_for("Turkish President Recep Tayyip Erdogan", e, "person", AliasTable()).rule
    'title-stripped'
    """
    label = entity.label
    if kind == "country" and (code := find_country(alias)):
        return MergeReason("country-table", alias, label, f"ISO 3166 {code} (pycountry + kg's table)")
    if table.canonical(alias):
        return MergeReason("alias-table", alias, label, f"alias table: {alias!r} = {table.canonical(alias)!r}")
    if fold(alias) == fold(label):
        if anyascii(alias) != alias or anyascii(label) != label:
            return MergeReason("transliteration", alias, label, "equal after ASCII folding (anyascii)")
        return MergeReason("same-name", alias, label, "same name, case or punctuation aside")
    if kind == "person":
        stripped = strip_titles(alias)
        if stripped != alias and fold(stripped) == fold(label):
            return MergeReason("title-stripped", alias, label, f"{alias!r} without titles is {stripped!r}")
        if len(name_tokens(alias)) == 1:
            return MergeReason("short-name", alias, label, "surname of the full name")
        return MergeReason("name-parts", alias, label, "given names and surname compatible")
    return MergeReason("same-name", alias, label, "same folded name")


def explain(G, name: str, mentions: list[dict] | None = None) -> dict:
    """Everything kg knows about the node called ``name`` (any alias, folded, case-insensitive).

    Args:
        G: the built graph (``nx.MultiDiGraph``).
        name: a node id, label or alias, e.g. ``erdogan`` or ``Erdoğan``.
        mentions: optional ``mentions.tsv`` rows (dicts with ``node``) to list the node's mentions.

    Returns:
        ``{"id", "label", "type", "aliases", "reasons", "same_as", "related", "mentions",
        "candidates"}``; ``id`` is None when nothing matches, and ``candidates`` lists other
        nodes that share the name.

    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("recep-tayyip-erdogan", label="Recep Tayyip Erdoğan", type="PERSON",
    ...            aliases=["Recep Tayyip Erdoğan", "Erdogan"], merged=[{"rule": "short-name",
    ...            "alias": "Erdogan", "target": "Recep Tayyip Erdoğan", "detail": "surname"}])
    >>> info = explain(G, "erdoğan"); info["id"], [r["rule"] for r in info["reasons"]]
    ('recep-tayyip-erdogan', ['short-name'])
    >>> explain(G, "Tayyip")["id"]  # part of a name, when no whole name matches
    'recep-tayyip-erdogan'
    """
    wanted = fold(name)
    hits = []
    for node, data in G.nodes(data=True):
        names = [node, data.get("label", ""), *data.get("aliases", [])]
        if node == name:  # an id names one node: the one it shows for "other nodes"
            hits = [(-1, 0, 0, node)]
            break
        if any(fold(n) == wanted for n in names):
            # the most connected first, as g.entity() and the page's search pick
            hits.append((0, -G.degree(node), -data.get("mentions", 0), node))
    if not hits:  # no whole name matches: a part of one does ("Peskov" of "Dmitry Peskov")
        words = set(wanted.split())
        for node, data in G.nodes(data=True):
            if data.get("type") != "CONCEPT" and any(
                    words <= set(fold(n).split()) for n in [data.get("label", ""), *data.get("aliases", [])]):
                hits.append((1, -G.degree(node), -data.get("mentions", 0), node))
    if not hits:
        return {"id": None, "query": name, "candidates": []}
    hits.sort()
    node = hits[0][-1]
    data = G.nodes[node]
    rows = [m for m in (mentions or []) if m.get("node") == node]
    return {
        "id": node, "query": name, "label": data.get("label", node), "type": data.get("type"),
        "aliases": list(data.get("aliases", [])), "reasons": list(data.get("merged", [])),
        "same_as": list(data.get("same_as", [])),
        "related": [tuple(pair) for pair in data.get("related", [])],
        "mentions": rows, "candidates": [h[-1] for h in hits[1:]],
    }


def format_explanation(info: dict) -> str:
    """Plain-text rendering of :func:`explain`'s result.

    >>> print(format_explanation({"id": None, "query": "Zorro", "candidates": []}))
    no node named 'Zorro'
    """
    if info.get("id") is None:
        return f"no node named {info.get('query')!r}"
    lines = [f"{info['label']}  [{info['type']}]  id: {info['id']}",
             f"aliases: {', '.join(info['aliases'])}"]
    if info["reasons"]:
        lines.append("merged because:")
        lines += [f"  {r['alias']!r} -> {r['target']!r}: {r['rule']} ({r['detail']})" for r in info["reasons"]]
    if info["same_as"]:
        lines.append("same as: " + ", ".join(info["same_as"]))
    if info["related"]:
        lines.append("related: " + ", ".join(f"{p} {o}" for p, o in info["related"]))
    if info["mentions"]:
        total, shown = len(info["mentions"]), min(len(info["mentions"]), 20)
        lines.append(f"mentions ({total}" + (f", the first {shown}; --format json lists all" if shown < total else "") + "):")
        lines += [f"  {m.get('article')}:{m.get('start')}-{m.get('end')}  {m.get('surface', m.get('text', ''))}"
                  for m in info["mentions"][:20]]
    if info.get("candidates"):
        lines.append("other nodes with this name (kg explain OUT ID): " + ", ".join(info["candidates"]))
    return "\n".join(lines)
