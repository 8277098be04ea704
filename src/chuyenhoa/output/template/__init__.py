"""Excel out for data entry: the workbook officers fill in (``chuyenhoa template``).

- :func:`write_template` / :func:`build_layout` / :func:`save_template`
  (:mod:`chuyenhoa.output.template.workbook`): decide the workbook for a plan and
  the method its hooks give (:func:`chuyenhoa.method.plan.method_of`), and write it
  with its guide sheet, validation and the previous year's figures.
- :func:`write_nominee_template` (``chuyenhoa template --nominees``): the ``nominees``
  sheet alone, for the bodies that propose awards.
- :mod:`chuyenhoa.output.template.layout`: what the workbook holds, as plain data.
- :mod:`chuyenhoa.cli.template`: the ``template`` command.

Reading a filled workbook is the reading stage's job (:mod:`chuyenhoa.reading.tables`,
:mod:`chuyenhoa.reading.percent`).  Importing this package loads nothing but
itself, so a command that does not write a template pays neither for the writer
nor for XlsxWriter; the names below load on first use.
"""

from __future__ import annotations

__all__ = ["build_layout", "default_output", "save_template", "write_nominee_template", "write_template"]


def __getattr__(name: str) -> object:
    if name in __all__:
        from chuyenhoa.output.template import workbook

        return getattr(workbook, name)
    raise AttributeError(f"module 'chuyenhoa.output.template' has no attribute '{name}'")
