"""Which national map is in force on a day, from ``index.json`` alone; and a pack's one-province map file.

What it buys, measured (``benchmarks/bench_startup.py``, issue 17): ``chuyenhoa evaluate`` on a pack's province
asks which national map is in force at the end of each year of its data (to take the pack's own snapshot on that
map, and to see whether two years are on one map) and reads the pack's snapshot file; it needs none of the national
lists.  :mod:`chuyenhoa.reading.geography`, which holds them, the lineage of every unit and six attrs classes, cost
2 ms of every such run to import for that; this module, a fraction of a millisecond.

Nothing here is worked out twice: :mod:`chuyenhoa.reading.geography` builds its
:class:`~chuyenhoa.reading.geography.Snapshot`\\ s from the spans :func:`read_index` cuts (the map as first generated,
then one span per later naming of its provinces, in date order, checked to follow each other), so :func:`map_on` is
``snapshot_on(day).map_id`` for every day, and the errors of a wrong index are the same whichever asks first.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import json
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from chuyenhoa.errors import ChuyenhoaError, DataError
from chuyenhoa.i18n import _
from chuyenhoa.model import Commune, District, Geography, Province

__all__ = ["DATA", "INDEX_FORMAT", "UnknownUnitError", "load_geography", "map_on", "read_index", "shipped",
           "source_words"]

#: The folder of the national snapshots, the conversion tables and their ``index.json``.
DATA = Path(__file__).resolve().parent.parent / "data" / "geography"
INDEX_FORMAT = 1

if TYPE_CHECKING:
    from typing import TypeAlias

    #: One dated snapshot of a map: its ``index.json`` entry, first and last day (None: open), the day the list
    #: records, the names later data give its provinces by then (by code), the day of that data (None: as generated).
    Span: TypeAlias = tuple[Mapping[str, Any], dt.date | None, dt.date | None, dt.date, dict[str, str], dt.date | None]


class UnknownUnitError(ChuyenhoaError, LookupError):
    """No unit with that code or name in the snapshot in force on the day asked."""


def read_index(folder: Path) -> tuple[dict[str, Any], tuple[Span, ...]]:
    """``index.json`` of ``folder``, checked, and the spans of its maps' snapshots in date order.

    Raises :class:`~chuyenhoa.errors.DataError` when the file cannot be read, is of another format, or lists
    snapshots that do not follow each other day after day.
    """
    index_path = folder / "index.json"
    try:
        index: dict[str, Any] = json.loads(index_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise DataError(_("{path}: không đọc được danh mục đơn vị hành chính: {error}").format(
            path=index_path, error=exc)) from exc
    if index.get("format") != INDEX_FORMAT:
        raise DataError(_("{path}: không phải tệp danh mục đơn vị hành chính: {error}").format(
            path=index_path, error=f"format {index.get('format')!r}"))
    entries = sorted(index["maps"], key=lambda e: e["valid_from"] or "")
    spans = tuple(span for entry in entries for span in _spans_of(entry))
    for before, after in itertools.pairwise(spans):
        if before[2] is None or after[1] != before[2] + dt.timedelta(days=1):
            raise DataError(_("{path}: không phải tệp danh mục đơn vị hành chính: {error}").format(
                path=index_path, error=f"{before[3].isoformat()} and {after[3].isoformat()} do not follow each other"))
    return index, spans


def _spans_of(entry: Mapping[str, Any]) -> list[Span]:
    """The map as first generated, then one span for each later naming of its provinces."""
    valid_from = dt.date.fromisoformat(entry["valid_from"]) if entry["valid_from"] else None
    valid_to = dt.date.fromisoformat(entry["valid_to"]) if entry["valid_to"] else None
    renamed = sorted(entry.get("renamed", []), key=lambda r: r["as_of"])
    days = [dt.date.fromisoformat(r["as_of"]) for r in renamed]
    spans: list[Span] = [
        (entry, valid_from, days[0] - dt.timedelta(days=1) if days else valid_to,
         dt.date.fromisoformat(entry["as_of"]), {}, None)]
    names: dict[str, str] = {}
    for n, (day, revision) in enumerate(zip(days, renamed, strict=True)):
        names = names | dict(revision["full_names"])
        spans.append((entry, day, days[n + 1] - dt.timedelta(days=1) if n + 1 < len(days) else valid_to, day, names,
                      day))
    return spans


@functools.cache
def shipped(folder: Path = DATA) -> tuple[dict[str, Any], tuple[Span, ...]]:
    """:func:`read_index` of the lists chuyenhoa ships, read once (the geography module's catalogue uses it too)."""
    return read_index(folder)


def map_on(day: dt.date) -> str:
    """The id of the national map in force on ``day``: ``snapshot_on(day).map_id``, without the lists themselves."""
    for entry, start, end, *_rest in shipped()[1]:
        if (start is None or start <= day) and (end is None or day <= end):
            return str(entry["id"])
    raise UnknownUnitError(_("không có danh mục đơn vị hành chính cho ngày {date}").format(date=f"{day:%d/%m/%Y}"))


def load_geography(path: str | Path, slug: str) -> Geography:
    """Build a :class:`Geography` from a pack's one-province snapshot file."""
    path = Path(path)
    try:
        raw: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise DataError(_("{path}: không đọc được danh mục đơn vị hành chính: {error}").format(
            path=path, error=exc)) from exc
    try:
        province = Province(slug=slug, code=raw["province"]["code"], name=raw["province"]["name"])
        districts = [District(d["code"], d["name"], d["kind"]) for d in raw.get("districts", [])]
        communes = [
            Commune(c["code"], c["name"], c["kind"], c.get("district_code"))
            for c in raw["communes"]
        ]
        source = raw.get("source", {})
        described = source_words(source, raw["as_of"], raw.get("generated_by", "?"), raw.get("generated_on", "?"))
        return Geography(
            province=province,
            as_of=dt.date.fromisoformat(raw["as_of"]),
            districts=districts,
            communes=communes,
            source=described,
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise DataError(_("{path}: không phải tệp danh mục đơn vị hành chính: {error}").format(
            path=path, error=exc)) from exc


def source_words(source: Mapping[str, Any], as_of: str, generator: str, generated_on: str) -> str:
    """What a map was generated from, and when, in the reader's words."""
    return _("{package} {version} (dữ liệu ngày {as_of}), sinh bởi {generator} ngày {generated_on}").format(
        package=source.get("package", "?"), version=source.get("version", "?"), as_of=as_of,
        generator=generator, generated_on=generated_on)
