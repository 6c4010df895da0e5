"""Parquet tables for DuckDB, pandas and Spark: entities, facts, evidence, mentions, articles.

One file per table in a folder; ``fact`` ids join facts to their evidence, entity ids join
facts and mentions to entities. Columns keep their types (lists stay lists, offsets ints).

>>> import duckdb, kg
>>> g = kg.load("out"); files = write_parquet(g.to_networkx(), g.mention_rows(), "out/parquet")
>>> duckdb.sql("SELECT label, count(*) AS facts FROM 'out/parquet/facts.parquet' f "
...            "JOIN 'out/parquet/entities.parquet' e ON f.subject = e.id "
...            "GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 1").fetchall()
[('Turkey', 15)]
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import networkx as nx

from kg.export.rdf import statement_iri

TABLES = ("entities", "facts", "evidence", "mentions", "articles")


def _schemas():
    import pyarrow as pa

    text, whole, flag, real = pa.string(), pa.int64(), pa.bool_(), pa.float64()
    return {
        "entities": pa.schema([("id", text), ("label", text), ("type", text),
                               ("aliases", pa.list_(text)), ("same_as", pa.list_(text)),
                               ("mentions", whole)]),
        "facts": pa.schema([("fact", text), ("subject", text), ("relation", text), ("object", text),
                            ("subject_label", text), ("object_label", text), ("articles", whole),
                            ("sentences", whole), ("negated", flag), ("first_date", text),
                            ("last_date", text)]),
        "evidence": pa.schema([("fact", text), ("article", text), ("sentence", text),
                               ("start", whole), ("end", whole), ("date", text),
                               ("date_source", text), ("predicate", text), ("negated", flag),
                               ("modality", text), ("attribution", text), ("place", text),
                               ("confidence", real)]),
        "mentions": pa.schema([("article", text), ("start", whole), ("end", whole),
                               ("surface", text), ("node", text)]),
        "articles": pa.schema([("id", text), ("title", text), ("date", text), ("url", text)]),
    }


def table_rows(G: nx.MultiDiGraph, mentions: Iterable[tuple]) -> dict[str, list[dict]]:
    """Each table's rows as dicts (what the Parquet files hold)."""
    rows: dict[str, list[dict]] = {name: [] for name in TABLES}
    for node, data in G.nodes(data=True):
        rows["entities"].append({"id": node, "label": data.get("label", node),
                                 "type": data.get("type"), "aliases": list(data.get("aliases", [])),
                                 "same_as": list(data.get("same_as", [])),
                                 "mentions": data.get("mentions", 0)})
    for source, target, relation, data in G.edges(keys=True, data=True):
        fact = str(statement_iri(source, relation, target)).rsplit("/", 1)[-1]
        evidence = data.get("evidence", [])
        dates = sorted(e["date"] for e in evidence if e.get("date"))
        rows["facts"].append({
            "fact": fact, "subject": source, "relation": relation, "object": target,
            "subject_label": G.nodes[source].get("label"), "object_label": G.nodes[target].get("label"),
            "articles": len({e["article"] for e in evidence}), "sentences": len(evidence),
            "negated": all(e.get("negated") for e in evidence),
            "first_date": dates[0] if dates else None, "last_date": dates[-1] if dates else None})
        for e in evidence:
            rows["evidence"].append({"fact": fact, **{key: e.get(key) for key in (
                "article", "sentence", "start", "end", "date", "date_source", "predicate",
                "negated", "modality", "attribution", "place", "confidence")}})
    for article, start, end, surface, node in mentions:
        rows["mentions"].append({"article": article, "start": start, "end": end,
                                 "surface": " ".join(surface.split()), "node": node})
    for article_id, meta in G.graph.get("articles", {}).items():
        rows["articles"].append({"id": article_id, **{k: meta.get(k) for k in ("title", "date", "url")}})
    return rows


def write_parquet(G: nx.MultiDiGraph, mentions: Iterable[tuple], folder: str | Path) -> list[Path]:
    """Write ``folder/<table>.parquet`` for every table; return the paths."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from kg.export import write_atomically

    schemas = _schemas()
    files = {}
    for name, rows in table_rows(G, mentions).items():
        sink = pa.BufferOutputStream()
        pq.write_table(pa.Table.from_pylist(rows, schema=schemas[name]), sink)
        files[f"{name}.parquet"] = sink.getvalue().to_pybytes()
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    return write_atomically(folder, files)
