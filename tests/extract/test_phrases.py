"""Phrase nodes keep whole noun phrases, on sentences written for these tests."""

import pytest

from kg.extract.phrases import phrase_mention


@pytest.mark.parametrize("text, head", [
    ("The rebels took full control of the city.", "control"),
    ("She praised the courageous leadership of Mr Obama.", "leadership"),
    ("Spain took the chairmanship of the council.", "chairmanship"),
])
def test_a_phrase_never_ends_on_a_preposition(nlp, text, head):
    doc = nlp(text)
    token = next(t for t in doc if t.text == head)
    mention = phrase_mention(token, "a")
    assert mention.text.split()[-1] not in ("of", "in", "for", "to")
    assert head in mention.text


def test_a_perfect_clause_under_a_noun_keeps_its_verb_lemma(nlp):
    from kg.extract import extract_article
    from kg.types import Article

    text = "Ms Reeves denied claims that she had hidden the figures."
    facts = extract_article(Article("t", text), nlp(text)).facts
    assert any(f.relation == "hide" for f in facts)
    assert not any(f.relation in ("hidden", "hidden_by") for f in facts)
