"""What a pack registers: a province, its plans, its geography snapshots, its samples.

Plans and geographies are files, read on first use and cached, so registering a
pack costs nothing until its province is asked for.

A province runs every year it exists in, with or without a plan of its own: for a
year its plans do not cover, the host's ``chuyenhoa_default_plan`` hook (the
national method, from 2025) gives the plan, and for a year after the reform of
01/07/2025 the national map gives the geography when the pack ships none.  A
province merged away (Bình Phước from 01/07/2025) keeps its plans for their years
and, for a later year, stops with a message saying where it went.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from chuyenhoa.errors import ChuyenhoaError, PlanFileError
from chuyenhoa.i18n import N_, _
from chuyenhoa.model import FieldsRepr, Geography, Indicator, Plan

if TYPE_CHECKING:
    from chuyenhoa.reading.dataset import Dataset
    from chuyenhoa.reading.geography import ProvinceUnit

#: How long after 31/12 a snapshot still records that year's units (see geography_for).
YEAR_END_GRACE = dt.timedelta(days=31)


@attrs.frozen(repr=False)
class SampleData(FieldsRepr):
    """A pack's bundled data: always synthetic, and every output says so."""

    communes: Path = attrs.field(converter=Path)
    province: Path | None = attrs.field(default=None, converter=attrs.converters.optional(Path))
    #: Shown with every result on the sample; the default is translated when shown, a pack's own text is not.
    description: str = N_("Dữ liệu mẫu giả lập (synthetic), không phải số liệu thật")
    #: the first year this sample serves, until a later sample's; None: every year before them (a pack's
    #: sample on the map of 01/07/2025 serves 2025 on, its older one the plans of before)
    from_year: int | None = None


def _children(folder: Path, pattern: str) -> list[Path]:
    """``list(folder.glob(pattern))`` for the three patterns of :meth:`ProvinceSpec.from_folder`, in any order.

    Every pack registers through ``from_folder`` on every start, and ``Path.glob`` first compiles each pattern
    into a regular expression and builds its selectors: 0.35 ms of a run, where the names themselves are read
    in microseconds.  On a case-sensitive system the two patterns are these plain tests, which give the same
    names; elsewhere (Windows matches without case) ``glob`` itself answers.
    """
    if os.name != "posix":
        return list(folder.glob(pattern))
    try:
        names = os.listdir(folder)
    except (FileNotFoundError, NotADirectoryError, PermissionError):  # what glob answers with nothing
        return []
    if pattern == "[0-9][0-9][0-9][0-9]":
        return [folder / name for name in names if len(name) == 4 and all("0" <= c <= "9" for c in name)]
    assert pattern.startswith("*.") and "*" not in pattern[1:] and "[" not in pattern and "?" not in pattern
    return [folder / name for name in names if name.endswith(pattern[1:])]


def _paths(value: Iterable[str | Path]) -> tuple[Path, ...]:
    return tuple(Path(p) for p in value)


def _samples(value: Iterable[SampleData]) -> tuple[SampleData, ...]:
    return tuple(value)


