"""Mentions in a parsed Doc: cleaned NER spans, 3rd-person pronouns and definite descriptions.

Three kinds, all as :class:`~kg.types.Mention` in text order:

- named entities (spaCy NER labels), cleaned (:func:`clean_parts`): one name per mention
  (coordinations and lists split), no leading "the", punctuation or lower-case words ("rang
  Lucy"), no possessive "'s", no trailing punctuation; a descriptor NER ran into a person's
  name ("Rapper X") is trimmed into ``Mention.descriptor``. Titles ("President Putin", "Lord
  X") stay; resolve keeps them as attributes.
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

from kg.extract.acronyms import defined_acronym
from kg.extract.datelines import source_line_mentions
from kg.extract.parties import party_mentions
from kg.extract.retype import retyped
from kg.extract.sentences import doc_text, sentence_bounds, sentence_span, token_offsets, token_range
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
    "city", "capital", "town", "resort", "village",  # kg.resolve.descriptions.PLACE_NOUNS
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

    >>> doc = nlp("The Turkish president said he met Putin's aide.")
    >>> [(m.text, m.label) for m in find_mentions(doc, "a")]
    [('The Turkish president', 'DESC'), ('Turkish', 'NORP'), ('he', 'PRON'), ('Putin', 'PERSON')]
    """
    names = {fold_text(ent.text) for ent in doc.ents}
    mentions = [m for ent in doc.ents if ent.label_ in ENTITY_LABELS
                for line in _lines(ent) for part, descriptor in clean_parts(line, ent.label_, names)
                for m in [_entity(doc, part, article, ent.label_, descriptor)] if m is not None]
    mentions = retyped(doc, mentions)
    def make(start, end, label, token):
        return _mention(doc, start, end, label, article, token)
    mentions = party_mentions(doc, source_line_mentions(doc, mentions, make), make)
    taken = {i for ent in doc.ents for i in range(ent.start, ent.end)}
    taken.update(i for m in mentions for i in token_range(doc, m.start, m.end))
    mentions += _repeated_names(doc, article, mentions, taken)
    has_parse = doc.has_annotation("DEP")
    text = doc_text(doc)
    for i, (start, end) in enumerate(zip(*token_offsets(doc))):
        # only a pronoun or "the" can start a mention here: the Token is built for those alone
        word = text[start:end].lower()
        if i in taken or (word != "the" and word not in _PRONOUNS):
            continue
        token = doc[i]
        if token.lower_ in _PRONOUNS and token.tag_ in ("PRP", "PRP$"):
            mentions.append(_mention(doc, token.idx, token.idx + len(token), "PRON", article, token))
        elif has_parse and token.lower_ == "the" and token.dep_ == "det":
            span = _description(token)
            if span is not None:
                mentions.append(_mention(doc, token.idx, span.idx + len(span), "DESC", article, span))
    return sorted(mentions, key=lambda m: (m.start, m.end))


_MAX_NAME_TOKENS = 5


