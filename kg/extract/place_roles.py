"""Typed relations of organisations and places: ``based_in`` and ``located_in``.

* ``the Leeds-based Acme``, ``Acme of Leeds``, ``Leeds's Acme``, a dateline ``LEEDS, England
  (Acme)`` -> Acme ``based_in`` Leeds;
* ``Sun Hung Kai, a Hong Kong property firm``, ``Acme, the Leeds-based maker``, ``NRC
  headquarters in Rockville`` -> ``based_in``;
* ``Hinckley, Leicestershire``, ``Rochdale in Lancashire``, ``Yerevan, the capital of Armenia``,
  ``Armenia's second city, Gyumri``, ``Beijing's Tiananmen Square`` -> ``located_in``;
* ``Beaumont, Richardson's hometown``, ``Rolling Fork, where Muddy Waters was born`` ->
  ``live_in`` (the person's);
* a place's place: one who lives (an organisation based) in ``Bethany, Conn.`` lives (is
  based) in Connecticut too (:func:`widened`).

>>> [r.__name__ for r in PLACE_RULES][:2]
['_based', '_within']
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from spacy.tokens import Token

from kg.extract.role_tokens import PEOPLE as _PEOPLE, PLACES as _PLACES, entity as _entity, prep_objects, \
    modifiers as _modifiers
from kg.extract.wordlists import MONTHS, ORG_NOUNS, PLACE_NOUNS, ROLE_TITLES
from kg.resolve.places import find_country, find_demonym
from kg.types import Mention

_HOME_NOUNS = frozenset({"hometown", "home", "birthplace", "homeland"})
_BIRTH_VERBS = frozenset({"bear", "born", "live", "grow", "reside", "raise", "settle"})
# Adjectives allowed between a place and "in" + its container: "Kassala in eastern Sudan".
_PART_WORDS = frozenset({"northern", "southern", "eastern", "western", "central", "north",
                         "south", "east", "west", "northeastern", "northwestern", "southeastern",
                         "southwestern", "north-east", "north-west", "south-east", "south-west",
                         "northeast", "northwest", "southeast", "southwest",
                         "the", "nearby", "suburban", "rural", "downtown", "upstate"})


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
    for _, pobj in prep_objects([head], ("in", "of")):
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
        while i >= 0 and (doc[i].like_num or doc[i].lower_.rstrip(".") in MONTHS or
                          doc[i].text == ","):
            i -= 1  # the date of "Hefei, February 11 (XINHUA)"
        while i >= 0:
            place = _entity(doc[i], index, frozenset({"GPE"}), org)
            if place is None:
                break
            if not places or places[-1] is not place:
                places.append(place)
            i -= 1
            if i >= 0 and doc[i].text == "," and place.start == doc[i + 1].idx:
                i -= 1
        if i >= 1 and doc[i].text == ")":  # an editor's label first: "(Text) Seoul, May 3 (YONHAP)"
            opening = next((j for j in range(i - 1, max(i - 5, -1), -1) if doc[j].text == "("), None)
            if opening is not None and all(t.is_alpha for t in doc[opening + 1:i]):
                i = opening - 1
        sent_start = doc[first].sent.start if doc.has_annotation("SENT_START") else 0
        if places and i < sent_start + 1:
            for place in places:
                yield "based_in", org, place, None


def _within(head: Token, place: Mention, index) -> Iterator[tuple]:
    """``Hinckley, Leicestershire``, ``Rochdale in Lancashire`` and both towns of ``Leigh and
    Wigan, Lancashire`` -> located_in."""
    if place.label not in _PLACES:
        return
    for child in head.children:
        target = None
        if child.dep_ in ("appos", "npadvmod") and child.i > head.i and not _of_title(head):
            target = child
        elif child.dep_ == "prep" and child.lower_ == "in" and not find_country(place.text):
            # a country is in no place by "in": "the presence of Russia in Syria"
            target = next((c for c in child.children if c.dep_ == "pobj"), None)
        if target is not None:
            outer = _entity(target, index, frozenset({"GPE", "LOC"}), place)
            if outer is not None:
                yield "located_in", place, outer, None
                return
    # "between Salida and Gunnison, Colorado": the last conjunct's state is the first's too
    for conj in (c for c in head.children if c.dep_ == "conj" and _entity(c, index, _PLACES, place)):
        for child in (c for c in conj.children if c.dep_ == "appos" and c.i > conj.i):
            outer = _entity(child, index, frozenset({"GPE", "LOC"}), place)
            if outer is not None and not find_country(place.text):
                yield "located_in", place, outer, None
                return
    # "Hinckley, Leicestershire" parsed flat: the name right after the comma
    doc = head.doc
    last = doc.char_span(place.start, place.end, alignment_mode="expand")[-1].i
    if last + 2 < len(doc) and doc[last + 1].text == "," and place.label == "GPE" and \
            not _of_title(head):
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




def _of_title(head: Token) -> bool:
    """``the last King of Peru, Atahualpa``: the name after the comma is the title holder's."""
    prep = head.head
    return head.dep_ == "pobj" and prep.lower_ == "of" and prep.head.lower_ in ROLE_TITLES


