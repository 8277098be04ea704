"""``chuyenhoa awards``: check a proposal of awards against the plan's scheme, recommend a list within it.

:mod:`chuyenhoa.cli.app` registers :func:`awards`.  It only parses options and
picks a renderer; the work is in :mod:`chuyenhoa.awards.engine`.
A :class:`~chuyenhoa.errors.ChuyenhoaError` becomes one line ("Lỗi: …") on stderr
and exit code 2, as every other command does.  A proposal that does not comply
is a result, not an error: exit 0, with ``compliant`` false.

``--format docx|xlsx`` writes the papers (:mod:`chuyenhoa.output.awards`): the
submission and the list, files to sign and forward, so they need ``--output`` and
never go to the terminal; the options of the submission (``--number``,
``--issuer``, ``--date``…) are those of the evaluation's Word report, and are
refused with any other format rather than silently ignored.
"""

from __future__ import annotations

import enum
from pathlib import Path
from typing import Annotated

import typer

from chuyenhoa.cli.commands import SUMMARIES
from chuyenhoa.cli.common import emit, fail, is_stdout, parse_date, written
from chuyenhoa.errors import ChuyenhoaError
from chuyenhoa.i18n import N_, _

HELP = SUMMARIES["awards"]


class AwardsFormat(str, enum.Enum):
    table = "table"
    json = "json"
    docx = "docx"
    xlsx = "xlsx"


#: The papers (written to a file only) and the name ``--output`` is given as an example.
PAPERS = {AwardsFormat.docx: "to-trinh-khen-thuong.docx", AwardsFormat.xlsx: "danh-sach-khen-thuong.xlsx"}


def awards(
    province: Annotated[str, typer.Option("--province", "-p", help=N_("Mã gói tỉnh, ví dụ binhphuoc"))],
    nominees: Annotated[Path, typer.Option("--nominees", "-n", help=N_("Bảng nominees (CSV) hoặc bảng tính "
                                                                       ".xlsx/.ods có sheet nominees"))],
    year: Annotated[int | None, typer.Option("--year", "-y", help=N_("Năm của kế hoạch (mặc định: mới nhất)"))]
    = None,
    format: Annotated[AwardsFormat, typer.Option("--format", "-f", help=N_(
        "table, json, docx (tờ trình theo NĐ 30/2020) hoặc xlsx (danh sách đề nghị)"))] = AwardsFormat.table,
    output: Annotated[Path | None, typer.Option("--output", "-o", help=N_("Ghi kết quả ra tệp (bắt buộc với docx, "
                                                                          "xlsx)"))] = None,
    redact: Annotated[bool, typer.Option("--redact", help=N_("Thay tên bằng mã nominee_id và bỏ mọi cột có thể chứa "
                                                                  "thông tin cá nhân, ở mọi đầu ra"))] = False,
    number: Annotated[str | None, typer.Option("--number", help=N_("docx: số tờ trình, ví dụ 15/TTr-SNV"))] = None,
    issuer: Annotated[str | None, typer.Option("--issuer", help=N_(
        "docx: cơ quan trình, các dòng cách nhau bởi \" / \" (ví dụ \"Sở Nội vụ / Ban Thi đua - Khen thưởng\"); "
        "mặc định để trống cho người ký điền"))] = None,
    date: Annotated[str | None, typer.Option("--date", help=N_("docx: ngày ký, 2024-12-31 hoặc 31/12/2024"))]
    = None,
    addressee: Annotated[str | None, typer.Option("--addressee", help=N_(
        "docx: nơi kính gửi (mặc định: người có thẩm quyền ghi trong hình thức khen thưởng)"))] = None,
    signer: Annotated[str | None, typer.Option("--signer", help=N_("docx: người ký"))] = None,
    signer_title: Annotated[str | None, typer.Option("--signer-title", help=N_("docx: chức vụ người ký"))] = None,
    place: Annotated[str | None, typer.Option("--place", help=N_("docx: địa danh ghi ngày tháng"))] = None,
    recipient: Annotated[list[str] | None, typer.Option("--recipient", help=N_("docx: nơi nhận (lặp lại được)"))]
    = None,
) -> None:
    """Check a proposal of awards against the plan's scheme and recommend a list within it."""
    day = parse_date(date, "--date")
    options = {"number": number, "issuer": issuer, "date": day, "addressee": addressee, "signer": signer,
               "signer_title": signer_title, "place": place, "recipients": recipient}
    given = [f"--{name.replace('_', '-')}" for name, value in options.items() if value is not None]
    if given and format is not AwardsFormat.docx:
        raise fail(_("định dạng '{format}' không nhận tùy chọn: {options}").format(format=format.value,
                                                                                 options=", ".join(given)))
    paper = format in PAPERS
    if paper and (output is None or is_stdout(output)):
        raise fail(_("--format {fmt} cần --output, ví dụ --output {example}").format(fmt=format.value,
                                                                                   example=PAPERS[format]))
    from chuyenhoa.awards import evaluate_awards
    from chuyenhoa.plugins.host import get_host

    try:
        result = evaluate_awards(province, year, nominees=nominees, redact=redact)
        # every file the run read: the output is never written over the nominees or a file of the pack
        inputs = (nominees, *get_host().province(province).files())
        if paper:
            from chuyenhoa.output.awards import write_paper

            assert output is not None
            written(write_paper(result, format.value, output, inputs=inputs, **options))
            return
        from chuyenhoa.awards.render import render_awards

        text = result.to_json() if format is AwardsFormat.json else render_awards(result)
        emit(text, output, inputs)  # standard output, or the file written whole
    except ChuyenhoaError as exc:
        raise fail(str(exc), exc.exit_code) from None


__all__ = ["HELP", "PAPERS", "AwardsFormat", "awards"]
