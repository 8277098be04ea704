"""Excel in: the data-entry workbook (``chuyenhoa template``) and what reading workbooks needs.

- :func:`write_template` / :func:`build_layout` (:mod:`chuyenhoa.excel.template`):
  the workbook officers fill in, with its guide sheet, validation and the
  previous year's figures.
- :mod:`chuyenhoa.excel.layout`: what the workbook holds, as plain data.
- :mod:`chuyenhoa.excel.percent`: which cells show a percentage, so the reader
  gets "75%" and not 0.75.
- :mod:`chuyenhoa.excel.command`: the ``template`` command for the CLI.

Importing this package loads nothing but itself: the reader imports
:mod:`chuyenhoa.excel.percent` for every workbook it opens, and should not pay
for the writer, the plugins or XlsxWriter.  The names below load on first use.
"""

from __future__ import annotations

__all__ = ["build_layout", "default_output", "write_template"]


def __getattr__(name: str) -> object:
    if name in __all__:
        from chuyenhoa.excel import template

        return getattr(template, name)
    raise AttributeError(f"module 'chuyenhoa.excel' has no attribute '{name}'")
