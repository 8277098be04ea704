"""Write the bundled SYNTHETIC sample of the Tây Ninh pack: every figure is invented.

Why a script and a story: the sample is what a new user runs first, so it must
show every kind of verdict the evaluation can give (transformed, not transformed,
the 80 % boundary, a failed gate, not assessable, a relapse, a province target
missed by a hair).  Purely random rows would show some of these by luck and lose
them on the next change, so the rows start from :mod:`chuyenhoa.packs.synthetic` and a
deterministic story is scripted on top, then checked by recomputing it.

The communes are the 94 real units of the generated 2025-01-04 geography (their
codes and names are public GSO data); all the numbers next to them are synthetic
and must never be read as statistics of those places.

Usage (from the repository root)::

    PYTHONPATH=src python provinces/tayninh/tools/make_sample.py
"""

from __future__ import annotations

import random
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from chuyenhoa.model import Geography, ValueKind
from chuyenhoa.packs.sample_story import (
    EIGHT_OF_NINE,
    FOUR_OF_FIVE,
    ROLE_TEXT_2023,
    ROLE_TEXT_2024,
    SIX_OF_NINE,
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

PACK = Pack("tayninh", "Tây Ninh", Path(__file__).resolve().parents[1])
SCRIPT = PACK.script

#: The seed of every draw: the number of the plan, Kế hoạch 860/KH-UBND.
SEED = 860
YEARS = (2023, 2024)
CAP_SHARE = 0.15
HOTSPOTS_A_YEAR = 10

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

# Roles of the 2024 hotspots, in the order they are handed out, and their cells.
ROLES_2024: tuple[str, ...] = (
    *("success",) * 6,
    "boundary_80",
    "six_of_nine",
    "crime_not_down",
    "complexity_empty",
)
CELLS_2024: Mapping[str, Mapping[str, str]] = {
    "boundary_80": FOUR_OF_FIVE,
    "six_of_nine": SIX_OF_NINE,
    "complexity_empty": EIGHT_OF_NINE,
}
#: (indicators met, with data) of each 2024 role: what the check recomputes.
EXPECTED_2024: Mapping[str, tuple[int, int]] = {
    "success": (9, 9), "boundary_80": (4, 5), "six_of_nine": (6, 9), "crime_not_down": (9, 9),
    "complexity_empty": (8, 9),
}
ROLE_TEXT: Mapping[str, tuple[str, str]] = {
    **ROLE_TEXT_2023,
    "success": ROLE_TEXT_2024["success"],
    "boundary_80": ROLE_TEXT_2024["boundary_80"],
    "six_of_nine": ("2024: chỉ đạt 6/9 chỉ tiêu", "2024: only 6 of 9 met"),
    "crime_not_down": ROLE_TEXT_2024["crime_not_down"],
    "complexity_empty": ROLE_TEXT_2024["complexity_empty"],
}


def build_story(geography: Geography) -> tuple[list[Row], Roles]:
    """Commune rows for 2023–2024 with the story scripted in, and the roles by code."""
    rows = generate_communes(geography, YEARS, seed=SEED, cap_share=CAP_SHARE)
    pick = random.Random(SEED)
    # 2023: the generator's selection already fills every district cap; 7 are transformed.
    hot23 = hotspots(rows, 2023)
    success23 = sorted(pick.sample(hot23, 7))
    fail23 = [c for c in hot23 if c not in success23]
    # 2024: a crime_not_down hotspot has one offence more than in 2023.
    roles = two_year_story(geography, rows, pick, cap_share=CAP_SHARE, success23=success23, fail23=fail23,
                           roles_2024=ROLES_2024, cells_2024=CELLS_2024, not_down=1)
    check_two_year_story(geography, rows, roles, cap_share=CAP_SHARE, hotspots_a_year=HOTSPOTS_A_YEAR,
                         expected_2024=EXPECTED_2024)
    return rows, roles


def build_province() -> list[Row]:
    """Province rows for 2023 and 2024 with the story's values."""
    return province_rows(YEARS, SEED, PROVINCE_COLUMNS, {2023: PROVINCE_2023, 2024: PROVINCE_2024}, kinds=PACK_KINDS)


def summary(geography: Geography, roles: Mapping[str, Sequence[str]]) -> list[str]:
    """Markdown lines naming which commune plays which role."""
    return role_table(geography, ROLE_TEXT, roles)


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


def main(argv: Sequence[str] | None = None) -> int:
    return write_sample(argv, PACK, SEED, story=build_story, summary=summary, province=build_province,
                        province_columns=PROVINCE_COLUMNS, readme=readme)


if __name__ == "__main__":
    sys.exit(main())
