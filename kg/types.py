"""Plain dataclasses passed between the pipeline stages.

read -> :class:`Article`; extract -> :class:`ArticleFacts` (its :class:`Mention` and
:class:`Fact` objects); resolve -> :class:`Resolution`; merge -> a networkx graph.
They hold text and character offsets only, never spaCy objects, so they pickle across
processes and outlive the Doc they came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from operator import attrgetter


def _pickled_by_fields(cls):
    """Pickle a frozen slots dataclass as its class and its field values, unpickled by
    ``cls(*values)``: Python's own way for such classes (dataclasses' ``__setstate__``, one
    ``object.__setattr__`` per field in a Python loop) took half the time of an update's
    reuse of saved clusters and a sizeable share of moving articles between processes;
    this way pickles in half the time and loads in two thirds.

    >>> import pickle
    >>> m = Mention("a1", 0, 5, "Putin", "PERSON", (0, 12))
    >>> pickle.loads(pickle.dumps(m)) == m
    True
    """
    names = [f.name for f in fields(cls)]
    assert all(f.init and not f.kw_only for f in fields(cls)) and len(names) > 1, cls
    values = attrgetter(*names)

    def __reduce__(self):
        return cls, values(self)

    cls.__reduce__ = __reduce__
    return cls


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class Article:
    """One news article: ``id`` is its file's stem (or the JSONL ``id``).

    >>> Article(id="a1", text="Erdoğan met Putin.", date="2020-03-05").id
    'a1'
    """

    id: str
    text: str
    title: str | None = None
    date: str | None = None  # ISO date (YYYY-MM-DD) of publication, when known
    url: str | None = None
    source: str | None = None  # the file it was read from
    # Metadata spans (a "date 2020-03-02" marker) the parser must not read as prose; offsets
    # everywhere still point into ``text``, so they are blanked, not cut.
    masked: tuple[tuple[int, int], ...] = ()
    original_id: str | None = None  # the id as written, when read had to make it safe (kg.hygiene)
    outlet: str | None = None  # who published it: the JSONL "source" (kg.events counts sources)

    def parse_text(self) -> str:
        """``text`` with the masked spans replaced by spaces (same length, same offsets).

        >>> Article("a", "date 2020-03-02 Putin met Erdoğan.", masked=((0, 16),)).parse_text()
        '                Putin met Erdoğan.'
        """
        text = self.text
        for start, end in self.masked:
            text = text[:start] + " " * (end - start) + text[end:]
        return text


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class Phrase:
    """A stretch of the article text: ``text == article.text[start:end]`` (whitespace kept).

    ``head`` is the character span of the phrase's syntactic head token, which links an
    argument like ``his Russian counterpart, Vladimir Putin`` to the entity it names.
    """

    text: str
    start: int
    end: int
    head: tuple[int, int]


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class Extraction:
    """One Open IE tuple: ``arg1 | relation | arg2 [| extra...]``.

    ``relation`` is the surface predicate as written (``is set to meet with``); ``lemma`` its
    normalized event type (``meet``, see :mod:`kg.extract.relations`). ``extras`` are the
    n-ary complements, each paired with a role (``time``, ``place`` or ``other``).
    ``modality`` is None for asserted facts, else ``planned``, ``intended``, ``possible`` ...;
    ``attribution`` is the speaker of reported speech (``Kalın said that ...``).
    """

    sentence: tuple[int, int]
    relation: str
    lemma: str
    arg1: Phrase | None
    arg2: Phrase | None = None
    extras: tuple[tuple[str, Phrase], ...] = ()
    negated: bool = False
    modality: str | None = None
    attribution: Phrase | None = None
    confidence: float = 1.0
    pattern: str = ""
    verb: tuple[int, int] | None = None  # character span of the predicate's head word

    def parts(self) -> list[str]:
        """Relation and argument texts in the order ``kg extract --sentences`` writes them."""
        args = [self.arg1.text if self.arg1 else "", self.arg2.text if self.arg2 else ""]
        args += [phrase.text for _, phrase in self.extras]
        while len(args) > 1 and not args[-1]:
            args.pop()
        return [self.relation, *args]


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class Mention:
    """One mention of an entity in an article (character offsets into the article text).

    ``label`` is the entity type (spaCy's NER labels, plus ``CONCEPT`` for a noun-phrase head
    standing in an argument slot no entity fills, and ``PRON``/``DESC`` for pronouns and
    definite descriptions that coreference links to an entity).
    """

    article: str
    start: int
    end: int
    text: str
    label: str
    sentence: tuple[int, int] = (0, 0)
    lemma: str | None = None  # for concepts: the head lemma (``meeting``); ``key`` names the node
    # Where the mention sits in the parse, for coreference (plain values; -1/"" without a parse):
    # ``dep`` of its head token ("nsubj", "poss", "dobj" ...), the character offset and lemma of
    # the verb heading its clause, and the offset of the verb heading the clause above that one.
    # "Blair said he left": he.governor == Blair.clause and Blair.verb == "say".
    dep: str = ""
    clause: int = -1
    verb: str = ""
    governor: int = -1
    # A descriptor NER ran into the name and extraction trimmed off ("Rapper" of "Rapper X").
    descriptor: str = ""
    # For concepts: the phrase key that names the node (kg.extract.phrases): the phrase's words,
    # "@article" appended for a generic one ("plan@a1") so it never joins two articles.
    key: str | None = None


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class Fact:
    """An extraction whose arguments are linked to mentions: ``subject -relation-> object``.

    Polarity and scope, for consumers that build on facts (events, the page, RDF):

    * ``negated``: the text says it did not happen, or denies it (``denied accusing Germany``),
      in the fact's own clause or in a clause governing it (``does not mean X should ...``).
    * ``modality``: None for a plain assertion; else ``planned``, ``intended``, ``future``,
      ``expected``, ``possible``, ``necessary``, ``urged`` (``was urged to``), ``conditional``
      (``if ...``). A fact with a modality is never a plain positive edge.
    * ``attribution``: who said it (``Davis said ...``), as written, or None.
    * ``date``: ISO date of the event (``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``) or None;
      ``date_precision`` is ``day``/``month``/``year`` accordingly; ``date_source`` is ``text``
      when the clause names the date (resolved against the article's date for relative
      expressions such as ``last week``) and ``article`` when ``date`` is only the article's
      own date, a fallback that says nothing about when the event happened.
    * ``role``: for typed relations, the title that states them (``president`` for
      ``Erdoğan work_for Turkey``).
    """

    article: str
    subject: Mention
    relation: str  # normalized lemma, e.g. "meet"
    object: Mention
    predicate: str  # surface predicate, e.g. "is set to meet with"
    sentence: tuple[int, int]
    date: str | None = None  # ISO date of the event
    date_source: str = "article"  # "text" when the clause names the date, else "article"
    negated: bool = False
    modality: str | None = None
    attribution: str | None = None
    place: str | None = None
    confidence: float = 1.0
    pattern: str = ""
    date_precision: str | None = None  # "day", "month" or "year" (None without a date)
    role: str | None = None


@dataclass(slots=True)
class ArticleFacts:
    """What extraction found in one article."""

    article: Article
    mentions: list[Mention] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class MergeReason:
    """Why two surface forms share a node: rule name plus a human-readable detail."""

    rule: str
    alias: str
    target: str
    detail: str = ""
    confidence: float = 1.0  # how sure the rule is, 0-1 (``kg explain OUT --doubtful`` sorts by it)


@dataclass(slots=True)
class Entity:
    """A resolved node: one real-world entity."""

    id: str
    label: str
    type: str
    aliases: list[str] = field(default_factory=list)
    reasons: list[MergeReason] = field(default_factory=list)
    same_as: list[str] = field(default_factory=list)  # external IRIs (ISO 3166, GeoNames, ...)
    related: list[tuple[str, str]] = field(default_factory=list)  # (predicate, entity id), e.g. ("locatedIn", "turkey")
    attributes: dict[str, list[str]] = field(default_factory=dict)  # {"title": ["Lord"], "occupation": ["rapper"]}


@dataclass(slots=True)
class Resolution:
    """Output of resolve: every mention mapped to a node id, and the nodes themselves."""

    node_of: dict[tuple[str, int, int], str] = field(default_factory=dict)  # (article, start, end) -> id
    entities: dict[str, Entity] = field(default_factory=dict)
    # phrase node -> the entity a possessive pronoun in it names ("his claims" -> its "he")
    possessors: dict[str, str] = field(default_factory=dict)

    def node(self, mention: Mention) -> str | None:
        return self.node_of.get((mention.article, mention.start, mention.end))
