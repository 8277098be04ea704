"""Earlier years from the store, added to the data of a run: what ``evaluate --db`` evaluates.

The method needs earlier years for three things: communes transformed before
leave the list (7488/KH-UBND §III.2), the goal "≥ 85 % không phức tạp trở lại"
(§II.1), and every target "so với năm trước" (last year's province figures,
and each hotspot's crime of last year for the gate "tội phạm giảm").  A file
that holds only this year can have them all once the store holds the years
before.  They are added as rows of the same :class:`~chuyenhoa.reading.dataset.Dataset`,
so the engine evaluates them as if the user had pasted them in, and stays
ignorant of where they came from.

A year the file has is never taken from the store (the file is what the user
gives now), table by table: a file with the communes of 2023 but no province
row of 2023 gets that row from the store.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import attrs

from chuyenhoa.i18n import _
from chuyenhoa.reading.dataset import Dataset, Table
from chuyenhoa.store.connection import Store
from chuyenhoa.store.queries import StoredYear, stored_years

__all__ = ["FromStore", "stored_dataset", "with_stored_years"]


@attrs.frozen
class FromStore:
    """Which years of a run came from the store, and which version of each."""

    store: str
    communes_years: tuple[int, ...]
    province_years: tuple[int, ...]
    #: year → the id of the version used
    versions: Mapping[int, int]

    @property
    def years(self) -> tuple[int, ...]:
        return tuple(sorted(set(self.communes_years) | set(self.province_years)))

    def note(self) -> str | None:
        """The sentence every output shows, or None when the store added nothing."""
        if not self.years:
            return None
        if self.communes_years == self.province_years or not self.province_years:
            return _("Số liệu năm {years} lấy từ kho lịch sử {store} (tệp dữ liệu không có các năm này)").format(
                years=", ".join(map(str, self.years)), store=self.store)
        return _("Số liệu lấy từ kho lịch sử {store} (tệp dữ liệu không có các năm này): bảng communes năm "
                 "{communes}; bảng province năm {province}").format(
            store=self.store, communes=", ".join(map(str, self.communes_years)) or "—",
            province=", ".join(map(str, self.province_years)) or "—")


def with_stored_years(dataset: Dataset, store: Store, province: str, year: int, *,
                      keep: Callable[[int, str], bool] | None = None) -> tuple[Dataset, FromStore]:
    """``dataset`` with the store's current versions of the years before ``year`` that it lacks, table by table.

    ``keep(year, code)``, when given, chooses the stored commune rows added: a
    pre-merger year of a merged province is judged on the part its plan was
    written for, and the store's rows of the other parts stay out of that run.
    """
    file_communes = set(dataset.communes.columns["year"])
    file_province = set(dataset.province.columns["year"]) if dataset.province is not None else set()
    stored = stored_years(store, province, before=year)
    if keep is not None:
        stored = [attrs.evolve(s, communes={c: v for c, v in s.communes.items() if keep(s.year, c)}) for s in stored]
    communes = [s for s in stored if s.year not in file_communes]
    provinces = [s for s in stored if s.year not in file_province and s.has_province]
    found = FromStore(store=store.location.shown, communes_years=tuple(s.year for s in communes),
                      province_years=tuple(s.year for s in provinces),
                      versions={s.year: s.version_id for s in (*communes, *provinces)})
    if not communes and not provinces:
        return dataset, found
    commune_table = _extended(dataset.communes, communes, store.location.shown) if communes else dataset.communes
    province_table = dataset.province
    if provinces:
        province_table = _extended_province(dataset.province, provinces, store.location.shown)
    merged = Dataset(communes=commune_table, province=province_table, source=dataset.source,
                     synthetic=dataset.synthetic, province_source=dataset.province_source, warnings=dataset.warnings)
    return merged, found


def stored_dataset(years: Sequence[StoredYear], shown: str) -> Dataset:
    """A dataset of stored years alone, as if a file held them: what a year is judged again on.

    ``shown`` (the store, as shown) stands for the file in whatever the
    evaluation says about a row.
    """
    communes = _extended(None, years, shown)
    with_province = [s for s in years if s.has_province]
    province = _extended_province(None, with_province, shown) if with_province else None
    return Dataset(communes=communes, province=province, source=shown)


def _extended(table: Table | None, years: Sequence[StoredYear], shown: str) -> Table:
    """The communes table with the stored rows of ``years`` after the file's own."""
    codes: list[object] = []
    year_column: list[object] = []
    rows: list[Mapping[str, object]] = []
    for stored in years:
        for code, values in sorted(stored.communes.items()):
            codes.append(code)
            year_column.append(stored.year)
            rows.append(values)
    return _joined(table, {"commune_code": codes, "year": year_column}, rows,
                   [c for s in years for c in s.communes_columns], shown)


def _extended_province(table: Table | None, years: Sequence[StoredYear], shown: str) -> Table:
    """The province table with the stored rows of ``years`` after the file's own: each year's row that names no
    province, and one for each province a row names (``province_code``), as the file had them."""
    rows: list[Mapping[str, object]] = []
    keys: dict[str, list[object]] = {"year": [], "province_code": []}
    for stored in years:
        for code, values in ([(None, stored.province)] if stored.province is not None else []) \
                + list(stored.provinces.items()):
            keys["year"].append(stored.year)
            keys["province_code"].append(code)
            rows.append(values)
    if not any(keys["province_code"]) and (table is None or not table.has("province_code")):
        del keys["province_code"]  # a table that never named a province stays without the column
    return _joined(table, keys, rows, [c for s in years for c in s.province_columns], shown)


def _joined(table: Table | None, keys: Mapping[str, list[object]], rows: Sequence[Mapping[str, object]],
            stored_columns: Sequence[str], shown: str) -> Table:
    """``table`` (or nothing) followed by ``rows``; a column either side lacks is empty (missing) there."""
    before = len(table) if table is not None else 0
    own = dict(table.columns) if table is not None else {}
    names = list(own) + [c for c in dict.fromkeys([*keys, *stored_columns]) if c not in own]
    columns: dict[str, list[object]] = {}
    for name in names:
        head = own.get(name) or [None] * before
        tail = keys[name] if name in keys else [row.get(name) for row in rows]
        columns[name] = [*head, *tail]
    if table is None:
        return Table(file=shown, columns=columns, row_numbers=[0] * len(rows))
    return Table(file=table.file, columns=columns, row_numbers=[*table.row_numbers, *([0] * len(rows))],
                 path=table.path, sheet=table.sheet)
