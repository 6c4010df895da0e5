"""docs/graph.png: the seeds graph in headless Chromium, with Erdoğan found and his facts open.

Builds ``seeds/`` with the real pipeline (as ``kg build seeds -o out`` does), writes the page
with :func:`kg.export.html.write_html`, opens it offline from ``file://``, types ``erdogan``
in the search box, and saves the window: legend, highlighted neighbourhood, fact panel.

    .venv/bin/python benchmarks/screenshot.py            # writes docs/graph.png
    .venv/bin/python benchmarks/screenshot.py --query putin -o /tmp/putin.png
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

import kg
from kg.export.html import write_html

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--query", default="erdogan", help="what to type in the search box")
    parser.add_argument("-o", "--out", type=Path, default=ROOT / "docs" / "graph.png")
    args = parser.parse_args()
    G = kg.build([ROOT / "seeds"], jobs=1).to_networkx()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        path = Path(tmp) / "graph.html"
        with path.open("w", encoding="utf-8") as stream:
            write_html(G, stream, title="kg: seeds")
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 900}, device_scale_factor=1)
        page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:")
                   else route.abort())
        page.goto(path.as_uri())
        page.wait_for_function("window.kgReady !== undefined")
        page.fill("#kg-search", args.query)
        page.keyboard.press("Enter")
        page.wait_for_timeout(800)  # the 400 ms focus animation, then a redraw
        page.evaluate("document.activeElement.blur()")  # no caret or suggestion list in the picture
        if not page.evaluate("window.kgNetwork.getSelectedNodes().length"):
            raise SystemExit(f"nothing in the seeds graph matches {args.query!r}")
        args.out.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(args.out))
        browser.close()
    print(f"{args.out}: {G.number_of_nodes()} entities, {G.number_of_edges()} facts, "
          f"selected {args.query!r}")


if __name__ == "__main__":
    main()
