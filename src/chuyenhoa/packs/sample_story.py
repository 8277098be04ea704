"""What the scripts that write the packs' SYNTHETIC samples have in common.

Each pack's ``tools/make_sample.py`` starts from :mod:`chuyenhoa.packs.synthetic` and
scripts a deterministic story on top (which hotspot is transformed, which fails and
why, which relapses), then checks the story by recomputing it.  The stories differ;
their vocabulary does not, and it lives here: the nine indicator cells of 7488
§II.2 on their met side and the few ways of missing some of them, the district
caps, the choice of each district's worst communes, the offences before and after,
relapses, the two-year story that Tây Ninh and Tuyên Quang tell, the role table of
the README and the writing of the three files.

Determinism: a function that takes ``pick`` draws from it a fixed number of times
in a fixed order (its docstring says which), so the committed samples, which the
tests regenerate and compare byte for byte, depend on the order of the calls in
the scripts.  Do not reorder them unless the samples are meant to change.

It lives in the package (not beside the scripts) so that every pack's script, in
its own ``provinces/<slug>/tools`` folder, imports it as an ordinary module; nothing
in chuyenhoa imports it.
"""

from __future__ import annotations

import argparse
import math
import random
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import TypeAlias, TypeVar

from chuyenhoa.model import Geography, ValueKind
from chuyenhoa.output.files import write_atomic
from chuyenhoa.packs.synthetic import (
    COMMUNE_COLUMNS,
    HOTSPOT_INDICATORS,
    generate_communes,
    generate_province,
    write_csv,
)
from chuyenhoa.reading.geography import load_geography
from chuyenhoa.reading.indicators import CRITERIA

#: A commune row of the sample: every cell a string, as :mod:`chuyenhoa.packs.synthetic` writes it.
Row: TypeAlias = dict[str, str]
#: The rows by (year, commune code); the rows themselves, so an update shows in the list.
RowIndex: TypeAlias = dict[tuple[int, str], Row]
#: Commune codes by the role they play in the story.
Roles: TypeAlias = dict[str, list[str]]
_R = TypeVar("_R")

YES, NO = "có", "không"
CRITERIA_COLUMNS: tuple[str, ...] = tuple(c for group in CRITERIA.values() for c in group)
#: The geography every sample uses: the last one with districts.
GEOGRAPHY_DATE = "2025-01-04"


@dataclass(frozen=True)
class Pack:
    """A province pack: where its sample script reads the geography and writes the sample."""

    slug: str
    #: The province's name, as the script's ``--help`` says it.
    name: str
    #: The pack's folder (``provinces/<slug>``, the one holding its ``pyproject.toml``): the
    #: script passes its own, so the pack finds its files wherever the checkout is.
    root: Path

    @property
    def folder(self) -> Path:
        return self.root / "src" / f"chuyenhoa_{self.slug}"

    @property
    def geography(self) -> Path:
        return self.folder / "geography" / f"{GEOGRAPHY_DATE}.json"

    @property
    def sample(self) -> Path:
        return self.folder / "sample"

    @property
    def script(self) -> str:
        """The script's path from the repository root, as the README names it.

        Written out rather than derived from :attr:`root`, so the README is the same
        bytes whichever folder the checkout is in.
        """
        return f"provinces/{self.slug}/tools/make_sample.py"


# --- the nine indicators ----------------------------------------------------------

#: 7488 §II.2's threshold of each indicator, written again here so that the story
#: checks itself without the code it is meant to exercise.
INDICATOR_TESTS: Mapping[str, Callable[[str], bool]] = {
    "organized_crime": lambda v: v == NO,
    "clearance_rate": lambda v: float(v) >= 80,
    "serious_clearance_rate": lambda v: float(v) >= 95,
    "wanted_arrest_rate": lambda v: float(v) >= 30,
    "reports_handled_rate": lambda v: float(v) == 100,
    "recidivism_rate": lambda v: float(v) < 15,
    "political_system_consolidated": lambda v: v == YES,
    "mass_models": lambda v: int(v) >= 1,
    "households_informed_rate": lambda v: float(v) == 100,
}

# Cells laid over met_cells() that leave only some of the nine indicators met.
#: 5 of 9 met: clearance, wanted arrests, households informed and mass models missed.
FIVE_OF_NINE: Mapping[str, str] = {
    "clearance_rate": "71.3", "wanted_arrest_rate": "12.5", "households_informed_rate": "92", "mass_models": "0",
}
#: 6 of 9 met: clearance, wanted arrests and households informed missed.
SIX_OF_NINE: Mapping[str, str] = {
    "clearance_rate": "72.4", "wanted_arrest_rate": "18.5", "households_informed_rate": "96",
}
#: 7 of 9 met (77.8 % < 80 %): clearance and reports handled missed.
SEVEN_OF_NINE: Mapping[str, str] = {"clearance_rate": "76.4", "reports_handled_rate": "97.8"}
#: 8 of 9 met: recidivism missed.
EIGHT_OF_NINE: Mapping[str, str] = {"recidivism_rate": "16.7"}
#: The 80 % boundary: four indicators empty, clearance missed, so 4 of the 5 with data met; exactly
#: 80 % of those, but 4/9 to 8/9 of the nine, so not assessable by the national reading (bounds).
FOUR_OF_FIVE: Mapping[str, str] = {
    "serious_clearance_rate": "", "wanted_arrest_rate": "", "recidivism_rate": "", "mass_models": "",
    "clearance_rate": "78.5",
}


