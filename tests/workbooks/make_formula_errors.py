"""Make the workbooks with formula errors that tests/test_reading_trust.py reads (run by hand; the tests do not).

Why real files: python-calamine reads an error cell (``#DIV/0!``) of an .xls or
an .ods as an empty cell, and chuyenhoa finds the error in the file itself
(``chuyenhoa.reading.formulas``, through xlrd for .xls).
A file made by hand would only test what its author believed LibreOffice
writes; these are what LibreOffice writes.  openpyxl writes the formulas
without computing them; LibreOffice opens the .xlsx, computes every formula,
and saves the results with them, the errors included:

    python tests/workbooks/make_formula_errors.py      # needs openpyxl and soffice (libreoffice-calc)

Made with LibreOffice 7.4 (Debian 12).  The files:

- ``formula-errors.xls`` and ``formula-errors.ods``: the sheet ``communes`` of
  the made-up province of tests/conftest.py, with ``=1/0`` in a count cell (C3,
  #DIV/0!), ``=NA()`` in a rate cell (D4, #N/A), the error ``#REF!`` typed as a
  value in a rate cell (D5), and formulas whose results are numbers (D3 = 80,
  C4 = 4).  The .xls is small enough that its workbook stream lives in the
  compound file's "mini stream";
- ``formula-errors-long.xls``: 400 rows of counts and ``=1/0`` on the last
  (C401), so that its stream is held in ordinary sectors.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
HEADER = ["commune_code", "year", "criminal_offences", "clearance_rate", "commune_name"]
ROWS = [
    ["90001", 2024, 3, 80, "Xã Số 1"],
    ["90002", 2024, "=1/0", "=D2", "Xã Số 2"],
    ["90003", 2024, "=C2+1", "=NA()", "Xã Số 3"],
    ["90004", 2024, 5, "#REF!", "Xã Số 4"],  # openpyxl writes a text naming an error as the error value
    ["90005", 2024, 6, 75, "Xã Số 5"],
]


def _xlsx(path: Path, rows: list[list[object]]) -> Path:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "communes"
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def _convert(source: Path, suffix: str, target: Path) -> None:
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to",
                        suffix, "--outdir", str(source.parent), str(source)], check=True, capture_output=True)
    shutil.move(source.with_suffix(f".{suffix}"), target)


def main() -> int:
    if shutil.which("soffice") is None:
        print("soffice not found: apt-get install libreoffice-calc", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as work:
        short = _xlsx(Path(work) / "formula-errors.xlsx", ROWS)
        _convert(short, "xls", HERE / "formula-errors.xls")
        _convert(short, "ods", HERE / "formula-errors.ods")
        rows: list[list[object]] = [[f"{90001 + i % 37:05d}", 1990 + i // 37, i, 50, ""] for i in range(399)]
        rows.append(["90038", 2024, "=1/0", 50, ""])
        _convert(_xlsx(Path(work) / "formula-errors-long.xlsx", rows), "xls", HERE / "formula-errors-long.xls")
    return 0


if __name__ == "__main__":
    sys.exit(main())
