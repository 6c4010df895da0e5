"""The relation types kg knows: one table, one entry per type.

Every place that needs to know about a relation type reads it from :data:`RELATIONS`: the
normaliser (verbs, verb + preposition, event nouns), the linker (symmetric, reciprocal), merge
(one direction for symmetric facts), RDF (``owl:SymmetricProperty``, ``rdfs:subPropertyOf`` a
Wikidata property, a label) and the README's table. Adding a relation type or a synonym is one
edit here; no extractor changes.

>>> RELATION_TYPES["meet"].symmetric, RELATION_TYPES["work_for"].wikidata
(True, 'P108')
>>> RELATION_TYPES["hold"].inverse
'held_by'
>>> canonical("held_by")
'hold'
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class RelationType:
    """One relation type.

    ``verbs`` are verb lemmas that mean it; ``verb_preps`` (verb, preposition) pairs where the
    preposition decides (``vote against`` oppose); ``nouns`` event nouns of light verbs and
    nominal events (``hold talks``, ``the invasion of``). ``symmetric``: ``X r Y`` is ``Y r X``;
    ``reciprocal``: joint subjects (``X and Y agreed``) are linked to each other. ``inverse`` is
    the passive lemma read patient first (``held_by``), always turned into this type with the
    arguments swapped. ``wikidata`` is the property the RDF term is a sub-property of.
    """

    name: str
    verbs: tuple[str, ...] = ()
    verb_preps: tuple[tuple[str, str], ...] = ()
    nouns: tuple[str, ...] = ()
    symmetric: bool = False
    reciprocal: bool = False
    inverse: str | None = None
    wikidata: str | None = None
    wikidata_inverse: str | None = None  # a Wikidata property read the other way (P157 killed by)
    label: str = ""
    typed: bool = False  # a typed relation between entities (CoNLL04-style), not an event
    # entity types a typed relation joins (subject types, object types); empty: any
    domain: frozenset[str] = frozenset()
    range: frozenset[str] = frozenset()
    passives: tuple[str, ...] = ()  # passive lemmas read subject-first: "born_in" -> live_in


_PERSON = frozenset({"PERSON"})
_ORG = frozenset({"ORG"})
_PLACE = frozenset({"GPE", "LOC", "FAC"})
_BODY = frozenset({"ORG", "GPE", "NORP"})

RELATIONS: tuple[RelationType, ...] = (
    # events
    RelationType("meet", verbs=("meet", "confer"),
                 verb_preps=(("talk", "with"), ("talk", "to"), ("speak", "with")),
                 nouns=("talk", "talks", "meeting", "summit", "conversation"),
                 symmetric=True, reciprocal=True, label="met"),
    RelationType("visit", verbs=("visit", "tour"),
                 verb_preps=(("travel", "to"), ("go", "to"), ("arrive", "in"), ("arrive", "at"),
                             ("come", "to"), ("fly", "to")),
                 nouns=("visit", "trip", "tour", "journey"), label="visited"),
    RelationType("support", verbs=("back", "support", "endorse", "aid", "help", "assist"),
                 verb_preps=(("vote", "for"), ("side", "with")),
                 nouns=("support",), label="supports"),
    RelationType("oppose", verbs=("oppose", "reject", "denounce", "condemn", "criticize",
                                  "criticise"),
                 verb_preps=(("vote", "against"), ("campaign", "against"), ("stand", "against"),
                             ("protest", "against"), ("speak", "against")),
                 nouns=("condemnation", "criticism", "opposition"), label="opposes"),
    RelationType("attack", verbs=("attack", "bomb", "shell", "raid", "invade"),
                 verb_preps=(("fight", "against"), ("fight", "with"), ("strike", "at")),
                 nouns=("attack", "strike", "offensive", "invasion", "assault", "raid",
                        "bombing"), label="attacked"),
    RelationType("kill", verbs=("kill", "murder", "slay", "assassinate", "execute", "shoot"),
                 nouns=("killing", "assassination", "murder", "slaying", "shooting"), inverse="killed_by",
                 wikidata_inverse="P157", label="killed", typed=True,
                 domain=frozenset({"PERSON", "ORG", "NORP", "GPE"}), range=_PERSON),
    RelationType("say", verbs=("say", "tell", "state", "claim", "affirm"),
                 nouns=("statement",), label="said"),
    RelationType("agree", verbs=("agree", "sign"), verb_preps=(("agree", "with"),),
                 nouns=("agreement", "deal", "accord", "pact", "truce", "ceasefire", "compromise",
                        "bargain", "treaty"), reciprocal=True, label="agreed"),
    RelationType("discuss", verbs=("discuss", "negotiate"),
                 verb_preps=(("talk", "about"), ("speak", "about")),
                 nouns=("discussion", "negotiation"), label="discussed"),
    RelationType("praise", verbs=("praise", "commend", "laud", "applaud", "hail"),
                 nouns=("praise", "tribute"), label="praised"),
    RelationType("accuse", verbs=("accuse", "blame", "charge"),
                 nouns=("accusation", "charge"), label="accused"),
    RelationType("warn", verbs=("warn", "caution", "threaten"), nouns=("warning", "threat"),
                 label="warned"),
    RelationType("hold", verbs=("hold", "detain", "imprison", "jail"), inverse="held_by",
                 label="holds"),
    RelationType("call", nouns=("call",), label="called"),
    # typed relations between entities (CoNLL04's names; Wikidata properties)
    RelationType("work_for", verbs=("head", "chair", "direct", "lead", "run", "manage"),
                 verb_preps=(("work", "for"), ("work", "at"), ("serve", "in"), ("teach", "at"),
                             ("lecture", "at"), ("write", "for"), ("report", "for"),
                             ("play", "for"), ("spy", "for")),
                 wikidata="P108", label="works for", typed=True, domain=_PERSON, range=_BODY),
    RelationType("member_of", verbs=("join",), verb_preps=(("defect", "to"),),
                 wikidata="P463", label="member of",
                 typed=True, domain=frozenset({"PERSON", "ORG", "GPE"}), range=_BODY),
    RelationType("based_in", verb_preps=(("base", "in"), ("headquarter", "in")),
                 passives=("based_in", "headquartered_in"),
                 wikidata="P159", label="based in", typed=True, domain=_ORG, range=_PLACE),
    RelationType("located_in", passives=("located_in", "situated_in"), wikidata="P131",
                 label="located in", typed=True, domain=_PLACE, range=_PLACE),
    RelationType("live_in", verb_preps=(("live", "in"), ("reside", "in"), ("grow", "in"),
                                        ("move", "to"), ("settle", "in"), ("emigrate", "to")),
                 passives=("born_in", "raised_in"),
                 wikidata="P551", label="lives in", typed=True, domain=_PERSON, range=_PLACE),
    RelationType("nationality", wikidata="P27", label="nationality", typed=True,
                 domain=_PERSON, range=frozenset({"GPE", "NORP"})),
    RelationType("about", label="about"),  # a phrase node -> an entity named inside it
)
"""Every documented relation type."""

RELATION_TYPES: dict[str, RelationType] = {r.name: r for r in RELATIONS}
SYMMETRIC_RELATIONS = frozenset(r.name for r in RELATIONS if r.symmetric)
RECIPROCAL_RELATIONS = frozenset(r.name for r in RELATIONS if r.reciprocal)
TYPED_RELATIONS = frozenset(r.name for r in RELATIONS if r.typed)
_INVERSES = {r.inverse: r.name for r in RELATIONS if r.inverse}
PASSIVE_TYPES = {p: r.name for r in RELATIONS for p in r.passives}
"""Passive lemmas whose patient is the typed relation's subject: ``born_in`` -> ``live_in``."""


def fits(relation: str, subject_type: str, object_type: str) -> bool:
    """Whether a typed relation may join entities of these types (any types for events).

    >>> fits("work_for", "PERSON", "ORG"), fits("work_for", "CONCEPT", "ORG")
    (True, False)
    """
    r = RELATION_TYPES.get(relation)
    if r is None or not r.typed:
        return True

    def ok(kind: str, allowed: frozenset[str]) -> bool:
        # a pronoun or description ("he", "the senator") stands for an entity resolve finds
        return not allowed or kind in allowed or kind in ("PRON", "DESC")
    return ok(subject_type, r.domain) and ok(object_type, r.range)


def canonical(lemma: str) -> str | None:
    """The relation type an inverse lemma reads backwards (``held_by`` -> ``hold``), else None.

    >>> canonical("killed_by"), canonical("meet")
    ('kill', None)
    """
    return _INVERSES.get(lemma)