def met_cells(pick: random.Random, over: Mapping[str, str] | None = None) -> Row:
    """The nine indicator cells, all on the met side of 7488 §II.2's thresholds.

    Five draws, in this order: clearance, serious clearance, wanted arrests,
    recidivism, mass models.  The cells of ``over`` (no draw) then replace theirs.
    """
    cells = {
        "organized_crime": NO,
        "clearance_rate": f"{pick.randint(820, 990) / 10:g}",
        "serious_clearance_rate": f"{pick.randint(955, 1000) / 10:g}",
        "wanted_arrest_rate": f"{pick.randint(330, 750) / 10:g}",
        "reports_handled_rate": "100",
        "recidivism_rate": f"{pick.randint(0, 120) / 10:g}",
        "political_system_consolidated": YES,
        "mass_models": str(pick.randint(1, 3)),
        "households_informed_rate": "100",
    }
    cells.update(over or {})
    return cells


def indicators_met(row: Mapping[str, str]) -> tuple[int, int]:
    """(met, with data) over the nine indicators: the story's own check of itself."""
    cells = {c: row[c] for c in HOTSPOT_INDICATORS if row[c] != ""}
    return sum(1 for c, v in cells.items() if INDICATOR_TESTS[c](v)), len(cells)


def criteria_score(row: Mapping[str, str]) -> int:
    """Sum of the criteria counts plus one per flag raised: a plain proxy for "worst"."""
    return sum(int(row[c]) if row[c].isdigit() else int(row[c] == YES) for c in CRITERIA_COLUMNS)


# --- selecting hotspots -----------------------------------------------------------


def district_caps(geography: Geography, share: float | Fraction) -> dict[str, int]:
    """floor(share × communes) per district code (exact when ``share`` is a Fraction)."""
    return {d.code: math.floor(share * len(geography.communes_of(d.code))) for d in geography.districts}


def index_rows(rows: Iterable[Row]) -> RowIndex:
    """The rows by (year, commune code)."""
    return {(int(r["year"]), r["commune_code"]): r for r in rows}


def hotspots(rows: Iterable[Mapping[str, str]], year: int) -> list[str]:
    """The sorted codes of the communes that are hotspots in ``year``."""
    return sorted(r["commune_code"] for r in rows if int(r["year"]) == year and r["hotspot"] == YES)


def fill_caps(geography: Geography, caps: Mapping[str, int], by: RowIndex, year: int, *,
              continuing: Sequence[str], excluded: Collection[str]) -> list[str]:
    """The sorted list of ``year``'s hotspots, district by district (no draw).

    A district keeps its ``continuing`` communes, then fills the rest of its cap with
    its worst communes (highest :func:`criteria_score` in ``year``, then lowest code)
    that are not ``excluded``.
    """
    district_of = {c.code: c.district_code for c in geography.communes}
    hot: list[str] = []
    for district, cap in caps.items():
        kept = [c for c in continuing if district_of[c] == district]
        fresh = [c.code for c in geography.communes_of(district) if c.code not in excluded]
        fresh.sort(key=lambda code: (-criteria_score(by[(year, code)]), code))
        hot += kept + fresh[: cap - len(kept)]
    hot.sort()
    return hot


# --- offences and relapses --------------------------------------------------------


def raise_offences(row: Row, pick: random.Random) -> int:
    """Give ``row`` at least 6 criminal offences and return them (one draw).

    ``row`` is the year before a commune's selection: it was selected because that
    year was bad.
    """
    before = max(int(row["criminal_offences"]), 6 + pick.randint(0, 6))
    row["criminal_offences"] = str(before)
    return before


