"""The results as a folder of CSV files, one per table, for people who build their own sheets.

UTF-8 with a byte-order mark, because that is how Excel recognises UTF-8 and
shows Vietnamese correctly; comma-separated with a dot for decimals (RFC 4180),
because these files are for programs and formulas as much as for eyes (the
workbook is the format for reading).  Dates are ISO (2024-03-28).  A result on
a pack's synthetic sample carries the column ``Dữ liệu`` = "GIẢ LẬP …" first in
every row of every file, so no file or pasted row can lose the warning.  Headers
and words follow the language (``--lang en``: ``Data`` = "SYNTHETIC …"); the file
names are the same in every language, for the programs that read them.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable
from pathlib import Path

from chuyenhoa.i18n import N_, _, translate
from chuyenhoa.method.result import Result
from chuyenhoa.output.files import atomic_folder
from chuyenhoa.output.results.tables import ExportTable, Report, report_of

__all__ = ["INFO_FILE", "SYNTHETIC_COLUMN", "SYNTHETIC_VALUE", "csv_text", "file_names", "write_csv_folder"]

INFO_FILE = "thong_tin"
#: the first column of every row of a result on synthetic data (``N_``: written through ``translate``)
SYNTHETIC_COLUMN = N_("Dữ liệu")
SYNTHETIC_VALUE = N_("GIẢ LẬP (synthetic) — không phải số liệu thật")


def file_names(report: Report) -> list[str]:
    """The files the folder holds: the facts of the run, then one per table."""
    return [f"{INFO_FILE}.csv", *(f"{t.key}.csv" for t in report.tables)]


def cell_text(value: object) -> str:
    """One cell as CSV text: empty for missing, integers without ".0", ISO dates."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("có") if value else _("không")
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def csv_text(headers: Iterable[str], rows: Iterable[Iterable[object]], synthetic: bool) -> str:
    """A whole CSV file as text (with its BOM)."""
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    prefix = [translate(SYNTHETIC_COLUMN)] if synthetic else []
    mark = [translate(SYNTHETIC_VALUE)] if synthetic else []
    writer.writerow([*prefix, *headers])
    for row in rows:
        writer.writerow([*mark, *map(cell_text, row)])
    return "\ufeff" + buffer.getvalue()


def _table_text(table: ExportTable, synthetic: bool) -> str:
    return csv_text(table.headers, table.rows, synthetic)


def write_csv_folder(result: Result, output: str | Path, *, inputs: Iterable[str | Path | None] = ()) -> Path:
    """Write one CSV per table into the folder ``output`` (created if needed), all or none."""
    report = report_of(result)
    target = Path(output)
    names = file_names(report)
    texts = [csv_text((_("Mục"), _("Giá trị")), report.info, report.synthetic),
             *(_table_text(t, report.synthetic) for t in report.tables)]
    with atomic_folder(target, names, inputs=inputs) as folder:
        for name, text in zip(names, texts, strict=True):
            (folder / name).write_text(text, encoding="utf-8", newline="")
    return target
