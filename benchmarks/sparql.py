"""SPARQL at a million triples: the embedded Oxigraph store against rdflib, and update cost.

1. Builds N BBC articles (``random.Random(0).sample``, ``--jobs 1``), then replicates them
   with new article ids (``ID~k``: the same entities reported again by more articles, so
   evidence, provenance and mentions grow) until the RDF holds ``--triples`` (1,000,000).
2. Bulk-loads that graph into an on-disk store (time, disk size), opens it read-only, and
   times every named query in process (p50/p95 over ``--runs``), then the same on rdflib
   (``--rdflib-runs``; building the rdflib graph is timed too), and ``kg query OUT NAME``
   end to end in a fresh process.
3. Update cost: a saved build of ``--update-n`` (2,000) articles (``--update-base DIR``:
   built there and timed once if missing, reused after), loaded with 10 and with 20 more
   articles added and saved (load + parse + re-resolve + save, with each stage's seconds),
   against the build itself. The difference between +20 and +10 is what 10 more articles
   cost; what +10 costs beyond that is the part that grows with the graph.

rdflib runs each query in a forked child (``--rdflib-timeout``): one query there can take
many minutes at a million triples, and a timed-out one is printed as such.

    .venv/bin/python benchmarks/sparql.py -n 2000 --base /tmp/b2000 --update-base /tmp/b2000
    .venv/bin/python benchmarks/sparql.py -n 50 --triples 100000 --update-n 50   # quick
"""

from __future__ import annotations

import argparse
import multiprocessing
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
from kg.progress import recording
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


_FORKED_GRAPH = None  # the rdflib graph the forked children query (copy-on-write)


def _forked_run(sparql: str, bindings: dict, answer) -> None:
    start, start_cpu = time.perf_counter(), time.process_time()
    rows = len(run_query(_FORKED_GRAPH, sparql, **bindings))
    answer.send((time.perf_counter() - start, time.process_time() - start_cpu, rows))


def time_queries_forked(rdf, runs: int, values: dict, timeout: float) -> dict[str, tuple]:
    """:func:`time_queries` on an rdflib graph, each run in a forked child killed after
    ``timeout`` s (then wall and CPU are ``timeout`` and rows -1): rdflib can't be interrupted."""
    global _FORKED_GRAPH
    _FORKED_GRAPH, context, result = rdf, multiprocessing.get_context("fork"), {}
    for name, item in named_queries().items():
        bindings = {p: values.get(name, values[p]) if p == "entity" else values[p] for p in item.params}
        wall, cpu, rows = [], [], 0
        for _ in range(runs):
            receive, send = context.Pipe(duplex=False)
            child = context.Process(target=_forked_run, args=(item.sparql, bindings, send))
            child.start()
            if receive.poll(timeout):
                seconds, used, rows = receive.recv()
            else:
                seconds, used, rows = timeout, timeout, -1
            child.kill()
            child.join()
            wall.append(seconds)
            cpu.append(used)
            if rows < 0:
                break
        result[name] = (*percentiles(wall), statistics.median(cpu), rows, len(wall))
        print(f"  rdflib {name}: p50 {result[name][0]:.1f} s"
              + (" (timed out)" if rows < 0 else ""), flush=True)
    _FORKED_GRAPH = None
    return result


def unique_triples(G: nx.MultiDiGraph, mentions: list[tuple]) -> int:
    """How many distinct triples graph.ttl (the union of all graphs) holds."""
    return len({quad[:3] for quad in raw_quads(G, mentions)})


