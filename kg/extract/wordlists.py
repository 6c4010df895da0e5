"""Closed word classes the extract stage shares: each list lives here once.

>>> "spokesman" in ROLE_TITLES, "mp" in MEMBER_TITLES, "urge" in URGE_VERBS
(True, True, True)
"""

from __future__ import annotations

# Verbs of saying and reporting.
SPEECH_VERBS = frozenset({
    "say", "tell", "add", "state", "announce", "claim", "affirm", "declare", "report", "note",
    "insist", "warn", "explain", "argue", "confirm", "deny", "reply", "write", "stress",
    "emphasize", "emphasise", "assert", "remark", "comment", "suggest", "maintain", "contend",
    "acknowledge", "admit", "reiterate", "underline", "point", "believe", "think", "predict",
    "allege", "indicate", "mention", "observe", "recall", "repeat", "tweet", "quote"})

# Offices and jobs a title names: "Kremlin spokesman Dmitry Peskov" works for the Kremlin.
ROLE_TITLES = frozenset(
    "president minister premier chancellor king queen prince princess pope governor mayor "
    "senator general admiral colonel captain commander chairman chairwoman chair chief director "
    "secretary ambassador judge justice sheriff bishop archbishop cardinal rabbi imam sheikh "
    "emir sultan professor coach leader spokesman spokeswoman spokesperson envoy representative "
    "head boss founder manager executive officer official president-elect vice-president "
    "correspondent editor reporter journalist analyst economist adviser advisor aide "
    "commissioner spy agent lawyer attorney researcher scientist engineer lecturer "
    "strategist chairperson treasurer deputy employee worker staffer negotiator "
    "co-founder owner partner architect designer producer presenter columnist "
    "ceo cfo coo md cto".split())
# Titles that make their holder a member of a body rather than its employee.
MEMBER_TITLES = frozenset("mp mep member councillor councilor senator sen rep congressman "
                          "congresswoman peer lawmaker legislator activist supporter delegate "
                          "candidate campaigner".split())
# Words that qualify a title without changing it ("former", "deputy", "shadow").
TITLE_QUALIFIERS = frozenset("former ex deputy acting shadow senior junior chief interim "
                             "vice assistant new outgoing incoming then joint".split())
# Forms of address: "Mr. Baker" names Baker politely, it states nothing about him.
HONORIFICS = frozenset("mr mrs ms miss dr sir lady lord madam mr. mrs. ms. dr.".split())
TITLE_WORDS = ROLE_TITLES | MEMBER_TITLES | frozenset({"dr", "mr", "mrs", "ms", "sir", "lord",
                                                       "lady", "rep", "gov", "gen", "col",
                                                       "capt", "lt", "sgt"})

PRONOUN_POSSESSIVES = frozenset({"his", "her", "its", "their", "our", "my", "your", "whose"})

# Governors that put what they govern in doubt or in the future (see kg.extract.scope).
DENIAL_VERBS = frozenset({"deny", "dismiss", "refute", "rule", "disprove", "rebut"})
URGE_VERBS = frozenset({"urge", "call", "demand", "ask", "press", "push", "encourage", "invite",
                        "appeal", "challenge", "lobby", "beg", "implore", "advise", "want",
                        "request", "propose", "suggest", "recommend"})
PLAN_VERBS = frozenset({"plan", "intend", "hope", "aim", "promise", "pledge", "vow", "threaten",
                        "expect", "seek", "try", "attempt", "offer", "prepare", "decide",
                        "agree", "consider", "mean", "wish", "like", "aspire", "set"})
PLAN_NOUNS = frozenset({"plan", "proposal", "bid", "attempt", "call", "threat", "promise",
                        "pledge", "intention", "offer", "effort", "move", "decision", "demand",
                        "plot", "scheme", "idea", "suggestion", "request", "hope"})
CONDITIONAL_MARKS = frozenset({"if", "unless", "whether", "provided", "once"})

MONTHS = {name: i for i, names in enumerate(
    [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
     ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
     ("october", "oct"), ("november", "nov"), ("december", "dec")], start=1) for name in names}
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
