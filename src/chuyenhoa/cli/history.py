"""``chuyenhoa history``: the history store, a group of five commands.

* ``record``: one year of a file, recorded as a version (values, file and hash,
  plan, geography, verdicts); the same data again changes nothing;
* ``import``: every year of a multi-year file, each as a version, in one go;
* ``log``: the versions of a province, who recorded them, when, from which file;
* ``show``: each commune's path over the years and the programme's yearly figures;
* ``export``: the store written back as the CSV files ``evaluate --data`` reads.

Every command takes ``--db PATH|URL`` (else ``CHUYENHOA_DB``, else the SQLite file
in the user's data folder, :mod:`chuyenhoa.store.location`).  Like every command
module this one imports typer and the base only; SQLAlchemy and the store are
imported inside the commands (:mod:`chuyenhoa.cli.app` imports this module for
``--help``).  The work is in :mod:`chuyenhoa.method.archive` and
:mod:`chuyenhoa.output.history`.
"""

from __future__ import annotations

import enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from chuyenhoa.cli.commands import SUMMARIES
from chuyenhoa.cli.common import FORMAT_HELP, ListFormat, ProvinceOption, emit, fail, written
from chuyenhoa.errors import ChuyenhoaError
from chuyenhoa.i18n import N_, _

if TYPE_CHECKING:
    from chuyenhoa.method.archive import Recording
    from chuyenhoa.plugins.host import PluginHost
    from chuyenhoa.store.location import Location

__all__ = ["HELP", "app"]

HELP = SUMMARIES["history"]

app = typer.Typer(no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False)

DbOption = Annotated[str | None, typer.Option(
    "--db", help=N_("Kho lịch sử: tệp SQLite hoặc URL postgresql://… (mặc định: biến CHUYENHOA_DB, hoặc tệp "
                    "history.sqlite3 trong thư mục dữ liệu của người dùng)"))]
DataOption = Annotated[Path, typer.Option("--data", "-d", help=N_("Bảng communes (CSV) hoặc bảng tính .xlsx/.ods có "
                                                                  "sheet communes, province"))]
ProvinceDataOption = Annotated[Path | None, typer.Option("--province-data", help=N_("Bảng province (CSV)"))]
FromOption = Annotated[int | None, typer.Option("--from", help=N_("Từ năm"))]
ToOption = Annotated[int | None, typer.Option("--to", help=N_("Đến năm"))]


class ShowFormat(str, enum.Enum):
    table = "table"
    json = "json"
    html = "html"
    xlsx = "xlsx"


def _location(db: str | None) -> Location:
    from chuyenhoa.store.location import locate

    return locate(db)


def _host() -> PluginHost:
    from chuyenhoa.plugins.host import get_host

    return get_host()


def _report(recording: Recording) -> None:
    """What a recording did: one line per year on stdout; the store's notes and the warnings on stderr.

    The years judged again because an earlier one changed follow the years recorded, each saying why and
    whether its verdicts changed; one that could not be judged again says why its verdicts may be stale.
    """
    from chuyenhoa.output.history import rejudged_words, stale_words

    lines = [_("Kho lịch sử: {store}").format(store=recording.store)]
    recorded = [year for year in recording.years if year.rejudged is None]
    rejudged = [(year, again) for year in recording.years if (again := year.rejudged) is not None]
    for year in recorded:
        if not year.changed:
            file, when = year.same_as or ("?", None)
            lines.append(_("Năm {year}: không thay đổi — số liệu giống phiên bản hiện hành #{id} (ghi lúc {when}, từ "
                           "{file})").format(year=year.year, id=year.version_id, file=file,
                                             when=f"{when.astimezone():%d/%m/%Y %H:%M}" if when else "?"))
        elif year.previous_id is None:
            lines.append(_("Năm {year}: đã ghi phiên bản #{id}").format(year=year.year, id=year.version_id))
        else:
            lines.append(_("Năm {year}: đã ghi phiên bản mới #{id}, thành phiên bản hiện hành; phiên bản trước #{old} "
                           "vẫn được giữ").format(year=year.year, id=year.version_id, old=year.previous_id))
    if recording.without_plan:
        lines.append(_("Không có kế hoạch nào của gói cho năm {years}: chỉ ghi số liệu, không có kết luận").format(
            years=", ".join(map(str, recording.without_plan))))
    lines.extend(recording.scope_notes)
    for year, again in rejudged:
        if again.failed is not None:
            lines.append(_("Năm {year}: không đánh giá lại được ({reason}); {stale}").format(
                year=year.year, reason=again.failed, stale=stale_words(again.cause_year, again.cause_version)))
            continue
        why = rejudged_words(again.cause_year, again.corrected, again.cause_version)
        lines.append((_("Năm {year}: {why}: phiên bản mới #{id} với cùng số liệu, kết luận thay đổi; phiên bản trước "
                        "#{old} vẫn được giữ") if again.changed else
                      _("Năm {year}: {why}: phiên bản mới #{id} với cùng số liệu, kết luận không đổi; phiên bản "
                        "trước #{old} vẫn được giữ")).format(year=year.year, why=why, id=year.version_id,
                                                             old=year.previous_id))
    emit("\n".join(lines), None)
    for note in recording.notes:
        typer.echo(note, err=True)
    for warning in recording.warnings:
        typer.echo(_("Cảnh báo: {warning}").format(warning=warning), err=True)


