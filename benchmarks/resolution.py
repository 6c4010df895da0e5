"""Entity resolution benchmark: pairwise and B-cubed scores against a hand-made gold.

Usage::

    .venv/bin/python benchmarks/resolution.py [--gold politics|news|all] [--data ../shared/data/news]
                                              [--show-errors N]
    .venv/bin/python benchmarks/resolution.py --build-gold   # news .src -> .tsv offsets
    .venv/bin/python benchmarks/resolution.py --split-names OUT [--again]   # full names on several nodes

Golds (each made by hand before the rules were tuned on it; the ``.md`` beside each says how):

- ``politics``: ``benchmarks/data/resolution_gold.tsv``, 723 mentions in 30 BBC politics articles;
- ``news``: ``benchmarks/data/resolution_gold_news.tsv``, 546 mentions (names, pronouns and
  descriptions, with ``_none`` for pronouns that name no entity) in 20 articles of all five
  BBC categories, written before kg was run on them.

Scoring: only gold mentions are scored.

- **Across articles**: the same pairwise score over pairs of mentions from two different
  articles only (cross-document clustering, as AIDA-CoNLL's pairwise figure is; AIDA itself is
  not available offline). The ceiling line is the pairwise F1 of a perfect clustering of the
  mentions kg found: what mention detection alone allows.

- **Name clustering** (pairwise and B-cubed) over the gold's name mentions. Each is matched to
  the system's named mention with the same span, else the one overlapping it most; a gold name
  with no system mention is a singleton system cluster (it can only lower recall).
- **Pronoun and description links**, separately: the system links a gold pronoun (same span)
  or description (same last character: the head noun) when it resolves it to a node; the link
  is right when that node's gold cluster (the majority cluster of the gold names it holds) is
  the gold antecedent. P = right / linked (a link of a ``_none`` pronoun is wrong), R = right /
  gold links with a named antecedent.

Timing: the graph is built with ``kg.build`` (read, parse, extract); resolution is then timed
on the same extracted articles and reported as a share of build time (build + resolve + merge).
The last line printed is the summary.
"""

from __future__ import annotations

import argparse
import csv
import os
import re
import sys
import time
from collections import Counter, defaultdict
from itertools import combinations
from pathlib import Path

HERE = Path(__file__).resolve().parent
GOLD = HERE / "data" / "resolution_gold.tsv"
GOLDS = {"politics": GOLD, "news": HERE / "data" / "resolution_gold_news.tsv"}
# ``<clone>/../shared`` (CI), or one level up from a worktree, or $KG_NEWS
DATA = Path(os.environ.get("KG_NEWS") or next(
    (p for p in (HERE.parents[1] / "shared/data/news", HERE.parents[2] / "shared/data/news") if p.is_dir()),
    HERE.parents[1] / "shared/data/news"))
_PRONOUNS = frozenset({"he", "him", "his", "himself", "she", "her", "hers", "herself",
                       "it", "its", "itself"})


