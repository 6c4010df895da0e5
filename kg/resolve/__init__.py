"""Resolve stage: mentions across articles -> one node per real-world entity.

:func:`resolve` first clusters each article on its own (:mod:`kg.resolve.coref`: names,
pronouns, descriptions), then joins the local clusters across articles: countries by ISO code
(:mod:`kg.resolve.places`), people by compatible name parts after folding and title stripping
(:mod:`kg.resolve.names`), a lone surname (or a leading family name, "Kim") by the unique full
name it completes, other names by their folded form or a close spelling. Every alias records why it joined (``MergeReason``).
Node ids are slugs of the label, so they are readable and the same for the same input in any
article order.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Sequence

from kg.extract.wordlists import PARTY_NAMES
from kg.resolve.aliases import AliasTable, builtin_aliases, load_aliases
from kg.resolve.coref import Local, cluster_article
from kg.resolve.crosstype import join_across_types
from kg.resolve.labels import node_label
from kg.resolve.names import (ORG_THRESHOLD, SURNAME_THRESHOLD, close_to, first_names, fold, similar, slug,
                              strip_titles)
from kg.resolve.people import full_fits, part_fits, surname
from kg.resolve.places import (city_same_as, country_same_as, find_city,
                               find_country)
from kg.types import ArticleFacts, Entity, Mention, MergeReason, Resolution

__all__ = ["resolve", "load_aliases", "AliasTable"]

_TYPE_ORDER = ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW")
_PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})
# Names shorter than this never join by a close spelling: "Iran"/"Iraq" are one letter apart.
FUZZY_MIN_LENGTH = 8


class _Group:
    """Local clusters (from any article) found to be one entity."""

    def __init__(self, kind: str, key, first: tuple[str, Local]):
        self.kind, self.key = kind, key
        self.members: list[tuple[str, Local]] = []
        self.reasons: dict[str, MergeReason] = {}
        self.add(*first)

    def add(self, article: str, local: Local, rule: str = "", detail: str = "") -> None:
        self.members.append((article, local))
        if rule:
            alias = local.mentions[0].text
            self.reasons.setdefault(alias, MergeReason(rule, alias, "", f"{detail} ({article})"))

    @property
    def tokens(self) -> tuple[str, ...]:
        return self.members[0][1].tokens

    @property
    def gender(self) -> str | None:
        votes = Counter(local.gender for _, local in self.members if local.gender)
        return votes.most_common(1)[0][0] if votes else None

    def names(self) -> set[str]:
        return {fold(strip_titles(m.text)) for _, local in self.members for m in local.mentions}


def resolve(articles: Sequence[ArticleFacts], *, aliases: AliasTable | None = None,
            clusters: Callable[[ArticleFacts, AliasTable], list[Local]] | None = None) -> Resolution:
    """Map every mention ``(article, start, end)`` to a node id and build the nodes.

    Args:
        articles: extraction output, one per article.
        aliases: user rules forcing or forbidding merges (:func:`load_aliases`).
        clusters: one article's local clusters given the alias table (default
            :func:`kg.resolve.coref.cluster_article`; an update passes one that reuses
            what the last save clustered, :mod:`kg.cache`). The joins across articles
            always run over every article.

    Returns:
        A :class:`~kg.types.Resolution`; pronouns and descriptions with no clear antecedent
        are absent from ``node_of``.

    >>> from kg.types import Article, Mention
    >>> def facts(aid, *names):
    ...     ms = [Mention(aid, i * 30, i * 30 + len(n), n, label, (0, 200)) for i, (n, label) in enumerate(names)]
    ...     return ArticleFacts(Article(aid, ""), ms)
    >>> r = resolve([facts("a", ("Recep Tayyip Erdoğan", "PERSON"), ("Türkiye", "GPE")),
    ...              facts("b", ("Erdogan", "PERSON"), ("Turkey", "GPE"), ("Turkish", "NORP"))])
    >>> sorted(r.entities), r.node_of[("b", 0, 7)]
    (['recep-tayyip-erdogan', 'turkey', 'turkish'], 'recep-tayyip-erdogan')
    >>> r.entities["turkish"].related
    [('nationality', 'turkey')]
    """
    table = builtin_aliases().update(aliases) if aliases else builtin_aliases()
    found: list[tuple[str, Local]] = []
    for facts in sorted(articles, key=lambda f: f.article.id):
        local_clusters = clusters(facts, table) if clusters else \
            cluster_article(facts.mentions, facts.article.text, table)
        for local in local_clusters:
            found.append((facts.article.id, local))
    exact = _exact_names([f for f in found if f[1].key[0] != "person"])
    groups = _group_people([f for f in found if f[1].key[0] == "person"], table, exact)
    groups += _group_names(exact, table)
    groups = join_across_types(groups, lambda g, local: _forbidden(g, local, table))
    resolution = Resolution()
    _name_entities(groups, resolution, table)
    for facts in articles:  # concepts: named by their lemma, never merged with entities
        owners = _possessive_pronouns(facts, resolution)
        for m in facts.mentions:
            if m.label == "CONCEPT" or _unplaced_government(m, resolution):
                # a phrase's key names it; a generic one's carries its article ("plan@a1")
                name = m.key or m.lemma or m.text
                if m.label == "DESC":
                    name = f"government@{m.article}"
                owner = owners.get(_end_before(facts.article.text, m.start)) \
                    if owners and m.label == "CONCEPT" and name.endswith("@" + m.article) else None
                if owner is not None:  # "his claims" -> "Michael Ancram's claim"
                    name = f"{resolution.entities[owner].label}'s {name.split('@')[0]}"
                node = f"concept-{slug(name)}"
                label = name.split("@")[0]
                entity = resolution.entities.setdefault(node, Entity(node, label, "CONCEPT"))
                if m.text not in entity.aliases:
                    entity.aliases.append(m.text)
                resolution.node_of[(m.article, m.start, m.end)] = node
                if owner is not None:
                    resolution.possessors[node] = owner
    return resolution


def _end_before(text: str, start: int) -> int:
    """Where the word before ``start`` ends (the whitespace before ``start`` skipped)."""
    while start > 0 and text[start - 1].isspace():
        start -= 1
    return start


_POSSESSIVE_PRONOUNS = frozenset({"his", "her", "its", "their"})
_OWNER_TYPES = frozenset({"PERSON", "ORG", "GPE", "NORP"})


def _possessive_pronouns(facts: ArticleFacts, resolution: Resolution) -> dict[int, str]:
    """End offset -> entity of each resolved possessive pronoun in an article: a generic
    phrase right after one is that entity's (``his donations``, resolved ``his`` = Duncan
    Bannatyne -> ``Duncan Bannatyne's donation``), so the phrase says whose, as a written
    possessor does (``Assad's survival``)."""
    out = {}
    for m in facts.mentions:
        if m.label == "PRON" and m.text.lower() in _POSSESSIVE_PRONOUNS and \
                (node := resolution.node(m)) is not None and resolution.entities[node].type in _OWNER_TYPES:
            out[m.end] = node
    return out


def _unplaced_government(m: Mention, resolution: Resolution) -> bool:
    """"The government" of a country the article never names (a British paper's "the
    government" in an article about tax): no country's government node, and no person, but
    still the actor of its article's facts; a phrase node of that article, ``government``.
    """
    return m.label == "DESC" and (m.article, m.start, m.end) not in resolution.node_of and \
        fold(m.text).split()[-1:] == ["government"]


def _group_people(found: list[tuple[str, Local]], table: AliasTable,
                  names: dict[tuple, _Group]) -> list[_Group]:
    """Join people across articles by :mod:`kg.resolve.people`'s rules: a name joins the one
    person it fits, else (none, or several it could be) it is its own node."""
    full = sorted((f for f in found if len(f[1].tokens) >= 2), key=lambda f: (-len(f[1].tokens), f[1].tokens, f[0]))
    by_last: dict[str, list[_Group]] = defaultdict(list)  # last name part -> people
    by_surname: dict[str, list[_Group]] = defaultdict(list)
    by_first: dict[str, list[_Group]] = defaultdict(list)
    by_initial: dict[str, list[str]] = defaultdict(list)  # last parts by first letter: no scan of all
    groups: list[_Group] = []
    for article, local in full:
        def forbids(g, local=local):
            return _forbidden(g, local, table)
        last = local.tokens[-1]
        near = [g for s in close_to(last, by_initial[last[:1]], SURNAME_THRESHOLD) for g in by_last[s]]
        near += by_first[local.tokens[0]]
        fits = {id(g): g for g in full_fits(local.tokens, local.gender, near, forbids)}
        if len(fits) > 1:  # "Manuel Barroso" fits "Jose Manuel Barroso" too: the same name wins
            fits = {k: g for k, g in fits.items() if g.tokens == local.tokens} or fits
        if len(fits) == 1:
            group = next(iter(fits.values()))
            same = local.tokens == group.tokens
            group.add(article, local, "same-name" if same else "name-parts",
                      f"{' '.join(local.tokens)!r} ~ {' '.join(group.tokens)!r}")
        else:  # none, or several people it could be: its own node
            group = _Group("person", local.tokens, (article, local))
            groups.append(group)
            if last not in by_last:
                by_initial[last[:1]].append(last)
            by_last[last].append(group)
            by_first[local.tokens[0]].append(group)
            if (name := surname(local.tokens)) is not None:
                by_surname[name].append(group)
    singles = sorted((f for f in found if len(f[1].tokens) == 1), key=lambda f: (f[1].tokens, f[0]))
    alone: dict[tuple, _Group] = {}
    for article, local in singles:
        part = local.tokens[0]
        fits, rule = part_fits(part, local.gender, by_surname.get(part, []) + by_first.get(part, []),
                               lambda g, local=local: _forbidden(g, local, table), fuzzy=False)
        fits = list({id(g): g for g in fits}.values())
        if len(fits) == 1:  # "Mr Howard" in an article with no full name: the unique Howard
            detail = (f"the only person named {part!r}" if rule == "surname"
                      else f"the only person whose family name is {part!r}")
            fits[0].add(article, local, "surname-unique" if rule == "surname" else rule, detail)
            continue
        if rule == "surname" and (best := _dominant(fits)) is not None:
            best.add(article, local, "surname-dominant",
                     f"the {part!r} of {_articles(best)} articles; any other {part!r} of at most "
                     f"{max(_articles(g) for g in fits if g is not best)}")
            continue
        # a bare first name ("Bill", "David") names someone else in every article
        key = (part, local.gender, article if part in first_names() else "")
        if local.gender is None and ("name", part) in names:
            names[("name", part)].add(article, local, "type-majority", "NER called it a person here")
            continue
        if key in alone:
            alone[key].add(article, local)
        else:
            alone[key] = _Group("person", local.tokens, (article, local))
            groups.append(alone[key])
    return groups


_DOMINANT_ARTICLES, _DOMINANT_RATIO = 10, 10


def _articles(group: _Group) -> int:
    return len({article for article, _ in group.members})


def _dominant(people: list[_Group]) -> _Group | None:
    """Of several people a lone surname fits, the one a corpus is about, if one is: named in
    at least 10 articles and in 10 times as many as any other. A "Mr Lee" in an article that
    names no Lee in full, when the corpus has "Tom Lee" in 300 articles and "Ann Lee" in 2,
    is Tom Lee, as any reader of that corpus takes it; with no such lead it stays apart.

    >>> from types import SimpleNamespace as L
    >>> tom = _Group("person", ("tom", "lee"), ("a0", L(mentions=[], tokens=("tom", "lee"))))
    >>> for i in range(1, 30): tom.add(f"a{i}", L(mentions=[], tokens=("tom", "lee")))
    >>> ann = _Group("person", ("ann", "lee"), ("b0", L(mentions=[], tokens=("ann", "lee"))))
    >>> _dominant([tom, ann]) is tom, _dominant([ann, ann])
    (True, None)
    """
    ranked = sorted(people, key=_articles, reverse=True)
    first, second = _articles(ranked[0]), _articles(ranked[1])
    return ranked[0] if first >= _DOMINANT_ARTICLES and first >= _DOMINANT_RATIO * second else None


def _forbidden(group: _Group, local: Local, table: AliasTable) -> bool:
    if not table.different:
        return False
    names = {fold(strip_titles(m.text)) for m in local.mentions}
    return any(table.forbids(a, b) for a in group.names() for b in names)


def _exact_names(found: list[tuple[str, Local]]) -> dict[tuple, _Group]:
    exact: dict[tuple, _Group] = {}
    for article, local in sorted(found, key=lambda f: (f[1].key, f[0])):
        if local.key in exact:
            exact[local.key].add(article, local)
        else:
            exact[local.key] = _Group(local.key[0], local.key[1], (article, local))
    return exact


def _group_names(exact: dict[tuple, _Group], table: AliasTable) -> list[_Group]:
    # close spellings of one organisation ("Defense"/"Defence Ministry"): same first word
    by_first: dict[str, list[_Group]] = defaultdict(list)
    merged: list[_Group] = []
    for key in sorted(exact):
        group = exact[key]
        if group.kind == "name" and len(key) == 2 and len(key[1]) >= FUZZY_MIN_LENGTH and table.canonical(key[1]) is None:
            fits = [g for g in by_first[key[1].split()[0]] if similar(g.key, key[1], ORG_THRESHOLD)
                    and _type(g) == _type(group) and not _forbidden(g, group.members[0][1], table)]
            if fits:
                for article, local in group.members:
                    fits[0].add(article, local, "fuzzy", f"{key[1]!r} ~ {fits[0].key!r}")
                continue
            by_first[key[1].split()[0]].append(group)
        merged.append(group)
    return merged


def _type(group: _Group) -> str:
    votes = Counter(m.label for _, local in group.members for m in local.mentions)
    if group.kind == "person":
        return "PERSON"
    if group.kind == "country":
        return "GPE"
    if group.kind == "government":
        return "ORG"
    if any(m.text in PARTY_NAMES for _, local in group.members for m in local.mentions):
        return "ORG"  # "Lib Dem" often tagged a person: a party's name is an organisation's
    best = max(votes.values())
    return min((t for t, n in votes.items() if n == best),
               key=lambda t: _TYPE_ORDER.index(t) if t in _TYPE_ORDER else len(_TYPE_ORDER))


def _name_entities(groups: list[_Group], resolution: Resolution, table: AliasTable) -> None:
    types = {id(g): _type(g) for g in groups}  # a vote over every mention: once per group
    labelled = sorted(((node_label(g, table), g) for g in groups),
                      key=lambda lg: (slug(lg[0]), types[id(lg[1])], min((a, l.mentions[0].start) for a, l in lg[1].members)))
    taken: set[str] = set()
    ids: dict[int, str] = {}
    for label, group in labelled:
        base = slug(label)
        node, n = base, 1
        while node in taken or node.startswith("concept-"):
            n += 1
            node = f"{base}-{n}"
        taken.add(node)
        ids[id(group)] = node
    countries = {g.key: ids[id(g)] for _, g in labelled if g.kind == "country"}
    article_countries: dict[str, set[str]] = defaultdict(set)  # article -> ISO codes it names
    for _, g in labelled:
        if g.kind in ("country", "demonym"):
            for article, _local in g.members:
                article_countries[article].add(g.key)
    for label, group in labelled:
        node = ids[id(group)]
        entity = Entity(node, label, types[id(group)])
        _fill(entity, group, table, countries, article_countries)
        resolution.entities[node] = entity
        for article, local in group.members:
            for m in local.mentions + [r for r, _ in local.refs]:
                resolution.node_of[(m.article, m.start, m.end)] = node


def _fill(entity: Entity, group: _Group, table: AliasTable, countries: dict[str, str],
          article_countries: dict[str, set[str]]) -> None:
    from kg.resolve.explain import confidence, reason_for  # post-hoc reasons live with the explainer

    for article, local in group.members:
        for m in local.mentions:
            if m.text not in entity.aliases:
                entity.aliases.append(m.text)
        for rule, alias, detail in local.joins:
            group.reasons.setdefault(alias, MergeReason(rule, alias, "", f"{detail} ({article})"))
        for ref, rule in local.refs:
            key = f"{rule}:{ref.text.lower()}"
            group.reasons.setdefault(key, MergeReason(rule, ref.text, "", f"antecedent in this article ({article})"))
        for name, values in local.attributes.items():
            have = entity.attributes.setdefault(name, [])
            have += sorted(v for v in values if v not in have)
    for alias in entity.aliases:
        if alias != entity.label:
            reason = group.reasons.get(alias) or reason_for(alias, entity, group.kind, table)
            entity.reasons.append(MergeReason(reason.rule, alias, entity.label, reason.detail,
                                              confidence(reason.rule, alias, entity.label)))
    entity.reasons += [MergeReason(r.rule, r.alias, entity.label, r.detail, confidence(r.rule, r.alias, entity.label))
                       for k, r in group.reasons.items() if k.startswith("coref-")]
    if group.kind == "country":
        entity.same_as = country_same_as(group.key)
    elif group.kind == "demonym" and group.key in countries:
        entity.related.append(("nationality", countries[group.key]))
    elif group.kind == "government" and group.key in countries:
        entity.related.append(("governmentOf", countries[group.key]))
    elif group.kind == "name" and entity.type in _PLACE_TYPES | {"PERSON"} and find_country(entity.label) is None:
        place = find_city(entity.label)
        named = set().union(*(article_countries.get(a, set()) for a, _ in group.members))
        # the text must support the reading: its country is named in an article that names it
        # ("Kent" in a British article is not Kent, Washington)
        if place is not None and place.code in named:
            entity.type = "GPE"  # the gazetteer beats NER's "Ankara" PERSON
            entity.same_as = city_same_as(place)
            if place.code in countries:
                entity.related.append(("locatedIn", countries[place.code]))
