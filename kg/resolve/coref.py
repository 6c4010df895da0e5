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
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from kg.resolve.aliases import AliasTable, builtin_aliases
from kg.resolve.names import compatible_people, family_first, fold, is_title, name_tokens, similar, title_gender
from kg.resolve.places import find_city, find_country, find_demonym
from kg.resolve.pronouns import link_refs
from kg.types import Mention

_SKIP_LABELS = frozenset({"PRON", "DESC", "CONCEPT"})
# One-word names that mean a different thing in each article ("the House", "the Bill"): they
# join the article's own "House of Lords" if there is one, and never merge across articles.
GENERIC_NAMES = frozenset({"house", "bill", "party", "committee", "court", "palace", "council",
                           "ministry", "department", "government", "assembly", "union", "agency"})
_ROLE_WINDOW = 4  # words before a name that may be its title ("Turkish President")


@lru_cache(maxsize=1)
def first_names() -> dict[str, str]:
    """Folded first name -> ``m``/``f`` (from ``data/first_names.tsv``)."""
    text = resources.files("kg.resolve").joinpath("data", "first_names.tsv").read_text("utf-8")
    return {name: row[0] for line in text.splitlines() if line and not line.startswith("#")
            for row in [line.split("\t")] for name in row[1].split()}


@dataclass(slots=True)
class Local:
    """One entity as one article sees it: its named mentions and linked pronouns/descriptions."""

    key: tuple  # ("person", tokens) | ("country", code) | ("demonym", code) | ("name", folded)
    mentions: list[Mention] = field(default_factory=list)
    refs: list[tuple[Mention, str]] = field(default_factory=list)  # (mention, rule)
    joins: list[tuple[str, str, str]] = field(default_factory=list)  # (rule, alias, detail)
    gender: str | None = None
    roles: set[str] = field(default_factory=set)

    @property
    def tokens(self) -> tuple[str, ...]:
        return self.key[1] if self.key[0] == "person" else ()


def classify(mention: Mention, aliases: AliasTable) -> tuple:
    """The key a named mention starts from (before any person matching).

    >>> classify(Mention("a", 0, 7, "Türkiye", "GPE"), AliasTable())
    ('country', 'TR')
    >>> classify(Mention("a", 0, 7, "Turkish", "NORP"), AliasTable())
    ('demonym', 'TR')
    >>> classify(Mention("a", 0, 9, "Mr Cable", "ORG"), AliasTable())
    ('person', ('cable',))
    """
    text = mention.text
    if (canonical := aliases.canonical(text)) is not None:
        personal = mention.label == "PERSON" and fold(canonical) not in builtin_aliases().same
        if personal or _looks_personal(canonical, name_tokens(canonical)):
            return ("person", name_tokens(canonical))  # "Erdogan = Recep Tayyip Erdoğan"
        return ("name", fold(canonical))
    if mention.label != "PERSON":
        if (code := find_country(text)) is not None:
            return ("country", code)
        if (code := find_demonym(text)) is not None:
            return ("demonym", code)
    tokens = name_tokens(text)
    if len(tokens) == 1 and tokens[0] not in first_names() and find_city(text) is not None:
        return ("name", fold(text))  # "the Brighton conference" tagged PERSON
    if tokens and (mention.label == "PERSON" or _looks_personal(text, tokens)):
        if (canonical := aliases.canonical(" ".join(tokens))) is not None:
            return ("person", name_tokens(canonical))
        return ("person", tokens)
    key = fold(text).removeprefix("the ")
    if key in GENERIC_NAMES:
        return ("name", key, mention.article)  # "the House": this article's house only
    return ("name", key)


_PERSON_TITLES = frozenset({"gen", "general", "dr", "president", "prof", "judge", "sir", "lord"})


