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
from kg.export.rdf import rdf_quads, to_rdf
from kg.parse import load_nlp
from kg.queries import named_queries
from kg.query import run_query
from kg.store import open_store, write_store

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


def examples(item) -> dict:
    return {p: hint.split("e.g.")[-1].strip() for p, hint in zip(item.params, item.hints)}


def time_queries(target, runs: int) -> dict[str, tuple[float, float, int]]:
    result = {}
    for name, item in named_queries().items():
        times, rows = [], 0
        for _ in range(runs):
            start = time.perf_counter()
            rows = len(run_query(target, item.sparql, **examples(item)))
            times.append(time.perf_counter() - start)
        result[name] = (*percentiles(times), rows)
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
    print(f"built {args.n} articles in {time.perf_counter() - start:.1f} s -> {base_out}", flush=True)
    per_copy = sum(1 for _ in rdf_quads(G, mentions))
    copies = max(1, -(-args.triples // per_copy))
    R, rows = replicate(G, mentions, copies)
    triples = sum(1 for _ in rdf_quads(R, rows))  # an upper bound: a few repeat
    print(f"replicated x{copies}: {len(R.graph['articles'])} articles, {triples:,} triples", flush=True)

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
    on_store = time_queries(store, args.runs)

    start = time.perf_counter()
    rdf = to_rdf(R, rows)
    rdf_seconds = time.perf_counter() - start
    print(f"rdflib: graph built in {rdf_seconds:.1f} s ({len(rdf):,} triples)", flush=True)
    on_rdflib = time_queries(rdf, args.rdflib_runs)
    del rdf

    print(f"\n{'query':<10} {'rows':>6} {'store p50':>10} {'p95':>8} {'rdflib p50':>11} {'p95':>8} {'ratio':>7}")
    for name, (p50, p95, count) in on_store.items():
        r50, r95, rcount = on_rdflib[name]
        flag = "" if count == rcount else f"  (rdflib: {rcount} rows)"
        print(f"{name:<10} {count:>6} {p50 * 1000:>8.1f}ms {p95 * 1000:>6.1f}ms "
              f"{r50 * 1000:>9.0f}ms {r95 * 1000:>6.0f}ms {r50 / p50:>6.0f}x{flag}")

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
    extra = sample(CORPUS, 10, skip=max(int(b) for b in args.bases.split(",")))
    for base in (int(b) for b in args.bases.split(",")):
        paths = sample(CORPUS, base)
        with tempfile.TemporaryDirectory() as tmp:
            start = time.perf_counter()
            kg.build(paths, jobs=1).save(Path(tmp) / "base")
            built = time.perf_counter() - start
            start = time.perf_counter()
            g = kg.load(Path(tmp) / "base", jobs=1)
            g.add(extra)
            g.save(Path(tmp) / "base")
            added = time.perf_counter() - start
        print(f"base {base}: build {built:.1f} s; +10 articles {added:.1f} s "
              f"({added / built:.2f} of the build)", flush=True)


if __name__ == "__main__":
    main()
