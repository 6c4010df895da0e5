"""One full name, one node, whatever type NER gave it in each article.

spaCy's small model types the same name differently from article to article ("Rafael Nadal"
is a PERSON in one, an ORG in the next; "Vera Drake" an ORG, then a PERSON). Resolution keys
people by name parts and other names by their folded text, so each such name would become
two nodes. This pass joins, across articles, a non-person name group and the one person group
whose full name (two words or more, titles stripped) is the same; the node takes the type
most of its mentions have.

It never joins on a one-word name ("Jordan" the person and the country), nor when several
people carry that name (the alias file or the text kept them apart), nor when the alias file
forbids it.

>>> from kg.resolve import _Group
>>> from kg.resolve.coref import Local
>>> from kg.types import Mention
>>> def local(key, label, article):
...     return article, Local(key, [Mention(article, 0, 12, "Rafael Nadal", label)])
>>> person = _Group("person", ("rafael", "nadal"), local(("person", ("rafael", "nadal")), "PERSON", "a1"))
>>> org = _Group("name", "rafael nadal", local(("name", "rafael nadal"), "ORG", "a2"))
>>> kept = join_across_types([person, org], lambda group, local: False)
>>> [(g.kind, len(g.members)) for g in kept]
[('person', 2)]
"""

from __future__ import annotations

from collections import Counter, defaultdict

from kg.resolve.names import name_tokens

__all__ = ["join_across_types", "majority_kind"]

# The rule name a cross-type join records (kg explain shows it; its confidence is in explain).
RULE = "same-name-other-type"


def join_across_types(groups: list, forbidden) -> list:
    """``groups`` with each non-person name group of one person's full name folded into that
    person's group (see the module docstring); ``forbidden(group, local)`` is the alias
    file's veto. A group that absorbed others takes the majority kind (:func:`majority_kind`)."""
    people: dict[tuple[str, ...], list] = defaultdict(list)
    for group in groups:  # by every full name the person goes by ("Grammy Award", "... Awards")
        if group.kind == "person":
            for tokens in {local.tokens for _, local in group.members if len(local.tokens) >= 2}:
                people[tokens].append(group)
    if not people:
        return groups
    absorbed: set[int] = set()
    others: dict[int, Counter] = defaultdict(Counter)  # host -> NER labels of what it absorbed
    for group in groups:
        if group.kind != "name" or any(len(local.key) != 2 for _, local in group.members):
            continue  # countries, governments, per-article generic names: never
        tokens = {name_tokens(m.text) for _, local in group.members for m in local.mentions}
        hosts = {id(h): h for t in tokens if len(t) >= 2 for h in people.get(t, [])}
        if len(hosts) != 1:
            continue
        host = next(iter(hosts.values()))
        if any(forbidden(host, local) for _, local in group.members):
            continue
        labels = Counter(m.label for _, local in group.members for m in local.mentions)
        if not others[id(host)]:
            others[id(host)]["PERSON"] = sum(len(local.mentions) for _, local in host.members)
        others[id(host)].update(labels)
        detail = f"same full name; NER typed it {labels.most_common(1)[0][0]} there"
        for article, local in group.members:
            host.add(article, local, RULE, detail)
        host.reasons.update({k: v for k, v in group.reasons.items() if k not in host.reasons})
        absorbed.add(id(group))
    for host in {id(h): h for hs in people.values() for h in hs}.values():
        if id(host) in others:
            host.kind = majority_kind(others[id(host)])
    return [g for g in groups if id(g) not in absorbed]


def majority_kind(labels: Counter) -> str:
    """``person`` unless most mentions were typed something else: the node takes the
    best-supported type ("Vera Drake", the film, 41 ORG mentions to 3 PERSON). A person's own
    mentions (keyed as a person by NER, a title or a given name) count as PERSON.

    >>> majority_kind(Counter(ORG=41, PERSON=3)), majority_kind(Counter(ORG=1, PERSON=1))
    ('name', 'person')
    """
    person = labels.get("PERSON", 0)
    return "person" if person >= max((n for t, n in labels.items() if t != "PERSON"), default=0) else "name"
