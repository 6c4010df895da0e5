"""Verbal and copular clauses -> n-ary tuples (token ranges; turned into Extractions later).

For each predicate (see :mod:`.predicates`) this builds one tuple per subject conjunct and per
object conjunct:

* ``svo``: ``Putin | met | Erdoğan | in Sochi`` (direct object, extras kept n-ary);
* ``svo+prep``: no object, so the first preposition joins the relation:
  ``Obama | was born in | Hawaii``; ``Putin | met with | Erdoğan``;
* ``light``: a light verb and its event noun join the relation: ``will hold talks with``;
* ``copula``: ``Kalın | is | the presidential spokesperson``; ``acomp`` too (``is happy``);
* ``speech``: a reported clause: ``Kalın | said that | the talks went well``; ``clausal`` for
  other clausal objects (``the data suggest | that ...`` counts as speech, ``helped X do Y`` not);
* ``passive``: ``the mayor | was killed by | gunmen`` (surface order, as written), plus
  ``passive-agent``: the same fact read agent -> patient (``gunmen | kill | the mayor``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kg.extract.openie import predicates as pr
from kg.extract.openie.arguments import (Span3, clause_span, conjuncts, extra_role, noun_span,
                                         pobj_of, subtree_span, trim)
from kg.extract.openie.coordination import noun_conjuncts, subject_conjuncts
from kg.extract.openie.tokens import Parse
from kg.extract.openie.speech_verbs import SPEECH_VERBS
from kg.extract.relations import LIGHT_VERBS, clean_lemma, normalize_relation

# Temporal adverbs that are complements worth keeping ("met yesterday"): a closed class.
_TIME_ADVS = frozenset({"yesterday", "today", "tomorrow", "tonight", "recently", "later",
                        "earlier", "now", "soon", "then", "previously", "currently", "ago"})


# A direction is the path of the governing verb, not where its purpose clause happens.
_DIRECTIONS = frozenset({"to", "from", "into", "onto", "toward", "towards"})

_VERBAL = frozenset({"VERB", "AUX"})

# Sentence adverbials that look like complements but say nothing about the event.
_DISCOURSE = frozenset({("for", "instance"), ("for", "example"), ("in", "addition"),
                        ("in", "fact"), ("of", "course"), ("in", "particular"), ("at", "least"),
                        ("in", "turn"), ("in", "contrast"), ("on", "average"), ("as", "well")})


@dataclass(slots=True)
class Clause:
    """One tuple as token indices; ``feats`` describe how it was built, for the confidence."""

    pattern: str
    rel: list[int]
    verb: int
    arg1: Span3 | None
    arg2: Span3 | None = None
    extras: list[tuple[str, Span3]] = field(default_factory=list)
    lemma: str = ""
    negated: bool = False
    modality: str | None = None
    attribution: Span3 | None = None
    subj_how: str = "own"
    split: bool = False  # one of several conjuncts
    sent_len: int = 0  # tokens in the sentence (set by the caller, for the confidence)
    sent_lo: int = 0  # the sentence's first token (set by the caller, for the confidence)
    # Time and place taken from the governing clause, for the graph only: Open IE gold
    # writes them with their own clause, so the benchmark TSV leaves them out.
    setting: list[tuple[str, Span3]] = field(default_factory=list)


def verb_clauses(p: Parse, lo: int, hi: int, speakers: dict[int, Span3]) -> list[Clause]:
    """All verbal/copular clauses of the sentence ``lo..hi`` (token indices)."""
    out: list[Clause] = []
    pos = p.pos
    for v in range(lo, hi):
        # Only verbs and copulas head clauses: the cheap test first (most tokens fail it).
        if pos[v] not in _VERBAL or not pr.is_predicate(p, v) or pr.merges_into_head(p, v):
            continue
        try:
            found = _clauses_of(p, v, speakers, lo, hi)
        except (IndexError, ValueError):  # an odd parse yields nothing rather than failing
            continue
        if p.dep[v] in ("advcl", "xcomp") and found and found[0].subj_how in ("advcl", "xcomp"):
            _inherit_setting(p, v, found)
        out.extend(found)
    return out


def _inherit_setting(p: Parse, v: int, found: list[Clause]) -> None:
    """A non-finite clause happens when and where its governor does: in ``will visit Russia on
    Thursday to talk with Putin`` the talk is on Thursday too (and in the future). Roles the
    clause names itself win.
    """
    gov = p.head[v]
    while pr.merges_into_head(p, gov):
        gov = p.head[gov]
    chain = pr.control_chain(p, gov)
    preps = [c for v2 in chain for c in p.children[v2] if p.dep[c] in ("prep", "dative")
             and _usable_prep(p, c)]
    setting = [(r, s) for r, s in _extras(p, chain, preps) if r in ("time", "place")
               and not s[0] <= v < s[1] and p.lower[s[0]] not in _DIRECTIONS]
    modality = pr.modality_of(p, chain)[0]
    for c in found:
        own = {r for r, _ in c.extras}
        c.setting = [(r, s) for r, s in setting if r not in own]
        # ... and in the same mood: "will visit ... to talk" is a future talk, so
        # "on Thursday" is the coming Thursday.
        c.modality = c.modality or modality


def _clauses_of(p: Parse, v: int, speakers: dict[int, Span3], lo: int, hi: int
                ) -> list[Clause]:
    chain = pr.control_chain(p, v)
    x = chain[-1]  # the verb that carries the event and its objects
    subj, how = pr.subject_of(p, v)
    rel = pr.relation_tokens(p, chain)
    modality, refused = pr.modality_of(p, chain)
    negated = pr.is_negated(p, chain) or refused
    passive = pr.is_passive(p, x)
    kids = p.children
    objs = [c for c in kids[x] if p.dep[c] == "dobj" and p.lower[c] not in pr._RELPRON]
    comps = [c for c in kids[x] if p.dep[c] in ("attr", "acomp", "oprd")]
    if subj is None and comps and p.kid(x, "expl") is not None and p.pos[comps[0]] != "ADJ":
        # "There were talks in Oslo": what exists is the subject -> "talks | were in | Oslo".
        subj, how, comps = comps[0], "expl", []
    clausal = [c for c in kids[x] if p.dep[c] == "ccomp"]
    preps = [c for v2 in chain for c in kids[v2] if p.dep[c] in ("prep", "agent", "dative")
             and _usable_prep(p, c)]
    extras = _extras(p, chain, preps)

    pattern, arg2s, noun, moved = "svo", [], None, None
    rel_obj = _relative_object(p, v)
    if objs:
        head = objs[0]
        light = _light_prep(p, head)
        if light is not None:
            noun, moved, pattern = head, light, "light"
            rel = rel + list(range(p.left[head], head + 1)) + [light]
            arg2s = [noun_span(p, c) for c in conjuncts(p, pobj_of(p, light))]
        elif _event_noun(p, head):
            # "X and Y will hold talks this week": the noun is the event, not a participant,
            # so it joins the relation; the parties come from the coordinated subjects.
            noun, pattern = head, "light"
            rel = rel + list(range(p.left[head], head + 1))
            arg2s = [None]
        if not arg2s:
            arg2s = noun_conjuncts(p, head)
    elif rel_obj is not None:
        arg2s = [noun_span(p, rel_obj)]
        pattern = "relcl-obj"
    elif comps:
        arg2s = [noun_span(p, c) if p.dep[c] == "attr" else subtree_span(p, c)
                 for c in conjuncts(p, comps[0])]
        pattern = "copula" if p.pos[x] == "AUX" else "svo"
    elif clausal:
        c = clausal[0]
        arg2s = [clause_span(p, c)]
        that = p.kid(c, "mark")
        if that is not None and p.lower[that] == "that" and that < c:
            rel = rel + [that]
        # "said that ...": reported speech; "could help X reassure ...": another clausal object.
        pattern = "speech" if p.lemma[x] in SPEECH_VERBS else "clausal"
    else:
        moved = _first_prep(p, x, preps, passive)
        if moved is not None:
            o = pobj_of(p, moved)
            arg2s = [noun_span(p, c) if p.dep[c] == "pobj" else subtree_span(p, c)
                     for c in conjuncts(p, o)]
            rel = rel + [moved]
            pattern = "svo+prep"
        elif p.lemma[x] in SPEECH_VERBS and p.dep[v] in ("parataxis", "ccomp") and p.head[v] < v:
            # Fronted speech: "The talks went well, the ministry added." -> content first.
            arg2s = [trim(p, p.left[p.head[v]], p.left[v], p.head[v])]
            pattern = "speech"
        else:
            arg2s = [_fallback_object(p, x)]
    if moved is not None:
        extras = [(r, s) for r, s in extras if s[0] != moved and s[2] != moved]
    extras = [(r, s) for r, s in extras if s[2] not in rel]
    if passive:
        pattern = "passive"
    if p.pos[x] == "AUX" and pattern in ("svo", "svo+prep"):
        pattern = "copula"
    if p.dep[v] == "relcl":
        pattern = pattern + "+relcl" if pattern not in ("relcl-obj",) else pattern

    verb_lemma = p.lemma[x]
    prep_word = p.lower[moved] if moved is not None else None
    lemma = normalize_relation(verb_lemma, noun=p.lemma[noun] if noun is not None else None,
                               prep=prep_word)
    if passive:
        lemma = passive_lemma(p.lower[x], prep_word)
    attribution = speakers.get(v)
    reduced = p.dep[v] == "advcl" and how == "acl" and pr.participle_noun(p, v) is not None
    if (p.dep[v] == "acl" or reduced or p.dep[v] == "advcl" and p.tag[v] == "VBN") \
            and subj is not None and p.kid(v, "aux", "auxpass") is None:
        # A participle or infinitive modifying a noun: "troops (be) sent to Mali",
        # "a plan (be) to pay off the debt"; a fronted participle: "(be) made of steel, ...".
        rel = rel + [-1]

    if reduced:
        # "Under the pact struck with Iran": the phrase holding the subject is no extra.
        extras = [(r, s) for r, s in extras if not s[0] <= subj < s[1]]
    subjects = subject_conjuncts(p, v, subj, lo, hi) if subj is not None else [None]
    if len(subjects) > 1:  # a name listed as a subject is no adverbial ("Erdogan, Putin to meet")
        extras = [(r, s) for r, s in extras if all(s[2] != a[2] for a in subjects)]
    if subj is not None and p.dep[subj] in ("csubj", "csubjpass"):
        subjects = [subtree_span(p, subj)]
    if not arg2s:
        arg2s = [None]
    split = len(subjects) > 1 or len(arg2s) > 1
    out = []
    for a1 in subjects:
        for a2 in arg2s:
            ex = [e for e in extras if a2 is None or not a2[0] <= e[1][2] < a2[1]]  # no repeats
            out.append(Clause(pattern, sorted(set(rel)), x, a1, a2, ex, lemma, negated,
                              modality, attribution, how, split))
    if passive and moved is not None and p.dep[moved] == "agent":
        # The patient may be a light verb's event noun: "the deal struck by X" -> X agree.
        agent_lemma = normalize_relation(verb_lemma, noun=p.lemma[subj] if subj is not None
                                         else None)
        agent_form = [Clause("passive-agent", c.rel, x, c.arg2, c.arg1, c.extras,
                             agent_lemma, negated, modality, attribution,
                             how, split) for c in out]
        out.extend(agent_form)
    return out


def passive_lemma(participle: str, prep: str | None) -> str:
    """Lemma of a passive tuple read patient-first: ``was killed by`` -> ``killed_by``.

    It never equals an active event type, so a graph can't read the patient as the agent.

    >>> passive_lemma("born", "in"), passive_lemma("elected", None)
    ('born_in', 'elected')
    """
    return clean_lemma(f"{participle} {prep}" if prep else participle)


def _usable_prep(p: Parse, c: int) -> bool:
    # A preposition with an object; relative-pronoun objects ("in which") belong elsewhere.
    o = pobj_of(p, c) if p.dep[c] != "dative" else c
    return o is not None and p.lower[o] not in pr._RELPRON


def _first_prep(p: Parse, x: int, preps: list[int], passive: bool) -> int | None:
    """The preposition that joins the relation when there is no object.

    ``was killed by Y``: the agent wins; else the first preposition after the verb.
    """
    for c in preps:
        if p.dep[c] == "agent":
            return c
    right = [c for c in preps if c > x and p.dep[c] == "prep"]
    return right[0] if right else None


def _event_noun(p: Parse, noun: int) -> bool:
    """A light verb's event noun with no complement of its own: ``hold talks``, ``held a summit``."""
    verb = p.head[noun]
    return (p.lemma[verb] in LIGHT_VERBS and p.pos[noun] == "NOUN"
            and normalize_relation(p.lemma[verb], noun=p.lemma[noun]) != p.lemma[verb]
            and p.kid(noun, "conj", "prep", "relcl", "acl", "appos") is None)


