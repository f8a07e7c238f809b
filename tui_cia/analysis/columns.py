"""Columns of a flat table read straight from SQLite into typed arrays, in rowid order.

SQLite hands each column of a chunk of rows over as one string (`group_concat`), which numpy
decodes with few or no Python objects per value: several times faster than fetching rows.
Each decoding is checked (value count, separators, widths) and a column that fails a check in
a chunk is fetched row by row instead, so what is read is what is stored:
- number: written out and parsed as float64, a blank as NaN; reals must be whole numbers,
  written as integers (exact, and far faster than SQLite's text of a real);
- code: one-character values (choice codes) at fixed places, a pd.Categorical (the control
  character BLANK stands for NULL, so a stored BLANK would read as blank);
- fixed: texts of one width or blank (area codes, uuids): raw bytes ("S<width>"); a blank,
  NULL or empty, reads as b"" (as "" where the chunk is fetched row by row);
- text: any text, split on SEP (a value holding SEP fails the count), a pd.Categorical;
- names: the same, kept as an array of texts (None for NULL), for values nearly all distinct.
"""

from __future__ import annotations

import sqlite3
import warnings
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from tui_cia.storage.flat import CHUNK_SHIFT

CHUNK = 1 << CHUNK_SHIFT  # rowids per query (the stamped chunks): bounds the strings held
SEP = "\x1e"  # between values
BLANK = "\x1f"  # a NULL in a code column


@dataclass(frozen=True)
class Spec:
    """One column to read: its name, how it is decoded, whether it holds reals, and the SQL
    expression read in its place (None: the column of that name)."""

    name: str
    kind: str  # "number", "code", "fixed", "text" or "names"
    real: bool = False
    sql: str | None = None

    @property
    def source(self) -> str:
        return f"({self.sql})" if self.sql else f'"{self.name}"'


@dataclass(frozen=True)
class Request:
    """Columns of one table, for the rows `where` (with `params`) selects."""

    table: str
    specs: tuple[Spec, ...]
    where: str = "1"
    params: tuple[Any, ...] = ()


def _aggregates(spec: Spec) -> list[str]:
    col = spec.source
    if spec.kind == "number" and spec.real:  # whole numbers, written as integers (faster)
        whole = f"CAST({col} AS INTEGER)"
        return [f"group_concat(coalesce({whole}, 'nan'), ',')", f"sum({col} != {whole})"]
    if spec.kind == "number":
        return [f"group_concat(coalesce({col}, 'nan'), ',')"]
    if spec.kind == "code":
        return [f"group_concat(coalesce({col}, '{BLANK}'), '{SEP}')"]
    if spec.kind == "fixed":
        return [f"group_concat(coalesce({col}, ''), '{SEP}')"]
    return [f"group_concat(coalesce('=' || {col}, ''), '{SEP}')"]


def _numbers(spec: Spec, n: int, text: str | None, fractions: int | None = None) -> Any:
    if fractions:
        return None
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        try:
            values = np.fromstring(text or "", dtype=np.float64, sep=",")
        except (ValueError, DeprecationWarning):
            return None
    return values if len(values) == n else None


def _strided(text: str, n: int, width: int) -> Any:
    """Values of `width` characters between separators, as an (n, width) array, or None."""
    if len(text) != n * (width + 1) - 1:
        return None
    wide = not text.isascii()
    raw = (text + SEP).encode("utf-32-le" if wide else "ascii")
    grid = np.frombuffer(raw, dtype=np.uint32 if wide else np.uint8).reshape(n, width + 1)
    if not (grid[:, width] == ord(SEP)).all():
        return None
    return grid[:, :width]


def _codes(n: int, text: str | None) -> Any:
    """Code points, one per row, BLANK where NULL (made categories once, in _join)."""
    if not n:
        return np.empty(0, dtype=np.uint8)
    grid = _strided(text or "", n, 1)
    return None if grid is None else np.ascontiguousarray(grid[:, 0])


def _fixed(n: int, text: str | None) -> Any:
    if not n:
        return np.empty(0, dtype="S1")
    text = text or ""
    width = text.find(SEP) if n > 1 else len(text)
    grid = _strided(text, n, width) if width > 0 and text.isascii() else None
    if grid is not None:
        return np.ascontiguousarray(grid).view(f"S{width}").ravel()
    return _fixed_with_blanks(n, text)


def _fixed_with_blanks(n: int, text: str) -> Any:
    """Texts of one width among blanks (drafts without an area, say): still bytes, the
    blanks b""; None when the texts differ in width or are not ASCII."""
    tokens = _tokens(n, text)
    if tokens is None or not text.isascii():
        return None
    widths = {len(t) for t in tokens if t}
    if len(widths) > 1:
        return None
    return np.array(tokens, dtype=f"S{max(widths, default=1)}")


def _tokens(n: int, text: str | None) -> list[str] | None:
    tokens = text.split(SEP) if text is not None else []
    return tokens if len(tokens) == n else None


def _names(n: int, text: str | None) -> Any:
    tokens = _tokens(n, text)
    if tokens is None:
        return None
    return np.array([t[1:] if t else None for t in tokens], dtype=object)


def _texts(n: int, text: str | None) -> Any:
    tokens = _tokens(n, text)
    if tokens is None:
        return None
    codes, uniques = pd.factorize(np.array(tokens, dtype=object))
    labels = [str(u)[1:] for u in uniques]
    if "" in list(uniques):  # the NULLs
        blank = list(uniques).index("")
        codes = np.where(codes == blank, -1, codes - (codes > blank))
        del labels[blank]
    return pd.Categorical.from_codes(codes, categories=labels)


