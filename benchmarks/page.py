"""graph.html size and time to a still, drawn graph, on the real news corpus and the seeds.

The corpus (../shared/data/news, never copied here) is built once with the real pipeline
(``kg.build(paths, jobs=2)``) and its graph.json cached in ``benchmarks/.cache/``. For each
size N the page is rendered with ``max_nodes=N`` (the N most connected entities), opened
from ``file://`` in headless Chromium with the network blocked, and timed from navigation
start to ``window.kgReady`` (set once drawn, physics off); two animation frames then check
that no node moved. Prints one line per page and a summary line last.

    .venv/bin/python benchmarks/page.py                 # 500, 2,000, 5,000 nodes + seeds
    .venv/bin/python benchmarks/page.py --sizes 500 --rebuild
"""

from __future__ import annotations

import sys
from pathlib import Path


import argparse
import tempfile
import time

import networkx as nx

import kg
from kg.export.html import write_html
from kg.export.json import read_json, write_json

ROOT = Path(__file__).resolve().parents[1]
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "data" / "news"
CACHE = ROOT / "benchmarks" / ".cache" / "news-graph.json"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
TARGETS = {"seeds": 1.0, 5000: 3.0}  # seconds to a still, drawn graph
# Two frames apart, every node must be where it was: the user starts reading a still graph.
_STILL = """async () => {
  const frame = () => new Promise(r => requestAnimationFrame(r));
  const before = JSON.stringify(window.kgNetwork.getPositions());
  await frame(); await frame();
  return before === JSON.stringify(window.kgNetwork.getPositions());
}"""


def corpus_graph(rebuild: bool = False) -> nx.MultiDiGraph:
    """The corpus graph, built with the real pipeline once and then read from the cache."""
    if CACHE.is_file() and not rebuild:
        return read_json(CACHE)
    paths = sorted(CORPUS.glob("*.txt"))
    start = time.perf_counter()
    G = kg.build(paths, jobs=2).to_networkx()
    print(f"built {len(paths):,} articles in {time.perf_counter() - start:.0f} s", file=sys.stderr)
    CACHE.parent.mkdir(parents=True, exist_ok=True)
    with CACHE.open("w", encoding="utf-8") as stream:
        write_json(G, stream)
    return G


def seeds_graph() -> nx.MultiDiGraph:
    return kg.build([ROOT / "seeds"], jobs=1).to_networkx()


def measure(browser, path: Path) -> tuple[float, bool, int]:
    """(seconds from navigation start to kgReady, positions still, nodes drawn)."""
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    blocked: list[str] = []
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:")
               else (blocked.append(route.request.url), route.abort()))
    page.goto(path.as_uri())
    page.wait_for_function("window.kgReady !== undefined", timeout=60_000)
    ready = page.evaluate("window.kgReady") / 1000  # performance.now() counts from navigation
    still = page.evaluate(_STILL)
    drawn = page.evaluate("Object.keys(window.kgNetwork.getPositions()).length")
    page.close()
    if blocked:
        raise SystemExit(f"{path}: the page asked the network for {blocked[:3]}")
    return ready, still, drawn


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[500, 2000, 5000])
    parser.add_argument("--rebuild", action="store_true", help="rebuild the cached corpus graph")
    parser.add_argument("--build-only", action="store_true", help="just build/cache the graph")
    args = parser.parse_args()
    G = corpus_graph(args.rebuild)
    if args.build_only:
        print(f"{len(G):,} entities, {G.number_of_edges():,} facts cached in {CACHE}")
        return
    pages = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            note = "" if size <= len(G) else f" (corpus has only {len(G):,}: all of them)"
            pages.append((size, note, _render(G, size, Path(tmp))))
        pages.append(("seeds", "", _render(seeds_graph(), None, Path(tmp))))
        from playwright.sync_api import sync_playwright

        failed = []
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for size, note, (path, nodes, edges, render_s) in pages:
                ready, still, drawn = measure(browser, path)
                target = TARGETS.get(size)
                ok = still and drawn == nodes and (target is None or ready < target)
                failed += [] if ok else [str(size)]
                print(f"{str(size):>6}: {nodes:>5,} nodes {edges:>6,} edges  "
                      f"{path.stat().st_size / 1e6:6.2f} MB  render {render_s:5.2f} s  "
                      f"ready {ready:5.2f} s{'' if target is None else f' (< {target:g} s)'}  "
                      f"{'still' if still else 'MOVING'}{note}")
            browser.close()
    print(f"summary: corpus {len(G):,} entities / {G.number_of_edges():,} facts; "
          + ("all targets met" if not failed else f"missed: {', '.join(failed)}"))
    sys.exit(1 if failed else 0)


def _render(G: nx.MultiDiGraph, size: int | None, tmp: Path) -> tuple[Path, int, int, float]:
    path = tmp / f"graph-{size or 'seeds'}.html"
    start = time.perf_counter()
    with path.open("w", encoding="utf-8") as stream:
        write_html(G, stream, max_nodes=size or max(len(G), 1), title=f"kg: {size or 'seeds'}")
    shown = kg.export.html.select_subgraph(G, max_nodes=size or max(len(G), 1))
    return path, len(shown), shown.number_of_edges(), time.perf_counter() - start


if __name__ == "__main__":
    main()