@app.command("record", help=N_("Ghi số liệu, kế hoạch và kết luận của một năm vào kho lịch sử (một phiên bản)."))
def record(
    province: ProvinceOption,
    year: Annotated[int, typer.Option("--year", "-y", help=N_("Năm cần ghi"))],
    data: DataOption,
    province_data: ProvinceDataOption = None,
    db: DbOption = None,
) -> None:
    """Record one year of a file as a version of the store."""
    from chuyenhoa.method.archive import record_file

    try:
        _report(record_file(_host(), province, year, data, _location(db), province_data=province_data))
    except ChuyenhoaError as exc:
        raise fail(str(exc)) from None


@app.command("import", help=N_("Ghi mọi năm của một tệp nhiều năm (như tệp Excel lưu lịch sử), mỗi năm một phiên "
                               "bản."))
def import_(
    province: ProvinceOption,
    data: DataOption,
    province_data: ProvinceDataOption = None,
    db: DbOption = None,
    first: FromOption = None,
    last: ToOption = None,
) -> None:
    """Record every year of a multi-year file."""
    from chuyenhoa.method.archive import import_file

    try:
        years = None
        if first is not None or last is not None:
            years = list(range(first if first is not None else 1990, (last if last is not None else 2100) + 1))
        _report(import_file(_host(), province, data, _location(db), province_data=province_data, years=years))
    except ChuyenhoaError as exc:
        raise fail(str(exc)) from None


@app.command("log", help=N_("Các phiên bản đã ghi của tỉnh: năm, lúc ghi, người ghi, tệp, mã SHA-256, phiên bản "
                            "hiện hành."))
def log(
    province: ProvinceOption,
    format: Annotated[ListFormat, typer.Option("--format", "-f", help=FORMAT_HELP)] = ListFormat.table,
    db: DbOption = None,
) -> None:
    """List the versions of a province."""
    from chuyenhoa.output.history import log_json, log_table
    from chuyenhoa.store.connection import open_store
    from chuyenhoa.store.queries import versions

    try:
        spec = _host().province(province)
        location = _location(db)
        with open_store(location) as store:
            found = versions(store, spec.slug)
        emit(log_json(found) if format is ListFormat.json else log_table(spec.name, location.shown, found), None)
    except ChuyenhoaError as exc:
        raise fail(str(exc)) from None


@app.command("show", help=N_("Con đường của từng xã qua các năm (đề xuất, được duyệt, chuyển hóa, tái phức tạp) và "
                             "kết quả từng năm so với mục tiêu 60 % và 85 %."))
def show(
    province: ProvinceOption,
    commune: Annotated[str | None, typer.Option("--commune", help=N_("Chỉ một xã (mã), kể cả các xã kế tục"))]
    = None,
    first: FromOption = None,
    last: ToOption = None,
    format: Annotated[ShowFormat, typer.Option("--format", "-f", help=N_("table, json, html hoặc xlsx"))]
    = ShowFormat.table,
    output: Annotated[Path | None, typer.Option("--output", "-o", help=N_("Ghi ra tệp"))] = None,
    db: DbOption = None,
) -> None:
    """Each commune's path over the years, and the programme's yearly figures."""
    from chuyenhoa.method.archive import history_view
    from chuyenhoa.method.engine import version
    from chuyenhoa.output import history as render

    try:
        code = None if commune is None else commune.strip().zfill(5)
        view = history_view(_host(), province, _location(db), commune=code, first=first, last=last)
        if format is ShowFormat.xlsx:
            if output is None:
                raise fail(_("--format xlsx cần --output, ví dụ --output lich-su.xlsx"))
            written(render.write_view_xlsx(view, output))
        elif format is ShowFormat.html:
            emit(render.view_html(view, version()), output)
        elif format is ShowFormat.json:
            emit(render.view_json(view), output)
        else:
            emit(render.view_table(view), output)
    except ChuyenhoaError as exc:
        raise fail(str(exc)) from None


@app.command("export", help=N_("Ghi kho lịch sử ra thư mục communes.csv, province.csv, đọc lại được bằng evaluate "
                               "--data."))
def export(
    province: ProvinceOption,
    output: Annotated[Path, typer.Option("--output", "-o", help=N_("Thư mục sẽ chứa communes.csv và province.csv"))],
    first: FromOption = None,
    last: ToOption = None,
    db: DbOption = None,
) -> None:
    """Write the current version of each year back as CSV files."""
    from chuyenhoa.output.history import write_export
    from chuyenhoa.store.connection import open_store
    from chuyenhoa.store.queries import stored_years

    try:
        spec = _host().province(province)
        location = _location(db)
        with open_store(location) as store:
            stored = [s for s in stored_years(store, spec.slug)
                      if (first is None or s.year >= first) and (last is None or s.year <= last)]
        if not stored:
            raise ChuyenhoaError(_("kho lịch sử {where} không có năm nào của tỉnh '{province}' để xuất").format(
                where=location.shown, province=spec.slug))
        for path in write_export(stored, output, inputs=[location.path]):
            written(path)
    except ChuyenhoaError as exc:
        raise fail(str(exc)) from None
