"""Updating a graph (add again, replace a changed article, remove) leaves exactly the graph a
fresh build of the remaining articles gives: graph.json, mentions.tsv and graph.ttl compared."""

import dataclasses
from pathlib import Path

import pytest
from click.testing import CliRunner

import kg
from kg.cli import cli
from kg.explore import read_inputs

pytestmark = pytest.mark.slow
SEEDS = Path(__file__).resolve().parents[1] / "seeds"
COMPARED = ("graph.json", "mentions.tsv", "graph.ttl")


@pytest.fixture(scope="module")
def articles():
    return {a.id: a for a in read_inputs(sorted(SEEDS.glob("00[0-2]_*.txt")))}


def saved(graph, out: Path) -> dict[str, str]:
    graph.save(out)
    return {name: (out / name).read_text(encoding="utf-8") for name in COMPARED}


def test_remove_and_replace_equal_a_fresh_build(articles, tmp_path):
    a, b, c = sorted(articles)
    graph = kg.build(list(articles.values()), jobs=1)
    assert graph.add(list(articles.values())) == 0  # the same articles again add nothing

    # A corrected article: same id, its last paragraph withdrawn and a sentence added.
    old = articles[b]
    text = old.text[:old.text.rstrip().rfind("\n\n")] + "\n\nVladimir Putin met Bashar al-Assad in Damascus.\n"
    corrected = dataclasses.replace(old, text=text)
    assert graph.add([corrected]) == 1
    assert graph.add([corrected]) == 0
    replaced = saved(graph, tmp_path / "replaced")
    fresh = saved(kg.build([articles[a], corrected, articles[c]], jobs=1), tmp_path / "fresh")
    assert replaced == fresh
    assert "Damascus" in replaced["graph.json"]

    assert graph.remove([b]) == 1
    removed = saved(graph, tmp_path / "removed")
    fresh = saved(kg.build([articles[a], articles[c]], jobs=1), tmp_path / "fresh2")
    assert removed == fresh
    assert b not in removed["graph.json"] and "Damascus" not in removed["graph.ttl"]

    with pytest.raises(kg.KgError, match="no article"):
        graph.remove(["no-such-article"])


def test_kg_remove_rewrites_out_and_its_store(articles, tmp_path):
    a, b, _ = sorted(articles)
    out, fresh = tmp_path / "out", tmp_path / "fresh"
    runner = CliRunner()
    paths = [str(SEEDS / f"{key}.txt") for key in (a, b)]
    assert runner.invoke(cli, ["build", *paths, "-o", str(out), "--jobs", "1"]).exit_code == 0
    result = runner.invoke(cli, ["remove", str(out), b])
    assert result.exit_code == 0, result.output
    assert runner.invoke(cli, ["build", paths[0], "-o", str(fresh), "--jobs", "1"]).exit_code == 0
    for name in COMPARED:
        assert (out / name).read_bytes() == (fresh / name).read_bytes(), name
    ask = f"ASK {{ ?x schema:identifier \"{b}\" }}"
    assert runner.invoke(cli, ["query", str(out), ask, "--format", "csv"]).output.splitlines()[1] == "False"
    unknown = runner.invoke(cli, ["remove", str(out), "nope"])
    assert unknown.exit_code == 1 and "nope" in unknown.output


def store_quads(out: Path) -> set:
    import pyoxigraph as ox

    from kg.export.commit import readable_folder

    store = ox.Store.read_only(str(readable_folder(out) / "store"))
    return set(store.quads_for_pattern(None, None, None, None))


def test_an_update_starts_from_the_saved_store_and_ends_where_a_fresh_build_does(
        articles, tmp_path, monkeypatch):
    from kg.export.commit import readable_folder

    monkeypatch.setattr("kg.store._MOST_CHANGED", 1.0)  # seeds are small: any change is large
    a, b, c = sorted(articles)
    kg.build([articles[a], articles[b]], jobs=1).save(tmp_path / "ab")
    grown = kg.load(tmp_path / "ab", jobs=1)
    assert grown.add([articles[c]]) == 1
    grown.save(tmp_path / "abc")
    kg.build(list(articles.values()), jobs=1).save(tmp_path / "fresh")
    assert store_quads(tmp_path / "abc") == store_quads(tmp_path / "fresh")
    for name in (*COMPARED, "facts.jsonl"):  # facts.jsonl: a and b's lines kept as read
        assert (tmp_path / "abc" / name).read_bytes() == (tmp_path / "fresh" / name).read_bytes(), name
    # the old store's files were linked, not copied or reloaded
    files = list((readable_folder(tmp_path / "abc") / "store").glob("*.sst"))
    assert any(path.stat().st_nlink > 1 for path in files)

    shrunk = kg.load(tmp_path / "abc", jobs=1)
    assert shrunk.remove([b]) == 1
    shrunk.save(tmp_path / "ac")
    kg.build([articles[a], articles[c]], jobs=1).save(tmp_path / "fresh-ac")
    assert store_quads(tmp_path / "ac") == store_quads(tmp_path / "fresh-ac")
    assert kg.load(tmp_path / "ac").query(f'ASK {{ ?x schema:identifier "{b}" }}').rows == [(False,)]
