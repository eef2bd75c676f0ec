"""Exports of the store's ``claims_readable`` view, one row per figure with its number of mentions: CSV (any
spreadsheet) or Parquet (pandas, DuckDB, Spark).

The store is first opened as a :class:`ClaimStore` so that an older store gains the view and its columns; the rows are
then read through a read-only connection, so an analyst's ``--where`` clause can filter but never change the store.
"""

from __future__ import annotations

import csv
import sqlite3
from pathlib import Path
from typing import Any, TextIO

from pipeline.runner.store import ClaimStore

EXPORT_VIEW = "claims_readable"
FORMATS = ("csv", "parquet")
# Parquet types of the view's non-text columns (every other column is a string).
_FLOAT_COLUMNS = ("value", "value_max")
_INTEGER_COLUMNS = ("mentions", "sentence_start", "sentence_end", "quantity_start", "quantity_end")
_BOOLEAN_COLUMNS = ("vague",)


class ExportError(ValueError):
    """A store that does not exist or a ``--where`` clause SQLite refuses."""


def readable_claims(store_path: Path, where: str | None = None) -> tuple[list[str], list[tuple[Any, ...]]]:
    """Column names and rows of ``claims_readable`` (filtered by the SQL condition ``where``), in article order and,
    inside an article, in text order."""
    if not store_path.is_file():
        raise ExportError(f"{store_path}: no such store")
    ClaimStore(store_path).close()  # adds the columns and views an older store lacks
    connection = sqlite3.connect(f"{store_path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        condition = f"WHERE ({where})" if where else ""
        cursor = connection.execute(f"SELECT * FROM {EXPORT_VIEW} {condition} ORDER BY doc_id, quantity_start")
        return [column[0] for column in cursor.description], cursor.fetchall()
    except sqlite3.Error as error:
        raise ExportError(f"--where {where!r}: {error}") from error
    finally:
        connection.close()


def write_csv(columns: list[str], rows: list[tuple[Any, ...]], handle: TextIO) -> None:
    writer = csv.writer(handle)
    writer.writerow(columns)
    writer.writerows(rows)


def write_parquet(columns: list[str], rows: list[tuple[Any, ...]], path: Path) -> None:
    import pyarrow as pa  # lazy: only Parquet exports pay for its import
    import pyarrow.parquet as pq

    def arrow_type(name: str) -> pa.DataType:
        if name in _FLOAT_COLUMNS:
            return pa.float64()
        if name in _INTEGER_COLUMNS:
            return pa.int64()
        if name in _BOOLEAN_COLUMNS:
            return pa.bool_()
        return pa.string()

    schema = pa.schema([(name, arrow_type(name)) for name in columns])
    values = [[None if row[i] is None else _typed(name, row[i]) for row in rows] for i, name in enumerate(columns)]
    pq.write_table(pa.Table.from_arrays([pa.array(v, type=f.type) for v, f in zip(values, schema, strict=True)],
                                        schema=schema), path)


def _typed(name: str, value: Any) -> Any:
    """SQLite keeps booleans as 0/1 and may hand back an integer for a REAL that is whole."""
    if name in _BOOLEAN_COLUMNS:
        return bool(value)
    if name in _FLOAT_COLUMNS:
        return float(value)
    return value
