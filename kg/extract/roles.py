"""Typed relations between entities stated by noun phrases: titles, appositions, possessives,
copulas, ``X of Y``, ``Y-based X``, ``City, Country``.

Each rule reads the parse around one named-entity mention and yields (relation, subject,
object, role); the relation names are CoNLL04's (see :mod:`kg.extract.relation_table`):

* a title before a name, with the body it serves as a modifier: ``Kremlin spokesman Dmitry
  Peskov``, ``Turkish President Erdoğan``, ``Oxfam's director Barbara Stocking`` -> ``work_for``
  (role ``spokesman`` ...); a member title (``Labour MP Oona King``) -> ``member_of``; a job
  with a place (``Leeds plumber Jo Bloggs``) -> ``live_in``; a party word alone (``Tory Neil
  Hamilton``) -> ``member_of``; a nationality alone (``Belgian Samuel Amoah``) -> ``nationality``;
* an apposition or copula with a title and ``of/for/at`` or a possessor: ``Jo Smith, director of
  Acme``, ``Jo Smith is the spokeswoman for Acme``, ``Acme's chief, Jo Smith`` -> ``work_for``;
  ``a member of`` -> ``member_of``; ``a native/resident of Y`` -> ``live_in``; ``Y's assassin``
  -> ``kill``;
* ``of/from/at`` right after a name: ``Sen. Jo Smith of Ohio`` -> ``live_in``, ``Jo Smith, of
  Acme University`` -> ``work_for``;
* organisations and places: ``the Leeds-based Acme``, ``Acme of Leeds``, ``Leeds's Acme`` ->
  ``based_in``; ``Hinckley, Leicestershire``, ``Rochdale in Lancashire`` -> ``located_in``.

>>> from kg.parse import load_nlp  # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Token

from kg.extract.dates import date_precision
from kg.extract.relation_table import RELATION_TYPES
from kg.extract.sentences import doc_text
from kg.extract.wordlists import MEMBER_TITLES, ROLE_TITLES, TITLE_QUALIFIERS
from kg.resolve.places import find_demonym
from kg.types import Article, Fact, Mention

_PEOPLE = frozenset({"PERSON"})
_BODIES = frozenset({"ORG", "GPE", "NORP"})
_PLACES = frozenset({"GPE", "LOC", "FAC"})
_NP_DEPS = frozenset({"compound", "amod", "nmod", "poss", "npadvmod", "nummod", "case", "punct",
                      "hmod", "hyph", "det", "quantmod"})
# Jobs that say where someone lives, not whom they work for: "Leeds plumber".
_LOCAL_JOBS = frozenset("architect lawyer artist businessman businesswoman student teacher "
                        "writer author doctor nurse farmer plumber resident native man woman "
                        "boy girl mother father pensioner worker".split())
_RESIDENCE_NOUNS = frozenset({"native", "resident", "citizen", "inhabitant", "son", "daughter"})
_NATIONAL_NOUNS = frozenset({"national", "citizen", "subject"})
_KILLER_NOUNS = frozenset({"assassin", "killer", "murderer"})
_WORK_PREPS = frozenset({"of", "for", "at", "with"})


def typed_facts(article: Article, doc: Doc, index) -> list[Fact]:
    """Typed-relation facts of one article (``index`` finds the mention at a token)."""
    out: list[Fact] = []
    for mention in index.mentions():
        if mention.label not in _PEOPLE | _BODIES | _PLACES:
            continue
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        rules = _PERSON_RULES if mention.label == "PERSON" else _PLACE_RULES
        for rule in rules:
            for relation, subject, obj, role, *modality in rule(span.root, mention, index):
                if subject is obj or (subject.start, subject.end) == (obj.start, obj.end):
                    continue
                out.append(Fact(article.id, subject, relation, obj, role or relation,
                                _trimmed(doc_text(doc), *subject.sentence), date=article.date, date_source="article",
                                pattern=f"role:{rule.__name__.lstrip('_')}", role=role,
                                modality=modality[0] if modality else None,
                                confidence=0.8, date_precision=date_precision(article.date)))
    return out


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _entity(token: Token, index, labels: frozenset[str], own: Mention) -> Mention | None:
    mention = index.at(token)
    if mention is None or mention.label not in labels or \
            (mention.start, mention.end) == (own.start, own.end):
        return None
    return mention


def _modifiers(head: Token, own: Mention) -> list[Token]:
    """Tokens of ``head``'s noun phrase left of it, outside its own mention, nearest first."""
    out = [t for t in head.subtree if t.i < head.i and not own.start <= t.idx < own.end
           and _in_np(t, head)]
    return sorted(out, key=lambda t: -t.i)


