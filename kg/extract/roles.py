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

>>> from kg.parse import load_nlp
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Token

from kg.extract.dates import date_precision
from kg.extract.relation_table import RELATION_TYPES
from kg.extract.sentences import doc_text, span_root
from kg.extract.wordlists import MEMBER_TITLES, PARTY_NAMES, PERSON_NOUNS, ROLE_TITLES, TITLE_QUALIFIERS
from kg.extract.place_roles import PLACE_RULES, widened
from kg.extract.role_tokens import BODIES as _BODIES, PEOPLE as _PEOPLE, PLACES as _PLACES, entity as _entity, modifiers as _modifiers, prep_objects
from kg.resolve.places import find_demonym
from kg.types import Article, Fact, Mention

# Jobs that say where someone lives, not whom they work for, when a place names them: "Leeds
# plumber", "Dallas nightclub owner", "Washington correspondent" (a "Texas governor" holds an
# office of Texas: work_for).
_LOCAL_JOBS = frozenset("architect lawyer artist businessman businesswoman student teacher "
                        "writer author doctor nurse farmer plumber resident native man woman "
                        "boy girl mother father pensioner worker correspondent editor reporter "
                        "journalist analyst economist researcher scientist engineer lecturer "
                        "strategist owner designer producer presenter columnist coach manager "
                        "executive employee staffer founder boss professor".split())
_RESIDENCE_NOUNS = frozenset({"native", "resident", "citizen", "inhabitant", "son", "daughter"})
_NATIONAL_NOUNS = frozenset({"national", "citizen", "subject"})
_KILLER_NOUNS = frozenset({"assassin", "killer", "murderer"})
_WORK_PREPS = frozenset({"of", "for", "at", "with"})
# Titles whose holder is sent to a body, not working for it: "ambassador to France".
_SENT_TITLES = frozenset({"ambassador", "envoy", "emissary", "delegate", "representative",
                          "correspondent", "attache"})
# People at a body who do not work for it: "a patient at Valley Hospital".
_NOT_JOBS = frozenset({"student", "pupil", "patient", "visitor", "guest", "prisoner", "inmate",
                       "customer", "client", "fan", "victim", "resident", "native", "graduate",
                       "alumnus", "member", "supporter", "critic", "friend", "son", "daughter"})
# Abbreviated titles written before names: "Illinois Gov. James Thompson".
_ABBREVIATIONS = {"gov": "governor", "sen": "senator",
                  "gen": "general", "col": "colonel", "capt": "captain", "adm": "admiral",
                  "lt": "lieutenant", "sgt": "sergeant", "supt": "superintendent"}
_TITLES = ROLE_TITLES | MEMBER_TITLES | _LOCAL_JOBS | frozenset(_ABBREVIATIONS)
# Offices held over a place, not within a party, even when a party word stands before them.
_PUBLIC_OFFICES = frozenset({"governor", "senator", "mayor", "president", "congressman",
                             "congresswoman", "representative", "minister", "premier", "judge"})


def typed_facts(article: Article, doc: Doc, index) -> list[Fact]:
    """Typed-relation facts of one article (``index`` finds the mention at a token)."""
    out: list[Fact] = []
    for mention in index.mentions():
        if mention.label not in _PEOPLE | _BODIES | _PLACES | {"PRON"}:
            continue
        root = span_root(doc, mention.start, mention.end)
        if root is None:
            continue
        rules = _PERSON_RULES if mention.label == "PERSON" else \
            _PRONOUN_RULES if mention.label == "PRON" else _PLACE_RULES
        for rule in rules:
            for relation, subject, obj, role, *modality in rule(root, mention, index):
                if subject is obj or (subject.start, subject.end) == (obj.start, obj.end):
                    continue
                out.append(Fact(article.id, subject, relation, obj, role or relation,
                                _trimmed(doc_text(doc), *subject.sentence), date=article.date, date_source="article",
                                pattern=f"role:{rule.__name__.lstrip('_')}", role=role,
                                modality=modality[0] if modality else None,
                                confidence=0.8, date_precision=date_precision(article.date)))
    return out + widened(out)


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _title(tokens: list[Token]) -> Token | None:
    return next((t for t in tokens if t.lower_.rstrip(".") in _TITLES), None)


