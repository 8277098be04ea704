"""Cutting a plain CSV into fields, and reading its plain columns, as NumPy arrays.

A national file is 100,000 rows × 47 columns: making a Python string of each of
its 4.7 million cells, then a number of each, is most of the time a load takes.
This module works on the file's bytes instead.  The positions of the delimiters
and line ends are found in one array operation; a column whose every cell has
the plain form of its kind (digits; digits with one decimal point; one of the
usual yes/no words; a five-digit code) is read as an array and turned into
Python values at the end.  Any other column, and any file that is not
plain, is left to the reader of :mod:`chuyenhoa.reading.tables`, whose parsers and error
messages stay the reference: every value read here is the value they give, and
``tests/test_plaincsv.py`` checks it cell for cell.

"Plain" means: no quote character except a pair wrapping a whole field (then,
by RFC 4180, no field holds a delimiter or a line break), every row as wide as
the header, no blank row; line ends ``\\n`` or ``\\r\\n``; nothing that Python
counts as a line break but CSV does not.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence
from typing import Any, NamedTuple

import numpy as np

from chuyenhoa.reading.cells import ParsedOnce

_BOM = b"\xef\xbb\xbf"
_TAB, _NEWLINE, _QUOTE = ord("\t"), ord("\n"), ord('"')
#: the low L bytes of a 64-bit word, for L = 0…8
_LOW_BYTES = np.array([(1 << (8 * n)) - 1 for n in range(9)], dtype=np.uint64)
_EVERY_BYTE = 0x0101010101010101
#: a column with a cell longer than this (bytes) is sliced cell by cell, not gathered as a padded array
_LONG_TEXT = 64
#: digits at most: below 2**53, so the integer and its float are exact and a decimal
#: m / 10**k is the correctly rounded value of its text, as float() gives it
_MAX_DIGITS = 15
_POWERS_OF_TEN = np.array([10.0 ** k for k in range(_MAX_DIGITS + 1)])  # 10**k is exact for k <= 22
_ZERO, _NINE, _POINT = ord("0"), 9, ord(".")


class PlainColumn(NamedTuple):
    """A column read whole: its values as the reference parser gives them, and as floats for
    arithmetic on whole columns (NaN where a cell is empty, yes/no as 1/0)."""

    values: list[Any]
    floats: Any


class PlainCsv:
    """The fields of a plain CSV: where each starts and ends in the file's bytes.

    ``field(r, j)`` is ``starts[r * width + j]`` to ``ends[r * width + j]``.
    """

    __slots__ = ("_body", "_bytes", "ends", "header", "rows", "starts", "width")

    def __init__(self, body: bytes, starts: Any, ends: Any, header: list[str]) -> None:
        # the bytes twice: as they are, to slice long texts from, and as an array with 16 zero
        # bytes after the end, so that reading a few bytes past any field stays in bounds
        self._body = body
        self._bytes = np.concatenate([np.frombuffer(body, dtype=np.uint8), np.zeros(16, dtype=np.uint8)])
        self.starts, self.ends, self.header = starts, ends, header
        self.width = len(header)
        self.rows = len(starts) // self.width

    @classmethod
    def cut(cls, data: bytes, delimiter: str) -> PlainCsv | None:
        """The fields of ``data`` (UTF-8, BOM allowed), or None if the file is not plain."""
        if data.startswith(_BOM):
            data = data[len(_BOM):]
        if b"\r" in data:
            data = data.replace(b"\r\n", b"\n")
            if b"\r" in data:
                return None
        end_of_header = data.find(b"\n")
        if end_of_header < 0:
            return None
        header = _unquoted(data[:end_of_header].decode("utf-8").split(delimiter))
        body = data[end_of_header + 1:].rstrip(b"\n")
        if header is None or not body or any(not cell.strip() for cell in header):
            return None
        width = len(header)
        array = np.frombuffer(body, dtype=np.uint8)
        if _breaks_lines_elsewhere(array):
            return None
        is_delimiter = array == ord(delimiter)
        is_newline = array == ord("\n")
        breaks = np.flatnonzero(is_delimiter | is_newline)
        rows = int(np.count_nonzero(is_newline)) + 1
        # as many breaks as a table of `rows` × `width` fields has, and a line end after
        # every `width`-th field: then every row has exactly width - 1 delimiters
        if len(breaks) != rows * width - 1 or not is_newline[breaks[width - 1::width]].all():
            return None
        starts = np.empty(rows * width, dtype=np.intp)
        starts[0], starts[1:] = 0, breaks + 1
        ends = np.empty(rows * width, dtype=np.intp)
        ends[:-1], ends[-1] = breaks, len(array)
        is_quote = array == _QUOTE
        # no row of nothing but delimiters, spaces, tabs and quotes (the reference reader skips or refuses them)
        content = ~(is_delimiter | is_newline | is_quote | (array == ord(" ")) | (array == ord("\t")))
        if not np.logical_or.reduceat(content, starts[::width]).all():
            return None
        if is_quote.any() and not _strip_quotes(np.flatnonzero(is_quote), starts, ends):
            return None
        return cls(body, starts, ends, header)

    def _fields(self, columns: Sequence[int]) -> tuple[Any, Any, int]:
        """Where each field of ``columns`` starts, column after column, each field's length, and the
        longest length."""
        picked = (np.asarray(columns, dtype=np.intp)[:, None] + np.arange(self.rows, dtype=np.intp) * self.width
                  ).ravel()
        starts = self.starts[picked]
        lengths = self.ends[picked] - starts
        return starts, lengths, int(lengths.max()) if len(lengths) else 0

    def _words8(self, starts: Any, lengths: Any) -> Any:
        """The first min(length, 8) bytes of each field as one 64-bit word (first byte lowest), rest zero.

        Read as overlapping unaligned 8-byte windows of the buffer, which ends with
        16 zero bytes so that every window is inside it.
        """
        windows = np.ndarray(shape=(len(self._bytes) - 7,), dtype="<u8", buffer=self._bytes, strides=(1,))
        return windows[starts] & _LOW_BYTES[np.minimum(lengths, 8)]

    def _split(self, values: Any, good: Any, lengths: Any) -> list[PlainColumn | None]:
        """Per column: its values (None for empty cells), or None where ``good`` is not all True."""
        out: list[PlainColumn | None] = []
        for k, ok in enumerate(good.reshape(-1, self.rows).all(axis=1).tolist()):
            block = slice(k * self.rows, (k + 1) * self.rows)
            out.append(PlainColumn(_with_blanks(values[block], lengths[block]),
                                   np.where(lengths[block] == 0, np.nan, values[block])) if ok else None)
        return out

    def cells(self, column: int) -> list[str]:
        """The text of each cell of ``column`` (the file is UTF-8: the caller checked it)."""
        starts, lengths, longest = self._fields([column])
        if not longest:
            return [""] * self.rows
        texts = ParsedOnce(bytes.decode)
        if longest > _LONG_TEXT:  # one long cell must not make every cell as long in memory
            body = self._body
            return [texts[body[a:b]] for a, b in zip(starts.tolist(), (starts + lengths).tolist(), strict=True)]
        offsets = np.arange(longest)
        chars = np.where(offsets < lengths[:, None], self._bytes[starts[:, None] + offsets], 0).astype(np.uint8)
        return list(map(texts.__getitem__, chars.view(f"S{longest}").ravel().tolist()))

    def counts(self, columns: Sequence[int]) -> list[PlainColumn | None]:
        """Each column as whole numbers if every cell is digits (at most 15) or empty; else None."""
        starts, lengths, longest = self._fields(columns)
        if longest > _MAX_DIGITS:
            return _each_alone(self.counts, columns)
        if longest <= 8:
            number, good = _eight_digits(self._words8(starts, lengths), lengths)
            return self._split(number, good, lengths)
        number = np.zeros(len(starts), dtype=np.int64)
        good = np.ones(len(starts), dtype=bool)
        for k in range(longest):  # one pass per digit position, over every field at once
            digit = self._bytes[starts + k] - _ZERO  # uint8: anything below '0' wraps round to large
            inside = lengths > k
            good &= ~inside | (digit <= _NINE)
            number = np.where(inside, number * 10 + digit, number)
        return self._split(number, good, lengths)

    def decimals(self, columns: Sequence[int], upper: float | None = None) -> list[PlainColumn | None]:
        """Each column as floats if every cell is digits with at most one inner decimal point (at most
        15 digits), or empty, and none is above ``upper``; else None."""
        starts, lengths, longest = self._fields(columns)
        if longest > _MAX_DIGITS + 1:
            return _each_alone(lambda one: self.decimals(one, upper), columns)
        mantissa = np.zeros(len(starts), dtype=np.int64)
        good = np.ones(len(starts), dtype=bool)
        point_at = np.full(len(starts), -1, dtype=np.intp)
        for k in range(longest):
            char = self._bytes[starts + k]
            inside = lengths > k
            digit = char - _ZERO  # uint8: anything below '0' wraps round to large
            is_digit = inside & (digit <= _NINE)
            is_point = inside & (char == _POINT)
            # a second point, or a character that is neither digit nor point, spoils the field
            good &= ~inside | is_digit | (is_point & (point_at < 0))
            point_at = np.where(is_point, k, point_at)
            mantissa = np.where(is_digit, mantissa * 10 + digit, mantissa)
        has_point = point_at >= 0
        # "5." and ".5" are left to the reference parser
        good &= ~has_point | ((point_at > 0) & (point_at < lengths - 1))
        values = mantissa / _POWERS_OF_TEN[np.where(has_point, lengths - point_at - 1, 0)]
        if upper is not None:
            good &= ~(values > upper)
        return self._split(values, good, lengths)

    def words(self, columns: Sequence[int], vocabulary: Mapping[str, object]) -> list[PlainColumn | None]:
        """Each column through ``vocabulary`` (exact text → value) if every cell is one of its words; else None.

        Words of at most 8 bytes are compared as 64-bit keys, with their lengths.
        """
        word_keys, word_lengths, values = _vocabulary(tuple(vocabulary.items()))
        starts, lengths, longest = self._fields(columns)
        if longest > 8:
            return _each_alone(lambda one: self.words(one, vocabulary), columns)
        keys = self._words8(starts, lengths)
        found = np.searchsorted(word_keys, keys).clip(0, len(word_keys) - 1)
        good = ((word_keys[found] == keys) & (word_lengths[found] == lengths)).reshape(-1, self.rows).all(axis=1)
        floats = np.array([np.nan if v is None else float(v) for v in values.tolist()])
        out: list[PlainColumn | None] = []
        for k, ok in enumerate(good.tolist()):
            block = found[k * self.rows:(k + 1) * self.rows]
            out.append(PlainColumn(values[block].tolist(), floats[block]) if ok else None)
        return out

    def codes(self, column: int, digits: int) -> list[str] | None:
        """The column as text if every cell is exactly ``digits`` digits (a GSO code); else None."""
        starts, lengths, _longest = self._fields([column])
        if (lengths != digits).any():
            return None
        chars = self._bytes[starts[:, None] + np.arange(digits)]
        if ((chars - _ZERO) > _NINE).any():
            return None
        codes: list[str] = chars.view(f"S{digits}").ravel().astype(f"U{digits}").tolist()
        return codes


def _each_alone(read: Callable[[list[int]], list[PlainColumn | None]], columns: Sequence[int]
                ) -> list[PlainColumn | None]:
    """Columns read together share one longest field: when it is too long for the form, each
    column is read on its own, and a column alone with a field too long is not plain (None)."""
    return [read([column])[0] for column in columns] if len(columns) > 1 else [None] * len(columns)


def _eight_digits(words: Any, lengths: Any) -> tuple[Any, Any]:
    """Fields of at most 8 characters (as from :meth:`PlainCsv._words8`): their values as whole
    numbers, and whether each is all digits.

    SWAR: every byte is checked and the digits are combined in pairs, fours and
    eights by three multiplications of the whole word, as simdjson and Lemire's
    "fast integer parsing" do.
    """
    digits = words & np.uint64(0x0F * _EVERY_BYTE)
    within = _LOW_BYTES[lengths]
    # a byte is a digit when its high half is 3 and its low half plus 6 does not reach 16
    good = ((words & np.uint64(0xF0 * _EVERY_BYTE)) == (within & np.uint64(0x30 * _EVERY_BYTE))) & \
        (((digits + np.uint64(0x06 * _EVERY_BYTE)) & np.uint64(0xF0 * _EVERY_BYTE)) == 0)
    # the last digit into the highest byte: the leading bytes are then zeros, as leading zeros are
    x = digits << ((np.uint64(8) - lengths.astype(np.uint64)) * np.uint64(8) & np.uint64(63))
    x = np.where(lengths == 0, np.uint64(0), x)
    x = (x * np.uint64(10) + (x >> np.uint64(8))) & np.uint64(0x00FF00FF00FF00FF)
    x = (x * np.uint64(100) + (x >> np.uint64(16))) & np.uint64(0x0000FFFF0000FFFF)
    x = (x * np.uint64(10000) + (x >> np.uint64(32))) & np.uint64(0xFFFFFFFF)
    return x.astype(np.int64), good


def _strip_quotes(quotes: Any, starts: Any, ends: Any) -> bool:
    """Move the bounds of each quoted field inside its quotes; False if any quote does more than wrap
    a whole field.

    A field wrapped in quotes with no quote, delimiter or line break inside
    (``"Xã Số 1"``) reads as its inner text, as ``csv.reader`` reads it; that is
    all the quoting LibreOffice's "quote all text cells" and pandas'
    ``QUOTE_NONNUMERIC`` add.  Anything else (a doubled quote, a quote inside a
    field, a delimiter inside quotes, which also breaks the row widths) is left to
    ``csv.reader``.
    """
    field = np.searchsorted(starts, quotes, side="right") - 1
    at_an_end = (quotes == starts[field]) | (quotes == ends[field] - 1)
    per_field = np.bincount(field, minlength=len(starts))
    wrapped = np.flatnonzero(per_field)
    if not (at_an_end.all() and (per_field[wrapped] == 2).all()):
        return False
    starts[wrapped] += 1
    ends[wrapped] -= 1
    return True


def _unquoted(cells: list[str]) -> list[str] | None:
    """Header cells with the quotes around each taken off; None if a quote does more than wrap a cell."""
    out = []
    for cell in cells:
        if len(cell) >= 2 and cell[0] == cell[-1] == '"' and '"' not in cell[1:-1]:
            cell = cell[1:-1]
        elif '"' in cell:
            return None
        out.append(cell)
    return out


def _breaks_lines_elsewhere(array: Any) -> bool:
    """Whether the bytes hold a character that ``str.splitlines`` breaks at and a CSV reader does
    not, or a control character other than tab and line end (NUL among them, which NumPy's
    fixed-width bytes would drop): a file holding one is left to the reference reader."""
    controls = np.flatnonzero(array < 0x20)  # in a plain file, nearly all of them line ends
    if not np.isin(array[controls], (_TAB, _NEWLINE)).all():
        return True
    padded = np.concatenate([array, np.zeros(2, dtype=np.uint8)])
    next_line = np.flatnonzero(array == 0xC2)  # U+0085 is C2 85
    if (padded[next_line + 1] == 0x85).any():
        return True
    separators = np.flatnonzero(array == 0xE2)  # U+2028 and U+2029 are E2 80 A8 and E2 80 A9
    return bool(((padded[separators + 1] == 0x80) & ((padded[separators + 2] | 1) == 0xA9)).any())


@functools.lru_cache(maxsize=8)
def _vocabulary(items: tuple[tuple[str, object], ...]) -> tuple[Any, Any, Any]:
    """Sorted 64-bit keys of the words (byte k in bits 8k…8k+7), their lengths, and their values in that order."""
    words = [word.encode() for word, _value in items]
    if max(map(len, words)) > 8:
        raise ValueError("words of more than 8 bytes are not supported")
    keys = np.array([int.from_bytes(w, "little") for w in words], dtype=np.uint64)
    order = np.argsort(keys)
    lengths = np.array([len(w) for w in words])
    values = np.empty(len(words), dtype=object)
    values[:] = [items[i][1] for i in order.tolist()]
    return keys[order], lengths[order], values


def _with_blanks(values: Any, lengths: Any) -> list[Any]:
    """``values`` as Python objects, with None for the empty cells."""
    out: list[Any] = values.tolist()
    for index in np.flatnonzero(lengths == 0).tolist():
        out[index] = None
    return out
