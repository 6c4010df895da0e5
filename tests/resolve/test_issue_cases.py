"""Two of issue 12's cases, in sentences of our own, through the whole library
(parse, extract, resolve, merge) with the real model: an object pronoun never takes its own
clause's subject, and a place named in a list stays one node with clean aliases."""

from __future__ import annotations

import pytest

import kg

pytestmark = pytest.mark.slow


def _graph(text: str):
    return kg.build([text], jobs=1)


def test_an_object_pronoun_is_never_its_own_clauses_subject():
    # "Brown told him": him is Chirac (or no one), never Brown (the Blair/Bush "him")
    g = _graph("Gordon Brown phoned Jacques Chirac on Friday. Brown told him the summit would go ahead. "
               "Later Brown praised him.")
    pairs = {(f["subject"], f["object"]) for f in g.facts()}
    assert ("Gordon Brown", "Gordon Brown") not in pairs
    assert all(obj != "Gordon Brown" for subj, obj in pairs if subj == "Gordon Brown")
    assert ("Gordon Brown", "Jacques Chirac") in pairs  # the pronoun still links when it is clear


def test_a_place_in_a_list_is_one_node_without_comma_aliases():
    g = _graph("The talks covered the Kyoto Protocol, Downing Street said on Monday. "
               "A Downing Street spokesman said the prime minister was pleased. "
               "Officials in Downing Street declined to comment.")
    nodes = [e for e in g.entities(concepts=False) if "Downing Street" in " ".join(e["aliases"])]
    assert len(nodes) == 1, nodes
    assert nodes[0]["label"] == "Downing Street"
    assert not any("," in alias for e in g.entities() for alias in e["aliases"])
