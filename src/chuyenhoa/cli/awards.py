"""``chuyenhoa awards``: check a proposal of awards against the plan's scheme, recommend a list within it.

:mod:`chuyenhoa.cli.app` registers :func:`awards`.  It only parses options and
picks a renderer; the work is in :mod:`chuyenhoa.awards.engine`.
A :class:`~chuyenhoa.errors.ChuyenhoaError` becomes one line ("Lỗi: …") on stderr
and exit code 2, as every other command does.  A proposal that does not comply
is a result, not an error: exit 0, with ``compliant`` false.
"""

from __future__ import annotations

import enum
from pathlib import Path
from typing import Annotated

import typer

from chuyenhoa.cli.common import emit, fail
from chuyenhoa.errors import ChuyenhoaError
from chuyenhoa.i18n import N_

HELP = N_("Khen thưởng: đối chiếu đề nghị với quy định của kế hoạch và đề xuất danh sách trong hạn mức.")


class AwardsFormat(str, enum.Enum):
    table = "table"
    json = "json"


def awards(
    province: Annotated[str, typer.Option("--province", "-p", help=N_("Mã gói tỉnh, ví dụ binhphuoc"))],
    nominees: Annotated[Path, typer.Option("--nominees", "-n", help=N_("Bảng nominees (CSV) hoặc bảng tính "
                                                                       ".xlsx/.ods có sheet nominees"))],
    year: Annotated[int | None, typer.Option("--year", "-y", help=N_("Năm của kế hoạch (mặc định: mới nhất)"))]
    = None,
    format: Annotated[AwardsFormat, typer.Option("--format", "-f", help=N_("table hoặc json"))]
    = AwardsFormat.table,
    output: Annotated[Path | None, typer.Option("--output", "-o", help=N_("Ghi kết quả ra tệp"))] = None,
    redact: Annotated[bool, typer.Option("--redact", help=N_("Thay tên bằng mã nominee_id và bỏ mọi cột có thể chứa "
                                                                  "thông tin cá nhân, ở mọi đầu ra"))] = False,
) -> None:
    """Check a proposal of awards against the plan's scheme and recommend a list within it."""
    from chuyenhoa.awards import evaluate_awards
    from chuyenhoa.awards.render import render_awards

    try:
        result = evaluate_awards(province, year, nominees=nominees, redact=redact)
        text = result.to_json() if format is AwardsFormat.json else render_awards(result)
        emit(text, output, (nominees,))  # standard output, or the file written whole, never over the nominees
    except ChuyenhoaError as exc:
        raise fail(str(exc), exc.exit_code) from None


__all__ = ["HELP", "AwardsFormat", "awards"]
