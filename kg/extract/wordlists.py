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
    "co-founder owner partner architect designer producer presenter columnist publisher "
    "ceo cfo coo md cto".split())
# Titles that make their holder a member of a body rather than its employee.
MEMBER_TITLES = frozenset("mp mep member councillor councilor senator sen rep congressman "
                          "congresswoman peer lawmaker legislator activist supporter delegate "
                          "candidate campaigner".split())
# Nouns for people by what they do or are, beyond titles: "Leeds plumber X", "X, a historian".
PERSON_NOUNS = frozenset(
    "man woman boy girl son daughter father mother wife husband brother sister widow student "
    "teacher doctor nurse farmer plumber architect engineer builder accountant dentist chef "
    "photographer businessman businesswoman historian pianist composer "
    "singer actor actress writer author poet novelist artist diver pilot soldier officer "
    "policeman priest monk nun activist dissident physicist chemist biologist mathematician "
    "philosopher economist lawyer banker broker trader driver player athlete runner "
    "resident native citizen veteran survivor victim suspect defendant convict prisoner "
    "hostage refugee immigrant pensioner retiree counterpart colleague ally rival".split())
# Nouns for places that lie in another place: "Yerevan, the capital of Armenia".
PLACE_NOUNS = frozenset(
    "capital city town village hamlet province state region district county island port "
    "suburb borough municipality parish prefecture republic territory enclave hometown "
    "neighborhood neighbourhood area resort".split())
# Nouns for organisations set beside a name: "Acme, a Leeds engineering firm".
ORG_NOUNS = frozenset(
    "company firm group bank maker manufacturer producer retailer chain carrier airline "
    "newspaper paper agency broadcaster network station publisher university college school "
    "institute party union club team organisation organization charity foundation "
    "conglomerate corporation business developer operator supplier insurer lender "
    "brokerage utility subsidiary unit".split())
# Words that make a name an organisation's: "Acme Corp", "Queens College".
ORG_WORDS = frozenset(
    "inc corp corporation co company ltd llc plc group party university college school "
    "institute council ministry department agency association committee commission union "
    "bank fund foundation society federation league club team army navy police court "
    "office bureau board authority organisation organization network television radio "
    "news times post press airlines airways motors industries systems international "
    "hospital clinic church cathedral museum prison library theatre theater hotel".split())
# Party names written before a title or a name ("Labour MP X", "Lib Dem spokesman Y").
PARTY_NAMES = frozenset({
    "Labour", "Tory", "Tories", "Conservative", "Conservatives", "Liberal Democrat",
    "Liberal Democrats", "Lib Dem", "Lib Dems", "UKIP", "SNP", "Plaid Cymru", "Plaid",
    "Green", "Greens", "Green Party", "Sinn Fein", "DUP", "SDLP", "Republican", "Republicans",
    "Democrat", "Democrats", "Democratic", "GOP", "Likud", "CDU", "SPD", "ANC"})
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
# Verbs whose gerund states what happened, negated or not: "did not remember leaving".
FACTIVE_VERBS = frozenset({"remember", "recall", "regret", "recollect"})
DENIAL_VERBS = frozenset({"deny", "dismiss", "refute", "rule", "disprove", "rebut"})
URGE_VERBS = frozenset({"urge", "call", "demand", "ask", "press", "push", "encourage", "invite",
                        "appeal", "challenge", "lobby", "beg", "implore", "advise", "want",
                        "request", "propose", "suggest", "recommend"})
PLAN_VERBS = frozenset({"plan", "intend", "hope", "aim", "promise", "pledge", "vow", "threaten",
                        "expect", "seek", "try", "attempt", "offer", "prepare", "decide",
                        "agree", "consider", "mean", "wish", "like", "aspire", "set"})
PLAN_NOUNS = frozenset({"plan", "proposal", "bid", "attempt", "call", "threat", "promise",
                        "pledge", "intention", "offer", "effort", "move", "decision", "demand",
                        "plot", "scheme", "idea", "suggestion", "request", "hope",
                        "preparation", "arrangement"})
# Adjectives that put an event noun in the future: "the planned visit", "an upcoming summit".
PROSPECTIVE_ADJECTIVES = frozenset({"planned", "upcoming", "expected", "anticipated", "proposed",
                                    "forthcoming", "scheduled", "prospective", "future", "awaited",
                                    "possible", "potential", "mooted", "impending"})
# Shell nouns: nouns whose content is said elsewhere ("proposed the idea", "gave an answer",
# "made the point"); bare, as an argument, they name nothing a graph node could stand for.
SHELL_NOUNS = frozenset(
    "idea fact thing way point matter issue question answer reason need mind right chance "
    "opportunity time example case result stage direction comment remark suggestion "
    "decision lot part sort kind aspect situation circumstance problem move step view "
    "notion sense hint sign word capacity".split())
CONDITIONAL_MARKS = frozenset({"if", "unless", "whether", "provided", "once"})

MONTHS = {name: i for i, names in enumerate(
    [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
     ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
     ("october", "oct"), ("november", "nov"), ("december", "dec")], start=1) for name in names}
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
