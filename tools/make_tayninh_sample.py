"""Write the bundled SYNTHETIC sample of the Tây Ninh pack: every figure is invented.

Why a script and a story: the sample is what a new user runs first, so it must
show every kind of verdict the evaluation can give (transformed, not transformed,
the 80 % boundary, a failed gate, not assessable, a relapse, a province target
missed by a hair).  Purely random rows would show some of these by luck and lose
them on the next change, so the rows start from :mod:`chuyenhoa.synthetic` and a
deterministic story is scripted on top, then checked by recomputing it.

The communes are the 94 real units of the generated 2025-01-04 geography (their
codes and names are public GSO data); all the numbers next to them are synthetic
and must never be read as statistics of those places.

Usage (from the repository root)::

    PYTHONPATH=src python tools/make_tayninh_sample.py
"""

from __future__ import annotations

import argparse
import math
import os
import random
import sys
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path

from chuyenhoa.geography import load_geography
from chuyenhoa.indicators import CRITERIA
from chuyenhoa.model import Geography, ValueKind
from chuyenhoa.synthetic import (
    COMMUNE_COLUMNS,
    HOTSPOT_INDICATORS,
    generate_communes,
    generate_province,
    write_csv,
)

CRITERIA_COLUMNS: tuple[str, ...] = tuple(c for group in CRITERIA.values() for c in group)
ROOT = Path(__file__).resolve().parents[1]
PACK = ROOT / "provinces" / "tayninh" / "src" / "chuyenhoa_tayninh"
GEOGRAPHY = PACK / "geography" / "2025-01-04.json"
SAMPLE = PACK / "sample"
SCRIPT = "tools/make_tayninh_sample.py"

#: The seed of every draw: the number of the plan, Kế hoạch 860/KH-UBND.
SEED = 860
YEARS = (2023, 2024)
CAP_SHARE = 0.15
YES, NO = "có", "không"

#: Province columns the Tây Ninh plan (860/KH-UBND §II.2, §III.4) uses: core ones,
#: then the pack's own.
PROVINCE_COLUMNS: tuple[str, ...] = (
    "social_order_crimes",
    "clearance_rate",
    "serious_clearance_rate",
    "reports_handled_rate",
    "reports_resolution_rate",
    "recidivism_rate",
    "wanted_existing_arrest_rate",
    "wanted_new_arrest_rate",
    "households_informed_min_rate",
    "zalo_group_rate",
    "residents_board_quality_rate",
    "rural_security_communes_met",
    "workplaces_informed_rate",
    "security_standard_units_rate",
    "fire_safety_standard_units_rate",
    "lit_roads_rate",
    "child_friendly_communes_rate",
    "law_access_communes_rate",
    "rural_security_reached",
    "rural_security_kept",
)
PACK_KINDS: Mapping[str, ValueKind] = {
    "rural_security_reached": ValueKind.COUNT,
    "rural_security_kept": ValueKind.COUNT,
}

# 2024 province row, as the brief of the story sets it: −5.0 % exactly (boundary),
# clearance exactly 75 (fails "trên 75 %"), law access empty (not assessable).
PROVINCE_2024: Mapping[str, str] = {
    "social_order_crimes": "570",
    "clearance_rate": "75",
    "serious_clearance_rate": "96.5",
    "reports_handled_rate": "100",
    "reports_resolution_rate": "92.3",
    "recidivism_rate": "2.8",
    "wanted_existing_arrest_rate": "31",
    "wanted_new_arrest_rate": "48",
    "households_informed_min_rate": "78",
    "zalo_group_rate": "100",
    "residents_board_quality_rate": "70",
    "rural_security_communes_met": "69",
    "workplaces_informed_rate": "100",
    "security_standard_units_rate": "96",
    "fire_safety_standard_units_rate": "100",
    "lit_roads_rate": "83",
    "child_friendly_communes_rate": "100",
    "law_access_communes_rate": "",
    "rural_security_reached": "4",
    "rural_security_kept": "65",
}
# 2023: 66 of the 71 xã met the rural security criterion (860/KH-UBND §III.4).
PROVINCE_2023: Mapping[str, str] = {
    "social_order_crimes": "600",
    "rural_security_communes_met": "66",
    "rural_security_reached": "4",
    "rural_security_kept": "62",
}

