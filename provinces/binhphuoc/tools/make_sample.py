"""Write the bundled SYNTHETIC sample of the Bình Phước pack: every figure is invented.

Why a script and a story: the sample is what a new user runs first, so it must
show what the Bình Phước plans add to the national method: one hotspot in every
district (above the strict 15 % cap in Thị xã Bình Long, 6 communes, which the
2024 plan's minimum allows and the 2023 news item does not), the target "every
district transforms the hotspot it selected" met or not, and province targets
on their boundaries.  Purely random rows would show these by luck and lose them
on the next change, so the rows start from :mod:`chuyenhoa.packs.synthetic` and a
deterministic story is scripted on top, then checked by recomputing it.

Years: 2022 is a baseline only (no hotspot list: it gives the 2022 criminal
offences that the 2023 "crime decreased" gate compares with); 2023 and 2024
each have an approved list of exactly one hotspot per district.

The communes are the 111 real units of the generated 2025-01-04 geography
(their codes and names are public GSO data); all the numbers next to them are
synthetic and must never be read as statistics of those places.

Seed: 70, the GSO code of Bình Phước (every draw comes from it).

Usage (from the repository root)::

    PYTHONPATH=src python provinces/binhphuoc/tools/make_sample.py
"""

from __future__ import annotations

import random
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from chuyenhoa.model import Geography
from chuyenhoa.packs.sample_story import (
    FIVE_OF_NINE,
    NO,
    ROLE_TEXT_2023,
    SIX_OF_NINE,
    YES,
    Pack,
    Roles,
    Row,
    assert_plays,
    criteria_score,
    fewer_offences,
    hotspots,
    index_rows,
    mark_relapses,
    met_cells,
    province_rows,
    raise_offences,
    role_table,
    write_sample,
)
from chuyenhoa.packs.synthetic import generate_communes

PACK = Pack("binhphuoc", "Bình Phước", Path(__file__).resolve().parents[1])
SCRIPT = PACK.script

#: The seed of every draw: 70, the GSO code of Bình Phước.
SEED = 70
YEARS = (2022, 2023, 2024)
PROVINCE_YEARS = (2023, 2024)
CAP_SHARE = 0.15

#: Province columns the 2024 plan's targets read (§II.5), all of the core contract.
PROVINCE_COLUMNS: tuple[str, ...] = (
    "social_order_crimes",
    "clearance_rate",
    "serious_clearance_rate",
    "reports_handled_rate",
    "reports_resolution_rate",
    "prosecution_on_time_rate",
    "correct_charge_rate",
    "case_resolution_rate",
    "inspection_referral_rate",
)
PROVINCE_2023: Mapping[str, str] = {
    "social_order_crimes": "640",
    "clearance_rate": "78.2",
    "serious_clearance_rate": "92.5",
    "reports_handled_rate": "100",
    "reports_resolution_rate": "91.4",
    "prosecution_on_time_rate": "93",
    "correct_charge_rate": "97.1",
    "case_resolution_rate": "89.5",
    "inspection_referral_rate": "100",
}
# 2024: 640 → 608 is exactly −5.0 % (meets "giảm ít nhất 5%"); clearance exactly 75
# (fails "trên 75%"); correct charges 95.1 (just above "trên 95%"); inspection
# referrals left empty (not assessable).
PROVINCE_2024: Mapping[str, str] = {
    "social_order_crimes": "608",
    "clearance_rate": "75",
    "serious_clearance_rate": "93.8",
    "reports_handled_rate": "100",
    "reports_resolution_rate": "92.6",
    "prosecution_on_time_rate": "94.2",
    "correct_charge_rate": "95.1",
    "case_resolution_rate": "90.3",
    "inspection_referral_rate": "",
}