def _org_apposition(head: Token, org: Mention, index) -> Iterator[tuple]:
    """``Sun Hung Kai, a Hong Kong property firm``, ``Acme, the Leeds-based maker``,
    ``NRC headquarters in Rockville`` -> based_in: an organisation noun set beside the name
    with a place as its modifier, or the organisation's headquarters in a place."""
    if org.label != "ORG":
        return
    nouns = [c for c in head.children if c.dep_ == "appos" and c.pos_ == "NOUN"]
    for noun in nouns:
        if noun.lemma_.lower() not in ORG_NOUNS and not any(t.lower_ == "based" for t in noun.subtree):
            continue
        for token in _modifiers(noun, org):
            place = _entity(token, index, _PLACES, org)
            if place is not None:
                yield "based_in", org, place, None
                return
    above = head.head
    if head.dep_ in ("compound", "poss") and above.lemma_.lower() in ("headquarters", "headquarter", "hq"):
        for _, pobj in prep_objects([above], ("in", "at")):
            place = _entity(pobj, index, _PLACES, org)
            if place is not None:
                yield "based_in", org, place, None
                return


def _place_apposition(head: Token, place: Mention, index) -> Iterator[tuple]:
    """``Yerevan, the capital of Armenia``, ``Bosnia's capital, Sarajevo``, ``Leninakan,
    Armenia's second-largest city`` -> located_in: a place noun beside the name with the
    place it lies in; ``Beijing's Tiananmen Square`` -> located_in: a place's possessor."""
    if place.label not in _PLACES:
        return
    nouns = [c for c in head.children if c.dep_ == "appos" and c.pos_ == "NOUN"]
    if head.dep_ == "appos" and head.head.pos_ == "NOUN":
        nouns.append(head.head)
    for noun in (n for n in nouns if n.lemma_.lower() in PLACE_NOUNS):
        outer = [c for c in noun.children if c.dep_ == "poss"]
        outer += [o for p in noun.children if p.dep_ == "prep" and p.lower_ in ("of", "in")
                  for o in p.children if o.dep_ == "pobj"]
        for token in outer:
            found = _entity(token, index, frozenset({"GPE", "LOC"}), place)
            if found is not None:
                yield "located_in", place, found, None
                return
    if place.label in ("LOC", "FAC") or not find_country(place.text):
        for token in _modifiers(head, place):
            if token.dep_ == "poss" and token.head == head:
                outer = _entity(token, index, frozenset({"GPE", "LOC"}), place)
                # a country's possession is often a figure: "Britain's Guantanamo Bay"
                if outer is not None and outer.end <= place.start and not find_country(outer.text):
                    yield "located_in", place, outer, None
                    return


def _place_in(head: Token, place: Mention, index) -> Iterator[tuple]:
    """``the Palace of Fine Arts, in San Francisco``, ``Kassala in eastern Sudan`` ->
    located_in: ``in`` attached to the place (or, after a comma, following a building). A
    country is in no other place this way (``the US in Iraq``)."""
    if place.label not in _PLACES or find_country(place.text):
        return
    doc = head.doc
    span = doc.char_span(place.start, place.end, alignment_mode="expand")
    i = span[-1].i + 1
    comma = i < len(doc) and doc[i].text == ","
    i += comma
    if i >= len(doc) or doc[i].lower_ != "in":
        return
    # "talks on the Middle East in New York": an "in" the parse gives the verb or another noun
    # places the event, not the place; only a building after a comma is placed regardless
    if not (doc[i].head.i in range(span.start, span.end) or (comma and place.label == "FAC")):
        return
    i += 1
    while i < len(doc) and doc[i].lower_ in _PART_WORDS:
        i += 1
    if i < len(doc):
        outer = _entity(doc[i], index, frozenset({"GPE", "LOC"}), place)
        if outer is not None:
            yield "located_in", place, outer, None


def _is_in(head: Token, place: Mention, index) -> Iterator[tuple]:
    """``Rome is in Lazio province`` -> located_in: a place the subject of ``be`` with an
    ``in`` of its own naming a region; a country is in no other place this way."""
    if place.label not in _PLACES or head.dep_ != "nsubj" or head.head.lemma_ != "be" or \
            find_country(place.text):
        return
    for _, pobj in prep_objects([head.head], ("in",)):
        outer = _entity(pobj, index, frozenset({"GPE", "LOC"}), place) or next(
            (m for t in pobj.lefts if (m := _entity(t, index, frozenset({"GPE", "LOC"}), place))), None)
        if outer is not None:
            yield "located_in", place, outer, None