def _repeated_names(doc: Doc, article: str, found: list[Mention], taken: set[int]) -> list[Mention]:
    """A name NER found in one place of the article is a name wherever else it is written:
    "Robben" in the headline "Kenyon denies Robben return" after "Arjen Robben" in the text,
    "Blackpool" that NER tagged in two sentences of five. The same words, capitalized, as a
    proper noun (or not at a sentence start); a person's surname counts as their name.
    ``taken`` (token indices already in a mention) is updated.

    One pass over the tokens, trying the longest known name first.
    """
    known: dict[str, str] = {}
    text = doc_text(doc)
    for m in found:
        known.setdefault(m.text, m.label)
        if acronym := defined_acronym(text, m.end, m.text):  # "… Supply (CIPS)": CIPS is a name too
            known.setdefault(acronym, m.label)
        words = m.text.split()
        if m.label == "PERSON" and len(words) >= 2 and len(words[-1]) > 2 and words[-1][:1].isupper():
            known.setdefault(words[-1], "PERSON")
    if not known:
        return []
    longest = min(_MAX_NAME_TOKENS, max(len(t.split()) for t in known))
    starts, ends = token_offsets(doc)
    sentence_starts = set(sentence_bounds(doc)[0])
    out, i, size = [], 0, len(doc)
    while i < size:
        if i in taken or not text[starts[i]:starts[i] + 1].isupper():
            i += 1
            continue
        for n in range(longest, 0, -1):
            stop = min(i + n, size)
            if any(j in taken for j in range(i, stop)):
                continue
            label = known.get(text[starts[i]:ends[stop - 1]])  # the tokens' text, as written
            if label is None or (n == 1 and i in sentence_starts and doc[i].pos_ != "PROPN"):
                continue
            out.append(_mention(doc, starts[i], ends[stop - 1], label, article, doc[i:stop].root))
            taken.update(range(i, stop))
            i += n - 1
            break
        i += 1
    return out


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


def _entity(doc: Doc, ent, article: str, label: str, descriptor: str = "") -> Mention | None:
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
    return _mention(doc, start, end, label, article, ent.root, descriptor)


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


def _mention(doc: Doc, start: int, end: int, label: str, article: str, token: Token,
             descriptor: str = "") -> Mention:
    """A mention whose syntactic head is ``token``."""
    fields = {}
    if doc.has_annotation("DEP"):
        clause = _clause_head(token)
        above = _clause_head(clause) if clause.head.i != clause.i else None
        fields = {"dep": token.dep_, "clause": clause.idx, "verb": clause.lemma_.lower(),
                  "governor": above.idx if above is not None else -1}
    if descriptor:
        fields["descriptor"] = descriptor
    return Mention(article, start, end, doc_text(doc)[start:end], label, sentence_span(token), **fields)


# Name particles that are lower-case but part of a name ("Ludwig van Beethoven", "dal Maso").
_PARTICLES = frozenset({"de", "van", "von", "der", "den", "al", "el", "bin", "ibn", "da", "di",
                        "dal", "del", "della", "du", "la", "le", "ter", "op", "y", "e", "st"})
# Words NER runs into the front of a person's name that describe them ("Rapper Eminem",
# "Tory Liam Fox"): trimmed from the name, kept as the mention's descriptor.
DESCRIPTORS = frozenset({
    "rapper", "singer", "actor", "actress", "star", "lawyer", "barrister", "solicitor", "striker",
    "midfielder", "defender", "goalkeeper", "winger", "coach", "manager", "boss", "chef",
    "author", "writer", "novelist", "poet", "director", "producer", "comedian", "presenter",
    "broadcaster", "sprinter", "athlete", "player", "skipper", "captain", "designer", "model",
    "artist", "sculptor", "photographer", "economist", "analyst", "businessman", "tycoon",
    "billionaire", "entrepreneur", "musician", "guitarist", "drummer", "composer", "dj",
    "veteran", "rookie", "champion", "holder", "spokesman", "spokeswoman", "legend", "filmmaker",
})
_PARTY_WORDS = frozenset({"tory", "labour", "conservative", "liberal", "democrat", "republican"})
_AND = frozenset({"and", "&"})


def fold_text(text: str) -> str:
    """Lower-case, single-spaced text (for "is this name written alone elsewhere?")."""
    return " ".join(text.lower().split())


