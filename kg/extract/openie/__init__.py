"""Open IE core: clause-based rules over spaCy's dependency parse.

Two registered extractors, each ``f(doclike: Doc | Span) -> Iterator[Extraction]``:

* ``openie``: verbal, copular, appositive and reported-speech clauses, one tuple per clause
  and per conjunct (``X and Y agreed`` -> two tuples), n-ary extras kept;
* ``nominal``: events named by nouns (``Erdoğan's visit to Moscow``, :mod:`.nominal`).

Patterns (``Extraction.pattern``; ``+relcl`` is appended inside a relative clause):

=============== =========================================================================
svo             ``Putin | met | Erdoğan | in Sochi | on Monday``
svo+prep        no object, the first preposition joins the relation: ``was born in``
light           verb + noun + preposition: ``will hold talks with | Putin`` (lemma meet)
copula          ``X | is | Y``; ``X | were | in Y`` (also ``there were talks in Y``)
passive         surface order, patient first: ``the mayor | was killed by | gunmen``
passive-agent   the same fact agent first, for the graph: ``gunmen | kill | the mayor``
speech          ``Kalın | said that | <clause>``; the clause's own tuples get
                ``attribution`` = Kalın; fronted ``<clause>, the firm added`` too
clausal         a non-speech clausal object: ``helped | Armstrong reassure its investors``
relcl-obj       ``the match which Keibler lost`` -> ``Keibler | lost | the match``
appos           ``Kalın, the spokesperson, ...`` -> ``Kalın | be | the spokesperson``
nominal         ``Erdoğan | visit to | Moscow`` (the ``nominal`` extractor)
=============== =========================================================================

Passive tuples are emitted twice: ``passive`` (patient first, lemma like ``killed_by``,
never an active event type) and, when there is a ``by`` agent, ``passive-agent`` (agent
first, the active lemma ``kill``). The graph should use ``passive-agent``; the benchmark TSV
skips it (:data:`GRAPH_ONLY_PATTERNS`). Modality: ``may/might/could/can`` -> possible,
``will/would/shall`` -> future, ``must/should`` -> necessary, ``is set/expected/scheduled to``
-> planned, ``hopes/wants/seeks to`` -> intended; ``refused/failed to`` -> ``negated``.
An implicit copula (appositions, participles: ``troops (be) sent to Mali``) is written ``be``.

:func:`openie_tsv_lines` writes the benchmark's TSV for ``kg extract --sentences``.

>>> from kg.parse import load_nlp
>>> doc = load_nlp(ner=False)("Putin met Erdoğan in Sochi on Monday.")
>>> [e.parts() for e in openie_tuples(doc)]
[['met', 'Putin', 'Erdoğan', 'in Sochi', 'on Monday']]
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc, Span

from kg.extract.registry import register_extractor
from kg.extract.sentences import doc_text
from kg.extract.openie.arguments import Span3
from kg.extract.openie.clauses import Clause, verb_clauses
from kg.extract.openie.confidence import clause_confidence
from kg.extract.openie.copula import IMPLICIT_BE, appositions
from kg.extract.openie.implicit import IMPLICIT_HAS, implicit_clauses
from kg.extract.openie.nominal import nominal_clauses
from kg.extract.openie.speech import speakers
from kg.extract.openie.tokens import Parse
from kg.types import Extraction, Phrase

__all__ = ["openie_tuples", "nominal_tuples", "openie_tsv_lines", "GRAPH_ONLY_PATTERNS"]

# Tuples that restate another tuple for the graph (agent-first passives): the TSV skips them.
GRAPH_ONLY_PATTERNS = frozenset({"passive-agent"})
# Relation words the text leaves implicit, by their (negative) token index in Clause.rel.
_IMPLICIT = {-1: IMPLICIT_BE, **IMPLICIT_HAS}


# Each Doc's token table, built once for the extractors that read it (openie, then nominal)
# and dropped with the Doc: a weak key, and the table holds no reference to its Doc.
_PARSES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _parse_of(doc: Doc, text: str | None = None) -> Parse:
    """``Parse(doc)``, once per Doc (again if its tokens changed in number).

    >>> from spacy.vocab import Vocab
    >>> doc = Doc(Vocab(), words=["Ann", "met", "Bo"])
    >>> _parse_of(doc) is _parse_of(doc), _parse_of(doc).n
    (True, 3)
    """
    p = _PARSES.get(doc)
    if p is None or p.n != len(doc):
        p = _PARSES[doc] = Parse(doc, text if text is not None else doc_text(doc))  # joined once per Doc
    return p


def _sentences(doclike: Doc | Span, text: str | None = None
               ) -> tuple[Parse, list[tuple[int, int]]]:
    doc = doclike.doc if isinstance(doclike, Span) else doclike
    p = _parse_of(doc, text)
    if isinstance(doclike, Span):
        return p, [(doclike.start, doclike.end)]
    return p, p.sents


def _clauses(doclike: Doc | Span, kind: str, text: str | None = None
             ) -> Iterator[tuple[Parse, tuple[int, int], Clause]]:
    if not len(doclike):
        return
    p, sents = _sentences(doclike, text)
    if not p.parsed:
        return  # without a parse there is nothing to extract, so don't guess
    for lo, hi in sents:
        if kind == "openie":
            spk = speakers(p, lo, hi)
            found = verb_clauses(p, lo, hi, spk) + appositions(p, lo, hi) \
                + implicit_clauses(p, lo, hi)
        else:
            found = nominal_clauses(p, lo, hi)
        for c in found:
            if c.arg1 is not None or c.arg2 is not None:
                c.sent_len, c.sent_lo = hi - lo, lo
                yield p, (lo, hi), c


def _phrase(p: Parse, span: Span3 | None) -> Phrase | None:
    if span is None:
        return None
    lo, hi, h = span
    start, end = p.start[lo], p.end[hi - 1]
    return Phrase(p.text[start:end], start, end, (p.start[h], p.end[h]))


def _relation(p: Parse, c: Clause) -> str:
    # Relation tokens may be discontinuous ("has allowed ... to dress"): join by spaces.
    # Index -1 is the copula the text leaves implicit (appositions, participles).
    text, start, end = p.text, p.start, p.end
    return " ".join([text[start[i]:end[i]] if i >= 0 else _IMPLICIT[i] for i in c.rel])


def _extraction(p: Parse, sent: tuple[int, int], c: Clause) -> Extraction:
    lo, hi = sent
    relation = _relation(p, c)
    return Extraction(
        sentence=(p.start[lo], p.end[hi - 1]), relation=relation, lemma=c.lemma,
        arg1=_phrase(p, c.arg1), arg2=_phrase(p, c.arg2),
        extras=tuple((role, _phrase(p, s)) for role, s in sorted(c.extras + c.setting,
                                                                  key=lambda rs: rs[1][0])),
        negated=c.negated, modality=c.modality, attribution=_phrase(p, c.attribution),
        confidence=clause_confidence(c, p), pattern=c.pattern,
        verb=(p.start[c.verb], p.end[c.verb]) if 0 <= c.verb < len(p.start) else None)


@register_extractor("openie")
def openie_tuples(doclike: Doc | Span) -> Iterator[Extraction]:
    """Clause tuples of every sentence in ``doclike``, in order of appearance.

    >>> from kg.parse import load_nlp
    >>> nlp = load_nlp(ner=False)
    >>> [(e.arg1.text, e.lemma, e.arg2.text) for e in openie_tuples(nlp("Ann met Bo."))]
    [('Ann', 'meet', 'Bo')]
    """
    for p, sent, c in _clauses(doclike, "openie"):
        yield _extraction(p, sent, c)


@register_extractor("nominal")
def nominal_tuples(doclike: Doc | Span) -> Iterator[Extraction]:
    """Events named by nouns: ``Ann's visit to Oslo`` -> ``Ann | visit to | Oslo``."""
    for p, sent, c in _clauses(doclike, "nominal"):
        yield _extraction(p, sent, c)


