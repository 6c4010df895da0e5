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
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

import kg
from kg.export.rdf import raw_quads, to_rdf
from kg.parse import load_nlp
from kg.queries import named_queries
from kg.query import run_query
from kg.store import open_store, write_store

_REPO = Path(__file__).resolve().parents[1]
# KG_NEWS, else shared/ beside the clone (CI) or beside the worktrees' folder (/work/wt/iNN)
CORPUS = Path(os.environ.get("KG_NEWS") or next(
    (p for p in (_REPO.parent / "shared" / "data" / "news", _REPO.parents[1] / "shared" / "data" / "news")
     if p.is_dir()), _REPO.parent / "shared" / "data" / "news"))


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
    """Values that hit: the person with most sentences, the named pair with most sentences,
    the entity with most ``meet`` sentences (for who-met)."""
    named = {n for n, d in G.nodes(data=True) if d.get("type") not in ("CONCEPT", None)}
    weight = {}
    for u, v, d in G.edges(data=True):
        for node in (u, v):
            if G.nodes[node].get("type") == "PERSON":
                weight[node] = weight.get(node, 0) + len(d["evidence"])
    person = max(sorted(weight), key=weight.get)
    pairs = [(len(d["evidence"]), u, v) for u, v, d in G.edges(data=True) if u in named and v in named]
    _, u, v = max(pairs)
    met = {}
    for a, b, key, d in G.edges(keys=True, data=True):
        if key == "meet":
            for node in (a, b):
                met[node] = met.get(node, 0) + len(d["evidence"])
    label = lambda n: G.nodes[n]["label"]
    return {"entity": label(person), "a": label(u), "b": label(v), "subject": label(u), "object": label(v),
            "who-met": label(max(sorted(met), key=met.get)) if met else label(person)}


def time_queries(target, runs: int, values: dict, budget: float = 10.0) -> dict[str, tuple]:
    """Wall p50, p95, CPU p50, rows and runs per named query; one run only once a run takes
    over ``budget`` s. CPU time (this process) is what a query costs on an idle machine:
    on a shared one the wall clock also counts the time spent waiting for a core."""
    result = {}
    for name, item in named_queries().items():
        wall, cpu, rows = [], [], 0
        bindings = {p: values.get(name, values[p]) if p == "entity" else values[p] for p in item.params}
        for _ in range(runs):
            start, start_cpu = time.perf_counter(), time.process_time()
            rows = len(run_query(target, item.sparql, **bindings))
            cpu.append(time.process_time() - start_cpu)
            wall.append(time.perf_counter() - start)
            if wall[-1] > budget:
                break
        result[name] = (*percentiles(wall), statistics.median(cpu), rows, len(wall))
    return result


def unique_triples(G: nx.MultiDiGraph, mentions: list[tuple]) -> int:
    """How many distinct triples graph.ttl (the union of all graphs) holds."""
    return len({quad[:3] for quad in raw_quads(G, mentions)})


