"""Recall of hand-written news facts, and a sample of edges to judge precision.

Usage (from the repository root):
    python benchmarks/facts.py                  # builds the gold's 30 articles, prints recall + sample
    python benchmarks/facts.py --out /tmp/facts # keep (or reuse, with --reuse) the build
    python benchmarks/facts.py --sample 60 --seed 0

The gold (``benchmarks/data/facts_gold.tsv``, described in ``facts_gold.md``) lists the
important facts of 30 BBC politics articles, written before kg ran on them. A gold fact is
found when ``graph.json`` has an edge whose relation is the gold lemma or one of its synonyms,
from a node matching the subject to a node matching the object (either way for a symmetric
relation), with evidence from that article whose polarity fits: ``asserted`` needs evidence
neither negated nor modal, ``negated`` negated evidence, ``planned``/``hypothetical`` evidence
with a modality. A name matches a node when it equals (accents and case folded) its label or an
alias, or the surname of a person node; a phrase node (type ``CONCEPT``) matches when its label
contains the name's words (plural ``s`` ignored: phrase labels are lemmatised) or it is linked
``about`` a node that matches. A gold name written in
lower case is a description (``government``, ``counterparts``): any node whose label contains
its words matches it (resolve may have named the government ``Government of United Kingdom``).

The sample is ``--sample`` edges drawn with ``random.Random(seed)`` from all edges of the build
(``about`` links excluded), printed with one sentence each for judging by hand.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import re
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

from anyascii import anyascii

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "benchmarks/data/facts_gold.tsv"
SYMMETRIC = {"meet", "discuss", "agree", "talk"}


def _corpus() -> Path:
    for candidate in (ROOT.parent / "shared/data/news", ROOT.parents[1] / "shared/data/news",
                      Path("/work/shared/data/news")):
        if candidate.is_dir():
            return candidate
    sys.exit("facts.py: ../shared/data/news not found")


def fold(text: str) -> str:
    """``"Erdoğan's"`` -> ``"erdogan s"``: accents, case and punctuation folded."""
    return " ".join(re.findall(r"[a-z0-9]+", anyascii(text).lower()))


def _singular(folded: str) -> str:
    """Words without a plural ``s``: phrase nodes are labelled with their head's lemma
    (``eu counterpart``), the gold as written (``counterparts``)."""
    return " ".join(w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w
                    for w in folded.split())


def read_gold(path: Path = GOLD) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter="\t"))


class Graph:
    """graph.json with name lookups."""

    def __init__(self, path: Path):
        data = json.loads(path.read_text(encoding="utf-8"))
        self.nodes = {n["id"]: n for n in data["nodes"]}
        self.edges = data["edges"]
        self.about: dict[str, set[str]] = defaultdict(set)
        for e in self.edges:
            if e.get("relation") == "about":
                self.about[e["source"]].add(e["target"])

    def _names(self, node: dict) -> set[str]:
        names = {fold(node.get("label", ""))} | {fold(a) for a in node.get("aliases", [])}
        if node.get("type") == "PERSON":
            names |= {n.split()[-1] for n in list(names) if n}
        return names

    def matches(self, node_id: str, wanted: str, depth: int = 0) -> bool:
        node = self.nodes.get(node_id, {})
        for alt in wanted.split("|"):
            alt_f = fold(alt)
            if alt_f in self._names(node):
                return True
            # a phrase node naming it, or any node for a description written in lower case
            # ("government" is the node resolve calls "Government of United Kingdom")
            if (node.get("type") == "CONCEPT" or alt.strip().islower()) and \
                    re.search(rf"\b{re.escape(_singular(alt_f))}\b", _singular(fold(node.get("label", "")))):
                return True
        return depth == 0 and any(self.matches(t, wanted, 1) for t in self.about.get(node_id, ()))


def _polarity_ok(evidence: dict, polarity: str) -> bool:
    if polarity == "negated":
        return bool(evidence.get("negated"))
    if polarity in ("planned", "hypothetical"):
        return bool(evidence.get("modality")) and not evidence.get("negated")
    return not evidence.get("negated") and not evidence.get("modality")


def found(graph: Graph, fact: dict) -> bool:
    relations = {fact["relation"]} | {s for s in fact["synonyms"].split(",") if s}
    for e in graph.edges:
        if e.get("relation") not in relations:
            continue
        pairs = [(e["source"], e["target"])]
        if e.get("symmetric") or e.get("relation") in SYMMETRIC:
            pairs.append((e["target"], e["source"]))
        if not any(graph.matches(s, fact["subject"]) and graph.matches(o, fact["object"])
                   for s, o in pairs):
            continue
        if any(ev.get("article") == fact["article"] and _polarity_ok(ev, fact["polarity"])
               for ev in e.get("evidence", [])):
            return True
    return False


def build(articles: list[str], out: Path) -> None:
    corpus = _corpus()
    paths = [str(corpus / f"{a}.txt") for a in articles]
    subprocess.run([sys.executable, "-m", "kg.cli", "build", *paths, "-o", str(out), "--jobs", "1"],
                   check=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--gold", type=Path, default=GOLD)
    ap.add_argument("--out", type=Path, default=Path("/tmp/kg_facts_bench"))
    ap.add_argument("--reuse", action="store_true", help="score an existing build in --out")
    ap.add_argument("--sample", type=int, default=60)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("-v", "--verbose", action="store_true", help="list missed gold facts")
    a = ap.parse_args(argv)

    gold = read_gold(a.gold)
    if not a.reuse:
        build(sorted({g["article"] for g in gold}), a.out)
    graph = Graph(a.out / "graph.json")
    hits = [found(graph, g) for g in gold]
    if a.verbose:
        for g, hit in zip(gold, hits):
            if not hit:
                print(f"MISS {g['article']}: {g['subject']} -{g['relation']}-> {g['object']}"
                      f" [{g['polarity']}]  ({g['note']})")
    edges = [e for e in graph.edges if e.get("relation") != "about"]
    sample = random.Random(a.seed).sample(edges, min(a.sample, len(edges)))
    print(f"\n{len(sample)} sampled edges (seed {a.seed}):")
    for i, e in enumerate(sample, 1):
        ev = e["evidence"][0]
        flags = "".join(f" [{k}={ev[k]}]" for k in ("negated", "modality", "attribution") if ev.get(k))
        label = lambda n: graph.nodes[n].get("label", n)  # noqa: E731
        print(f"{i:2}. {label(e['source'])} -{e['relation']}-> {label(e['target'])}{flags}\n"
              f"    {ev['article']}: {ev['sentence'][:300]}")
    by_polarity = defaultdict(lambda: [0, 0])
    for g, hit in zip(gold, hits):
        by_polarity[g["polarity"]][0] += hit
        by_polarity[g["polarity"]][1] += 1
    detail = " ".join(f"{k}={v[0]}/{v[1]}" for k, v in sorted(by_polarity.items()))
    typed = [(g, h) for g, h in zip(gold, hits) if g["relation"] in
             ("work_for", "member_of", "live_in", "located_in", "based_in", "nationality")]
    print(f"\nFACTS recall={sum(hits)}/{len(gold)}={sum(hits) / len(gold):.3f} ({detail}; typed "
          f"{sum(h for _, h in typed)}/{len(typed)}) edges={len(edges)} "
          f"nodes={len(graph.nodes)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