def _tsv_part(p: Parse, span: Span3 | None) -> str:
    """spaCy token texts joined by spaces, except that a word spaCy split *inside* is kept as
    written: ``1987-88`` and two backquotes stay one token, while ``said,`` still gives
    ``said ,``. Input that is already tokenized (as in the benchmark) keeps its own tokens.
    """
    if span is None:
        return ""
    words, glued = p.words()
    lo, hi = span[0], span[1]
    if not any(glued[lo:hi - 1]):  # the common case: every token stands alone
        return " ".join(words[lo:hi])
    out: list[str] = []
    i = lo
    text, start, end, pos = p.text, p.start, p.end, p.pos
    while i < hi:
        j = i  # tokens i..j form one whitespace-delimited chunk
        while j + 1 < hi and end[j] == start[j + 1]:
            j += 1
        a, b = i, j
        if any(pos[k] != "PUNCT" for k in range(a, b + 1)):
            # Leading and trailing punctuation are tokens of their own: "(Reuters" ->
            # "( Reuters", "said," -> "said ,"; a run of it stays whole (two backquotes).
            a0, b0 = a, b
            while pos[a] == "PUNCT":
                a += 1
            while pos[b] == "PUNCT":
                b -= 1
            if a > a0:
                out.append(text[start[a0]:end[a - 1]])
            out.extend(text[start[a]:end[b]].split())  # a space token inside becomes a break
            if b < b0:
                out.append(text[start[b + 1]:end[b0]])
        else:
            out.extend(text[start[a]:end[b]].split())
        i = j + 1
    return " ".join(out)