# Roles of the 2024 hotspots, in the order they are handed out.
ROLES_2024: tuple[str, ...] = (
    *("success",) * 6,
    "boundary_80",
    "six_of_nine",
    "crime_not_down",
    "complexity_empty",
)
ROLE_TEXT: Mapping[str, tuple[str, str]] = {
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
    "success": ("2024: đạt 9/9 chỉ tiêu, số vụ phạm pháp hình sự giảm, không phát sinh phức tạp",
                "2024: 9 of 9 met, criminal offences down, no new complexity"),
    "boundary_80": ("2024: 4 chỉ tiêu để trống, đạt 4/5 chỉ tiêu có số liệu (đúng 80 %)",
                    "2024: 4 indicators empty, 4 of the 5 with data met (exactly 80 %)"),
    "six_of_nine": ("2024: chỉ đạt 6/9 chỉ tiêu", "2024: only 6 of 9 met"),
    "crime_not_down": ("2024: đạt 9/9 nhưng số vụ phạm pháp hình sự không giảm",
                       "2024: 9 of 9 met but criminal offences did not decrease"),
    "complexity_empty": ("2024: đạt 8/9, ô new_complexity để trống (chưa đánh giá được)",
                         "2024: 8 of 9 met, new_complexity left empty (not assessable)"),
}