def _typed(title: Token | None, body: Mention) -> tuple[str, str | None]:
    """Relation and role a title gives its holder towards ``body``."""
    word = title.lower_.rstrip(".") if title is not None else None
    word = _ABBREVIATIONS.get(word, word)
    if word in MEMBER_TITLES:
        return "member_of", word
    if word in _PUBLIC_OFFICES and body.text in PARTY_NAMES:
        return "member_of", word  # "Democratic Gov. X" governs a state, as a party's member
    if word in _LOCAL_JOBS and body.label in _PLACES:
        return "live_in", word
    return "work_for", word


def _role_text(title: Token) -> str:
    """``deputy leader`` for ``UKIP's deputy leader``: the title with its qualifiers."""
    words = [t.lower_ for t in title.lefts if t.lower_ in TITLE_QUALIFIERS]
    word = title.lower_.rstrip(".")
    return " ".join(words + [_ABBREVIATIONS.get(word, title.lower_)])


def _title_before_name(head: Token, person: Mention, index) -> Iterator[tuple]:
    """``Kremlin spokesman Dmitry Peskov`` -> Peskov work_for Kremlin (role spokesman)."""
    mods = _modifiers(head, person)
    title = _title(mods)
    killer = next((t for t in mods if t.lower_ in _KILLER_NOUNS), None)
    if killer is not None:  # "King assassin James Earl Ray", "McKinley's assassin Leon Czolgosz"
        victim = next((m for t in mods if t.i < killer.i
                       and (m := _entity(t, index, _PEOPLE, person)) is not None), None)
        if victim is not None:
            yield "kill", person, victim, None
            return
    job = next((t for t in mods if t.pos_ == "NOUN" and t.lower_ in PERSON_NOUNS), None)
    for token in mods:
        body = _entity(token, index, _BODIES | _PLACES, person)
        if body is None:
            continue
        if title is None and job is not None and body.label in _PLACES and token.i < job.i:
            yield "live_in", person, body, None  # "Soviet historian", "Atlanta businessman X"
        elif title is not None:
            relation, _ = _typed(title, body)
            yield relation, person, body, _role_text(title)
            if relation == "work_for" and body.label in _PLACES:
                yield "live_in", person, body, None  # "Quebec Premier X" lives in Quebec
        elif body.label == "NORP" and find_demonym(body.text):
            yield "nationality", person, body, None
        elif token.head == head and token.dep_ == "poss" and body.label in _PLACES:
            yield "live_in", person, body, None  # "Ohio's Richard Celeste": a place's own
        elif token.head == head and (body.label == "NORP" or body.label == "ORG" and
                                     (token.dep_ == "poss" or body.text in PARTY_NAMES)):
            # "Tory Neil Hamilton", "Labour's Oona King"; a bare name before a name is no
            # membership ("New Yorker Dick Morris": a New York man, not the magazine's)
            yield "member_of", person, body, None
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
    # "leader of the Bosnian Serbs and vice-president of the Union": each conjunct a title
    out += [c for n in list(out) if n.i > head.i for c in n.conjuncts
            if c.i > n.i and c.pos_ == "NOUN" and _no_entity(c)]
    return out


def _no_entity(token: Token) -> bool:
    """Whether ``token`` names no one itself (no entity type): a title noun, not a name."""
    return not token.ent_type_


