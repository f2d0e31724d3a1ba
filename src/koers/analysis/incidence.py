"""The prime implicant chart as pairs: which implicant covers which positive row.

Kept as two arrays so that charts of tens of thousands of rows and implicants are built,
split and handed to the solver at numpy's speed; the exact searches read bit sets made
from it for the groups they take on.
"""

from dataclasses import dataclass

import numpy as np
from scipy.sparse import coo_array

from .terms import Term, covered_configurations


@dataclass(frozen=True)
class Incidence:
    """Which implicant (column) covers which row: a (row, column) pair per cover."""

    rows: np.ndarray
    columns: np.ndarray
    n_rows: int
    n_columns: int

    @classmethod
    def of(cls, covers: list[int], n_rows: int) -> "Incidence":
        """From bit sets: each implicant's rows, read a block of implicants at a time."""
        width = max(1, (n_rows + 7) // 8)
        step = max(1, 4_000_000 // width)
        rows, columns = [np.zeros(0, dtype=np.int64)], [np.zeros(0, dtype=np.int64)]
        for start in range(0, len(covers), step):
            block = covers[start : start + step]
            raw = np.frombuffer(b"".join(c.to_bytes(width, "little") for c in block), np.uint8)
            which, byte = np.nonzero(raw.reshape(len(block), width))
            bits = np.unpackbits(raw[which * width + byte][:, None], axis=1, bitorder="little")
            pair, position = np.nonzero(bits)
            rows.append(byte[pair] * 8 + position)
            columns.append(which[pair] + start)
        return cls(np.concatenate(rows), np.concatenate(columns), n_rows, len(covers))

    def bit_sets(self) -> list[int]:
        """Each implicant's rows as a bit set."""
        width = max(1, (self.n_rows + 7) // 8) * 8
        step = max(1, 4_000_000 // width)
        sets: list[int] = []
        for start in range(0, self.n_columns, step):
            stop = min(start + step, self.n_columns)
            inside = (self.columns >= start) & (self.columns < stop)
            dense = np.zeros((stop - start, width), dtype=bool)
            dense[self.columns[inside] - start, self.rows[inside]] = True
            packed = np.packbits(dense, axis=1, bitorder="little")
            sets += [int.from_bytes(row.tobytes(), "little") for row in packed]
        return sets

    def matrix(self) -> coo_array:
        shape = (self.n_rows, self.n_columns)
        return coo_array((np.ones(len(self.rows)), (self.rows, self.columns)), shape=shape)

    @classmethod
    def of_terms(cls, terms: list[Term], positive: np.ndarray, k: int) -> "Incidence":
        """Which of the positive configurations (codes) each term covers: a term's
        configurations are looked up, terms with the same conditions at once."""
        row_of = np.full(1 << k, -1, dtype=np.int64)
        row_of[positive] = np.arange(len(positive))
        masks = np.array([m for m, _ in terms], dtype=np.int64).reshape(-1)
        values = np.array([v for _, v in terms], dtype=np.int64).reshape(-1)
        rows, columns = [np.zeros(0, dtype=np.int64)], [np.zeros(0, dtype=np.int64)]
        for mask in np.unique(masks).tolist():
            which = np.flatnonzero(masks == mask)
            offsets = covered_configurations((mask, 0), k)
            step = max(1, 4_000_000 // len(offsets))  # configurations looked up at once
            for start in range(0, len(which), step):
                block = which[start : start + step]
                found = row_of[values[block][:, None] | offsets[None, :]]
                term, _ = np.nonzero(found >= 0)
                rows.append(found[found >= 0])
                columns.append(block[term])
        return cls(np.concatenate(rows), np.concatenate(columns), len(positive), len(terms))
