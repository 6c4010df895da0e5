"""Name normalization and comparison: folding, title stripping, name-part compatibility.

Everything here works on plain strings, so the same rules apply within an article and across
articles. ``fold`` makes transliterations equal (``Erdoğan`` = ``Erdogan``), ``strip_titles``
removes honorifics and roles (``Turkish President``, ``Mr``), and ``compatible_people``
decides whether two person names can be one person (``Tayyip Erdogan`` = ``Recep Tayyip
Erdoğan``, but ``Bill Clinton`` != ``Hillary Clinton``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from anyascii import anyascii
from rapidfuzz import fuzz, process

__all__ = ["fold", "slug", "strip_titles", "name_tokens", "title_gender", "is_title", "family_first",
           "compatible_people", "similar", "close_to", "first_names", "genders_agree", "person_title", "person_name",
           "PERSON_PART_THRESHOLD", "SURNAME_THRESHOLD", "ORG_THRESHOLD"]

# Per-type fuzzy thresholds (rapidfuzz ratio, 0-100) on folded strings. Name parts are short,
# so one letter is a big share: "dmitry"/"dmitriy" scores 92, "bill"/"hillary" 55.
PERSON_PART_THRESHOLD = 85
# A lone surname ("Peskov") and the surname of a full name: stricter, a surname alone has no
# given name to back it up ("dmitriev"/"dmitriyev" 94 passes, "brown"/"browne" 91 too, "bush"/"rush" 75 not).
SURNAME_THRESHOLD = 90
ORG_THRESHOLD = 93

_MALE = frozenset({"mr", "sir", "lord", "mister", "king", "prince", "monsieur", "herr"})
_FEMALE = frozenset({"mrs", "ms", "miss", "lady", "baroness", "dame", "madam", "queen",
                     "princess", "madame", "frau", "duchess", "countess"})
# Titles that go with a given name ("Prince Edward", "Sir Elton", "Queen Elizabeth"): with one,
# the given name alone is no identity, so the title stays in the name's key.
_GIVEN_NAME_TITLES = frozenset({"prince", "princess", "king", "queen", "pope", "sheikh", "emir",
                                "sir", "dame", "lady", "saint", "st", "duke", "duchess", "sultan",
                                "tsar", "archduke", "infanta", "crown"})
# Titles that make the name after them a person's, whatever NER said ("Cardinal X" tagged ORG).
PERSON_TITLES = _MALE | _FEMALE | frozenset({
    "gen", "general", "dr", "president", "prof", "professor", "judge", "archbishop", "cardinal",
    "bishop", "rabbi", "imam", "ayatollah", "sheikh", "emir", "rev", "reverend", "sen", "senator",
    "gov", "lt", "col", "colonel", "capt", "sgt", "adm", "admiral", "marshal", "pope", "duke",
    "baron", "earl"})
# Words that may stand before (or after) a name without being part of it. Nationality
# adjectives in front ("Turkish President") are removed by the capitalized-role rule below.
_TITLES = _MALE | _FEMALE | frozenset({
    "dr", "prof", "professor", "rev", "reverend", "president", "vice", "prime", "minister",
    "premier", "chancellor", "secretary", "spokesman", "spokeswoman", "spokesperson",
    "presidential", "leader", "chairman", "chairwoman", "governor", "mayor", "senator", "sen",
    "rep", "gen", "general", "col", "colonel", "capt", "captain", "lt", "sgt", "adm", "admiral",
    "judge", "justice", "ambassador", "envoy", "pope", "sheikh", "emir", "crown", "speaker",
    "deputy", "foreign", "defence", "defense", "home", "interior", "finance", "shadow",
    "former", "ex", "chief", "executive", "ceo", "director", "commissioner", "mp", "mep", "qc",
    "jr", "sr", "st", "honourable", "hon", "counterpart", "officials", "official", "co",
    "archbishop", "cardinal", "bishop", "rabbi", "imam", "ayatollah", "marshal", "duke", "duchess",
    "earl", "baron", "countess", "sultan", "saint", "gov",
})
# Common Korean, Chinese and Vietnamese family names, which English news writes first ("Kim
# Jong Un", "Xi Jinping", "Moon Jae-in") and then alone ("Kim"). Ones that are also common
# English words a tagger may call a person ("He", "Do", "Long") are left out.
_FAMILY_FIRST = frozenset({
    "kim", "lee", "yi", "park", "pak", "choi", "choe", "jung", "jeong", "chung", "kang", "cho",
    "yoon", "yun", "jang", "lim", "han", "shin", "kwon", "hwang", "ahn", "hong", "moon", "mun",
    "ri", "roh", "wang", "li", "zhang", "liu", "chen", "yang", "huang", "zhao", "wu", "zhou", "xu",
    "zhu", "hu", "guo", "lin", "luo", "gao", "xi", "wen", "jiang", "deng", "mao", "peng", "xie",
    "cao", "nguyen", "tran", "pham", "hoang", "phan", "vu", "ngo",
})
_TOKEN = re.compile(r"[\w'’.-]+")


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """ASCII, lower-case, single-spaced form of a name; dots and apostrophes dropped.

    >>> fold("Recep Tayyip Erdoğan"), fold("U.S."), fold("İbrahim  Kalın")
    ('recep tayyip erdogan', 'us', 'ibrahim kalin')
    """
    text = anyascii(text).lower().replace(".", "").replace("'", "").replace("’", "")
    return " ".join(re.sub(r"[^a-z0-9&]+", " ", text).split())


def slug(text: str) -> str:
    """Readable node id: ``[a-z0-9-]+`` from the ASCII-folded text.

    >>> slug("Recep Tayyip Erdoğan")
    'recep-tayyip-erdogan'
    """
    return re.sub(r"[^a-z0-9]+", "-", anyascii(text).lower()).strip("-") or "entity"


@lru_cache(maxsize=65536)
def strip_titles(text: str) -> str:
    """The name without leading/trailing honorifics, roles and their qualifiers (original case).

    >>> strip_titles("Turkish President Recep Tayyip Erdoğan"), strip_titles("Mr Blair")
    ('Recep Tayyip Erdoğan', 'Blair')
    >>> strip_titles("Paul Boateng MP"), strip_titles("President")
    ('Paul Boateng', 'President')
    """
    words = text.split()
    last_title = -1
    for i, word in enumerate(words[:-1]):  # the last word is the name itself
        if fold(word) in _TITLES:
            last_title = i
    # "Turkish President X": everything up to the last title word goes, if the name remains
    rest = words[last_title + 1:]
    while len(rest) > 1 and fold(rest[-1]) in _TITLES:
        rest = rest[:-1]
    return " ".join(rest) if rest else text


@lru_cache(maxsize=65536)
def name_tokens(text: str) -> tuple[str, ...]:
    """Folded name parts after title stripping; a title that goes with a lone given name stays,
    so stripping never leaves a bare first name as an identity.

    >>> name_tokens("Kremlin spokesman Dmitry Peskov"), name_tokens("Lord Falconer")
    (('dmitry', 'peskov'), ('falconer',))
    >>> name_tokens("Prince Edward"), name_tokens("Prince Edward Windsor")
    (('prince', 'edward'), ('edward', 'windsor'))
    """
    stripped = strip_titles(text)
    tokens = tuple(fold(stripped).split())
    if len(tokens) == 1 and stripped != text:
        before = fold(text[:len(text) - len(stripped)]).split()
        if before and before[-1] in _GIVEN_NAME_TITLES and tokens[0] in first_names():
            return (before[-1], *tokens)
    return tokens


def person_name(text: str) -> str:
    """A person's name as a node label: titles stripped, unless one goes with a lone given name.

    >>> person_name("Britain's Prince Edward"), person_name("Mr Tony Blair")
    ('Prince Edward', 'Tony Blair')
    """
    stripped = strip_titles(text)
    tokens = name_tokens(text)
    if len(tokens) == 2 and len(stripped.split()) == 1:
        words = text.split()
        return " ".join(words[-2:])
    return stripped


def person_title(text: str) -> str:
    """The title words written in a person's mention ("Lord", "Turkish President"), or "".

    >>> person_title("Lord Falconer"), person_title("Turkish President Recep Tayyip Erdoğan"), person_title("Blair")
    ('Lord', 'Turkish President', '')
    """
    stripped = strip_titles(text)
    return text[:text.rfind(stripped)].strip() if stripped != text and stripped in text else ""


@lru_cache(maxsize=1)
def first_names() -> dict[str, str]:
    """Folded first name -> ``m``/``f`` (from ``data/first_names.tsv``)."""
    from importlib import resources

    text = resources.files("kg.resolve").joinpath("data", "first_names.tsv").read_text("utf-8")
    return {name: row[0] for line in text.splitlines() if line and not line.startswith("#")
            for row in [line.split("\t")] for name in row[1].split()}


def genders_agree(a: str | None, b: str | None) -> bool:
    """Can two stated genders (from a title or a given name, never a guessed pronoun) be one
    person? Unknown agrees with anything.

    >>> genders_agree("m", None), genders_agree("m", "f")
    (True, False)
    """
    return a is None or b is None or a == b


def is_title(word: str) -> bool:
    """Can ``word`` be part of a title written before a name ("former home secretary")?

    >>> is_title("secretary"), is_title("told")
    (True, False)
    """
    return fold(word) in _TITLES


def title_gender(text: str) -> str | None:
    """``"m"``/``"f"`` when a gendered title leads the name (Mr, Mrs, Lord, Baroness), else None.

    >>> title_gender("Mrs Howard"), title_gender("Lord Falconer"), title_gender("Blair")
    ('f', 'm', None)
    """
    for word in text.split()[:-1]:
        w = fold(word)
        if w in _MALE:
            return "m"
        if w in _FEMALE:
            return "f"
    return None


def similar(a: str, b: str, threshold: float) -> float:
    """rapidfuzz ratio of two folded strings when it reaches ``threshold``, else 0.

    >>> similar("dmitry", "dmitriy", 85) > 0, similar("bill", "hillary", 85)
    (True, 0)
    """
    if a == b:
        return 100.0
    score = fuzz.ratio(a, b, score_cutoff=threshold)
    return score if score else 0


def close_to(word: str, words: list[str], threshold: float) -> list[str]:
    """The ``words`` :func:`similar` to ``word`` at ``threshold``, in their order: one
    compiled pass (rapidfuzz's ``process.extract``) instead of a call per word, which was a
    seventh of resolving 2,000 BBC articles (every full name's surname against all known
    surnames with its initial).

    >>> close_to("mcdonald", ["macdonald", "mcdonnell", "mcdonald", "mcdonalds"], 90)
    ['macdonald', 'mcdonald', 'mcdonalds']
    """
    found = process.extract(word, words, scorer=fuzz.ratio, score_cutoff=threshold, limit=None)
    return [words[i] for _, _, i in sorted(found, key=lambda match: match[2])]


def _part_match(a: str, b: str) -> bool:
    if len(a) == 1 or len(b) == 1:  # an initial: "G Brown" = "Gordon Brown"
        return a[0] == b[0]
    return bool(similar(a, b, PERSON_PART_THRESHOLD))


def compatible_people(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Can two folded person names (``name_tokens``) be one person?

    The surnames must match (fuzzily), and every given name of the shorter name must match a
    given name of the longer one, in order, so a different first name keeps people apart.

    >>> compatible_people(("tayyip", "erdogan"), ("recep", "tayyip", "erdogan"))
    True
    >>> compatible_people(("bill", "clinton"), ("hillary", "clinton"))
    False
    >>> compatible_people(("dmitry", "peskov"), ("dmitriy", "peskov"))
    True
    """
    if not a or not b or not _part_match(a[-1], b[-1]):
        return False
    short, long = sorted((a[:-1], b[:-1]), key=len)
    pos = 0
    for part in short:
        while pos < len(long) and not _part_match(part, long[pos]):
            pos += 1
        if pos == len(long):
            return False
        pos += 1
    return True


def family_first(short: tuple[str, ...], full: tuple[str, ...]) -> bool:
    """Is ``short`` the leading family name (and maybe given names) of ``full``?

    East Asian names put the family name first, so "Kim" is short for "Kim Jong Un" and "Moon
    Jae" (a name cut short by the tagger) for "Moon Jae-in"; a different given name is someone
    else ("Kim Yo Jong").

    >>> family_first(("kim",), ("kim", "jong", "un")), family_first(("moon", "jae"), ("moon", "jae", "in"))
    (True, True)
    >>> family_first(("kim",), ("kim", "howells"))  # a Western given name: "Kim" is not his surname
    False
    >>> family_first(("kim", "yo"), ("kim", "jong", "un"))
    False
    """
    return (short[:1] == full[:1] and short[0] in _FAMILY_FIRST and len(short) < len(full)
            and full[:len(short)] == short and len(full[-1]) <= 7 and _looks_asian(full[1:]))


def _looks_asian(given: tuple[str, ...]) -> bool:
    """Given-name parts that read as romanized syllables ("jong un", "jae in", "jinping"): short,
    without the endings of English surnames ("howells", "anderson")."""
    return all(len(part) <= 7 and not part.endswith(("s", "son", "ton", "ley", "er")) for part in given)
