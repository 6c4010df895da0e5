"""Entity resolution benchmark: pairwise and B-cubed scores against a hand-made gold.

Usage::

    .venv/bin/python benchmarks/resolution.py [--data ../shared/data/news] [--show-errors N]

Gold: ``benchmarks/data/resolution_gold.tsv`` (article, start, end, surface, cluster), 723
mentions in 30 BBC politics articles, clusters assigned by hand before the rules were tuned;
``benchmarks/data/resolution_gold.md`` says how it was made.

Scoring: only gold mentions are scored. Each gold span is matched to the system mention
(``mentions.tsv`` row: article start end surface node) with the same span, else to the one
that overlaps it most in the same article. A gold mention with no system mention, or whose
pronoun the resolver left out, becomes a singleton system cluster: it can only lower recall.
System mentions that the gold doesn't list are ignored.

Timing: the graph is built with ``kg.build`` (read, parse, extract); resolution is then timed
on the same extracted articles and reported as a share of build time (build + resolve + merge).
The last line printed is the summary.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from collections import Counter, defaultdict
from itertools import combinations
from pathlib import Path

HERE = Path(__file__).resolve().parent
GOLD = HERE / "data" / "resolution_gold.tsv"
DATA = HERE.parent.parent / "shared" / "data" / "news"


def read_gold(path: Path = GOLD) -> dict[tuple[str, int, int], str]:
    with open(path, encoding="utf-8", newline="") as f:
        return {(r["article"], int(r["start"]), int(r["end"])): r["cluster"]
                for r in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)}


def align(gold: dict, rows: list[tuple]) -> dict[tuple, str]:
    """System node of each gold mention (exact span, else largest overlap; else a singleton)."""
    by_article = defaultdict(list)
    for article, start, end, _surface, node in rows:
        by_article[article].append((start, end, node))
    out = {}
    for key in gold:
        article, start, end = key
        best = max(((min(end, e) - max(start, s), (s, e) == (start, end), n)
                    for s, e, n in by_article[article] if min(end, e) > max(start, s)),
                   default=None, key=lambda t: (t[1], t[0]))
        out[key] = best[2] if best else f"__unmatched__{article}:{start}"
    return out


def pairwise(gold: dict, system: dict) -> tuple[float, float, float]:
    by_article_pairs = list(combinations(sorted(gold), 2))
    tp = same_sys = same_gold = 0
    for a, b in by_article_pairs:
        g, s = gold[a] == gold[b], system[a] == system[b]
        tp += g and s
        same_sys += s
        same_gold += g
    p = tp / same_sys if same_sys else 1.0
    r = tp / same_gold if same_gold else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def bcubed(gold: dict, system: dict) -> tuple[float, float, float]:
    g_members, s_members = defaultdict(set), defaultdict(set)
    for key in gold:
        g_members[gold[key]].add(key)
        s_members[system[key]].add(key)
    p = sum(len(g_members[gold[k]] & s_members[system[k]]) / len(s_members[system[k]]) for k in gold) / len(gold)
    r = sum(len(g_members[gold[k]] & s_members[system[k]]) / len(g_members[gold[k]]) for k in gold) / len(gold)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--show-errors", type=int, default=0, help="print N wrong merges and splits")
    args = parser.parse_args(argv)

    import kg
    from kg.merge import merge_facts
    from kg.resolve import resolve

    gold = read_gold()
    paths = [args.data / f"{aid}.txt" for aid in sorted({k[0] for k in gold})]
    kg.parse.load_nlp()  # model loading is a one-off, not part of a build's per-article cost
    t0 = time.perf_counter()
    graph = kg.build([str(p) for p in paths], jobs=1)
    t_build = time.perf_counter() - t0
    articles = [graph._articles[key] for key in sorted(graph._articles)]
    t0 = time.perf_counter()
    resolution = resolve(articles)
    t_resolve = time.perf_counter() - t0
    t0 = time.perf_counter()
    merge_facts(articles, resolution)
    t_merge = time.perf_counter() - t0
    rows = [(m.article, m.start, m.end, m.text, node) for a in articles for m in a.mentions
            if m.label != "CONCEPT" and (node := resolution.node(m)) is not None]

    system = align(gold, rows)
    unmatched = sum(v.startswith("__unmatched__") for v in system.values())
    pp, pr, pf = pairwise(gold, system)
    bp, br, bf = bcubed(gold, system)
    share = t_resolve / (t_build + t_resolve + t_merge)
    print(f"articles {len(paths)}  gold mentions {len(gold)}  gold clusters {len(set(gold.values()))}  "
          f"system nodes on gold {len(set(system.values()))}  unmatched/unresolved {unmatched}")
    print(f"pairwise  P {pp:.3f}  R {pr:.3f}  F1 {pf:.3f}")
    print(f"B-cubed   P {bp:.3f}  R {br:.3f}  F1 {bf:.3f}")
    print(f"time: build {t_build:.2f}s  resolve {t_resolve:.3f}s  merge {t_merge:.3f}s  "
          f"resolve share {share:.1%}")
    if args.show_errors:
        _show_errors(gold, system, args.show_errors)
    print(f"SUMMARY resolution: pairwise P={pp:.3f} R={pr:.3f} F1={pf:.3f}; "
          f"B3 P={bp:.3f} R={br:.3f} F1={bf:.3f}; resolve {share:.1%} of build time")
    return 0


def _show_errors(gold: dict, system: dict, n: int) -> None:
    by_sys = defaultdict(Counter)
    by_gold = defaultdict(Counter)
    for key in gold:
        by_sys[system[key]][gold[key]] += 1
        by_gold[gold[key]][system[key]] += 1
    merges = [(node, c) for node, c in by_sys.items() if len(c) > 1]
    splits = [(cluster, c) for cluster, c in by_gold.items() if len(c) > 1]
    print(f"wrong merges ({len(merges)}):")
    for node, c in sorted(merges, key=lambda x: -sum(x[1].values()))[:n]:
        print(f"  {node}: {dict(c)}")
    print(f"splits ({len(splits)}):")
    for cluster, c in sorted(splits, key=lambda x: -sum(x[1].values()))[:n]:
        print(f"  {cluster}: {dict(c)}")


if __name__ == "__main__":
    sys.exit(main())