# The kg command (what its console script runs), printing at exit how long its main thread
# waited in the run queue (/proc/self/schedstat, ns): on a shared machine that, not the
# command's own work, is where most of its wall time goes.
_KG_WITH_SCHEDSTAT = """import atexit, sys
atexit.register(lambda: sys.stderr.write("\\nwaited %.3f" % (int(open("/proc/self/schedstat").read().split()[1]) / 1e9)))
from kg.cli import cli
cli(prog_name="kg")
"""


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
    parser.add_argument("--rdflib-timeout", type=float, default=300, help="seconds per rdflib query")
    parser.add_argument("--base", type=Path, default=None,
                        help="a saved build of the -n articles to start from (built there if missing)")
    parser.add_argument("--update-n", type=int, default=2000, help="articles in the graph updated "
                        "(0: skip the update timing)")
    parser.add_argument("--update-base", type=Path, default=None,
                        help="a saved build of the --update-n articles (built there if missing)")
    parser.add_argument("--update-rounds", type=int, default=1, help="+10/+20 timings, interleaved")
    parser.add_argument("--skip-queries", action="store_true", help="only the update timing")
    parser.add_argument("--shacl", type=int, default=200, help="articles of the update base checked "
                        "against the shapes (0: skip)")
    parser.add_argument("--work", type=Path, default=None, help="folder to keep outputs in")
    args = parser.parse_args(argv)
    if not CORPUS.is_dir():
        sys.exit(f"{CORPUS}: corpus not found (set KG_NEWS)")
    work = args.work or Path(tempfile.mkdtemp(prefix="kg-sparql-"))
    load_nlp()
    if not args.skip_queries:
        queries(args, work)
    base = args.update_base or work / f"base{args.update_n}"
    if args.update_n:
        update(args.update_n, base, args.update_rounds)
    if args.shacl and (base / "graph.json").is_file():
        shapes_check(base, args.shacl, work)


def shapes_check(base: Path, n: int, work: Path) -> None:
    """pySHACL on ``n`` BBC articles: the saved build with all other articles removed (the
    same graph as a build of those ``n``, as tests/test_update.py checks), saved and validated."""
    from kg.shapes import validate

    g = kg.load(base, jobs=1)
    ids = sorted(g.to_networkx().graph["articles"])
    g.remove(ids[n:])
    g.save(work / f"shacl{n}")
    start = time.perf_counter()
    conforms, report = validate(work / f"shacl{n}" / "graph.ttl")
    print(f"\nSHACL on {n} BBC articles ({g.summary()['facts']:,} facts): "
          f"{'conforms' if conforms else 'DOES NOT CONFORM'} ({time.perf_counter() - start:.0f} s)", flush=True)
    if not conforms:
        print(report[:3000])


def queries(args, work: Path) -> None:
    """Replicate to ``--triples``, then time the store, rdflib and ``kg query``."""

    start = time.perf_counter()
    if args.base and (args.base / "graph.json").is_file():
        graph, base_out, first_build = kg.load(args.base, jobs=1), args.base, None
        print(f"loaded {args.base}", flush=True)
    else:
        start_cpu = time.process_time()
        graph = kg.build(sample(CORPUS, args.n), jobs=1)
        base_out = args.base or work / f"base{args.n}"
        graph.save(base_out)
        first_build = time.perf_counter() - start
        base_out.with_name(base_out.name + ".build-seconds").write_text(
            f"{first_build:.1f} {time.process_time() - start_cpu:.1f}\n")
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
        on_rdflib = time_queries_forked(rdf, args.rdflib_runs, values, args.rdflib_timeout)
        del rdf

    print(f"\n{'query':<10} {'rows':>6} {'store p50':>10} {'p95':>8} {'cpu p50':>8} "
          f"{'rdflib p50':>11} {'ratio':>7}")
    for name, (p50, p95, cpu, count, runs) in on_store.items():
        r50, _, _, rcount, rruns = on_rdflib.get(name, (float("nan"), 0, 0, count, 0))
        timed_out = rcount < 0  # rdflib's figure is then the timeout: a lower bound
        flag = "" if count == rcount or timed_out else f"  (rdflib: {rcount} rows)"
        print(f"{name:<10} {count:>6} {p50 * 1000:>8.1f}ms {p95 * 1000:>6.1f}ms {cpu * 1000:>6.1f}ms "
              f"{'>' if timed_out else ' '}{r50 * 1000:>8.0f}ms {'>' if timed_out else ' '}{r50 / p50:>5.0f}x"
              f"  ({runs}/{rruns} runs){' rdflib timed out' if timed_out else ''}{flag}", flush=True)

    print()
    for command in (["query", str(out), "connected"],
                    ["query", str(out), "timeline", "--param", f"entity={values['entity']}"],
                    ["query", str(out), "SELECT (COUNT(*) AS ?n) WHERE { ?s a kgv:Statement }"],
                    ["--help"]):
        times, cpu, waits = [], [], []
        for _ in range(5):
            start, used = time.perf_counter(), _children_cpu()
            done = subprocess.run([sys.executable, "-c", _KG_WITH_SCHEDSTAT, *command],
                                  check=True, capture_output=True, text=True)
            times.append(time.perf_counter() - start)
            cpu.append(_children_cpu() - used)
            waits.append(float(done.stderr.split()[-1]))
        shown = " ".join(c if c != str(out) else "OUT" for c in command)
        print(f"kg {shown[:60]}: end to end p50 {statistics.median(times):.2f} s "
              f"(min {min(times):.2f} s, CPU p50 {statistics.median(cpu):.2f} s, waiting for a core "
              f"p50 {statistics.median(waits):.2f} s) over 5 runs", flush=True)



