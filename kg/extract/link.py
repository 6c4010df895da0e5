"""Turn an article's Open IE tuples into facts between entity mentions.

An argument names the entity whose mention covers its head token (``Turkish President Recep
Tayyip Erdoğan``), or that an apposition attached to the head names (``his Russian
counterpart, Vladimir Putin``), or a pronoun/description mention at the head that resolve
may link to its antecedent. Otherwise a noun head becomes a ``CONCEPT`` mention of its noun
phrase (:mod:`kg.extract.phrases`: ``Russian S-400 air defense systems``), and every entity
named inside the phrase gets an ``about`` fact from it (``Assad's survival -about-> Assad``), so
the fact is found from the entity too. Anything else (a clause, a number) makes no fact.

Each fact is read once, in one direction: a passive read patient first (``sued_by``) gives way
to its agent-first twin; an inverse lemma (``held_by``) is turned around; a bare possessive
(``the museum's wing``) is no ``have`` fact. Negation, modality and attribution of the clauses
governing the predicate (:mod:`kg.extract.scope`) are added to the clause's own.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace
from itertools import combinations

from spacy.tokens import Doc, Token

from kg.extract.dates import date_precision, resolve_date
from kg.extract.mentions import find_mentions
from kg.extract.registry import DEFAULT_EXTRACTORS, extract_tuples
from kg.extract.phrases import about_facts, phrase_mention
from kg.extract.relation_table import (PASSIVE_TYPES, RECIPROCAL_RELATIONS, SYMMETRIC_RELATIONS,
                                       TYPED_RELATIONS, canonical, fits)
from kg.extract.relations import clean_lemma, normalize_relation
from kg.extract.place_roles import widened
from kg.extract.roles import typed_facts
from kg.extract.scope import chain_scope
from kg.extract.sentences import doc_text, sentence_span, span_root, token_range
from kg.extract.wordlists import MEMBER_TITLES, PERSON_NOUNS, ROLE_TITLES, SHELL_NOUNS
from kg.types import Article, ArticleFacts, Extraction, Fact, Mention, Phrase

_CONCEPT_POS = frozenset({"NOUN", "PROPN"})
# A date, number or amount in an argument slot ("said March 2") is a complement, not a node.
_NOT_CONCEPTS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"})
# "X has a regime", "the talks (are) in Moscow": descriptions of a thing, not relations
# between two; a copula ("X is Y", "Y, X") states identity or a description, which is
# resolution's business, never a graph edge.
_DESCRIPTIVE = frozenset({"have", "be_in"})
_COPULA = "be"
_COMPARISONS = frozenset({"like", "unlike", "than"})
_VISITABLE = frozenset({"GPE", "LOC", "FAC", "ORG"})
_FUTURE_MODALITIES = frozenset({"planned", "intended", "future", "expected"})
_PLANNED_STARTS = tuple(f"{be} {word}to " for be in ("is", "are", "was", "were")
                        for word in ("", "due ", "set ", "scheduled ", "poised "))
_PEOPLE_NOUNS = PERSON_NOUNS | ROLE_TITLES | MEMBER_TITLES | frozenset({"people", "official", "delegation"})
_PLACE_PREPOSITIONS = frozenset({"in", "at", "on", "near", "inside", "outside"})


def extract_article(article: Article, doc: Doc, *,
                    extractors: Sequence[str] | None = None) -> ArticleFacts:
    """Mentions and facts of one parsed article.

    >>> from kg.parse import load_nlp
    >>> a = Article("a", "President Recep Tayyip Erdoğan met Vladimir Putin in Moscow on March 5.",
    ...             date="2020-03-02")
    >>> [(f.subject.text, f.relation, f.object.text, f.date)
    ...  for f in extract_article(a, load_nlp()(a.text)).facts if f.relation == "meet"]
    [('Recep Tayyip Erdoğan', 'meet', 'Vladimir Putin', '2020-03-05')]
    """
    mentions = find_mentions(doc, article.id)
    index = _MentionIndex(doc, mentions, article.id)
    facts: list[Fact] = []
    seen: set[tuple] = set()
    extractions = list(extract_tuples(doc, extractors=tuple(extractors or DEFAULT_EXTRACTORS)))
    linked = [f for f in (_link(article, doc, e, index)
                          for e in extractions + _reciprocal(extractions)) if f is not None]
    linked += typed_facts(article, doc, index)
    linked += widened(linked)  # "born in Tupelo, Miss.": in Mississippi too (typed or Open IE)
    used = {(m.start, m.end) for f in linked for m in (f.subject, f.object) if m.label == "CONCEPT"}
    for fact in linked + about_facts(article, doc, index, used):
        ends = sorted((fact.subject.start, fact.object.start)) \
            if fact.relation in SYMMETRIC_RELATIONS else (fact.subject.start, fact.object.start)
        key = (*ends, fact.relation, fact.sentence, fact.negated)
        if key not in seen:  # two patterns finding one fact in one sentence count once
            seen.add(key)
            facts.append(fact)
    # a phrase is a node only while a fact stands on it: tuples linking it may have been dropped
    kept = {(m.start, m.end) for f in facts for m in (f.subject, f.object) if m.label == "CONCEPT"}
    mentions = [m for m in index.mentions() if m.label != "CONCEPT" or (m.start, m.end) in kept]
    return ArticleFacts(article, mentions, facts)


class _MentionIndex:
    """Mentions by token, plus mentions created on demand for argument heads NER missed."""

    def __init__(self, doc: Doc, mentions: list[Mention], article: str):
        self.article = article
        self._doc = doc
        self._by_token: dict[int, Mention] = {}
        self._concepts: dict[int, Mention] = {}
        self._all = list(mentions)
        # Names NER tagged somewhere in the article, and their last words ("Erdoğan" of
        # "Recep Tayyip Erdoğan"), so the same name missed elsewhere gets the same type.
        self._label_of_name: dict[str, str] = {}
        # a name inside a description is the name's token ("the Foreign Ministry spokesman")
        for mention in sorted(mentions, key=lambda m: m.label == "DESC"):
            for i in token_range(doc, mention.start, mention.end):
                self._by_token.setdefault(i, mention)
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

    def inner_place(self, tokens, label: str = "GPE") -> Mention:
        """A place mention for ``tokens`` inside another name (``U.S.`` of ``U.S. Congress``);
        the tokens stay the outer name's."""
        first, last = tokens[0], tokens[-1]
        start, end = first.idx, last.idx + len(last)
        for mention in self._all:
            if (mention.start, mention.end, mention.label) == (start, end, label):
                return mention
        mention = Mention(self.article, start, end, doc_text(first.doc)[start:end], label,
                          sentence_span(first))
        self._all.append(mention)
        return mention

    def mentions(self) -> list[Mention]:
        return sorted(self._all, key=lambda m: (m.start, m.end))

    def at(self, token: Token) -> Mention | None:
        return self._by_token.get(token.i)

    def concept(self, token: Token) -> Mention:
        """The phrase mention headed by ``token`` (one per head token)."""
        if token.i not in self._concepts:
            mention = phrase_mention(token, self.article)
            self._concepts[token.i] = mention
            self._all.append(mention)
        return self._concepts[token.i]

    def concepts(self) -> list[tuple[Token, Mention]]:
        """(head token, phrase mention) of every phrase an argument made into a node."""
        doc = self._doc
        return [(doc[i], m) for i, m in sorted(self._concepts.items())]


