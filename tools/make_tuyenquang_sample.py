"""Write the bundled SYNTHETIC sample of the Tuyên Quang pack: every figure is invented.

Why a script and a story: the sample is what a new user runs first, so it must
show every kind of verdict the evaluation can give (transformed, not transformed,
the 80 % boundary, a failed gate, not assessable, a relapse that breaks the plan's
"không để tái phức tạp trở lại", province targets missed or met by a hair).
Purely random rows would show some of these by luck and lose them on the next
change, so the rows start from :mod:`chuyenhoa.synthetic` and a deterministic
story is scripted on top, then checked by recomputing it.

The communes are the 137 real units of the generated 2025-01-04 geography (their
codes and names are public GSO data); all the numbers next to them are synthetic
and must never be read as statistics of those places.

Seed: 20240221, the date of the plan (21/02/2024), because the copy of the plan
prints no number ("Số: /KH-BCĐ").

Usage (from the repository root)::

    PYTHONPATH=src python tools/make_tuyenquang_sample.py
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
from chuyenhoa.model import Geography
from chuyenhoa.synthetic import (
    COMMUNE_COLUMNS,
    HOTSPOT_INDICATORS,
    generate_communes,
    generate_province,
    write_csv,
)

CRITERIA_COLUMNS: tuple[str, ...] = tuple(c for group in CRITERIA.values() for c in group)
ROOT = Path(__file__).resolve().parents[1]
PACK = ROOT / "provinces" / "tuyenquang" / "src" / "chuyenhoa_tuyenquang"
GEOGRAPHY = PACK / "geography" / "2025-01-04.json"
SAMPLE = PACK / "sample"
SCRIPT = "tools/make_tuyenquang_sample.py"

#: The seed of every draw: the date of the plan, 21/02/2024 (its copy prints no number).
SEED = 20240221
YEARS = (2023, 2024)
CAP_SHARE = 0.15
YES, NO = "có", "không"
#: floor(15 % × communes) summed over the 7 districts: 2+1+1+3+2+4+4.
HOTSPOTS_A_YEAR = 17

#: Province columns the Tuyên Quang plan's targets read (all in INDICATORS.md).
PROVINCE_COLUMNS: tuple[str, ...] = (
    "social_order_crimes",
    "recidivism_rate",
    "model_units_rate",
    "model_ward_police_rate",
    "security_festival_rate",
    "safety_standard_registration_rate",
    "addiction_capable_stations_rate",
)

# 2024 province row: −5.0 % exactly (boundary, met: "ít nhất 5%"), recidivism exactly 3
# (boundary, not met: "dưới 3%"), model units exactly 50 (boundary, met under the ≥
# reading), ward police 40 (not met), festival 100 (met), registration 99.5 (not met:
# "100%"), addiction-capable stations empty (not assessable).
PROVINCE_2024: Mapping[str, str] = {
    "social_order_crimes": "456",
    "recidivism_rate": "3",
    "model_units_rate": "50",
    "model_ward_police_rate": "40",
    "security_festival_rate": "100",
    "safety_standard_registration_rate": "99.5",
    "addiction_capable_stations_rate": "",
}
PROVINCE_2023: Mapping[str, str] = {
    "social_order_crimes": "480",
}

# Roles of the 2023 hotspots that were not transformed, and of the 2024 hotspots.
ROLES_2023_FAILED: tuple[str, ...] = ("fail_2023_five", "fail_2023_seven", "fail_2023_complexity")
ROLES_2024: tuple[str, ...] = (
    *("success",) * (HOTSPOTS_A_YEAR - 4),
    "boundary_80",
    "seven_of_nine",
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
    "seven_of_nine": ("2024: chỉ đạt 7/9 chỉ tiêu (77,8 % < 80 %)", "2024: only 7 of 9 met (77.8 % < 80 %)"),
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
    return sum(int(row[c]) if row[c].isdigit() else int(row[c] == YES) for c in CRITERIA_COLUMNS)


def _caps(geography: Geography) -> dict[str, int]:
    return {d.code: math.floor(CAP_SHARE * len(geography.communes_of(d.code))) for d in geography.districts}


def build_story(geography: Geography) -> tuple[list[dict[str, str]], dict[str, list[str]]]:
    """Commune rows for 2023–2024 with the story scripted in, and the roles by code."""
    rows = generate_communes(geography, YEARS, seed=SEED, cap_share=CAP_SHARE)
    pick = random.Random(SEED)
    by = {(int(r["year"]), r["commune_code"]): r for r in rows}
    district_of = {c.code: c.district_code for c in geography.communes}
    caps = _caps(geography)

    def row(year: int, code: str) -> dict[str, str]:
        return by[(year, code)]

    # 2023: the generator's selection fills every district cap (the approved list).
    hot23 = sorted(r["commune_code"] for r in rows if r["year"] == "2023" and r["hotspot"] == YES)
    fail23 = sorted(pick.sample(hot23, len(ROLES_2023_FAILED)))
    success23 = [c for c in hot23 if c not in fail23]
    roles: dict[str, list[str]] = {"success_2023": list(success23)}
    for code in success23:
        row(2023, code).update(_met_cells(pick), new_complexity=NO, transformed=YES)
    for code, role in zip(fail23, ROLES_2023_FAILED, strict=True):
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
            for empty in ("serious_clearance_rate", "wanted_arrest_rate", "recidivism_rate", "mass_models"):
                cells[empty] = ""
            cells["clearance_rate"] = "78.5"
        elif role == "seven_of_nine":
            cells.update(clearance_rate="79.9", households_informed_rate="98.5")
        elif role == "crime_not_down":
            after = before
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
    assert sum(caps.values()) == HOTSPOTS_A_YEAR, caps
    district_of = {c.code: c.district_code for c in geography.communes}
    by = {(int(r["year"]), r["commune_code"]): r for r in rows}
    for year in YEARS:
        hot = [r["commune_code"] for r in rows if int(r["year"]) == year and r["hotspot"] == YES]
        assert len(hot) == HOTSPOTS_A_YEAR, (year, hot)
        for district, cap in caps.items():
            assert sum(district_of[c] == district for c in hot) <= cap, (year, district)
    transformed23 = set(roles["success_2023"])
    assert len(transformed23) == HOTSPOTS_A_YEAR - len(ROLES_2023_FAILED)
    assert not transformed23 & {c for (y, c), r in by.items() if y == 2024 and r["hotspot"] == YES}
    assert [by[(2024, c)]["relapsed"] for c in sorted(transformed23)].count(YES) == 1
    for (year, code), r in by.items():
        if year == 2024:
            assert r["transformed"] == ""
            assert r["relapsed"] == ("" if code not in transformed23 else r["relapsed"])
            assert code not in transformed23 or r["relapsed"] in (YES, NO)
        elif r["hotspot"] == YES:
            assert r["transformed"] == (YES if code in transformed23 else NO)
        else:
            assert r["transformed"] == ""
    for role, met, complexity in (("success_2023", 9, NO), ("fail_2023_five", 5, NO),
                                  ("fail_2023_seven", 7, NO), ("fail_2023_complexity", 9, YES)):
        for code in roles[role]:
            assert _indicators_met(by[(2023, code)]) == (met, 9), (role, code)
            assert by[(2023, code)]["new_complexity"] == complexity, (role, code)
    expected = {"success": (9, 9), "boundary_80": (4, 5), "seven_of_nine": (7, 9),
                "crime_not_down": (9, 9), "complexity_empty": (8, 9)}
    for role, (met, with_data) in expected.items():
        for code in roles[role]:
            r23, r24 = by[(2023, code)], by[(2024, code)]
            assert _indicators_met(r24) == (met, with_data), (role, code)
            down = int(r24["criminal_offences"]) < int(r23["criminal_offences"])
            assert down == (role != "crime_not_down"), (role, code)
            assert r24["new_complexity"] == ("" if role == "complexity_empty" else NO)
    assert len(roles["success"]) == HOTSPOTS_A_YEAR - 4


def build_province() -> list[dict[str, str]]:
    """Province rows for 2023 and 2024 with the story's values."""
    rows = generate_province(YEARS, seed=SEED, columns=PROVINCE_COLUMNS)
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
    n23 = HOTSPOTS_A_YEAR - len(ROLES_2023_FAILED)
    return f"""# Dữ liệu mẫu Tuyên Quang: SỐ LIỆU GIẢ / Tuyên Quang sample: SYNTHETIC DATA

**Tiếng Việt.** Mọi con số trong `communes.csv` và `province.csv` đều là số liệu giả
(tổng hợp ngẫu nhiên), do `{SCRIPT}` sinh ra với hạt giống (seed) {SEED} (ngày của kế
hoạch, 21/02/2024, vì bản sao không in số hiệu), chỉ dùng để minh họa, kiểm thử và đo
hiệu năng. Tuyệt đối không được đọc hay trích dẫn như số liệu thống kê thật về tội phạm,
trật tự xã hội của tỉnh Tuyên Quang hay của bất kỳ xã, phường, thị trấn nào. Chỉ mã và
tên đơn vị hành chính là thật (danh mục của Tổng cục Thống kê, ngày 04/01/2025, gói
`vietnam-provinces` 0.6.0).

**English.** Every figure in `communes.csv` and `province.csv` is invented (synthetic),
generated by `{SCRIPT}` with seed {SEED} (the plan's date, 21/02/2024, since its copy
prints no number), for demonstration, tests and benchmarks only. It must never be read
or quoted as real crime or public-order statistics of Tuyên Quang province or of any of
its communes. Only the codes and names of the units are real (General Statistics Office
list as of 2025-01-04, package `vietnam-provinces` 0.6.0).

Sinh lại / regenerate: `PYTHONPATH=src python {SCRIPT}`

## Kịch bản / The story

Năm 2023 và 2024, mỗi huyện chọn tối đa floor(15 % × số xã) địa bàn ({HOTSPOTS_A_YEAR} địa bàn
mỗi năm: TP Tuyên Quang 2, Lâm Bình 1, Na Hang 1, Chiêm Hóa 3, Hàm Yên 2, Yên Sơn 4,
Sơn Dương 4). Cột `transformed` được ghi cho 2023 và để trống cho 2024 (công cụ tự tính).
{n23} địa bàn chuyển hóa năm 2023; năm 2024 một địa bàn phức tạp trở lại, nên chỉ tiêu
“không để tái phức tạp trở lại” (100 %, §II.6) không đạt dù mục tiêu ≥ 85 % của Đề án đạt.
/ In 2023 and 2024 each district selects at most floor(15 % × its communes) hotspots
({HOTSPOTS_A_YEAR} a year). `transformed` is given for 2023 and left empty for 2024 (the tool
computes it). {n23} hotspots were transformed in 2023; one relapses in 2024, so the plan's
"no relapse" target (100 %, §II.6) is missed while the national ≥ 85 % goal is met.

{table}

Tỉnh / province (`province.csv`): số vụ phạm tội về TTXH 480 → 456 (giảm đúng 5,0 %:
trường hợp biên, đạt “ít nhất 5%”); tỷ lệ tái phạm tội 2024 đúng 3 % (không đạt “dưới
3%”); đơn vị điển hình đúng 50 % (đạt theo cách đọc ≥); Công an phường kiểu mẫu 40 %
(không đạt); Ngày hội 100 % (đạt); đăng ký “An toàn về ANTT” 99,5 % (không đạt 100 %);
trạm y tế đủ điều kiện xác định tình trạng nghiện 2024 để trống (chưa đánh giá được).
/ social-order crimes 480 → 456 (exactly −5.0 %: a boundary case, met); recidivism 2024
exactly 3 (fails "below 3 %"); model units exactly 50 (met under the ≥ reading); model
ward police 40 (not met); festival 100 (met); "An toàn về ANTT" registration 99.5 (misses
100 %); addiction-capable health stations 2024 empty (not assessable).
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
    parser = argparse.ArgumentParser(description="Write the synthetic Tuyên Quang sample.")
    parser.add_argument("--geography", type=Path, default=GEOGRAPHY)
    parser.add_argument("--output-dir", type=Path, default=SAMPLE)
    args = parser.parse_args(argv)
    geography = load_geography(args.geography, "tuyenquang")
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
