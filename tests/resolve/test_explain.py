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
