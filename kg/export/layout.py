"""Node positions for the HTML page, computed in Python so the browser draws a still graph.

networkx's ``spring_layout`` needs scipy past 500 nodes and is slow there, so this is a
small numpy force layout kept cheap by news graphs' shape: most entities hang off a few
hubs in trees. Only the 2-core of each connected component (the part with cycles) gets
the force layout; the trees are fanned out from it, and the other components are packed around the biggest.

>>> import networkx as nx
>>> pos = layout_positions(nx.path_graph(4))
>>> sorted(pos) == [0, 1, 2, 3] and all(len(p) == 2 for p in pos.values())
True
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Hashable

import networkx as nx
import numpy as np

__all__ = ["layout_positions"]

_EDGE_PX = 120.0  # the ideal edge length, in vis-network's pixels at zoom 1: room for a relation label
_GAP = 1.5  # space between packed components, in edge lengths
_SAMPLE = 500  # nodes each node is repelled from per round, in big components
_SIBLING_ARC = 0.45  # arc between leaves fanned around one node, in edge lengths
_DENSE_MAX = 1500  # up to this many nodes in a component, boxes are compared all pairs at once (O(n²))
_AIR = 4 / _EDGE_PX  # a few pixels between two boxes
_ASPECT = 1.2  # width / height of the page's graph area (about 760 × 640 px at 1400 × 900)


def layout_positions(G: nx.Graph, *, seed: int = 1,
                     boxes: dict[Hashable, tuple[float, float]] | None = None
                     ) -> dict[Hashable, tuple[float, float]]:
    """Pixel positions for every node of ``G`` (direction and parallel edges are ignored).

    Args:
        G: any networkx graph.
        seed: the force layout's random start, for reproducible pages.
        boxes: ``{node: (width, height)}`` in pixels, the node with its label; nodes are
            then pushed apart until no two boxes overlap.

    Returns:
        ``{node: (x, y)}``, centred on (0, 0), about 120 px per edge.

    Examples:
        >>> import networkx as nx
        >>> pos = layout_positions(nx.star_graph(3))
        >>> round(math.dist(pos[0], pos[1]))
        120
    """
    U = nx.Graph(G)
    blocks = [_component(U.subgraph(c), seed)
              for c in sorted(nx.connected_components(U), key=lambda c: (-len(c), min(map(str, c))))]
    if boxes:
        blocks = [_declutter(block, boxes) for block in blocks]
    return _pack(blocks)


def _declutter(block: dict[Hashable, np.ndarray], boxes: dict[Hashable, tuple[float, float]],
               rounds: int = 60) -> dict[Hashable, np.ndarray]:
    """Push overlapping label boxes apart along their shorter overlap (unit-edge coordinates).

    >>> out = _declutter({"a": np.zeros(2), "b": np.array([0.1, 0.0])}, {"a": (90, 20), "b": (90, 20)})
    >>> [round(float(p[1]) * _EDGE_PX) for p in out.values()]  # stacked: cheaper than sideways
    [-12, 12]
    """
    nodes = list(block)
    if len(nodes) < 2:
        return block
    p = np.array([block[n] for n in nodes], dtype=float)
    half = np.array([boxes.get(n, (0.0, 0.0)) for n in nodes], dtype=float) / (2 * _EDGE_PX)
    step = _dense_pushes if len(nodes) <= _DENSE_MAX else _SparsePushes()
    for _ in range(rounds):
        push = step(p, half)
        if push is None:
            break
        p += push * 0.25  # half each way, damped: a node hit from several sides must not overshoot
    return {node: p[i] for i, node in enumerate(nodes)}


def _dense_pushes(p: np.ndarray, half: np.ndarray) -> np.ndarray | None:
    """Each node's push out of the boxes it overlaps, all pairs compared; None: no overlap."""
    reach = half[:, None, :] + half[None, :, :] + _AIR
    delta = p[:, None, :] - p[None, :, :]
    overlap = reach - np.abs(delta)
    hit = (overlap[..., 0] > 0) & (overlap[..., 1] > 0)
    np.fill_diagonal(hit, False)
    if not hit.any():
        return None
    # Ties (same position) part by index, so two stacked nodes still separate.
    order = np.sign(np.arange(len(p))[:, None] - np.arange(len(p))[None, :])
    side = np.where(delta != 0, np.sign(delta), order[..., None])
    along_x = overlap[..., 0] < overlap[..., 1]  # the cheaper way out
    push = np.zeros_like(delta)
    push[..., 0] = np.where(hit & along_x, overlap[..., 0] * side[..., 0], 0)
    push[..., 1] = np.where(hit & ~along_x, overlap[..., 1] * side[..., 1], 0)
    return push.sum(axis=1)


