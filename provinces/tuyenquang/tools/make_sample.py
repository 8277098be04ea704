"""Write the bundled SYNTHETIC sample of the Tuyên Quang pack: every figure is invented.

Why a script and a story: the sample is what a new user runs first, so it must
show every kind of verdict the evaluation can give (transformed, not transformed,
the 80 % boundary, a failed gate, not assessable, a relapse that breaks the plan's
"không để tái phức tạp trở lại", province targets missed or met by a hair).
Purely random rows would show some of these by luck and lose them on the next
change, so the rows start from :mod:`chuyenhoa.packs.synthetic` and a deterministic
story is scripted on top, then checked by recomputing it.

The communes are the 137 real units of the generated 2025-01-04 geography (their
codes and names are public GSO data); all the numbers next to them are synthetic
and must never be read as statistics of those places.

Seed: 20240221, the date of the plan (21/02/2024), because the copy of the plan
prints no number ("Số: /KH-BCĐ").

Usage (from the repository root)::

    PYTHONPATH=src python provinces/tuyenquang/tools/make_sample.py
"""

from __future__ import annotations

import random
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from chuyenhoa.model import Geography
from chuyenhoa.packs.sample_story import (
    EIGHT_OF_NINE,
    FAILED_2023,
    FOUR_OF_FIVE,
    ROLE_TEXT_2023,
    ROLE_TEXT_2024,
    Pack,
    Roles,
    Row,
    check_two_year_story,
    hotspots,
    province_rows,
    role_table,
    two_year_story,
    write_sample,
)
from chuyenhoa.packs.synthetic import generate_communes

PACK = Pack("tuyenquang", "Tuyên Quang", Path(__file__).resolve().parents[1])
SCRIPT = PACK.script

#: The seed of every draw: the date of the plan, 21/02/2024 (its copy prints no number).
SEED = 20240221
YEARS = (2023, 2024)
CAP_SHARE = 0.15
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

# Roles of the 2024 hotspots, in the order they are handed out, and their cells.
ROLES_2024: tuple[str, ...] = (
    *("success",) * (HOTSPOTS_A_YEAR - 4),
    "boundary_80",
    "seven_of_nine",
    "crime_not_down",
    "complexity_empty",
)
CELLS_2024: Mapping[str, Mapping[str, str]] = {
    "boundary_80": FOUR_OF_FIVE,
    "seven_of_nine": {"clearance_rate": "79.9", "households_informed_rate": "98.5"},
    "complexity_empty": EIGHT_OF_NINE,
}
#: (indicators met, with data) of each 2024 role: what the check recomputes.
EXPECTED_2024: Mapping[str, tuple[int, int]] = {
    "success": (9, 9), "boundary_80": (4, 5), "seven_of_nine": (7, 9), "crime_not_down": (9, 9),
    "complexity_empty": (8, 9),
}
ROLE_TEXT: Mapping[str, tuple[str, str]] = {
    **ROLE_TEXT_2023,
    "success": ROLE_TEXT_2024["success"],
    "boundary_80": ROLE_TEXT_2024["boundary_80"],
    "seven_of_nine": ("2024: chỉ đạt 7/9 chỉ tiêu (77,8 % < 80 %)", "2024: only 7 of 9 met (77.8 % < 80 %)"),
    "crime_not_down": ROLE_TEXT_2024["crime_not_down"],
    "complexity_empty": ROLE_TEXT_2024["complexity_empty"],
}


def build_story(geography: Geography) -> tuple[list[Row], Roles]:
    """Commune rows for 2023–2024 with the story scripted in, and the roles by code."""
    rows = generate_communes(geography, YEARS, seed=SEED, cap_share=CAP_SHARE)
    pick = random.Random(SEED)
    # 2023: the generator's selection fills every district cap (the approved list); 3 fail.
    hot23 = hotspots(rows, 2023)
    fail23 = sorted(pick.sample(hot23, len(FAILED_2023)))
    success23 = [c for c in hot23 if c not in fail23]
    # 2024: a crime_not_down hotspot has as many offences as in 2023.
    roles = two_year_story(geography, rows, pick, cap_share=CAP_SHARE, success23=success23, fail23=fail23,
                           roles_2024=ROLES_2024, cells_2024=CELLS_2024, not_down=0)
    check_two_year_story(geography, rows, roles, cap_share=CAP_SHARE, hotspots_a_year=HOTSPOTS_A_YEAR,
                         expected_2024=EXPECTED_2024)
    return rows, roles


def build_province() -> list[Row]:
    """Province rows for 2023 and 2024 with the story's values."""
    return province_rows(YEARS, SEED, PROVINCE_COLUMNS, {2023: PROVINCE_2023, 2024: PROVINCE_2024})


def summary(geography: Geography, roles: Mapping[str, Sequence[str]]) -> list[str]:
    """Markdown lines naming which commune plays which role."""
    return role_table(geography, ROLE_TEXT, roles)


def readme(summary_lines: Sequence[str]) -> str:
    """The sample's README, in Vietnamese then English."""
    table = "\n".join(summary_lines)
    n23 = HOTSPOTS_A_YEAR - len(FAILED_2023)
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


def main(argv: Sequence[str] | None = None) -> int:
    return write_sample(argv, PACK, SEED, story=build_story, summary=summary, province=build_province,
                        province_columns=PROVINCE_COLUMNS, readme=readme)


if __name__ == "__main__":
    sys.exit(main())
