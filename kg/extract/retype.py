"""Entity types the sentence states, over the NER model's guess.

The small English model often types a name from its letters alone: ``Harrington, a professor
of political science`` comes out an organisation, ``Yerevan, the capital of Armenia`` a person.
The words written next to a name say what it is, and typed relations (``work_for`` needs a
person) depend on it. Each rule reads one name and the noun phrase set beside it:

* a person noun in apposition (``Harrington, a professor at Yale``, ``Ferraro, 50, of
  Bethany``: an age) makes a mistyped name a person;
* a town the gazetteer knows, typed an organisation, where only a place fits (``Jo Hart, of
  Burnley``, ``Edinburgh architect Jo Hart``) is a place;
* a place noun in apposition either way (``Yerevan, the capital of Armenia``, ``Bosnia's
  capital, Sarajevo``) makes a mistyped name a place (``GPE``), and so does a relative
  ``where`` after a name typed as a person (``Hope, where Clinton was born``);
* the victim of a shooting, murder or assassination (``Booth shot Lincoln``) is a person;
* a name ending in a division word (``Cameron Parish``, ``Orange County``) is a place.

Only names that can be what the noun says are changed: an organisation's name with an
organisation word (``Acme Corp``, ``Queens College``) or written as an acronym stays one.

>>> from kg.parse import load_nlp
>>> from kg.extract.mentions import find_mentions
>>> doc = load_nlp()("Harrington, a professor of history at Yale, died.")
>>> [(m.text, m.label) for m in find_mentions(doc, "a")][:1]
[('Harrington', 'PERSON')]
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Token

from kg.extract.sentences import span_root
from kg.extract.wordlists import MEMBER_TITLES, ORG_WORDS, PERSON_NOUNS, PLACE_NOUNS, ROLE_TITLES
from kg.resolve.places import find_city, find_country
from kg.types import Mention

# Titles an organisation can hold as well ("Acme, the leader in chips", "a member of NATO").
_SHARED_TITLES = frozenset({"leader", "member", "partner", "owner", "producer", "supporter",
                            "candidate", "head", "chief", "agent", "representative", "delegate",
                            "employee", "worker", "adviser", "advisor", "executive", "official",
                            "boss", "manager", "champion", "holder"})
_PERSON_WORDS = (ROLE_TITLES | MEMBER_TITLES | PERSON_NOUNS) - _SHARED_TITLES
_MAX_AGE = 110


def retyped(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """``mentions`` with the types their appositions state (see the module docstring)."""
    if not doc.has_annotation("DEP"):
        return mentions
    out = []
    for mention in mentions:
        mention = _postnominal(_weekday_title(doc, mention))
        if mention.label in ("ORG", "GPE", "PERSON", "LOC", "FAC"):
            root = span_root(doc, mention.start, mention.end)
            label = _stated_type(root, mention) if root is not None else None
            if label is not None and label != mention.label:
                mention = replace(mention, label=label)
        out.append(mention)
    return out


# Letters written after a person's name for an office or rank: "Jo Smith QC", "Jo Smith MP".
_POSTNOMINALS = frozenset({"QC", "KC", "MP", "MEP", "MSP"})
_WEEKDAYS = frozenset({"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
                       "Sunday"})


def _postnominal(mention: Mention) -> Mention:
    """A name with post-nominal letters typed an organisation is a person's: ``Jo Smith QC``
    (a barrister). The letters stay in the mention (the parse hangs the rest of the phrase,
    ``Jo Smith QC, a member of Acme``, on them); resolve reads them as a title."""
    words = mention.text.split()
    if mention.label != "ORG" or len(words) < 3 or words[-1] not in _POSTNOMINALS or \
            not all(w[:1].isupper() for w in words[:-1]):
        return mention
    return replace(mention, label="PERSON")


def _weekday_title(doc: Doc, mention: Mention) -> Mention:
    """A weekday NER read as a date, modifying an organisation's name, is part of the name:
    ``the Sunday Herald reported`` names the ``Sunday Herald``, not an organisation
    ``Herald`` on a Sunday; so does ``Sunday Herald reporter Jo Smith`` (both words modify
    ``reporter``). ``On Sunday Acme said`` (a date: the object of ``on``) stays."""
    if mention.label != "ORG":
        return mention
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None or span.start == 0:
        return mention
    before = doc[span.start - 1]
    if before.text not in _WEEKDAYS or before.whitespace_ != " " or \
            before.dep_ not in ("compound", "nmod", "amod") or \
            not (span.start <= before.head.i < span.end or before.head == span.root.head != span.root):
        return mention
    return replace(mention, start=before.idx, text=before.text + " " + mention.text)


def _stated_type(head: Token, mention: Mention) -> str | None:
    nouns = [c for c in head.children if c.dep_ == "appos"]
    if head.dep_ == "appos":
        nouns.append(head.head)
    words = mention.text.split()
    if mention.label == "PERSON" and any(
            c.dep_ == "relcl" and any(k.lower_ == "where" for k in c.children) for c in head.children):
        return "GPE"  # "Hope, where Bill Clinton was born": people are not where things happen
    if any(_place_noun(n) for n in nouns) and mention.label in ("PERSON", "ORG"):
        if not (set(w.lower().strip(".") for w in words) & ORG_WORDS):
            return "GPE"
    if mention.label in ("PERSON", "ORG") and len(words) > 1 and words[-1].lower() in _DIVISIONS \
            and not set(w.lower().strip(".") for w in words[:-1]) & ORG_WORDS:
        return "GPE"  # "Cameron Parish", "Orange County": a division's name, no one's
    if mention.label == "ORG" and _town_in_place_slot(head, mention):
        return "GPE"
    if mention.label in ("ORG", "GPE") and _could_be_person(words) and _victim(head) and \
            not find_country(mention.text):
        return "PERSON"  # "Booth shot Lincoln": only people are shot, murdered, assassinated
    if mention.label in ("ORG", "GPE") and _could_be_person(words):
        for noun in nouns:
            if noun.i < head.i:
                continue  # "the professor, Harrington" is a title before a name: NER reads those
            if noun.like_num and noun.text.isdigit() and 0 < int(noun.text) <= _MAX_AGE and \
                    _set_off(noun):
                return "PERSON"  # "Ferraro, 50, of Bethany"
            if mention.label == "ORG" and noun.pos_ == "NOUN" and noun.lower_ in _PERSON_WORDS:
                return "PERSON"
    return None


# Words ending the name of an administrative division: "Cameron Parish", "Anhui Province".
_DIVISIONS = frozenset({"county", "parish", "province", "prefecture", "oblast", "governorate",
                        "borough", "canton", "township"})
# Verbs and nouns of killing whose victim can only be a person ("kill" also ends deals, and
# firms kill products): "shot Lincoln", "the assassination of Lincoln".
_VICTIM_VERBS = frozenset({"assassinate", "murder", "slay", "shoot"})
_VICTIM_NOUNS = frozenset({"assassination", "murder", "slaying", "assassin", "murderer", "killer"})


def _victim(head: Token) -> bool:
    """Whether the name is the victim of a killing: the object of ``shot``/``murdered``/
    ``assassinated`` (or the subject of their passive), or ``of`` after such a noun."""
    above = head.head
    if head.dep_ in ("dobj", "nsubjpass") and above.pos_ == "VERB" and above.lemma_ in _VICTIM_VERBS:
        return head.dep_ == "dobj" or any(c.dep_ == "auxpass" for c in above.children)
    return head.dep_ == "pobj" and above.lower_ == "of" and above.head.lemma_ in _VICTIM_NOUNS


def _town_in_place_slot(head: Token, mention: Mention) -> bool:
    """``Tony Martin, of Burnley``, ``living in Leeds``, ``Edinburgh architect X``: a name the
    gazetteer knows as a town, typed an organisation (a football club?), where only a place
    fits: after ``of``/``from`` a person, after ``in``, before a person noun."""
    above = head.head
    slot = (head.dep_ == "pobj" and above.lower_ == "in") or \
        (head.dep_ == "pobj" and above.lower_ in ("of", "from") and above.head.ent_type_ == "PERSON") or \
        (head.dep_ == "compound" and above.pos_ == "NOUN" and above.lower_ in PERSON_NOUNS)
    if not slot or set(w.lower().strip(".") for w in mention.text.split()) & ORG_WORDS:
        return False
    return bool(find_city(mention.text) or find_country(mention.text))


def _place_noun(noun: Token) -> bool:
    """``the capital of Armenia``, ``Armenia's second-largest city``: a place noun with the
    place it lies in (a possessor or ``of``/``in``)."""
    if noun.pos_ != "NOUN" or noun.lemma_.lower() not in PLACE_NOUNS:
        return False
    return any(c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ in ("of", "in"))
               for c in noun.children)


def _set_off(token: Token) -> bool:
    """A number between commas: ``Ferraro, 50, of`` (not ``Ferraro 50``, a score)."""
    doc = token.doc
    return token.i > 0 and doc[token.i - 1].text == "," and \
        (token.i + 1 >= len(doc) or doc[token.i + 1].text in (",", ".", ";"))


def _could_be_person(words: list[str]) -> bool:
    """``Harrington``, ``Marie Magdefrau Ferraro``: up to four capitalized words, no
    organisation word, not an acronym (``NASA``)."""
    if not 1 <= len(words) <= 4:
        return False
    if any(w.lower().strip(".,") in ORG_WORDS for w in words):
        return False
    if len(words) == 1 and (words[0].isupper() or not words[0][:1].isupper()):
        return False
    return all(w[:1].isupper() or w.lower() in ("de", "van", "von", "al", "bin", "da", "di", "la", "le")
               for w in words)