def _in_np(token: Token, head: Token) -> bool:
    while token != head:
        if token.dep_ not in _NP_DEPS or token.head == token:
            return False
        token = token.head
    return True


def _title(tokens: list[Token]) -> Token | None:
    return next((t for t in tokens if t.lower_.rstrip(".") in ROLE_TITLES | MEMBER_TITLES), None)


def _typed(title: Token | None, body: Mention) -> tuple[str, str | None]:
    """Relation and role a title gives its holder towards ``body``."""
    word = title.lower_.rstrip(".") if title is not None else None
    if word in MEMBER_TITLES:
        return "member_of", word
    if word in _LOCAL_JOBS and body.label in _PLACES:
        return "live_in", word
    return "work_for", word


def _role_text(title: Token) -> str:
    """``deputy leader`` for ``UKIP's deputy leader``: the title with its qualifiers."""
    words = [t for t in title.lefts if t.lower_ in TITLE_QUALIFIERS] + [title]
    return " ".join(t.lower_ for t in words)


def _title_before_name(head: Token, person: Mention, index) -> Iterator[tuple]:
    """``Kremlin spokesman Dmitry Peskov`` -> Peskov work_for Kremlin (role spokesman)."""
    mods = _modifiers(head, person)
    title = _title(mods)
    for token in mods:
        body = _entity(token, index, _BODIES | _PLACES, person)
        if body is None:
            continue
        if title is not None:
            relation, _ = _typed(title, body)
            yield relation, person, body, _role_text(title)
            if relation == "work_for" and body.label in _PLACES:
                yield "live_in", person, body, None  # "Quebec Premier X" lives in Quebec
        elif body.label == "NORP" and find_demonym(body.text):
            yield "nationality", person, body, None
        elif body.label in ("NORP", "ORG") and token.head == head:
            yield "member_of", person, body, None  # "Tory Neil Hamilton", "Labour's Oona King"
        break  # the nearest body only: "Labour's Newham Council leader X" names the council


def _title_nouns(head: Token) -> list[Token]:
    """Nouns stating what the person is: appositions either way, a copula's attribute."""
    out = [c for c in head.children if c.dep_ == "appos" and c.pos_ in ("NOUN", "PROPN")]
    if head.dep_ == "appos" and head.head.pos_ in ("NOUN", "PROPN"):
        out.append(head.head)
        # "the president of the United States, James Garfield": the apposition hangs off the
        # complement's name, the title is the noun above the preposition
        above = head.head.head
        if head.head.dep_ == "pobj" and above.dep_ == "prep" and above.head.lower_ in ROLE_TITLES:
            out.append(above.head)
    if head.dep_ in ("nsubj", "nsubjpass") and head.head.lemma_ == "be":
        out += [c for c in head.head.children if c.dep_ == "attr" and c.pos_ == "NOUN"]
    return out


