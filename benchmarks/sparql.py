"""SPARQL at a million triples: the embedded Oxigraph store against rdflib, and update cost.

1. Builds N BBC articles (``random.Random(0).sample``, ``--jobs 1``), then replicates them
   with new article ids (``ID~k``: the same entities reported again by more articles, so
   evidence, provenance and mentions grow) until the RDF holds ``--triples`` (1,000,000).
2. Bulk-loads that graph into an on-disk store (time, disk size), opens it read-only, and
   times every named query in process (p50/p95 over ``--runs``), then the same on rdflib
   (``--rdflib-runs``; building the rdflib graph is timed too), and ``kg query OUT NAME``
   end to end in a fresh process.
3. Update cost: for each base size in ``--bases``, build it, then load it and add 10 more
   articles (parse + re-resolve + save), against building all of them at once.

    .venv/bin/python benchmarks/sparql.py                       # ~1M triples
    .venv/bin/python benchmarks/sparql.py -n 50 --triples 100000 --bases 50   # quick
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

import kg
from kg.export.rdf import to_rdf
from kg.parse import load_nlp
from kg.queries import named_queries
from kg.query import run_query
from kg.store import build_store, open_store, write_store

CORPUS = Path(os.environ.get("KG_NEWS", Path(__file__).resolve().parents[2] / "shared" / "data" / "news"))


def sample(corpus: Path, n: int, skip: int = 0) -> list[Path]:
    files = sorted(corpus.glob("*.txt"))
    return random.Random(0).sample(files, min(n + skip, len(files)))[skip:skip + n]


def replicate(G: nx.MultiDiGraph, mentions: list[tuple], copies: int):
    """``G`` with every article repeated ``copies`` times under new ids (``ID~k``)."""
    R = nx.MultiDiGraph()
    R.add_nodes_from(G.nodes(data=True))
    R.graph["articles"] = {f"{a}~{k}" if k else a: meta for k in range(copies)
                           for a, meta in G.graph["articles"].items()}
    for u, v, key, data in G.edges(keys=True, data=True):
        evidence = [{**e, "article": f"{e['article']}~{k}" if k else e["article"]}
                    for k in range(copies) for e in data["evidence"]]
        R.add_edge(u, v, key=key, **{**data, "evidence": evidence})
    rows = [(f"{r[0]}~{k}" if k else r[0], *r[1:]) for k in range(copies) for r in mentions]
    return R, rows


def percentiles(times: list[float]) -> tuple[float, float]:
    ordered = sorted(times)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def parameters(G: nx.MultiDiGraph) -> dict[str, str]:
    """Values that hit: the person with most sentences, the named pair with most sentences."""
    named = {n for n, d in G.nodes(data=True) if d.get("type") not in ("CONCEPT", None)}
    weight = {}
    for u, v, d in G.edges(data=True):
        for node in (u, v):
            if G.nodes[node].get("type") == "PERSON":
                weight[node] = weight.get(node, 0) + len(d["evidence"])
    person = max(sorted(weight), key=weight.get)
    pairs = [(len(d["evidence"]), u, v) for u, v, d in G.edges(data=True) if u in named and v in named]
    _, u, v = max(pairs)
    label = lambda n: G.nodes[n]["label"]
    return {"entity": label(person), "a": label(u), "b": label(v), "subject": label(u), "object": label(v)}


def time_queries(target, runs: int, values: dict, budget: float = 10.0) -> dict[str, tuple]:
    """p50, p95 and rows per named query; one run only once a run takes over ``budget`` s."""
    result = {}
    for name, item in named_queries().items():
        times, rows = [], 0
        for _ in range(runs):
            start = time.perf_counter()
            rows = len(run_query(target, item.sparql, **{p: values[p] for p in item.params}))
            times.append(time.perf_counter() - start)
            if times[-1] > budget:
                break
        result[name] = (*percentiles(times), rows, len(times))
    return result


def du(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=200, help="BBC articles built before replicating")
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--rdflib-runs", type=int, default=3)
    parser.add_argument("--bases", default="100,200", help="base sizes for the update timing")
    parser.add_argument("--work", type=Path, default=None, help="folder to keep outputs in")
    args = parser.parse_args(argv)
    if not CORPUS.is_dir():
        sys.exit(f"{CORPUS}: corpus not found (set KG_NEWS)")
    work = args.work or Path(tempfile.mkdtemp(prefix="kg-sparql-"))
    load_nlp()

    start = time.perf_counter()
    graph = kg.build(sample(CORPUS, args.n), jobs=1)
    G, mentions = graph.to_networkx(), graph.mention_rows()
    base_out = work / f"base{args.n}"
    graph.save(base_out)
    first_build = time.perf_counter() - start
    print(f"built {args.n} articles in {first_build:.1f} s -> {base_out}", flush=True)
    one, two = (len(build_store(*replicate(G, mentions, k))) for k in (1, 2))
    base_triples = (len(to_rdf(G, mentions)))
    per_copy = max(1, len(to_rdf(*replicate(G, mentions, 2))) - base_triples)
    copies = max(1, 1 + -(-(args.triples - base_triples) // per_copy))
    R, rows = replicate(G, mentions, copies)
    values = parameters(G)
    print(f"base: {base_triples:,} triples (store quads {one:,}, x2 {two:,}); replicated x{copies}: "
          f"{len(R.graph['articles'])} articles; parameters {values}", flush=True)

    out = work / "big"
    out.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    write_store(R, rows, out)
    load_seconds = time.perf_counter() - start
    start = time.perf_counter()
    store = open_store(out)
    open_seconds = time.perf_counter() - start
    stored = run_query(store, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").rows[0][0]
    print(f"store: bulk load {load_seconds:.1f} s, open {open_seconds * 1000:.0f} ms, "
          f"{stored:,} triples in the default graph, {du(out / 'store') / 2**20:.0f} MiB on disk", flush=True)
    on_store = time_queries(store, args.runs, values, budget=60)

    start = time.perf_counter()
    rdf = to_rdf(R, rows)
    rdf_seconds = time.perf_counter() - start
    print(f"rdflib: graph built in {rdf_seconds:.1f} s ({len(rdf):,} triples)", flush=True)
    on_rdflib = time_queries(rdf, args.rdflib_runs, values)
    del rdf

    print(f"\n{'query':<10} {'rows':>6} {'store p50':>10} {'p95':>8} {'rdflib p50':>11} {'p95':>8} {'ratio':>7}")
    for name, (p50, p95, count, runs) in on_store.items():
        r50, r95, rcount, rruns = on_rdflib[name]
        flag = "" if count == rcount else f"  (rdflib: {rcount} rows)"
        print(f"{name:<10} {count:>6} {p50 * 1000:>8.1f}ms {p95 * 1000:>6.1f}ms "
              f"{r50 * 1000:>9.0f}ms {r95 * 1000:>6.0f}ms {r50 / p50:>6.0f}x  "
              f"({runs}/{rruns} runs){flag}", flush=True)

    kg_bin = Path(sys.executable).with_name("kg")
    times = []
    for _ in range(5):
        start = time.perf_counter()
        subprocess.run([str(kg_bin), "query", str(out), "connected", "--format", "csv"],
                       check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import kg.cli"], check=True)
    imports = time.perf_counter() - start
    print(f"\nkg query OUT connected, end to end: p50 {statistics.median(times):.2f} s over 5 runs "
          f"(of which python -c 'import kg.cli': {imports:.2f} s)", flush=True)

    print("\nupdate: 10 articles added to a saved graph (load + add + save) vs building all at once")
    bases = [int(b) for b in args.bases.split(",")]
    extra = sample(CORPUS, 10, skip=max(bases + [args.n]))
    for base in bases:
        with tempfile.TemporaryDirectory() as tmp:
            saved = base_out if base == args.n else Path(tmp) / "base"
            built = first_build
            if base != args.n:
                start = time.perf_counter()
                kg.build(sample(CORPUS, base), jobs=1).save(saved)
                built = time.perf_counter() - start
            start = time.perf_counter()
            g = kg.load(saved, jobs=1)
            g.add(extra)
            g.save(Path(tmp) / "grown")
            added = time.perf_counter() - start
        print(f"base {base}: build {built:.1f} s; +10 articles {added:.1f} s "
              f"({added / built:.2f} of the build)", flush=True)


if __name__ == "__main__":
    main()
