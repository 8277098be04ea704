"""Excel out: an evaluation's results as a workbook, a folder of CSV files or a Markdown file.

Results are forwarded by people who work in Excel and e-mail: the workbook has
a summary sheet (the plan's targets, each verdict with its clause), a sheet of
hotspots (each indicator's value and whether it was met, the share, the
verdict), the selection with its caps, and the milestones, with colours that
show met and missed at a glance.  The CSV folder holds the same tables, one file
each; the Markdown file the same, readable as plain text.  Nothing here decides
a verdict: every value comes from :class:`chuyenhoa.method.result.Result`.

Every file is written whole or not at all and never over an input file
(:mod:`chuyenhoa.output.files`).  A result computed on a pack's synthetic
sample says so on every sheet, in every CSV row and in every section.
"""

from __future__ import annotations

from pathlib import Path

from chuyenhoa.errors import ChuyenhoaError
from chuyenhoa.i18n import N_, _
from chuyenhoa.method.result import Result
from chuyenhoa.output.files import Inputs

__all__ = ["FORMATS", "render_markdown", "write_result"]

#: the formats :func:`write_result` writes, with what ``output`` names (``N_``: show with ``translate``)
FORMATS = {"xlsx": N_("một tệp .xlsx"), "csv": N_("một thư mục (mỗi bảng một tệp .csv)"), "md": N_("một tệp .md")}


def _inputs(result: Result, extra: Inputs) -> list[str | Path | None]:
    given = [] if result.data.synthetic and result.data.source == "sample" else \
        [result.data.source, result.data.province_source]
    return [*given, *extra]


def write_result(result: Result, fmt: str, output: str | Path, *, inputs: Inputs = ()) -> Path:
    """Write ``result`` as ``fmt`` ("xlsx", "csv" or "md") to ``output``; return the path written.

    ``output`` is a file for xlsx and md, a folder for csv (created if needed;
    other files in it are left alone).  The data files the result was computed
    from, and any ``inputs``, are never overwritten.
    """
    output = Path(output)
    given = _inputs(result, inputs)
    if fmt == "xlsx":
        from chuyenhoa.output.results.xlsx import write_xlsx

        if output.suffix.lower() != ".xlsx":
            raise ChuyenhoaError(_("{path}: định dạng xlsx cần tên tệp có đuôi .xlsx").format(path=output))
        return write_xlsx(result, output, inputs=given)
    if fmt == "csv":
        from chuyenhoa.output.results.csvfiles import write_csv_folder

        return write_csv_folder(result, output, inputs=given)
    if fmt == "md":
        from chuyenhoa.output.files import refuse_inputs, write_atomic

        refuse_inputs(output, given)
        return write_atomic(output, render_markdown(result), inputs=given)
    raise ChuyenhoaError(_("định dạng '{format}' không được hỗ trợ; cần một trong: {choices}").format(
        format=fmt, choices=", ".join(FORMATS)))


def render_markdown(result: Result) -> str:
    """The results as Markdown text (for ``--format md`` without ``--output``)."""
    from chuyenhoa.output.results.markdown import render_markdown as render

    return render(result)
