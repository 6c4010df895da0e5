"""Mentions in a parsed Doc: cleaned NER spans, 3rd-person pronouns and definite descriptions.

Three kinds, all as :class:`~kg.types.Mention` in text order:

- named entities (spaCy NER labels), cleaned: no leading "the", no possessive "'s", no
  trailing punctuation. Titles ("President Putin") may stay; resolve strips them.
- ``PRON``: third-person personal pronouns (he, his, she, it, they ...). Resolve links them
  to an antecedent, or leaves them out when the article doesn't make it clear.
- ``DESC``: definite descriptions headed by a role noun ("the Turkish president", "the
  Kremlin spokesman", "the company"), which resolve matches against the titles written
  next to names.

Each mention also records where it sits in the parse (``dep``, ``clause``, ``verb``,
``governor``), so resolve can apply binding rules without the Doc ("Blair said he ...").

This runs on every article, so it is one pass over the tokens with no extra parsing.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from kg.extract.sentences import doc_text, sentence_span
from kg.types import Mention

ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT",
                           "WORK_OF_ART", "LAW"})

# First and second person never name an entity in the text; "it" is kept because
# "Turkey said it ..." is common, and resolve drops the pleonastic ones it can't link.
_PRONOUNS = frozenset({"he", "him", "his", "himself", "she", "her", "hers", "herself",
                       "it", "its", "itself", "they", "them", "their", "themselves"})
# Nouns that, after "the", stand for a person or organisation named elsewhere in the article.
ROLE_NOUNS = frozenset({
    "president", "minister", "premier", "chancellor", "secretary", "spokesman", "spokeswoman",
    "spokesperson", "leader", "chairman", "chairwoman", "chief", "governor", "mayor", "king",
    "queen", "prince", "pope", "senator", "ambassador", "envoy", "general", "commissioner",
    "director", "executive", "founder", "boss", "head", "official", "counterpart", "monarch",
    "company", "firm", "group", "country", "government", "party", "bank", "club", "team",
})
# Words allowed between "the" and the role noun: "the Turkish president", "the prime minister"
_MODIFIER_POS = frozenset({"ADJ", "PROPN", "NOUN"})
_TRAILING = ".,;:!?'\"’”)-–— \n\t"


def find_mentions(doc: Doc, article: str) -> list[Mention]:
    """Entity, pronoun and description mentions in ``doc``, sorted by position.

    Args:
        doc: the parsed article (NER, tagger and parser are used when present).
        article: the article id stored on each mention.

    Returns:
        Mentions with character offsets into ``doc.text``.

    >>> doc = load_nlp()("The Turkish president said he met Putin's aide.")  # doctest: +SKIP
    >>> [(m.text, m.label) for m in find_mentions(doc, "a")]  # doctest: +SKIP
    [('The Turkish president', 'DESC'), ('Turkish', 'NORP'), ('he', 'PRON'), ('Putin', 'PERSON')]
    """
    mentions = [m for ent in doc.ents if ent.label_ in ENTITY_LABELS
                for part in _lines(ent) for m in [_entity(doc, part, article, ent.label_)]
                if m is not None]
    taken = {i for ent in doc.ents for i in range(ent.start, ent.end)}
    has_parse = doc.has_annotation("DEP")
    for token in doc:
        if token.i in taken:
            continue
        if token.lower_ in _PRONOUNS and token.tag_ in ("PRP", "PRP$"):
            mentions.append(_mention(doc, token.idx, token.idx + len(token), "PRON", article, token))
        elif has_parse and token.lower_ == "the" and token.dep_ == "det":
            span = _description(token)
            if span is not None:
                mentions.append(_mention(doc, token.idx, span.idx + len(span), "DESC", article, span))
    return sorted(mentions, key=lambda m: (m.start, m.end))


def _lines(ent) -> list:
    """An entity span cut at line breaks: NER glues a headline to the next line's name."""
    if "\n" not in ent.text:
        return [ent]
    parts, start = [], ent.start
    for token in ent:
        if "\n" in token.text or token.is_space:
            if token.i > start:
                parts.append(ent.doc[start:token.i])
            start = token.i + 1
    if start < ent.end:
        parts.append(ent.doc[start:ent.end])
    return parts


def _entity(doc: Doc, ent, article: str, label: str) -> Mention | None:
    tokens = [t for t in ent if t.tag_ != "POS" and t.text not in ("'s", "’s")]
    while tokens and tokens[0].lower_ == "the":
        tokens = tokens[1:]
    if not tokens:
        return None
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
    text = doc_text(doc)[start:end]
    for suffix in ("'s", "’s"):  # a possessive the tokenizer glued on ("Erdogan’s")
        if text.endswith(suffix) and len(text) > len(suffix) + 1:
            end -= len(suffix)
            text = text[:-len(suffix)]
    stripped = text.rstrip(_TRAILING)
    # keep the dot of "U.S." and "Ltd.", which belongs to the name
    if stripped != text and not (text.endswith(".") and "." in stripped):
        end -= len(text) - len(stripped)
    if end <= start or not doc_text(doc)[start:end].strip(_TRAILING):
        return None
    return _mention(doc, start, end, label, article, ent.root)


def _description(det: Token) -> Token | None:
    """The role-noun head of "the [modifiers] ROLE", or None."""
    head = det.head
    if head.i <= det.i or head.lower_ not in ROLE_NOUNS or head.pos_ != "NOUN":
        return None
    if any(t.pos_ not in _MODIFIER_POS for t in det.doc[det.i + 1:head.i]):
        return None  # "the president's office" is fine, "the new, young president" is skipped
    if head.i + 1 < len(det.doc) and det.doc[head.i + 1].ent_type_ == "PERSON":
        return None  # "the president Vladimir Putin": the name itself is the mention
    return head


def _mention(doc: Doc, start: int, end: int, label: str, article: str, token: Token) -> Mention:
    """A mention whose syntactic head is ``token``."""
    fields = {}
    if doc.has_annotation("DEP"):
        clause = _clause_head(token)
        above = _clause_head(clause) if clause.head.i != clause.i else None
        fields = {"dep": token.dep_, "clause": clause.idx, "verb": clause.lemma_.lower(),
                  "governor": above.idx if above is not None else -1}
    return Mention(article, start, end, doc_text(doc)[start:end], label, sentence_span(token), **fields)


_CLAUSE_POS = frozenset({"VERB", "AUX"})


def _clause_head(token: Token) -> Token:
    """The verb heading the clause ``token`` is in: its nearest verbal ancestor, else the root.

    "Blair said he left": for "he" that is "left", for "left" it is "said".
    """
    node = token
    while node.head.i != node.i:
        node = node.head
        if node.pos_ in _CLAUSE_POS and node.dep_ != "aux" and node.dep_ != "auxpass":
            return node
    return node
