"""Updating a graph (add again, replace a changed article, remove) leaves exactly the graph a
fresh build of the remaining articles gives: graph.json, mentions.tsv and graph.ttl compared."""

import dataclasses
import os
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


NEWS = next((p for p in (Path(os.environ.get("KG_SHARED", "/nonexistent")) / "data" / "news",
                         SEEDS.parent.parent / "shared" / "data" / "news", Path("/work/shared/data/news"))
             if p.is_dir()), None)
# BBC politics articles naming Blair, Brown, Howard, Kennedy...: the added ones join people,
# parties and events of the saved ones, so labels, node ids and events change across articles
BBC = [f"bbc_politics_{n:03d}.txt" for n in (1, 2, 5, 7, 8, 11, 12, 13, 14, 20, 21, 22, 27)]


def outputs(out: Path) -> dict[str, str]:
    found = {name: (out / name).read_text(encoding="utf-8") for name in (*COMPARED, "events.tsv")}
    found["store"] = store_quads(out)
    return found


@pytest.mark.skipif(NEWS is None, reason="the BBC corpus is not here (set KG_SHARED)")
def test_updates_of_bbc_articles_equal_fresh_builds_and_cluster_only_what_they_add(tmp_path, monkeypatch):
    import kg.cache
    import kg.events
    import kg.events.groups
    import kg.resolve.coref

    monkeypatch.setattr("kg.store._MOST_CHANGED", 1.0)  # a few articles: any change is large
    articles = {a.id: a for a in read_inputs([NEWS / name for name in BBC])}
    ids = sorted(articles)
    clustered, found = [], []
    cluster_article, event_mentions = kg.resolve.coref.cluster_article, kg.events.event_mentions
    monkeypatch.setattr(kg.resolve.coref, "cluster_article",
                        lambda mentions, *rest: clustered.append(mentions[0].article) or
                        cluster_article(mentions, *rest))
    monkeypatch.setattr(kg.events, "event_mentions",
                        lambda facts, resolution: found.append(facts.article.id) or
                        event_mentions(facts, resolution))
    grouped, resolve_events = [], kg.events.groups.resolve_events
    monkeypatch.setattr(kg.events.groups, "resolve_events",
                        lambda group, *rest: grouped.extend(group) or resolve_events(group, *rest))
    kg.build([articles[i] for i in ids[:8]], jobs=1).save(tmp_path / "base")
    assert sorted(clustered) == ids[:8]
    all_mentions = len(grouped)

    # add five, then (from that update's own record) replace one and remove another
    clustered.clear(), found.clear(), grouped.clear()
    grown = kg.load(tmp_path / "base", jobs=1)
    assert grown.add([articles[i] for i in ids[8:]]) == 5
    grown.save(tmp_path / "grown")
    assert sorted(clustered) == ids[8:]  # the saved articles' clusters are reused
    assert set(ids[8:]) <= set(found) and len(found) < len(ids)  # and most event mentions
    # the groups of event mentions the new articles joined are clustered again, not the rest
    assert {m.article for m in grouped} & set(ids[8:]) and len(grouped) < all_mentions
    kg.build(list(articles.values()), jobs=1).save(tmp_path / "fresh")
    assert outputs(tmp_path / "grown") == outputs(tmp_path / "fresh")

    clustered.clear()
    changed = dataclasses.replace(articles[ids[3]], text=articles[ids[3]].text + "\n\nGordon Brown met Tony Blair in Downing Street.\n")
    again = kg.load(tmp_path / "grown", jobs=1)
    assert again.add([changed]) == 1 and again.remove([ids[0]]) == 1
    again.save(tmp_path / "again")
    assert clustered == [ids[3]]
    rest = [changed if i == ids[3] else articles[i] for i in ids[1:]]
    kg.build(rest, jobs=1).save(tmp_path / "fresh-again")
    assert outputs(tmp_path / "again") == outputs(tmp_path / "fresh-again")


def test_a_record_from_other_code_is_not_reused(tmp_path, monkeypatch):
    import kg.cache

    graph = kg.build([SEEDS / "000_6d041615ef92627e.txt"], jobs=1)
    graph.save(tmp_path / "out")
    monkeypatch.setattr(kg.cache, "code_stamp", lambda: "another kg")
    assert kg.cache.read_cache(readable(tmp_path / "out")).record()["products"] == {}
    from kg.export.quadcache import read_record

    assert read_record(readable(tmp_path / "out")) is None


def readable(out: Path) -> Path:
    from kg.export.commit import readable_folder

    return readable_folder(out)


def test_a_save_with_two_cores_equals_one_with_one_and_serves_an_update(articles, tmp_path, monkeypatch):
    """With a second core the store starts loading before the events stage and takes the
    events' quads after it (kg.export.save_files): the files and quads are a one-core save's,
    and the records it leaves (per-article products, the store's quads by piece) serve an
    update that again equals a fresh build, also when the update's store is loaded afresh
    (too much changed) with two cores to hand."""
    import kg.cache

    a, b, c = sorted(articles)
    with monkeypatch.context() as one_core:
        one_core.setattr("kg.graph.os.cpu_count", lambda: 1)
        kg.build([articles[a], articles[b]], jobs=1).save(tmp_path / "one")
    monkeypatch.setattr("kg.graph.os.cpu_count", lambda: 2)
    kg.build([articles[a], articles[b]], jobs=2).save(tmp_path / "two")
    two = outputs(tmp_path / "two")
    assert two == outputs(tmp_path / "one")
    assert "event-vocab#mention" in two["graph.ttl"] or "kge:mention" in two["graph.ttl"]
    products = kg.cache.read_cache(readable(tmp_path / "two"))._old
    assert {("events", a), ("events", b), ("clusters", a)} <= set(products)  # written after the events stage

    kg.build(list(articles.values()), jobs=1).save(tmp_path / "fresh")
    for most_changed in (1.0, 0.0):  # the old store diffed; loaded afresh
        monkeypatch.setattr("kg.store._MOST_CHANGED", most_changed)
        grown = kg.load(tmp_path / "two")
        assert grown.add([articles[c]]) == 1
        grown.save(tmp_path / f"grown-{most_changed}")
        assert outputs(tmp_path / f"grown-{most_changed}") == outputs(tmp_path / "fresh")
