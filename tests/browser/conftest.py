"""Browser fixtures: Debian's Chromium through Playwright, offline, screenshots on failure.

The page is loaded from ``file://`` with every other request aborted (and recorded), so a
test fails if graph.html needs the network; console errors and uncaught exceptions are
recorded too. We never download a browser: without /usr/bin/chromium the tests skip.
"""

from __future__ import annotations

import re
import sys
import types
from pathlib import Path

import networkx as nx
import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def add_fact(G: nx.MultiDiGraph, subject: str, relation: str, obj: str, *sentences: tuple,
             symmetric: bool = False) -> None:
    """Add an edge shaped like kg.merge's, one evidence dict per (article, sentence, date, extras)."""
    evidence = []
    for article, sentence, date, *extra in sentences:
        evidence.append({"article": article, "sentence": sentence, "start": 0, "end": len(sentence),
                         "date": date, "date_source": "text" if date else None,
                         "predicate": relation, "subject": G.nodes[subject]["label"],
                         "object": G.nodes[obj]["label"], "negated": False, "modality": None,
                         "attribution": None, "place": None, "confidence": 0.9, "pattern": "svo",
                         **(extra[0] if extra else {})})
    dates = sorted(e["date"] for e in evidence if e["date"])
    G.add_edge(subject, obj, key=relation, relation=relation, predicates=[relation],
               weight=len(evidence), articles=len({e["article"] for e in evidence}),
               negated=all(e["negated"] for e in evidence), symmetric=symmetric,
               first_date=dates[0] if dates else None, last_date=dates[-1] if dates else None,
               evidence=evidence)


def make_news_graph() -> nx.MultiDiGraph:
    """A realistic little kg graph: Erdoğan, Putin, Turkey, Russia, Syria and friends."""
    G = nx.MultiDiGraph()
    G.graph["articles"] = {
        "a1": {"title": "Erdoğan and Putin meet in Moscow", "date": "2020-03-05",
               "url": "https://example.org/a1", "source": "a1.txt"},
        "a2": {"title": "Turkey takes delivery of S-400", "date": "2019-07-12", "url": None,
               "source": "a2.txt"},
        "a3": {"title": "Ceasefire in Idlib", "date": "2020-03-06", "url": None, "source": "a3.txt"},
    }
    for node, label, type_, aliases, mentions in [
        ("erdogan", "Recep Tayyip Erdoğan", "PERSON", ["Erdoğan", "Tayyip Erdogan"], 6),
        ("putin", "Vladimir Putin", "PERSON", ["Putin", "Vladimir Vladimirovich Putin"], 5),
        ("turkey", "Turkey", "GPE", ["Türkiye", "Ankara"], 4),
        ("russia", "Russia", "GPE", ["Moscow", "the Kremlin"], 4),
        ("syria", "Syria", "GPE", [], 2), ("idlib", "Idlib", "GPE", [], 2),
        ("nato", "NATO", "ORG", ["the alliance"], 2), ("s400", "S-400", "PRODUCT", [], 1),
        ("kurds", "Kurds", "NORP", ["Kurdish"], 1), ("lavrov", "Sergei Lavrov", "PERSON", ["Lavrov"], 1),
    ]:
        G.add_node(node, label=label, type=type_, aliases=[label, *aliases], mentions=mentions)
    add_fact(G, "erdogan", "meet", "putin",
             ("a1", "Turkish President Erdoğan met Vladimir Putin in Moscow on Thursday.", "2020-03-05"),
             ("a3", "Erdoğan and Putin met for six hours & agreed a ceasefire.", "2020-03-05"),
             symmetric=True)
    add_fact(G, "erdogan", "lead", "turkey", ("a1", "Erdoğan, Turkey's president, flew in.", "2020-03-05"))
    add_fact(G, "putin", "lead", "russia", ("a1", "Putin, Russia's president, hosted him.", "2020-03-05"))
    add_fact(G, "turkey", "buy", "s400", ("a2", "Turkey bought the S-400 system from Russia.", "2019-07"))
    add_fact(G, "russia", "sell", "s400", ("a2", "Russia sold the S-400 to Turkey.", "2019-07-12"))
    add_fact(G, "nato", "criticize", "turkey",
             ("a2", "NATO did not criticize Turkey publicly.", "2019", {"negated": True}))
    add_fact(G, "russia", "attack", "idlib",
             ("a3", "Russia may strike Idlib again, Lavrov said.", "2020-03-06",
              {"modality": "possible", "attribution": "Lavrov"}))
    add_fact(G, "turkey", "attack", "kurds", ("a3", "Turkey attacked Kurdish fighters.", None))
    add_fact(G, "lavrov", "visit", "syria", ("a3", "Lavrov visited Syria.", "2020-03-06"))
    add_fact(G, "syria", "border", "turkey", ("a3", "Syria borders Turkey.", None), symmetric=True)
    return G


