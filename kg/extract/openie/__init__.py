"""Open IE core (placeholder being replaced by the clause-based extractor)."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token

from kg.extract import register_extractor
from kg.extract.relations import normalize_relation
from kg.types import Extraction, Phrase


def _phrase(tokens: list[Token], head: Token) -> Phrase:
    doc = head.doc
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
    return Phrase(doc.text[start:end], start, end, (head.idx, head.idx + len(head)))


def _subtree(token: Token) -> Phrase:
    return _phrase(list(token.subtree), token)


@register_extractor("openie")
def openie_tuples(doclike: Doc | Span) -> Iterator[Extraction]:
    sents = [doclike] if isinstance(doclike, Span) else doclike.sents
    for sent in sents:
        for verb in sent:
            if verb.pos_ not in ("VERB", "AUX"):
                continue
            subjects = [t for t in verb.children if t.dep_ in ("nsubj", "nsubjpass")]
            objects = [t for t in verb.children if t.dep_ == "dobj"]
            preps = [t for t in verb.children if t.dep_ == "prep"]
            if not subjects:
                continue
            for subj in subjects:
                for obj in objects:
                    yield Extraction((sent.start_char, sent.end_char), verb.text,
                                     normalize_relation(verb.lemma_), _subtree(subj), _subtree(obj),
                                     pattern="svo")
                if not objects:
                    for prep in preps:
                        pobj = [t for t in prep.children if t.dep_ == "pobj"]
                        if pobj:
                            yield Extraction((sent.start_char, sent.end_char),
                                             f"{verb.text} {prep.text}",
                                             normalize_relation(verb.lemma_, prep=prep.lower_),
                                             _subtree(subj), _subtree(pobj[0]), pattern="svp")


@register_extractor("nominal")
def nominal_tuples(doclike: Doc | Span) -> Iterator[Extraction]:
    return iter(())
