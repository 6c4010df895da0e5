"""Cross-article event coreference benchmark: kg's events.tsv against hand-made golds.

Usage::

    .venv/bin/python benchmarks/events.py [--shared ../shared] [--heldout] [--ecb] [--show-errors]

Gold: ``benchmarks/data/events_gold.tsv`` (article, trigger, n-th occurrence, event, status),
written by hand before event resolution was run, over the five seeds and the nine small
articles of ``benchmarks/data/events_articles.jsonl`` (two Keller–Novak meetings a month
apart, two arrests in one theft case, a denied meeting); that gold was revised after its
scores were seen. ``benchmarks/data/events_heldout_gold.tsv`` over ``events_heldout.jsonl``
(nine articles: two quakes, two acquisitions, two protests, in varied words) was written and
committed before kg ever ran on it, and is scored the same way. Each gold is turned into the ECB+ gold
format (scored sentences = those holding a gold mention; ``-`` rows are neutral) and scored
with the shared ECB+ scorer (``shared/bench/events_score.py``, imported from its file, never
copied): CoNLL F1 (mean of MUC, B-cubed, CEAF-e over matched mentions) and cross-document
pairwise P/R/F1, for kg and for the same-lemma baseline (kg's own mentions, one event per
trigger lemma across all articles). With ``--ecb`` the same is done on the ECB+ development
topics (``shared/bench/events``), whose build takes a few minutes.

Timing: the build's own events stage (``kg.progress``'s ``events``) is reported as a share of
that build (read, parse, extract, resolve, merge, events: a same-run ratio; for the cached
ECB+ build, the figures of the run that built it, ``--rebuild`` to measure again), and event
resolution by the current code on the same articles is timed apart.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import re
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
GOLD = HERE / "data" / "events_gold.tsv"
ARTICLES = HERE / "data" / "events_articles.jsonl"
HELDOUT = HERE / "data" / "events_heldout.jsonl"
HELDOUT_GOLD = HERE / "data" / "events_heldout_gold.tsv"


def find_shared(given: str | None) -> Path:
    """The shared material: --shared, $KG_SHARED, or ``../shared`` beside the clone."""
    for candidate in (given, os.environ.get("KG_SHARED"), REPO.parent / "shared",
                      REPO.parent.parent / "shared"):
        if candidate and (Path(candidate) / "bench" / "events_score.py").is_file():
            return Path(candidate)
    sys.exit("events.py: shared/ not found (give --shared or set KG_SHARED)")


def scorer(shared: Path):
    spec = importlib.util.spec_from_file_location("events_score", shared / "bench" / "events_score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def texts_of(graph) -> dict[str, str]:
    return {key: a.article.text for key, a in graph._articles.items()}


def gold_json(texts: dict[str, str], path: Path = GOLD) -> dict:
    """The hand gold in the ECB+ scorer's format; every gold row must name an existing occurrence."""
    clusters: dict[str, list[dict]] = {}
    neutral, regions = [], {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith(("#", "article\t")):
            continue
        article, trigger, n, event, *_ = line.split("\t")
        text = texts[article]
        spots = [m.start() for m in re.finditer(r"(?<!\w)" + re.escape(trigger) + r"(?!\w)", text)]
        start = spots[int(n) - 1]
        mention = {"doc": article, "start": start, "end": start + len(trigger), "text": trigger}
        (neutral if event == "-" else clusters.setdefault(event, [])).append(mention)
        regions.setdefault(article, set()).add(_sentence_of(text, start))
    documents = [{"doc": doc, "topic": 0, "subtopic": "0", "n_chars": len(texts[doc]),
                  "eval_regions": sorted(map(list, spans))} for doc, spans in regions.items()]
    return {"meta": {"source": str(path)}, "documents": documents, "neutral_mentions": neutral,
            "clusters": [{"id": k, "topic": 0, "subtopic": "0", "mentions": v,
                          "n_docs": len({m["doc"] for m in v}), "seminal": False}
                         for k, v in clusters.items()]}


def _sentence_of(text: str, offset: int) -> tuple[int, int]:
    """The sentence (or headline line) around ``offset``: what the gold annotated."""
    start = max(text.rfind(". ", 0, offset) + 2, text.rfind("\n", 0, offset) + 1, 0)
    ends = [i for i in (text.find(". ", offset), text.find("\n", offset)) if i >= 0]
    return start, (min(ends) + 1 if ends else len(text))


def lemma_baseline(events_tsv: Path, out: Path) -> None:
    """The same mentions, one event per trigger lemma (spaCy's) across all articles."""
    from kg.parse import load_nlp

    nlp = load_nlp()
    lines = events_tsv.read_text(encoding="utf-8").splitlines()
    rows = [line.split("\t") for line in lines[1:]]
    lemmas = [" ".join(t.lemma_.lower() for t in doc) for doc in nlp.pipe(r[3] for r in rows)]
    out.write_text("\n".join([lines[0]] + ["\t".join(r[:4] + [f"lemma-{l}"]) for r, l in zip(rows, lemmas)])
                   + "\n", encoding="utf-8")


def build(inputs: list[str], cache: Path | None = None, rebuild: bool = False):
    """Build and time: (graph, build seconds, seconds of the build's own events stage,
    seconds of event resolution by the current code on the same articles).

    The events stage is timed inside the build (``kg.progress`` records each stage), so its
    share of the build is a same-run ratio. With ``cache``, a build saved there earlier is
    loaded instead (its build and events-stage times are the ones recorded then) and the
    events are found again with the current code, from its facts.jsonl, mentions.tsv and
    graph.json: the ECB+ build takes minutes, event resolution seconds.
    """
    import kg
    from kg.events import find_events
    from kg.progress import recording

    if cache is not None and (cache / "timing.json").is_file() and not rebuild:
        graph = _load(cache)
        timing = json.loads((cache / "timing.json").read_text())
        total, stage_seconds = timing["build_seconds"], timing.get("events_seconds", float("nan"))
    else:
        with recording(quiet=True) as recorder:
            started = time.perf_counter()
            graph = kg.build(inputs, jobs=1)
            graph.events()  # resolve, merge and find events (summary() counts without events)
            total = time.perf_counter() - started
        stage_seconds = recorder.seconds.get("events", float("nan"))
        if cache is not None:
            graph.save(cache)
            (cache / "timing.json").write_text(json.dumps({"build_seconds": total,
                                                           "events_seconds": stage_seconds}))
    articles = [graph._articles[k] for k in sorted(graph._articles)]
    started = time.perf_counter()
    events = find_events(articles, graph._resolution)
    events_seconds = time.perf_counter() - started
    graph._ensure().graph["events"] = events
    return graph, total, stage_seconds, events_seconds


def _load(out: Path):
    """A saved build with its resolution rebuilt from mentions.tsv and graph.json's nodes."""
    import kg
    from kg.types import Entity

    graph = kg.load(out)
    graph._restore()
    G = graph._merged()  # graph.json, read when first asked for (kg.load reads it lazily)
    graph._resolution.entities = {
        n: Entity(n, d.get("label", n), d.get("type", ""), list(d.get("aliases", [])),
                  related=[tuple(x) for x in d.get("related", [])]) for n, d in G.nodes(data=True)}
    return graph


def evaluate(name: str, graph, gold: dict, score_module, workdir: Path, total: float,
             stage_seconds: float, events_seconds: float) -> dict:
    from kg.events import write_events_tsv

    workdir.mkdir(parents=True, exist_ok=True)
    with open(workdir / "events.tsv", "w", encoding="utf-8") as stream:
        write_events_tsv(graph._ensure().graph["events"], stream)
    gold_path = workdir / "gold.json"
    gold_path.write_text(json.dumps(gold), encoding="utf-8")
    lemma_baseline(workdir / "events.tsv", workdir / "lemma.tsv")
    results = {}
    for system, pred in (("kg", workdir / "events.tsv"), ("same-lemma", workdir / "lemma.tsv")):
        res = score_module.score(str(gold_path), str(pred))
        results[system] = res
    print(f"\n== {name}: {len(graph._articles)} articles; build {total:.1f} s, its events stage "
          f"{stage_seconds:.2f} s = {100 * stage_seconds / total:.1f}% of it (same run); "
          f"event resolution by the current code {events_seconds:.2f} s")
    print(f"{'system':<11} {'ment R':>7} {'ment P':>7} {'MUC':>6} {'B3':>6} {'CEAF-e':>6} {'CoNLL':>6}"
          f" {'xdoc P':>7} {'xdoc R':>7} {'xdoc F1':>7}")
    for system, res in results.items():
        f = _figures(res)
        print(f"{system:<11} {f['MENTION_R']:7.3f} {f['MENTION_P']:7.3f} {f['MUC_F1']:6.3f} {f['B3_F1']:6.3f}"
              f" {f['CEAFE_F1']:6.3f} {f['CoNLL_F1']:6.3f} {f['PAIR_XDOC_P']:7.3f} {f['PAIR_XDOC_R']:7.3f}"
              f" {f['PAIR_XDOC_F1']:7.3f}")
    kg_f, base_f = _figures(results["kg"]), _figures(results["same-lemma"])
    print(f"EVENTS {name} CoNLL_F1={kg_f['CoNLL_F1']:.3f} baseline={base_f['CoNLL_F1']:.3f} "
          f"delta={kg_f['CoNLL_F1'] - base_f['CoNLL_F1']:+.3f} PAIR_XDOC_P={kg_f['PAIR_XDOC_P']:.3f} "
          f"PAIR_XDOC_F1={kg_f['PAIR_XDOC_F1']:.3f} MENTION_R={kg_f['MENTION_R']:.3f} "
          f"events_share={100 * stage_seconds / total:.1f}%")
    return results


def _figures(res: dict) -> dict:
    """The figures printed here, from the scorer's result dict."""
    m = res["matched"]
    return {"MENTION_R": res["mention"]["R"], "MENTION_P": res["mention"]["P"],
            "MUC_F1": m["MUC"]["F1"], "B3_F1": m["B3"]["F1"], "CEAFE_F1": m["CEAFe"]["F1"],
            "CoNLL_F1": m["CoNLL_F1"], "PAIR_XDOC_P": res["pair_xdoc"]["P"],
            "PAIR_XDOC_R": res["pair_xdoc"]["R"], "PAIR_XDOC_F1": res["pair_xdoc"]["F1"]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", help="the shared material folder (default: ../shared)")
    parser.add_argument("--heldout", action="store_true",
                        help="also score the held-out gold (kept for reporting, not for tuning)")
    parser.add_argument("--ecb", action="store_true", help="also score the ECB+ development topics")
    parser.add_argument("--rebuild", action="store_true",
                        help="rebuild the cached ECB+ graph (benchmarks/.cache/ecb)")
    args = parser.parse_args(argv)
    shared = find_shared(args.shared)
    score_module = scorer(shared)
    with tempfile.TemporaryDirectory() as tmp:
        graph, *times = build([str(REPO / "seeds"), str(ARTICLES)])
        evaluate("own gold", graph, gold_json(texts_of(graph)), score_module, Path(tmp) / "own", *times)
        if args.heldout:
            graph, *times = build([str(HELDOUT)])
            evaluate("held-out gold", graph, gold_json(texts_of(graph), HELDOUT_GOLD), score_module,
                     Path(tmp) / "heldout", *times)
        if args.ecb:
            bench = shared / "bench" / "events"
            graph, *times = build([str(bench / "docs")], HERE / ".cache" / "ecb", args.rebuild)
            gold = json.loads((bench / "gold.json").read_text(encoding="utf-8"))
            evaluate("ECB+ dev", graph, gold, score_module, Path(tmp) / "ecb", *times)
    return 0


if __name__ == "__main__":
    sys.exit(main())
