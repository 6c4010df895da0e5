"""pandas DataFrames of kg's rows (entities, facts, evidence) and of query results.

pandas is imported only when a frame is asked for; it comes with the ``notebooks`` extra.
"""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["to_dataframe"]

# Fact columns repeated on each evidence row of to_dataframe(..., evidence=True).
_FACT_KEYS = ("subject", "relation", "object", "subject_id", "object_id")


def to_dataframe(rows, *, evidence: bool = False, columns: Iterable[str] | None = None):
    """A pandas DataFrame of entity, fact or evidence rows, or of a query result.

    Fact rows lose their ``evidence`` lists (the ``sentences`` column counts them); with
    ``evidence=True`` each supporting sentence becomes a row of its own, next to its fact's
    subject, relation and object, which answers "who, when, and which article says so"
    (the arguments as the sentence writes them are ``subject_text`` and ``object_text``).

    Args:
        rows: what :meth:`~kg.KnowledgeGraph.entities`, ``.facts``, ``.evidence`` or
            ``.query`` return.
        evidence: one row per supporting sentence (fact rows only).
        columns: keep these columns, in this order (also when there are no rows, so a
            notebook cell that picks columns works on an empty answer too).

    >>> from kg.rows import _example_graph, fact_rows
    >>> G = _example_graph()
    >>> to_dataframe(fact_rows(G))[["subject", "relation", "object", "sentences"]].values.tolist()
    [['Recep Tayyip Erdoğan', 'meet', 'Vladimir Putin', 1]]
    >>> to_dataframe(fact_rows(G), evidence=True, columns=["object", "date", "article"]).values.tolist()
    [['Vladimir Putin', '2020-03-05', 'a1']]
    >>> list(to_dataframe([], columns=["object", "date"]).columns)
    ['object', 'date']
    """
    import pandas as pd

    if hasattr(rows, "to_dataframe"):  # a QueryResult
        frame = rows.to_dataframe()
    else:
        rows = list(rows)
        if evidence:
            rows = [{**{k: row[k] for k in _FACT_KEYS}, **_as_written(e)}
                    for row in rows for e in row["evidence"]]
        else:
            rows = [{k: v for k, v in row.items() if k != "evidence"} for row in rows]
        frame = pd.DataFrame(rows)
    return frame if columns is None else frame.reindex(columns=list(columns))


def _as_written(evidence: dict) -> dict:
    # An evidence dict's subject/object are the words of its sentence; renamed, so they don't
    # overwrite the fact's entity labels (a symmetric fact may be written the other way round).
    return {f"{k}_text" if k in ("subject", "object") else k: v for k, v in evidence.items()}
