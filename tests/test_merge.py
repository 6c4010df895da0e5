from kg.merge import merge_facts
from kg.types import Article, ArticleFacts, Entity, Fact, Mention, Resolution


def mention(article, text, start, label="PERSON"):
    return Mention(article, start, start + len(text), text, label)


def article_facts(article_id, text, triples, date="2021-05-01"):
    """ArticleFacts for ``text`` with facts given as (subject, relation, object) surfaces."""
    article = Article(article_id, text, date=date)
    mentions, facts = {}, []
    for subject, relation, obj in triples:
        for name in (subject, obj):
            mentions.setdefault(name, mention(article_id, name, text.index(name)))
        facts.append(Fact(article_id, mentions[subject], relation, mentions[obj], relation,
                          (0, len(text)), date=date))
    return ArticleFacts(article, list(mentions.values()), facts)


def resolution_for(*items):
    """Resolve by surname: enough for merge tests, which don't test resolution."""
    resolution = Resolution()
    for item in items:
        for m in item.mentions:
            node = m.text.split()[-1].lower()
            resolution.entities.setdefault(node, Entity(node, m.text, m.label, [m.text]))
            resolution.node_of[(m.article, m.start, m.end)] = node
    return resolution


def test_merge_one_edge_per_fact_with_evidence_from_each_article():
    a = article_facts("a", "Anna Berg met Carl Olsen.", [("Anna Berg", "meet", "Carl Olsen")])
    b = article_facts("b", "Berg met Olsen again.", [("Berg", "meet", "Olsen")], date="2021-06-01")
    G = merge_facts([a, b], resolution_for(a, b))
    assert list(G.edges(keys=True)) == [("berg", "olsen", "meet")]
    data = G.edges["berg", "olsen", "meet"]
    assert [e["article"] for e in data["evidence"]] == ["a", "b"]
    assert (data["articles"], data["first_date"], data["last_date"]) == (2, "2021-05-01", "2021-06-01")


def test_merge_symmetric_relation_is_one_edge_whatever_the_word_order():
    a = article_facts("a", "Olsen met Berg.", [("Olsen", "meet", "Berg")])
    b = article_facts("b", "Berg met Olsen.", [("Berg", "meet", "Olsen")])
    G = merge_facts([a, b], resolution_for(a, b))
    assert G.number_of_edges() == 1
    assert G.edges["berg", "olsen", "meet"]["symmetric"] is True


def test_merge_directed_relation_keeps_direction():
    a = article_facts("a", "Olsen backed Berg. Berg backed Olsen.",
                      [("Olsen", "support", "Berg")])
    b = article_facts("b", "Berg backed Olsen.", [("Berg", "support", "Olsen")])
    G = merge_facts([a, b], resolution_for(a, b))
    assert sorted(G.edges(keys=True)) == [("berg", "olsen", "support"), ("olsen", "berg", "support")]


def test_merge_same_article_twice_adds_nothing():
    a = article_facts("a", "Anna Berg met Carl Olsen.", [("Anna Berg", "meet", "Carl Olsen")])
    resolution = resolution_for(a)
    G = merge_facts([a], resolution)
    before = (G.number_of_nodes(), G.number_of_edges(), len(G.edges["berg", "olsen", "meet"]["evidence"]))
    merge_facts([a], resolution, graph=G)
    assert (G.number_of_nodes(), G.number_of_edges(),
            len(G.edges["berg", "olsen", "meet"]["evidence"])) == before
    assert G.nodes["berg"]["mentions"] == 1
