"""Clustering event mentions group by group (kg.events.groups) finds the same events as
clustering them all at once, on real articles: the groups never share a candidate."""

import dataclasses
import os
from pathlib import Path

import kg
import kg.events
from kg.events.dates import DateSpan
from kg.events.groups import KEYED, KEYED_SPAN
from kg.events.mentions import EventMention
from kg.events.cluster import resolve_events
from kg.explore import read_inputs

ROOT = Path(__file__).resolve().parents[2]
NEWS = next((p for p in (Path(os.environ.get("KG_SHARED", "/nonexistent")) / "data" / "news",
                         ROOT.parent / "shared" / "data" / "news") if p.is_dir()), None)


def _partition(events):
    return sorted(sorted((m.article, m.start, m.end) for m in e.mentions) for e in events)


def test_groups_give_the_events_of_all_mentions_together(monkeypatch):
    files = sorted((ROOT / "seeds").glob("*.txt"))
    if NEWS is not None:  # sport wins, politics meetings: large groups and stories
        files += sorted(NEWS.glob("bbc_sport_0[0-2]*.txt")) + sorted(NEWS.glob("bbc_politics_00*.txt"))
    compared = []
    resolve_groups = kg.events.resolve_groups

    def both(mentions, inside, story_of, closeness, reuse=None):
        grouped = resolve_groups(mentions, inside, story_of, closeness, reuse)
        together = resolve_events([m for m in mentions], inside, story_of, closeness)
        compared.append((_partition(grouped), _partition(together), len(mentions)))
        return grouped

    monkeypatch.setattr(kg.events, "resolve_groups", both)
    kg.build(read_inputs(files), jobs=1).events()
    (grouped, together, mentions), = compared
    assert mentions > 20 and len(grouped) < mentions  # some mentions joined
    assert grouped == together


def test_a_group_key_reads_every_field_of_its_mentions():
    fields = tuple(f.name for f in dataclasses.fields(EventMention) if not f.name.startswith("_"))
    assert KEYED == fields
    assert KEYED_SPAN == tuple(f.name for f in dataclasses.fields(DateSpan))