def _described(head: Token, person: Mention, index) -> Iterator[tuple]:
    """``Jo Smith, director of Acme``, ``Acme's chief, Jo Smith``, ``Jo is a member of Acme``."""
    for noun in _title_nouns(head):
        word = noun.lower_
        if index.at(noun) is not None and index.at(noun).label == "PERSON":
            continue
        bodies = [(t, m) for t in _modifiers(noun, person)
                  if (m := _entity(t, index, _BODIES | _PLACES | _PEOPLE, person)) is not None
                  and not _party_state_tag(t)]
        for pobj in _complements(noun):
            # "chairman of the largest party, the Social Liberal Party": the apposition names it
            named = [c for c in pobj.children if c.dep_ == "appos"]
            found = [m for t in [pobj, *_modifiers(pobj, person), *named]
                     if (m := _entity(t, index, _BODIES | _PLACES | _PEOPLE, person))]
            bodies += [(pobj, m) for m in found[:1]]
        chosen = bodies[:1]
        if chosen and chosen[0][0].dep_ != "pobj":  # "Middle East correspondent for the AP",
            # "a Democratic member of the Town Council": the body after the title counts too
            chosen += [b for b in bodies[1:] if b[1].label == "ORG" and b[0].dep_ == "pobj"][:1]
        for body_token, body in chosen:
            prep = body_token.head.lower_ if body_token.dep_ == "pobj" else None
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
            elif body.label == "ORG" and prep in ("at", "with", "for") and noun.pos_ == "NOUN" \
                    and noun.lemma_.lower() not in _NOT_JOBS:
                # "Jo Smith, a plant physiologist with the USDA": any occupation at a body
                yield "work_for", person, body, noun.lower_
        if not bodies and word in _NATIONAL_NOUNS:  # "Samuel Amoah, a Belgian national"
            for token in _modifiers(noun, person):
                body = _entity(token, index, frozenset({"NORP", "GPE"}), person)
                if body is not None:
                    yield "nationality", person, body, None
                    break


def _complements(noun: Token) -> list[Token]:
    """Objects of ``of/for/at/with`` (and ``to``: ``secretary to the Treasury``) after a title,
    through one plain noun between:
    ``professor of history at Yale`` -> [history, Yale], ``vice president for development
    at Amex`` -> [development, Amex]."""
    out = []
    preps = _WORK_PREPS if noun.lower_ in _SENT_TITLES else _WORK_PREPS | {"to"}
    for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ in preps):
        for pobj in (c for c in prep.children if c.dep_ == "pobj"):
            out.append(pobj)
            if pobj.ent_type_ or pobj.pos_ != "NOUN":
                continue
            out += [o for p2 in pobj.children if p2.dep_ == "prep" and p2.lower_ in ("at", "for", "with")
                    for o in p2.children if o.dep_ == "pobj"]
    return out


def _of_place(head: Token, person: Mention, index) -> Iterator[tuple]:
    """``Sen. Jo Smith of Ohio`` -> live_in; ``Jo Smith, of Acme University`` -> work_for."""
    for prep, pobj in prep_objects([head], ("of", "from", "at")):
        body = _entity(pobj, index, _BODIES | _PLACES, person)
        if body is None:
            continue
        if body.label in _PLACES and prep.lower_ in ("of", "from"):
            yield "live_in", person, body, None
        elif body.label == "ORG" and prep.lower_ in ("of", "at"):
            yield "work_for", person, body, None


_BIRTH_WORDS = frozenset({"born", "bred", "raised"})


def _origin(head: Token, person: Mention, index) -> Iterator[tuple]:
    """Where a person is from or based -> live_in:

    * ``Jo Smith is from Leeds`` (a copula with ``from``);
    * ``Jo Smith, a plumber from Leeds`` and ``Jo Smith, a plumber based in Leeds`` (a noun
      beside the name, or the name itself, with ``from`` or ``based in``);
    * ``Jo Smith, Leeds born,`` and ``the Leeds-born writer Jo Smith`` (a place right before
      ``born``, ``bred`` or ``raised`` hanging on the name or on a noun beside it).
    """
    places = []
    if head.dep_ in ("nsubj",) and head.head.lemma_ == "be":
        places += [o for _, o in prep_objects([head.head], ("from",))]
    nouns = [n for n in _title_nouns(head) if n.pos_ == "NOUN"]
    places += [o for _, o in prep_objects(nouns, ("from",))]
    owners = [head, *nouns]
    based = [c for o in owners for c in o.children if c.dep_ == "acl" and c.lower_ == "based"]
    places += [o for _, o in prep_objects(based, ("in",))]
    born = [c for o in owners for c in (*o.children, *_modifiers(o, person))
            if c.lower_ in _BIRTH_WORDS and c.dep_ in ("acl", "relcl", "amod")]
    for word in born:
        before = word.doc[word.i - 1] if word.i else None
        if before is not None and before.text in ("-", "–"):
            before = word.doc[before.i - 1] if before.i else None
        if before is not None and before.head in (word, word.head) or before is not None and before.head == word:
            places.append(before)
    for token in places:  # a building is where one works or visits: "a doctor from St Mary's"
        place = _entity(token, index, frozenset({"GPE", "LOC"}), person)
        if place is not None:
            yield "live_in", person, place, None
            return


