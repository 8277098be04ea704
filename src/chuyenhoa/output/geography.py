"""The dated geography for a reader: a province's communes on a day, and a commune's lineage.

What ``chuyenhoa communes`` and ``chuyenhoa lineage`` print.  Every text names the
snapshot it used in words ("danh mục đơn vị hành chính ngày 01/07/2025 (34 tỉnh,
thành phố)") and, for a lineage, the conversion table, because a code means
nothing without the list it was read in.  The JSON documents are specified key by
key in ``docs/geography.md``: the lineage's is :meth:`Lineage.to_dict`, the
communes' is :func:`communes_document`.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping
from typing import Any

from chuyenhoa.i18n import N_, _, _n, translate
from chuyenhoa.model import CommuneKind
from chuyenhoa.output.text import table
from chuyenhoa.reading.geography import Lineage, LinkedUnit, ProvinceUnit, Snapshot

#: a commune's kind as a word (``N_``: shown with ``translate``)
KIND_WORDS: Mapping[CommuneKind, str] = {
    CommuneKind.XA: N_("xã"),
    CommuneKind.PHUONG: N_("phường"),
    CommuneKind.THI_TRAN: N_("thị trấn"),
    CommuneKind.DAC_KHU: N_("đặc khu"),
}


def kind_word(kind: CommuneKind | None) -> str | None:
    """"xã", "phường", "thị trấn", "đặc khu" in the current language; None when the data do not say."""
    return translate(KIND_WORDS[kind]) if kind is not None else None


def kind_count(kind: CommuneKind, count: int) -> str:
    """"82 xã", "14 phường" in the current language (an English count takes a plural)."""
    if kind is CommuneKind.XA:
        return _n("{count} xã", count).format(count=count)
    if kind is CommuneKind.PHUONG:
        return _n("{count} phường", count).format(count=count)
    if kind is CommuneKind.THI_TRAN:
        return _n("{count} thị trấn", count).format(count=count)
    return _n("{count} đặc khu", count).format(count=count)


def _dmy(day: dt.date) -> str:
    return f"{day:%d/%m/%Y}"


def _province(unit: ProvinceUnit) -> str:
    return f"{unit.full_name} ({unit.code})"


def earlier_day_note(snapshot: Snapshot, day: dt.date) -> str | None:
    """The warning an output carries when it answers for a day before the earliest list records."""
    if not snapshot.records_later_than(day):
        return None
    return _("Lưu ý: {snapshot} là danh mục sớm nhất chuyenhoa có, dùng cho ngày {date}; đơn vị đã sáp nhập, chia "
             "tách hoặc đổi tên trước đó có thể khác.").format(snapshot=snapshot.description, date=_dmy(day))


# --- communes ---------------------------------------------------------------------------------------------------


def communes_document(snapshot: Snapshot, province: ProvinceUnit, day: dt.date) -> dict[str, Any]:
    """``{"province": {"code", "name"}, "date", "communes": [{"code", "name", "kind", "district_code"?}]}``.

    ``district_code`` is given on a three-level list only: from 01/07/2025 there
    are no districts, and a key that is always null would suggest there are.
    """
    geography = snapshot.geography(province)
    communes = []
    for commune in geography.communes:
        row: dict[str, Any] = {"code": commune.code, "name": commune.name, "kind": commune.kind.value}
        if snapshot.has_districts:
            row["district_code"] = commune.district_code
        communes.append(row)
    return {"province": {"code": province.code, "name": province.name}, "date": day.isoformat(),
            "communes": communes}


def communes_text(snapshot: Snapshot, province: ProvinceUnit, day: dt.date) -> str:
    """The communes in force on ``day``: a count by kind, the snapshot in words, one row per commune."""
    geography = snapshot.geography(province)
    counts = Counter(c.kind for c in geography.communes)
    kinds = ", ".join(kind_count(kind, counts[kind]) for kind in CommuneKind if counts[kind])
    lines = [
        _n("{province}, ngày {date}: {count} đơn vị hành chính cấp xã ({kinds})", len(geography.communes)).format(
            province=_province(province), date=_dmy(day), count=len(geography.communes), kinds=kinds),
        _("Danh mục: {snapshot}").format(snapshot=geography.source),
    ]
    note = earlier_day_note(snapshot, day)
    lines.extend([note, ""] if note else [""])
    if snapshot.has_districts:
        rows = [(c.code, c.name, kind_word(c.kind),
                 f"{district.name} ({district.code})" if (district := geography.district(c.district_code or ""))
                 else c.district_code)
                for c in geography.communes]
        lines.append(table([_("Mã"), _("Tên"), _("Loại"), _("Huyện")], rows, indent=""))
    else:
        rows_two = [(c.code, c.name, kind_word(c.kind)) for c in geography.communes]
        lines.append(table([_("Mã"), _("Tên"), _("Loại")], rows_two, indent=""))
    return "\n".join(lines)


# --- lineage ----------------------------------------------------------------------------------------------------


def _links(units: tuple[LinkedUnit, ...]) -> str:
    rows = [(u.code, u.name, _province(u.province), u.partly) for u in units]
    return table([_("Mã"), _("Tên"), _("Tỉnh"), _("Chỉ một phần")], rows, indent="  ")


def lineage_text(found: Lineage, day: dt.date) -> str:
    """A commune on ``day``: its name, kind and province, its validity, what it came from and went into."""
    name = found.name or _("(không có tên trong dữ liệu)")
    kind = kind_word(found.kind)
    lines = [f"{name} ({found.code})" + (f": {kind}" if kind else "") + f", {_province(found.province)}"]
    if found.valid_from is None:
        end = _dmy(found.valid_to) if found.valid_to is not None else _("nay")
        lines.append(_("Hiệu lực: đến {end} (ngày bắt đầu không có trong dữ liệu)").format(end=end))
    elif found.valid_to is None:
        lines.append(_("Hiệu lực: từ {start}, đến nay").format(start=_dmy(found.valid_from)))
    else:
        lines.append(_("Hiệu lực: từ {start} đến {end}").format(start=_dmy(found.valid_from),
                                                                  end=_dmy(found.valid_to)))
    lines.append(_("Danh mục: {snapshot}").format(snapshot=found.snapshot.description))
    note = earlier_day_note(found.snapshot, day)
    if note:
        lines.append(note)
    if not found.listed and found.went_by is not None:
        lines.append(_("Không có trong {snapshot}; mã và tên theo {conversion}.").format(
            snapshot=found.snapshot.description, conversion=found.went_by.description))
    lines.append("")
    if found.came_by is None:
        lines.append(_("Hình thành từ: không rõ (chuyenhoa không có danh mục nào trước ngày {date})").format(
            date=_dmy(found.snapshot.as_of)))
    elif not found.predecessors:
        lines.append(_("Hình thành từ: không có đơn vị cấp xã nào trong {conversion}").format(
            conversion=found.came_by.description))
    else:
        lines.append(_("Hình thành từ ({conversion}):").format(conversion=found.came_by.description))
        lines.append(_links(found.predecessors))
    lines.append("")
    if found.went_by is None:
        lines.append(_("Chuyển thành: — (còn hiệu lực)"))
    elif not found.successors:
        lines.append(_("Chuyển thành: không có trong {conversion}").format(conversion=found.went_by.description))
    else:
        lines.append(_("Chuyển thành ({conversion}):").format(conversion=found.went_by.description))
        lines.append(_links(found.successors))
        if found.split:
            lines.append(_("Bảng chuyển đổi ghi đơn vị này là chia tách hoặc chỉ nhập một phần."))
    return "\n".join(lines)