def update(n: int, base: Path, rounds: int = 1) -> None:
    """Time +10 and +20 articles on a saved build of ``n`` against building it."""
    print(f"\nupdate: articles added to a saved {n}-article graph (load + add + save) vs building it")
    seconds_file = base.with_name(base.name + ".build-seconds")
    if not (base / "graph.json").is_file():
        start, start_cpu = time.perf_counter(), time.process_time()
        kg.build(sample(CORPUS, n), jobs=1).save(base)
        seconds_file.write_text(f"{time.perf_counter() - start:.1f} {time.process_time() - start_cpu:.1f}\n")
    built, built_cpu = map(float, seconds_file.read_text().split()) if seconds_file.is_file() \
        else (float("nan"), float("nan"))
    extra = sample(CORPUS, 20, skip=n)
    added = {}
    # a first, untimed article loads what the timed rounds would otherwise load once
    for k in (1, *(10, 20) * rounds):  # interleaved: the machine's load drifts
        with tempfile.TemporaryDirectory() as tmp, recording(quiet=True) as rec:
            start, start_cpu = time.perf_counter(), time.process_time() + _children_cpu()
            g = kg.load(base, jobs=1)
            count = g.add(extra[:k])  # fewer when the corpus repeats an article
            g.save(Path(tmp) / "grown")
            wall, cpu = time.perf_counter() - start, time.process_time() + _children_cpu() - start_cpu
        if k == 1:
            print(f"  warm-up +1: {wall:.1f} s wall", flush=True)
            continue
        added.setdefault(k, []).append((wall, cpu))
        stages = sorted(rec.seconds.items(), key=lambda item: -item[1])[:8]
        print(f"  +{k} ({count} new): {wall:.1f} s wall, {cpu:.1f} s CPU; stages: "
              + ", ".join(f"{name} {sec:.1f}" for name, sec in stages), flush=True)
    ten, twenty = (min(c for _, c in added[k]) for k in (10, 20))
    per_article = (twenty - ten) / 10
    print(f"build of {n}: {built:.1f} s wall, {built_cpu:.1f} s CPU ({built_cpu / n:.2f} s CPU an article); "
          f"+10: {ten:.1f} s CPU, +20: {twenty:.1f} s CPU (best of {rounds}): "
          f"{per_article:.2f} s CPU an added article, "
          f"{ten - 10 * per_article:.1f} s CPU that grows with the graph "
          f"(+10 = {ten / built_cpu:.3f} of the build's CPU, +20 = {twenty / built_cpu:.3f})", flush=True)


if __name__ == "__main__":
    main()
