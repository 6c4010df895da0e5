"""Reported speech: who said the clause a tuple comes from.

``Kalın said that the talks went well`` gives the outer tuple ``Kalın | said that | the talks
went well`` (built in :mod:`.clauses`) and the inner ``the talks | went | well`` whose
``attribution`` is ``Kalın``. Fronted speech works the same way: in ``The talks went well,
the ministry added`` the speech verb follows its content, which spaCy attaches either as the
speech verb's ``ccomp`` or with the speech verb as a ``parataxis``/``ccomp`` of the content.
"""

from __future__ import annotations

from kg.extract.openie import predicates as pr
from kg.extract.openie.arguments import Span3, noun_span
from kg.extract.openie.speech_verbs import SPEECH_VERBS
from kg.extract.openie.tokens import Parse

def speakers(p: Parse, lo: int, hi: int) -> dict[int, Span3]:
    """Map each verb inside reported content to its speaker's phrase (token ranges).

    >>> from spacy.lang.en import English
    >>> from spacy.tokens import Doc
    >>> doc = Doc(English().vocab, words=["Ali", "said", "Bob", "left"], heads=[1, 1, 3, 1],
    ...           deps=["nsubj", "ROOT", "nsubj", "ccomp"], pos=["PROPN", "VERB", "PROPN", "VERB"],
    ...           lemmas=["Ali", "say", "Bob", "leave"])
    >>> speakers(Parse(doc), 0, 4)
    {3: (0, 1, 0)}
    """
    out: dict[int, Span3] = {}
    for v in range(lo, hi):
        if p.lemma[v] not in SPEECH_VERBS or p.pos[v] not in ("VERB", "AUX"):
            continue
        subj, _ = pr.subject_of(p, v)
        if subj is None:
            continue
        speaker = noun_span(p, subj, split_conj=False)
        for c in p.children[v]:
            if p.dep[c] in ("ccomp", "parataxis") and p.pos[c] in ("VERB", "AUX"):
                _attribute(p, c, speaker, out)
        # Fronted content: "The talks went well, the ministry added."
        h = p.head[v]
        if p.dep[v] in ("parataxis", "ccomp") and h < v and p.pos[h] in ("VERB", "AUX"):
            if any(p.pos[t] == "PUNCT" for t in range(h, p.left[v])):
                _attribute(p, h, speaker, out, skip=v)
    return out


def _attribute(p: Parse, verb: int, speaker: Span3, out: dict[int, Span3], skip: int = -1
               ) -> None:
    """Give ``verb`` and the clauses coordinated or embedded under it the speaker."""
    stack = [verb]
    while stack:
        v = stack.pop()
        if v == skip or v in out:
            continue
        out.setdefault(v, speaker)
        for c in p.children[v]:
            if p.dep[c] in ("conj", "xcomp", "advcl", "ccomp") and c != skip:
                stack.append(c)
