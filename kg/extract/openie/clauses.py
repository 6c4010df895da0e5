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
from kg.extract.openie.arguments import (Span3, clause_span, conjuncts, noun_span, pobj_of,
                                         subtree_span, trim)
from kg.extract.openie.complements import (DIRECTIONS, event_noun, extras_of, fallback_object,
                                           first_prep, light_prep, relative_object)
from kg.extract.openie.coordination import noun_conjuncts, subject_conjuncts
from kg.extract.openie.speech_verbs import SPEECH_VERBS
from kg.extract.openie.tokens import Parse
from kg.extract.openie.verbgroup import VerbGroup, verb_group
from kg.extract.relations import clean_lemma, normalize_relation

_VERBAL = frozenset({"VERB", "AUX"})


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
        found = _clauses_of(p, v, speakers, lo, hi)
        if p.dep[v] in ("advcl", "xcomp") and found and found[0].subj_how in ("advcl", "xcomp"):
            _inherit_setting(p, v, found)
        out.extend(c for c in found if not _says_again(p, c))
    return out


def _says_again(p: Parse, c: Clause) -> bool:
    """A copula tuple another tuple says better: ``Ann was able to sail the boat`` ->
    ``Ann | was | able to sail the boat`` restates ``Ann | was able to sail | the boat``,
    which the adjective's verb yields (the xcomp chain merges into the relation)."""
    if not c.pattern.startswith("copula") or c.arg2 is None or p.pos[c.arg2[2]] != "ADJ":
        return False
    if p.kid(c.arg2[2], "xcomp") is not None:
        return True
    # "It is possible that talks resume": the clause is what is possible (its own tuple).
    a1 = c.arg1
    return a1 is not None and a1[1] - a1[0] == 1 and p.lower[a1[0]] == "it" \
        and p.kid(c.verb, "ccomp", "xcomp", "csubj") is not None


def _inherit_setting(p: Parse, v: int, found: list[Clause]) -> None:
    """A non-finite clause happens when and where its governor does: in ``will visit Russia on
    Thursday to talk with Putin`` the talk is on Thursday too (and in the future). Roles the
    clause names itself win.
    """
    gov = p.head[v]
    while pr.merges_into_head(p, gov):
        gov = p.head[gov]
    g = verb_group(p, pr.control_chain(p, gov))
    preps = [c for c in g.preps if p.dep[c] != "agent"]  # "by X" is who, not when or where
    setting = [(r, s) for r, s in extras_of(p, preps, g.adverbials) if r in ("time", "place")
               and not s[0] <= v < s[1] and p.lower[s[0]] not in DIRECTIONS]
    for c in found:
        own = {r for r, _ in c.extras}
        c.setting = [(r, s) for r, s in setting if r not in own]
        # ... and in the same mood: "will visit ... to talk" is a future talk, so
        # "on Thursday" is the coming Thursday.
        c.modality = c.modality or g.modality


def _clauses_of(p: Parse, v: int, speakers: dict[int, Span3], lo: int, hi: int
                ) -> list[Clause]:
    chain = pr.control_chain(p, v)
    x = chain[-1]  # the verb that carries the event and its objects
    subj, how = pr.subject_of(p, v)
    g = verb_group(p, chain)
    passive = pr.is_passive(p, x)
    comps = g.comps
    if subj is None and comps and g.expl and p.pos[comps[0]] != "ADJ":
        # "There were talks in Oslo": what exists is the subject -> "talks | were in | Oslo".
        subj, how, comps = comps[0], "expl", []
    pattern, rel, arg2s, noun, moved = _second_slot(p, v, x, g, comps)
    extras = extras_of(p, g.preps, g.adverbials)
    if moved is not None:
        extras = [(r, s) for r, s in extras if s[0] != moved and s[2] != moved]
    extras = [(r, s) for r, s in extras if s[2] not in rel]
    if passive:
        pattern = "passive"
    if p.pos[x] == "AUX" and pattern in ("svo", "svo+prep"):
        pattern = "copula"
    if p.dep[v] == "relcl" and pattern != "relcl-obj":
        pattern += "+relcl"

    verb_lemma = p.lemma[x]
    prep_word = p.lower[moved] if moved is not None else None
    if passive:
        lemma = passive_lemma(p.lower[x], prep_word)
    else:
        lemma = normalize_relation(verb_lemma, noun=p.lemma[noun] if noun is not None else None,
                                   prep=prep_word)
        lemma = _phrasal(p, x, verb_lemma, lemma)
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
    split = len(subjects) > 1 or len(arg2s) > 1
    rel = sorted(set(rel))
    subjects = [_before_or_after(p, a1, rel) for a1 in subjects]
    attribution, modality, negated = speakers.get(v), g.modality, g.negated
    arg2s = arg2s or [None]
    # No extra repeats a part of the object.
    exs = [extras if a2 is None else [e for e in extras if not a2[0] <= e[1][2] < a2[1]]
           for a2 in arg2s]
    out = [Clause(pattern, rel, x, a1, a2, ex, lemma, negated, modality, attribution, how, split)
           for a1 in subjects for a2, ex in zip(arg2s, exs)]
    if passive and moved is not None and p.dep[moved] == "agent":
        # The patient may be a light verb's event noun: "the deal struck by X" -> X agree.
        agent_lemma = normalize_relation(verb_lemma, noun=p.lemma[subj] if subj is not None
                                         else None)
        out += [Clause("passive-agent", c.rel, x, c.arg2, c.arg1, c.extras, agent_lemma,
                       negated, modality, attribution, how, split) for c in out]
    return out


