"""First view of a graph.html at 1400×900: a screenshot and the page's own label figures.

Opens each page offline in headless Chromium, waits until it is drawn, saves the window as
PNG, and prints what a reader sees before touching anything: how many entities have a label
drawn, the smallest on-screen label size (px), how many drawn labels overlap another label
or a node, whether the 10 most connected entities are labelled, how many node discs overlap
(``hub_overlaps``: one of the pair among the 12 most connected; from vis-network's positions
and drawn sizes), and the time from navigation
to the first drawing (``ready_ms``). The figures come from
``window.kg.labelBoxes()`` (the boxes the page draws); an older page without it is measured
from vis-network's own font sizes and positions (every label drawn at size × zoom).

    .venv/bin/python benchmarks/first_view.py out/graph.html -o /tmp/seeds.png
    .venv/bin/python benchmarks/first_view.py a.html b.html -o docs/a.png docs/b.png --palette
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]

# Label boxes of a page that predates kg.labelBoxes: vis draws every label at size × scale,
# centred under its node, when that is at least its drawThreshold (5 px).
_LEGACY_BOXES = """() => {
  const net = window.kgNetwork, scale = net.getScale(), ctx = document.createElement('canvas').getContext('2d');
  const data = window.kg.data, pos = net.getPositions();
  return data.nodes.map(n => {
    const body = net.body.nodes[n.id], size = body.options.font.size * scale, p = net.canvasToDOM(pos[n.id]);
    ctx.font = size + 'px arial';
    const w = ctx.measureText(n.label).width, r = body.options.size * scale;
    return {id: n.id, label: n.label, facts: n.facts, px: size, drawn: size >= 5,
            x: p.x - w / 2, y: p.y + r + 2, w: w, h: size, node: {x: p.x, y: p.y, r: r}};
  });
}"""


# Node discs from the page's own layout: vis-network's positions and drawn sizes (radius, in
# canvas pixels), with each entity's number of facts.
DISCS = """() => { const net = window.kgNetwork, pos = net.getPositions();
  return window.kg.data.nodes.filter(n => pos[n.id]).map(n => ({id: n.id, label: n.label, facts: n.facts,
    x: pos[n.id].x, y: pos[n.id].y, r: net.body.nodes[n.id].options.size})); }"""


def hub_overlaps(discs: list[dict], hubs: int = 12) -> list[tuple[str, str]]:
    """Pairs of overlapping discs in which one is a hub (the ``hubs`` most connected).

    >>> hub_overlaps([{"label": "a", "facts": 9, "x": 0, "y": 0, "r": 20},
    ...               {"label": "b", "facts": 1, "x": 25, "y": 0, "r": 10},
    ...               {"label": "c", "facts": 1, "x": 99, "y": 0, "r": 10}], hubs=1)
    [('a', 'b')]
    """
    top = {id(d) for d in sorted(discs, key=lambda d: -d["facts"])[:hubs]}
    return [(a["label"], b["label"]) for i, a in enumerate(discs) for b in discs[i + 1:]
            if (id(a) in top or id(b) in top)
            and (a["x"] - b["x"]) ** 2 + (a["y"] - b["y"]) ** 2 < (a["r"] + b["r"]) ** 2]


def overlaps(a: dict, b: dict) -> bool:
    return a["x"] < b["x"] + b["w"] and b["x"] < a["x"] + a["w"] and a["y"] < b["y"] + b["h"] \
        and b["y"] < a["y"] + a["h"]


def covers_node(box: dict, node: dict) -> bool:
    """Does a label box cover the centre region of a node (not its own)?"""
    r = max(node["r"] * 0.6, 2)
    return box["x"] < node["x"] + r and node["x"] - r < box["x"] + box["w"] \
        and box["y"] < node["y"] + r and node["y"] - r < box["y"] + box["h"]


def first_view(page, path: Path, shot: Path) -> dict:
    page.goto(path.resolve().as_uri())
    page.wait_for_function("window.kgReady !== undefined")
    page.wait_for_timeout(300)
    shot.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(shot))
    has_boxes = page.evaluate("typeof (window.kg && window.kg.labelBoxes) === 'function'")
    boxes = page.evaluate("window.kg.labelBoxes()" if has_boxes else _LEGACY_BOXES)
    graph = page.evaluate("(() => { const r = document.getElementById('kg-graph').getBoundingClientRect();"
                          " return {w: r.width, h: r.height}; })()")
    inside = [b for b in boxes if 0 <= b["node"]["x"] <= graph["w"] and 0 <= b["node"]["y"] <= graph["h"]]
    drawn = [b for b in inside if b["drawn"]]
    overlap = sum(1 for i, a in enumerate(drawn) if any(overlaps(a, b) for j, b in enumerate(drawn) if i != j))
    covering = sum(1 for a in drawn if any(covers_node(a, b["node"]) for b in inside if b["id"] != a["id"]))
    top = sorted(boxes, key=lambda b: -b["facts"])[:10]
    discs = page.evaluate(DISCS)
    ready = page.evaluate("window.kgReady")  # ms from navigation start to the first drawing
    return {"page": str(path), "screenshot": str(shot), "entities": len(boxes), "ready_ms": round(ready),
            "labelled": len(drawn), "min_label_px": round(min((b["px"] for b in drawn), default=0), 1),
            "median_label_px": round(sorted(b["px"] for b in drawn)[len(drawn) // 2], 1) if drawn else 0,
            "overlapping_labels": overlap, "labels_covering_a_node": covering,
            "top10_labelled": sum(1 for b in top if b["drawn"]),
            "hub_overlaps": len(hub_overlaps(discs)),
            "disc_overlaps": len(hub_overlaps(discs, hubs=len(discs)))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", nargs="+", type=Path)
    parser.add_argument("-o", "--out", type=Path, nargs="+", help="one PNG per page")
    parser.add_argument("--palette", action="store_true",
                        help="save the PNGs with 64 colours (for docs/: a few times smaller, still legible)")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    outs = args.out or [p.with_suffix(".png") for p in args.pages]
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 900}, device_scale_factor=1)
        page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:")
                   else route.abort())
        for path, shot in zip(args.pages, outs):
            print(json.dumps(first_view(page, path, shot)))
            if args.palette:
                from PIL import Image  # matplotlib's dependency, installed with the test tools

                Image.open(shot).convert("RGB").quantize(64).save(shot, optimize=True)
        browser.close()


if __name__ == "__main__":
    main()