def _looks_personal(text: str, tokens: tuple[str, ...]) -> bool:
    """An ORG/GPE-tagged mention that is really a person: a title, or a known first name."""
    words = text.split()
    if len(words) > 1 and (title_gender(text) or fold(words[0]) in _PERSON_TITLES):
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
    keyed = [(m, classify(whole.get(id(m), m), aliases)) for m in named]
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
    ordered = sorted(locals_.values(), key=lambda c: min(m.start for m in c.mentions))
    link_refs([m for m in mentions if m.label in ("PRON", "DESC")], ordered, text)
    return ordered


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
    full = sorted((p for p in people if len(p[1][1]) >= 2), key=lambda p: (-len(p[1][1]), p[0].start))
    groups: list[Local] = []
    for mention, key in full:
        gender = _gender(mention, key[1], text)
        group = next((g for g in groups if compatible_people(key[1], g.tokens)
                      and _gender_ok(g.gender, gender) and not aliases.forbids(mention.text, g.mentions[0].text)), None)
        if group is None:  # "Moon Jae", cut short by the tagger, of "Moon Jae-in"
            longer = [g for g in groups if family_first(key[1], g.tokens)]
            group = longer[0] if len(longer) == 1 else None
            if group is not None:
                group.joins.append(("family-name", mention.text, f"family name first, as in {group.mentions[0].text!r}"))
        if group is None:
            group = _local(locals_, key)
            groups.append(group)
        elif key[1] != group.tokens:
            group.joins.append(("name-parts", mention.text, "given names and surname compatible"))
        group.gender = group.gender or gender
        _add(group, mention, text)
    for mention, key in sorted((p for p in people if len(p[1][1]) == 1), key=lambda p: p[0].start):
        part, gender = key[1][0], _gender(mention, key[1], text)
        fits = [g for g in groups if _gender_ok(g.gender, gender) and similar(part, g.tokens[-1], 90)]
        rule = "short-name"
        if not fits:  # "Kim" of "Kim Jong Un": only when one such name could be meant
            fits, rule = [g for g in groups if family_first(key[1], g.tokens)], "family-name"
            fits = fits if len(fits) == 1 else []
        if not fits and mention.label == "PERSON" and part in first_names():
            rule = "first-name"
            fits = [g for g in groups if g.tokens[0] == part]
        if fits:  # several: the one the article introduced first is its protagonist
            group = min(fits, key=lambda g: min(m.start for m in g.mentions))
            group.joins.append((rule, mention.text, f"completes {group.mentions[0].text!r} in this article"))
        else:
            group = _local(locals_, ("person", key[1]))
            group.gender = group.gender or gender
        _add(group, mention, text)


def _gender(mention: Mention, tokens: tuple[str, ...], text: str = "") -> str | None:
    """From a title in the name or just before it (NER often leaves "Mr" out), else the first name."""
    word = re.search(r"(\w+)\.? $", text[max(0, mention.start - 12):mention.start])
    return (title_gender(mention.text) or (title_gender(f"{word.group(1)} x") if word else None)
            or (first_names().get(tokens[0]) if len(tokens) >= 2 else None))


def _gender_ok(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a == b


def _add(group: Local, mention: Mention, text: str) -> None:
    group.mentions.append(mention)
    # the line, not the parser's sentence, bounds a title: it may cut "President | Recep ..."
    line_start = text.rfind("\n", 0, mention.start) + 1
    before = text[max(line_start, mention.start - 60):mention.start]
    before = re.split(r"[,;:()\"“”!?]|\. ", before)[-1].split()[-_ROLE_WINDOW:]
    # only the title written against the name: "Kremlin spokesman X", not "the chancellor told X"
    title = []
    for word in reversed(before):
        if not (word[:1].isupper() or is_title(word)):
            break
        title.append(word)
    group.roles.update(fold(" ".join(title)).split())
    group.roles.update(fold(mention.text).split()[:-1])
    after = text[mention.end:mention.end + 80]
    if after.startswith(", "):  # "Charles Michel, president of the European Council"
        group.roles.update(fold(re.split(r"[,;.]", after[2:])[0]).split()[:_ROLE_WINDOW + 2])