class _SparsePushes:
    """:func:`_dense_pushes` for big components: only pairs close enough to overlap are compared.

    Two boxes can only overlap when their centres are closer than √2·(mᵢ + mⱼ + air), m a
    box's larger half-side. The few wide boxes (hub labels, over 4× the median) are compared
    with every node; all other pairs come from a k-d tree within √2·(2·m + air) of the
    widest of the rest, so thousands of small dots only look next door. The pairs are found
    again every ``refresh`` rounds, with ``slack`` more reach for what moves meanwhile, and
    always before saying that nothing overlaps.

    >>> p, half = np.array([[0.0, 0.0], [0.1, 0.0], [5.0, 5.0]]), np.full((3, 2), 0.2)
    >>> half[2] = (3.0, 0.1)  # a wide label far away
    >>> np.allclose(_SparsePushes()(p, half), _dense_pushes(p, half))  # same pushes, fewer pairs
    True
    """

    def __init__(self, refresh: int = 8, slack: float = 0.5):
        self.refresh, self.slack, self.age, self.pairs = refresh, slack, 0, None

    def __call__(self, p: np.ndarray, half: np.ndarray) -> np.ndarray | None:
        if self.pairs is None or self.age >= self.refresh:
            self.pairs, self.age = self._candidates(p, half), 0
        self.age += 1
        push = self._pushes(p, half, *self.pairs)
        if push is None and self.age > 1:  # stale pairs: look again before stopping
            self.pairs, self.age = self._candidates(p, half), 1
            push = self._pushes(p, half, *self.pairs)
        return push

    def _candidates(self, p: np.ndarray, half: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        from scipy.spatial import cKDTree  # a declared dependency, only needed for big pages

        n, m = len(p), half.max(axis=1)
        wide = m > 4 * np.median(m)
        reach = math.sqrt(2) * (2 * m[~wide].max() + _AIR) + self.slack if (~wide).any() else 0.0
        near = cKDTree(p).query_pairs(reach, output_type="ndarray").reshape(-1, 2)
        pairs = [near[~(wide[near[:, 0]] | wide[near[:, 1]])]]  # each pair once: wide ones below
        for w in np.flatnonzero(wide):
            others = np.flatnonzero(~wide | (np.arange(n) > w))
            others = others[others != w]
            pairs.append(np.stack([np.minimum(w, others), np.maximum(w, others)], axis=1))
        key = np.sort(np.concatenate(pairs).astype(np.int64) @ np.array([n, 1], dtype=np.int64))
        return key // n, key % n  # i < j, sorted: the same sums in the same order on every run

    @staticmethod
    def _pushes(p: np.ndarray, half: np.ndarray, i: np.ndarray, j: np.ndarray) -> np.ndarray | None:
        delta = p[i] - p[j]
        overlap = half[i] + half[j] + _AIR - np.abs(delta)
        hit = (overlap[:, 0] > 0) & (overlap[:, 1] > 0)
        if not hit.any():
            return None
        i, j, delta, overlap = i[hit], j[hit], delta[hit], overlap[hit]
        side = np.where(delta != 0, np.sign(delta), -1.0)  # i < j: a tie sends i down, as above
        along_x = overlap[:, 0] < overlap[:, 1]
        push = np.zeros_like(delta)
        push[:, 0] = np.where(along_x, overlap[:, 0] * side[:, 0], 0)
        push[:, 1] = np.where(~along_x, overlap[:, 1] * side[:, 1], 0)
        n = len(p)  # bincount: np.add.at is ten times slower
        return np.stack([np.bincount(i, push[:, k], n) - np.bincount(j, push[:, k], n) for k in (0, 1)], axis=1)


def _component(C: nx.Graph, seed: int) -> dict[Hashable, np.ndarray]:
    """Unit-edge positions for one connected component."""
    core = set(nx.k_core(C, 2)) if len(C) > 2 else set()
    if not core:  # a tree: grow it from its best-connected node
        core = {max(C, key=lambda n: (C.degree(n), str(n)))}
    pos = _force(C.subgraph(core), seed)
    centre = np.mean(list(pos.values()), axis=0)
    parent: dict[Hashable, Hashable] = {}
    queue = deque(sorted(core, key=str))
    while queue:  # breadth first, so every tree node is fanned out from the node it hangs on
        node = queue.popleft()
        kids = sorted((n for n in C[node] if n not in pos), key=lambda n: (-C.degree(n), str(n)))
        if not kids:
            continue
        away = pos[node] - (pos[parent[node]] if node in parent else centre)
        base = math.atan2(away[1], away[0]) if away.any() else 0.0
        # Fan away from where we came from; a hub with many leaves gets a full circle.
        spread = 2 * math.pi if len(core) == 1 or len(kids) > 6 else min(math.pi, 0.7 * len(kids))
        radius = max(1.0, _SIBLING_ARC * len(kids) / spread)
        for i, kid in enumerate(kids):
            angle = base + spread * ((i + 0.5) / len(kids) - 0.5)
            pos[kid] = pos[node] + radius * np.array([math.cos(angle), math.sin(angle)])
            parent[kid] = node
            queue.append(kid)
    return pos


def _force(C: nx.Graph, seed: int) -> dict[Hashable, np.ndarray]:
    """Fruchterman-Reingold with unit ideal edge length, in numpy.

    Past ``_SAMPLE`` nodes each round repels every node from a fresh random sample of the
    others, scaled up: O(n·s) instead of O(n²), which keeps 5,000 nodes to a few seconds.
    """
    nodes = sorted(C, key=str)
    n = len(nodes)
    if n < 3:
        return {node: np.array([float(i), 0.0]) for i, node in enumerate(nodes)}
    index = {node: i for i, node in enumerate(nodes)}
    # sorted: a subgraph's edge order follows set order (the hash seed), and float sums differ
    ends = np.array(sorted(tuple(sorted((index[u], index[v]))) for u, v in C.edges())).T
    rng = np.random.default_rng(seed)
    p = rng.random((n, 2), dtype=np.float32) * math.sqrt(n)
    step = math.sqrt(n) / 5
    for _ in range(60):
        others = p if n <= _SAMPLE else p[rng.choice(n, _SAMPLE, replace=False)]
        delta = p[:, None, :] - others[None, :, :]
        dist2 = np.einsum("ijk,ijk->ij", delta, delta) + np.float32(1e-3)
        disp = np.einsum("ijk,ij->ik", delta, 1 / dist2)  # repulsion k²/d along delta/d
        disp *= n / len(others)
        pull = p[ends[0]] - p[ends[1]]
        pull *= np.linalg.norm(pull, axis=1, keepdims=True)  # attraction d²/k
        np.add.at(disp, ends[0], -pull)
        np.add.at(disp, ends[1], pull)
        length = np.maximum(np.linalg.norm(disp, axis=1, keepdims=True), 1e-6)
        p += disp * (np.minimum(length, step) / length)
        step = max(step * 0.92, 0.05)
    return {node: p[i].astype(float) for i, node in enumerate(nodes)}


def _pack(blocks: list[dict[Hashable, np.ndarray]]) -> dict[Hashable, tuple[float, float]]:
    """Place the components around the biggest one, and scale to pixels.

    The biggest component goes in the middle; the others, biggest first, fill the space
    beside it, then rows below and above it in turn, in a frame about as wide as the page's
    graph area is for its height (:data:`_ASPECT`). The fitted first view then centres the
    main component rather than leaving it in a top corner above rows of pairs.

    >>> _pack([])  # an empty graph has nothing to place
    {}
    >>> pos = _pack([{"hub": np.zeros(2), "a": np.array([9.0, 0.0])}] +
    ...             [{f"x{i}": np.zeros(2)} for i in range(40)])
    >>> ys = sorted(y for _, y in pos.values())
    >>> bool(ys[0] < pos["hub"][1] < ys[-1])  # pairs above and below the main component
    True
    """
    if not blocks:
        return {}
    boxes = []
    for block in blocks:
        xy = np.array(list(block.values()))
        low, high = xy.min(axis=0), xy.max(axis=0)
        boxes.append((low, high - low + _GAP))
    main = boxes[0][1]
    area = sum(size[0] * size[1] for _, size in boxes)
    width = max(max(size[0] for _, size in boxes), main[0], math.sqrt(area * _ASPECT))
    corners = [np.array([-main[0] / 2, -main[1] / 2])]  # each block's top-left corner
    left = _Shelves(-width / 2, -main[1] / 2, (width - main[0]) / 2, main[1])
    right = _Shelves(main[0] / 2, -main[1] / 2, (width - main[0]) / 2, main[1])
    below, above = _Shelves(-width / 2, main[1] / 2, width), _Shelves(-width / 2, -main[1] / 2, width, up=True)
    for _, size in boxes[1:]:
        spot = min(left, right, key=lambda s: s.used).place(size)  # beside the main one first
        if spot is None:
            spot = min(below, above, key=lambda s: s.used).place(size)
        corners.append(spot)
    out: dict[Hashable, tuple[float, float]] = {}
    for block, (low, _), corner in zip(blocks, boxes, corners):
        offset = corner - low
        for node, p in block.items():
            q = (p + offset) * _EDGE_PX
            out[node] = (float(q[0]), float(q[1]))
    centre = np.mean(list(out.values()), axis=0)
    return {node: (x - centre[0], y - centre[1]) for node, (x, y) in out.items()}


class _Shelves:
    """Rows of boxes filling a rectangle from its top-left corner (``up``: rows stacked
    upwards from ``y``); ``height=None``: as many rows as needed. ``used`` is the area
    taken, so boxes can go to the emptier of two regions.

    >>> shelves = _Shelves(0.0, 0.0, 3.0, 2.0)
    >>> [None if c is None else c.tolist() for c in (shelves.place((2.0, 1.0)), shelves.place((2.0, 1.0)),
    ...                                               shelves.place((2.0, 1.0)))]
    [[0.0, 0.0], [0.0, 1.0], None]
    """

    def __init__(self, x: float, y: float, width: float, height: float | None = None, *, up: bool = False):
        self.x0, self.y0, self.width, self.height, self.up = x, y, width, height, up
        self.x = self.row_y = self.row = 0.0  # where the current row is, and its height
        self.used = 0.0

    def place(self, size: np.ndarray) -> np.ndarray | None:
        """The top-left corner for a box of ``size``, or None when it does not fit."""
        w, h = float(size[0]), float(size[1])
        if w > self.width + 1e-9:
            return None
        x, row_y, row = self.x, self.row_y, self.row
        if x and x + w > self.width + 1e-9:  # a new row
            x, row_y, row = 0.0, row_y + row, 0.0
        if self.height is not None and row_y + max(row, h) > self.height + 1e-9:
            return None
        self.x, self.row_y, self.row = x + w, row_y, max(row, h)
        self.used += w * h
        y = self.y0 - row_y - h if self.up else self.y0 + row_y
        return np.array([self.x0 + x, y])