def _home_of(head: Token, place: Mention, index) -> Iterator[tuple]:
    """``Beaumont, Texas, Richardson's hometown``, ``Rolling Fork, where Muddy Waters was
    born``, ``his Leeds home`` and ``her native Ohio`` -> the person live_in the place."""
    if place.label not in ("GPE", "LOC"):
        return
    nouns = [c for c in head.children if c.dep_ == "appos" and c.pos_ == "NOUN"]
    if head.dep_ in ("appos", "pobj") and head.head.pos_ in ("NOUN", "ADP"):
        above = head.head if head.dep_ == "appos" else head.head.head
        nouns.append(above)
    if head.dep_ == "compound":  # "his Iowa hometown": the place names the home itself
        nouns.append(head.head)
    for noun in (n for n in nouns if n.lower_ in _HOME_NOUNS or n.lemma_.lower() in _HOME_NOUNS):
        for token in (c for c in noun.children if c.dep_ == "poss"):
            person = index.at(token)
            if person is not None and person.label in ("PERSON", "PRON"):
                yield "live_in", person, place, None
                return
    if any(c.dep_ == "amod" and c.lower_ == "native" for c in head.children):
        for token in (c for c in head.children if c.dep_ == "poss"):  # "his native Ohio"
            person = index.at(token)
            if person is not None and person.label in ("PERSON", "PRON"):
                yield "live_in", person, place, None
                return
    doc = head.doc
    i = doc.char_span(place.start, place.end, alignment_mode="expand")[-1].i + 1
    if i + 3 < len(doc) and doc[i].text == "," and (person := index.at(doc[i + 1])) is not None \
            and person.label == "PERSON":
        # "Tupelo, Elvis Presley's hometown" however the parse hangs the apposition
        j = doc.char_span(person.start, person.end, alignment_mode="expand")[-1].i + 1
        if j + 1 < len(doc) and doc[j].tag_ == "POS" and doc[j + 1].lower_ in _HOME_NOUNS:
            yield "live_in", person, place, None
            return
    for verb in (c for c in head.children if c.dep_ == "relcl" and c.lemma_.lower() in _BIRTH_VERBS):
        if not any(c.lower_ == "where" for v in (verb, *verb.conjuncts) for c in v.children):
            continue  # "where she was born and grew up": "where" may hang on either verb
        for subject in (c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")):
            person = _entity(subject, index, _PEOPLE | {"PRON"}, place)  # resolve names "she"
            if person is not None:
                yield "live_in", person, place, None


# Bodies a country keeps abroad, or a movement in exile: the "U.S. Embassy in Baghdad", the
# "U.S. Interests Section" in Havana, a "Liberation Front" are not based in the country named.
_ABROAD_NOUNS = frozenset({"embassy", "consulate", "mission", "delegation", "legation", "base",
                           "interests", "liberation", "exile"})
# Bodies of a state, which sit in the country their adjective names: "the Haitian Parliament".
_STATE_NOUNS = frozenset({"government", "parliament", "ministry", "army", "navy", "police",
                          "cabinet", "senate", "assembly", "congress", "court", "party",
                          "administration", "military", "legislature"})


def _named_for_country(head: Token, org: Mention, index) -> Iterator[tuple]:
    """An organisation named after its country -> based_in the country:

    * a country name first (``the U.S. Congress``, ``Sudan Airways``): the name is also a
      mention of the country;
    * a country's adjective first on a body of the state (``the Haitian Parliament``,
      ``the Bulgarian Socialist Party``): based in that country when the sentence names it.

    A body a country keeps abroad (``the U.S. Embassy in Baghdad``) is in neither.
    """
    if org.label != "ORG":
        return
    doc = head.doc
    span = doc.char_span(org.start, org.end, alignment_mode="expand")
    words = [t for t in span if not t.is_punct and t.lower_ != "the"]
    if len(words) < 2 or any(t.lower_ in _ABROAD_NOUNS for t in words):
        return
    for n in (3, 2, 1):
        if n < len(words) and find_country(" ".join(t.text for t in words[:n])):
            place = index.inner_place(words[:n])
            yield "based_in", org, place, None
            return
    country = find_demonym(words[0].text)
    if country is None or not any(t.lower_ in _STATE_NOUNS for t in words[1:]):
        return
    sentence = doc.char_span(*org.sentence, alignment_mode="expand") if org.sentence != (0, 0) else doc[:]
    for token in sentence or ():
        place = _entity(token, index, frozenset({"GPE"}), org)
        if place is not None and find_country(place.text) == country:
            yield "based_in", org, place, None
            return


PLACE_RULES = (_based, _within, _org_apposition, _place_apposition, _place_in, _is_in, _home_of,
               _named_for_country)


def widened(facts: list) -> list:
    """Facts that also hold for the place a fact's place lies in, from the same sentence:
    ``Ferraro, of Bethany, Conn.`` lives in Bethany and, as Bethany is in Connecticut, in
    Connecticut; the same for ``based_in``. Returned as new facts (the originals are kept)."""
    within = {}
    for f in facts:
        if f.relation == "located_in":
            within.setdefault((f.sentence, f.subject.start, f.subject.end), f.object)
    out = []
    for f in facts:
        if f.relation in ("live_in", "based_in"):
            outer = within.get((f.sentence, f.object.start, f.object.end))
            if outer is not None and (outer.start, outer.end) != (f.subject.start, f.subject.end):
                out.append(replace(f, object=outer, pattern=f.pattern + "+within"))
    return out