def _children_cpu() -> float:
    """User + system CPU seconds of the finished child processes."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def du(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=200, help="BBC articles built before replicating")
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--rdflib-runs", type=int, default=1, help="0: skip rdflib")
    parser.add_argument("--base", type=Path, default=None,
                        help="a saved build of the -n articles to start from (skips building them)")
    parser.add_argument("--bases", default="100,200", help="base sizes for the update timing")
    parser.add_argument("--work", type=Path, default=None, help="folder to keep outputs in")
    args = parser.parse_args(argv)
    if not CORPUS.is_dir():
        sys.exit(f"{CORPUS}: corpus not found (set KG_NEWS)")
    work = args.work or Path(tempfile.mkdtemp(prefix="kg-sparql-"))
    load_nlp()

    start = time.perf_counter()
    if args.base:
        graph, base_out, first_build = kg.load(args.base, jobs=1), args.base, None
        print(f"loaded {args.base}", flush=True)
    else:
        graph = kg.build(sample(CORPUS, args.n), jobs=1)
        base_out = work / f"base{args.n}"
        graph.save(base_out)
        first_build = time.perf_counter() - start
        print(f"built {args.n} articles in {first_build:.1f} s -> {base_out}", flush=True)
    G, mentions = graph.to_networkx(), graph.mention_rows()
    base_triples = unique_triples(*replicate(G, mentions, 1))  # replicas carry no events
    per_copy = max(1, unique_triples(*replicate(G, mentions, 2)) - base_triples)
    copies = max(1, 1 + -(-(args.triples - base_triples) // per_copy))
    R, rows = replicate(G, mentions, copies)
    values = parameters(G)
    print(f"base: {base_triples:,} triples; replicated x{copies}: {unique_triples(R, rows):,} triples, "
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
    print(f"store: bulk load + compaction {load_seconds:.1f} s, open {open_seconds * 1000:.0f} ms, "
          f"{stored:,} triples in the default graph, {du(out / 'store') / 2**20:.0f} MiB on disk", flush=True)
    on_store = time_queries(store, args.runs, values, budget=60)

    on_rdflib = {}
    if args.rdflib_runs:
        start = time.perf_counter()
        rdf = to_rdf(R, rows)
        rdf_seconds = time.perf_counter() - start
        print(f"rdflib: graph built in {rdf_seconds:.1f} s ({len(rdf):,} triples)", flush=True)
        on_rdflib = time_queries(rdf, args.rdflib_runs, values)
        del rdf

    print(f"\n{'query':<10} {'rows':>6} {'store p50':>10} {'p95':>8} {'cpu p50':>8} "
          f"{'rdflib p50':>11} {'ratio':>7}")
    for name, (p50, p95, cpu, count, runs) in on_store.items():
        r50, _, _, rcount, rruns = on_rdflib.get(name, (float("nan"), 0, 0, count, 0))
        flag = "" if count == rcount else f"  (rdflib: {rcount} rows)"
        print(f"{name:<10} {count:>6} {p50 * 1000:>8.1f}ms {p95 * 1000:>6.1f}ms {cpu * 1000:>6.1f}ms "
              f"{r50 * 1000:>9.0f}ms {r50 / p50:>6.0f}x  ({runs}/{rruns} runs){flag}", flush=True)

    kg_bin = str(Path(sys.executable).with_name("kg"))
    print()
    for command in (["query", str(out), "connected"],
                    ["query", str(out), "timeline", "--param", f"entity={values['entity']}"],
                    ["query", str(out), "SELECT (COUNT(*) AS ?n) WHERE { ?s a kgv:Statement }"],
                    ["--help"]):
        times, cpu = [], []
        for _ in range(5):
            start, used = time.perf_counter(), _children_cpu()
            subprocess.run([kg_bin, *command], check=True, capture_output=True)
            times.append(time.perf_counter() - start)
            cpu.append(_children_cpu() - used)
        shown = " ".join(c if c != str(out) else "OUT" for c in command)
        print(f"kg {shown[:60]}: end to end p50 {statistics.median(times):.2f} s "
              f"(min {min(times):.2f} s, CPU p50 {statistics.median(cpu):.2f} s) over 5 runs", flush=True)

    print("\nupdate: articles added to a saved graph (load + add + save) vs building the base")
    bases = [int(b) for b in args.bases.split(",")]
    extra = sample(CORPUS, 10, skip=max(bases + [args.n]))
    for base in bases:
        with tempfile.TemporaryDirectory() as tmp:
            saved, built = base_out, first_build
            if base != args.n or built is None:
                saved = Path(tmp) / "base"
                start = time.perf_counter()
                kg.build(sample(CORPUS, base), jobs=1).save(saved)
                built = time.perf_counter() - start
            for k in (1, 10):
                start = time.perf_counter()
                g = kg.load(saved, jobs=1)
                g.add(extra[:k])
                g.save(Path(tmp) / f"grown{k}")
                added = time.perf_counter() - start
                print(f"base {base}: build {built:.1f} s; +{k} article(s) {added:.1f} s "
                      f"({added / built:.2f} of the build)", flush=True)


if __name__ == "__main__":
    main()
