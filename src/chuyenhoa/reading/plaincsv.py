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

A file is read from disk :data:`CHUNK_BYTES` at a time, in runs of whole lines
(:func:`read`): each run is cut and its columns typed into arrays
(:mod:`chuyenhoa.reading.packed`) before the next is read, so a file of a
million rows never has its bytes, its field positions or its cells in memory at
once, only its typed columns (about 95 bytes a row against the file's 193).  A
run is plain exactly when the same lines in the whole file are: runs end after
a line with content, and the blank lines that end a file are left out, as
:meth:`PlainCsv.cut` leaves them out of a whole file.
"""

from __future__ import annotations

import codecs
import functools
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO, Any, NamedTuple

import numpy as np

from chuyenhoa.reading.cells import ParsedOnce
from chuyenhoa.reading.packed import CategoryColumn, Form, NumberColumn, PackedColumn, smallest_counts, smallest_ids

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
#: bytes of a file read and cut at a time: the memory of a run (its field positions, its masks) is about ten
#: times this, whatever the size of the file
CHUNK_BYTES = 2 << 20
#: a byte that is not part of a line end
_CONTENT = re.compile(rb"[^\r\n]")


class PlainColumn(NamedTuple):
    """A column read whole: its values as the reference parser gives them, and as floats for
    arithmetic on whole columns (NaN where a cell is empty, yes/no as 1/0)."""

    values: list[Any]
    floats: Any


class PlainCsv:
    """The fields of a plain CSV, or of a run of its rows: where each starts and ends in the bytes.

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
        if header is None:
            return None
        return cls.cut_rows(data[end_of_header + 1:], header, delimiter)

    @classmethod
    def cut_rows(cls, data: bytes, header: list[str], delimiter: str) -> PlainCsv | None:
        """The fields of ``data``, lines of a file whose header is ``header``, or None if they are not plain.

        ``data`` holds whole lines; a ``\\r\\n`` is a line end, a lone ``\\r`` is not plain,
        and the line ends that close it are not rows.
        """
        if b"\r" in data:
            data = data.replace(b"\r\n", b"\n")
            if b"\r" in data:
                return None
        body = data.rstrip(b"\n")
        if not body or any(not cell.strip() for cell in header):
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
        # the fields as a rows × width grid: the columns' fields, then laid column after column
        picked = np.asarray(columns, dtype=np.intp)
        starts = self.starts.reshape(self.rows, self.width)[:, picked].T.ravel()
        lengths = self.ends.reshape(self.rows, self.width)[:, picked].T.ravel() - starts
        return starts, lengths, int(lengths.max()) if len(lengths) else 0

    def lengths(self, column: int) -> Any:
        """How many bytes each cell of ``column`` holds."""
        return self._fields([column])[1]

    def _words8(self, starts: Any, lengths: Any) -> Any:
        """The first min(length, 8) bytes of each field as one 64-bit word (first byte lowest), rest zero.

        Read as overlapping unaligned 8-byte windows of the buffer, which ends with
        16 zero bytes so that every window is inside it.
        """
        windows: Any = np.ndarray(shape=(len(self._bytes) - 7,), dtype="<u8", buffer=self._bytes, strides=(1,))
        return windows[starts] & _LOW_BYTES.take(np.minimum(lengths, 8))  # unaligned: [] beats take here

    def _split(self, values: Any, good: Any, lengths: Any) -> list[tuple[Any, Any] | None]:
        """Per column: its values and which cells are empty, or None where ``good`` is not all True."""
        out: list[tuple[Any, Any] | None] = []
        for k, ok in enumerate(good.reshape(-1, self.rows).all(axis=1).tolist()):
            block = slice(k * self.rows, (k + 1) * self.rows)
            out.append((values[block], lengths[block] == 0) if ok else None)
        return out

    def _texts(self, column: int) -> list[bytes]:
        """The bytes of each cell of ``column``."""
        starts, lengths, longest = self._fields([column])
        if not longest:
            return [b""] * self.rows
        if longest > _LONG_TEXT:  # one long cell must not make every cell as long in memory
            body = self._body
            return [body[a:b] for a, b in zip(starts.tolist(), (starts + lengths).tolist(), strict=True)]
        offsets = np.arange(longest)
        # a short cell near the end reads past the 16 bytes of padding: clipped, and masked by its length
        chars = np.where(offsets < lengths[:, None], self._bytes.take(starts[:, None] + offsets, mode="clip"), 0
                         ).astype(np.uint8)
        texts: list[bytes] = chars.view(f"S{longest}").ravel().tolist()
        return texts

    def cells(self, column: int, texts: ParsedOnce[bytes, str] | None = None) -> list[str]:
        """The text of each cell of ``column`` (the file is UTF-8: the caller checked it); ``texts`` shares
        the strings of one text between calls."""
        return list(map((texts if texts is not None else ParsedOnce(bytes.decode)).__getitem__, self._texts(column)))

    def text_ids(self, column: int, ids: TextIds) -> Any:
        """Each cell of ``column`` as the id of its text in ``ids``, which gains the texts it lacked."""
        return np.array(list(map(ids.__getitem__, self._texts(column))), dtype=np.int32)

    def count_arrays(self, columns: Sequence[int]) -> list[tuple[Any, Any] | None]:
        """Each column as int64 whole numbers and which cells are empty, if every cell is digits (at most
        15) or empty; else None."""
        starts, lengths, longest = self._fields(columns)
        if longest > _MAX_DIGITS:
            return _each_alone(self.count_arrays, columns)
        if longest <= 8:
            number, good = _eight_digits(self._words8(starts, lengths), lengths)
            return self._split(number, good, lengths)
        number = np.zeros(len(starts), dtype=np.int64)
        good = np.ones(len(starts), dtype=bool)
        for k in range(longest):  # one pass per digit position, over every field at once
            digit = self._bytes.take(starts + k) - _ZERO  # uint8: anything below '0' wraps round to large
            inside = lengths > k
            good &= ~inside | (digit <= _NINE)
            number = np.where(inside, number * 10 + digit, number)
        return self._split(number, good, lengths)

    def decimal_arrays(self, columns: Sequence[int], upper: float | None = None) -> list[tuple[Any, Any] | None]:
        """Each column as float64 and which cells are empty, if every cell is digits with at most one inner
        decimal point (at most 15 digits), or empty, and none is above ``upper``; else None."""
        starts, lengths, longest = self._fields(columns)
        if longest > _MAX_DIGITS + 1:
            return _each_alone(lambda one: self.decimal_arrays(one, upper), columns)
        mantissa: Any = np.zeros(len(starts), dtype=np.int64)
        good = np.ones(len(starts), dtype=bool)
        point_at: Any = np.full(len(starts), -1, dtype=np.intp)
        for k in range(longest):
            char = self._bytes.take(starts + k)
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

    def word_ids(self, columns: Sequence[int], vocabulary: Mapping[str, object]) -> list[Any | None]:
        """Each column as ids into :func:`word_values` of ``vocabulary`` (exact text → value) if every cell
        is one of its words; else None.

        Words of at most 8 bytes are compared as 64-bit keys, with their lengths.
        """
        word_keys, word_lengths, _values = _vocabulary(tuple(vocabulary.items()))
        starts, lengths, longest = self._fields(columns)
        if longest > 8:
            return _each_alone(lambda one: self.word_ids(one, vocabulary), columns)
        keys = self._words8(starts, lengths)
        found = np.searchsorted(word_keys, keys).clip(0, len(word_keys) - 1)
        good = ((word_keys[found] == keys) & (word_lengths[found] == lengths)).reshape(-1, self.rows).all(axis=1)
        return [found[k * self.rows:(k + 1) * self.rows].astype(np.uint8) if ok else None
                for k, ok in enumerate(good.tolist())]

    def code_numbers(self, column: int, digits: int) -> Any | None:
        """The column as int64 numbers if every cell is exactly ``digits`` digits (a GSO code); else None."""
        starts, lengths, _longest = self._fields([column])
        if (lengths != digits).any():
            return None
        chars = self._bytes.take(starts[:, None] + np.arange(digits)) - _ZERO
        if (chars > _NINE).any():
            return None
        return chars.astype(np.int64) @ (10 ** np.arange(digits - 1, -1, -1, dtype=np.int64))

    # --- the values as lists, as the reference parsers give them -----------------------------

    def counts(self, columns: Sequence[int]) -> list[PlainColumn | None]:
        """Each column as whole numbers if every cell is digits (at most 15) or empty; else None."""
        return [_listed(read) for read in self.count_arrays(columns)]

    def decimals(self, columns: Sequence[int], upper: float | None = None) -> list[PlainColumn | None]:
        """Each column as floats if every cell is digits with at most one inner decimal point (at most
        15 digits), or empty, and none is above ``upper``; else None."""
        return [_listed(read) for read in self.decimal_arrays(columns, upper)]

    def words(self, columns: Sequence[int], vocabulary: Mapping[str, object]) -> list[PlainColumn | None]:
        """Each column through ``vocabulary`` (exact text → value) if every cell is one of its words; else None."""
        values = word_values(vocabulary)
        floats = np.array([np.nan if v is None else float(v) for v in values])  # type: ignore[arg-type]
        return [None if ids is None else PlainColumn(list(map(values.__getitem__, ids.tolist())), floats[ids])
                for ids in self.word_ids(columns, vocabulary)]

    def codes(self, column: int, digits: int) -> list[str] | None:
        """The column as text if every cell is exactly ``digits`` digits (a GSO code); else None."""
        numbers = self.code_numbers(column, digits)
        return None if numbers is None else [f"{n:0{digits}d}" for n in numbers.tolist()]


class TextIds(dict[bytes, int]):
    """Text → id, a new text given the next id on first lookup (texts already known are looked up in C)."""

    def __missing__(self, text: bytes) -> int:
        found = self[text] = len(self)
        return found


def word_values(vocabulary: Mapping[str, object]) -> list[object]:
    """The values of ``vocabulary`` in the order :meth:`PlainCsv.word_ids` numbers them."""
    values: list[object] = _vocabulary(tuple(vocabulary.items()))[2].tolist()
    return values


def _listed(read: tuple[Any, Any] | None) -> PlainColumn | None:
    """Values and empty cells as a :class:`PlainColumn`: Python values (None where empty) and floats (NaN)."""
    if read is None:
        return None
    values, empty = read
    return PlainColumn(_with_blanks(values, empty), np.where(empty, np.nan, values))


# --- a file, a run of lines at a time ---------------------------------------------------------


class PlainFile:
    """A plain CSV read from its file a run of lines at a time, the columns asked for typed on the way.

    ``columns`` holds, by position (from 0), each column read whole as an array;
    a column asked for that turned out not to be of its form is not there, and its
    cells (or any other column's) are read again from the file when asked for
    (:meth:`cells`, :meth:`texts`).
    """

    __slots__ = ("_texts", "columns", "delimiter", "forms", "header", "path", "rows", "runs", "width")

    def __init__(self, path: Path, delimiter: str, header: list[str], rows: int, runs: list[tuple[int, int]],
                 forms: Mapping[int, Form], columns: dict[int, PackedColumn]) -> None:
        self.path, self.delimiter, self.header, self.rows, self.runs = path, delimiter, header, rows, runs
        self.width = len(header)
        self.forms, self.columns = forms, columns
        self._texts: dict[int, CategoryColumn] = {}

    def typed(self, column: int) -> PackedColumn | None:
        """``column`` as its form typed it (None for a column kept as text, or not of its form)."""
        form = self.forms.get(column)
        return None if form is None or form.kind == "text" else self.columns.get(column)

    def texts(self, column: int) -> CategoryColumn:
        """``column`` as ids into its distinct texts: as read for a column of texts, else read again."""
        form = self.forms.get(column)
        found = self.columns.get(column) if form is not None and form.kind == "text" else self._texts.get(column)
        if found is None:
            found = self._texts[column] = self.text_column(column)
        assert isinstance(found, CategoryColumn)
        return found

    def _parts(self) -> Iterator[PlainCsv]:
        with self.path.open("rb") as handle:
            for start, end in self.runs:
                handle.seek(start)
                part = PlainCsv.cut_rows(handle.read(end - start), self.header, self.delimiter)
                if part is None:  # the file changed since it was read
                    raise OSError(f"{self.path}: the file changed while it was read")
                yield part

    def cells(self, column: int) -> list[str]:
        """The text of each cell of ``column``, read again from the file."""
        texts: ParsedOnce[bytes, str] = ParsedOnce(bytes.decode)
        cells: list[str] = []
        for part in self._parts():
            cells.extend(part.cells(column, texts))
        return cells

    def text_column(self, column: int) -> CategoryColumn:
        """``column`` as ids into its distinct texts, read again from the file."""
        ids = TextIds()
        found = [part.text_ids(column, ids) for part in self._parts()]
        return _text_column(np.concatenate(found) if len(found) > 1 else found[0], ids)


#: what :func:`read` shows a watcher after each run: the run, its first row (from 0), the columns typed in it
#: (position → values, as the ``*_arrays`` methods give them), and whether it is the last run
Watch = Callable[[PlainCsv, int, Mapping[int, Any], bool], None]


def read(path: Path, delimiter: str, forms: Mapping[int, Form], watch: Watch | None = None) -> PlainFile | None:
    """The plain CSV at ``path``, each column of ``forms`` (by position) typed as it is cut; None if the file is
    not plain, not UTF-8, or has no row.

    A column that does not have its form in some run is dropped from then on (it
    is not in :attr:`PlainFile.columns`).  ``watch`` sees each run once it is
    typed, and may raise to stop the reading.
    """
    with path.open("rb") as handle:
        runs = _runs(handle)
        first = next(runs, None)
        if first is None:
            return None
        header = header_of(first[2], delimiter)
        if header is None:
            return None
        typed = _Typed(forms, len(header), path.stat().st_size)
        bounds: list[tuple[int, int]] = []
        rows = 0
        for start, end, data, last in runs:
            part = PlainCsv.cut_rows(data, header, delimiter) if _utf8(data) else None
            if part is None:
                return None
            found = typed.add(part)
            if watch is not None:
                watch(part, rows, found, last)
            bounds.append((start, end))
            rows += part.rows
    if not rows:
        return None
    return PlainFile(path, delimiter, header, rows, bounds, typed.forms, typed.columns())


def header_of(line: bytes, delimiter: str) -> list[str] | None:
    """The header cells of a file's first ``line`` (without its line end), as :meth:`PlainCsv.cut` reads them;
    None if they are not plain."""
    if line.endswith(b"\r"):
        line = line[:-1]
    if b"\r" in line or not _utf8(line):
        return None
    return _unquoted(line.decode("utf-8").split(delimiter))


def _utf8(data: bytes) -> bool:
    try:
        codecs.utf_8_decode(data, "strict", True)
    except UnicodeDecodeError:
        return False
    return True


def _runs(handle: IO[bytes], size: int | None = None) -> Iterator[tuple[int, int, bytes, bool]]:
    """(start, end, bytes, last) of the header line (without its line end), then of runs of whole lines.

    A run ends after a line with content: the line ends of blank lines after it
    start the next run, where they are blank rows, unless nothing but line ends
    follows them (the end of the file), when they are left out.  ``last`` is true
    for the run after which none follows.
    """
    size = size or CHUNK_BYTES
    buffer = handle.read(size)
    start = len(_BOM) if buffer.startswith(_BOM) else 0
    buffer = buffer[start:]
    eof = not buffer
    while True:  # the header: everything up to the first line end
        end = buffer.find(b"\n")
        if end >= 0 or eof:
            break
        more = handle.read(size)
        eof = not more
        buffer += more
    if end < 0:
        if buffer:
            yield start, start + len(buffer), buffer, True
        return
    yield start, start + end, buffer[:end], False
    start += end + 1
    buffer = buffer[end + 1:]
    held: tuple[int, int, bytes] | None = None  # a run waits until the next one is known, to say if it is last
    while True:
        if not eof:
            more = handle.read(size)
            eof = not more
            buffer += more
        if eof:
            if _CONTENT.search(buffer) or b"\r" in buffer.replace(b"\r\n", b""):
                if held is not None:
                    yield (*held, False)
                held = (start, start + len(buffer), buffer)
            if held is not None:
                yield (*held, True)
            return
        last_end = buffer.rfind(b"\n")
        cut = last_end + 1
        while cut > 0 and buffer[cut - 1] in b"\r\n":
            cut -= 1
        if cut <= 0:
            continue  # only line ends so far: wait for what follows them
        cut = buffer.index(b"\n", cut) + 1
        if held is not None:
            yield (*held, False)
        held = (start, start + cut, buffer[:cut])
        start += cut
        buffer = buffer[cut:]


class _Typed:
    """The columns of :func:`read`'s forms, filled a run at a time into one array each.

    Each array is made once, for as many rows as the file's size suggests (grown
    if it was short), and each run is written into it: runs kept apart and joined
    at the end would leave the memory between them to the allocator, half as much
    again as the columns.  Counts start as int8 and are widened when a run holds a
    larger number, so that each column ends in the narrowest type that holds it.
    """

    def __init__(self, forms: Mapping[int, Form], width: int, size: int) -> None:
        self.forms = {position: form for position, form in forms.items() if position < width}
        self.texts = {position: TextIds() for position, form in self.forms.items() if form.kind == "text"}
        self.arrays: dict[int, Any] = {}
        self.size, self.read, self.filled = size, 0, 0  # the file's bytes, those read, the rows filled

    def _room(self, part: PlainCsv) -> None:
        """Make the arrays long enough for ``part`` (sized from the bytes per row seen so far)."""
        self.read += len(part._body) + 1
        end = self.filled + part.rows
        if not self.filled:
            kinds = {"count": np.int8, "decimal": np.float64, "words": np.uint8, "digits": np.int32, "text": np.int32}
            rows = max(end, int(end * self.size / self.read * 1.02) + 16)
            self.arrays = {position: np.empty(rows, dtype=kinds[form.kind]) for position, form in self.forms.items()}
            return
        have = len(next(iter(self.arrays.values()))) if self.arrays else end
        if end > have:
            rows = max(end, int(end * self.size / self.read * 1.02) + 16, 2 * have)
            for position, array in self.arrays.items():
                grown = np.empty(rows, dtype=array.dtype)
                grown[:self.filled] = array[:self.filled]
                self.arrays[position] = grown

    def add(self, part: PlainCsv) -> dict[int, Any]:
        """Type ``part``'s columns; returns what was read of each (position → the ``*_arrays`` value)."""
        self._room(part)
        groups: dict[tuple[object, ...], list[int]] = {}
        for position, form in self.forms.items():
            if position in self.arrays:
                key: tuple[object, ...] = (form.kind, form.upper, form.words) \
                    if form.kind in ("count", "decimal", "words") else (form.kind, position)
                groups.setdefault(key, []).append(position)
        found: dict[int, Any] = {}
        at = slice(self.filled, self.filled + part.rows)
        for key, positions in groups.items():
            form = self.forms[positions[0]]
            reads: Sequence[Any]
            if form.kind == "count":
                reads = part.count_arrays(positions)
            elif form.kind == "decimal":
                reads = part.decimal_arrays(positions, form.upper)
            elif form.kind == "words":
                reads = part.word_ids(positions, dict(form.words))
            elif form.kind == "digits":
                reads = [part.code_numbers(positions[0], form.digits)]
            elif form.kind == "text":
                reads = [part.text_ids(positions[0], self.texts[positions[0]])]
            else:
                raise ValueError(f"unknown form {key[0]!r}")
            for position, read in zip(positions, reads, strict=True):
                if read is None:
                    del self.arrays[position]  # not of its form: read again, as text, if asked for
                    continue
                found[position] = read
                if form.kind == "count":
                    values, empty = read
                    self._fit(position, int(values.max()) if len(values) else 0)
                    self.arrays[position][at] = np.where(empty, -1, values)
                elif form.kind == "decimal":
                    values, empty = read
                    self.arrays[position][at] = np.where(empty, -np.inf, values)
                else:
                    self.arrays[position][at] = read
        self.filled += part.rows
        return found

    def _fit(self, position: int, top: int) -> None:
        """Widen a column of counts whose type cannot hold ``top``."""
        array = self.arrays[position]
        if top <= np.iinfo(array.dtype).max:
            return
        wider = smallest_counts(np.array([top], dtype=np.int64)).dtype
        grown = np.empty(len(array), dtype=wider)
        grown[:self.filled] = array[:self.filled]
        self.arrays[position] = grown

    def columns(self) -> dict[int, PackedColumn]:
        out: dict[int, PackedColumn] = {}
        for position in list(self.arrays):
            form = self.forms[position]
            array = self.arrays.pop(position)[:self.filled]
            if form.kind == "count":
                out[position] = NumberColumn(array, -1)
            elif form.kind == "decimal":
                out[position] = NumberColumn(array, -np.inf)
            elif form.kind == "words":
                out[position] = CategoryColumn(array, word_values(dict(form.words)))
            elif form.kind == "digits":
                out[position] = _code_column(array, form.digits)
            else:
                out[position] = _text_column(array, self.texts[position])
        return out


def _code_column(numbers: Any, digits: int) -> CategoryColumn:
    """Codes of ``digits`` digits (as numbers) as ids into their texts, with their leading zeros."""
    if digits <= 6:  # a table of every possible code: one pass, no sort
        present = np.zeros(10 ** digits, dtype=bool)
        present[numbers] = True
        found = np.flatnonzero(present)
        lookup = np.zeros(10 ** digits, dtype=np.int32)
        lookup[found] = np.arange(len(found), dtype=np.int32)
        ids = lookup[numbers]
    else:
        found, ids = np.unique(numbers, return_inverse=True)
    return CategoryColumn(smallest_ids(ids.ravel(), len(found)), [f"{n:0{digits}d}" for n in found.tolist()])


def _text_column(ids: Any, texts: TextIds) -> CategoryColumn:
    """Ids into distinct texts, from the ids and the texts they stand for."""
    labels: list[object] = [text.decode() for text in texts]  # a dict keeps the order in which ids were given
    return CategoryColumn(smallest_ids(ids, len(labels)), labels)


def _each_alone(read: Callable[[list[int]], list[Any]], columns: Sequence[int]) -> list[Any]:
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


def _with_blanks(values: Any, empty: Any) -> list[Any]:
    """``values`` as Python objects, with None for the empty cells."""
    out: list[Any] = values.tolist()
    for index in np.flatnonzero(empty).tolist():
        out[index] = None
    return out
