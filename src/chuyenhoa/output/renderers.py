"""The built-in output formats of ``chuyenhoa evaluate``, registered like a third party's (datasette's
``register_output_renderer``).

Every host registers this module as a plugin, by name (``BUILTIN_PLUGINS`` in
:mod:`chuyenhoa.plugins.host`), so the seven formats and a pack's own one are
found, validated and listed in ``--help`` the same way.  It lives in the output
stage, beside the writers it calls, rather than with the built-in method
plugins: a built-in method plugin may not import the output stage.

Every host imports this module, and ``chuyenhoa --help`` builds a host, so the
writers are imported inside each renderer, when that format is asked for: a
table never loads XlsxWriter or python-docx.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from chuyenhoa.i18n import N_
from chuyenhoa.plugins.hookspecs import OutputRenderer, hookimpl

__all__ = ["chuyenhoa_register_output_renderers"]

Inputs = tuple[Path | None, ...]


def _table(result: Any, output: Path | None, inputs: Inputs, options: Mapping[str, object]) -> str:
    """The plain-text tables a terminal shows."""
    from chuyenhoa.output.text import render_result

    return render_result(result)


def _json(result: Any, output: Path | None, inputs: Inputs, options: Mapping[str, object]) -> str:
    """The result as documented in docs/result-json.md."""
    json_text: str = result.to_json()
    return json_text


def _report(fmt: str) -> Callable[[Any, Path | None, Inputs, Mapping[str, object]], str | Path]:
    """The HTML page (standard output or a file) or the Word report (a file), with the report's options."""

    def render(result: Any, output: Path | None, inputs: Inputs, options: Mapping[str, object]) -> str | Path:
        from chuyenhoa.output.reports import render_report, write_report

        if output is None:
            return render_report(result, fmt, **options).decode("utf-8")
        write_report(result, fmt, output, inputs=inputs, **options)
        return output

    return render


def _results(fmt: str) -> Callable[[Any, Path | None, Inputs, Mapping[str, object]], str | Path]:
    """A workbook, a folder of CSV files, or Markdown (the only one of the three that may go to stdout)."""

    def render(result: Any, output: Path | None, inputs: Inputs, options: Mapping[str, object]) -> str | Path:
        from chuyenhoa.output.results import render_markdown, write_result

        if output is None:
            return render_markdown(result)
        return write_result(result, fmt, output, inputs=inputs)

    return render


@hookimpl
def chuyenhoa_register_output_renderers(register: Callable[[str, OutputRenderer], None]) -> None:
    """The seven formats, in the order ``--help`` lists them."""
    register("table", OutputRenderer(_table))
    register("json", OutputRenderer(_json))
    register("html", OutputRenderer(_report("html")))
    register("docx", OutputRenderer(_report("docx"), stdout=False, example=N_("bao-cao.docx")))
    register("xlsx", OutputRenderer(_results("xlsx"), stdout=False, example="ket-qua.xlsx"))
    register("csv", OutputRenderer(_results("csv"), stdout=False, folder=True, example=N_("ket-qua/ (một thư mục)")))
    register("md", OutputRenderer(_results("md")))
