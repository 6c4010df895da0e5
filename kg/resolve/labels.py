"""Node labels: the most complete name of an entity, in its native spelling."""

from __future__ import annotations

from collections import Counter, defaultdict

from kg.extract.acronyms import initials_match
from kg.resolve.aliases import AliasTable
from kg.resolve.names import fold, person_name
from kg.resolve.places import country_label

__all__ = ["node_label"]


def node_label(group, table: AliasTable) -> str:
    """The label of a node made of ``group`` (``kind``, ``key``, ``members``): a country's own
    name, a forced canonical name, else the most complete name in its native spelling."""
    surfaces = Counter(m.text for _, local in group.members for m in local.mentions)
    if group.kind == "country":
        return country_label(group.key)
    if group.kind == "government":  # "the British government": a node of its own
        return f"Government of {country_label(group.key)}"
    if group.kind == "person":
        names = Counter(person_name(text) for text in surfaces.elements())
        names.update(c for text in surfaces if (c := table.canonical(text)))  # forced: its full name
        # the most complete name (most parts, "Moon Jae-in" over "Moon Jae"; spelled out,
        # "Frank Sheehan" over "F Sheahan"), then the most used
        return _native(names, lambda f, n: (-len(f.split()), -sum(len(p) > 1 for p in f.split()), -n, f))
    canonical = next((table.canonical(t) for t in surfaces if table.canonical(t)), None)
    # an acronym the article defined gives way to its long form ("ONS" -> "Office for ...")
    spelled = {t for t in surfaces if any(initials_match(o, t) for o in surfaces if o != t)}
    if spelled:
        surfaces = Counter({t: n for t, n in surfaces.items() if t in spelled})
    return canonical or _native(surfaces, lambda f, n: (-n, -len(f), f))


def _native(counts: Counter, rank) -> str:
    """The best name by ``rank(folded, uses)``, in its native spelling: among spellings equal
    after folding, diacritics first (``Erdoğan`` over ``Erdogan``), then the most used.

    >>> _native(Counter({"Recep Tayyip Erdogan": 5, "Recep Tayyip Erdoğan": 1, "Erdogan": 9}),
    ...         lambda f, n: (-len(f.split()), -n, f))
    'Recep Tayyip Erdoğan'
    """
    folded: dict[str, list[str]] = defaultdict(list)
    for name in counts:
        folded[fold(name) or name].append(name)
    best = min(folded, key=lambda f: rank(f, sum(counts[n] for n in folded[f])))
    return min(folded[best], key=lambda n: (n.isascii(), -counts[n], n))
