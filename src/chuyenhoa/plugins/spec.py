"""What a pack registers: a province, its plans, its geography snapshots, its sample.

Plans and geographies are files, read on first use and cached, so registering a
pack costs nothing until its province is asked for.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from chuyenhoa.errors import ChuyenhoaError, PlanFileError
from chuyenhoa.i18n import N_, _
from chuyenhoa.model import Geography, Indicator, Plan
from chuyenhoa.reading.geography import load_geography

if TYPE_CHECKING:
    from chuyenhoa.reading.dataset import Dataset

#: How long after 31/12 a snapshot still records that year's units (see geography_for).
YEAR_END_GRACE = dt.timedelta(days=31)


@attrs.frozen
class SampleData:
    """A pack's bundled data: always synthetic, and every output says so."""

    communes: Path = attrs.field(converter=Path)
    province: Path | None = attrs.field(default=None, converter=attrs.converters.optional(Path))
    #: Shown with every result on the sample; the default is translated when shown, a pack's own text is not.
    description: str = N_("Dữ liệu mẫu giả lập (synthetic), không phải số liệu thật")


def _paths(value: Iterable[str | Path]) -> tuple[Path, ...]:
    return tuple(Path(p) for p in value)


@attrs.define(eq=False)
class ProvinceSpec:
    """A province as a pack registers it through ``chuyenhoa_register_provinces``."""

    slug: str
    name: str
    code: str
    plans: Sequence[Path] = attrs.field(converter=_paths)
    geographies: Sequence[Path] = attrs.field(converter=_paths)
    sample: SampleData | None = None
    aliases: Sequence[str] = ()
    #: filled in by the host: the distribution and plugin that registered it
    distribution: str | None = None
    version: str | None = None
    plugin_name: str | None = None

    @classmethod
    def from_folder(cls, folder: str | Path, *, slug: str, name: str, code: str,
                    sample_description: str | None = None) -> ProvinceSpec:
        """A pack laid out as ``new-province`` writes it: ``plans/*.toml``, ``geography/*.json``, ``sample/``.

        The sample is ``sample/communes.csv`` (and ``sample/province.csv`` when
        present); a pack without a ``sample`` folder registers none.
        """
        folder = Path(folder)
        sample_folder = folder / "sample"
        sample = None
        if (sample_folder / "communes.csv").is_file():
            province = sample_folder / "province.csv"
            sample = SampleData(sample_folder / "communes.csv", province if province.is_file() else None,
                                **({"description": sample_description} if sample_description else {}))
        return cls(slug=slug, name=name, code=code, plans=sorted((folder / "plans").glob("*.toml")),
                   geographies=sorted((folder / "geography").glob("*.json")), sample=sample)

    @cached_property
    def loaded_plans(self) -> tuple[Plan, ...]:
        from chuyenhoa.reading.planfile import load_plan

        plans = tuple(load_plan(p) for p in self.plans)
        for plan in plans:
            if plan.province != self.slug:
                raise PlanFileError(str(plan.path), "plan.province",
                                    _("'{province}' khác tỉnh của gói '{slug}'").format(province=plan.province,
                                                                                       slug=self.slug))
        return plans

    @property
    def years(self) -> list[int]:
        return sorted({y for plan in self.loaded_plans for y in plan.years})

    def plan_for(self, year: int | None = None) -> Plan:
        """The plan that covers ``year``; without a year, the newest plan's last year."""
        plans = self.loaded_plans
        if not plans:
            raise ChuyenhoaError(_("gói '{slug}' chưa có kế hoạch nào").format(slug=self.slug))
        if year is None:
            return max(plans, key=lambda p: (max(p.years), p.date))
        covering = [p for p in plans if p.covers(year)]
        if not covering:
            years = ", ".join(str(y) for y in self.years)
            raise ChuyenhoaError(_("tỉnh '{slug}' không có kế hoạch cho năm {year} (có các năm: {years})").format(
                slug=self.slug, year=year, years=years))
        return max(covering, key=lambda p: p.date)

    @cached_property
    def indicators(self) -> tuple[Indicator, ...]:
        """Every indicator any plan of the pack declares, so one data file serves all its plans."""
        seen: dict[str, Indicator] = {}
        for plan in self.loaded_plans:
            for indicator in plan.indicators:
                seen.setdefault(indicator.id, indicator)
        return tuple(seen.values())

    def sample_dataset(self, geography: Geography | None = None) -> Dataset:
        """The pack's bundled sample, read like user data and marked synthetic.

        With a ``geography`` its codes are checked against it; without, the caller
        checks them once it knows the year (:func:`chuyenhoa.reading.dataset.check_geography`).
        """
        from chuyenhoa.reading.dataset import load_dataset, read_dataset

        if self.sample is None:
            raise ChuyenhoaError(_("gói '{slug}' không có dữ liệu mẫu; hãy chỉ định --data").format(slug=self.slug))
        options = {"province_data": self.sample.province, "extra_indicators": self.indicators, "source": "sample",
                   "synthetic": True}
        if geography is None:
            return read_dataset(self.sample.communes, **options)  # type: ignore[arg-type]
        return load_dataset(self.sample.communes, geography, **options)  # type: ignore[arg-type]

    @cached_property
    def loaded_geographies(self) -> tuple[Geography, ...]:
        return tuple(sorted((load_geography(p, self.slug) for p in self.geographies), key=lambda g: g.as_of))

    def geography_for(self, year: int) -> tuple[Geography, str | None]:
        """The snapshot for ``year`` and, when it does not stand for that year, a warning.

        A snapshot dated D records the units in force on D.  The latest snapshot
        dated on or before the end of the year is used.  When every snapshot is
        later, the earliest is used; it still stands for the year when it is dated
        within :data:`YEAR_END_GRACE` of the year's end (the GSO list of early
        January records the year-end state: the ``vietnam-provinces`` 0.6.0 list
        of 04/01/2025 is the list for 2024).  Otherwise the output warns that
        communes merged or split since may differ (Đồng Nai had more communes in
        2017 than in the 2025 list).
        """
        snapshots = self.loaded_geographies
        if not snapshots:
            raise ChuyenhoaError(_("gói '{slug}' không có danh mục đơn vị hành chính").format(slug=self.slug))
        end = dt.date(year, 12, 31)
        earlier = [g for g in snapshots if g.as_of <= end]
        if earlier:
            return earlier[-1], None
        chosen = snapshots[0]
        if chosen.as_of - end <= YEAR_END_GRACE:
            return chosen, None
        warning = _(
            "Danh mục đơn vị hành chính dùng cho năm {year} là bản ngày {date}, sau năm của kế hoạch: xã đã sáp "
            "nhập, chia tách từ năm {year} có thể không khớp (geography snapshot of {iso_date} is newer than plan "
            "year {year})"
        ).format(year=year, date=f"{chosen.as_of:%d/%m/%Y}", iso_date=chosen.as_of.isoformat())
        return chosen, warning
