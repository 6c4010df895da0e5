"""Pronoun antecedents inside one article: salience plus binding constraints, precision first.

A pronoun (he/she/it ...) joins an entity only when the article makes the choice clear; a
wrong link costs more than a missing one, so every doubt leaves it out. The rules:

1. **Quotes.** A pronoun inside a quotation only refers to a name inside the same quotation
   (the speaker would say "I"); one outside ignores names inside quotations.
2. **Binding.** A subject pronoun never refers to a name inside its own clause ('"... Blair
   ...," he added': he is not Blair), an object pronoun never to its clause's subject ("Blair
   praised him").
3. **Same sentence.** One compatible entity earlier in the sentence wins. Between several, the
   subject of the reporting clause wins ("Blair said he ..."), unless that clause has an object
   too ("Blair told Brown he ...": unclear); a possessive goes to its own clause's subject.
4. **Topic shift.** If the previous sentence referred to another compatible person by a pronoun,
   that person is the topic, and a pronoun that would go to a newly named one is unclear
   ("He had served since 1970. Mr Blair said he was a huge figure": he is not Blair).
5. **Earlier sentences.** With no candidate in its sentence, the nearest earlier sentence
   (up to three back) naming a compatible entity decides: its only one, else its main subject
   (inside a quotation a pronoun is reported saying, the main subject is the speaker and the
   other one is meant: 'Kenyon played down reports that Robben will return. "He is
   running," he said': Robben).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from kg.resolve.descriptions import PLACE_NOUNS, describe
from kg.resolve.names import fold
from kg.types import Mention

__all__ = ["link_refs", "quote_spans"]

_PRON_GENDER = {"he": "m", "him": "m", "his": "m", "himself": "m",
                "she": "f", "her": "f", "hers": "f", "herself": "f"}
_PRON_THING = frozenset({"it", "its", "itself"})
_SUBJECT = frozenset({"nsubj", "nsubjpass"})
_OBJECT = frozenset({"dobj", "dative", "iobj"})
_LOOKBACK_SENTENCES = 3
# Most earlier mentions a pronoun or description looks at: more than any news article has
# (a few hundred), a bound so a book-length text costs linear time.
_MAX_BEFORE = 600
_ATTRIBUTION_GAP = 3  # characters between a quotation's end and its speaker ('," he said')
_THING_NOUNS = frozenset({"company", "firm", "group", "country", "government", "party", "bank",
                          "club", "team"}) | PLACE_NOUNS
_SPEECH = frozenset({"say", "tell", "add", "claim", "insist", "argue", "warn", "believe", "think",
                     "deny", "admit", "suggest", "state", "explain", "announce", "confirm", "write",
                     "predict", "accept", "agree", "acknowledge", "stress", "know"})


def quote_spans(text: str) -> list[tuple[int, int]]:
    r"""Character spans of quotations, each inside one paragraph (an unclosed quote ends there,
    as news style reopens a quote that runs on into the next paragraph).

    A straight quote opens when a word follows it and closes when one precedes it, so a quote
    reopened without being closed ('he made. "Far from ...') doesn't flip the rest inside out.

    >>> text = 'Blair said: "He is a friend." He left.\n"We will win. "We will.'
    >>> [text[s:e] for s, e in quote_spans(text)]
    ['"He is a friend."', '"We will win. "We will.']
    """
    spans = []
    for para in re.finditer(r"[^\n]+", text):
        line, start = para.group(), None
        for match in re.finditer(r'["“”]', line):
            i, char = match.start(), match.group()
            before, after = line[i - 1:i], line[i + 1:i + 2]
            opens = char == "“" or (char == '"' and (not before or before.isspace() or before in "(:[—–-")
                                    and after and not after.isspace())
            if opens and start is None:
                start = para.start() + i
            elif not opens and start is not None:
                spans.append((start, para.start() + i + 1))
                start = None
        if start is not None:
            spans.append((start, para.end()))
    return spans


def link_refs(refs: list[Mention], clusters: list, text: str = "") -> None:
    """Attach pronouns and descriptions, in text order, so a linked one is an antecedent later.

    Each cluster gets ``(mention, rule)`` pairs in ``refs``; ``clusters`` need ``key``,
    ``mentions``, ``refs``, ``gender`` and ``roles`` (see :class:`kg.resolve.coref.Local`).
    """
    points = sorted(((m, c) for c in clusters for m in c.mentions), key=lambda p: p[0].start)
    starts = [m.start for m, _ in points]  # kept beside points: bisection, not a scan per ref
    quotes = quote_spans(text)
    said_by_pronoun = _said_by_pronoun(refs, quotes)
    for ref in refs:
        at = bisect_left(starts, ref.start)
        before = points[max(0, at - _MAX_BEFORE):at]
        target, rule, word = None, "coref-pronoun", ref.text.lower()
        if ref.label == "PRON" and word in _PRON_GENDER:
            gender = _PRON_GENDER[word]
            target = _person(ref, before, quotes, lambda c: c.key[0] == "person" and (
                (c.gender or getattr(c, "guessed", None)) in (None, gender)), said_by_pronoun)
            if target is not None and target.gender is None:
                target.guessed = gender  # a guess: it guides later pronouns, never name merges
        elif ref.label == "PRON" and word in _PRON_THING:
            target = _thing(ref, before)
        elif ref.label == "DESC":
            target, rule = apposition(ref, points, starts, text), "coref-apposition"
            if target is None:
                target, rule = describe(ref, before), "coref-description"
            if target is None and fold(ref.text).split()[-1] not in _THING_NOUNS:
                target = _Unknown()  # "the prime minister" we can't name still competes
        if isinstance(target, _Unknown) or target is not None:
            if not isinstance(target, _Unknown):
                target.refs.append((ref, rule))
            at = bisect_right(starts, ref.start)  # after equal starts, as a stable sort puts it
            starts.insert(at, ref.start)
            points.insert(at, (ref, target))


def _said_by_pronoun(refs: list[Mention], quotes: list[tuple[int, int]]) -> frozenset:
    """Indexes of the quotations whose speaker is a pronoun written right after them
    ('"He is fit," he told the BBC'): that speaker is the person the article is following.

    >>> he = Mention("a", 13, 15, "he", "PRON", dep="nsubj", verb="tell")
    >>> _said_by_pronoun([he], [(0, 11)]), _said_by_pronoun([he], [(40, 50)])
    (frozenset({0}), frozenset())
    """
    starts = [m.start for m in refs]
    out = set()
    for i, (_, end) in enumerate(quotes):
        at = bisect_left(starts, end)
        if at < len(refs) and refs[at].start - end <= _ATTRIBUTION_GAP and refs[at].label == "PRON" \
                and refs[at].dep in _SUBJECT and refs[at].verb in _SPEECH:
            out.add(i)
    return frozenset(out)


def _thing(ref: Mention, before: list) -> object | None:
    """The antecedent of it/its: an organisation, country or government of its sentence that
    the syntax makes clear, never a person (rule 6): the subject of the speech verb reporting
    it ("Kraft said it would ..."), the subject of its own clause for "its" ("Kraft cut its
    ads"), or the sentence's only such entity when that is a subject. Else unresolved: "it"
    is as often the treaty, the ban or the weather."""
    same = [(m, c) for m, c in _this_sentence(ref, before) if c.key[0] in ("country", "name", "government")
            and not isinstance(c, _Unknown) and any(n.label in ("ORG", "GPE", "DESC") for n in c.mentions)
            and m.label not in ("PRON",)]
    if not same:
        return None
    if ref.dep in _SUBJECT and ref.governor >= 0:
        speakers = _distinct([(m, c) for m, c in same if m.clause == ref.governor and m.dep in _SUBJECT
                              and m.verb in _SPEECH])
        if len(speakers) == 1:
            return speakers[0]
    if ref.dep == "poss":
        owners = _distinct([(m, c) for m, c in same if m.clause == ref.clause and m.dep in _SUBJECT])
        if len(owners) == 1:
            return owners[0]
    # the subject of its own clause or of the clause above ("Kraft plans to cut its ads")
    subjects = _distinct([(m, c) for m, c in same if m.dep in _SUBJECT and ref.clause >= 0
                          and m.clause in (ref.clause, ref.governor)])
    return subjects[0] if len(subjects) == 1 and ref.dep != "nsubj" else None


def apposition(ref: Mention, points: list, starts: list[int], text: str) -> object | None:
    """A name written against a description is what it names, before any other rule: "The
    shadow home secretary, Ann Lee, said" and "Ann Lee, the shadow home secretary," are Ann Lee.
    Only an entity of the description's kind (a person for "the secretary", an organisation for
    "the firm"), else nothing."""
    from kg.resolve.descriptions import compatible_kind

    at = bisect_left(starts, ref.start)
    for m, c in points[max(0, at - 2):at + 3]:  # the names right before and after it
        if m.label in ("PRON", "DESC") or isinstance(c, _Unknown):
            continue
        gap = text[ref.end:m.start] if m.start >= ref.end else text[m.end:ref.start] if m.end <= ref.start else None
        if gap is not None and gap in (", ", " ", ",\n") and m.sentence == ref.sentence:
            return c if compatible_kind(ref, c) else None
    return None


class _Unknown:
    """A person the article describes ("the prime minister") but never names: a pronoun that
    may refer to it is unclear, and one that does stays out."""

    key, gender, roles = ("person", ()), None, frozenset()

    def __init__(self):
        self.mentions, self.refs = [], []


def _quote(quotes: list[tuple[int, int]], pos: int) -> int:
    """Index of the quotation holding ``pos``, else -1 (``quotes`` are sorted and disjoint).

    >>> _quote([(0, 5), (10, 20)], 12), _quote([(0, 5), (10, 20)], 7)
    (1, -1)
    """
    i = bisect_right(quotes, (pos, float("inf"))) - 1
    return i if i >= 0 and quotes[i][0] <= pos < quotes[i][1] else -1


def _person(ref: Mention, before: list, quotes, fits, said_by_pronoun: frozenset = frozenset()) -> object | None:
    """The antecedent of a he/she pronoun, or None when the text leaves it unclear;
    ``said_by_pronoun``: indexes of the quotations a pronoun is reported saying."""
    usable = _usable(ref, before, quotes, fits)
    same = [(m, c) for m, c in usable if m.sentence == ref.sentence and not _bound(ref, m)]
    if same:
        target = _in_sentence(ref, same)
        if target is None or isinstance(target, _Unknown) or _topic_shift(ref, target, same, usable):
            return None
        return target
    sentences = sorted({m.sentence for m, _ in usable if m.sentence < ref.sentence}, reverse=True)
    for sentence in sentences[:_LOOKBACK_SENTENCES]:
        # an unnamed person competes there only as a subject ("The prime minister favours ...")
        cands = [(m, c) for m, c in usable if m.sentence == sentence
                 and not (isinstance(c, _Unknown) and m.dep not in _SUBJECT)]
        if not cands:
            continue
        if any(isinstance(c, _Unknown) for _, c in cands):
            return None
        clusters = _distinct(cands)
        if len(clusters) == 1:
            return clusters[0]
        main = _distinct([(m, c) for m, c in cands if m.dep in _SUBJECT and m.governor == -1])
        q = _quote(quotes, ref.start)
        if q >= 0 and q in said_by_pronoun:  # '"He is fit," he said': the main subject speaks
            rest = [c for c in clusters if all(c is not s for s in main)]
            return rest[0] if len(main) == 1 and len(rest) == 1 else None
        return main[0] if len(main) == 1 else None
    return None


def _this_sentence(ref: Mention, before: list) -> list:
    """The pairs of ``before`` (text order) in ``ref``'s sentence, found walking back from it."""
    found = []
    for m, c in reversed(before):
        if m.sentence < ref.sentence:
            break
        if m.sentence == ref.sentence:
            found.append((m, c))
    return found[::-1]


