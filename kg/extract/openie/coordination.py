"""Coordinated noun phrases: one argument per conjunct, even where the parse attaches them oddly.

spaCy's small model often misreads a coordination of names with titles: in ``Putin and
Turkish President Recep Tayyip Erdoğan met`` it makes ``Putin`` a modifier (``nmod``) of
``Erdoğan``, with ``President`` as Putin's conjunct, so the subject's head is ``Erdoğan`` and
the parse-based split finds a single argument. A *flat* phrase (names, nouns, adjectives,
determiners, commas and ``and``, nothing that could open a clause or a prepositional phrase)
is therefore split on its surface instead: at each ``,`` and ``and``, with the last noun of
each piece as its head (English noun phrases are head-final). ``The French and German
leaders`` stays whole, because the piece ``The French`` has no noun.

Headlines drop the ``and`` altogether (``Erdogan, Putin to meet in Moscow``): spaCy reads
the first name as an adverbial (``npadvmod``) of the verb; :func:`subject_conjuncts` takes it
back as a subject conjunct when the line has no closing punctuation.
"""

from __future__ import annotations

from kg.extract.openie.arguments import TIME_NOUNS, Span3, conjuncts, noun_span
from kg.extract.openie.tokens import Parse

# Parts of speech a flat coordination of noun phrases is made of.
_FLAT_POS = frozenset({"PROPN", "NOUN", "ADJ", "DET", "NUM", "PUNCT", "CCONJ", "PART"})
_HEADS = ("PROPN", "NOUN")
_NOUN_DEPS = frozenset({"nsubj", "nsubjpass", "conj", "compound", "nmod", "appos", "dobj"})
_SENT_END = frozenset({".", "!", "?", '"', "'", "”", "’", ")", ":"})


def noun_conjuncts(p: Parse, head: int, *, without: int = -1) -> list[Span3]:
    """One argument range per conjunct of the noun phrase headed by ``head``.

    Args:
        head: the phrase's syntactic head (an ``nsubj`` or ``dobj``).
        without: a child to leave out (the clause this phrase is the subject of).
    """
    if _misread(p, head):
        flat = _flat_split(p, *_range(p, head, without))
        if flat is not None:
            return flat
    return [noun_span(p, c, without=without) for c in conjuncts(p, head)]


def _misread(p: Parse, head: int) -> bool:
    """Coordination the parse may have attached wrongly, worth a surface split.

    Either ``head`` has conjuncts of its own (the surface split then agrees with the parse,
    except that a name it hung on as an apposition is kept: ``Rouhani and Turkish President
    Erdoğan``), or a modifier before it carries a conjunct that has modifiers of its own
    (``Putin`` with conjunct ``Turkish President``). A bare conjunct is a shared-head reading
    the parse got right: ``the St. Louis and Toledo plants``.
    """
    for c in p.children[head]:
        dep = p.dep[c]
        if dep == "conj":
            return True
        if c < head and dep in ("compound", "nmod"):
            for k in p.children[c]:
                if p.dep[k] == "conj" and any(p.dep[m] in ("amod", "compound")
                                              for m in p.children[k]):
                    return True
    return False


def _range(p: Parse, head: int, without: int) -> tuple[int, int]:
    lo, hi = p.left[head], p.right[head] + 1
    if without >= 0 and lo <= without < hi:
        if without < head:
            lo = p.right[without] + 1
        else:
            hi = p.left[without]
    return lo, hi


