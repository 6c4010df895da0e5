import io
import json

import networkx as nx

from kg.export import save_files
from kg.export.json import read_json, write_json
from kg.export.mentions import read_mentions, write_mentions


def small_graph():
    G = nx.MultiDiGraph(articles={"a": {"title": "t", "date": None, "url": None, "source": None}})
    G.add_node("x", label="X", type="PERSON", aliases=["X"])
    G.add_node("y", label="Y", type="ORG", aliases=["Y"])
    G.add_edge("x", "y", key="support", relation="support", evidence=[{"article": "a", "sentence": "X backs Y.", "start": 0, "end": 10}])
    return G


def test_json_is_node_link_with_edges_key_and_round_trips():
    G = small_graph()
    buffer = io.StringIO()
    write_json(G, buffer)
    data = json.loads(buffer.getvalue())
    assert set(data) >= {"nodes", "edges", "graph", "multigraph", "directed"}
    assert data["multigraph"] and data["directed"]
    assert nx.utils.graphs_equal(nx.node_link_graph(data, edges="edges"), G)


def test_mentions_tsv_collapses_whitespace_and_never_quotes():
    buffer = io.StringIO()
    write_mentions([("a", 3, 20, 'the "Kremlin"\n\tspokesman', "peskov")], buffer)
    assert buffer.getvalue() == 'article\tstart\tend\tsurface\tnode\na\t3\t20\tthe "Kremlin" spokesman\tpeskov\n'


def test_save_files_replaces_whole_files_and_leaves_no_temporaries(tmp_path):
    (tmp_path / "graph.json").write_text("old")
    save_files(small_graph(), [("a", 0, 1, "X", "x")], tmp_path, formats=("json", "ttl"))
    assert sorted(p.name for p in tmp_path.iterdir()) == [".kg", "graph.json", "graph.ttl", "mentions.tsv", "store"]
    assert sorted(p.name for p in (tmp_path / ".kg").iterdir() if not p.name.startswith("gen-")) == ["current", "lock"]
    assert read_json(tmp_path).number_of_edges() == 1
    assert read_mentions(tmp_path / "mentions.tsv")[0]["node"] == "x"


def test_save_files_failure_keeps_previous_files(tmp_path, monkeypatch):
    save_files(small_graph(), [], tmp_path, formats=("json",))
    before = (tmp_path / "graph.json").read_text()
    import kg.export.turtle

    def broken(triples):  # graph.ttl's writing fails after graph.json is rendered
        raise RuntimeError("disk full")

    monkeypatch.setattr(kg.export.turtle, "subject_blocks", broken)
    G = small_graph()
    G.add_node("z", label="Z", type="PERSON", aliases=["Z"])
    try:
        save_files(G, [], tmp_path, formats=("json", "ttl"))
    except RuntimeError:
        pass
    assert (tmp_path / "graph.json").read_text() == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".") and p.name != ".kg"]
    assert len([p for p in (tmp_path / ".kg").iterdir() if p.name.startswith("gen-")]) == 1
