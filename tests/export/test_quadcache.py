"""A save renders only the pieces of RDF that changed since the last one, and gets the
quads a full rendering gives."""

import copy

from kg.export.quadcache import QuadRecord, render_quads, stamp
from kg.export.rdf import raw_quads, rendered_quads


def test_quadcache_pieces_are_the_graphs_quads(seeds_graph):
    G = seeds_graph.to_networkx()
    assert G.graph["events"]  # events are pieces too
    lines, _ = render_quads(G, None)
    assert set(lines) == set(rendered_quads(raw_quads(G)))


def test_quadcache_rerenders_only_changed_pieces(seeds_graph, monkeypatch):
    import kg.export.rdf

    G = copy.deepcopy(seeds_graph.to_networkx())  # its lists are the fixture's: changed below
    _, pieces = render_quads(G, None)
    source, target, key, data = next(iter(G.edges(keys=True, data=True)))
    data["evidence"][0]["sentence"] = "A corrected sentence."
    G.nodes[source]["aliases"].append("Another Name")
    made = []
    render = kg.export.rdf.rendered_quads
    monkeypatch.setattr(kg.export.rdf, "rendered_quads", lambda quads, cache=None: made.append(1) or render(quads, cache))
    lines, _ = render_quads(G, QuadRecord(stamp(), pieces, ""))
    assert len(made) == 2  # the edge and its source node
    assert set(lines) == set(render(raw_quads(G)))
    assert any("A corrected sentence." in triple for triple, _ in lines)


def test_quadcache_turtle_from_blocks_is_write_turtles(seeds_graph):
    import io

    from kg.export.quadcache import render_turtle
    from kg.export.rdf import write_turtle

    G = copy.deepcopy(seeds_graph.to_networkx())
    lines, pieces = render_quads(G, None)
    text, turtle = render_turtle(lines, pieces, None)
    assert len(turtle.blocks) > 100
    record = QuadRecord(stamp(), pieces, "", turtle)
    source, target, key, data = next(iter(G.edges(keys=True, data=True)))
    data["evidence"][0]["sentence"] = "A corrected sentence."
    G.remove_node(max(G, key=G.degree))  # an entity and its facts withdrawn: their blocks go
    lines, pieces = render_quads(G, record)
    text, _ = render_turtle(lines, pieces, record)
    expected = io.StringIO()
    write_turtle(G, expected)
    assert text == expected.getvalue()
    assert "A corrected sentence." in text
