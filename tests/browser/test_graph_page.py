"""graph.html in headless Chromium, offline: it draws, searches, explains, filters, stays inert."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _clean(page):
    assert page.kg_errors == [], "console errors"
    assert page.kg_blocked == [], "the page asked the network"


def _panel(page) -> str:
    return page.inner_text("#kg-panel")


def test_graph_page_draws_still_graph_offline(open_graph, news_graph):
    page = open_graph(news_graph)
    assert page.locator("#kg-graph canvas").count() == 1
    positions = page.evaluate("window.kgNetwork.getPositions()")
    assert len(positions) == 10 and len({(p["x"], p["y"]) for p in positions.values()}) == 10
    # Pixels, not just objects: the canvas has node colours on it.
    coloured = page.evaluate("""() => {
      const c = document.querySelector('#kg-graph canvas'), d = c.getContext('2d')
        .getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 0; i < d.length; i += 4) if (Math.abs(d[i] - d[i + 1]) > 60) n++;
      return n;
    }""")
    assert coloured > 200
    assert page.evaluate("window.kgNetwork.physics.physicsEnabled") is False
    assert page.inner_text("#kg-summary") == "10 entities, 10 facts"
    assert "PERSON" in page.inner_text("#kg-legend")
    _clean(page)


@pytest.mark.parametrize(("typed", "node"), [("putin", "putin"), ("erdogan", "erdogan"),
                                             ("ERDOĞAN", "erdogan"), ("kremlin", "russia"),
                                             ("turkiye", "turkey")])
def test_graph_page_search_by_any_alias(open_graph, news_graph, typed, node):
    page = open_graph(news_graph)
    page.fill("#kg-search", typed)
    assert page.locator("#kg-suggestions li").count() >= 1
    page.keyboard.press("Enter")
    assert page.evaluate("window.kgNetwork.getSelectedNodes()") == [node]
    # focus() animates for 400 ms; then the node is in the middle of the view.
    page.wait_for_function(f"""() => {{
      const v = window.kgNetwork.getViewPosition(), p = window.kgNetwork.getPositions(['{node}'])['{node}'];
      return Math.hypot(v.x - p.x, v.y - p.y) < 1;
    }}""", timeout=15_000)
    label = page.evaluate(f"window.kg.data.nodes.find(n => n.id === '{node}').label")
    assert page.inner_text("#kg-panel h2") == label
    _clean(page)


def _click_node(page, node: str) -> None:
    box = page.locator("#kg-graph canvas").bounding_box()
    dom = page.evaluate(f"""() => window.kgNetwork.canvasToDOM(
      window.kgNetwork.getPositions(['{node}'])['{node}'])""")
    page.mouse.click(box["x"] + dom["x"], box["y"] + dom["y"])


def test_graph_page_click_shows_facts_with_sources(open_graph, news_graph):
    page = open_graph(news_graph)
    _click_node(page, "erdogan")
    page.wait_for_selector("#kg-panel h2")
    panel = _panel(page)
    assert "Recep Tayyip Erdoğan" in panel and "2 facts" in panel
    assert "Turkish President Erdoğan met Vladimir Putin in Moscow on Thursday." in panel
    assert "Erdoğan and Putin meet in Moscow (a1)" in panel and "2020-03-05" in panel
    assert "met for six hours & agreed" in panel  # "&" shown once, not as "&amp;"
    assert page.get_attribute("#kg-panel a", "href") == "https://example.org/a1"
    # The neighbourhood stays in colour, the rest is dimmed.
    colours = page.evaluate("Object.fromEntries(window.kg.nodes.get().map(n => [n.id, n.color.background]))")
    assert colours["putin"] != colours["syria"] == "#e3e3e3"
    page.locator("#kg-panel .kg-entity", has_text="Vladimir Putin").first.click()
    assert page.evaluate("window.kgNetwork.getSelectedNodes()") == ["putin"]
    _clean(page)


def test_graph_page_shows_negation_and_modality(open_graph, news_graph):
    page = open_graph(news_graph)
    page.evaluate("window.kg.selectNode('nato', false)")
    assert "denied" in _panel(page) and "negated" in _panel(page)
    page.evaluate("window.kg.selectNode('idlib', false)")
    assert "possible" in _panel(page) and "according to Lavrov" in _panel(page)
    _clean(page)


def test_graph_page_article_markup_stays_text(open_graph, malicious_graph, xss_sentence):
    page = open_graph(malicious_graph)
    for node in ("erdogan", "kurds"):
        _click_node(page, node)
        page.wait_for_timeout(100)
    page.fill("#kg-search", "svg")  # the malicious alias, listed in the suggestions
    assert "<svg onload" in page.inner_text("#kg-suggestions")
    page.evaluate("window.kg.selectNode('erdogan', false)")
    assert page.evaluate("window.pwned") is None
    panel = _panel(page)
    assert xss_sentence in panel  # literally, "&" included, not "&amp;"
    assert '<img src=x onerror="window.pwned = \'title\'"> (evil)' in panel
    assert page.locator("#kg-panel img, #kg-panel script, #kg-panel b").count() == 0
    assert page.locator("a[href^='javascript']").count() == 0
    page.evaluate("window.kg.selectNode('kurds', false)")
    assert page.inner_text("#kg-panel h2") == "<b>Kurds</b>"
    assert page.evaluate("window.pwned") is None
    _clean(page)


def test_graph_page_filters_by_type_relation_and_date(open_graph, news_graph):
    page = open_graph(news_graph)
    hidden = "window.kg.nodes.get().filter(n => n.hidden).map(n => n.id).sort()"
    page.locator("#kg-legend label", has_text="GPE").locator("input").uncheck()
    assert page.evaluate(hidden) == ["idlib", "russia", "syria", "turkey"]
    page.locator("#kg-legend label", has_text="GPE").locator("input").check()
    page.click("#kg-rel-none")
    page.locator("#kg-relations label", has_text="meet").locator("input").check()
    visible = "window.kg.nodes.get().filter(n => !n.hidden).map(n => n.id).sort()"
    assert page.evaluate(visible) == ["erdogan", "putin"]
    page.click("#kg-rel-all")
    page.fill("#kg-date-from", "2020-01-01")
    page.dispatch_event("#kg-date-from", "change")
    page.uncheck("#kg-undated")  # left: the 2020 facts (meet, lead x2, attack Idlib, visit)
    assert page.evaluate(visible) == ["erdogan", "idlib", "lavrov", "putin", "russia", "syria",
                                      "turkey"]
    assert "filters hide 3 entities, 5 facts" in page.inner_text("#kg-summary")
    _clean(page)


def test_graph_page_physics_toggle(open_graph, news_graph):
    page = open_graph(news_graph)
    page.check("#kg-physics")
    assert page.evaluate("window.kgNetwork.physics.physicsEnabled") is True
    page.uncheck("#kg-physics")
    assert page.evaluate("window.kgNetwork.physics.physicsEnabled") is False
    _clean(page)


def test_graph_page_says_what_was_left_out(open_graph, news_graph):
    page = open_graph(news_graph, max_nodes=3, min_weight=1)
    assert page.inner_text("#kg-summary").startswith("Showing 3 of 10 entities, ")
    assert page.evaluate("Object.keys(window.kgNetwork.getPositions()).length") == 3
    _clean(page)


def test_graph_page_seeds_search_putin(page, seeds_out):
    """The page `kg build seeds` writes, as a user opens it: from disk, offline."""
    page.goto((seeds_out / "graph.html").as_uri())
    page.wait_for_function("window.kgReady !== undefined", timeout=10_000)
    page.fill("#kg-search", "putin")
    page.keyboard.press("Enter")
    selected = page.evaluate("window.kgNetwork.getSelectedNodes()")
    assert len(selected) == 1
    assert "Putin" in page.inner_text("#kg-panel h2")
    assert page.locator("#kg-panel .kg-fact blockquote").count() >= 1  # facts, with sentences
    _clean(page)


def test_graph_page_says_entities_without_facts_are_not_drawn(open_graph, news_graph):
    news_graph.add_node("talks", label="talks", type="CONCEPT", aliases=["talks"], mentions=3)
    page = open_graph(news_graph)
    assert page.inner_text("#kg-summary") == "10 entities, 10 facts (1 entity without facts not drawn)"
    _clean(page)
