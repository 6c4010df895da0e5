"""Every export of the seeds graph, read back by the tool it is for."""

import csv
import json
import re
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

import kg
from kg.cli import cli
from kg.export.mentions import read_mentions

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def G(seeds_out):
    return kg.load(seeds_out).to_networkx()


def export(out: Path, fmt: str, target: Path) -> Path:
    result = CliRunner().invoke(cli, ["export", str(out), "--format", fmt, "-o", str(target)])
    assert result.exit_code == 0, result.output
    return target


def test_parquet_tables_read_back_with_duckdb(seeds_out, G, tmp_path):
    duckdb = pytest.importorskip("duckdb")
    folder = export(seeds_out, "parquet", tmp_path / "parquet")
    con = duckdb.connect()
    count = lambda table: con.execute(f"SELECT count(*) FROM '{folder}/{table}.parquet'").fetchone()[0]
    assert count("entities") == G.number_of_nodes()
    assert count("facts") == G.number_of_edges()
    assert count("evidence") == sum(len(d["evidence"]) for *_, d in G.edges(data=True))
    assert count("mentions") == len(read_mentions(seeds_out / "mentions.tsv"))
    assert count("articles") == 5
    # joins: every fact's subject is an entity, every evidence row belongs to a fact
    orphans = con.execute(f"""SELECT count(*) FROM '{folder}/facts.parquet' f
        LEFT JOIN '{folder}/entities.parquet' e ON f.subject = e.id WHERE e.id IS NULL""").fetchone()[0]
    assert orphans == 0
    label, sentence, start = con.execute(f"""SELECT f.subject_label, v.sentence, v.start
        FROM '{folder}/facts.parquet' f JOIN '{folder}/evidence.parquet' v USING (fact)
        WHERE f.relation = 'meet' ORDER BY v.article, v.start LIMIT 1""").fetchone()
    assert isinstance(start, int) and label in sentence or "Erdo" in sentence
    aliases = con.execute(f"SELECT aliases FROM '{folder}/entities.parquet' WHERE list_contains(aliases, 'Putin')").fetchall()
    assert aliases and isinstance(aliases[0][0], list)


@pytest.mark.parametrize("fmt, reader", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_gephi_formats_read_back_with_networkx(seeds_out, G, tmp_path, fmt, reader):
    path = export(seeds_out, fmt, tmp_path / f"graph.{fmt}")
    back = reader(path)
    assert back.number_of_nodes() == G.number_of_nodes()
    assert back.number_of_edges() == G.number_of_edges()
    node = next(n for n, d in G.nodes(data=True) if "Putin" in d["aliases"])
    data = back.nodes[node]
    assert "Putin" in data["aliases"].split(" | ") and data["type"] == G.nodes[node]["type"]
    relations = sorted(d["relation"] for *_, d in back.edges(data=True))
    assert relations == sorted(k for _, _, k in G.edges(keys=True))


def test_neo4j_csvs_and_cypher_script_fit_together(seeds_out, G, tmp_path):
    folder = export(seeds_out, "neo4j", tmp_path / "neo4j")
    rows = {name: list(csv.DictReader((folder / name).open(encoding="utf-8")))
            for name in ("entities.csv", "articles.csv", "facts.csv", "mentions.csv")}
    ids = {r["id:ID(Entity)"] for r in rows["entities.csv"]}
    assert ids == set(G.nodes)
    assert len(rows["facts.csv"]) == G.number_of_edges()
    assert all(r[":START_ID(Entity)"] in ids and r[":END_ID(Entity)"] in ids for r in rows["facts.csv"])
    articles = {r["id:ID(Article)"] for r in rows["articles.csv"]}
    assert all(r[":START_ID(Article)"] in articles and r[":END_ID(Entity)"] in ids for r in rows["mentions.csv"])
    script = (folder / "load.cypher").read_text()
    merged = set(re.findall(r"MERGE \(s\)-\[r:(\w+)\]->\(o\)", script))
    assert merged == {r[":TYPE"] for r in rows["facts.csv"]}
    # every column the script reads is a header of the file it loads
    for file, body in re.findall(r"FROM 'file:///(\w+\.csv)' AS row\n(.*?);", script, re.S):
        header = set(rows[file][0])
        assert set(re.findall(r"row\.`([^`]+)`", body)) | set(re.findall(r"row\.(\w+)", body)) <= header
    assert all(statement.strip().endswith(")") or "SET" in statement or "REQUIRE" in statement
               for statement in script.split(";") if statement.strip() and not statement.strip().startswith("//"))


def test_rdf_datasets_read_back_with_rdflib_and_oxigraph(seeds_out, G, tmp_path):
    import pyoxigraph as ox
    from rdflib import Dataset, URIRef

    from kg.export.rdf import to_rdf

    union = {t for t in to_rdf(G, [tuple(r.values()) for r in read_mentions(seeds_out / "mentions.tsv")])}
    for fmt, name, rdf_format in (("trig", "graph.trig", "trig"), ("nquads", "graph.nq", "nquads"),
                                  ("jsonld", "graph.jsonld", "json-ld")):
        path = export(seeds_out, fmt, tmp_path / name)
        ds = Dataset(default_union=True).parse(path, format=rdf_format)
        graphs = {str(g.identifier) for g in ds.graphs() if len(g)}
        articles = {f"https://w3id.org/kg-news/article/{a}" for a in G.graph["articles"]}
        assert articles <= graphs, fmt
        assert set(ds.triples((None, None, None))) == union, fmt
    # the named graph of an article says what that article says, and only that
    store = ox.Store()
    store.load(path=str(tmp_path / "graph.nq"), format=ox.RdfFormat.N_QUADS)
    article = sorted(G.graph["articles"])[0]
    sentences = {s.value for s, in store.query(
        f"SELECT ?s WHERE {{ GRAPH <https://w3id.org/kg-news/article/{article}> {{ ?e <https://w3id.org/kg-news/vocab#sentence> ?s }} }}")}
    text = (Path(__file__).resolve().parents[2] / "seeds" / f"{article}.txt").read_text()
    assert sentences and all(s in text for s in sentences)
    assert json.loads((tmp_path / "graph.jsonld").read_text())["@context"]["kgv"].endswith("vocab#")


def test_nquads_and_turtle_are_the_same_bytes_every_time(seeds_out, tmp_path):
    first = export(seeds_out, "nquads", tmp_path / "a.nq").read_bytes()
    assert export(seeds_out, "nquads", tmp_path / "b.nq").read_bytes() == first
    from kg.export.rdf import write_turtle
    import io

    G = kg.load(seeds_out).to_networkx()
    a, b = io.StringIO(), io.StringIO()
    write_turtle(G, a), write_turtle(nx.MultiDiGraph(G), b)
    assert a.getvalue() == b.getvalue() == (seeds_out / "graph.ttl").read_text(encoding="utf-8")
