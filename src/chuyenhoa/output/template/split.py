"""One data-entry workbook per district or commune: ``chuyenhoa template --by district|commune``.

Data flow up: commune police fill the rows of their commune, the district or the
provincial police gather the files and merge them back into one workbook
(:mod:`chuyenhoa.output.template.merge`, ``chuyenhoa merge``).  A file per unit
keeps each person to their own rows and lets the files travel by e-mail or USB
stick on closed networks.

Each unit's file is the template of the whole province cut down to the rows of
its communes (this year's and last year's, pre-filled as the whole would be),
with the same columns, validation and guide.  The ``province`` sheet (and
``nominees``, for a plan with awards) holds the province's own figures and
belongs to the provincial police, so it is in none of the units' files: it goes
to one more file, the province-level part.  Every file carries, in its document
properties, the province, year and share it holds (:func:`template_info`), so
``merge`` needs nothing but the files.

File names are safe on Windows, whatever the unit's name: the ASCII-folded name
and the code (``mau-nhap-lieu-tayninh-2024-huyen-chau-thanh-713.xlsx``), no
letter with a mark, no space, nothing a file system or an e-mail gateway would
mangle.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from pathlib import Path

import attrs

from chuyenhoa.errors import ChuyenhoaError
from chuyenhoa.i18n import _
from chuyenhoa.output.files import atomic_folder
from chuyenhoa.output.template.layout import SheetLayout, TemplateLayout, TemplatePart
from chuyenhoa.output.template.workbook import default_output, write_layout
from chuyenhoa.reading.indicators import COMMUNES

__all__ = ["SPLITS", "ascii_name", "default_folder", "part_file_name", "save_parts", "split_layout"]

#: how a template may be split
SPLITS = ("district", "commune")
#: the longest folded unit name kept in a file name (Windows paths stop at 260 characters)
NAME_CHARS = 48
#: đ and Đ (U+0111, U+0110) have no decomposition, so NFKD keeps them: they are folded by hand
_STROKED_D = str.maketrans({0x0111: "d", 0x0110: "D"})


def ascii_name(text: str) -> str:
    """``Huyện Châu Thành`` → ``huyen-chau-thanh``: lower-case ASCII letters, digits and hyphens only.

    Marks are dropped (NFKD), and đ, which has no decomposition, becomes d; every
    other run of characters becomes one hyphen.
    """
    text = text.translate(_STROKED_D)
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")[:NAME_CHARS].strip("-")


def default_folder(slug: str, year: int) -> Path:
    """``mau-nhap-lieu-tayninh-2024`` in the current folder: where the files go without ``--output``."""
    return Path(default_output(slug, year).stem)


def part_file_name(layout: TemplateLayout) -> str:
    """The file name of one part: ``mau-nhap-lieu-<tỉnh>-<năm>-<tên-đơn-vị>-<mã>.xlsx``.

    The province-level part is ``…-toan-tinh-<mã tỉnh>.xlsx``.
    """
    part = layout.part
    if part is None:
        return default_output(layout.slug, layout.year).name
    stem = default_output(layout.slug, layout.year).stem
    name = "toan-tinh" if part.kind == "province" else ascii_name(part.name)
    return f"{stem}-{name}-{part.code}.xlsx" if name else f"{stem}-{part.code}.xlsx"


def split_layout(layout: TemplateLayout, by: str) -> tuple[TemplateLayout, ...]:
    """The parts of ``layout``: one per district or commune (``by``), then the province-level part.

    Units follow the order of the template (district, then commune code); a unit
    without a commune in the geography gets no file.  ``by="district"`` on a map
    without districts (from 01/07/2025 the country has two levels) is refused:
    there is nothing to split by.
    """
    if by not in SPLITS:
        raise ChuyenhoaError(_("--by '{by}' không hợp lệ; cần district hoặc commune").format(by=by))
    if layout.part is not None:
        raise ChuyenhoaError(_("mẫu này đã là một phần ({name}); chỉ chia được mẫu của cả tỉnh").format(
            name=layout.part.name))
    geography = layout.geography
    if by == "district" and not geography.has_districts:
        message = _("danh mục đơn vị hành chính ngày {date} của {province} không còn cấp huyện (từ 01/07/2025 chỉ "
                    "còn tỉnh và xã); không chia theo huyện được, hãy dùng --by commune")
        raise ChuyenhoaError(message.format(date=f"{geography.as_of:%d/%m/%Y}", province=geography.province.name))
    communes = layout.sheet(COMMUNES)
    if communes is None:
        raise ChuyenhoaError(_("mẫu không có sheet communes; không có gì để chia"))
    units: list[tuple[TemplatePart, set[str]]] = []
    if by == "district":
        present = {c.district_code for c in geography.communes}
        for district in sorted(geography.districts, key=lambda d: d.code):
            if district.code in present:
                codes = {c.code for c in geography.communes_of(district.code)}
                units.append((TemplatePart(by, "district", district.code, district.name), codes))
    else:
        for commune in sorted(geography.communes, key=lambda c: (c.district_code or "", c.code)):
            units.append((TemplatePart(by, "commune", commune.code, commune.name), {commune.code}))
    parts = [attrs.evolve(layout, sheets=(_rows_of(communes, codes),), part=part) for part, codes in units]
    province_sheets = tuple(s for s in layout.sheets if s.name != COMMUNES)
    if province_sheets:
        province = geography.province
        parts.append(attrs.evolve(layout, sheets=province_sheets,
                                  part=TemplatePart(by, "province", province.code, province.name)))
    return tuple(parts)


def _rows_of(sheet: SheetLayout, codes: set[str]) -> SheetLayout:
    """``sheet`` with only the rows of the communes ``codes`` (both years, each keeping its shading)."""
    kept = [(row, previous) for row, previous in zip(sheet.rows, sheet.previous, strict=True)
            if row.get("commune_code") in codes]
    return attrs.evolve(sheet, rows=tuple(r for r, _p in kept), previous=tuple(p for _r, p in kept))


def save_parts(
    layout: TemplateLayout,
    by: str,
    output: str | Path | None = None,
    *,
    inputs: Sequence[str | Path | None] = (),
    overwrite: bool = False,
) -> tuple[Path, tuple[TemplateLayout, ...]]:
    """Write one workbook per part of ``layout`` (:func:`split_layout`) into the folder ``output``.

    Returns the folder and the parts.  Every file is written to a temporary
    folder first and then renamed into ``output``, so a failure leaves no half
    set (:func:`~chuyenhoa.output.files.atomic_folder`).  A file of that name
    already in ``output`` is not overwritten without ``overwrite``: it may be a
    part somebody has filled in; other files there are left alone.
    """
    folder = Path(output) if output is not None else default_folder(layout.slug, layout.year)
    if folder.suffix.lower() in (".xlsx", ".xls", ".ods"):
        raise ChuyenhoaError(_("{path}: với --by, --output là một thư mục (mỗi đơn vị một tệp), không phải một "
                               "tệp").format(path=folder))
    if folder.exists() and not folder.is_dir():
        raise ChuyenhoaError(_("{path}: đã có một tệp cùng tên; với --by, --output là một thư mục").format(
            path=folder))
    parts = split_layout(layout, by)
    names = [part_file_name(part) for part in parts]
    if not overwrite and folder.is_dir():
        existing = [name for name in names if (folder / name).exists()]
        if existing:
            raise ChuyenhoaError(_("{path}: tệp đã có (có thể đã được điền số liệu); hãy chọn thư mục khác hoặc dùng "
                                   "--force để ghi đè").format(path=folder / existing[0]))
    with atomic_folder(folder, names, inputs=tuple(inputs)) as temporary:
        for part, name in zip(parts, names, strict=True):
            write_layout(part, temporary / name)
    return folder, parts
