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
