"""Stories: articles about one news story, and the events their unnamed mentions are.

Many event mentions name no participant (``the quake``, ``three people died``, ``the
arrests``). In one article they are the event of their class that the article reports; across
articles they can only be joined through what the articles share. A **story** is a group of
articles that use the same names and words (:func:`profile`, weighted by how rare they are in
the corpus): "Antofagasta, Chile, toll" articles form one story; an article on a Valparaiso
quake names other places and joins another.

:func:`kg.events.cluster.cluster_mentions` lets a mention join an event of its story
that shares no participant with it when nothing keeps them apart (type, dates, places, core
participants): ``three people died`` in one article is the deaths of ``the quake killed three``
in another article of the story.
"""

from __future__ import annotations

import re
from collections import Counter
from itertools import chain

from kg.types import ArticleFacts, Resolution

STORY_SIMILARITY = 0.15  # mean cosine of two groups' profiles for one story (average link)
DENSE_CELLS = 4_000_000  # articles x vocabulary up to which stories are found with numpy alone
GREEDY_ABOVE = 3000  # articles beyond which stories are found in one greedy pass (memory: n x n)
_NAMED = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "WORK_OF_ART", "PRODUCT"})
_WORD = re.compile(r"[a-z]{4,}")


def profile(item: ArticleFacts, resolution: Resolution) -> Counter:
    """What an article is about: its words of four letters or more, and its named entities
    (counted twice: a name says more about the story than a word).

    >>> from kg.types import Article, Mention
    >>> a = ArticleFacts(Article("a", "Quake hits Chile"), [Mention("a", 11, 16, "Chile", "GPE")])
    >>> sorted(profile(a, Resolution({("a", 11, 16): "chile"})).items())
    [('=chile', 2), ('chile', 1), ('hits', 1), ('quake', 1)]
    """
    counts = Counter(_WORD.findall(item.article.text.lower()))
    for m in item.mentions:
        if m.label in _NAMED and (node := resolution.node(m)):
            counts["=" + node] += 2
    return counts


def find_stories(articles: list[ArticleFacts], resolution: Resolution) -> dict[str, int]:
    """Each article id -> its story number.

    Profiles are weighted by tf-idf and grouped by average-link clustering (scipy): two groups
    join while the mean cosine similarity between their articles is at least
    :data:`STORY_SIMILARITY`, so one shared name never chains two stories together.

    >>> from kg.types import Article, Mention
    >>> def art(aid, text):
    ...     return ArticleFacts(Article(aid, text), [])
    >>> arts = [art("a", "Strong quake hits Antofagasta in Chile"),
    ...         art("b", "Antofagasta quake toll rises in Chile"), art("c", "Lyon police detain protesters")]
    >>> find_stories(arts, Resolution())
    {'a': 0, 'b': 0, 'c': 1}
    """
    return group_stories(articles, resolution).of


class Stories:
    """The story of each article (``of``) and how close two articles of one story are
    (:meth:`closeness`, the cosine of their profiles; 0 across stories)."""

    def __init__(self, ids: list[str], matrix, of: dict[str, int], similarity=None):
        self.of = of
        self._row = {aid: r for r, aid in enumerate(ids)}
        self._block: dict[int, tuple[dict[str, int], object]] = {}
        self._matrix = matrix  # normalized tf-idf rows (sparse), or None with ...
        self._similarity = similarity  # ... every pair's cosine (dense), for small inputs

    def closeness(self, a: str, b: str) -> float:
        """Cosine similarity of two articles of one story (1.0 for an article with itself).

        >>> from kg.types import Article
        >>> arts = [ArticleFacts(Article(i, t), []) for i, t in (("a", "Quake hits Arica in Chile"),
        ...         ("b", "Chile quake: Arica mourns"), ("c", "Lyon police detain protesters"))]
        >>> s = group_stories(arts, Resolution()); s.of
        {'a': 0, 'b': 0, 'c': 1}
        >>> round(s.closeness("a", "b"), 2), s.closeness("a", "a"), s.closeness("a", "c")
        (0.43, 1.0, 0.0)
        """
        if a == b:
            return 1.0
        story = self.of.get(a)
        if story is None or story != self.of.get(b):
            return 0.0
        if self._similarity is not None:
            return float(self._similarity[self._row[a], self._row[b]])
        if self._matrix is None:
            return 0.0
        if story not in self._block:  # one dense block per story, computed once when first asked
            members = sorted(aid for aid, s in self.of.items() if s == story)
            rows = self._matrix[[self._row[aid] for aid in members]]
            self._block[story] = ({aid: i for i, aid in enumerate(members)}, (rows @ rows.T).toarray())
        index, block = self._block[story]
        return float(block[index[a], index[b]])