_PARTICLE_PREPS = frozenset({"out", "off", "away"})


def _phrasal(p: Parse, x: int, verb_lemma: str, lemma: str) -> str:
    """A verb's particle is part of its meaning when the verb is no event type: ``stood down``
    is ``stand_down``, not ``stand``; ``gave up the veto`` is ``give_up``, ``take Britain out of
    the EU`` is ``take_out`` (the parser's preposition before ``of``). An event type stays
    (``backed up`` is still ``support``).

    >>> from kg.parse import load_nlp
    >>> from kg.extract.openie import openie_tuples
    >>> [e.lemma for e in openie_tuples(load_nlp()("Britain gave up its veto."))]
    ['give_up']
    """
    prt = p.kid(x, "prt")
    if prt is None:  # "take Britain out of the EU": "out" parsed as a preposition before "of"
        prt = next((c for c in p.kids(x, "prep") if p.lower[c] in _PARTICLE_PREPS and
                    p.kid(c, "pobj") is None and any(p.lower[k] in ("of", "from")
                                                     for k in p.kids(c, "prep"))), None)
    if prt is None or lemma != clean_lemma(verb_lemma):
        return lemma
    return clean_lemma(f"{verb_lemma} {p.lower[prt]}")


def _second_slot(p: Parse, v: int, x: int, g: VerbGroup, comps: list[int]
                 ) -> tuple[str, list[int], list[Span3 | None], int | None, int | None]:
    """(pattern, relation tokens, second arguments, event noun, preposition moved into the
    relation) for the clause of ``v`` whose objects hang off ``x``: an object, the antecedent
    of a relative clause, a complement, a clausal object, a preposition, or a fallback.
    """
    rel, noun, moved = g.rel, None, None
    if g.objs:
        head = g.objs[0]
        light = light_prep(p, head)
        if light is not None:
            rel = rel + list(range(p.left[head], head + 1)) + [light]
            return "light", rel, [noun_span(p, c) for c in conjuncts(p, pobj_of(p, light))], \
                head, light
        if event_noun(p, head):
            # "X and Y will hold talks this week": the noun is the event, not a participant,
            # so it joins the relation; the parties come from the coordinated subjects.
            return "light", rel + list(range(p.left[head], head + 1)), [None], head, None
        return "svo", rel, noun_conjuncts(p, head), noun, moved
    rel_obj = relative_object(p, v)
    if rel_obj is not None:
        return "relcl-obj", rel, [noun_span(p, rel_obj)], noun, moved
    if comps:
        arg2s = [noun_span(p, c) if p.dep[c] == "attr" else subtree_span(p, c)
                 for c in conjuncts(p, comps[0])]
        return ("copula" if p.pos[x] == "AUX" else "svo"), rel, arg2s, noun, moved
    if g.clausal:
        c = g.clausal[0]
        that = p.kid(c, "mark")
        if that is not None and p.lower[that] == "that" and that < c:
            rel = rel + [that]
        # "said that ...": reported speech; "could help X reassure ...": another clausal object.
        pattern = "speech" if p.lemma[x] in SPEECH_VERBS else "clausal"
        return pattern, rel, [clause_span(p, c)], noun, moved
    moved = first_prep(p, x, g.preps)
    if moved is not None:
        arg2s = [noun_span(p, c) if p.dep[c] == "pobj" else subtree_span(p, c)
                 for c in conjuncts(p, pobj_of(p, moved))]
        return "svo+prep", rel + [moved], arg2s, noun, moved
    if p.lemma[x] in SPEECH_VERBS and p.dep[v] in ("parataxis", "ccomp") and p.head[v] < v:
        # Fronted speech: "The talks went well, the ministry added." -> content first.
        return "speech", rel, [trim(p, p.left[p.head[v]], p.left[v], p.head[v])], noun, moved
    return "svo", rel, [fallback_object(p, x)], noun, moved


def _before_or_after(p: Parse, arg: Span3 | None, rel: list[int]) -> Span3 | None:
    """``arg`` cut where it meets the relation, on its head's side.

    A subject's subtree can reach past its own verb: when the subject is inherited from a noun
    whose modifier holds the verb (``plans to add models, bringing the total to four``), or
    when a non-projective parse hangs a later phrase on the subject. The relation's words are
    never part of the argument.
    """
    if arg is None:
        return arg
    lo, hi, head = arg
    inside = [r for r in rel if lo <= r < hi and r >= 0]
    if not inside:
        return arg
    if head < inside[0]:
        hi = inside[0]
    elif head > inside[-1]:
        lo = inside[-1] + 1
    else:
        return arg  # the head sits between relation words: an odd parse, leave it
    return trim(p, lo, hi, head)


def passive_lemma(participle: str, prep: str | None) -> str:
    """Lemma of a passive tuple read patient-first: ``was killed by`` -> ``killed_by``.

    It never equals an active event type, so a graph can't read the patient as the agent.

    >>> passive_lemma("born", "in"), passive_lemma("elected", None)
    ('born_in', 'elected')
    """
    return clean_lemma(f"{participle} {prep}" if prep else participle)
