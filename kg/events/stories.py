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
# articles in one group of close articles (_components) past which its stories are found in
# one greedy pass: average link needs the group's n x n distances
GREEDY_ABOVE = 3000
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
    :data:`STORY_SIMILARITY`, so one shared name never chains two stories together. The
    clustering runs on each group of articles joined by close pairs (:func:`_components`),
    in one greedy pass for a group of more than :data:`GREEDY_ABOVE` (:func:`_greedy`).

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
    label = {}
    close = _close_pairs(matrix)
    for component in _components(close):
        if len(component) > GREEDY_ABOVE:
            found = _greedy(component, matrix, close)
        else:
            found = _average_link(matrix[component]) if len(component) > 1 else [0]
        label.update({row: (component[0], story) for row, story in zip(component, found)})
    first: dict[tuple, int] = {}
    return Stories(ids, matrix, {aid: first.setdefault(label[r], len(first)) for r, aid in enumerate(ids)})


_ROW_BLOCK = 1000  # articles whose similarities to all others are held at once


def _close_pairs(matrix):
    """The pairs of articles (rows) whose cosine is at least :data:`STORY_SIMILARITY`, as a
    symmetric sparse matrix, computed a block of rows at a time (never all n x n at once)."""
    import numpy as np
    from scipy.sparse import csr_matrix, vstack

    blocks = []
    for start in range(0, matrix.shape[0], _ROW_BLOCK):
        block = (matrix[start:start + _ROW_BLOCK] @ matrix.T).tocsr()
        # a hair below the threshold: a pair the linkage takes as close must be kept here
        block.data = (block.data >= STORY_SIMILARITY - 1e-9).astype(np.int8)
        block.eliminate_zeros()
        blocks.append(block)
    return csr_matrix(vstack(blocks))


def _components(close) -> list[list[int]]:
    """Groups of rows joined by close pairs, each sorted, in the order of their first row.

    Average link never joins two groups with no close pair between them (their mean cosine
    would be under the threshold), so a story never spans two of these groups, and each
    group is clustered on its own with the same result (tested): the 2,175 BBC articles
    make 525 groups, the largest of 1,121 articles, where one linkage over all of them
    needed every pair's distance (n x n), and a corpus past 3,000 articles could not be
    clustered at all.
    """
    from scipy.sparse.csgraph import connected_components

    _, labels = connected_components(close, directed=False)
    groups: dict[int, list[int]] = {}
    for row, label in enumerate(labels.tolist()):
        groups.setdefault(label, []).append(row)
    return list(groups.values())


def _average_link(rows) -> list[int]:
    """Each row's story among ``rows`` (normalized tf-idf rows): average-link clustering (scipy)
    cut where the mean cosine between two groups falls below :data:`STORY_SIMILARITY`."""
    import numpy as np
    from scipy.cluster.hierarchy import fcluster, linkage

    distance = 1.0 - (rows @ rows.T).toarray()
    upper = distance[np.triu_indices(rows.shape[0], 1)].clip(0.0, 1.0)
    return fcluster(linkage(upper, "average"), 1.0 - STORY_SIMILARITY, "distance").tolist()


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


def _greedy(component: list[int], matrix, close) -> list[int]:
    """Stories of a group of rows too big for average link (:data:`GREEDY_ABOVE`), in one
    pass in id order: an article joins the nearest story (cosine to the story's summed
    rows) of the earlier articles it is close to, if near enough, else starts its own.

    With articles a, b, c where a~b and b~c are close but a, c are not: b joins a's story,
    and c joins it too only if it is near the story's centroid, not just near b.
    """
    import numpy as np

    story_of: dict[int, int] = {}
    centroids: list = []  # per story: the sum of its rows (sparse), and its squared norm
    for row in component:
        vector = matrix.getrow(row)
        # the stories of the earlier articles it is close to (all in this component)
        neighbours = close.indices[close.indptr[row]:close.indptr[row + 1]]
        candidates = sorted({story_of[j] for j in neighbours.tolist() if j in story_of})
        best, best_similarity = None, STORY_SIMILARITY
        for story in candidates:
            total, squared = centroids[story]
            similarity = float(vector.multiply(total).sum()) / (np.sqrt(squared) or 1.0)
            if similarity >= best_similarity:
                best, best_similarity = story, similarity
        if best is None:
            best = len(centroids)
            centroids.append((vector, float(vector.multiply(vector).sum())))
        else:
            total = centroids[best][0] + vector
            centroids[best] = (total, float(total.multiply(total).sum()))
        story_of[row] = best
    return [story_of[row] for row in component]