def _met_cells(pick: random.Random) -> dict[str, str]:
    """Nine indicator cells all on the met side of 7488 §II.2's thresholds."""
    return {
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


def _indicators_met(row: Mapping[str, str]) -> tuple[int, int]:
    """(met, with data) over the nine indicators: the story's own check of itself."""
    tests = {
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
    cells = {c: row[c] for c in HOTSPOT_INDICATORS if row[c] != ""}
    return sum(1 for c, v in cells.items() if tests[c](v)), len(cells)


def _criteria_score(row: Mapping[str, str]) -> int:
    """Sum of the criteria counts plus one per flag raised: a plain proxy for "worst"."""
    return sum(
        int(row[c]) if row[c].isdigit() else int(row[c] == YES) for c in CRITERIA_COLUMNS
    )


def _caps(geography: Geography) -> dict[str, int]:
    return {
        d.code: math.floor(CAP_SHARE * len(geography.communes_of(d.code)))
        for d in geography.districts
    }


def build_story(geography: Geography) -> tuple[list[dict[str, str]], dict[str, list[str]]]:
    """Commune rows for 2023–2024 with the story scripted in, and the roles by code."""
    rows = generate_communes(geography, YEARS, seed=SEED, cap_share=CAP_SHARE)
    pick = random.Random(SEED)
    by = {(int(r["year"]), r["commune_code"]): r for r in rows}
    district_of = {c.code: c.district_code for c in geography.communes}
    caps = _caps(geography)

    def row(year: int, code: str) -> dict[str, str]:
        return by[(year, code)]

    # 2023: the generator's selection already fills every district cap.
    hot23 = sorted(r["commune_code"] for r in rows if r["year"] == "2023" and r["hotspot"] == YES)
    success23 = sorted(pick.sample(hot23, 7))
    fail23 = [c for c in hot23 if c not in success23]
    roles: dict[str, list[str]] = {"success_2023": success23}
    for code in success23:
        row(2023, code).update(_met_cells(pick), new_complexity=NO, transformed=YES)
    for code, role in zip(
        fail23, ("fail_2023_five", "fail_2023_seven", "fail_2023_complexity"), strict=True
    ):
        cells = _met_cells(pick)
        if role == "fail_2023_five":
            cells.update(clearance_rate="71.3", wanted_arrest_rate="12.5",
                         households_informed_rate="92", mass_models="0")
        elif role == "fail_2023_seven":
            cells.update(clearance_rate="76.4", reports_handled_rate="97.8")
        complexity = YES if role == "fail_2023_complexity" else NO
        row(2023, code).update(cells, new_complexity=complexity, transformed=NO)
        roles[role] = [code]

    # 2024: the communes not transformed in 2023 continue; each district's cap is
    # filled with its highest-scoring communes never selected before.
    hot24: list[str] = []
    for district, cap in caps.items():
        continuing = [c for c in fail23 if district_of[c] == district]
        fresh = [c.code for c in geography.communes_of(district) if c.code not in hot23]
        fresh.sort(key=lambda code: (-_criteria_score(row(2024, code)), code))
        hot24 += continuing + fresh[: cap - len(continuing)]
    hot24.sort()
    for r in rows:
        if r["year"] == "2024":
            r.update(hotspot=NO, transformed="", relapsed="")
    relapsed = pick.choice(success23)
    roles["relapsed"] = [relapsed]
    for code in success23:
        r24 = row(2024, code)
        r24["relapsed"] = YES if code == relapsed else NO
        if code == relapsed:
            before = int(row(2023, code)["criminal_offences"])
            r24.update(new_complexity=YES, criminal_offences=str(before + 3))

    order = list(hot24)
    pick.shuffle(order)
    for code, role in zip(order, ROLES_2024, strict=True):
        roles.setdefault(role, []).append(code)
        r23, r24 = row(2023, code), row(2024, code)
        # Selected for 2024 because 2023 was bad: at least 6 offences in 2023.
        before = max(int(r23["criminal_offences"]), 6 + pick.randint(0, 6))
        r23["criminal_offences"] = str(before)
        after = before - 1 - pick.randint(0, before // 3)
        cells = _met_cells(pick)
        complexity = NO
        if role == "boundary_80":
            for empty in ("serious_clearance_rate", "wanted_arrest_rate", "recidivism_rate",
                          "mass_models"):
                cells[empty] = ""
            cells["clearance_rate"] = "78.5"
        elif role == "six_of_nine":
            cells.update(clearance_rate="72.4", wanted_arrest_rate="18.5",
                         households_informed_rate="96")
        elif role == "crime_not_down":
            after = before + 1
        elif role == "complexity_empty":
            cells["recidivism_rate"] = "16.7"
            complexity = ""
        r24.update(cells, hotspot=YES, new_complexity=complexity, criminal_offences=str(after))
    for role in roles.values():
        role.sort()
    _check(geography, rows, roles)
    return rows, roles


def _check(geography: Geography, rows: Sequence[Mapping[str, str]],
           roles: Mapping[str, Sequence[str]]) -> None:
    """Recompute the story from the rows; a failed assertion means the script is wrong."""
    caps = _caps(geography)
    district_of = {c.code: c.district_code for c in geography.communes}
    by = {(int(r["year"]), r["commune_code"]): r for r in rows}
    for year in YEARS:
        hot = [r["commune_code"] for r in rows if int(r["year"]) == year and r["hotspot"] == YES]
        assert len(hot) == 10, (year, hot)
        for district, cap in caps.items():
            assert sum(district_of[c] == district for c in hot) <= cap, (year, district)
    transformed23 = set(roles["success_2023"])
    assert len(transformed23) == 7
    assert not transformed23 & {c for (y, c), r in by.items() if y == 2024 and r["hotspot"] == YES}
    assert [by[(2024, c)]["relapsed"] for c in sorted(transformed23)].count(YES) == 1
    for (year, code), r in by.items():
        if year == 2024:
            assert r["transformed"] == ""
            assert r["relapsed"] == ("" if code not in transformed23 else r["relapsed"])
        elif r["hotspot"] == YES:
            assert r["transformed"] == (YES if code in transformed23 else NO)
        else:
            assert r["transformed"] == ""
    for role, met, complexity in (("success_2023", 9, NO), ("fail_2023_five", 5, NO),
                                  ("fail_2023_seven", 7, NO), ("fail_2023_complexity", 9, YES)):
        for code in roles[role]:
            assert _indicators_met(by[(2023, code)]) == (met, 9), (role, code)
            assert by[(2023, code)]["new_complexity"] == complexity, (role, code)
    expected = {"success": (9, 9), "boundary_80": (4, 5), "six_of_nine": (6, 9),
                "crime_not_down": (9, 9), "complexity_empty": (8, 9)}
    for role, (met, with_data) in expected.items():
        for code in roles[role]:
            r23, r24 = by[(2023, code)], by[(2024, code)]
            assert _indicators_met(r24) == (met, with_data), (role, code)
            down = int(r24["criminal_offences"]) < int(r23["criminal_offences"])
            assert down == (role != "crime_not_down"), (role, code)
            assert r24["new_complexity"] == ("" if role == "complexity_empty" else NO)
    assert len(roles["success"]) == 6


def build_province() -> list[dict[str, str]]:
    """Province rows for 2023 and 2024 with the story's values."""
    rows = generate_province(YEARS, seed=SEED, columns=PROVINCE_COLUMNS, kinds=PACK_KINDS)
    rows[0].update(PROVINCE_2023)
    rows[1].update(PROVINCE_2024)
    return rows


def summary(geography: Geography, roles: Mapping[str, Sequence[str]]) -> list[str]:
    """Markdown lines naming which commune plays which role."""
    names = {c.code: c.name for c in geography.communes}
    lines = ["| vai trò / role | xã / commune |", "|---|---|"]
    for role, (vi, en) in ROLE_TEXT.items():
        units = ", ".join(f"{code} {names[code]}" for code in roles.get(role, ()))
        lines.append(f"| {vi} / {en} | {units} |")
    return lines


def readme(summary_lines: Sequence[str]) -> str:
    """The sample's README, in Vietnamese then English."""
    table = "\n".join(summary_lines)
    return f"""# Dữ liệu mẫu Tây Ninh: SỐ LIỆU GIẢ / Tây Ninh sample: SYNTHETIC DATA

**Tiếng Việt.** Mọi con số trong `communes.csv` và `province.csv` đều là số liệu giả
(tổng hợp ngẫu nhiên), do `{SCRIPT}` sinh ra với hạt giống (seed) {SEED}, chỉ dùng để
minh họa, kiểm thử và đo hiệu năng. Tuyệt đối không được đọc hay trích dẫn như số liệu
thống kê thật về tội phạm, trật tự xã hội của tỉnh Tây Ninh hay của bất kỳ xã, phường,
thị trấn nào. Chỉ mã và tên đơn vị hành chính là thật (danh mục của Tổng cục Thống kê,
ngày 04/01/2025, gói `vietnam-provinces` 0.6.0).

**English.** Every figure in `communes.csv` and `province.csv` is invented (synthetic),
generated by `{SCRIPT}` with seed {SEED}, for demonstration, tests and benchmarks
only. It must never be read or quoted as real crime or public-order statistics of Tây
Ninh province or of any of its communes. Only the codes and names of the units are
real (General Statistics Office list as of 2025-01-04, package `vietnam-provinces` 0.6.0).

Sinh lại / regenerate: `PYTHONPATH=src python {SCRIPT}`

## Kịch bản / The story

Năm 2023 và 2024, mỗi huyện chọn tối đa floor(15 % × số xã) địa bàn (10 địa bàn mỗi năm).
Cột `transformed` được ghi cho 2023 và để trống cho 2024 (công cụ tự tính).
/ In 2023 and 2024 each district selects at most floor(15 % × its communes) hotspots
(10 a year). `transformed` is given for 2023 and left empty for 2024 (the tool computes it).

{table}

Tỉnh / province (`province.csv`): số vụ phạm tội về TTXH 600 → 570 (giảm đúng 5,0 %:
trường hợp biên); tỷ lệ điều tra, khám phá 2024 đúng 75 % (không đạt "trên 75 %");
tỷ lệ xã đạt chuẩn tiếp cận pháp luật 2024 để trống (chưa đánh giá được); 4 xã đạt mới
và 65 xã giữ tiêu chí an ninh nông thôn mới (kế hoạch: 5 và 66).
/ social-order crimes 600 → 570 (exactly −5.0 %: a boundary case); clearance rate 2024
exactly 75 (fails "above 75 %"); law-access communes 2024 empty (not assessable);
4 communes newly reach and 65 keep the rural security criterion (plan: 5 and 66).
"""


def _write_text(path: Path, text: str) -> None:
    """Atomic write, as for the CSV files: temp file in the same directory, then rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write the synthetic Tây Ninh sample.")
    parser.add_argument("--geography", type=Path, default=GEOGRAPHY)
    parser.add_argument("--output-dir", type=Path, default=SAMPLE)
    args = parser.parse_args(argv)
    geography = load_geography(args.geography, "tayninh")
    communes, roles = build_story(geography)
    lines = summary(geography, roles)
    write_csv(communes, args.output_dir / "communes.csv", COMMUNE_COLUMNS)
    write_csv(build_province(), args.output_dir / "province.csv", ("year", *PROVINCE_COLUMNS))
    _write_text(args.output_dir / "README.md", readme(lines))
    print(f"wrote {args.output_dir}/communes.csv, province.csv, README.md (seed {SEED})")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