XSS = ('Erdoğan met Putin <script>window.pwned = "script"</script> & '
       '<img src=x onerror="window.pwned = \'img\'"> in R&D talks.')


def make_malicious_graph() -> nx.MultiDiGraph:
    """make_news_graph() with markup in a sentence, a label, an alias and an article title."""
    G = make_news_graph()
    G.graph["articles"]["evil"] = {"title": '<img src=x onerror="window.pwned = \'title\'">',
                                   "date": "2020-03-05", "url": "javascript:window.pwned='url'",
                                   "source": "evil.txt"}
    G.nodes["kurds"]["label"] = "<b>Kurds</b>"
    G.nodes["kurds"]["aliases"].append('<svg onload="window.pwned = \'alias\'">')
    G.edges["erdogan", "putin", "meet"]["evidence"].append(
        {**G.edges["erdogan", "putin", "meet"]["evidence"][0], "article": "evil", "sentence": XSS})
    return G


@pytest.fixture
def news_graph() -> nx.MultiDiGraph:
    return make_news_graph()


@pytest.fixture
def malicious_graph() -> nx.MultiDiGraph:
    return make_malicious_graph()


@pytest.fixture
def xss_sentence() -> str:
    return XSS


# One Chromium per test session, even when another conftest loads this file again as a module
# of its own (tests/events/browser does): two sync Playwrights at once refuse to start.
_SHARED = sys.modules.setdefault("kg_tests_shared_browser", types.ModuleType("kg_tests_shared_browser"))


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing: install Debian's chromium (we never download one)")
    if getattr(_SHARED, "browser", None) is not None:
        yield _SHARED.browser
        return
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        _SHARED.browser = browser
        try:
            yield browser
        finally:
            _SHARED.browser = None
            browser.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)  # lets the page fixture see a failed test


@pytest.fixture
def page(browser, request):
    """An offline page; ``page.kg_errors`` and ``page.kg_blocked`` collect what went wrong."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.set_default_timeout(20_000)  # milliseconds on an idle machine; seconds on a shared, loaded one
    page.kg_errors, page.kg_blocked = [], []

    def block(route):
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            page.kg_blocked.append(route.request.url)
            route.abort()

    context.route("**/*", block)
    page.on("console", lambda msg: msg.type == "error" and page.kg_errors.append(msg.text))
    page.on("pageerror", lambda exc: page.kg_errors.append(str(exc)))
    yield page
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / (re.sub(r"\W+", "_", request.node.name) + ".png")))
    context.close()


@pytest.fixture
def open_graph(page, tmp_path):
    """Write a graph's page to a temp file, open it, and wait until it is drawn and still."""
    from kg.export.html import write_html

    def open_(G: nx.MultiDiGraph, **options):
        path = tmp_path / "graph.html"
        with path.open("w", encoding="utf-8") as stream:
            write_html(G, stream, **options)
        page.goto(path.as_uri())
        page.wait_for_function("window.kgReady !== undefined", timeout=30_000)
        return page

    return open_
