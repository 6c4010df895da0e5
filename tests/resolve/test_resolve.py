"""Resolution rules, each on a short text of its own (parsed with the session model)."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.errors import InputError
from kg.extract.mentions import find_mentions
from kg.resolve import load_aliases, resolve
from kg.types import Article, ArticleFacts

pytestmark = pytest.mark.slow


def _facts(nlp, aid: str, text: str) -> ArticleFacts:
    return ArticleFacts(Article(aid, text), find_mentions(nlp(text), aid))


def _build(nlp, *texts: str, aliases=None):
    articles = [_facts(nlp, f"a{i}", t) for i, t in enumerate(texts)]
    return articles, resolve(articles, aliases=aliases)


def _nodes_with(resolution, alias: str) -> list[str]:
    return [e.id for e in resolution.entities.values() if alias in e.aliases]


def _node(articles, resolution, text: str, article: int = 0) -> str | None:
    facts = articles[article]
    mention = next(m for m in facts.mentions if m.text == text)
    return resolution.node(mention)


def test_resolve_transliteration_and_short_names_one_node(nlp):
    articles, r = _build(nlp, "Turkish President Recep Tayyip Erdoğan flew to Moscow on Monday. "
                         "Officials said Erdoğan would meet Putin.",
                         "Turkish President Tayyip Erdogan spoke on Monday. Erdogan was calm.",
                         "Officials said Erdogan would meet Putin on Monday.")
    nodes = {_node(articles, r, "Erdoğan"), _node(articles, r, "Erdogan", 1),
             _node(articles, r, "Tayyip Erdogan", 1), _node(articles, r, "Erdogan", 2)}
    assert nodes == {"recep-tayyip-erdogan"}
    assert r.entities["recep-tayyip-erdogan"].label == "Recep Tayyip Erdoğan"
    assert {"name-parts", "transliteration", "short-name"} & {x.rule for x in r.entities["recep-tayyip-erdogan"].reasons}


def test_resolve_first_name_conflict_keeps_people_apart(nlp):
    articles, r = _build(nlp, "Bill Clinton gave a speech in Ohio.", "Hillary Clinton gave a speech in Iowa.")
    assert _node(articles, r, "Bill Clinton") != _node(articles, r, "Hillary Clinton", 1)


def test_resolve_spelling_variants_merge(nlp):
    articles, r = _build(nlp, "Dmitry Peskov told reporters on Monday that the talks went well.",
                         "Kremlin spokesman Dmitriy Peskov told reporters on Monday that the talks went well.")
    assert _node(articles, r, "Dmitry Peskov") == _node(articles, r, "Dmitriy Peskov", 1)


@pytest.mark.parametrize("a, b", [("Türkiye", "Turkey"), ("the Russian Federation", "Russia"),
                                  ("the United States", "America"), ("Britain", "the UK")])
def test_resolve_country_names_one_node(nlp, a, b):
    articles, r = _build(nlp, f"Officials in {a} rejected the plan.", f"Officials in {b} rejected the plan.")
    nodes = {e.id for e in r.entities.values() if e.type == "GPE"}
    assert len(nodes) == 1
    assert any(iri.startswith("urn:iso:std:3166:") for iri in r.entities[nodes.pop()].same_as)


def test_resolve_demonym_linked_not_merged(nlp):
    articles, r = _build(nlp, "Turkish soldiers were killed. Turkey said it would respond.")
    turkish, turkey = _node(articles, r, "Turkish"), _node(articles, r, "Turkey")
    assert turkish != turkey
    assert ("nationality", turkey) in r.entities[turkish].related


def test_resolve_capital_located_in_country_not_merged(nlp):
    articles, r = _build(nlp, "Turkey closed its border with Syria. Officials in Ankara said the decision was final.")
    ankara, turkey = _node(articles, r, "Ankara"), _node(articles, r, "Turkey")
    assert ankara != turkey
    assert ("locatedIn", turkey) in r.entities[ankara].related
    assert "https://sws.geonames.org/323786/" in r.entities[ankara].same_as


def test_resolve_pronoun_he_joins_antecedent(nlp):
    articles, r = _build(nlp, "Vladimir Putin arrived in Sochi on Monday. He met the governor there.")
    he = next(m for m in articles[0].mentions if m.text == "He")
    assert r.node(he) == "vladimir-putin"


def test_resolve_description_joins_titled_name(nlp):
    text = ("Turkish President Recep Tayyip Erdogan will visit Moscow. Kremlin spokesman Dmitry Peskov "
            "confirmed the trip. The Turkish president hopes for a ceasefire.")
    articles, r = _build(nlp, text)
    desc = next(m for m in articles[0].mentions if m.label == "DESC" and "president" in m.text)
    assert r.node(desc) == "recep-tayyip-erdogan"


def test_resolve_unclear_pronoun_left_out(nlp):
    articles, r = _build(nlp, "It was raining. They said nothing.")
    assert all(r.node(m) is None for m in articles[0].mentions if m.label == "PRON")


def test_resolve_concepts_never_merge_with_entities():
    from kg.types import Mention
    a = Article("a", "Labour backed the labour reform.")
    facts = ArticleFacts(a, [Mention("a", 0, 6, "Labour", "ORG"), Mention("a", 18, 24, "labour", "CONCEPT", lemma="labour")])
    r = resolve([facts])
    assert r.node_of[("a", 18, 24)] == "concept-labour" != r.node_of[("a", 0, 6)]


def test_resolve_alias_file_forces_and_forbids(nlp, tmp_path):
    path = tmp_path / "aliases.yaml"
    path.write_text("same:\n  - Erdogan = Recep Tayyip Erdoğan\n  - [Bill Clinton, Hillary Clinton]\n"
                    "different:\n  - [Dmitry Peskov, Dmitriy Peskov]\n")
    articles, r = _build(nlp, "Officials said Erdogan would meet Putin on Monday.",
                         "Bill Clinton told reporters on Monday that the talks went well.",
                         "Hillary Clinton told reporters on Monday that the talks went well.",
                         "Dmitry Peskov told reporters on Monday that the talks went well.",
                         "Kremlin spokesman Dmitriy Peskov told reporters on Monday that the talks went well.",
                         aliases=load_aliases(path))
    assert _node(articles, r, "Erdogan") == "recep-tayyip-erdogan"
    assert r.entities["recep-tayyip-erdogan"].reasons[0].rule == "alias-table"
    assert _node(articles, r, "Bill Clinton", 1) == _node(articles, r, "Hillary Clinton", 2)
    assert _node(articles, r, "Dmitry Peskov", 3) != _node(articles, r, "Dmitriy Peskov", 4)


def test_resolve_alias_csv_forbid(nlp, tmp_path):
    path = tmp_path / "aliases.csv"
    path.write_text("name,relation,other\nDmitry Peskov,!=,Dmitriy Peskov\n")
    articles, r = _build(nlp, "Dmitry Peskov told reporters on Monday that the talks went well.",
                         "Kremlin spokesman Dmitriy Peskov told reporters on Monday that the talks went well.",
                         aliases=load_aliases(path))
    assert _node(articles, r, "Dmitry Peskov") != _node(articles, r, "Dmitriy Peskov", 1)


@pytest.mark.parametrize("content, reason", [("same: 3\n", "not a list of names"),
                                             ("oops: []\n", "expected a mapping"),
                                             ("same: [[a, b]\n", "invalid YAML")])
def test_resolve_bad_alias_file_is_input_error(tmp_path, content, reason):
    path = tmp_path / "bad.yaml"
    path.write_text(content)
    with pytest.raises(InputError, match=reason) as err:
        load_aliases(path)
    assert str(err.value).startswith(f"{path}: bad alias file")


def test_resolve_ids_are_deterministic_and_order_independent(nlp):
    texts = ["Tony Blair met Gordon Brown in London.", "Mr Blair said Brown would stay.",
             "Michael Howard attacked Tony Blair.", "Howard spoke in Leeds."]
    articles = [_facts(nlp, f"a{i}", t) for i, t in enumerate(texts)]
    first = resolve(articles)
    shuffled = articles[:]
    random.Random(1).shuffle(shuffled)
    again = resolve(shuffled)
    assert first.node_of == again.node_of
    assert sorted(first.entities) == sorted(again.entities)
    assert all(set(node) <= set("abcdefghijklmnopqrstuvwxyz0123456789-") for node in first.entities)
    assert first.node_of[("a1", 3, 8)] == "tony-blair"  # "Blair" in an article with no full name


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="abcdé ", max_size=9),
       st.lists(st.text(alphabet="abcdé ", max_size=9), max_size=30),
       st.sampled_from([85, 90, 95]))
def test_close_to_keeps_exactly_the_similar_words_in_order(word, words, threshold):
    """The compiled pass people resolution uses to find close surnames picks what the pairwise
    rule would, in the same order (the order decides which group a name is offered first)."""
    from kg.resolve.names import close_to, similar

    assert close_to(word, words, threshold) == [w for w in words if similar(w, word, threshold)]
