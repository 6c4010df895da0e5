"""Build throughput and memory on the BBC news corpus (../shared/data/news).

Builds a fixed sample (``random.Random(0).sample(sorted(files), N)``) with ``--jobs 1`` and
with all cores, timing each stage (read+parse+extract, resolve+merge, export) and the peak
memory of the process and its children. Prints one line per run and a summary line last.

    .venv/bin/python benchmarks/build.py            # 200 articles
    .venv/bin/python benchmarks/build.py -n 500
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

import kg
from kg.parse import default_jobs, load_nlp

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "data" / "news"


def sample(corpus: Path, n: int) -> list[Path]:
    files = sorted(corpus.glob("*.txt"))
    return random.Random(0).sample(files, min(n, len(files)))


def run(paths: list[Path], jobs: int) -> dict:
    graph = kg.KnowledgeGraph(jobs=jobs)
    start = time.perf_counter()
    graph.add(paths)
    extracted = time.perf_counter()
    graph.to_networkx()
    merged = time.perf_counter()
    with tempfile.TemporaryDirectory() as out:
        graph.save(out)
    saved = time.perf_counter()
    summary = graph.summary()
    chars = sum(len(p.read_text(encoding="utf-8")) for p in paths)
    return {**summary, "jobs": jobs, "chars": chars, "extract": extracted - start,
            "resolve_merge": merged - extracted, "export": saved - merged, "total": saved - start}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=200, help="articles in the sample")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        sys.exit(f"{args.corpus}: corpus not found")
    paths = sample(args.corpus, args.n)
    load_nlp()  # model load is start-up, not throughput
    results = []
    for jobs in sorted({1, default_jobs()}):
        r = run(paths, jobs)
        results.append(r)
        print(f"jobs={jobs}: {r['articles']} articles ({r['chars'] / 1e6:.2f} M chars) -> "
              f"{r['entities']} entities, {r['facts']} facts | parse+extract {r['extract']:.1f} s, "
              f"resolve+merge {r['resolve_merge']:.1f} s, export {r['export']:.1f} s, "
              f"total {r['total']:.1f} s = {r['articles'] / r['total']:.1f} articles/s")
    peak = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
               resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024
    best = min(results, key=lambda r: r["total"])
    print(f"{best['articles']} articles: {best['articles'] / best['total']:.1f} articles/s "
          f"(jobs={best['jobs']}), resolve+merge {100 * best['resolve_merge'] / best['total']:.0f}% "
          f"of build time, peak RSS {peak:.0f} MiB")


if __name__ == "__main__":
    main()
