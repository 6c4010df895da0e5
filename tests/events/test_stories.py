"""Stories (kg.events.stories) of real articles: found group by group of close articles,
they are those of one average-link clustering over all; past GREEDY_ABOVE articles in a
group, one pass finds them without the n x n distances."""

import os
from pathlib import Path

import pytest

import kg.events.stories as stories
from kg.explore import read_inputs
from kg.types import ArticleFacts, Resolution

ROOT = Path(__file__).resolve().parents[2]
NEWS = next((p for p in (Path(os.environ.get("KG_SHARED", "/nonexistent")) / "data" / "news",
                         ROOT.parent / "shared" / "data" / "news") if p.is_dir()), None)


def _articles(paths):
    return [ArticleFacts(article, []) for article in read_inputs(paths)]


def _bbc(pattern):
    if NEWS is None:
        pytest.skip("the BBC corpus is not here (set KG_SHARED)")
    return _articles(sorted(NEWS.glob(pattern)))


def test_stories_group_by_group_are_one_linkage_over_all(monkeypatch):
    articles = _bbc("bbc_politics_0*.txt") + _bbc("bbc_business_0[0-4]*.txt")
    monkeypatch.setattr(stories, "DENSE_CELLS", 0)  # the sparse path, as for a big corpus
    found = stories.group_stories(articles, Resolution())
    monkeypatch.setattr(stories, "_components", lambda close: [list(range(close.shape[0]))])
    everything = stories.group_stories(articles, Resolution())
    assert found.of == everything.of
    assert 1 < len(set(found.of.values())) < len(articles)
    one_story = [a for a in found.of if found.of[a] == found.of[min(found.of)]]
    assert all(found.closeness(a, b) == everything.closeness(a, b) for a in one_story for b in one_story)


def test_a_group_too_big_for_average_link_gets_stories_in_one_pass(monkeypatch):
    articles = _bbc("bbc_politics_*.txt")  # groups of up to 44 close articles
    monkeypatch.setattr(stories, "DENSE_CELLS", 0)
    linked = stories.group_stories(articles, Resolution())
    monkeypatch.setattr(stories, "GREEDY_ABOVE", 10)  # every group of more than ten: one pass
    passed = stories.group_stories(articles, Resolution())
    assert set(passed.of) == set(linked.of)
    members = {}
    for aid, story in passed.of.items():
        members.setdefault(story, []).append(aid)
    assert 1 < len(members) < len(articles)
    # an article in a story of several is close to an earlier member of it
    for group in members.values():
        for later in sorted(group)[1:]:
            assert any(passed.closeness(later, earlier) >= stories.STORY_SIMILARITY - 1e-9
                       for earlier in group if earlier < later)
    # the same text under two ids is one story, also in a group past GREEDY_ABOVE
    by_story = {}
    for aid, story in linked.of.items():
        by_story.setdefault(story, []).append(aid)
    biggest = min(max(by_story.values(), key=len))
    assert len(by_story[linked.of[biggest]]) > 10
    original = next(a.article for a in articles if a.article.id == biggest)
    twin = ArticleFacts(original.__class__(biggest + "-copy", original.text), [])
    again = stories.group_stories(articles + [twin], Resolution())
    assert again.of[twin.article.id] == again.of[biggest]


def test_the_seeds_and_a_copy_get_the_same_stories_either_way(monkeypatch):
    articles = _articles([ROOT / "seeds"])
    first = articles[0].article
    articles.append(ArticleFacts(first.__class__(first.id + "-copy", first.text), []))
    monkeypatch.setattr(stories, "DENSE_CELLS", 0)
    linked = stories.group_stories(articles, Resolution()).of
    monkeypatch.setattr(stories, "GREEDY_ABOVE", 1)  # any group of two or more: one pass
    assert stories.group_stories(articles, Resolution()).of == linked
    assert linked[first.id] == linked[first.id + "-copy"]
