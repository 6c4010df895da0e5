"""graph.html: hubs never overlap whatever the component's size, the same graph gives the same
page, and the page carries nothing it never uses."""

import json
import math
import re

import networkx as nx

from kg.export.html import _node_size, render_html
from kg.export.layout import _DENSE_MAX
from tests.browser.conftest import make_news_graph
from tests.browser.test_first_view import big_news_graph


def _page_nodes(G, **options) -> list[dict]:
    page = render_html(G, **options)
    return json.loads(re.search(r'id="kg-data">(.*?)</script>', page, re.S).group(1))["nodes"]


def test_hubs_never_overlap_in_a_component_too_big_to_compare_all_pairs():
    """Past _DENSE_MAX nodes the boxes are compared through a k-d tree; a hub's disc (drawn
    radius from its number of facts, as graph.js draws it) still overlaps no other disc."""
    G = big_news_graph(n_people=_DENSE_MAX + 200)
    nodes = _page_nodes(G, max_nodes=len(G))
    assert len(nodes) > _DENSE_MAX
    hubs = sorted(nodes, key=lambda n: -n["facts"])[:12]
    hits = [(h["label"], n["label"]) for h in hubs for n in nodes if n is not h
            and math.dist((h["x"], h["y"]), (n["x"], n["y"])) < _node_size(h["facts"]) + _node_size(n["facts"])]
    assert hits == []


def test_same_graph_same_page():
    G = big_news_graph(n_people=300)
    assert render_html(G, max_nodes=500) == render_html(big_news_graph(n_people=300), max_nodes=500)


def test_page_carries_no_css_of_vis_widgets_it_never_shows():
    """vis-network's CSS inlines the icons of its edit, navigation and configuration widgets
    (206 of its 220 KB): the page turns none of them on, so none of it is shipped."""
    page = render_html(make_news_graph())
    css = "".join(re.findall(r"<style>(.*?)</style>", page, re.S))
    assert "data:image" not in page
    assert "vis-manipulation" not in css and "vis-navigation" not in css and "vis-configuration" not in css
    assert "div.vis-tooltip{" in css  # what the page does show: a hover tooltip
    assert len(page.encode()) < 600_000  # vis-network's script is 469 KB of it


def test_big_pages_are_coloured_by_community_small_ones_by_type():
    """Louvain communities, computed at build time, colour a page of 150 entities or more."""
    from collections import Counter

    def data(page):
        return json.loads(re.search(r'id="kg-data">(.*?)</script>', page, re.S).group(1))

    big, small = data(render_html(big_news_graph(), max_nodes=500)), data(render_html(make_news_graph()))
    assert big["meta"]["colour_by"] == "community" and small["meta"]["colour_by"] == "type"
    groups = Counter(n["community"] for n in big["nodes"])
    assert len(groups) >= 3 and max(groups.values()) < 0.6 * len(big["nodes"])


def test_the_timeline_carries_only_the_events_it_draws(seeds_graph):
    """The timeline draws dated events only; the undated ones (most of a news corpus's) used to
    ride along in the page's data and were only counted. Now they are counted and left out."""
    from kg.events.page import drawn

    G = seeds_graph.to_networkx()
    page = render_html(G)
    data = json.loads(re.search(r'id="kg-events">(.*?)</script>', page, re.S).group(1))
    shown = [e for e in G.graph["events"] if drawn(e)]
    dated = [e["id"] for e in shown if e["date_range"][0] and e["date_range"][1]]
    assert [e["id"] for e in data["events"]] == dated and len(dated) > 5
    assert data["undated"] == len(shown) - len(dated) > 0
    assert all(e["range"][0] and e["range"][1] for e in data["events"])


def test_the_biggest_component_is_drawn_in_the_middle_of_many_small_ones():
    """A news page is one big component and many pairs; packed in rows biggest first, the big
    one sat in the top quarter of the fitted view above rows of pairs (issue 15)."""
    from tests.browser.conftest import add_fact

    G = big_news_graph(n_people=120)
    for i in range(150):
        a, b = f"Lone {i:03d}", f"Other {i:03d}"
        for n in (a, b):
            G.add_node(n, label=n, type="PERSON", aliases=[n], mentions=1)
        add_fact(G, a, "meet", b, (f"p{i}", f"{a} met {b}.", None))
    nodes = {n["id"]: n for n in _page_nodes(G, max_nodes=len(G))}
    main = max(nx.connected_components(nx.Graph(G)), key=len)
    xs, ys = [n["x"] for n in nodes.values()], [n["y"] for n in nodes.values()]
    mx, my = [n["x"] for k, n in nodes.items() if k in main], [n["y"] for k, n in nodes.items() if k in main]
    for whole, part in ((xs, mx), (ys, my)):
        low, high = min(whole), max(whole)
        centre = (min(part) + max(part)) / 2
        assert low + (high - low) / 3 < centre < high - (high - low) / 3
    assert 0.8 < (max(xs) - min(xs)) / (max(ys) - min(ys)) < 2  # about the graph area's shape