@attrs.define(eq=False, repr=False)
class ProvinceSpec(FieldsRepr):
    """A province as a pack registers it through ``chuyenhoa_register_provinces``."""

    slug: str
    name: str
    code: str
    plans: Sequence[Path] = attrs.field(converter=_paths)
    geographies: Sequence[Path] = attrs.field(converter=_paths)
    sample: SampleData | None = None
    aliases: Sequence[str] = ()
    #: samples for later years (each with its ``from_year``), after ``sample``
    later_samples: Sequence[SampleData] = attrs.field(default=(), converter=_samples)
    #: filled in by the host: the distribution and plugin that registered it
    distribution: str | None = None
    version: str | None = None
    plugin_name: str | None = None
    #: filled in by the host: the plan of a year the province's own plans do not cover (the
    #: ``chuyenhoa_default_plan`` hook through the province's hooks), None where there is none
    default_plan: Callable[[int], Plan | None] | None = attrs.field(default=None, repr=False)
    #: True for a province of the national map that no pack registers (the host makes it)
    national: bool = False

    @classmethod
    def from_folder(cls, folder: str | Path, *, slug: str, name: str, code: str,
                    sample_description: str | None = None,
                    later_sample_descriptions: Mapping[int, str] | None = None) -> ProvinceSpec:
        """A pack laid out as ``new-province`` writes it: ``plans/*.toml``, ``geography/*.json``, ``sample/``.

        The sample is ``sample/communes.csv`` (and ``sample/province.csv`` when
        present); a pack without a ``sample`` folder registers none.  A folder
        ``sample/<year>/`` holds a sample for that year on (the map of 01/07/2025
        for ``sample/2025/``), described by ``later_sample_descriptions[year]``.
        """
        folder = Path(folder)
        sample_folder = folder / "sample"
        descriptions: dict[int | None, str | None] = {None: sample_description}
        for year, text in (later_sample_descriptions or {}).items():
            descriptions[year] = text
        samples: list[SampleData] = []
        later = sorted((int(f.name), f) for f in _children(sample_folder, "[0-9][0-9][0-9][0-9]") if f.is_dir())
        folders: list[tuple[Path, int | None]] = [(sample_folder, None), *((f, year) for year, f in later)]
        for here, from_year in folders:
            if (here / "communes.csv").is_file():
                province = here / "province.csv"
                description = descriptions.get(from_year)
                samples.append(SampleData(here / "communes.csv", province if province.is_file() else None,
                                          **({"description": description} if description else {}),
                                          from_year=from_year))
        first = samples[0] if samples and samples[0].from_year is None else None
        return cls(slug=slug, name=name, code=code, plans=sorted(_children(folder / "plans", "*.toml")),
                   geographies=sorted(_children(folder / "geography", "*.json")), sample=first,
                   later_samples=tuple(s for s in samples if s is not first))

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

    def files(self) -> tuple[Path, ...]:
        """Every file of the pack a run for this province may read (plans, geography snapshots, the sample), so
        that no output is ever written over one of them."""
        sample = [path for s in self.samples for path in (s.communes, s.province) if path is not None]
        return (*self.plans, *self.geographies, *sample)

    @property
    def samples(self) -> tuple[SampleData, ...]:
        """Every bundled sample, the earliest first."""
        return (*((self.sample,) if self.sample else ()), *self.later_samples)

    def sample_for(self, year: int | None = None) -> SampleData | None:
        """The sample that serves ``year``: the latest whose ``from_year`` is not after it (None: the first)."""
        chosen = self.sample
        for sample in self.later_samples:
            if year is not None and sample.from_year is not None and sample.from_year <= year:
                chosen = sample
        return chosen

    @property
    def years(self) -> list[int]:
        """The years the province can be evaluated for: its own plans', and the default plan's where it exists."""
        own = {y for plan in self.loaded_plans for y in plan.years}
        default = self.default_plan_for(dt.date.today().year) if self.default_plan is not None else None
        later = {y for y in default.years if self._unit_on(_year_end(y)) is not None} if default else set()
        return sorted(own | later)

    def plan_for(self, year: int | None = None) -> Plan:
        """The plan that covers ``year``; without a year, the newest plan's last year.

        A year none of the province's own plans covers gets the default plan (the
        national method, from 2025) if the province exists at that year's end; a
        province merged away by then is refused with where it went and the act
        that merged it.  A province without plans of its own (a province of the
        national map without a pack) answers a call without a year for this year.
        """
        plans = self.loaded_plans
        if year is None:
            if plans:
                return max(plans, key=lambda p: (max(p.years), p.date))
            if self.default_plan is None:
                raise ChuyenhoaError(_("gói '{slug}' chưa có kế hoạch nào").format(slug=self.slug))
            year = dt.date.today().year
        covering = [p for p in plans if p.covers(year)]
        if covering:
            return max(covering, key=lambda p: p.date)
        gone = self.gone_in(year)
        if gone is not None:
            raise ChuyenhoaError(_("năm {year}: {reason}").format(year=year, reason=gone))
        default = self.default_plan_for(year)
        if default is not None:
            return default
        years = ", ".join(str(y) for y in self.years)
        if not years:  # a province no pack plans for, merged away before the national plan applies (Long An)
            later = self.gone_in(dt.date.today().year)
            raise ChuyenhoaError(_("tỉnh '{slug}' không có kế hoạch cho năm nào: không gói tỉnh nào đã cài có "
                                   "kế hoạch của tỉnh này{later}").format(
                slug=self.slug, later=f"; {later}" if later else ""))
        raise ChuyenhoaError(_("tỉnh '{slug}' không có kế hoạch cho năm {year} (có các năm: {years})").format(
            slug=self.slug, year=year, years=years))

    def gone_in(self, year: int) -> str | None:
        """Why the province is not a province at the end of ``year`` (merged away), None when it is one."""
        from chuyenhoa.reading.geography import merged_province

        day = _year_end(year)
        if self._unit_on(day) is not None:
            return None
        return merged_province(self.slug, day) or merged_province(self.name, day)

    def default_plan_for(self, year: int) -> Plan | None:
        """The default plan of ``year``, for a province that exists then; None otherwise."""
        if self.default_plan is None or self._unit_on(_year_end(year)) is None:
            return None
        return self.default_plan(year)

    def _unit_on(self, day: dt.date) -> ProvinceUnit | None:
        """The province on the national map of ``day``, by slug then by name; None when that map has no such one."""
        from chuyenhoa.reading.geography import snapshot_on

        snapshot = snapshot_on(day)
        return snapshot.find_province(self.slug) or snapshot.find_province(self.name)

    @cached_property
    def indicators(self) -> tuple[Indicator, ...]:
        """Every indicator any plan of the pack declares, so one data file serves all its plans."""
        seen: dict[str, Indicator] = {}
        for plan in self.loaded_plans:
            for indicator in plan.indicators:
                seen.setdefault(indicator.id, indicator)
        return tuple(seen.values())

    def sample_dataset(self, geography: Geography | None = None, year: int | None = None) -> Dataset:
        """The pack's bundled sample for ``year`` (:meth:`sample_for`), read like user data and marked synthetic.

        With a ``geography`` its codes are checked against it; without, the caller
        checks them once it knows the year (:func:`chuyenhoa.reading.dataset.check_geography`).
        """
        from chuyenhoa.reading.dataset import load_dataset, read_dataset

        sample = self.sample_for(year)
        if sample is None:
            raise ChuyenhoaError(_("gói '{slug}' không có dữ liệu mẫu; hãy chỉ định --data").format(slug=self.slug)
                                 if not self.national else
                                 _("tỉnh '{slug}' không có gói tỉnh nên không có dữ liệu mẫu; hãy chỉ định --data "
                                   "(chuyenhoa template --province {slug} viết mẫu nhập liệu)").format(slug=self.slug))
        options = {"province_data": sample.province, "extra_indicators": self.indicators, "source": "sample",
                   "synthetic": True}
        if geography is None:
            return read_dataset(sample.communes, **options)  # type: ignore[arg-type]
        return load_dataset(sample.communes, geography, **options)  # type: ignore[arg-type]

    @cached_property
    def loaded_geographies(self) -> tuple[Geography, ...]:
        # imported here: `import chuyenhoa` needs none of it (and not from reading.geography: reading/maps.py)
        from chuyenhoa.reading.maps import load_geography

        return tuple(sorted((load_geography(p, self.slug) for p in self.geographies), key=lambda g: g.as_of))

    def geography_for(self, year: int) -> tuple[Geography, str | None]:
        """The snapshot for ``year`` and, when it does not stand for that year, a warning.

        A snapshot dated D records the units in force on D.  The pack's snapshots
        on the national map in force at the end of the year are used, the latest
        dated on or before that day; a pack with none on that map (every pack
        after 01/07/2025, a province without a pack always) gets the national
        list's.  When every snapshot is later than the year, the earliest is used;
        it still stands for the year when it is dated within
        :data:`YEAR_END_GRACE` of the year's end (the GSO list of early January
        records the year-end state: the ``vietnam-provinces`` 0.6.0 list of
        04/01/2025 is the list for 2024).  Otherwise the output warns that
        communes merged or split since may differ (Đồng Nai had more communes in
        2017 than in the 2025 list).
        """
        from chuyenhoa.reading.maps import map_on  # the maps' days alone: the lists only for a province without one

        end = _year_end(year)
        national = map_on(end)
        snapshots = tuple(g for g in self.loaded_geographies if map_on(g.as_of) == national)
        if not snapshots:
            from chuyenhoa.reading.geography import snapshot_on

            unit = self._unit_on(end)
            if unit is not None:
                geography = snapshot_on(end).geography(unit)
                return geography, self._later_warning(year, geography)
            gone = self.gone_in(year)
            if gone is not None:
                raise ChuyenhoaError(_("năm {year}: {reason}").format(year=year, reason=gone))
            snapshots = self.loaded_geographies  # a province no national map knows (a test's): its own files
        if not snapshots:
            raise ChuyenhoaError(_("gói '{slug}' không có danh mục đơn vị hành chính").format(slug=self.slug))
        earlier = [g for g in snapshots if g.as_of <= end]
        if earlier:
            return earlier[-1], None
        return snapshots[0], self._later_warning(year, snapshots[0])

    @staticmethod
    def _later_warning(year: int, chosen: Geography) -> str | None:
        """The warning for a snapshot dated after ``year``, unless it still records the year's end."""
        if chosen.as_of - _year_end(year) <= YEAR_END_GRACE:
            return None
        return _(
            "Danh mục đơn vị hành chính dùng cho năm {year} là bản ngày {date}, sau năm của kế hoạch: xã đã sáp "
            "nhập, chia tách từ năm {year} có thể không khớp"
        ).format(year=year, date=f"{chosen.as_of:%d/%m/%Y}")  # in the reader's words only: it lands in reports


def _year_end(year: int) -> dt.date:
    """The day a year's verdicts are given on, and whose map a year's rows are on."""
    return dt.date(year, 12, 31)