# Roles of the hotspots, handed out in a shuffled order of the districts.
ROLES_2023: tuple[str, ...] = (*("success_2023",) * 9, "fail_2023_five", "fail_2023_crime")
ROLES_2024: tuple[str, ...] = (*("success",) * 8, "eight_of_nine", "six_of_nine", "complexity_empty")
CELLS_2024: Mapping[str, Mapping[str, str]] = {
    "eight_of_nine": {"wanted_arrest_rate": "24.5"},
    "six_of_nine": SIX_OF_NINE,
}
ROLE_TEXT: Mapping[str, tuple[str, str]] = {
    "success_2023": ("2023: đạt 9/9 chỉ tiêu, số vụ giảm so với 2022, không phát sinh phức tạp (transformed = có)",
                     "2023: 9 of 9 met, offences down on 2022, no new complexity (transformed = có)"),
    "fail_2023_five": ("2023 không thành công: đạt 5/9 chỉ tiêu; năm 2024 tiếp tục chuyển hóa",
                       "2023 not transformed: 5 of 9 met; continues in 2024"),
    "fail_2023_crime": ("2023 không thành công: đạt 9/9 nhưng số vụ không giảm; năm 2024 tiếp tục chuyển hóa",
                        "2023 not transformed: 9 of 9 met but offences not down; continues in 2024"),
    "relapsed": ROLE_TEXT_2023["relapsed"],
    "success": ("2024: đạt 9/9 chỉ tiêu, số vụ giảm, không phát sinh phức tạp",
                "2024: 9 of 9 met, offences down, no new complexity"),
    "eight_of_nine": ("2024: đạt 8/9 chỉ tiêu (88,9 % ≥ 80 %): vẫn thành công",
                      "2024: 8 of 9 met (88.9 % ≥ 80 %): still transformed"),
    "six_of_nine": ("2024: chỉ đạt 6/9 chỉ tiêu: huyện này không đạt chỉ tiêu §II.5",
                    "2024: only 6 of 9 met: this district misses the §II.5 target"),
    "complexity_empty": ("2024: đạt 9/9, ô new_complexity để trống (chưa đánh giá được)",
                         "2024: 9 of 9 met, new_complexity left empty (not assessable)"),
}


def _worst(codes: Sequence[str], row_of: Mapping[str, Mapping[str, str]]) -> str:
    return min(codes, key=lambda code: (-criteria_score(row_of[code]), code))


def by_year_codes(rows: Sequence[Mapping[str, str]], year: int) -> list[str]:
    return [r["commune_code"] for r in rows if int(r["year"]) == year]


def build_story(geography: Geography) -> tuple[list[Row], Roles]:
    """Commune rows for 2022–2024 with the story scripted in, and the roles by code."""
    rows = generate_communes(geography, YEARS, seed=SEED, cap_share=CAP_SHARE)
    pick = random.Random(SEED)
    by = index_rows(rows)
    districts = [d.code for d in geography.districts]
    members = {d: [c.code for c in geography.communes_of(d)] for d in districts}

    def row(year: int, code: str) -> Row:
        return by[(year, code)]

    # The generator's own selection is replaced: no list in 2022, ours in 2023 and 2024.
    for r in rows:
        r.update(hotspot="" if r["year"] == "2022" else NO, transformed="", relapsed="")

    # 2023: the worst commune of every district, including Bình Long (strict cap 0).
    year23 = {code: row(2023, code) for code in by_year_codes(rows, 2023)}
    hot23 = {d: _worst(members[d], year23) for d in districts}
    order = list(districts)
    pick.shuffle(order)
    roles: Roles = {}
    for district, role in zip(order, ROLES_2023, strict=True):
        code = hot23[district]
        roles.setdefault(role, []).append(code)
        before = raise_offences(row(2022, code), pick)
        after = fewer_offences(before, pick)
        cells = met_cells(pick, FIVE_OF_NINE if role == "fail_2023_five" else None)
        if role == "fail_2023_crime":
            after = before + 1
        row(2023, code).update(cells, hotspot=YES, new_complexity=NO, criminal_offences=str(after),
                               transformed=NO if role.startswith("fail") else YES)
    transformed23 = set(roles["success_2023"])

    # 2024: a commune not transformed in 2023 continues; elsewhere the worst commune
    # not transformed in 2023.
    year24 = {code: row(2024, code) for code in by_year_codes(rows, 2024)}
    hot24: dict[str, str] = {}
    for district in districts:
        previous = hot23[district]
        if previous not in transformed23:
            hot24[district] = previous
        else:
            hot24[district] = _worst([c for c in members[district] if c not in transformed23], year24)
    relapsed = pick.choice(sorted(transformed23))
    roles["relapsed"] = [relapsed]
    mark_relapses(by, 2024, transformed23, relapsed={relapsed}, new={relapsed})
    order = list(districts)
    pick.shuffle(order)
    for district, role in zip(order, ROLES_2024, strict=True):
        code = hot24[district]
        roles.setdefault(role, []).append(code)
        r23 = row(2023, code)
        # A continuing hotspot's 2023 figures belong to the 2023 story: kept, no draw.
        continuing = r23["hotspot"] == YES
        before = int(r23["criminal_offences"]) if continuing else raise_offences(r23, pick)
        after = fewer_offences(before, pick)
        cells = met_cells(pick, CELLS_2024.get(role))
        complexity = "" if role == "complexity_empty" else NO
        row(2024, code).update(cells, hotspot=YES, new_complexity=complexity, criminal_offences=str(after))
    for codes in roles.values():
        codes.sort()
    _check(geography, rows, roles)
    return rows, roles