def _described(head: Token, person: Mention, index) -> Iterator[tuple]:
    """``Jo Smith, director of Acme``, ``Acme's chief, Jo Smith``, ``Jo is a member of Acme``."""
    for noun in _title_nouns(head):
        word = noun.lower_
        if index.at(noun) is not None and index.at(noun).label == "PERSON":
            continue
        bodies = [(t, m) for t in _modifiers(noun, person)
                  if (m := _entity(t, index, _BODIES | _PLACES | _PEOPLE, person)) is not None]
        for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ in _WORK_PREPS):
            for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                found = [m for t in [pobj, *_modifiers(pobj, person)]
                         if (m := _entity(t, index, _BODIES | _PLACES | _PEOPLE, person))]
                bodies += [(pobj, m) for m in found[:1]]
        for _, body in bodies[:1]:
            if word in _KILLER_NOUNS and body.label == "PERSON":
                yield "kill", person, body, None
            elif body.label == "PERSON":
                continue
            elif word in _RESIDENCE_NOUNS and body.label in _PLACES:
                yield "live_in", person, body, None
            elif word in _NATIONAL_NOUNS and body.label in ("GPE", "NORP"):
                yield "nationality", person, body, None
            elif word in ROLE_TITLES | MEMBER_TITLES or noun.lemma_.lower() in ROLE_TITLES:
                relation, _ = _typed(noun, body)
                yield relation, person, body, _role_text(noun)
                if relation == "work_for" and body.label in _PLACES:
                    yield "live_in", person, body, None
        if not bodies and word in _NATIONAL_NOUNS:  # "Samuel Amoah, a Belgian national"
            for token in _modifiers(noun, person):
                body = _entity(token, index, frozenset({"NORP", "GPE"}), person)
                if body is not None:
                    yield "nationality", person, body, None
                    break


def _of_place(head: Token, person: Mention, index) -> Iterator[tuple]:
    """``Sen. Jo Smith of Ohio`` -> live_in; ``Jo Smith, of Acme University`` -> work_for."""
    for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ in ("of", "from", "at")):
        for pobj in (c for c in prep.children if c.dep_ == "pobj"):
            body = _entity(pobj, index, _BODIES | _PLACES, person)
            if body is None:
                continue
            if body.label in _PLACES and prep.lower_ in ("of", "from"):
                yield "live_in", person, body, None
            elif body.label == "ORG" and prep.lower_ in ("of", "at"):
                yield "work_for", person, body, None


def _based(head: Token, org: Mention, index) -> Iterator[tuple]:
    """``the Leeds-based Acme``, ``Acme of Leeds``, ``Leeds's Acme`` -> Acme based_in Leeds."""
    if org.label != "ORG":
        return
    for token in _modifiers(head, org):
        if token.lower_ == "based":
            for t in token.subtree:
                place = _entity(t, index, _PLACES, org)
                if place is not None:
                    yield "based_in", org, place, None
                    return
        if token.dep_ == "poss" and token.head == head:
            place = _entity(token, index, _PLACES, org)
            if place is not None:
                yield "based_in", org, place, None
                return
    for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ in ("in", "of")):
        for pobj in (c for c in prep.children if c.dep_ == "pobj"):
            place = _entity(pobj, index, _PLACES, org)
            if place is not None:
                yield "based_in", org, place, None
                return
    doc = head.doc
    first = doc.char_span(org.start, org.end, alignment_mode="expand")[0].i
    # "Beijing XINHUA", "Maricopa County Superior Court": a place name right before the name
    if first > 0 and (place := _entity(doc[first - 1], index, frozenset({"GPE"}), org)) is not None:
        yield "based_in", org, place, None
        return
    # a dateline: "CARACAS, Venezuela (AP)" -> the agency in brackets is based there
    if first > 1 and doc[first - 1].text == "(":
        places, i = [], first - 2
        while i >= 0:
            place = _entity(doc[i], index, frozenset({"GPE"}), org)
            if place is None:
                break
            if not places or places[-1] is not place:
                places.append(place)
            i -= 1
            if i >= 0 and doc[i].text == "," and place.start == doc[i + 1].idx:
                i -= 1
        sent_start = doc[first].sent.start if doc.has_annotation("SENT_START") else 0
        if places and i < sent_start + 1:
            for place in places:
                yield "based_in", org, place, None