def _usable(ref: Mention, before: list, quotes, fits) -> list:
    """The compatible ``(mention, cluster)`` pairs the rules below can look at, in text order:
    those in the pronoun's sentence and in the nearest ``_LOOKBACK_SENTENCES`` earlier
    sentences holding one. Walking back from the pronoun and stopping there keeps a long
    article's cost linear: "he" on page ten never scans page one."""
    found, earlier = [], set()
    for m, c in reversed(before):
        if m.sentence < ref.sentence and m.sentence not in earlier \
                and len(earlier) == _LOOKBACK_SENTENCES:
            break
        if fits(c) and _same_world(ref, m, quotes):
            found.append((m, c))
            if m.sentence < ref.sentence:
                earlier.add(m.sentence)
    return found[::-1]


def _same_world(ref: Mention, m: Mention, quotes) -> bool:
    """Rule 1: a pronoun outside quotations ignores names inside them; one inside a quotation
    ignores whoever may be speaking: names outside quotations in the sentences the quotation
    spans, and subjects of speech verbs ("Mr Smith said: ... Mr Smith claimed ...")."""
    q = _quote(quotes, ref.start)
    inside = _quote(quotes, m.start)
    if q < 0:
        return inside < 0
    if inside >= 0:
        return True
    start, end = quotes[q]
    overlaps = m.sentence[0] < end and start < m.sentence[1]
    return not overlaps and not (m.dep in _SUBJECT and m.verb in _SPEECH)