def group_stories(articles: list[ArticleFacts], resolution: Resolution) -> Stories:
    """The :class:`Stories` of ``articles`` (see :func:`find_stories`)."""
    ids = sorted(item.article.id for item in articles)
    if not ids:
        return Stories([], None, {})
    by_id = {item.article.id: item for item in articles}
    profiles = [profile(by_id[aid], resolution) for aid in ids]
    df = Counter()
    for p in profiles:
        df.update(p.keys())
    vocabulary = {key: i for i, key in enumerate(sorted(df))}
    if len(ids) * len(vocabulary) <= DENSE_CELLS:
        return _dense(ids, profiles, df, vocabulary)
    rows, cols, values = _weights(profiles, df, vocabulary)
    from scipy.sparse import csr_matrix
    from scipy.sparse.linalg import norm as sparse_norm

    matrix = csr_matrix((values, (rows, cols)), shape=(len(ids), len(vocabulary)))
    norms = sparse_norm(matrix, axis=1)
    norms[norms == 0] = 1.0
    matrix = csr_matrix(matrix.multiply(1 / norms.reshape(-1, 1)))
    if len(ids) > GREEDY_ABOVE or len(ids) == 1:
        return Stories(ids, matrix, _greedy(ids, matrix))
    import numpy as np
    from scipy.cluster.hierarchy import fcluster, linkage

    distance = 1.0 - (matrix @ matrix.T).toarray()
    upper = distance[np.triu_indices(len(ids), 1)].clip(0.0, 1.0)
    labels = fcluster(linkage(upper, "average"), 1.0 - STORY_SIMILARITY, "distance")
    first: dict[int, int] = {}
    return Stories(ids, matrix, {aid: first.setdefault(label, len(first)) for aid, label in zip(ids, labels)})


def _weights(profiles: list[Counter], df: Counter, vocabulary: dict):
    """(rows, columns, tf-idf weights) of the profiles' positive cells, as numpy arrays: a
    word's weight in an article is (1 + log count) x log((articles + 1) / articles using it)."""
    import numpy as np

    lengths = [len(p) for p in profiles]
    size = sum(lengths)
    cols = np.fromiter(chain.from_iterable(map(vocabulary.__getitem__, p) for p in profiles),
                       dtype=np.int64, count=size)
    counts = np.fromiter(chain.from_iterable(p.values() for p in profiles), dtype=float, count=size)
    used = np.fromiter((df[key] for key in vocabulary), dtype=float, count=len(vocabulary))
    weights = (1 + np.log(counts)) * np.log((len(profiles) + 1) / used[cols])
    rows = np.repeat(np.arange(len(profiles)), lengths)
    keep = weights > 0
    return rows[keep], cols[keep], weights[keep]


def _dense(ids: list[str], profiles: list[Counter], df: Counter, vocabulary: dict) -> Stories:
    """:func:`group_stories` for a small input with numpy alone (scipy's import costs more than the
    clustering): the same tf-idf cosines, the same average link."""
    import numpy as np

    matrix = np.zeros((len(ids), len(vocabulary)))
    rows, cols, values = _weights(profiles, df, vocabulary)
    matrix[rows, cols] = values
    norms = np.linalg.norm(matrix, axis=1)
    norms[norms == 0] = 1.0
    similarity = (matrix / norms[:, None]) @ (matrix / norms[:, None]).T
    members = [[i] for i in range(len(ids))]
    total = similarity.copy()  # summed similarity between groups
    alive = np.ones(len(ids), dtype=bool)
    while alive.sum() > 1:
        sizes = np.array([max(len(m), 1) for m in members], dtype=float)
        mean = total / np.outer(sizes, sizes)
        mean[~alive, :] = mean[:, ~alive] = -1.0
        np.fill_diagonal(mean, -1.0)
        i, j = np.unravel_index(np.argmax(mean), mean.shape)
        if mean[i, j] < STORY_SIMILARITY:
            break
        i, j = min(i, j), max(i, j)
        members[i] += members[j]
        members[j] = []
        total[i, :] += total[j, :]
        total[:, i] += total[:, j]
        alive[j] = False
    label = {r: g for g, group in enumerate(members) for r in group}
    first: dict[int, int] = {}
    of = {aid: first.setdefault(label[r], len(first)) for r, aid in enumerate(ids)}
    return Stories(ids, None, of, similarity)


def _greedy(ids: list[str], matrix) -> dict[str, int]:
    """Stories in one pass: each article joins the story whose centroid is nearest, if near enough."""
    import numpy as np

    centroids: list = []
    story_of = {}
    for r, aid in enumerate(ids):
        row = matrix.getrow(r)
        best, best_sim = None, STORY_SIMILARITY
        for i, centroid in enumerate(centroids):
            sim = float(row @ centroid.T) / (np.sqrt(float(centroid @ centroid.T)) or 1.0)
            if sim >= best_sim:
                best, best_sim = i, sim
        if best is None:
            centroids.append(row)
            best = len(centroids) - 1
        else:
            centroids[best] = centroids[best] + row
        story_of[aid] = best
    return story_of