def _argument(phrase: Phrase | None, doc: Doc, index: _MentionIndex) -> Mention | Token | None:
    """The mention an argument names; for a phrase node, its head Token, made into a mention
    (:meth:`_MentionIndex.concept`) only once the fact has both ends: six in seven tuples of
    BBC news make no fact (``many welcomed it``: no phrase at one end), and working out a
    phrase's words costs more than all the checks that drop such a tuple."""
    if phrase is None:
        return None
    token = span_root(doc, *phrase.head)
    if token is None:
        return None
    own = index.at(token)
    if own is not None and own.label != "DESC":
        return own
    for child in token.children:  # "his counterpart, Vladimir Putin"
        if child.dep_ == "appos" and (mention := index.at(child)) is not None \
                and mention.label not in ("DESC", "PRON"):
            return mention  # the name beats a description at the head: "the president, X"
    if own is not None:
        return own
    if token.lower_ in ROLE_TITLES:  # "the president of the United States, James Garfield"
        for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"):
            for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                for child in pobj.children:
                    if child.dep_ == "appos" and (mention := index.at(child)) is not None \
                            and mention.label == "PERSON":
                        return mention
    if (mention := index.missed_name(token)) is not None:
        return mention
    if not token.whitespace_ and token.i + 1 < len(doc) and doc[token.i + 1].text == "-":
        return None  # "co" of "co-operation" split by the tokenizer: half a word, no phrase
    if token.pos_ in _CONCEPT_POS and not token.is_stop and token.ent_type_ not in _NOT_CONCEPTS \
            and (token.is_alpha or any(c.isalpha() for c in token.text)):
        return token
    return None


def _kind(end: Mention | Token) -> str:
    """A fact's end's label; ``CONCEPT`` for a phrase node's head not made into a mention yet."""
    return "CONCEPT" if isinstance(end, Token) else end.label


