"""Verbs of saying and reporting (a closed class), shared by the clause and speech rules."""

# Verbs of saying and reporting (closed class).
SPEECH_VERBS = frozenset({
    "say", "tell", "add", "state", "announce", "claim", "affirm", "declare", "report", "note",
    "insist", "warn", "explain", "argue", "confirm", "deny", "reply", "write", "stress",
    "emphasize", "emphasise", "assert", "remark", "comment", "suggest", "maintain", "contend",
    "acknowledge", "admit", "reiterate", "underline", "point", "believe", "think", "predict",
    "allege", "indicate", "mention", "observe", "recall", "repeat", "tweet", "quote"})