def openie_tsv_lines(sentences: Iterable[str], *, nlp: Language | None = None,
                     batch_size: int = 256,
                     score: Callable[[Clause, Parse], float] = clause_confidence) -> Iterator[str]:
    """Benchmark TSV lines ``sentence, confidence, relation, arg1, arg2[, extras]``.

    The parts are :meth:`Extraction.parts` (relation, arg1, arg2, extras), each written as
    space-separated spaCy token texts, except that a word spaCy split inside (``1987-88``,
    two backquotes) stays as written, so already tokenized input keeps its own tokens. The
    sentence column echoes the input line (without its line break; tabs become spaces).
    ``passive-agent`` tuples are skipped: they restate the ``passive`` tuple agent first.
    Only the ``openie`` extractor runs here; ``nominal`` tuples are for the graph. ``score``
    gives the confidence column (the benchmark passes its own to fit the model).

    >>> next(openie_tsv_lines(["Ann met Bo ."]))
    'Ann met Bo .\\t0.7858\\tmet\\tAnn\\tBo'
    """
    if nlp is None:
        from kg.parse import load_nlp
        nlp = load_nlp(ner=False)
    lines = [s.rstrip("\r\n") for s in sentences]
    for line, doc in zip(lines, nlp.pipe(lines, batch_size=batch_size)):
        sentence = line.replace("\t", " ")  # a tab would shift the columns
        for p, _, c in _clauses(doc, "openie", line):
            if c.pattern in GRAPH_ONLY_PATTERNS:
                continue
            text, start, end = p.text, p.start, p.end
            parts = [sentence, f"{score(c, p):g}", _relation(p, c)]
            for span in (c.arg1, c.arg2, *[s for _, s in c.extras]):
                if span is None:
                    parts.append("")
                    continue
                # The common case: as many whitespace-delimited chunks as tokens, so every
                # token stands alone and the chunks are the tokens (_tsv_part's fast path).
                chunks = text[start[span[0]]:end[span[1] - 1]].split()
                parts.append(" ".join(chunks) if len(chunks) == span[1] - span[0]
                             else _tsv_part(p, span))
            while len(parts) > 4 and not parts[-1]:
                parts.pop()
            yield "\t".join(parts)