def _reciprocal(extractions: list[Extraction]) -> list[Extraction]:
    """``X and Y met in Sochi`` -> ``X meet Y``: for a reciprocal event (``meet``, ``agree``),
    tuples of one sentence that differ only in their subject (coordinated subjects, split by
    the extractor) name the parties to one another: ``Straw and Moratinos agreed to set up a
    body`` -> ``Straw agree Moratinos``.
    """
    groups: dict[tuple, list[Extraction]] = defaultdict(list)
    for e in extractions:
        if e.lemma in RECIPROCAL_RELATIONS and e.arg1 is not None:
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
    lemma, pattern = extraction.lemma, extraction.pattern
    if pattern == "poss":
        return None  # "the museum's west wing": a possessive states no "have" relation
    if pattern.startswith("passive") and pattern != "passive-agent" and lemma.endswith("_by"):
        return None  # "sued_by": the agent-first twin ("passive-agent") states this fact
    arg1, arg2 = extraction.arg1, _partner(extraction)
    if (active := canonical(lemma)) is not None:  # "held_by" -> "hold", arguments swapped
        lemma, arg1, arg2 = active, arg2, arg1
    elif pattern.startswith("passive") and lemma in PASSIVE_TYPES:  # "was born in" -> live_in
        lemma = PASSIVE_TYPES[lemma]
    elif lemma == "bear" and "born" in extraction.relation.lower().split()[:2] and \
            extraction.relation.split()[-1].lower() == "in":
        lemma = PASSIVE_TYPES["born_in"]  # "Born in Leeds, Jo Smith ...": a participle clause
    if lemma == "have" and arg2 is not None and (fixed := _perfect(doc, extraction)) is not None:
        lemma, arg2 = fixed
    subject = _argument(arg1, doc, index)
    obj = _argument(arg2, doc, index)
    if subject is None:
        return None
    if (obj is None or isinstance(obj, Token)) and (inner := _object_in_relation(doc, extraction, index)):
        obj = inner
    if obj is None:
        return None
    # first what the ends' kinds decide: a phrase node is made only for a tuple past these
    subject_kind, object_kind = _kind(subject), _kind(obj)
    if subject_kind == "CONCEPT" and (object_kind == "CONCEPT" or _controls_nothing(doc, extraction)):
        return None  # two phrases are no one's news (see _generic); "the chance to finish him"
    if lemma == _COPULA or lemma == "be_in" or \
            ("CONCEPT" in (subject_kind, object_kind) and lemma in _DESCRIPTIVE):
        return None  # where a thing is: the typed rules say it when the types fit (located_in)
    if extraction.relation.split()[-1].lower() in _COMPARISONS:
        return None  # "would live like an average citizen": a comparison, not a relation
    if lemma == "say" and (object_kind == "CONCEPT" or _is_place(extraction)):
        return None  # "told MPs", "told a news conference in Leeds": an audience, not news
    if lemma in SYMMETRIC_RELATIONS and subject_kind == "CONCEPT":
        return None  # one meets someone: "met over dinner" names no partner
    if lemma == "visit" and (object_kind not in _VISITABLE or subject_kind == "CONCEPT") and \
            not any(word in extraction.relation for word in ("visit", "trip", "tour")):
        return None  # "go to war", "money came to the UK": motion verbs visit places only
    subject, obj = (index.concept(part) if isinstance(part, Token) else part for part in (subject, obj))
    if (subject.start, subject.end) == (obj.start, obj.end):
        return None
    if subject.label == "CONCEPT" and _generic(subject):
        return None  # no one's news (see _generic): "the documentary showed him"
    if obj.label == "CONCEPT" and _generic(obj) and obj.lemma in SHELL_NOUNS:
        return None  # "Labour proposed the idea": the idea is said elsewhere, if at all
    if lemma in SYMMETRIC_RELATIONS and obj.label == "CONCEPT" and obj.lemma not in _PEOPLE_NOUNS:
        return None  # "met his counterparts" names partners, "met over dinner" none
    if lemma == "based_in" and subject.label == "PERSON" and fits("live_in", "PERSON", obj.label):
        lemma = "live_in"  # "Jo Smith, based in Leeds": a person based somewhere lives there
    if lemma in TYPED_RELATIONS and not fits(lemma, subject.label, obj.label):
        lemma = _verb_lemma(doc, extraction)  # "joined the protest": the plain verb
        if lemma is None:
            return None
    negated, modality = extraction.negated, extraction.modality
    attribution = extraction.attribution.text if extraction.attribution else None
    if extraction.verb is not None and (verb := doc.char_span(*extraction.verb)) is not None:
        words = set(extraction.relation.split())
        merged = any(c.dep_ == "xcomp" and c.text in words for c in verb.root.children)
        scope = chain_scope(verb.root, merged=merged)
        negated = negated or scope.negated
        modality = modality or scope.modality
        attribution = attribution or scope.attribution
    if modality is None and extraction.relation.lower().startswith(_PLANNED_STARTS):
        modality = "planned"  # "Galloway is to stand against King", "is due to stand down"
    future = modality in _FUTURE_MODALITIES or \
        extraction.relation.lower().startswith(("will ", "'ll ", "is to ", "are to "))
    date, date_source = None, "article"
    place = None
    for role, phrase in extraction.extras:
        if role == "time" and date is None:
            date = resolve_date(phrase.text, article.date, future=future)
            date_source = "text" if date else "article"
        elif role == "place" and place is None:
            place = _place(phrase, doc, index)
    date = date or article.date
    return Fact(
        article=article.id, subject=subject, relation=lemma, object=obj,
        predicate=extraction.relation, sentence=_trimmed(doc_text(doc), *extraction.sentence),
        date=date, date_source=date_source, negated=negated, modality=modality,
        attribution=attribution, place=place, confidence=extraction.confidence,
        pattern=pattern, date_precision=date_precision(date))


