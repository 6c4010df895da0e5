"""Word lists of the event layer (the only place they live).

A fact is an event mention unless its relation is a state, a relation between things, or
a speech act (:data:`NOT_EVENTS`): ``Turkey supports rebels`` and ``Kalın said`` report no
happening one could date and count, ``Turkey launched an operation`` does.
"""

from __future__ import annotations

# Normalized relations (kg.extract.relations) that are not happenings.
NOT_EVENTS = frozenset("""
be be_in have say tell confirm deny report quote claim announce state think believe know want hope
need seem include contain own belong live reside remain become represent mean share support oppose
lead aim like consider see look face control work regard call describe insist urge add accuse warn
""".split())

# Words of a predicate that never are its trigger: auxiliaries, modals, particles, prepositions.
FUNCTION_WORDS = frozenset("""
be is are was were been being am 's 're 'm have has had having do does did will would shall should
may might can could must ought 'll 'd to not n't never no also just still already again last first
then now soon later only even a an the his her their its our my your this that these those one day
- of in on at with for from by about into onto over under after before during against between
across through toward towards upon via up down out off away back
""".split())

# Control verbs, whose complement carries the event ("is set to meet": meet; "agreed to build":
# build); the trigger only when the predicate has no other content word ("agreed").
CONTROL_WORDS = frozenset("""
set due expected scheduled planned plan plans planning hope hopes hoped hoping want wants wanted
seek seeks sought seeking try tries tried trying aim aims aimed going go goes went able unable
likely poised ready determined appear appears appeared seem seems seemed continue continues
continued begin begins began start starts started cease ceased decide decided refuse refused
fail failed manage managed intend intends intended look looks looked wish wishes agree agrees
agreed promise promised pledge pledged vow vowed threaten threatened offer offered
""".split())

# The event family of a visit and the talks held during it: mentions of these types may be one
# event ("will visit Russia on Thursday to talk with Putin").
SUMMIT_TYPES = frozenset({"meet", "visit", "discuss", "host"})

# Symmetric event types: the participants are partners, not agent and patient.
SYMMETRIC_TYPES = frozenset({"meet", "discuss"})

# Prepositions after which an event noun is the setting the subject takes part in
# ("agreed at a meeting"): the noun is an event mention of its own with the same participants.
SETTING_PREPOSITIONS = frozenset({"at", "during"})

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
ACTOR_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE"})

# Event classes of news (after the ACE 2005 event types, plus disasters and business): each
# class lists the verb and noun lemmas that name an event of it. Words of one class may name
# one event across articles ("acquire", "buy", "takeover"; "earthquake", "quake", "tremor");
# words of different classes never do ("killed" is not "shooting": the death and the attack
# are two events). Relation types of kg.extract.relation_table keep their names (meet, visit,
# attack, kill, agree ...) so a fact's relation and a word found outside facts meet in one class.
EVENT_CLASSES: dict[str, str] = {
    "kill": "kill assassinate execute die perish succumb killing assassination massacre execution "
            "death fatality",
    # the crime, as courts and police name it, is another event than the death
    "murder": "murder homicide manslaughter slaying slay",
    "attack": "attack shoot bomb shell raid invade stab ambush assault shooting bombing stabbing "
              "raid invasion offensive gunfire airstrike onslaught",
    "injure": "injure wound hurt maim injury",
    "arrest": "arrest detain apprehend nab arrest detention apprehension",
    "charge": "charge indict prosecute indictment prosecution",
    "trial": "trial hearing retrial",
    "convict": "convict conviction",
    "sentence": "sentence jail imprison imprisonment",
    "release": "release free parole acquit acquittal",
    "escape": "escape flee breakout getaway",
    "steal": "steal rob burgle loot theft robbery heist burglary looting",
    "quake": "earthquake quake tremor temblor",
    "blaze": "blaze burn wildfire inferno fire",
    "arson": "arson firebomb",  # the crime of setting a fire, not the fire
    "storm": "hurricane typhoon cyclone tornado storm flood flooding",
    "crash": "crash collide derail collision derailment",
    "explode": "explode detonate explosion blast",
    "damage": "damage destroy devastate wreck raze destruction devastation",
    "acquire": "acquire buy purchase takeover acquisition buyout merger merge",
    "hire": "hire appoint recruit appointment hiring",
    "dismiss": "sack dismiss oust dismissal sacking ouster",
    "resign": "resign quit resignation retire retirement",
    "elect": "elect reelect election reelection",
    "win": "win beat defeat triumph victory lose",  # "X beat Y" is "Y lost to X"
    "launch": "unveil launch introduce debut unveiling",
    "protest": "protest demonstrate rally march riot demonstration",
    "vigil": "vigil",
    "enter": "enter",  # and "check into", see PHRASAL_VERBS
    "outage": "outage blackout downtime disruption disrupt",
    "sanction": "sanction embargo",
    "rescue": "rescue evacuate evacuation",
}

# Classes of events no one does, known by where (and when) they happen: two reports of a quake
# in one place on compatible dates share that place as a participant (kg.events.cluster._shared).
PLACE_ANCHORED = frozenset({"quake", "blaze", "storm", "crash", "explode", "outage", "damage"})

# Verbs whose particle makes them an event of a class: "checked herself into rehab",
# "stepped down", "took over". Matched when the particle follows within two words.
PHRASAL_VERBS: dict[tuple[str, str], str] = {
    ("check", "into"): "enter", ("check", "in"): "enter", ("step", "down"): "resign",
    ("take", "over"): "acquire", ("break", "out"): "escape", ("pass", "away"): "kill",
    ("make", "off"): "steal", ("shut", "down"): "outage", ("burn", "down"): "blaze",
    ("set", "fire"): "arson", ("catch", "fire"): "blaze", ("gun", "down"): "kill",
    ("run", "away"): "escape",
}

# Verbs of occurrence: with an event noun as subject they say that event took place ("the quake
# struck", "a fire broke out", "the blast rocked"): a mention of the noun's class with a type of
# its own (kg.events.classes.occurrence_type), as event coreference corpora annotate them.
OCCURRENCE_VERBS = frozenset("""
hit strike shake rattle rock jolt occur happen erupt break rip tear sweep ravage engulf
""".split())

# Words of the classes that are too often something else to count without a parse telling
# their part of speech: "fire" (the blaze) vs "fired" (shots, or a coach), "free", "beat",
# "march" (the month), "sentence" (of text), "charge" (electric, a fee), "storm" (in politics).
NEED_VERB = frozenset({"free", "beat", "quit", "burn", "merge"})
NEED_NOUN = frozenset({"fire", "march", "storm"})
