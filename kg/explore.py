"""Former home of the library's row helpers, kept so old imports keep working.

What it held now lives where its job is: :mod:`kg.inputs` (what ``build`` reads),
:mod:`kg.rows` (entity and fact rows and their filters), :mod:`kg.frames` (DataFrames) and
:mod:`kg.extract.show` (what the extractors find in one sentence).

>>> from kg.explore import fact_rows, to_dataframe  # still works
"""

from kg.extract.show import extract_sentence
from kg.frames import to_dataframe
from kg.inputs import Input, read_inputs
from kg.rows import entity_rows, fact_rows, find_entity

__all__ = ["read_inputs", "entity_rows", "find_entity", "fact_rows", "to_dataframe",
           "extract_sentence", "Input"]