def _object_in_relation(doc: Doc, extraction: Extraction, index: _MentionIndex) -> Mention | Token | None:
    """The direct object Open IE folded into the relation: in ``shot John Lennon to | death``
    or ``accused Germany of | using the EU`` the fact is about whom the verb acts on, not the
    complement after it (a pronoun or description counts too: resolve names it); in
    ``backed his opposition in | the war`` a phrase object beats where or when it happened."""
    if extraction.verb is None or (span := doc.char_span(*extraction.verb)) is None:
        return None
    words = set(extraction.relation.split())
    for child in span.root.children:
        if child.dep_ == "dobj" and child.text in words:
            mention = index.at(child)
            if mention is not None and mention.label != "CONCEPT":
                return mention
            # "backed his opposition in | the war": where or when, the object is the phrase
            if mention is None and _is_place(extraction) and child.pos_ == "NOUN" and \
                    not child.is_stop and child.ent_type_ not in _NOT_CONCEPTS:
                return child  # a phrase node's head, as from _argument
    return None


def _generic(phrase: Mention) -> bool:
    """Whether a phrase node is generic: a bare or vaguely modified head (``the plan``, ``new
    talks``), whose key carries its article (:mod:`kg.extract.phrases`).

    Why a generic phrase as subject, or a phrase as the subject of a fact about another
    phrase, makes no edge: the graph is about who did what to whom, and such a fact names no
    actor. ``The documentary showed Mike Smith`` or ``people settle in the UK`` read as
    ``documentary -show-> Mike Smith``, ``people -settle-> UK``; ``closer ties would bring a
    level playing field`` or ``Mr Lee's decision fuelled rumours`` join two phrases, and the
    entities inside them keep their own facts. A specific phrase with a named object stays:
    ``an arms embargo imposed on China`` -> ``arms embargo -imposed_on-> China``.
    """
    return bool(phrase.key) and phrase.key.endswith("@" + phrase.article)


def _perfect(doc: Doc, extraction: Extraction) -> tuple[str, Phrase] | None:
    """``Turkey has backed rebels`` parsed as possession (``backed`` an adjective of
    ``rebels``): the participle right after ``has`` is the verb, the rest its object."""
    span = doc.char_span(extraction.arg2.start, extraction.arg2.end, alignment_mode="expand")
    verb = doc.char_span(*extraction.verb) if extraction.verb else None
    if span is None or verb is None or len(span) < 2 or span[0].i != verb.root.i + 1:
        return None
    first = span[0]
    if first.tag_ not in ("VBN", "VBD") and not (first.dep_ == "amod" and first.lower_.endswith("ed")):
        return None
    rest = span[1:]
    candidates = [first.lemma_.lower(), first.lower_[:-2], first.lower_[:-1]]
    lemma = next((c for c in candidates if normalize_relation(c) != c), candidates[0])
    head = rest.root
    return normalize_relation(lemma), Phrase(rest.text, rest.start_char, rest.end_char,
                                             (head.idx, head.idx + len(head)))


def _controls_nothing(doc: Doc, extraction: Extraction) -> bool:
    """Whether the predicate is an infinitive modifying its subject noun (``attempts to curb``,
    ``the right to settle``): such a noun names a purpose or chance, not the agent."""
    if extraction.verb is None or extraction.arg1 is None:
        return False
    verb, head = doc.char_span(*extraction.verb), doc.char_span(*extraction.arg1.head,
                                                                alignment_mode="expand")
    if verb is None or head is None:
        return False
    verb = verb.root
    return verb.dep_ == "acl" and verb.head.i == head.root.i and \
        any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _verb_lemma(doc: Doc, extraction: Extraction) -> str | None:
    """The open lemma of the predicate's own word (``joined`` -> ``join``)."""
    if extraction.verb is None or (span := doc.char_span(*extraction.verb)) is None:
        return None
    lemma = clean_lemma(span.root.lemma_)
    return None if lemma in TYPED_RELATIONS else lemma


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
