"""Phrase nodes keep whole noun phrases, on sentences written for these tests."""

import pytest

from kg.extract.phrases import phrase_mention


@pytest.mark.parametrize("text, head, phrase", [
    ("The rebels took full control of the city.", "control", "full control of the city"),
    ("She praised the courageous leadership of Mr Obama.", "leadership", "courageous leadership of Mr Obama"),
    ("Spain took the chairmanship of the council.", "chairmanship", "chairmanship of the council"),
])
def test_a_complement_after_a_determiner_stays_in_the_phrase(nlp, text, head, phrase):
    doc = nlp(text)
    token = next(t for t in doc if t.text == head)
    mention = phrase_mention(token, "a")
    assert mention.text == phrase
    assert not mention.key.split("@")[0].endswith((" of", " in", " for"))


def test_a_perfect_clause_under_a_noun_keeps_its_verb_lemma(nlp):
    from kg.extract import extract_article
    from kg.types import Article

    text = "Ms Reeves denied claims that she had hidden the figures."
    facts = extract_article(Article("t", text), nlp(text)).facts
    assert any(f.relation == "hide" for f in facts)
    assert not any(f.relation in ("hidden", "hidden_by") for f in facts)
