"""Reading one cell the way people type it in Vietnamese offices.

"75%", "75,5", "Có", "x", a commune code that Excel turned into the number 25459.0,
NFD text pasted from a web page: each reads to the same value as its plain form.
An empty cell is a missing value (None), never a zero (INDICATORS.md).  A parser
raises :class:`ValueError` whose message says the form that was expected; the
table reader adds the file, row and column.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable, Hashable, Iterator, Mapping, Sequence
from typing import TypeVar

from chuyenhoa.i18n import N_, _, translate
from chuyenhoa.model import ValueKind

Cell = object  # what a reader hands over: str, int, float, bool or None

_YES = frozenset({"yes", "y", "true", "t", "1", "có", "co", "x", "đúng", "dung", "rồi"})
_NO = frozenset({"no", "n", "false", "f", "0", "không", "khong", "ko", "k", "sai", "chưa"})



class _Shown(Mapping[ValueKind, str]):
    """Messages marked with ``N_``, each given in the language in force when it is looked up."""

    def __init__(self, messages: Mapping[ValueKind, str]) -> None:
        self._messages = dict(messages)

    def __getitem__(self, kind: ValueKind) -> str:
        return translate(self._messages[kind])

    def __iter__(self) -> Iterator[ValueKind]:
        return iter(self._messages)

    def __len__(self) -> int:
        return len(self._messages)


#: The form a cell of each kind must have, said in error messages (in the current language on lookup).
EXPECTED: Mapping[ValueKind, str] = _Shown({
    ValueKind.COUNT: N_("một số nguyên không âm (ví dụ 12)"),
    ValueKind.RATE: N_("một tỷ lệ phần trăm từ 0 đến 100 (ví dụ 75, 75,5 hoặc 75%)"),
    ValueKind.FLAG: N_("có/không (hoặc yes/no, true/false, 1/0, x/để trống)"),
    ValueKind.NUMBER: N_("một số (ví dụ 8,5)"),
    ValueKind.TEXT: N_("một đoạn chữ"),
})


#: At most this many characters of a cell are quoted in a message.
SHOWN_CHARS = 60
#: What a quoted cell loses: line breaks and tabs become one space, other control and format characters go.
_LINE_LIKE = frozenset("\t\n\r\v\f\x85\u2028\u2029")


def shown(cell: object) -> str:
    """A cell as a message quotes it: one line, without control characters, at most :data:`SHOWN_CHARS` long.

    A message is one line a person reads in a terminal or pastes in an e-mail.  A
    cell pasted from elsewhere can hold a paragraph, a line break that would
    split the message, or an escape sequence a terminal would obey; a person
    needs enough of it to find the cell, not all of it.
    """
    if isinstance(cell, bool):
        return "TRUE" if cell else "FALSE"  # as a spreadsheet shows the cell
    text = cell if isinstance(cell, str) else str(cell)
    if not text.isprintable():
        text = "".join(" " if ch in _LINE_LIKE else ch for ch in text
                       if ch in _LINE_LIKE or unicodedata.category(ch) not in ("Cc", "Cf", "Cs", "Co", "Cn"))
    if len(text) > SHOWN_CHARS:
        text = text[:SHOWN_CHARS - 1] + "…"
    return text


class ErrorValue:
    """A cell whose value is a spreadsheet error (``#DIV/0!``, ``#N/A``, ``#REF!`` …), as Excel or
    LibreOffice last computed it.

    python-calamine hands such a cell over as an empty string, which would read
    as a missing value; the workbook reader puts this in its place instead, and
    every parser refuses it, whatever the column.  Not a ``str``: a text column
    holding the words "#N/A" typed by a person must stay apart from it in a set.
    """

    __slots__ = ("code",)

    def __init__(self, code: str) -> None:
        self.code = code

    def __repr__(self) -> str:
        return f"ErrorValue({self.code!r})"

    def __str__(self) -> str:
        return self.code

    def __eq__(self, other: object) -> bool:
        return type(other) is ErrorValue and other.code == self.code

    def __hash__(self) -> int:
        return hash((ErrorValue, self.code))


def _refuse_error_value(cell: Cell) -> None:
    if type(cell) is ErrorValue:
        raise ValueError(_("ô có lỗi công thức {code}; hãy sửa công thức hoặc nhập số liệu").format(
            code=shown(cell)))


def _not_a(cell: Cell, kind: ValueKind) -> ValueError:
    return ValueError(_("'{cell}' không phải {expected}").format(cell=shown(cell), expected=EXPECTED[kind]))


def _not_a_code(cell: Cell) -> ValueError:
    return ValueError(_("'{cell}' không phải mã đơn vị hành chính (chỉ gồm chữ số)").format(cell=shown(cell)))


def _not_a_year(cell: Cell) -> ValueError:
    return ValueError(_("'{cell}' không phải một năm (ví dụ 2024)").format(cell=shown(cell)))


def nfc(text: str) -> str:
    """NFC-normalise and trim: NFD and NFC Vietnamese must compare equal."""
    return unicodedata.normalize("NFC", text).strip()


def ticks_only(cells: Sequence[Cell]) -> bool:
    """A yes/no column written in the "x / để trống" convention of INDICATORS.md: blank then means no.

    Decided first on the few distinct values, so the usual column costs one set.
    """
    if not any(str(c).strip() in ("x", "X") for c in set(map(str, cells))):
        return False
    marks = [c for c in cells if not is_blank(c)]
    return bool(marks) and len(marks) < len(cells) and all(isinstance(c, str) and c.strip() in ("x", "X")
                                                           for c in marks)


_Raw = TypeVar("_Raw", bound=Hashable)
_Parsed = TypeVar("_Parsed")


class ParsedOnce(dict[_Raw, _Parsed]):
    """Raw value → parsed value, each distinct raw value parsed once, on first lookup.

    ``list(map(ParsedOnce(parse).__getitem__, cells))`` parses a column in one
    C-level pass: a column of 100,000 cells that holds a few hundred distinct
    texts costs a few hundred calls of ``parse``.  An error of ``parse`` is raised
    from the lookup that met it.
    """

    __slots__ = ("parse",)

    def __init__(self, parse: Callable[[_Raw], _Parsed]) -> None:
        super().__init__()
        self.parse = parse

    def __missing__(self, cell: _Raw) -> _Parsed:
        value = self[cell] = self.parse(cell)
        return value


def is_blank(cell: Cell) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def _number(cell: Cell) -> float:
    """A decimal number from ``75``, ``75.5``, ``75,5``, ``1.234,5`` or ``1,234.5``."""
    if isinstance(cell, bool):
        raise ValueError("a yes/no value where a number was expected")
    if isinstance(cell, (int, float)):
        value = float(cell)
    else:
        text = nfc(str(cell)).replace("\u00a0", "").replace(" ", "")
        if "," in text and "." in text:
            # the later separator is the decimal one
            if text.rfind(",") > text.rfind("."):
                text = text.replace(".", "").replace(",", ".")
            else:
                text = text.replace(",", "")
        elif text.count(",") == 1:
            text = text.replace(",", ".")
        value = float(text)
    if not math.isfinite(value):
        raise ValueError("not a finite number")
    return value


class _Said(ValueError):
    """A message that already says, in the user's words, what is wrong with the cell."""


#: A whole number with its thousands grouped: 1.000, 18,000, 1.234.567 (one separator throughout).
_GROUPED = re.compile(r"[1-9][0-9]{0,2}(?:([.,])[0-9]{3})(?:\1[0-9]{3})*")


def _count_text(text: str) -> float:
    """The number a count typed as text stands for.

    In a count, a separator followed by groups of exactly three digits is a
    thousands separator, in Vietnamese writing (18.000) and English (18,000)
    alike: read as a decimal, "570.000" would be 570 and a province's crimes
    would fall by a thousand times.  ``12,0`` and ``1.234,0`` keep their
    decimal part.  Three digits after the last separator in any other shape
    (``1234.000``, ``0.500``, ``1.000,000``) could be either, and is refused.
    """
    body = text[1:] if text[:1] in "+-" else text
    grouped = _GROUPED.fullmatch(body)
    if grouped:
        return float(text.replace(grouped.group(1), ""))
    last = max(body.rfind("."), body.rfind(","))
    if last >= 0 and len(body) - last == 4 and body[last + 1:].isdigit() and _number(text) != 0:
        raise _Said(_("'{cell}': không rõ dấu '{separator}' là dấu thập phân hay dấu phân cách hàng nghìn; "
                           "hãy nhập số không có dấu phân cách (ví dụ 18000)").format(
            cell=shown(text), separator=body[last]))
    return _number(text)


def parse_count(cell: Cell) -> int | None:
    if is_blank(cell):
        return None
    _refuse_error_value(cell)
    try:
        value = _count_text(nfc(cell).replace("\u00a0", "").replace(" ", "")) if isinstance(cell, str) \
            else _number(cell)
    except _Said:
        raise
    except ValueError:
        raise _not_a(cell, ValueKind.COUNT) from None
    if value != int(value):
        raise ValueError(_("'{cell}' không phải số nguyên; cần {expected}").format(
            cell=shown(cell), expected=EXPECTED[ValueKind.COUNT]))
    if value < 0:
        raise ValueError(_("'{cell}' là số âm; cần {expected}").format(cell=shown(cell),
                                                                      expected=EXPECTED[ValueKind.COUNT]))
    return int(value)


def parse_rate(cell: Cell) -> float | None:
    """A percentage 0–100.  "75%" and "75,5" read as 75 and 75.5.

    A fraction such as 0.75 is *not* rescaled: users type 75, and guessing would
    turn a real 0.75 % into 75 %.  Excel's percent-formatted cells arrive as
    fractions, so a reader that knows a cell was formatted as a percentage passes
    the string "75%" instead.
    """
    if is_blank(cell):
        return None
    _refuse_error_value(cell)
    text = cell
    if isinstance(cell, str):
        text = nfc(cell)
        if text.endswith("%"):
            text = text[:-1]
    try:
        value = _number(text)
    except ValueError:
        raise _not_a(cell, ValueKind.RATE) from None
    if value < 0 or value > 100:
        raise ValueError(_("{value} nằm ngoài khoảng 0–100; cần {expected}").format(
            value=f"{value:g}", expected=EXPECTED[ValueKind.RATE]))
    return value


def parse_flag(cell: Cell) -> bool | None:
    if cell is None:
        return None
    _refuse_error_value(cell)
    if isinstance(cell, bool):
        return cell
    if isinstance(cell, (int, float)):
        if cell in (0, 1):
            return bool(cell)
        raise _not_a(cell, ValueKind.FLAG)
    text = nfc(str(cell)).casefold()
    if not text:
        return None
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise _not_a(cell, ValueKind.FLAG)


def parse_number(cell: Cell) -> float | None:
    if is_blank(cell):
        return None
    _refuse_error_value(cell)
    try:
        return _number(cell)
    except ValueError:
        raise _not_a(cell, ValueKind.NUMBER) from None


def parse_text(cell: Cell) -> str | None:
    if is_blank(cell):
        return None
    _refuse_error_value(cell)
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    return nfc(str(cell))


#: digits of a commune code of the GSO list (a district has 3, a province 2)
CODE_DIGITS = 5


def parse_code(cell: Cell, width: int = CODE_DIGITS) -> str | None:
    """A GSO code with its leading zeros, even when Excel made it the number 1.0."""
    if is_blank(cell):
        return None
    text = _code_digits(cell)
    if len(text) > width:
        raise ValueError(_("'{cell}' dài hơn {width} chữ số của mã xã").format(cell=shown(cell), width=width))
    return text.zfill(width)


def _code_digits(cell: Cell) -> str:
    """The digits of a code as typed or as Excel kept it (25459.0, "'01234"); a ValueError when it has others."""
    _refuse_error_value(cell)
    if isinstance(cell, bool):
        raise _not_a_code(cell)
    if isinstance(cell, float):
        if not cell.is_integer():
            raise _not_a_code(cell)
        cell = int(cell)
    text = nfc(str(cell))
    if text.endswith(".0") and text[:-2].isdigit():
        text = text[:-2]
    if text.startswith("'"):
        text = text[1:]
    if not text.isdigit():
        raise _not_a_code(cell)
    return text


#: digits of a province code of the GSO list ("08" Tuyên Quang, "80" Tây Ninh from 01/07/2025)
PROVINCE_CODE_DIGITS = 2


def parse_province_code(cell: Cell) -> str | None:
    """A province's GSO code with its leading zero ("8" and Excel's 8.0 are "08"), read like a commune code.

    The code names a province only on the map of its row's year (80 is Long An in 2024, Tây Ninh
    in 2025): whether it is one is checked once the year's map is known, not here.
    """
    if is_blank(cell):
        return None
    digits = _code_digits(cell).lstrip("0") or "0"
    if len(digits) > PROVINCE_CODE_DIGITS:
        raise ValueError(_("'{cell}' dài hơn {width} chữ số của mã tỉnh").format(cell=shown(cell),
                                                                                width=PROVINCE_CODE_DIGITS))
    return digits.zfill(PROVINCE_CODE_DIGITS)


#: the years a data row may have: anything else is a typing error, not a plan year
FIRST_YEAR, LAST_YEAR = 1990, 2100


def parse_year(cell: Cell) -> int | None:
    _refuse_error_value(cell)
    try:
        value = parse_count(cell)
    except ValueError:
        raise _not_a_year(cell) from None
    if value is not None and not FIRST_YEAR <= value <= LAST_YEAR:
        raise _not_a_year(cell)
    return value


PARSERS: dict[ValueKind, Callable[[Cell], object]] = {
    ValueKind.COUNT: parse_count,
    ValueKind.RATE: parse_rate,
    ValueKind.FLAG: parse_flag,
    ValueKind.NUMBER: parse_number,
    ValueKind.TEXT: parse_text,
}