def _check(geography: Geography, rows: Sequence[Row], roles: Mapping[str, Sequence[str]]) -> None:
    """Recompute the story from the rows; a failed assertion means the script is wrong."""
    district_of = {c.code: c.district_code for c in geography.communes}
    by = index_rows(rows)
    assert all(r["hotspot"] == "" for (y, _c), r in by.items() if y == 2022)
    for year in (2023, 2024):
        hot = hotspots(rows, year)
        assert sorted(district_of[c] for c in hot) == sorted(d.code for d in geography.districts), year
    transformed23 = set(roles["success_2023"])
    assert len(transformed23) == 9
    assert not transformed23 & set(hotspots(rows, 2024))
    assert set(roles["fail_2023_five"]) | set(roles["fail_2023_crime"]) <= set(hotspots(rows, 2024))
    assert [by[(2024, c)]["relapsed"] for c in sorted(transformed23)].count(YES) == 1
    for (year, code), r in by.items():
        if year == 2023 and r["hotspot"] == YES:
            assert r["transformed"] == (YES if code in transformed23 else NO)
        else:
            assert r["transformed"] == ""
        if year != 2024 or code not in transformed23:
            assert r["relapsed"] == ""
    expected23 = {"success_2023": (9, True), "fail_2023_five": (5, True), "fail_2023_crime": (9, False)}
    for role, (met, down) in expected23.items():
        for code in roles[role]:
            assert_plays(role, code, by[(2023, code)], met=(met, 9), before=by[(2022, code)], down=down,
                         complexity=NO)
    expected24 = {"success": 9, "eight_of_nine": 8, "six_of_nine": 6, "complexity_empty": 9}
    for role, met in expected24.items():
        for code in roles[role]:
            assert_plays(role, code, by[(2024, code)], met=(met, 9), before=by[(2023, code)],
                         complexity="" if role == "complexity_empty" else NO)
    assert len(roles["success"]) == 8


def build_province() -> list[Row]:
    """Province rows for 2023 and 2024 with the story's values."""
    return province_rows(PROVINCE_YEARS, SEED, PROVINCE_COLUMNS, {2023: PROVINCE_2023, 2024: PROVINCE_2024})


def summary(geography: Geography, roles: Mapping[str, Sequence[str]]) -> list[str]:
    """Markdown lines naming which commune plays which role, with its district."""
    return role_table(geography, ROLE_TEXT, roles, with_district=True)


