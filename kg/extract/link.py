"""Turn an article's Open IE tuples into facts between entity mentions.

An argument names the entity whose mention covers its head token (``Turkish President Recep
Tayyip Erdoğan``), or that an apposition attached to the head names (``his Russian
counterpart, Vladimir Putin``), or a pronoun/description mention at the head that resolve
may link to its antecedent. Otherwise a noun head becomes a ``CONCEPT`` mention named by its
lemma (``ceasefire``); anything else (a clause, a number) makes no fact.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace
from itertools import combinations

from spacy.tokens import Doc, Token

from kg.extract.dates import resolve_date
from kg.extract.mentions import find_mentions
from kg.extract.relations import SYMMETRIC_RELATIONS
from kg.extract.sentences import doc_text, sentence_span
from kg.types import Article, ArticleFacts, Extraction, Fact, Mention, Phrase

_CONCEPT_POS = frozenset({"NOUN", "PROPN"})
# A date, number or amount in an argument slot ("said March 2") is a complement, not a node.
_NOT_CONCEPTS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"})
# "X has a regime", "the talks (are) in Moscow": descriptions of a thing, not relations
# between two; a copula ("X is Y", "Y, X") states identity or a description, which is
# resolution's business, never a graph edge.
_DESCRIPTIVE = frozenset({"have", "be_in"})
_COPULA = "be"
_VISITABLE = frozenset({"GPE", "LOC", "FAC", "ORG"})
_FUTURE_MODALITIES = frozenset({"planned", "intended", "future", "expected"})
_PLACE_PREPOSITIONS = frozenset({"in", "at", "on", "near", "inside", "outside"})


def extract_article(article: Article, doc: Doc, *,
                    extractors: Sequence[str] | None = None) -> ArticleFacts:
    """Mentions and facts of one parsed article.

    >>> from kg.parse import load_nlp  # doctest: +SKIP
    >>> a = Article("a", "Erdoğan met Putin in Moscow on March 5.", date="2020-03-02")  # doctest: +SKIP
    >>> [(f.subject.text, f.relation, f.object.text, f.date)
    ...  for f in extract_article(a, load_nlp()(a.text)).facts]  # doctest: +SKIP
    [('Erdoğan', 'meet', 'Putin', '2020-03-05')]
    """
    from kg.extract import DEFAULT_EXTRACTORS, extract_tuples

    mentions = find_mentions(doc, article.id)
    index = _MentionIndex(doc, mentions, article.id)
    facts: list[Fact] = []
    seen: set[tuple] = set()
    extractions = list(extract_tuples(doc, extractors=tuple(extractors or DEFAULT_EXTRACTORS)))
    for extraction in extractions + _reciprocal(extractions):
        fact = _link(article, doc, extraction, index)
        if fact is None:
            continue
        key = (fact.subject.start, fact.relation, fact.object.start, fact.sentence, fact.negated)
        if key not in seen:  # two patterns finding one fact in one sentence count once
            seen.add(key)
            facts.append(fact)
    return ArticleFacts(article, index.mentions(), facts)


class _MentionIndex:
    """Mentions by token, plus mentions created on demand for argument heads NER missed."""

    def __init__(self, doc: Doc, mentions: list[Mention], article: str):
        self.article = article
        self._by_token: dict[int, Mention] = {}
        self._concepts: dict[int, Mention] = {}
        self._all = list(mentions)
        # Names NER tagged somewhere in the article, and their last words ("Erdoğan" of
        # "Recep Tayyip Erdoğan"), so the same name missed elsewhere gets the same type.
        self._label_of_name: dict[str, str] = {}
        for mention in mentions:
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            for token in span or ():
                self._by_token.setdefault(token.i, mention)
            if mention.label not in ("PRON", "DESC"):
                words = mention.text.split()
                self._label_of_name.setdefault(mention.text, mention.label)
                if mention.label == "PERSON" and words:
                    self._label_of_name.setdefault(words[-1], mention.label)

    def missed_name(self, token: Token) -> Mention | None:
        """A mention for a proper-noun head NER missed, when the article tags that name elsewhere."""
        # headlines often tag a capitalized name NOUN ("Trump meets Putin in Helsinki")
        if token.pos_ != "PROPN" and not (token.pos_ == "NOUN" and token.text[:1].isupper()):
            return None
        words = [t for t in token.subtree if t.i <= token.i and t.dep_ in ("compound", "flat")
                 and t.pos_ == "PROPN" and t.i >= token.i - 3] + [token]
        first, last = words[0], words[-1]
        start, end = first.idx, last.idx + len(last)
        text = doc_text(token.doc)[start:end]
        label = self._label_of_name.get(text)
        if label is None:
            return None
        mention = Mention(self.article, start, end, text, label, sentence_span(token))
        for word in words:
            self._by_token[word.i] = mention
        self._all.append(mention)
        return mention

    def mentions(self) -> list[Mention]:
        return sorted(self._all, key=lambda m: (m.start, m.end))

    def at(self, token: Token) -> Mention | None:
        return self._by_token.get(token.i)

    def concept(self, token: Token) -> Mention:
        if token.i not in self._concepts:
            mention = Mention(self.article, token.idx, token.idx + len(token), token.text,
                              "CONCEPT", sentence_span(token), token.lemma_.lower())
            self._concepts[token.i] = mention
            self._all.append(mention)
        return self._concepts[token.i]


def _argument(phrase: Phrase | None, doc: Doc, index: _MentionIndex) -> Mention | None:
    if phrase is None:
        return None
    head = doc.char_span(*phrase.head, alignment_mode="expand")
    if head is None or not len(head):
        return None
    token = head.root
    if (mention := index.at(token)) is not None:
        return mention
    for child in token.children:  # "his counterpart, Vladimir Putin"
        if child.dep_ == "appos" and (mention := index.at(child)) is not None:
            return mention
    if (mention := index.missed_name(token)) is not None:
        return mention
    if token.pos_ in _CONCEPT_POS and token.is_alpha and not token.is_stop \
            and token.ent_type_ not in _NOT_CONCEPTS:
        return index.concept(token)
    return None


def _reciprocal(extractions: list[Extraction]) -> list[Extraction]:
    """``X and Y met in Sochi`` -> ``X meet Y``: for a symmetric event, tuples of one sentence
    that differ only in their subject (coordinated subjects, split by the extractor) name the
    parties to one another.
    """
    groups: dict[tuple, list[Extraction]] = defaultdict(list)
    for e in extractions:
        if e.lemma in SYMMETRIC_RELATIONS and e.arg1 is not None:
            key = (e.sentence, e.relation, e.arg2.text if e.arg2 else None, e.negated,
                   tuple(p.text for _, p in e.extras))
            groups[key].append(e)
    pairs = []
    for group in groups.values():
        subjects = {e.arg1.head: e for e in group}
        for a, b in combinations(sorted(subjects), 2):
            first = subjects[a]
            extras = first.extras + ((("place", first.arg2),) if _is_place(first) else ())
            pairs.append(replace(first, arg2=subjects[b].arg1, extras=extras, pattern="reciprocal"))
    return pairs


def _partner(extraction: Extraction) -> Phrase | None:
    """The object of a fact; for a symmetric event only a partner, not where it happened
    (``met in | the Russian city of Sochi`` names a place)."""
    if extraction.lemma in SYMMETRIC_RELATIONS and extraction.pattern != "reciprocal" and \
            _is_place(extraction):
        return None
    return extraction.arg2


def _is_place(extraction: Extraction) -> bool:
    """``met in | Sochi``: the object follows a place preposition moved into the relation."""
    return extraction.arg2 is not None and \
        extraction.relation.split()[-1].lower() in _PLACE_PREPOSITIONS


def _link(article: Article, doc: Doc, extraction: Extraction, index: _MentionIndex) -> Fact | None:
    subject = _argument(extraction.arg1, doc, index)
    obj = _argument(_partner(extraction), doc, index)
    if subject is None or obj is None:
        return None
    if (subject.start, subject.end) == (obj.start, obj.end):
        return None
    if subject.label == "CONCEPT" and obj.label == "CONCEPT":
        return None  # a fact needs at least one named entity to be news
    if extraction.lemma == _COPULA or \
            ("CONCEPT" in (subject.label, obj.label) and extraction.lemma in _DESCRIPTIVE):
        return None
    if extraction.lemma in SYMMETRIC_RELATIONS and "CONCEPT" in (subject.label, obj.label):
        return None  # one meets someone: "met over dinner" names no partner
    if extraction.lemma == "visit" and obj.label not in _VISITABLE and \
            not any(word in extraction.relation for word in ("visit", "trip", "tour")):
        return None  # "go to war" is no visit: motion verbs visit places only
    future = extraction.modality in _FUTURE_MODALITIES or \
        extraction.relation.lower().startswith(("will ", "'ll ", "is to ", "are to "))
    date, date_source = None, "article"
    place = None
    for role, phrase in extraction.extras:
        if role == "time" and date is None:
            date = resolve_date(phrase.text, article.date, future=future)
            date_source = "text" if date else "article"
        elif role == "place" and place is None:
            place = _place(phrase, doc, index)
    return Fact(
        article=article.id, subject=subject, relation=extraction.lemma, object=obj,
        predicate=extraction.relation, sentence=_trimmed(doc_text(doc), *extraction.sentence),
        date=date or article.date, date_source=date_source, negated=extraction.negated,
        modality=extraction.modality,
        attribution=extraction.attribution.text if extraction.attribution else None,
        place=place, confidence=extraction.confidence, pattern=extraction.pattern)


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without surrounding whitespace (a sentence keeps the line breaks after it)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _place(phrase: Phrase, doc: Doc, index: _MentionIndex) -> str | None:
    span = doc.char_span(phrase.start, phrase.end, alignment_mode="expand")
    for token in span or ():
        mention = index.at(token)
        if mention is not None and mention.label in ("GPE", "LOC", "FAC"):
            return mention.text
    return None
