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

__all__ = ["explain", "format_explanation", "reason_for", "confidence", "doubtful", "format_doubtful",
           "doubtful_report"]

# How sure each merge rule is (0-1): exact evidence near 1, a lone name part or a pronoun
# lower. Rough priors ordered by the errors each rule made on the hand golds, not fitted.
RULE_CONFIDENCE = {
    "alias-table": 1.0, "country-table": 0.99, "same-name": 0.98, "transliteration": 0.97,
    "title-stripped": 0.95, "acronym": 0.93, "name-parts": 0.9, "short-name": 0.85,
    "surname-unique": 0.8, "surname-dominant": 0.7, "fuzzy": 0.75, "family-name": 0.75, "first-name": 0.7,
    "coref-apposition": 0.9, "coref-pronoun": 0.7, "coref-description": 0.65,
    "coref-government": 0.8, "type-majority": 0.6, "same-name-other-type": 0.85,
}
_DEFAULT_CONFIDENCE = 0.6


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


def confidence(rule: str, alias: str = "", label: str = "") -> float:
    """How sure a merge by ``rule`` is; a short alias of a long label is a little less sure.

    >>> confidence("same-name"), confidence("surname-unique", "Blair", "Tony Blair")
    (0.98, 0.8)
    >>> confidence("short-name", "X", "Anna Maria Y Z")
    0.8
    """
    base = RULE_CONFIDENCE.get(rule, _DEFAULT_CONFIDENCE)
    if (alias and label and len(alias) <= 2 and not rule.startswith("coref-")
            and rule not in ("acronym", "alias-table", "country-table")):
        base -= 0.05  # a one- or two-letter alias matches many things
    return round(max(0.0, min(1.0, base)), 2)


def doubtful(G, limit: int = 50) -> list[dict]:
    """The least certain merges of the graph first: ``{node, label, type, alias, rule, detail,
    confidence, line}``, where ``line`` is ready for an alias file (``--aliases``): keep it
    as ``=`` to accept, change it to ``!=`` to forbid.

    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("ann-lee", label="Ann Lee", type="PERSON", merged=[
    ...     {"rule": "surname-unique", "alias": "Lee", "target": "Ann Lee", "detail": "x", "confidence": 0.8},
    ...     {"rule": "same-name", "alias": "ANN LEE", "target": "Ann Lee", "detail": "y", "confidence": 0.98}])
    >>> [(d["alias"], d["line"]) for d in doubtful(G)]
    [('Lee', 'Lee,=,Ann Lee'), ('ANN LEE', 'ANN LEE,=,Ann Lee')]
    """
    rows = []
    for node, data in G.nodes(data=True):
        for reason in data.get("merged", []):
            score = reason.get("confidence")
            if score is None:
                score = confidence(reason.get("rule", ""), reason.get("alias", ""), data.get("label", ""))
            rows.append({"node": node, "label": data.get("label", node), "type": data.get("type"),
                         "alias": reason.get("alias", ""), "rule": reason.get("rule", ""),
                         "detail": reason.get("detail", ""), "confidence": score,
                         "mentions": data.get("mentions", 0),
                         "line": "" if reason.get("rule", "").startswith("coref-")  # a pronoun: no name to list
                         else f"{_csv(reason.get('alias', ''))},=,{_csv(data.get('label', node))}"})
    rows.sort(key=lambda r: (r["confidence"], -r["mentions"], r["node"], r["alias"]))
    return rows[:limit] if limit else rows


def doubtful_report(out, limit: int = 50, fmt: str = "table") -> str:
    """``kg explain OUT --doubtful``: the built graph's least certain merges, as text or JSON.

    Raises :class:`click.ClickException` for an OUT that holds no graph.
    """
    import json

    import click

    import kg
    from kg.errors import KgError

    try:
        rows = doubtful(kg.load(out).to_networkx(), limit)
    except KgError as err:
        raise click.ClickException(str(err)) from None
    return json.dumps(rows, ensure_ascii=False, indent=1) if fmt == "json" else format_doubtful(rows)


def _csv(name: str) -> str:
    return f'"{name}"' if any(c in name for c in ',"') else name


def format_doubtful(rows: list[dict]) -> str:
    """Terminal rendering of :func:`doubtful`: one merge per line, then its alias-file line.

    >>> print(format_doubtful([{"node": "n", "label": "Ann Lee", "type": "PERSON", "alias": "Lee",
    ...     "rule": "surname-unique", "detail": "the only Lee", "confidence": 0.8, "line": "Lee,=,Ann Lee"}]))
    0.80  'Lee' -> 'Ann Lee' [PERSON]  surname-unique: the only Lee
          accept: Lee,=,Ann Lee    forbid: Lee,!=,Ann Lee
    """
    if not rows:
        return "no merges"
    out = []
    for r in rows:
        out.append(f"{r['confidence']:.2f}  {r['alias']!r} -> {r['label']!r} [{r['type']}]  {r['rule']}: {r['detail']}")
        if r["line"]:
            out.append(f"      accept: {r['line']}    forbid: {r['line'].replace(',=,', ',!=,', 1)}")
    return "\n".join(out)


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
        lines += [f"  {r['alias']!r} -> {r['target']!r}: {r['rule']}"
                  + (f" {r['confidence']:.2f}" if r.get("confidence") is not None else "")
                  + f" ({r['detail']})" for r in info["reasons"]]
    if info["same_as"]:
        lines.append("same as: " + ", ".join(info["same_as"]))
    if info["related"]:
        lines.append("related: " + ", ".join(f"{p} {o}" for p, o in info["related"]))
    if info["mentions"]:
        total, shown = len(info["mentions"]), min(len(info["mentions"]), 20)
        lines.append(f"mentions ({total}" + (f", the first {shown}; --format json lists all" if shown < total else "") + "):")
        lines += [f"  {m.get('article')}:{m.get('start')}-{m.get('end')}  "
                  + (m.get("context") or m.get("surface", m.get("text", "")))
                  for m in info["mentions"][:20]]
    if info.get("candidates"):
        lines.append("other nodes with this name (kg explain OUT ID): " + ", ".join(info["candidates"]))
    return "\n".join(lines)
