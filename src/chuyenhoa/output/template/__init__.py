"""Excel in: the data-entry workbook (``chuyenhoa template``) and what reading workbooks needs.

- :func:`write_template` / :func:`build_layout` (:mod:`chuyenhoa.output.template.workbook`):
  the workbook officers fill in, with its guide sheet, validation and the
  previous year's figures.
- :mod:`chuyenhoa.output.template.layout`: what the workbook holds, as plain data.
- :mod:`chuyenhoa.reading.percent`: which cells show a percentage, so the reader
  gets "75%" and not 0.75.
- :mod:`chuyenhoa.cli.template`: the ``template`` command for the CLI.

Importing this package loads nothing but itself: the reader imports
:mod:`chuyenhoa.reading.percent` for every workbook it opens, and should not pay
for the writer, the plugins or XlsxWriter.  The names below load on first use.
"""

from __future__ import annotations

__all__ = ["build_layout", "default_output", "write_template"]


def __getattr__(name: str) -> object:
    if name in __all__:
        from chuyenhoa.output.template import template

        return getattr(template, name)
    raise AttributeError(f"module 'chuyenhoa.output.template' has no attribute '{name}'")
