"""The events timeline of graph.html (kg/events/page.py, assets/timeline.js), in headless
Chromium, on the seeds' real events. Owned with issue 17's event layer."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.export.json import read_json

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"  # screenshots to look at

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture
def seeds_page(page, open_graph, seeds_out):
    page.set_default_timeout(30_000)  # the page is a 1 MB file: give a loaded machine time
    G = read_json(seeds_out)
    page = open_graph(G)
    page.wait_for_function("window.kgTimelineReady !== undefined")
    page.kg_graph = G
    return page


def test_timeline_draws_dated_events_hollow_when_planned(seeds_page):
    page, G = seeds_page, seeds_page.kg_graph
    from kg.events.page import drawn

    dated = [e for e in G.graph["events"] if e["date_range"][0] and e["date_range"][1] and drawn(e)]
    marks = page.locator("#kg-timeline circle.kg-tl-event")
    assert marks.count() == len(dated) > 5
    moscow = next(e for e in dated if (e["place"] or {}).get("id") == "moscow" and e["type"] == "meet")
    mark = page.locator(f'#kg-timeline circle[data-id="{moscow["id"]}"]')
    assert mark.get_attribute("fill") == "#fff"  # planned: hollow
    assert mark.get_attribute("data-sources") == "3"
    happened = page.locator('#kg-timeline circle[data-status="happened"]').first
    assert happened.get_attribute("fill") != "#fff"
    # three sources draw a bigger mark than one
    single = next(e for e in dated if len(e["sources"]) == 1)
    r_single = float(page.locator(f'#kg-timeline circle[data-id="{single["id"]}"]').get_attribute("r"))
    assert float(mark.get_attribute("r")) > r_single
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "timeline_seeds.png"))
    assert page.kg_errors == [] and page.kg_blocked == []


def test_clicking_an_event_lights_up_participants_and_lists_reports(seeds_page):
    page, G = seeds_page, seeds_page.kg_graph
    moscow = next(e for e in G.graph["events"] if (e["place"] or {}).get("id") == "moscow" and e["type"] == "meet")
    page.locator(f'#kg-timeline circle[data-id="{moscow["id"]}"]').click()
    selected = set(page.evaluate("window.kgNetwork.getSelectedNodes()"))
    assert {"recep-tayyip-erdogan", "vladimir-putin"} <= selected
    detail = page.inner_text("#kg-timeline-detail")
    assert "3 sources" in detail
    assert "will hold talks this week in Moscow" in detail
    assert detail.count("003_640610e12b349fcf") + detail.count("2020-03-02") >= 1
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "timeline_selected.png"))
    assert page.kg_errors == []


def test_brushing_a_time_range_filters_the_graph(seeds_page):
    page = seeds_page
    plot = page.locator("#kg-timeline svg").bounding_box()
    y = plot["y"] + plot["height"] / 2
    page.mouse.move(plot["x"] + 100, y)
    page.mouse.down()
    page.mouse.move(plot["x"] + plot["width"] * 0.5, y, steps=5)
    page.mouse.up()
    start, end = page.input_value("#kg-date-from"), page.input_value("#kg-date-to")
    assert start and end and start < end
    assert "filters hide" in page.inner_text("#kg-summary")
    page.click("#kg-timeline-head button")
    assert page.input_value("#kg-date-from") == "" and "filters hide" not in page.inner_text("#kg-summary")
    assert page.kg_errors == []