def read_gold(path: Path = GOLD, kinds: str = "npd") -> dict[tuple[str, int, int], str]:
    """``(article, start, end) -> cluster`` of the gold mentions of the given kinds
    (``n`` name, ``p`` pronoun, ``d`` description; a gold without a kind column is names and
    pronouns, told apart by the surface)."""
    out = {}
    with open(path, encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            kind = r.get("kind") or ("p" if r["surface"].lower() in _PRONOUNS else "n")
            if kind in kinds:
                out[(r["article"], int(r["start"]), int(r["end"]))] = r["cluster"]
    return out


def build_gold(src: Path, data: Path, out: Path) -> int:
    """Offsets for a hand-written ``.src`` gold (see resolution_gold_news.md); returns rows."""
    rows, text, cursor, article = [], "", 0, None
    for line in src.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            article, cursor = line[3:].strip(), 0
            text = (data / f"{article}.txt").read_text(encoding="utf-8")
            continue
        if not line.strip() or line.startswith("#"):
            continue
        surface, cluster, kind = line.split("\t")
        found = re.compile(r"(?<!\w)" + re.escape(surface) + r"(?!\w)").search(text, cursor)
        if found is None:
            raise SystemExit(f"{src}: {surface!r} not found in {article} after offset {cursor}")
        rows.append((article, found.start(), found.end(), surface, cluster, kind))
        cursor = found.end()
    with open(out, "w", encoding="utf-8") as f:
        f.write("article\tstart\tend\tsurface\tcluster\tkind\n")
        f.writelines("\t".join(map(str, r)) + "\n" for r in rows)
    return len(rows)


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


def pairwise(gold: dict, system: dict, *, across: bool = False) -> tuple[float, float, float]:
    """Pairwise P/R/F1 over mention pairs; ``across``: only pairs from two different articles
    (cross-document clustering, what AIDA-CoNLL's pairwise figure in issue 12 measures)."""
    tp = same_sys = same_gold = 0
    for a, b in combinations(sorted(gold), 2):
        if across and a[0] == b[0]:
            continue
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


def links(gold_refs: dict, gold_names: dict, name_nodes: dict, ref_rows: list[tuple]) -> tuple:
    """(P, R, linked, gold) of pronoun or description links (see the module docstring).

    ``name_nodes``: system node of each gold name; ``ref_rows``: (article, start, end, node)
    of the system's resolved pronouns/descriptions.
    """
    votes: dict[str, Counter] = defaultdict(Counter)
    for key, node in name_nodes.items():
        votes[node][gold_names[key]] += 1
    cluster_of = {node: c.most_common(1)[0][0] for node, c in votes.items()}
    by_end = {(a, e): (s, n) for a, s, e, n in ref_rows}
    linked = right = 0
    for (article, start, end), cluster in gold_refs.items():
        hit = by_end.get((article, end))
        if hit is None or hit[0] < start - 40:
            continue
        linked += 1
        right += cluster != "_none" and cluster_of.get(hit[1]) == cluster
    wanted = sum(c != "_none" for c in gold_refs.values())
    return (right / linked if linked else 1.0), (right / wanted if wanted else 1.0), linked, wanted


def score(path: Path, rows: list[tuple], show_errors: int = 0, built: set[str] | None = None) -> dict:
    """Name clustering and link scores of one gold against the system's mention rows; only
    articles the build kept (``built``: read skips an exact duplicate of an earlier article)."""
    def kept(gold: dict) -> dict:
        return {k: v for k, v in gold.items() if built is None or k[0] in built}

    names = kept(read_gold(path, "n"))
    named = [r[:5] for r in rows if r[5] not in ("PRON", "DESC")]
    system = align(names, named)
    out = {"gold": path.stem, "articles": len({k[0] for k in names}), "names": len(names),
           "skipped": sorted({k[0] for k in read_gold(path)} - {k[0] for k in names}),
           "clusters": len(set(names.values())),
           "unmatched": sum(v.startswith("__unmatched__") for v in system.values()),
           "pairwise": pairwise(names, system), "bcubed": bcubed(names, system),
           "across": pairwise(names, system, across=True),
           # perfect clustering of the mentions kg found (a gold name it missed stays alone):
           # what mention detection alone allows
           "ceiling": pairwise(names, {k: (v if system[k].startswith("__unmatched__") else names[k])
                                       for k, v in system.items()})}
    name_nodes = {k: v for k, v in system.items() if not v.startswith("__unmatched__")}
    for kind, label in (("p", "PRON"), ("d", "DESC")):
        refs = kept(read_gold(path, kind))
        ref_rows = [(r[0], r[1], r[2], r[4]) for r in rows if r[5] == label]
        out[label] = links(refs, names, name_nodes, ref_rows) if refs else None
    if show_errors:
        _show_errors(names, system, show_errors)
    return out


def report(out: dict) -> str:
    pp, pr, pf = out["pairwise"]
    bp, br, bf = out["bcubed"]
    lines = [f"[{out['gold']}] articles {out['articles']}  gold names {out['names']}  "
             f"clusters {out['clusters']}  unmatched {out['unmatched']}"
             + (f"  (not built, duplicates: {' '.join(out['skipped'])})" if out["skipped"] else ""),
             f"  names pairwise  P {pp:.3f}  R {pr:.3f}  F1 {pf:.3f}",
             f"  names B-cubed   P {bp:.3f}  R {br:.3f}  F1 {bf:.3f}",
             "  names pairwise across articles  P {:.3f}  R {:.3f}  F1 {:.3f}".format(*out["across"]),
             "  (ceiling with kg's mentions and perfect clustering: pairwise F1 {:.3f}; "
             "gold names kg found {:.3f})".format(out["ceiling"][2], 1 - out["unmatched"] / max(1, out["names"]))]
    for label, word in (("PRON", "pronoun"), ("DESC", "description")):
        if out[label]:
            p, r, linked, wanted = out[label]
            lines.append(f"  {word} links  P {p:.3f}  R {r:.3f}  ({linked} linked, {wanted} with a named antecedent)")
    return "\n".join(lines)


def split_names(out: Path, *, again: bool = False) -> str:
    """"One full name -> many nodes" in a built graph: folded person names of two or more
    words (titles stripped) that are the label, or an alias, of more than one node.
    ``again``: resolve OUT/facts.jsonl with the current code first (no parsing), so a change
    to resolution is measured on a big build without rebuilding it."""
    import json

    from kg.resolve.names import fold, person_name

    if again:
        from kg.export.facts import read_facts
        from kg.merge import merge_facts
        from kg.resolve import resolve

        articles = sorted(read_facts(out / "facts.jsonl"), key=lambda a: a.article.id)
        G = merge_facts(articles, resolve(articles))
        data = {"nodes": [{"id": n, **d} for n, d in G.nodes(data=True)]}
    else:
        data = json.loads((out / "graph.json").read_text(encoding="utf-8"))
    people = [n for n in data["nodes"] if n.get("type") == "PERSON"]
    by_label, by_alias = defaultdict(set), defaultdict(set)
    for node in data["nodes"]:
        if node.get("type") == "CONCEPT":
            continue
        by_label[fold(person_name(node.get("label", "")))].add(node["id"])
        for alias in node.get("aliases", []):
            by_alias[fold(person_name(alias))].add(node["id"])
    full = {fold(person_name(n.get("label", ""))) for n in people}
    full = {name for name in full if len(name.split()) >= 2}
    labels = {name: len(by_label[name]) for name in full if len(by_label[name]) > 1}
    aliases = {name: len(by_alias[name]) for name in full if len(by_alias[name]) > 1}
    worst = ", ".join(f"{n} {c}" for n, c in sorted(aliases.items(), key=lambda x: -x[1])[:8])
    return (f"{out}: {len(people)} person nodes, {len(full)} full person names; "
            f"labelling >1 node: {len(labels)}; naming (label or alias) >1 node: {len(aliases)}"
            f" (most: {worst})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--gold", choices=[*GOLDS, "all"], default="all")
    parser.add_argument("--show-errors", type=int, default=0, help="print N wrong merges and splits")
    parser.add_argument("--split-names", type=Path, metavar="OUT",
                        help="count full person names that label or alias several nodes of OUT/graph.json, then stop")
    parser.add_argument("--again", action="store_true",
                        help="with --split-names: resolve OUT/facts.jsonl with the current code first")
    parser.add_argument("--build-gold", action="store_true",
                        help="write resolution_gold_news.tsv from its hand-written .src, then stop")
    args = parser.parse_args(argv)
    if args.split_names:
        print(split_names(args.split_names, again=args.again))
        return 0
    if args.build_gold:
        src = GOLDS["news"].with_suffix(".src")
        print(f"{build_gold(src, args.data, GOLDS['news'])} mentions -> {GOLDS['news']}")
        return 0

    import kg
    from kg.merge import merge_facts
    from kg.resolve import resolve

    golds = list(GOLDS.values()) if args.gold == "all" else [GOLDS[args.gold]]
    ids = sorted({k[0] for g in golds for k in read_gold(g)})
    paths = [args.data / f"{aid}.txt" for aid in ids]
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
    rows = [(m.article, m.start, m.end, m.text, node, m.label) for a in articles for m in a.mentions
            if m.label != "CONCEPT" and (node := resolution.node(m)) is not None]
    share = t_resolve / (t_build + t_resolve + t_merge)
    summary = []
    for path in golds:
        out = score(path, rows, args.show_errors, set(graph._articles))
        print(report(out))
        pf, bf = out["pairwise"][2], out["bcubed"][2]
        summary.append(f"{out['gold']}: pairwise P={out['pairwise'][0]:.3f} F1={pf:.3f} B3 F1={bf:.3f}"
                       f" across-articles F1={out['across'][2]:.3f}"
                       + "".join(f" {w} P={out[lab][0]:.3f} R={out[lab][1]:.3f}"
                                 for lab, w in (("PRON", "pron"), ("DESC", "desc")) if out[lab]))
    print(f"time: build {t_build:.2f}s  resolve {t_resolve:.3f}s  merge {t_merge:.3f}s  "
          f"resolve share {share:.1%}")
    print(f"SUMMARY resolution: {'; '.join(summary)}; resolve {share:.1%} of build time")
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
