"""graph.html with a timeline of many events: time from navigation to a drawn timeline.

The seeds graph is built with the real pipeline; its events are copied (new ids, dates
spread over four years, 1–6 sources each) until there are ``--events`` of them (1,000 by
default), the page is written with them, opened from ``file://`` in headless Chromium with
the network blocked, and timed from navigation start to ``window.kgTimelineReady`` (set once
the timeline is drawn; the graph's own ``kgReady`` comes first). Target: < 2 s.

    .venv/bin/python benchmarks/timeline.py [--events 1000] [--rounds 3]
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import random
import sys
import tempfile
import time
from pathlib import Path

import kg
from kg.export.html import write_html

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
TARGET = 2.0


def many_events(G, n: int, seed: int = 1) -> list[dict]:
    rng = random.Random(seed)
    real = [e for e in G.graph["events"] if e["mentions"]]
    start = dt.date(2019, 1, 1)
    events = []
    for i in range(n):
        e = copy.deepcopy(real[i % len(real)])
        day = start + dt.timedelta(days=rng.randrange(4 * 365))
        e["id"] = f"{e['id']}-copy{i}"
        e["date"], e["date_range"] = day.isoformat(), [day.isoformat(), day.isoformat()]
        e["sources"] = [f"outlet{k}.example" for k in range(rng.randint(1, 6))]
        e["status"] = rng.choice(["happened", "happened", "planned", "hypothetical", "denied"])
        events.append(e)
    return events


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    G = kg.build([ROOT / "seeds"], jobs=1).to_networkx()
    G.graph["events"] = many_events(G, args.events)
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "graph.html"
        started = time.perf_counter()
        with path.open("w", encoding="utf-8") as stream:
            write_html(G, stream)
        render = time.perf_counter() - started
        size = path.stat().st_size / 1e6
        times, drawn = [], 0
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for _ in range(args.rounds):
                page = browser.new_page(viewport={"width": 1400, "height": 900})
                blocked = []
                page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:")
                           else (blocked.append(route.request.url), route.abort()))
                page.goto(path.as_uri(), timeout=60_000)
                page.wait_for_function("window.kgTimelineReady !== undefined", timeout=60_000)
                times.append(page.evaluate("window.kgTimelineReady") / 1000)
                drawn = page.locator("#kg-timeline circle.kg-tl-event").count()
                page.close()
                if blocked:
                    sys.exit(f"the page asked the network for {blocked[:3]}")
            browser.close()
    best, worst = min(times), max(times)
    print(f"{args.events:,} events ({drawn:,} drawn), page {size:.2f} MB, "
          f"render {render:.2f} s; timeline ready {best:.2f} s best, {worst:.2f} s worst of {args.rounds} "
          f"(target < {TARGET:g} s): {'met' if best < TARGET else 'MISSED'}")
    return 0 if best < TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
