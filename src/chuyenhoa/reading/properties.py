"""What a data-entry workbook says about itself: province, year, plan, and which share of the province it holds.

``chuyenhoa template`` writes these as custom document properties (File › Info ›
Properties › Custom in Excel, File › Properties › Custom Properties in
LibreOffice), which both programs keep when a person saves the file, under any
name.  ``chuyenhoa merge`` reads them back to know, without asking, which
province and year the files it is handed belong to and whether two of them
disagree; a workbook without them (an old template, a sheet pasted into a new
file) is still merged when the user says ``--province`` and ``--year``.

Properties, not a hidden sheet or the title row: they travel with the file, a
person never sees them in the way, and they are not data the reader has to skip.
The writer (:mod:`chuyenhoa.output.template.workbook`) and this reader must agree
on the names, so both take them from here: reading is the lower stage.
"""

from __future__ import annotations

import zipfile
from collections.abc import Mapping
from pathlib import Path
from xml.etree import ElementTree

import attrs

__all__ = ["PARTS", "PREFIX", "TemplateInfo", "read_template_info"]

#: the prefix of every property name chuyenhoa writes
PREFIX = "chuyenhoa."
#: what one file holds: the whole province, one district, one commune, or the province-level sheets only
PARTS = ("all", "district", "commune", "province")

_CUSTOM = "docProps/custom.xml"  # Office Open XML (.xlsx, .xlsm)
_META = "meta.xml"  # OpenDocument (.ods)
_ODF_META = "{urn:oasis:names:tc:opendocument:xmlns:meta:1.0}"


@attrs.frozen
class TemplateInfo:
    """The province, year and plan of a template, and the share of the province the file holds.

    ``part`` is one of :data:`PARTS`; ``unit`` and ``unit_name`` name the district or
    commune of a part (the province's code and name for the province-level part,
    empty for a whole template); ``by`` is how the template was split
    (``district`` or ``commune``; empty for a whole template).
    """

    province: str
    year: int
    plan: str = ""
    part: str = "all"
    unit: str = ""
    unit_name: str = ""
    by: str = ""

    def properties(self) -> dict[str, str]:
        """The custom properties to write, as text (Excel shows them as typed; text keeps codes' zeros)."""
        return {PREFIX + name: str(value) for name, value in attrs.asdict(self).items()}

    @classmethod
    def from_properties(cls, values: Mapping[str, str]) -> TemplateInfo | None:
        """The info in ``values`` (property name → text); None when the province or the year is absent or bad."""
        mine = {name[len(PREFIX):]: text.strip() for name, text in values.items() if name.startswith(PREFIX)}
        province, year = mine.get("province"), mine.get("year", "")
        if not province or not year.isdigit():
            return None
        part = mine.get("part", "all")
        return cls(province=province, year=int(year), plan=mine.get("plan", ""),
                   part=part if part in PARTS else "all", unit=mine.get("unit", ""),
                   unit_name=mine.get("unit_name", ""), by=mine.get("by", ""))


def read_template_info(path: str | Path) -> TemplateInfo | None:
    """The :class:`TemplateInfo` of the workbook at ``path``; None when it has none or cannot be opened.

    Never raises: a file that is not a workbook is refused with its own message
    when its sheets are read.
    """
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            if _CUSTOM in names:
                return TemplateInfo.from_properties(_office_properties(archive.read(_CUSTOM)))
            if _META in names:
                return TemplateInfo.from_properties(_odf_properties(archive.read(_META)))
    except (OSError, zipfile.BadZipFile, ElementTree.ParseError, KeyError):
        return None
    return None


def _office_properties(data: bytes) -> dict[str, str]:
    """``<property name="…"><vt:lpwstr>value</vt:lpwstr></property>`` of ``docProps/custom.xml``."""
    found: dict[str, str] = {}
    for element in ElementTree.fromstring(data):
        name = element.get("name")
        if name and len(element):
            found[name] = element[0].text or ""
    return found


def _odf_properties(data: bytes) -> dict[str, str]:
    """``<meta:user-defined meta:name="…">value</meta:user-defined>`` of an OpenDocument ``meta.xml``."""
    found: dict[str, str] = {}
    for element in ElementTree.fromstring(data).iter(f"{_ODF_META}user-defined"):
        name = element.get(f"{_ODF_META}name")
        if name:
            found[name] = element.text or ""
    return found