def clean_parts(span, label: str, names: set[str] = frozenset()) -> list[tuple]:
    """One entity span as clean single names: ``[(span, descriptor)]``.

    Rules, for a span NER tagged as one entity:

    - a list or coordination is split into its names: always for people ("Both Mr Brown and
      Mr Blair"), at commas and brackets when every part is capitalized words
      ("Kyoto Protocol, Downing Street", "Dino Rossi (Parma)"), at "and" after a comma or when
      each side is also written alone as a name in the text (``names``, folded) — so
      "Marks and Spencer" stays whole unless "Marks" stands alone;
    - "X's Y" with a capitalized Y is two names ("Radio Five's Sportsweek");
    - leading punctuation and lower-case words go ("- Ireland", "rang Lucy", "ex-Yukos"),
      except name particles ("de", "van", "dal");
    - a descriptor word at the front of a person's name is trimmed into the descriptor
      ("Rapper Eminem" -> ("Eminem", "rapper")).

    >>> from spacy.lang.en import English
    >>> doc = English()("Both Mr Brown and Mr Blair met rang Lucy and Rapper Jay Cole (Leeds).")
    >>> [(p.text, d) for p, d in clean_parts(doc[0:6], "PERSON")]
    [('Mr Brown', ''), ('Mr Blair', '')]
    >>> [(p.text, d) for p, d in clean_parts(doc[7:9], "PERSON") + clean_parts(doc[10:16], "PERSON")]
    [('Lucy', ''), ('Jay Cole', 'rapper'), ('Leeds', '')]
    """
    tokens = list(span)
    pieces: list[list] = [[]]
    comma = False
    for i, token in enumerate(tokens):
        word = token.lower_
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if word in (",", "(", ")", ";") and (label == "PERSON" or _capitalized(tokens, label)):
            comma = comma or word == ","
            pieces.append([])
        elif word in _AND and (label == "PERSON" or comma or _both_named(span, tokens, i, names)):
            pieces.append([])
        elif (word in ("'s", "’s") and nxt is not None and nxt.text[:1].isupper() and 0 < i
              and label != "PERSON"):
            pieces.append([])
        else:
            pieces[-1].append(token)
    out = []
    for piece in pieces:
        while piece and (piece[0].is_punct or piece[0].lower_ in ("both", "and", "&") or (
                piece[0].text.islower() and piece[0].lower_ not in _PARTICLES and len(piece) > 1)):
            piece = piece[1:]
        while piece and piece[-1].is_punct and piece[-1].text != ".":
            piece = piece[:-1]
        descriptor = ""
        # a person's name, or two capitalized words left after an occupation ("Striker Ian Holt"
        # tagged ORG); party words only before a person's name ("Tory Liam Fox", not "Labour Party")
        if (len(piece) >= 2 and piece[1].text[:1].isupper()
                and ((label == "PERSON" and piece[0].lower_ in DESCRIPTORS | _PARTY_WORDS)
                     or (piece[0].lower_ in DESCRIPTORS and len(piece) >= 3 and piece[2].text[:1].isupper()))):
            descriptor, piece = piece[0].lower_, piece[1:]
        if piece:
            out.append((span.doc[piece[0].i:piece[-1].i + 1], descriptor))
    return out


_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_PLACE_LINKS = frozenset({"of", "on", "upon", "the", "la", "le", "de"})


def _capitalized(tokens, label: str = "") -> bool:
    """Every word of the span is capitalized (no "of", "for"): a list, not one long name. In
    a list of places "of" and "on" are parts of names ("Bristol, Isle of Wight")."""
    small = _AND | (_PLACE_LINKS if label in _PLACE_LABELS else frozenset())
    if tokens and tokens[0].lower_ == "the":  # "the Kyoto Protocol, Downing Street": the goes anyway
        tokens = tokens[1:]
    return all(not t.is_alpha or t.text[:1].isupper() or t.lower_ in small for t in tokens)


def _both_named(span, tokens, i: int, names: set[str]) -> bool:
    """Each side of "X and Y" is a name of its own: NER found it alone, or the article
    writes it again outside this span."""
    text = doc_text(span.doc)
    outside = text[:span.start_char] + " " + text[span.end_char:]
    sides = [span.doc[tokens[0].i:tokens[i].i].text, span.doc[tokens[i].i + 1:tokens[-1].i + 1].text]
    return all(side and (fold_text(side) in names or side in outside) for side in sides)


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