def _flat_split(p: Parse, lo: int, hi: int) -> list[Span3] | None:
    """Split ``A , B and Title C D`` at commas and ``and``; None unless the phrase is flat."""
    pos, lower = p.pos, p.lower
    if not any(pos[i] == "CCONJ" for i in range(lo, hi)):
        return None  # no coordination: the parse's own reading stands
    pieces: list[tuple[int, int]] = []
    start, seen_and = lo, False
    for i in range(lo, hi):
        if seen_and and lower[i] == ",":
            hi = i  # "Mark and Marisa, the presenters": after the last conjunct, an apposition
            break
        seen_and = seen_and or pos[i] == "CCONJ"
        if pos[i] not in _FLAT_POS and p.tag[i] != "PRP$" and not _nominal(p, i):
            return None
        if pos[i] == "CCONJ" and lower[i] != "and" or pos[i] == "PUNCT" and lower[i] != ",":
            return None  # "or", "&", brackets, hyphens: leave such phrases to the parse
        if pos[i] in ("CCONJ", "PUNCT"):
            pieces.append((start, i))
            start = i + 1
    pieces.append((start, hi))
    out = []
    for a, b in pieces:
        if a == b:
            continue  # the empty piece between ", and"
        heads = [i for i in range(a, b) if pos[i] in _HEADS or _nominal(p, i)]
        if not heads:
            return None  # "The French and German leaders": adjectives share one head
        out.append((a, b, heads[-1]))
    return out if len(out) > 1 else None


def _nominal(p: Parse, i: int) -> bool:
    """A name tagged as a verb but parsed as a noun: ``Lula`` (VB) as ``nsubj``."""
    return p.pos[i] == "VERB" and p.dep[i] in _NOUN_DEPS and p.tag[i] in ("VB", "VBP")


def is_headline(p: Parse, lo: int, hi: int) -> bool:
    """A line without closing punctuation: a headline, a caption, a dateline.

    >>> from spacy.lang.en import English
    >>> from spacy.tokens import Doc
    >>> p = Parse(Doc(English().vocab, words=["Putin", "to", "visit", "Oslo"]))
    >>> is_headline(p, 0, 4)
    True
    """
    last = hi - 1
    while last > lo and p.pos[last] == "SPACE":
        last -= 1
    return p.lower[last] not in _SENT_END


def is_title_case(p: Parse, lo: int, hi: int) -> bool:
    """A headline whose words are mostly capitalized (``Erdogan, Putin To Meet In Moscow``)."""
    if not is_headline(p, lo, hi):  # cheap, and rules out almost every sentence
        return False
    words = [p.text[p.start[i]:p.end[i]] for i in range(lo + 1, hi) if p.lower[i][:1].isalpha()]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.8 * len(words)


def subject_conjuncts(p: Parse, v: int, subj: int, lo: int, hi: int) -> list[Span3]:
    """The subjects of the verb ``v`` whose (first) subject head is ``subj``, one per conjunct.

    Besides :func:`noun_conjuncts`, two misreadings are repaired. A verb with two subjects
    side by side (``Lula and Chilean President Gabriel Boric met``, where the first name was
    tagged a verb) gets them as one phrase, split on its surface. In a headline, names listed
    before the subject with a bare comma (``Erdogan, Putin to meet``) are subjects too, however
    the parse attached them (an adverbial of the verb, or an apposition of the subject).
    """
    twin = next((c for c in p.children[v] if c > subj and p.dep[c] in ("nsubj", "nsubjpass")),
                None)
    if twin is not None and p.right[subj] + 1 == p.left[twin]:
        split = _flat_split(p, p.left[subj], p.right[twin] + 1)
        if split is not None:
            return split
    subjects = noun_conjuncts(p, subj, without=v)
    if not is_headline(p, lo, hi):
        return subjects
    for c in p.children[v]:
        # "Erdogan , Putin to meet": Erdogan read as an adverbial of "meet"
        if c < subj and p.dep[c] == "npadvmod" and _listed(p, c, p.left[subj]):
            subjects.insert(0, noun_span(p, c))
    for c in p.children[subj]:
        # "Erdogan , Putin to meet": Putin read as an apposition, "meet" as a relative clause
        if c > subj and p.dep[c] == "appos" and p.right[c] + 1 == p.left[v] \
                and _listed(p, subj, p.left[c]):
            subjects.append(noun_span(p, c))
    return subjects


def _listed(p: Parse, name: int, nxt: int) -> bool:
    """A proper noun (not a time word: ``Monday, Putin met``) followed by a comma and ``nxt``."""
    end = noun_span(p, name)[1]  # the name's own phrase: its subtree may hold the whole line
    return p.pos[name] == "PROPN" and p.lower[name] not in TIME_NOUNS \
        and end + 1 == nxt and p.lower[end] == ","
