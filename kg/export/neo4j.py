"""Neo4j: CSV files for ``neo4j-admin database import`` and a ``LOAD CSV`` Cypher script.

``entities.csv`` and ``articles.csv`` are nodes (``:Entity``, ``:Article``), ``facts.csv``
relationships between entities typed by relation (``MEET``), ``mentions.csv`` article →
entity ``MENTIONS`` relationships. Arrays use ``|`` as delimiter. Either import offline::

    neo4j-admin database import full --array-delimiter='|' --nodes=Entity=entities.csv \\
        --nodes=Article=articles.csv --relationships=facts.csv --relationships=mentions.csv

or copy the CSVs into Neo4j's import folder and run ``load.cypher`` in cypher-shell.

>>> relationship_type("set_up")
'SET_UP'
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Iterable

import networkx as nx

HEADERS = {
    "entities.csv": ["id:ID(Entity)", "label", "type", "aliases:string[]", "mentions:int"],
    "articles.csv": ["id:ID(Article)", "title", "date", "url"],
    "facts.csv": [":START_ID(Entity)", ":END_ID(Entity)", ":TYPE", "relation", "sentences:int",
                  "articles:int", "negated:boolean", "first_date", "last_date", "sources:string[]"],
    "mentions.csv": [":START_ID(Article)", ":END_ID(Entity)", ":TYPE", "count:int"],
}


def relationship_type(relation: str) -> str:
    """The Neo4j relationship type of a relation lemma (upper case, as Cypher style has it)."""
    return relation.upper()


def _array(values: Iterable[str]) -> str:
    return "|".join(v.replace("|", "/") for v in values)


def neo4j_files(G: nx.MultiDiGraph, mentions: Iterable[tuple]) -> dict[str, str]:
    """``{file name: text}``: the four CSVs and load.cypher."""
    rows: dict[str, list[list]] = {name: [] for name in HEADERS}
    for node, data in G.nodes(data=True):
        rows["entities.csv"].append([node, data.get("label", node), data.get("type", ""),
                                     _array(data.get("aliases", [])), data.get("mentions", 0)])
    for article_id, meta in G.graph.get("articles", {}).items():
        rows["articles.csv"].append([article_id, meta.get("title") or "", meta.get("date") or "",
                                     meta.get("url") or ""])
    for source, target, relation, data in G.edges(keys=True, data=True):
        evidence = data.get("evidence", [])
        dates = sorted(e["date"] for e in evidence if e.get("date"))
        articles = sorted({e["article"] for e in evidence})
        rows["facts.csv"].append([source, target, relationship_type(relation), relation, len(evidence),
                                  len(articles), str(all(e.get("negated") for e in evidence)).lower(),
                                  dates[0] if dates else "", dates[-1] if dates else "", _array(articles)])
    counts = Counter((row[0], row[4]) for row in mentions)
    for (article, node), count in sorted(counts.items()):
        if node in G:
            rows["mentions.csv"].append([article, node, "MENTIONS", count])
    files = {}
    for name, header in HEADERS.items():
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows[name])
        files[name] = buffer.getvalue()
    types = sorted({row[2] for row in rows["facts.csv"]})
    files["load.cypher"] = load_script(types)
    return files


def load_script(types: Iterable[str]) -> str:
    """Cypher that loads the CSVs from Neo4j's import folder (``file:///entities.csv``…)."""
    lines = [
        "// kg graph: copy the CSVs into Neo4j's import folder, then: cypher-shell -f load.cypher",
        "CREATE CONSTRAINT kg_entity_id IF NOT EXISTS FOR (e:Entity) REQUIRE e.id IS UNIQUE;",
        "CREATE CONSTRAINT kg_article_id IF NOT EXISTS FOR (a:Article) REQUIRE a.id IS UNIQUE;",
        "LOAD CSV WITH HEADERS FROM 'file:///entities.csv' AS row\n"
        "MERGE (e:Entity {id: row.`id:ID(Entity)`})\n"
        "SET e.label = row.label, e.type = row.type, e.aliases = split(row.`aliases:string[]`, '|'),\n"
        "    e.mentions = toInteger(row.`mentions:int`);",
        "LOAD CSV WITH HEADERS FROM 'file:///articles.csv' AS row\n"
        "MERGE (a:Article {id: row.`id:ID(Article)`})\n"
        "SET a.title = row.title, a.date = row.date, a.url = row.url;",
        "LOAD CSV WITH HEADERS FROM 'file:///mentions.csv' AS row\n"
        "MATCH (a:Article {id: row.`:START_ID(Article)`}), (e:Entity {id: row.`:END_ID(Entity)`})\n"
        "MERGE (a)-[m:MENTIONS]->(e) SET m.count = toInteger(row.`count:int`);",
    ]
    for kind in types:  # Cypher can't take a relationship type from a parameter: one per type
        lines.append(
            "LOAD CSV WITH HEADERS FROM 'file:///facts.csv' AS row\n"
            f"WITH row WHERE row.`:TYPE` = '{kind}'\n"
            "MATCH (s:Entity {id: row.`:START_ID(Entity)`}), (o:Entity {id: row.`:END_ID(Entity)`})\n"
            f"MERGE (s)-[r:{kind}]->(o)\n"
            "SET r.relation = row.relation, r.sentences = toInteger(row.`sentences:int`),\n"
            "    r.articles = toInteger(row.`articles:int`), r.negated = row.`negated:boolean` = 'true',\n"
            "    r.first_date = row.first_date, r.last_date = row.last_date,\n"
            "    r.sources = split(row.`sources:string[]`, '|');")
    return "\n".join(lines) + "\n"