def _party_state_tag(token: Token) -> bool:
    """Whether ``token`` is the state of a US party-state tag: ``Calif.`` of ``D-Calif.``."""
    i = token.i
    return i >= 2 and token.doc[i - 1].text == "-" and token.doc[i - 2].text in ("D", "R", "I")


def _tagged_state(head: Token, person: Mention, index) -> Iterator[tuple]:
    """``Sen. Jo Smith, D-Calif., said`` -> Jo Smith live_in California: the state of the
    party-state tag written right after a US legislator's name."""
    doc = head.doc
    end = doc.char_span(person.start, person.end, alignment_mode="expand")[-1].i
    if end + 4 < len(doc) and doc[end + 1].text == "," and _party_state_tag(doc[end + 4]):
        place = _entity(doc[end + 4], index, _PLACES, person)
        if place is not None:
            yield "live_in", person, place, None


def _gerund_kill(head: Token, person: Mention, index) -> Iterator[tuple]:
    """``X was convicted of killing Y``, ``X is accused of murdering Y`` -> X kill Y: a gerund
    after a preposition takes the clause's subject; an accusation makes it ``alleged``."""
    verbs = [c for c in head.children if c.dep_ in ("acl", "relcl") and c.pos_ == "VERB"
             and (c.dep_ == "acl" or any(k.dep_ in ("nsubj", "nsubjpass") and
                                         k.lower_ in ("who", "that") for k in c.children))]
    if head.dep_ in ("nsubj", "nsubjpass"):
        verbs.append(head.head)  # "X was convicted of killing Y"
    for verb in verbs:  # "X, convicted of murdering Y", "X, who was charged with killing Y"
        yield from _verb_kill(verb, person, index)
    # "X was the gunman who killed Y", "X, the man who murdered Y": the noun's relative clause;
    # "X, the man convicted of killing Y": its participle
    for noun in _title_nouns(head):
        for verb in (c for c in noun.children if c.dep_ == "acl" and c.pos_ == "VERB"):
            yield from _verb_kill(verb, person, index)
        for rel in (c for c in noun.children if c.dep_ == "relcl" and c.lemma_ in _KILL_VERBS
                    and any(k.dep_ == "nsubj" and k.lower_ in ("who", "that") for k in c.children)):
            for victim_token in (c for c in rel.children if c.dep_ == "dobj"):
                victim = _entity(victim_token, index, _PEOPLE, person)
                if victim is not None:
                    yield "kill", person, victim, None