def _within(head: Token, place: Mention, index) -> Iterator[tuple]:
    """``Hinckley, Leicestershire`` and ``Rochdale in Lancashire`` -> located_in."""
    if place.label not in _PLACES:
        return
    for child in head.children:
        target = None
        if child.dep_ in ("appos", "npadvmod") and child.i > head.i:
            target = child
        elif child.dep_ == "prep" and child.lower_ == "in":
            target = next((c for c in child.children if c.dep_ == "pobj"), None)
        if target is not None:
            outer = _entity(target, index, frozenset({"GPE", "LOC"}), place)
            if outer is not None:
                yield "located_in", place, outer, None
                return
    # "Hinckley, Leicestershire" parsed flat: the name right after the comma
    doc = head.doc
    last = doc.char_span(place.start, place.end, alignment_mode="expand")[-1].i
    if last + 2 < len(doc) and doc[last + 1].text == "," and place.label == "GPE":
        outer = _entity(doc[last + 2], index, frozenset({"GPE"}), place)
        if outer is None:
            return
        end = doc.char_span(outer.start, outer.end, alignment_mode="expand")[-1].i
        first = doc.char_span(place.start, place.end, alignment_mode="expand")[0].i
        listed = first > 1 and doc[first - 1].text in (",", "and") and \
            _entity(doc[first - 2], index, _PLACES, place) is not None
        listed = listed or (end + 2 < len(doc) and doc[end + 1].text == "," and
                            _entity(doc[end + 2], index, _PLACES, outer) is not None)
        if not listed and (end + 1 >= len(doc) or doc[end + 1].is_space or
                           doc[end + 1].text in (",", ".", ";", ")", "(", "-", "--")):
            yield "located_in", place, outer, None  # not a list: "Mexico, Guadalajara, Monterrey"


def _gerund_kill(head: Token, person: Mention, index) -> Iterator[tuple]:
    """``X was convicted of killing Y``, ``X is accused of murdering Y`` -> X kill Y: a gerund
    after a preposition takes the clause's subject; an accusation makes it ``alleged``."""
    if head.dep_ not in ("nsubj", "nsubjpass"):
        return
    verb = head.head
    alleged = "alleged" if verb.lemma_ in _ALLEGING else None
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("of", "with", "for")):
        for gerund in (c for c in prep.children if c.dep_ == "pcomp" and c.lemma_ in _KILL_VERBS):
            for obj in (c for c in gerund.children if c.dep_ == "dobj"):
                victim = _entity(obj, index, _PEOPLE, person)
                if victim is not None:
                    yield "kill", person, victim, None, alleged
        # "sentenced for Kennedy's murder", "suspected of the assassination of King"
        for noun in (c for c in prep.children if c.dep_ == "pobj" and c.lemma_ in _KILL_NOUNS):
            victims = [c for c in noun.children if c.dep_ == "poss"]
            victims += [o for p2 in noun.children if p2.dep_ == "prep" and p2.lower_ == "of"
                        for o in p2.children if o.dep_ == "pobj"]
            for token in victims:
                victim = _entity(token, index, _PEOPLE, person)
                if victim is not None:
                    yield "kill", person, victim, None, alleged


_KILL_VERBS = frozenset(RELATION_TYPES["kill"].verbs)
_KILL_NOUNS = frozenset(RELATION_TYPES["kill"].nouns)
_ALLEGING = frozenset({"accuse", "charge", "suspect", "indict", "arrest", "allege", "blame",
                       "investigate", "try", "face", "question", "hold"})
_PERSON_RULES = (_title_before_name, _described, _of_place, _gerund_kill)
_PLACE_RULES = (_based, _within)