def _light_prep(p: Parse, noun: int) -> int | None:
    """``hold talks with X``: the preposition after the noun of a verb+noun predicate.

    Two kinds qualify: an event noun a light verb only carries (``pay a visit to``), and a
    bare common noun (no determiner or number) that names the action with its verb
    (``filed charges against``, ``imposed sanctions on``). ``of`` introduces the noun's own
    complement (``the work of all three``), so it never joins the relation.
    """
    verb = p.head[noun]
    event = normalize_relation(p.lemma[verb], noun=p.lemma[noun]) != p.lemma[verb]
    bare = p.pos[noun] == "NOUN" and not any(
        p.dep[c] in ("det", "poss", "nummod", "compound", "amod", "quantmod")
        for c in p.children[noun])
    if not (event or bare):
        return None
    for c in p.children[noun]:
        if p.dep[c] == "prep" and c > noun and p.lower[c] != "of" and pobj_of(p, c) is not None:
            return c
    return None


def _fallback_object(p: Parse, x: int) -> Span3 | None:
    """With no object at all, an adverbial complement after the verb: ``will work together``."""
    for c in p.children[x]:
        if c > x and p.dep[c] in ("advmod", "xcomp", "advcl", "npadvmod", "acomp", "oprd", "dep") and p.lower[c] not in _TIME_ADVS:
            return subtree_span(p, c)
    return None


def _relative_object(p: Parse, v: int) -> int | None:
    """``the match which Keibler lost``: the antecedent is the object of the relative clause."""
    if p.dep[v] != "relcl":
        return None
    for c in p.children[v]:
        if p.dep[c] == "dobj" and p.lower[c] in pr._RELPRON:
            return p.head[v]
    return None


def _extras(p: Parse, chain: list[int], preps: list[int]) -> list[tuple[str, Span3]]:
    """Prepositional, temporal and adverbial complements of the verb group, with roles."""
    out = []
    for c in preps:
        o = pobj_of(p, c)
        if (p.lower[c], p.lower[o] if o is not None else "") in _DISCOURSE:
            continue
        s = subtree_span(p, c)
        out.append((extra_role(p, *s), s))
    for v in chain:
        for c in p.children[v]:
            d = p.dep[c]
            if d == "npadvmod" or (d == "advmod" and p.lower[c] in _TIME_ADVS):
                s = subtree_span(p, c)
                out.append((extra_role(p, *s), s))
    out.sort(key=lambda rs: rs[1][0])
    return out