def _verb_kill(verb: Token, person: Mention, index) -> Iterator[tuple]:
    """Kills the verb of ``person`` governs: a gerund or kill noun after a preposition
    (``acted alone in killing Y``, ``suspected of the murder of Y``), or a weapon the person
    fired that killed (``X fired the shots that killed Y``)."""
    alleged = "alleged" if verb.lemma_ in _ALLEGING else None
    for obj in (c for c in verb.children if c.dep_ == "dobj" and c.lemma_ in _WEAPONS):
        for rel in (c for c in obj.children if c.dep_ == "relcl" and c.lemma_ in _KILL_VERBS):
            for victim_token in (c for c in rel.children if c.dep_ == "dobj"):
                victim = _entity(victim_token, index, _PEOPLE, person)
                if victim is not None:
                    yield "kill", person, victim, None, alleged
    # "pleaded guilty to killing Y", "found guilty of murdering Y": through the adjective too
    heads = [verb] + [c for c in verb.children if c.dep_ in ("acomp", "oprd")]
    preps = [c for h in heads for c in h.children
             if c.dep_ == "prep" and c.lower_ in ("of", "with", "for", "in", "to", "on")]
    for prep in preps:
        gerunds = [c for c in prep.children if c.dep_ == "pcomp"]
        gerunds += [c for g in gerunds for c in g.conjuncts]  # "to shooting and killing Y"
        for gerund in (g for g in gerunds if g.lemma_ in _KILL_VERBS):
            for obj in (c for c in gerund.children if c.dep_ == "dobj"):
                victim = _entity(obj, index, _PEOPLE, person)
                if victim is not None:
                    yield "kill", person, victim, None, alleged
        # "sentenced for Kennedy's murder", "suspected of the assassination of King", and one
        # noun further: "held on a sentence for the slaying of King"; only after a word of
        # guilt or accusation ("spoke of the murder of Y" is no killing)
        if not any(h.lemma_.lower() in _ALLEGING | _GUILT for h in heads):
            continue
        objects = [c for c in prep.children if c.dep_ == "pobj"]
        objects += [o for c in objects if c.lemma_ not in _KILL_NOUNS for p2 in c.children
                    if p2.dep_ == "prep" and p2.lower_ in ("for", "of") for o in p2.children if o.dep_ == "pobj"]
        for noun in (c for c in objects if c.lemma_ in _KILL_NOUNS):
            victims = [c for c in noun.children if c.dep_ == "poss"]
            victims += [o for p2 in noun.children if p2.dep_ == "prep" and p2.lower_ == "of"
                        for o in p2.children if o.dep_ == "pobj"]
            for token in victims:
                victim = _entity(token, index, _PEOPLE, person)
                if victim is not None:
                    yield "kill", person, victim, None, alleged


_KILL_VERBS = frozenset(RELATION_TYPES["kill"].verbs)
_WEAPONS = frozenset({"shot", "bullet", "bomb", "round", "missile", "grenade", "poison", "blow"})
_KILL_NOUNS = frozenset(RELATION_TYPES["kill"].nouns)
_ALLEGING = frozenset({"accuse", "charge", "suspect", "indict", "arrest", "allege", "blame",
                       "investigate", "try", "face", "question", "hold"})
# Verbs of doing one's job, whose "for" names the employer: "covers sport for the BBC".
_JOB_VERBS = frozenset({"cover", "write", "report", "play", "work", "spy", "edit", "present",
                        "broadcast", "coach", "scout", "commentate", "photograph", "film"})


def _works_for(head: Token, person: Mention, index) -> Iterator[tuple]:
    """``Jo Smith covers the White House for Acme News``, ``Jo Smith teaches drama at Acme
    University`` -> Jo Smith work_for Acme: the subject of a job verb, with an organisation NER
    found after ``for`` (``at`` for a workplace verb), on the verb or on its object (the parse
    often hangs it there); a negated verb says no such thing."""
    verb = head.head
    if head.dep_ != "nsubj" or verb.lemma_ not in _JOB_VERBS or any(c.dep_ == "neg" for c in verb.children):
        return
    owners = [verb] + [c for c in verb.children if c.dep_ == "dobj" and verb.lemma_ != "write"]
    preps = ("for", "at") if verb.lemma_ in _WORKPLACE_VERBS else ("for",)
    for _, pobj in prep_objects(owners, preps):
        body = _entity(pobj, index, frozenset({"ORG"}), person)
        if body is not None:
            yield "work_for", person, body, verb.lemma_
            return


# Job verbs whose "at" names the employer too: "teaches at Yale" ("played at Wembley" does not).
_WORKPLACE_VERBS = frozenset({"work", "teach", "lecture", "research"})
_GUILT = frozenset({"convict", "sentence", "jail", "imprison", "execute", "hang", "confess",
                    "admit", "plead", "punish", "guilty", "responsible", "condemn", "prosecute"})
_PERSON_RULES = (_title_before_name, _described, _of_place, _origin, _tagged_state, _gerund_kill,
                 _works_for)
# A pronoun has no title or apposition, but does what its clause says ("he pleaded guilty to
# killing Y"); resolve names it, and drops the fact when the types do not fit.
_PRONOUN_RULES = (_gerund_kill, _works_for)
_PLACE_RULES = PLACE_RULES