def fewer_offences(before: int, pick: random.Random) -> int:
    """A count of offences below ``before``: down by 1 to 1 + before // 3 (one draw)."""
    return before - 1 - pick.randint(0, before // 3)


def mark_relapses(by: RowIndex, year: int, transformed: Iterable[str], relapsed: Collection[str],
                  new: Collection[str]) -> None:
    """Fill ``year``'s ``relapsed`` cell of every commune transformed before (no draw).

    ``relapsed`` lists the communes relapsed by ``year`` (có), the others get không;
    a ``new`` relapse gets new complexity and 3 offences more than the year before.
    """
    for code in transformed:
        row = by[(year, code)]
        row["relapsed"] = YES if code in relapsed else NO
        if code in new:
            row.update(new_complexity=YES, criminal_offences=str(int(by[(year - 1, code)]["criminal_offences"]) + 3))


# --- checking ---------------------------------------------------------------------


def assert_within_caps(geography: Geography, caps: Mapping[str, int], hot: Collection[str], year: int,
                       count: int) -> None:
    """``year`` has ``count`` hotspots and no district more than its cap."""
    assert len(hot) == count, (year, sorted(hot))
    district_of = {c.code: c.district_code for c in geography.communes}
    for district, cap in caps.items():
        assert sum(district_of[c] == district for c in hot) <= cap, (year, district)


def assert_plays(role: str, code: str, now: Mapping[str, str], *, met: tuple[int, int], complexity: str,
                 before: Mapping[str, str] | None = None, down: bool = True) -> None:
    """The row ``now`` of ``code`` shows its role.

    ``met`` is (indicators met, indicators with data), ``complexity`` the
    new_complexity cell; given the row of the year ``before``, the criminal offences
    must have gone ``down`` (or not).
    """
    assert indicators_met(now) == met, (role, code)
    if before is not None:
        fell = int(now["criminal_offences"]) < int(before["criminal_offences"])
        assert fell == down, (role, code)
    assert now["new_complexity"] == complexity, (role, code)


# --- the two-year story (Tây Ninh, Tuyên Quang) -------------------------------------

#: How a 2023 hotspot of the two-year story fails: the cells laid over met_cells()
#: and its new_complexity, in the order the failed hotspots receive them.
FAILED_2023: Mapping[str, tuple[Mapping[str, str], str]] = {
    "fail_2023_five": (FIVE_OF_NINE, NO),
    "fail_2023_seven": (SEVEN_OF_NINE, NO),
    "fail_2023_complexity": ({}, YES),
}
#: The README's words for the 2023 roles and the relapse of the two-year story.
ROLE_TEXT_2023: Mapping[str, tuple[str, str]] = {
    "success_2023": ("chuyển hóa thành công năm 2023 (cột transformed = có)",
                     "transformed in 2023 (column transformed = có)"),
    "relapsed": ("đã chuyển hóa năm 2023, năm 2024 phức tạp trở lại (relapsed = có)",
                 "transformed in 2023, relapsed in 2024 (relapsed = có)"),
    "fail_2023_five": ("2023 không thành công: đạt 5/9 chỉ tiêu",
                       "2023 not transformed: 5 of 9 indicators met"),
    "fail_2023_seven": ("2023 không thành công: đạt 7/9 chỉ tiêu (77,8 % < 80 %)",
                        "2023 not transformed: 7 of 9 met (77.8 % < 80 %)"),
    "fail_2023_complexity": ("2023 không thành công: đạt 9/9 nhưng phát sinh phức tạp mới",
                             "2023 not transformed: 9 of 9 met but new complexity"),
}
#: The README's words for the 2024 roles every two-year story has.
ROLE_TEXT_2024: Mapping[str, tuple[str, str]] = {
    "success": ("2024: đạt 9/9 chỉ tiêu, số vụ phạm pháp hình sự giảm, không phát sinh phức tạp",
                "2024: 9 of 9 met, criminal offences down, no new complexity"),
    "boundary_80": ("2024: 4 chỉ tiêu để trống, đạt 4/5 chỉ tiêu có số liệu (đúng 80 %): tỷ lệ trên 9 chỉ tiêu "
                    "nằm trong 44,4–88,9 %, chưa đánh giá được",
                    "2024: 4 indicators empty, 4 of the 5 with data met (exactly 80 %): the share of the 9 lies "
                    "within 44.4–88.9 %, not assessable"),
    "crime_not_down": ("2024: đạt 9/9 nhưng số vụ phạm pháp hình sự không giảm",
                       "2024: 9 of 9 met but criminal offences did not decrease"),
    "complexity_empty": ("2024: đạt 8/9, ô new_complexity để trống (chưa đánh giá được)",
                         "2024: 8 of 9 met, new_complexity left empty (not assessable)"),
}


def two_year_story(geography: Geography, rows: list[Row], pick: random.Random, *, cap_share: float,
                   success23: list[str], fail23: Sequence[str], roles_2024: Sequence[str],
                   cells_2024: Mapping[str, Mapping[str, str]], not_down: int) -> Roles:
    """Script the 2023–2024 story into ``rows`` (generated for 2023 and 2024); the roles by code.

    2023 keeps the generator's hotspots: ``success23`` are transformed, ``fail23``
    fail in the ways of :data:`FAILED_2023`, in order.  In 2024 the failed ones
    continue and each district's cap is filled with its worst communes never
    selected; one 2023 success relapses; the 2024 hotspots, in a shuffled order,
    play ``roles_2024``: the cells of ``cells_2024[role]`` over met cells, a
    "crime_not_down" hotspot ``not_down`` offences above 2023 (the others fewer), a
    "complexity_empty" one with new_complexity empty.

    Draws, in order: met cells of each success, then of each failure; the relapse;
    the shuffle; per 2024 hotspot its 2023 offences, its 2024 offences, its cells.
    """
    by = index_rows(rows)
    roles: Roles = {"success_2023": success23}
    for code in success23:
        by[(2023, code)].update(met_cells(pick), new_complexity=NO, transformed=YES)
    for code, role in zip(fail23, FAILED_2023, strict=True):
        over, complexity = FAILED_2023[role]
        by[(2023, code)].update(met_cells(pick, over), new_complexity=complexity, transformed=NO)
        roles[role] = [code]

    hot24 = fill_caps(geography, district_caps(geography, cap_share), by, 2024,
                      continuing=fail23, excluded={*success23, *fail23})
    for r in rows:
        if r["year"] == "2024":
            r.update(hotspot=NO, transformed="", relapsed="")
    relapsed = pick.choice(success23)
    roles["relapsed"] = [relapsed]
    mark_relapses(by, 2024, success23, relapsed={relapsed}, new={relapsed})

    order = list(hot24)
    pick.shuffle(order)
    for code, role in zip(order, roles_2024, strict=True):
        roles.setdefault(role, []).append(code)
        before = raise_offences(by[(2023, code)], pick)
        after = fewer_offences(before, pick)  # drawn for every role: the draws do not depend on it
        if role == "crime_not_down":
            after = before + not_down
        cells = met_cells(pick, cells_2024.get(role))
        complexity = "" if role == "complexity_empty" else NO
        by[(2024, code)].update(cells, hotspot=YES, new_complexity=complexity, criminal_offences=str(after))
    for codes in roles.values():
        codes.sort()
    return roles


def check_two_year_story(geography: Geography, rows: Sequence[Row], roles: Mapping[str, Sequence[str]],
                         *, cap_share: float, hotspots_a_year: int,
                         expected_2024: Mapping[str, tuple[int, int]]) -> None:
    """Recompute the story of :func:`two_year_story`; a failed assertion means the script is wrong.

    ``expected_2024`` gives (indicators met, with data) of each 2024 role.
    """
    caps = district_caps(geography, cap_share)
    assert sum(caps.values()) == hotspots_a_year, caps
    by = index_rows(rows)
    for year in (2023, 2024):
        assert_within_caps(geography, caps, hotspots(rows, year), year, hotspots_a_year)
    transformed23 = set(roles["success_2023"])
    assert len(transformed23) == hotspots_a_year - len(FAILED_2023)
    assert not transformed23 & set(hotspots(rows, 2024))
    assert [by[(2024, c)]["relapsed"] for c in sorted(transformed23)].count(YES) == 1
    for (year, code), r in by.items():
        if year == 2024:
            assert r["transformed"] == ""
            assert r["relapsed"] in ((YES, NO) if code in transformed23 else ("",)), code
        elif r["hotspot"] == YES:
            assert r["transformed"] == (YES if code in transformed23 else NO)
        else:
            assert r["transformed"] == ""
    for role, met, complexity in (("success_2023", 9, NO), ("fail_2023_five", 5, NO),
                                  ("fail_2023_seven", 7, NO), ("fail_2023_complexity", 9, YES)):
        for code in roles[role]:
            assert_plays(role, code, by[(2023, code)], met=(met, 9), complexity=complexity)
    for role, met_2024 in expected_2024.items():
        for code in roles[role]:
            assert_plays(role, code, by[(2024, code)], met=met_2024, before=by[(2023, code)],
                         down=role != "crime_not_down", complexity="" if role == "complexity_empty" else NO)
    assert len(roles["success"]) == hotspots_a_year - 4


# --- writing ----------------------------------------------------------------------


def commune_list(geography: Geography, codes: Iterable[str], *, with_district: bool = False) -> str:
    """The communes as "code name", comma-separated; with the district in brackets if asked."""
    communes = {c.code: c for c in geography.communes}
    districts = {d.code: d.name for d in geography.districts}
    return ", ".join(
        f"{code} {communes[code].name}"
        + (f" ({districts[communes[code].district_code or '']})" if with_district else "")
        for code in codes
    )


def role_table(geography: Geography, role_text: Mapping[str, tuple[str, str]], roles: Mapping[str, Sequence[str]],
               *, with_district: bool = False) -> list[str]:
    """Markdown lines naming which commune plays which role (with its district if asked)."""
    unit = "xã / commune (huyện / district)" if with_district else "xã / commune"
    lines = [f"| vai trò / role | {unit} |", "|---|---|"]
    for role, (vi, en) in role_text.items():
        units = commune_list(geography, roles.get(role, ()), with_district=with_district)
        lines.append(f"| {vi} / {en} | {units} |")
    return lines


def province_rows(years: Sequence[int], seed: int, columns: Sequence[str],
                  story: Mapping[int, Mapping[str, str]], *, kinds: Mapping[str, ValueKind] | None = None
                  ) -> list[Row]:
    """Synthetic province rows for ``years``, with the story's values of each year written over them."""
    rows = generate_province(years, seed=seed, columns=columns, kinds=kinds)
    for row in rows:
        row.update(story.get(int(row["year"]), {}))
    return rows


def write_sample(argv: Sequence[str] | None, pack: Pack, seed: int, *,
                 story: Callable[[Geography], tuple[list[Row], _R]],
                 summary: Callable[[Geography, _R], list[str]],
                 province: Callable[[], list[Row]], province_columns: Sequence[str],
                 readme: Callable[[Sequence[str]], str]) -> int:
    """The scripts' command line: write communes.csv, province.csv and README.md.

    ``story`` gives the commune rows and the roles, ``summary`` the roles' Markdown
    lines (printed and handed to ``readme``), ``province`` the province rows.
    """
    parser = argparse.ArgumentParser(description=f"Write the synthetic {pack.name} sample.")
    parser.add_argument("--geography", type=Path, default=pack.geography)
    parser.add_argument("--output-dir", type=Path, default=pack.sample)
    args = parser.parse_args(argv)
    geography = load_geography(args.geography, pack.slug)
    communes, roles = story(geography)
    lines = summary(geography, roles)
    write_csv(communes, args.output_dir / "communes.csv", COMMUNE_COLUMNS)
    write_csv(province(), args.output_dir / "province.csv", ("year", *province_columns))
    write_atomic(args.output_dir / "README.md", readme(lines), make_folder=True)
    print(f"wrote {args.output_dir}/communes.csv, province.csv, README.md (seed {seed})")
    print("\n".join(lines))
    return 0


# --- the story across the reform of 01/07/2025 (Đồng Nai, Tây Ninh, Tuyên Quang) ---------

#: The sample for the map of 01/07/2025 lives in ``sample/<MERGER_SAMPLE_YEAR>/`` and serves that year on.
MERGER_SAMPLE_YEAR = 2025
#: The baseline year, on the map before the reform: the old provinces' communes, with their districts.
MERGER_BASELINE = 2024
MERGER_YEARS = (2025, 2026)
#: Roles of the 2025 hotspots besides "success", and of the 2026 ones (each once).
MERGER_ROLES_2025 = ("partly_gate", "seven_of_nine", "new_complexity", "crime_not_down")
MERGER_ROLES_2026 = ("boundary_80", "crime_not_down")
#: Province columns of the new-map sample: the national plan sets no provincial target on them.
MERGER_PROVINCE_COLUMNS: tuple[str, ...] = ("social_order_crimes", "clearance_rate", "serious_clearance_rate")
#: The README's words for each role of the story.
MERGER_ROLE_TEXT: Mapping[str, tuple[str, str]] = {
    "transformed_2024": ("2024 (danh mục cũ): chuyển hóa thành công (transformed = có), theo dõi tiếp ở xã mới",
                         "2024 (old list): transformed (transformed = có), followed under its new commune"),
    "followed": ("xã mới nhận xã đã chuyển hóa năm 2024: ra khỏi diện chuyển hóa, xét tái phức tạp",
                 "new commune that took in a commune transformed in 2024: off the list, watched for relapse"),
    "relapsed_2025": ("2025: xã mới nhận xã chuyển hóa năm 2024, phức tạp trở lại (relapsed = có)",
                      "2025: a new commune that took in a 2024 transformed commune relapsed (relapsed = có)"),
    "success_2025": ("2025: đạt 9/9, số vụ giảm so với tổng năm 2024 của các xã cũ hợp thành",
                     "2025: 9 of 9 met, offences below the 2024 sum of the old communes it was formed from"),
    "partly_gate_2025": ("2025: đạt 9/9 nhưng có xã cũ chỉ nhập một phần: không so được với năm 2024 (chưa đánh "
                         "giá được)", "2025: 9 of 9 met, but an old commune passed only in part: no 2024 figure "
                         "to compare (not assessable)"),
    "seven_of_nine_2025": ("2025: đạt 7/9 chỉ tiêu (77,8 % < 80 %)", "2025: 7 of 9 met (77.8 % < 80 %)"),
    "new_complexity_2025": ("2025: đạt 9/9 nhưng phát sinh phức tạp mới", "2025: 9 of 9 met but new complexity"),
    "crime_not_down_2025": ("2025: đạt 9/9 nhưng số vụ không giảm so với tổng năm 2024",
                            "2025: 9 of 9 met but offences not below the 2024 sum"),
    "success_2026": ("2026: đạt 9/9, số vụ giảm so với năm 2025", "2026: 9 of 9 met, offences down on 2025"),
    "boundary_80_2026": ("2026: 4 chỉ tiêu để trống, đạt 4/5 có số liệu: chưa đánh giá được",
                         "2026: 4 indicators empty, 4 of the 5 with data met: not assessable"),
    "crime_not_down_2026": ("2026: đạt 9/9 nhưng số vụ không giảm", "2026: 9 of 9 met but offences not down"),
    "relapsed_2026": ("2026: xã chuyển hóa năm 2025 phức tạp trở lại (relapsed = có, mới)",
                      "2026: a commune transformed in 2025 relapsed (relapsed = có, new)"),
}


@dataclass(frozen=True)
class MergerMaps:
    """The province on both maps: its communes after the reform, those of the provinces it was formed from
    before, and how each new commune came from the old ones."""

    new: Geography
    old: Geography
    #: new commune → [(old commune, passed whole)]
    predecessors: Mapping[str, tuple[tuple[str, bool], ...]]
    #: old commune → its new communes
    successors: Mapping[str, tuple[str, ...]]
    #: (code, name) of each province it was formed from, on the map before: its rows of the province table
    old_provinces: tuple[tuple[str, str], ...] = ()


def merger_maps(slug: str) -> MergerMaps:
    """The province ``slug`` on the map of 01/07/2025 and its predecessors' communes on the map before."""
    from chuyenhoa.model import Province
    from chuyenhoa.reading.geography import geography_for, lineage, province_lineage

    after, before = "2025-07-01", "2025-06-30"
    new = geography_for(slug, after)
    predecessors = {}
    for commune in new.communes:
        found = lineage(commune.code, after)
        split = found.came_by.split if found.came_by else (lambda _code: False)
        predecessors[commune.code] = tuple((p.code, not p.partly and not split(p.code)) for p in found.predecessors)
    # the old communes that went (wholly or in part) into the new province, with their districts (every province
    # it was formed from gave some: the province lineage is made from the communes, tools/generate_geography.py)
    taken = {old for olds in predecessors.values() for old, _whole in olds}
    parts = [geography_for(p.code, before) for p in province_lineage(slug, after).predecessors]
    communes = [c for p in parts for c in p.communes if c.code in taken]
    used = {c.district_code for c in communes}
    old = Geography(province=Province(slug=slug, code=new.province.code,
                                      name=", ".join(p.province.name for p in parts
                                                     if any(c.code in taken for c in p.communes))),
                    as_of=parts[0].as_of, districts=[d for p in parts for d in p.districts if d.code in used],
                    communes=communes, source=parts[0].source)
    successors: dict[str, list[str]] = {}
    for code, olds in predecessors.items():
        for old_code, _whole in olds:
            successors.setdefault(old_code, []).append(code)
    return MergerMaps(new, old, predecessors, {k: tuple(v) for k, v in successors.items()},
                      tuple((p.province.code, p.province.name) for p in parts))


def merger_story(maps: MergerMaps, seed: int) -> tuple[list[Row], Roles]:
    """Commune rows for 2024 (old map) and 2025–2026 (new map) with the story across the reform, and the roles.

    2024 keeps the generator's hotspots (each old district's floor(15 %)), recorded as
    transformed or not.  In 2025 the new province (no districts) approves floor(15 %)
    of its communes, none that took in a commune transformed in 2024 (those are
    followed: one or two relapse).  Its hotspots' "crime decreased" gate compares
    with the sum of their old communes' 2024 offences: one hotspot has an old commune
    that passed only in part (not assessable), the others passed whole.  2026
    continues the 2025 failures and fills the cap; one 2025 success relapses.

    Draws, in order: the generator's (2024, then 2025–2026), then this story's.
    """
    rows = generate_communes(maps.old, (MERGER_BASELINE,), seed=seed)
    rows += generate_communes(maps.new, MERGER_YEARS, seed=seed)
    pick = random.Random(seed)
    by = index_rows(rows)
    roles: Roles = {}
    transformed_2024 = sorted(r["commune_code"] for r in rows
                              if r["year"] == str(MERGER_BASELINE) and r["transformed"] == YES)
    roles["transformed_2024"] = transformed_2024
    followed = sorted({new for old in transformed_2024 for new in maps.successors.get(old, ())})
    roles["followed"] = followed
    for r in rows:
        if r["year"] != str(MERGER_BASELINE):
            r.update(hotspot=NO, transformed="", relapsed="")
    cap = math.floor(Fraction(15, 100) * len(maps.new.communes))
    whole = {code for code, olds in maps.predecessors.items() if olds and all(w for _o, w in olds)}

    def worst(year: int, candidates: Iterable[str]) -> list[str]:
        return sorted(candidates, key=lambda code: (-criteria_score(by[(year, code)]), code))

    def before_2024(code: str) -> int:
        return sum(int(by[(MERGER_BASELINE, old)]["criminal_offences"]) for old, _w in maps.predecessors[code])

    # 2025: the list, on the new map
    free = [c.code for c in maps.new.communes if c.code not in followed]
    partly = worst(2025, (c for c in free if c not in whole and maps.predecessors[c]))[:1]
    fresh = worst(2025, (c for c in free if c in whole and before_2024(c) >= 2))[: cap - len(partly)]
    hot25 = sorted(partly + fresh)
    order = list(fresh)
    pick.shuffle(order)
    plan = [*MERGER_ROLES_2025[1:], *["success"] * (len(order) - len(MERGER_ROLES_2025) + 1)]
    relapsed = sorted(pick.sample(followed, min(2, len(followed))))
    roles["relapsed_2025"] = relapsed
    for code in followed:
        by[(2025, code)].update(relapsed=YES if code in relapsed else NO)
    for code, role in [(partly[0], "partly_gate"), *zip(order, plan, strict=True)]:
        roles.setdefault(f"{role}_2025", []).append(code)
        cells = met_cells(pick, SEVEN_OF_NINE if role == "seven_of_nine" else None)
        before = before_2024(code) if code in whole else 6
        after = before + pick.randint(0, 2) if role == "crime_not_down" else fewer_offences(before, pick)
        by[(2025, code)].update(cells, hotspot=YES, new_complexity=YES if role == "new_complexity" else NO,
                                criminal_offences=str(max(after, 0)))
    transformed_2025 = sorted(roles["success_2025"])

    # 2026: the failures of 2025 continue, the cap is filled with the worst communes never selected
    continuing = sorted(c for c in hot25 if c not in transformed_2025)
    fresh26 = worst(2026, (c.code for c in maps.new.communes
                           if c.code not in followed and c.code not in hot25))[: cap - len(continuing)]
    hot26 = sorted(continuing + fresh26)
    order = list(hot26)
    pick.shuffle(order)
    plan = [*MERGER_ROLES_2026, *["success"] * (len(order) - len(MERGER_ROLES_2026))]
    new_relapse = pick.choice(transformed_2025)
    roles["relapsed_2026"] = [new_relapse]
    for code in followed:
        by[(2026, code)].update(relapsed=YES if code in relapsed else NO)
    for code in transformed_2025:
        by[(2026, code)].update(relapsed=YES if code == new_relapse else NO)
        if code == new_relapse:
            by[(2026, code)].update(new_complexity=YES)
    for code, role in zip(order, plan, strict=True):
        roles.setdefault(f"{role}_2026", []).append(code)
        before = raise_offences(by[(2025, code)], pick) if code not in hot25 else \
            int(by[(2025, code)]["criminal_offences"])
        if before < 1:
            before = raise_offences(by[(2025, code)], pick)
        after = before + 1 if role == "crime_not_down" else fewer_offences(before, pick)
        cells = met_cells(pick, FOUR_OF_FIVE if role == "boundary_80" else None)
        by[(2026, code)].update(cells, hotspot=YES, new_complexity=NO, criminal_offences=str(max(after, 0)))
    for codes in roles.values():
        codes.sort()
    check_merger_story(maps, rows, roles, cap)
    return rows, roles


def check_merger_story(maps: MergerMaps, rows: Sequence[Row], roles: Mapping[str, Sequence[str]], cap: int) -> None:
    """Recompute the story of :func:`merger_story`; a failed assertion means the script is wrong."""
    by = index_rows(rows)
    followed = set(roles["followed"])
    assert followed == {n for o in roles["transformed_2024"] for n in maps.successors.get(o, ())}
    for year in MERGER_YEARS:
        hot = hotspots(rows, year)
        assert len(hot) == cap and not followed & set(hot), (year, hot)
        assert all(by[(year, c)]["relapsed"] in (YES, NO) for c in followed)
    assert not set(roles["success_2025"]) & set(hotspots(rows, 2026))
    for code in [*roles["success_2025"], *roles["crime_not_down_2025"]]:
        olds = maps.predecessors[code]
        assert olds and all(w for _o, w in olds), code
        total = sum(int(by[(MERGER_BASELINE, o)]["criminal_offences"]) for o, _w in olds)
        fell = int(by[(2025, code)]["criminal_offences"]) < total
        assert fell == (code in roles["success_2025"]), code
    (partly,) = roles["partly_gate_2025"]
    assert not all(w for _o, w in maps.predecessors[partly])
    for code in [*roles["success_2025"], *roles["partly_gate_2025"]]:
        assert indicators_met(by[(2025, code)]) == (9, 9)
    for code in roles["seven_of_nine_2025"]:
        assert indicators_met(by[(2025, code)]) == (7, 9)
    for code in roles["success_2026"]:
        now, before = by[(2026, code)], by[(2025, code)]
        assert indicators_met(now) == (9, 9) and int(now["criminal_offences"]) < int(before["criminal_offences"])
    assert [by[(2026, c)]["relapsed"] for c in roles["success_2025"]].count(YES) == 1


def merger_summary(geographies: tuple[Geography, Geography], roles: Mapping[str, Sequence[str]]) -> list[str]:
    """The README's table: which commune plays which role (the old ones named on the old map)."""
    old, new = geographies
    names = {c.code: c.name for c in new.communes}
    old_names = {c.code: c.name for c in old.communes}
    lines = ["| vai trò / role | xã / commune |", "|---|---|"]
    for role, (vi, en) in MERGER_ROLE_TEXT.items():
        codes = roles.get(role, ())
        listed = old_names if role == "transformed_2024" else names
        lines.append(f"| {vi} / {en} | {', '.join(f'{c} {listed[c]}' for c in codes)} |")
    return lines


def merger_province(maps: MergerMaps, seed: int) -> list[Row]:
    """The province table of the sample: 2024 one row for each province the new one was formed from, 2025–2026 the
    new province's, every row naming its province by its code on the map of its year (``province_code``).

    2025–2026 are the generator's rows for the seed.  Each old province's 2024 row is the
    generator's for 2024 with the seed plus its code; its ``social_order_crimes`` are then
    set so that the old provinces together had 6–12 % more than the new one in 2025: a
    plan's "−5 % so với năm trước" is met on the sum.  Draws: the decrease, then each old
    province's share but the last, from ``random.Random(seed)``.
    """
    new = maps.new.province.code
    rows = [{"year": row["year"], "province_code": new, **{c: row[c] for c in MERGER_PROVINCE_COLUMNS}}
            for row in generate_province(MERGER_YEARS, seed=seed, columns=MERGER_PROVINCE_COLUMNS)]
    pick = random.Random(seed)
    after = int(rows[0]["social_order_crimes"])
    total = round(after / (1 - pick.randint(60, 120) / 1000))
    left = total
    before: list[Row] = []
    for n, (code, _name) in enumerate(maps.old_provinces):
        (row,) = generate_province((MERGER_BASELINE,), seed=seed + int(code), columns=MERGER_PROVINCE_COLUMNS)
        share = left if n == len(maps.old_provinces) - 1 else round(total * pick.randint(35, 65) / 100)
        left -= share
        before.append({"year": row["year"], "province_code": code,
                       **{c: row[c] for c in MERGER_PROVINCE_COLUMNS}, "social_order_crimes": str(share)})
    assert sum(int(r["social_order_crimes"]) for r in before) == total and 0.88 <= after / total <= 0.94
    return before + rows


def write_merger_sample(argv: Sequence[str] | None, pack: Pack, seed: int, *,
                        readme: Callable[[MergerMaps, Sequence[str]], str]) -> int:
    """The command line of a pack's ``tools/make_sample_2025.py``: ``sample/2025/`` on the map of 01/07/2025."""
    parser = argparse.ArgumentParser(description=f"Write the synthetic {pack.name} sample of 2024–2026 "
                                                 "(the map of 01/07/2025).")
    parser.add_argument("--output-dir", type=Path, default=pack.sample / str(MERGER_SAMPLE_YEAR))
    args = parser.parse_args(argv)
    maps = merger_maps(pack.slug)
    communes, roles = merger_story(maps, seed)
    lines = merger_summary((maps.old, maps.new), roles)
    write_csv(communes, args.output_dir / "communes.csv", COMMUNE_COLUMNS)
    write_csv(merger_province(maps, seed), args.output_dir / "province.csv",
              ("year", "province_code", *MERGER_PROVINCE_COLUMNS))
    write_atomic(args.output_dir / "README.md", readme(maps, lines), make_folder=True)
    print(f"wrote {args.output_dir}/communes.csv, province.csv, README.md (seed {seed})")
    print("\n".join(lines))
    return 0


def merger_readme(maps: MergerMaps, lines: Sequence[str], *, script: str, seed: int, name: str) -> str:
    """The README of a pack's ``sample/2025/``, in Vietnamese then English."""
    old_names = maps.old.province.name
    table = "\n".join(lines)
    old_rows = ", ".join(f"{code} {province}" for code, province in maps.old_provinces)
    new_code = maps.new.province.code
    return f"""# Dữ liệu mẫu {name} 2024–2026: SỐ LIỆU GIẢ / {name} sample 2024–2026: SYNTHETIC DATA

**Tiếng Việt.** Mọi con số trong `communes.csv` và `province.csv` đều là số liệu giả
(tổng hợp ngẫu nhiên), do `{script}` sinh ra với hạt giống (seed) {seed}, chỉ dùng để
minh họa, kiểm thử và đo hiệu năng. Tuyệt đối không được đọc hay trích dẫn như số liệu
thống kê thật về tội phạm, trật tự xã hội của tỉnh {name} hay của bất kỳ xã, phường nào,
và danh sách địa bàn trọng điểm trong đó không phải danh sách thật đã được phê duyệt.
Chỉ mã và tên đơn vị hành chính là thật (danh mục của Tổng cục Thống kê: năm 2024 theo
danh mục ngày 04/01/2025 của các tỉnh cũ {old_names}; năm 2025–2026 theo danh mục ngày
01/07/2025 của tỉnh {name} mới, {len(maps.new.communes)} xã, phường).

**English.** Every figure in `communes.csv` and `province.csv` is invented (synthetic),
generated by `{script}` with seed {seed}, for demonstration, tests and benchmarks
only. It must never be read or quoted as real crime or public-order statistics of {name}
or of any of its communes, and its hotspot lists are not the lists that were really
approved. Only the codes and names of the units are real (General Statistics Office:
2024 on the list of 04/01/2025 of the old provinces {old_names}; 2025–2026 on the list
of 01/07/2025 of the new {name}, {len(maps.new.communes)} communes).

Sinh lại / regenerate: `PYTHONPATH=src python {script}`

Dùng cho năm 2025 trở đi / serves 2025 on: `chuyenhoa evaluate --province {maps.new.province.slug} --year 2026`
(kế hoạch toàn quốc: tỉnh chưa có kế hoạch riêng cho các năm này / the national plan: the province has
no plan of its own loaded for these years).

## Kịch bản / The story

Năm 2024 (trước ngày 01/07/2025, mã cũ, có cấp huyện): mỗi huyện của các tỉnh cũ chọn
floor(15 % × số xã) địa bàn, cột `transformed` ghi kết quả. Năm 2025–2026 (mã mới, không còn
cấp huyện): tỉnh chọn floor(15 % × {len(maps.new.communes)}) địa bàn mỗi năm; xã mới nhận một xã
đã chuyển hóa năm 2024 được theo dõi tiếp (ra khỏi diện chuyển hóa, xét tái phức tạp); điều kiện
"giảm cơ bản tội phạm" năm 2025 so với tổng số vụ năm 2024 của các xã cũ hợp thành xã mới.
/ 2024 (before 01/07/2025, old codes, with districts): each district of the old provinces
selects floor(15 % × its communes) hotspots, `transformed` records the outcome. 2025–2026 (new
codes, no districts): the province selects floor(15 % × {len(maps.new.communes)}) hotspots a year; a new
commune that took in a commune transformed in 2024 is followed (off the list, watched for relapse);
the 2025 "crime decreased" gate compares with the 2024 offences summed over the old communes the new
one was formed from.

{table}

`province.csv` có một dòng năm 2024 cho mỗi tỉnh cũ ({old_rows}) và một dòng mỗi năm 2025–2026 cho
tỉnh {name} mới ({new_code}); cột `province_code` ghi mã tỉnh theo danh mục của năm đó. Chỉ tiêu "so với
năm trước" của năm 2025 so với tổng các dòng năm 2024 (số vụ phạm tội về trật tự xã hội cộng lại; tỷ
lệ không cộng được). Kế hoạch toàn quốc không đặt chỉ tiêu cấp tỉnh nào trên các cột này: bảng chỉ
có tác dụng khi tỉnh có kế hoạch riêng với chỉ tiêu như vậy. / `province.csv` has a 2024 row for
each old province ({old_rows}) and a row a year for 2025–2026 for the new {name} ({new_code}); the
column `province_code` holds the province's code on the map of that year. A 2025 target "on last
year" compares with the sum of the 2024 rows (social-order crimes add up; rates do not). The
national plan sets no province-level target on these columns: the table matters once the province
has a plan of its own with such a target.
"""