def readme(summary_lines: Sequence[str]) -> str:
    """The sample's README, in Vietnamese then English."""
    table = "\n".join(summary_lines)
    return f"""# Dữ liệu mẫu Bình Phước: SỐ LIỆU GIẢ / Bình Phước sample: SYNTHETIC DATA

**Tiếng Việt.** Mọi con số trong `communes.csv` và `province.csv` đều là số liệu giả
(tổng hợp ngẫu nhiên), do `{SCRIPT}` sinh ra với hạt giống (seed) {SEED} (mã tỉnh Bình
Phước), chỉ dùng để minh họa, kiểm thử và đo hiệu năng. Tuyệt đối không được đọc hay trích
dẫn như số liệu thống kê thật về tội phạm, trật tự xã hội của tỉnh Bình Phước hay của bất
kỳ xã, phường, thị trấn nào; danh sách địa bàn trọng điểm trong tệp cũng là giả, không phải
danh sách được Ban Chỉ đạo tỉnh phê duyệt. Chỉ mã và tên đơn vị hành chính là thật (danh
mục của Tổng cục Thống kê, ngày 04/01/2025, gói `vietnam-provinces` 0.6.0).

**English.** Every figure in `communes.csv` and `province.csv` is invented (synthetic),
generated by `{SCRIPT}` with seed {SEED} (the GSO code of Bình Phước), for demonstration,
tests and benchmarks only. It must never be read or quoted as real crime or public-order
statistics of Bình Phước province or of any of its communes; the hotspot lists are invented
too, not the lists the provincial steering committee approved. Only the codes and names of
the units are real (General Statistics Office list as of 2025-01-04, package
`vietnam-provinces` 0.6.0).

Sinh lại / regenerate: `PYTHONPATH=src python {SCRIPT}`

## Kịch bản / The story

Năm 2022 chỉ là năm gốc (không có danh sách địa bàn): số vụ phạm pháp hình sự 2022 để so
sánh với 2023. Năm 2023 và 2024 mỗi huyện, thị xã, thành phố có đúng 01 địa bàn (11 địa bàn
mỗi năm). Thị xã Bình Long chỉ có 6 xã, trần 15 % làm tròn xuống là 0: theo kế hoạch 2024
(tối thiểu 01 địa bàn mỗi huyện, §II.5) trần của huyện là 1 và kết quả ghi rõ là vượt trần
nghiêm ngặt; theo Kế hoạch 38/KH-UBND năm 2023 (bản tin không nêu mức tối thiểu) địa bàn
ở Bình Long bị báo là vượt trần. Cột `transformed` được ghi cho 2023 và để trống cho 2024
(công cụ tự tính).
/ 2022 is a baseline only (no hotspot list): its criminal offences are what 2023 is compared
with. In 2023 and 2024 every district has exactly one hotspot (11 a year). Thị xã Bình Long
has 6 communes, so 15 % rounded down is 0: under the 2024 plan (at least one hotspot per
district, §II.5) its cap is 1 and the output says it exceeds the strict cap; under Kế hoạch
38/KH-UBND for 2023 (the news item states no minimum) its hotspot is reported over the cap.
`transformed` is given for 2023 and left empty for 2024 (the tool computes it).

{table}

Kết quả năm 2024 / 2024 outcome: 9 địa bàn chuyển hóa thành công, 1 không thành công, 1 chưa
đánh giá được, nên chỉ tiêu “mỗi huyện chuyển hóa thành công địa bàn đã chọn” không đạt /
9 transformed, 1 not, 1 not assessable, so "every district transforms its hotspot" is not met.
Năm 2023 / 2023: 9 thành công, 2 không thành công / 9 transformed, 2 not.

Tỉnh / province (`province.csv`, 2023 và 2024): số vụ phạm tội về TTXH 640 → 608 (giảm đúng
5,0 %: đạt “giảm ít nhất 5%”); tỷ lệ điều tra, khám phá 2024 đúng 75 % (không đạt “trên
75%”); truy tố đúng tội 95,1 % (vừa trên 95 %); tỷ lệ chuyển vụ việc qua thanh tra, kiểm tra
2024 để trống (chưa đánh giá được).
/ social-order crimes 640 → 608 (exactly −5.0 %: meets "at least 5 %"); clearance rate 2024
exactly 75 (fails "above 75 %"); correct charges 95.1 (just above 95 %); inspection referrals
2024 empty (not assessable).
"""


def main(argv: Sequence[str] | None = None) -> int:
    return write_sample(argv, PACK, SEED, story=build_story, summary=summary, province=build_province,
                        province_columns=PROVINCE_COLUMNS, readme=readme)


if __name__ == "__main__":
    sys.exit(main())
