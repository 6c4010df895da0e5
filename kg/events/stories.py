"""Stories: articles about one news story, and the events their unnamed mentions are.

Many event mentions name no participant (``the quake``, ``three people died``, ``the
arrests``). In one article they are the event of their class that the article reports; across
articles they can only be joined through what the articles share. A **story** is a group of
articles that name the same entities: each article's named entities weighted by how rare they
are in the corpus (tf-idf), an article joining the story whose entity profile is nearest to
its own when the cosine similarity is at least :data:`STORY_SIMILARITY` ("Antofagasta, Chile,
Boric" articles form one story; a Valparaiso quake article names other places and starts
another).

:func:`kg.events.cluster.cluster_mentions` lets a mention join an event of its story
that shares no participant with it when nothing keeps them apart (type, dates, places, core
participants): ``three people died`` in one article is the deaths of ``the quake killed three``
in another article of the story.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict

from kg.types import ArticleFacts, Resolution

STORY_SIMILARITY = 0.25  # cosine of two articles' entity profiles for one story
_NAMED = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "WORK_OF_ART", "PRODUCT"})


def find_stories(articles: list[ArticleFacts], resolution: Resolution) -> dict[str, int]:
    """Each article id -> its story number (articles in id order, each joining the nearest story).

    >>> from kg.types import Article, Mention
    >>> def art(aid, *names):
    ...     ms = [Mention(aid, i, i + 1, n, "GPE") for i, n in enumerate(names)]
    ...     return ArticleFacts(Article(aid, ""), ms)
    >>> arts = [art("a", "Chile", "Antofagasta"), art("b", "Antofagasta", "Chile", "Boric"), art("c", "Peru", "Lima")]
    >>> r = Resolution({(m.article, m.start, m.end): m.text.lower() for a in arts for m in a.mentions})
    >>> find_stories(arts, r)
    {'a': 0, 'b': 0, 'c': 1}
    """
    profiles: dict[str, Counter] = {}
    for item in articles:
        profiles[item.article.id] = Counter(
            node for m in item.mentions if m.label in _NAMED and (node := resolution.node(m)))
    df = Counter(node for profile in profiles.values() for node in profile)
    n = len(profiles) + 1
    vectors = {}
    for aid, profile in profiles.items():
        weights = {node: (1 + math.log(c)) * math.log(n / df[node]) for node, c in profile.items()}
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        vectors[aid] = {node: w / norm for node, w in weights.items() if w > 0}
    stories: list[dict[str, float]] = []  # centroid (sum of member vectors)
    by_node: dict[str, set[int]] = defaultdict(set)
    story_of = {}
    for aid in sorted(vectors):
        vector = vectors[aid]
        best, best_sim = None, STORY_SIMILARITY
        for i in sorted({i for node in vector for i in by_node.get(node, ())}):
            centroid = stories[i]
            norm = math.sqrt(sum(w * w for w in centroid.values())) or 1.0
            sim = sum(w * centroid.get(node, 0.0) for node, w in vector.items()) / norm
            if sim >= best_sim:
                best, best_sim = i, sim
        if best is None:
            stories.append({})
            best = len(stories) - 1
        for node, w in vector.items():
            stories[best][node] = stories[best].get(node, 0.0) + w
            by_node[node].add(best)
        story_of[aid] = best
    return story_of