def _bound(ref: Mention, m: Mention) -> bool:
    """Binding rules out ``m``: a subject pronoun c-commands its clause, an object pronoun
    can't be its clause's subject."""
    if ref.clause < 0:
        return False  # no parse
    if ref.dep in _SUBJECT and ref.clause in (m.clause, m.governor):
        return True
    return ref.dep in _OBJECT and m.clause == ref.clause and m.dep in _SUBJECT


def _in_sentence(ref: Mention, same: list) -> object | None:
    clusters = _distinct(same)
    if len(clusters) == 1:
        return clusters[0]
    if ref.dep in _SUBJECT and ref.governor >= 0:  # "Blair said he", not "Blair told Brown he"
        speakers = _distinct([(m, c) for m, c in same if m.clause == ref.governor and m.dep in _SUBJECT
                              and m.verb in _SPEECH])
        others = [m for m, _ in same if m.clause == ref.governor and m.dep in _OBJECT]
        if len(speakers) == 1 and not others:
            return speakers[0]
    if ref.dep == "poss":  # "Howard appointed Crosby as his elections chief"
        subjects = _distinct([(m, c) for m, c in same if m.clause == ref.clause and m.dep in _SUBJECT])
        if len(subjects) == 1:
            return subjects[0]
    return None


def _topic_shift(ref: Mention, target, same: list, usable: list) -> bool:
    """Rule 4: the target is only the subject of the pronoun's clause or of the clause reporting
    it, and the previous sentence referred by pronoun to another compatible person."""
    if not any(c is target and m.dep in _SUBJECT and (m.clause == ref.clause or (
            m.clause == ref.governor and m.verb in _SPEECH)) for m, c in same):
        return False
    earlier = [m.sentence for m, _ in usable if m.sentence < ref.sentence]
    if not earlier:
        return False
    previous = max(earlier)
    return any(c is not target and m.label == "PRON" for m, c in usable if m.sentence == previous)


def _distinct(pairs: list) -> list:
    seen: dict[int, object] = {}
    for _, c in pairs:
        seen.setdefault(id(c), c)
    return list(seen.values())
