"""kg's faster ways of running the model's rule components give spaCy's results: attribute
rules matched by table (kg.attribute_rules), lemmas memoized (kg.lemma_memo)."""

import os
import random
from pathlib import Path

import pytest
import spacy

from kg.attribute_rules import IndexedAttributeRules
from kg.lemma_memo import MemoizedEnglishLemmatizer
from kg.parse import load_nlp, model_name

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
NEWS = next((p for p in (Path(os.environ.get("KG_SHARED", "/nonexistent")) / "data" / "news",
                         SEEDS.parent.parent / "shared" / "data" / "news", Path("/work/shared/data/news"))
             if p.is_dir()), None)


def texts() -> list[str]:
    found = [path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt"))]
    if NEWS is not None:
        files = sorted(NEWS.glob("*.txt"))
        found += [path.read_text(encoding="utf-8") for path in random.Random(7).sample(files, 40)]
    # what the rules beyond one fixed token are for: "ain't", "gonna", "y'all", "nothin'", "let's"
    found.append("I ain't gonna say nothin', y'all. Let's go: there's a gotta-win game. It is so.")
    return found


def token_attributes(doc) -> list[tuple]:
    return [(t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.ent_type_) for t in doc]


def test_indexed_rules_find_what_the_matcher_finds_on_real_text():
    nlp = load_nlp()
    ruler = nlp.get_pipe("attribute_ruler")
    indexed = IndexedAttributeRules(ruler)
    assert indexed.tables and indexed.sequences  # both ways of answering are exercised
    # the Docs as the ruler sees them: tagged and parsed, its own changes not made yet
    with nlp.select_pipes(disable=[n for n in nlp.pipe_names if n in ("attribute_ruler", "lemmatizer", "ner")
                                   or n.startswith("kg_gazetteer")]):
        docs = list(nlp.pipe(texts()))
    stock = type(ruler).match
    matched = 0
    for doc in docs:
        assert indexed(doc) == stock(ruler, doc)
        matched += len(stock(ruler, doc))
    assert matched > 1000


def test_kg_pipeline_tags_as_the_stock_model_does():
    """load_nlp() puts the indexed rules in the ruler's place and memoizes the lemmatizer; a
    pipeline loaded afresh, with the stock ones, gives every token the same tag, part of
    speech, morphology, lemma and dependency."""
    ours = load_nlp()
    assert isinstance(ours.get_pipe("attribute_ruler").match, IndexedAttributeRules)
    assert isinstance(ours.get_pipe("lemmatizer"), MemoizedEnglishLemmatizer)
    stock = spacy.load(model_name(), exclude=["senter"])
    stock.add_pipe("kg_line_breaks", before="parser")
    for mine, theirs in zip(ours.pipe(texts()), stock.pipe(texts())):
        assert [t[:5] for t in token_attributes(mine)] == [t[:5] for t in token_attributes(theirs)]