def _decode(spec: Spec, n: int, values: tuple[Any, ...]) -> Any:
    """The chunk's column from its aggregates, or None when a check fails."""
    if spec.kind == "number":
        return _numbers(spec, n, *values)
    if spec.kind == "code":
        return _codes(n, *values)
    if spec.kind == "fixed":
        return _fixed(n, *values)
    if spec.kind == "names":
        return _names(n, *values)
    return _texts(n, *values)


def _exact(spec: Spec, values: tuple[Any, ...]) -> Any:
    """A column fetched row by row, typed like its fast decoding."""
    if spec.kind == "number":
        numbers = pd.to_numeric(pd.Series(values, dtype=object), errors="coerce")
        return numbers.to_numpy(dtype=np.float64, na_value=np.nan)
    if spec.kind == "fixed":
        return np.array(["" if v is None else v for v in values], dtype=object)
    if spec.kind == "names":
        return np.array(values, dtype=object)
    return pd.Categorical(np.array(values, dtype=object))


def read_chunk(conn: sqlite3.Connection, request: Request, start: int) -> dict[str, Any]:
    """The columns of the rows with rowids from `start` to `start + CHUNK`."""
    specs, table = request.specs, request.table
    where = f"rowid >= ? AND rowid < ? AND ({request.where})"
    params = (start, start + CHUNK, *request.params)
    selects = ["count(*)", *(a for s in specs for a in _aggregates(s))]
    row = conn.execute(
        f'SELECT {", ".join(selects)} FROM "{table}" NOT INDEXED WHERE {where}', params
    ).fetchone()
    n, out, at = row[0], {}, 1
    for spec in specs:
        width = len(_aggregates(spec))
        out[spec.name] = _decode(spec, n, row[at : at + width])
        at += width
    slow = [s for s in specs if out[s.name] is None]
    if slow:
        names = ", ".join(s.source for s in slow)
        rows = conn.execute(
            f'SELECT {names} FROM "{table}" NOT INDEXED WHERE {where} ORDER BY rowid', params
        ).fetchall()
        for spec, values in zip(slow, zip(*rows, strict=True), strict=True):
            out[spec.name] = _exact(spec, values)
    return out


def _categorical(points: Any) -> pd.Categorical:
    """Code points to categories of one-character texts; BLANK becomes a missing value."""
    if points.dtype == np.uint8:  # look up by code point
        present = np.flatnonzero(np.bincount(points, minlength=256))
        slots, index, size = present, points, 256
    else:
        present, index = np.unique(points, return_inverse=True)
        slots, size = np.arange(len(present)), len(present)
    keep = present != ord(BLANK)
    narrow = int(keep.sum()) < 127  # the codes pandas keeps: no conversion afterwards
    lookup = np.full(size, -1, dtype=np.int8 if narrow else np.int32)
    lookup[slots[keep]] = np.arange(int(keep.sum()))
    labels = [chr(int(p)) for p in present[keep]]
    # Every code is -1 or a category's place, by construction: nothing to validate.
    dtype = pd.CategoricalDtype(labels)
    return pd.Categorical.from_codes(lookup[index], dtype=dtype, validate=False)


def _join(spec: Spec, parts: list[Any]) -> Any:
    if spec.kind == "number":
        return np.concatenate(parts) if parts else np.empty(0)
    if spec.kind == "names":
        return np.concatenate(parts) if parts else np.empty(0, dtype=object)
    if spec.kind == "fixed":
        if any(p.dtype == object for p in parts):
            parts = [p if p.dtype == object else p.astype(str).astype(object) for p in parts]
        return np.concatenate(parts) if parts else np.empty(0, dtype=object)
    if spec.kind == "code":
        if all(isinstance(p, np.ndarray) for p in parts):
            return _categorical(np.concatenate(parts) if parts else np.empty(0, dtype=np.uint8))
        parts = [_categorical(p) if isinstance(p, np.ndarray) else p for p in parts]
    return _union(parts)


def _union(parts: list[pd.Categorical]) -> pd.Categorical:
    """Categoricals one after the other, their categories merged."""
    labels: dict[Any, int] = {}
    codes = []
    for part in parts:
        remap = [labels.setdefault(c, len(labels)) for c in part.categories]
        codes.append(np.array([*remap, -1], dtype=np.int32)[part.codes])
    joined = np.concatenate(codes) if codes else np.empty(0, dtype=np.int32)
    return pd.Categorical.from_codes(joined, categories=pd.Index(list(labels), dtype=object))


def chunk_starts(conn: sqlite3.Connection, table: str) -> list[int]:
    """The first rowid of each chunk of a table (multiples of CHUNK)."""
    # Two queries: SQLite answers a lone min() or max() of the rowid from the b-tree's ends.
    (low,) = conn.execute(f'SELECT min(rowid) FROM "{table}"').fetchone()
    (high,) = conn.execute(f'SELECT max(rowid) FROM "{table}"').fetchone()
    return list(range(low - low % CHUNK, high + 1, CHUNK)) if low is not None else []


def join_chunks(request: Request, chunks: list[dict[str, Any]]) -> dict[str, Any]:
    """The chunks of a request (in rowid order) as whole columns."""
    return {s.name: _join(s, [c[s.name] for c in chunks]) for s in request.specs}


def read_columns(conn: sqlite3.Connection, request: Request) -> dict[str, Any]:
    """Every column of the request, in rowid order, on one connection."""
    starts = chunk_starts(conn, request.table)
    return join_chunks(request, [read_chunk(conn, request, start) for start in starts])
