"""A testing kit for province packs: the shared test base every pack's tests subclass.

As python-holidays' ``CommonCountryTests``: a pack's test module declares what its
documents and geography say, and inherits the checks every pack must pass::

    from chuyenhoa.testing import ProvincePackTests
    import chuyenhoa_tayninh

    class TestTayNinh(ProvincePackTests):
        plugin = chuyenhoa_tayninh
        slug = "tayninh"
        districts = 9
        communes = 94
        plan_ids = {"860/KH-UBND"}

The base class is not collected itself (its name does not start with ``Test``).
Every test builds a fresh :class:`~chuyenhoa.plugins.host.PluginHost` with autoloading
off, so packs installed on the machine never leak into a pack's tests.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import inspect
import json
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest

from chuyenhoa.method.engine import evaluate
from chuyenhoa.method.hotspots import Status
from chuyenhoa.plugins.host import PluginHost
from chuyenhoa.plugins.spec import ProvinceSpec


class ProvincePackTests:
    """Checks every province pack must pass; subclass and fill in the class attributes."""

    plugin: ClassVar[object]
    slug: ClassVar[str]
    districts: ClassVar[int]
    communes: ClassVar[int]
    plan_ids: ClassVar[set[str]] = set()
    #: a day on which the sample's milestones are checked
    as_of: ClassVar[dt.date] = dt.date(2024, 12, 31)

    @pytest.fixture
    def host(self) -> Iterator[PluginHost]:
        yield PluginHost(autoload=False, plugins=[self.plugin])

    @pytest.fixture
    def spec(self, host: PluginHost) -> ProvinceSpec:
        return host.province(self.slug)

    # -- registration ---------------------------------------------------------------
    def test_registers_its_province(self, spec: ProvinceSpec) -> None:
        assert spec.slug == self.slug
        assert spec.code.isdigit()

    def test_plans_load_and_match(self, spec: ProvinceSpec) -> None:
        plans = spec.loaded_plans
        assert plans, "a pack ships at least one plan file"
        assert {p.id for p in plans} >= self.plan_ids
        for plan in plans:
            assert plan.province == self.slug

    # -- faithfulness -----------------------------------------------------------------
    def test_every_value_cites_a_clause(self, spec: ProvinceSpec) -> None:
        for plan in spec.loaded_plans:
            for target in plan.targets:
                assert target.source.clause, f"{target.id} has no clause"
                assert target.source.document, f"{target.id} has no document"
            for milestone in plan.milestones:
                assert milestone.source.clause, f"milestone {milestone.what!r} has no clause"

    def test_target_ids_are_unique(self, spec: ProvinceSpec) -> None:
        for plan in spec.loaded_plans:
            ids = [t.id for t in plan.targets]
            assert len(ids) == len(set(ids))

    # -- geography --------------------------------------------------------------------
    def test_geography_counts(self, spec: ProvinceSpec) -> None:
        latest = spec.loaded_geographies[-1]
        assert len(latest.districts) == self.districts
        assert len(latest.communes) == self.communes
        assert latest.source, "a snapshot says what it was generated from"

    def test_geography_codes_are_gso_codes(self, spec: ProvinceSpec) -> None:
        for geography in spec.loaded_geographies:
            assert geography.province.code == spec.code
            for commune in geography.communes:
                assert len(commune.code) == 5 and commune.code.isdigit()

    # -- the sample ---------------------------------------------------------------------
    def test_sample_evaluates_and_says_it_is_synthetic(self, host: PluginHost) -> None:
        result = evaluate(self.slug, host=host, as_of=self.as_of)
        data = result.to_dict()["data"]
        assert data["source"] == "sample"  # type: ignore[index]
        assert data["synthetic"] is True  # type: ignore[index]
        assert result.hotspots, "the sample selects hotspots"
        json.loads(result.to_json())  # serialisable

    def test_sample_is_within_caps(self, host: PluginHost) -> None:
        result = evaluate(self.slug, host=host, as_of=self.as_of)
        assert result.selection.within_caps, [c.as_dict() for c in result.selection.caps if not c.within_cap]

    def test_no_verdict_without_data(self, host: PluginHost) -> None:
        result = evaluate(self.slug, host=host, as_of=self.as_of)
        for target in result.targets:
            if target.actual is None:
                assert target.status is Status.NOT_ASSESSABLE, target.id

    def test_sample_files_exist(self, spec: ProvinceSpec) -> None:
        assert spec.sample is not None
        assert Path(spec.sample.communes).is_file()

    def test_sample_is_what_its_script_writes(self, spec: ProvinceSpec, tmp_path: Path) -> None:
        """The sample is generated, never edited by hand: regenerating it changes nothing.

        The script is ``tools/make_<slug>_sample.py`` of the checkout the test module
        lives in; an installed pack without its checkout skips this.
        """
        script = _script_beside(Path(inspect.getfile(type(self))), f"make_{self.slug}_sample.py")
        if script is None:
            pytest.skip(f"tools/make_{self.slug}_sample.py not found above the tests (an installed pack)")
        assert spec.sample is not None
        loader = importlib.util.spec_from_file_location(f"make_{self.slug}_sample", script)
        assert loader is not None and loader.loader is not None
        module = importlib.util.module_from_spec(loader)
        loader.loader.exec_module(module)
        assert module.main(["--output-dir", str(tmp_path)]) == 0
        sample = Path(spec.sample.communes).parent
        for name in ("communes.csv", "province.csv", "README.md"):
            assert (tmp_path / name).read_bytes() == (sample / name).read_bytes(), name


def quote_text(text: str) -> str:
    """NFC, with every run of white space one space: how a quote is looked for in a source text
    whose lines are broken elsewhere than in the quote."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


def _script_beside(start: Path, name: str) -> Path | None:
    """``tools/<name>`` in the nearest folder above ``start`` that has it."""
    for folder in start.resolve().parents:
        if (folder / "tools" / name).is_file():
            return folder / "tools" / name
    return None
