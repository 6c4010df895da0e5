"""explain/format_explanation over a small built graph."""

import pytest

from kg.merge import merge_facts
from kg.resolve import resolve
from kg.resolve.explain import explain, format_explanation
from kg.types import Article, ArticleFacts, Mention


@pytest.fixture
def graph():
    a = ArticleFacts(Article("a", "Recep Tayyip Erdoğan spoke."), [Mention("a", 0, 20, "Recep Tayyip Erdoğan", "PERSON")])
    b = ArticleFacts(Article("b", "Erdogan spoke."), [Mention("b", 0, 7, "Erdogan", "PERSON")])
    return merge_facts([a, b], resolve([a, b]))


@pytest.mark.parametrize("name", ["erdogan", "ERDOĞAN", "Recep Tayyip Erdogan", "recep-tayyip-erdogan"])
def test_explain_finds_node_by_any_alias(graph, name):
    info = explain(graph, name)
    assert info["id"] == "recep-tayyip-erdogan"
    assert {r["alias"] for r in info["reasons"]} == {"Erdogan"}


def test_explain_lists_mentions_and_formats(graph):
    rows = [{"article": "b", "start": 0, "end": 7, "surface": "Erdogan", "node": "recep-tayyip-erdogan"}]
    text = format_explanation(explain(graph, "Erdogan", rows))
    assert "Recep Tayyip Erdoğan  [PERSON]" in text and "surname-unique" in text and "b:0-7" in text


def test_explain_unknown_name(graph):
    assert format_explanation(explain(graph, "Zorro")) == "no node named 'Zorro'"


def _two_articles(tmp_path):
    a = tmp_path / "in" / "a.txt"
    a.parent.mkdir()
    a.write_text("Talks\n\nGovernor Hanna Kowalczyk met Omar Siddiqui in Gdansk on Monday.\n", encoding="utf-8")
    (tmp_path / "in" / "b.txt").write_text(
        "Visit\n\nKowalczyk said the visit by Siddiqui to Gdansk had gone well.\n", encoding="utf-8")
    return tmp_path / "in"


def test_explain_doubtful_lists_least_certain_first_with_alias_lines(tmp_path):
    from click.testing import CliRunner

    from kg.cli import cli

    out = tmp_path / "out"
    runner = CliRunner()
    assert runner.invoke(cli, ["build", str(_two_articles(tmp_path)), "-o", str(out), "--jobs", "1"]).exit_code == 0
    result = runner.invoke(cli, ["explain", str(out), "--doubtful", "--format", "json"])
    assert result.exit_code == 0, result.output
    import json

    rows = json.loads(result.output)
    assert rows and [r["confidence"] for r in rows] == sorted(r["confidence"] for r in rows)
    surname = next(r for r in rows if r["alias"] == "Kowalczyk")
    assert surname["rule"] == "surname-unique" and surname["line"] == "Kowalczyk,=,Hanna Kowalczyk"
    text = runner.invoke(cli, ["explain", str(out), "--doubtful"]).output
    assert "forbid: Kowalczyk,!=,Hanna Kowalczyk" in text
    # the ready line, turned into a forbid rule, keeps the two apart in the next build
    rules = tmp_path / "aliases.csv"
    rules.write_text("Kowalczyk,!=,Hanna Kowalczyk\n", encoding="utf-8")
    out2 = tmp_path / "out2"
    assert runner.invoke(cli, ["build", str(tmp_path / "in"), "-o", str(out2), "--jobs", "1",
                               "--aliases", str(rules)]).exit_code == 0
    again = json.loads(runner.invoke(cli, ["explain", str(out2), "--doubtful", "--format", "json"]).output)
    assert not any(r["alias"] == "Kowalczyk" and r["label"] == "Hanna Kowalczyk" for r in again)


@pytest.mark.slow
def test_explain_shows_each_mention_in_its_words(tmp_path):
    """A reviewer judges a merge from the words around each mention, not from bare offsets."""
    import kg

    text = ("date 2021-04-02 Angela Merkel met Emmanuel Macron in Berlin on Friday.\n\n"
            "Later that day Merkel told reporters the talks had gone well.")
    kg.build([text], jobs=1).save(tmp_path / "out")
    info = kg.load(tmp_path / "out").explain("Merkel")
    contexts = [m["context"] for m in info["mentions"]]
    assert "[Merkel] told reporters" in " ".join(contexts)
    assert any(c.startswith("[Angela Merkel] met") or "[Angela Merkel] met Emmanuel" in c for c in contexts)
    assert "[Merkel] told reporters" in format_explanation(info)
