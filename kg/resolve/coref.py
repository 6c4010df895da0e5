"""Within-article resolution: names, pronouns and descriptions -> local clusters.

A rule-based resolver over the plain mentions and the article text (no model, nothing
downloaded): coreferee and neural resolvers need spaCy versions or model downloads we can't
use. Rules, in order:

1. places and aliases: a country (``Türkiye``), a demonym (``Turkish``) or a name in the alias
   table keys its mention directly;
2. people: full names join the longest compatible full name (``Tayyip Erdogan`` ->
   ``Recep Tayyip Erdoğan``); a surname (``Putin``) or a first name (``David``) joins the
   unique full name it completes, honouring gendered titles (``Mrs Howard`` is not Michael);
3. descriptions (``the Turkish president``, :mod:`kg.resolve.descriptions`) and pronouns
   (:mod:`kg.resolve.pronouns`) join an entity only when the article makes it clear.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from kg.extract.acronyms import defined_acronym, initials_match, is_acronym
from kg.extract.wordlists import ORG_WORDS
from kg.resolve.aliases import AliasTable, builtin_aliases
from kg.resolve.descriptions import government_of
from kg.resolve.names import (PERSON_TITLES, compatible_people, first_names, fold, is_title, name_tokens,
                              person_title, title_gender)
from kg.resolve.people import PeopleIndex, full_fits, part_fits, surname
from kg.resolve.places import city_name, place_as_person, find_city, find_country, find_demonym
from kg.resolve.pronouns import link_refs
from kg.types import Mention

_SKIP_LABELS = frozenset({"PRON", "DESC", "CONCEPT"})
# One-word names that mean a different thing in each article ("the House", "the Bill"): they
# join the article's own "House of Lords" if there is one, and never merge across articles.
GENERIC_NAMES = frozenset({"house", "bill", "party", "committee", "court", "palace", "council",
                           "ministry", "department", "government", "assembly", "union", "agency"})
# One-word party names that every country has ("the Democrats" of the US, of Britain's Liberal
# Democrats, of Italy ...): they merge across articles only within one country's context.
PARTY_WORDS = frozenset({"democrat", "democrats", "republican", "republicans", "socialist",
                         "socialists", "liberal", "liberals", "greens", "green", "communist",
                         "communists", "nationalist", "nationalists"})
# "X v Y" names a match between two sides, never a person (NER tags fixtures PERSON).
_FIXTURE = frozenset({"v", "vs", "versus"})
_ROLE_WINDOW = 4  # words before a name that may be its title ("Turkish President")
# How far around a name (characters) its title and role words are looked for: a title word
# just before it ("Mr. "), a role phrase before it ("Kremlin spokesman "), an apposition after.
_TITLE_LOOKBEHIND = 12
_TITLED_LOOKBEHIND = 20
_ROLE_LOOKBEHIND = 60
_ROLE_LOOKAHEAD = 80


@dataclass(slots=True)
class Local:
    """One entity as one article sees it: its named mentions and linked pronouns/descriptions."""

    key: tuple  # ("person", tokens) | ("country", code) | ("demonym", code) | ("name", folded)
    mentions: list[Mention] = field(default_factory=list)
    refs: list[tuple[Mention, str]] = field(default_factory=list)  # (mention, rule)
    joins: list[tuple[str, str, str]] = field(default_factory=list)  # (rule, alias, detail)
    gender: str | None = None  # stated by a title or a given name
    guessed: str | None = None  # from a pronoun linked to it: weak, never keeps names apart
    roles: set[str] = field(default_factory=set)
    attributes: dict[str, set[str]] = field(default_factory=dict)  # {"title": {"Lord"}, "descriptor": {"rapper"}}

    @property
    def tokens(self) -> tuple[str, ...]:
        return self.key[1] if self.key[0] == "person" else ()


def _code_like(text: str) -> bool:
    """A name with digits, or one word in capitals, is a code or a place's name, not a
    person's, whatever NER typed: ``MI5``, ``UNHCR``, ``Perm 35``; so no "he" can refer to it.

    >>> _code_like("MI6"), _code_like("NATO"), _code_like("Perm 35"), _code_like("Tony Blair")
    (True, True, True, False)
    """
    return any(c.isdigit() for c in text) or " " not in text and len(text) >= 2 and text.isupper()


def classify(mention: Mention, aliases: AliasTable, titled: bool = False) -> tuple:
    """The key a named mention starts from (before any person matching). ``titled``: a
    person's title is written against it ("President | Bush"), so it is a person's name even
    when a city has it.

    >>> classify(Mention("a", 0, 7, "Türkiye", "GPE"), AliasTable())
    ('country', 'TR')
    >>> classify(Mention("a", 0, 7, "Turkish", "NORP"), AliasTable())
    ('demonym', 'TR')
    >>> classify(Mention("a", 0, 9, "Mr Cable", "ORG"), AliasTable())
    ('person', ('cable',))
    >>> classify(Mention("a", 0, 18, "Leeds v Arsenal", "PERSON"), AliasTable())
    ('name', 'leeds v arsenal')
    >>> classify(Mention("a", 0, 6, "Bombay", "GPE"), AliasTable())
    ('name', 'mumbai')
    """
    text = mention.text
    if (canonical := aliases.canonical(text)) is not None:
        personal = mention.label == "PERSON" and fold(canonical) not in builtin_aliases().same
        if personal or _looks_personal(canonical, name_tokens(canonical)):
            return ("person", name_tokens(canonical))  # "Erdogan = Recep Tayyip Erdoğan"
        return ("name", fold(canonical))
    if mention.label == "PERSON" and not titled and (place := place_as_person(text)) is not None:
        return place  # "Sri Lanka" tagged PERSON as a cricket side
    if mention.label != "PERSON":
        if (code := find_country(text)) is not None:
            return ("country", code)
        if (code := find_demonym(text)) is not None:
            return ("demonym", code)
        if mention.label in ("GPE", "LOC") and (city := city_name(text)) is not None:
            return ("name", city)  # "Bombay" is Mumbai: one node under the city's own name
    tokens = name_tokens(text)
    if _FIXTURE.intersection(tokens[1:-1]):
        return ("name", fold(text))  # "Brentford v Manchester United": a match, no one's name
    if (len(tokens) == 1 and not titled and tokens[0] not in first_names()
            and find_city(text) is not None and person_title(text) == ""):
        return ("name", fold(text))  # "the Brighton conference" tagged PERSON
    if tokens and (mention.label == "PERSON" and not _code_like(text) or _looks_personal(text, tokens)):
        if (canonical := aliases.canonical(" ".join(tokens))) is not None:
            return ("person", name_tokens(canonical))
        return ("person", tokens)
    key = fold(text).removeprefix("the ")
    if key in GENERIC_NAMES:
        return ("name", key, mention.article)  # "the House": this article's house only
    return ("name", key)


def _people_named_like_places(keyed: list) -> list:
    """A one-word PERSON mention keyed as a place ("Ireland", "Holland") stays a person when a
    person of the article has that name part ("Jools Holland ... Holland said").

    >>> keyed = [(Mention("a", 0, 13, "Jools Holland", "PERSON"), ("person", ("jools", "holland"))),
    ...          (Mention("a", 20, 27, "Holland", "PERSON"), ("country", "NL"))]
    >>> [k for _, k in _people_named_like_places(keyed)][1]
    ('person', ('holland',))
    """
    parts = {t for _, k in keyed if k[0] == "person" for t in k[1]}
    return [(m, ("person", (fold(m.text),)) if m.label == "PERSON" and k[0] in ("country", "demonym")
             and len(m.text.split()) == 1 and fold(m.text) in parts else k) for m, k in keyed]


def _looks_personal(text: str, tokens: tuple[str, ...]) -> bool:
    """An ORG/GPE-tagged mention that is really a person: a title, or a known first name."""
    words = text.split()
    if fold(words[-1]).strip(".") in ORG_WORDS:
        return False  # "St Nicholas Hospital", "Lincoln College": a first name on a building
    if len(words) > 1 and (title_gender(text) or fold(words[0]) in PERSON_TITLES):
        return True
    return 2 <= len(tokens) <= 3 and tokens[0] in first_names()


def cluster_article(mentions: list[Mention], text: str, aliases: AliasTable) -> list[Local]:
    """Local clusters of one article's mentions (see the module docstring for the rules).

    >>> ms = [Mention("a", 0, 14, "Vladimir Putin", "PERSON", (0, 30)),
    ...       Mention("a", 15, 17, "He", "PRON", (15, 30)),
    ...       Mention("a", 31, 36, "Putin", "PERSON", (31, 40))]
    >>> [(c.key, len(c.mentions), len(c.refs)) for c in cluster_article(ms, "", AliasTable())]
    [(('person', ('vladimir', 'putin')), 2, 1)]
    """
    named = [m for m in mentions if m.label not in _SKIP_LABELS]
    whole = split_names(named, text)
    keyed = [(m, classify(whole.get(id(m), m), aliases, _titled(m, text))) for m in named]
    keyed = _party_context(_people_named_like_places(keyed), mentions[0].article if mentions else "")
    locals_: dict[tuple, Local] = {}
    people = [(m, k) for m, k in keyed if k[0] == "person"]
    surnames = {k[1][-1] for _, k in people if len(k[1]) >= 2}
    for m, k in keyed:  # "Erdogan" tagged GPE in a headline, beside "Recep Tayyip Erdogan"
        if k[0] == "name" and " " not in k[1] and k[1] in surnames and find_country(m.text) is None:
            people.append((m, ("person", (k[1],))))
    person_ids = {id(m) for m, _ in people}
    for m, k in keyed:
        if id(m) not in person_ids:
            _local(locals_, k).mentions.append(m)
    _cluster_people(people, locals_, text, aliases)
    _join_generic(locals_)
    _join_acronyms(locals_, text)
    refs = [m for m in mentions if m.label in ("PRON", "DESC")]
    refs = [m for m in refs if not _government(m, locals_, keyed, text)]
    ordered = sorted(locals_.values(), key=lambda c: min(m.start for m in c.mentions))
    link_refs(refs, ordered, text)
    return ordered


def _join_acronyms(locals_: dict[tuple, Local], text: str) -> None:
    """"Office for National Statistics (ONS)": the article's ONS mentions join the office; so
    does an acronym of 3+ letters spelling an organisation the article named in full."""
    long_forms: dict[str, list[Local]] = {}
    for key, local in locals_.items():
        if key[0] == "name" and any(m.label == "ORG" for m in local.mentions):
            for m in local.mentions:
                if len(m.text.split()) >= 2:
                    letters = "".join(w[0] for w in m.text.split() if w[:1].isupper())
                    long_forms.setdefault(letters.upper(), []).append(local)
    for key, local in list(locals_.items()):
        if key[0] != "name" or key not in locals_:
            continue
        for m in list(local.mentions):
            acronym = defined_acronym(text, m.end, m.text)
            other = locals_.get(("name", fold(acronym))) if acronym else None
            if other is not None and other is not local:
                local.mentions += locals_.pop(("name", fold(acronym))).mentions
                local.joins.append(("acronym", acronym, f"defined as {acronym} after {m.text!r}"))
    for key, local in list(locals_.items()):
        word = local.mentions[0].text if key[0] == "name" and key in locals_ else ""
        hosts = {id(h): h for h in long_forms.get(word, []) if h is not local}
        if is_acronym(word) and len(hosts) == 1:
            host = next(iter(hosts.values()))
            if any(initials_match(word, m.text) for m in host.mentions):
                host.mentions += locals_.pop(key).mentions
                host.joins.append(("acronym", word, f"the initials of {host.mentions[0].text!r} in this article"))


# Prepositions whose object is what a sentence is about, not where: "the invasion of Iraq".
_TOPIC_PREPOSITIONS = frozenset({"of", "against", "on", "over", "about", "with"})


def _government(ref: Mention, locals_: dict[tuple, Local], keyed: list, text: str) -> bool:
    """"The (British) government": the government of the country it or the article names, a
    node of its own linked to the country, never a person. True when ``ref`` was placed."""
    if ref.label != "DESC":
        return False
    # a country written as a modifier, an object or after a topic preposition ("the Iraq
    # war", "invading Iraq", "the invasion of Iraq") is a topic, not a candidate whose
    # government acts ("freed in Kenya" is)
    code = government_of(ref, [(m, k[1]) for m, k in keyed if k[0] == "country" and m.start < ref.start
                               and m.dep not in ("compound", "dobj") and not (m.dep == "pobj" and
                               text[max(0, m.start - 12):m.start].lower().split()[-1:] in
                               [[p] for p in _TOPIC_PREPOSITIONS])])
    if code is None:
        return fold(ref.text).split()[-1] == "government"  # a government we can't place: unresolved
    local = _local(locals_, ("government", code))
    local.mentions.append(ref)
    local.joins.append(("coref-government", ref.text, f"the government of {code} named in this article"))
    return True


def _party_context(keyed: list, article: str) -> list:
    """"Democrats" keyed by the country the article is about (the one it names most, by name
    or nationality), so the US Democrats never merge with Britain's Liberal Democrats; with no
    clear country, by the article alone.

    >>> ms = [(Mention("a", 0, 2, "US", "GPE"), ("country", "US")), (Mention("a", 9, 18, "Democrats", "NORP"), ("name", "democrats"))]
    >>> [k for _, k in _party_context(ms, "a")][1]
    ('name', 'democrats', '@US')
    """
    votes = Counter(k[1] for _, k in keyed if k[0] in ("country", "demonym"))
    ranked = votes.most_common(2)
    where = ("@" + ranked[0][0]) if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]) else article
    return [(m, ("name", k[1], where) if k[0] == "name" and len(k) == 2 and k[1] in PARTY_WORDS else k)
            for m, k in keyed]


def _titled(mention: Mention, text: str) -> bool:
    """A person's title is written just before the mention ("President Bush" with NER's span
    only "Bush")."""
    before = text[max(0, mention.start - _TITLED_LOOKBEHIND):mention.start].split()
    return bool(before) and fold(before[-1]) in PERSON_TITLES and before[-1][:1].isupper()


_SPLIT_LABELS = frozenset({"ORG", "NORP"})


def split_names(named: list[Mention], text: str) -> dict[int, Mention]:
    """NER's split names made whole: ``id(part) -> Mention`` of the whole name.

    Adjacent organisation/group mentions joined by nothing but a space or a hyphen are one name
    ("Liberal" + "Democrat"), unless a part is a country or a nationality, which qualifies the
    other ("Russian" + "Defence Ministry" is two entities).

    >>> text = "The Liberal Democrat leader met Russian Defence Ministry staff."
    >>> ms = [Mention("a", 4, 11, "Liberal", "ORG"), Mention("a", 12, 20, "Democrat", "NORP"),
    ...       Mention("a", 32, 39, "Russian", "NORP"), Mention("a", 40, 56, "Defence Ministry", "ORG")]
    >>> sorted({m.text for m in split_names(ms, text).values()})
    ['Liberal Democrat']
    """
    runs: list[list[Mention]] = []
    for m in sorted(named, key=lambda m: m.start):
        prev = runs[-1][-1] if runs else None
        if (prev is not None and text[prev.end:m.start] in (" ", "-") and prev.sentence == m.sentence
                and {prev.label, m.label} <= _SPLIT_LABELS and not _qualifier(prev) and not _qualifier(m)):
            runs[-1].append(m)
        else:
            runs.append([m])
    whole = {}
    for run in (r for r in runs if len(r) > 1):
        label = "ORG" if any(m.label == "ORG" for m in run) else run[0].label
        joined = Mention(run[0].article, run[0].start, run[-1].end, text[run[0].start:run[-1].end],
                         label, run[0].sentence)
        whole.update((id(m), joined) for m in run)
    return whole


def _qualifier(m: Mention) -> bool:
    return find_country(m.text) is not None or find_demonym(m.text) is not None


def _join_generic(locals_: dict[tuple, Local]) -> None:
    for key in [k for k in locals_ if len(k) == 3]:
        word = key[1]
        first = min(m.start for m in locals_[key].mentions)
        hosts = [c for k, c in locals_.items() if k[0] == "name" and len(k) == 2 and word in k[1].split()
                 and min(m.start for m in c.mentions) < first]
        if len(hosts) == 1:  # "House" after "House of Lords" and "House of Commons": unclear
            host = hosts[0]
            host.mentions += locals_.pop(key).mentions
            host.joins.append(("short-name", host.mentions[-1].text, f"short for {host.mentions[0].text!r}"))


def _local(locals_: dict[tuple, Local], key: tuple) -> Local:
    if key not in locals_:
        locals_[key] = Local(key)
    return locals_[key]


def _cluster_people(people, locals_, text: str, aliases: AliasTable) -> None:
    """Join an article's person names by :mod:`kg.resolve.people`'s rules; where several
    people fit, the one the article introduced first (its protagonist) wins."""
    full = sorted((p for p in people if len(p[1][1]) >= 2), key=lambda p: (-len(p[1][1]), p[0].start))
    groups = PeopleIndex()  # the article's people, found by name part
    for mention, key in full:
        gender = _gender(mention, key[1], text)
        fits = full_fits(key[1], gender, groups.for_full(key[1]),
                         lambda g, m=mention: aliases.forbids(m.text, g.mentions[0].text))
        group = fits[0] if fits else None
        if group is None:
            group = _local(locals_, key)
            groups.add(group)
        elif not compatible_people(key[1], group.tokens):  # "Moon Jae", cut short, of "Moon Jae-in"
            group.joins.append(("family-name", mention.text, f"family name first, as in {group.mentions[0].text!r}"))
        elif key[1] != group.tokens:
            group.joins.append(("name-parts", mention.text, "given names and surname compatible"))
        group.gender = group.gender or gender
        _add(group, mention, text)
    for mention, key in sorted((p for p in people if len(p[1][1]) == 1), key=lambda p: p[0].start):
        part, gender = key[1][0], _gender(mention, key[1], text)
        fits, rule = part_fits(part, gender, groups.for_part(part))
        rule = "short-name" if rule == "surname" else rule
        if not fits and mention.label == "PERSON":
            # "Quentin" after "Quentin Tarantino", "Harry" after "Prince Harry"; a given name
            # kg's list lacks ("Moazzam" after "Moazzam Begg") only when one person has it
            rule = "first-name"
            fits = [g for g in groups.first_or_last(part)
                    if g.tokens[0] == part or (surname(g.tokens) is None and g.tokens[-1] == part)]
            fits = fits if part in first_names() or len(fits) == 1 else []
        if fits:  # several: the one the article introduced first is its protagonist
            group = min(fits, key=lambda g: min(m.start for m in g.mentions))
            group.joins.append((rule, mention.text, f"completes {group.mentions[0].text!r} in this article"))
        else:
            group = _local(locals_, ("person", key[1]))
            group.gender = group.gender or gender
        _add(group, mention, text)


def _gender(mention: Mention, tokens: tuple[str, ...], text: str = "") -> str | None:
    """A gender the text states: a title in the name or just before it (NER often leaves "Mr"
    out), else the given name. Pronouns are only a guess and never count here."""
    word = re.search(r"(\w+)\.? $", text[max(0, mention.start - _TITLE_LOOKBEHIND):mention.start])
    return (title_gender(mention.text) or (title_gender(f"{word.group(1)} x") if word else None)
            or (first_names().get(tokens[0]) if len(tokens) >= 2 else None))


def _add(group: Local, mention: Mention, text: str) -> None:
    group.mentions.append(mention)
    if title := person_title(mention.text):
        group.attributes.setdefault("title", set()).add(title)
    if mention.descriptor:
        group.attributes.setdefault("descriptor", set()).add(mention.descriptor)
    # the line, not the parser's sentence, bounds a title: it may cut "President | Recep ..."
    line_start = text.rfind("\n", 0, mention.start) + 1
    before = text[max(line_start, mention.start - _ROLE_LOOKBEHIND):mention.start]
    before = re.split(r"[,;:()\"“”!?]|\. ", before)[-1].split()[-_ROLE_WINDOW:]
    # only the title written against the name: "Kremlin spokesman X", not "the chancellor told X"
    title = []
    for word in reversed(before):
        if not (word[:1].isupper() or is_title(word)):
            break
        title.append(word)
    group.roles.update(fold(" ".join(title)).split())
    group.roles.update(fold(mention.text).split()[:-1])
    after = text[mention.end:mention.end + _ROLE_LOOKAHEAD]
    if after.startswith(", "):  # "Charles Michel, president of the European Council"
        group.roles.update(fold(re.split(r"[,;.]", after[2:])[0]).split()[:_ROLE_WINDOW + 2])
