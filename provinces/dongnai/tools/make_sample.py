"""Write the bundled SYNTHETIC sample of the Đồng Nai pack: every figure is invented.

Why a script and a story: the sample is what a new user runs first, so it must
show every kind of verdict the evaluation can give over the four years of Kế
hoạch 7488/KH-UBND (2017–2020): transformed, not transformed in each of its ways,
not assessable (a gate without data, or the 80 % boundary with four indicators
empty, which the data cannot decide), relapses, the yearly goal of 60 % met,
missed and undecidable, the 85 % no-relapse goal missed by a hair.  Purely
random rows would show some of these by luck and lose them on the next change,
so the rows start from :mod:`chuyenhoa.packs.synthetic` and a deterministic story is
scripted on top, then checked by recomputing it.

The story, year by year (2016 is only the baseline of the "crime decreased" gate
of 2017 and has no hotspot list):

- every district approves floor(15 % × its communes) hotspots each year (18 in
  all, 7488/KH-UBND §III.2, §V.1, §V.4.a), counted on the 2025-01-04 geography;
- a transformed commune leaves the list for good (§III.2); one not transformed
  (or not assessable) stays on the next year's list.  The 2018 boundary hotspot is
  recorded as transformed (``transformed`` = có) although its data cannot decide:
  the tool then takes the record for the years after, so it leaves the list too;
- the rest of each district's cap goes to the communes with the highest criteria
  counts that were never selected;
- transformed communes relapse now and then (``relapsed`` = có, and it stays so).

The communes are the 159 real units of the generated 2025-01-04 geography (their
codes and names are public GSO data); all the numbers next to them are synthetic
and must never be read as statistics of those places.

Usage (from the repository root)::

    PYTHONPATH=src python provinces/dongnai/tools/make_sample.py
"""

from __future__ import annotations

import random
import sys
from collections.abc import Mapping, Sequence
from fractions import Fraction
from pathlib import Path

from chuyenhoa.model import Geography
from chuyenhoa.packs.sample_story import (
    EIGHT_OF_NINE,
    FIVE_OF_NINE,
    FOUR_OF_FIVE,
    NO,
    SEVEN_OF_NINE,
    YES,
    Pack,
    Roles,
    Row,
    assert_plays,
    assert_within_caps,
    commune_list,
    district_caps,
    fill_caps,
    hotspots,
    index_rows,
    mark_relapses,
    met_cells,
    raise_offences,
    write_sample,
)
from chuyenhoa.packs.synthetic import generate_communes, generate_province

PACK = Pack("dongnai", "Đồng Nai", Path(__file__).resolve().parents[1])
SCRIPT = PACK.script

#: The seed of every draw: the number of the plan, Kế hoạch 7488/KH-UBND.
SEED = 7488
BASELINE = 2016
PLAN_YEARS = (2017, 2018, 2019, 2020)
YEARS = (BASELINE, *PLAN_YEARS)
#: 15 % as a fraction, so that floor(15 % × communes) is computed exactly.
CAP_SHARE = Fraction(15, 100)

#: Province columns of the contract, written for the shape of the input only:
#: 7488/KH-UBND sets no province-level target on them (its goals are computed).
PROVINCE_COLUMNS: tuple[str, ...] = (
    "social_order_crimes",
    "clearance_rate",
    "serious_clearance_rate",
    "reports_handled_rate",
    "recidivism_rate",
)

#: Roles of each year's 18 hotspots and how many of each, as the story sets them.
ROLE_COUNTS: Mapping[int, Mapping[str, int]] = {
    2017: {"success": 10, "eight_of_nine": 2,
           "seven_of_nine": 2, "five_of_nine": 1, "crime_not_down": 2, "new_complexity": 1},
    2018: {"success": 8, "eight_of_nine": 1, "boundary_80": 1,
           "seven_of_nine": 2, "five_of_nine": 2, "crime_not_down": 2, "new_complexity": 2},
    2019: {"success": 9, "eight_of_nine": 2,
           "seven_of_nine": 2, "five_of_nine": 1, "crime_not_down": 2, "new_complexity": 1,
           "complexity_empty": 1},
    2020: {"success": 8, "eight_of_nine": 1, "boundary_80": 1,
           "seven_of_nine": 1, "five_of_nine": 1, "crime_not_down": 2, "new_complexity": 1,
           "complexity_empty": 2, "offences_empty": 1},
}
#: New relapses each year, among the communes transformed in earlier years.
NEW_RELAPSES: Mapping[int, int] = {2017: 0, 2018: 1, 2019: 1, 2020: 3}

MET, NOT_MET, UNKNOWN = "đạt / met", "không đạt / not met", "chưa đánh giá được / not assessable"
#: What the evaluation gives each year (the tests pin it): the README's outcome table.
OUTCOME: tuple[tuple[str, ...], ...] = (
    ("2017", "12/18 (66,7 %)", MET,
     "— (chưa có xã nào chuyển hóa trước đó / none transformed before)", UNKNOWN),
    ("2018", "9/18, 1 chưa đánh giá được / 1 not assessable (50,0–55,6 %)", NOT_MET, "11/12 (91,7 %)", MET),
    ("2019", "11/18, 1 chưa đánh giá được / 1 not assessable (61,1–66,7 %)", MET, "20/22 (90,9 %)", MET),
    ("2020", "9/18, 4 chưa đánh giá được / 4 not assessable (50,0–72,2 %)", UNKNOWN, "28/33 (84,8 %)",
     NOT_MET),
)

#: Roles the `transformed` column records as transformed (for 2017–2019), so the commune leaves the list.
#: The data decide "transformed" for all of them but boundary_80, whose four empty indicators leave the
#: share between 4/9 and 8/9: the tool cannot decide it and takes the record for the years after.
TRANSFORMED_ROLES = frozenset({"success", "eight_of_nine", "boundary_80"})
#: Roles with a gate the data cannot judge: recorded as neither.
UNDECIDED_ROLES = frozenset({"complexity_empty", "offences_empty"})
#: (indicators met, indicators with data) of each role: what _check recomputes.
ROLE_MET: Mapping[str, tuple[int, int]] = {
    "success": (9, 9), "eight_of_nine": (8, 9), "boundary_80": (4, 5), "seven_of_nine": (7, 9),
    "five_of_nine": (5, 9), "crime_not_down": (9, 9), "new_complexity": (9, 9),
    "complexity_empty": (8, 9), "offences_empty": (9, 9),
}
#: The cells laid over met cells for a role (eight_of_nine draws its own, see _cells_for).
ROLE_CELLS: Mapping[str, Mapping[str, str]] = {
    "boundary_80": FOUR_OF_FIVE, "seven_of_nine": SEVEN_OF_NINE, "five_of_nine": FIVE_OF_NINE,
    "complexity_empty": EIGHT_OF_NINE,
}
#: The new_complexity cell of a role, when it is not "không".
COMPLEXITY: Mapping[str, str] = {"new_complexity": YES, "complexity_empty": ""}
ROLE_TEXT: Mapping[str, tuple[str, str]] = {
    "success": ("đạt 9/9 chỉ tiêu, số vụ phạm pháp hình sự giảm, không phát sinh phức tạp",
                "9 of 9 met, criminal offences down, no new complexity"),
    "eight_of_nine": ("đạt 8/9 chỉ tiêu (88,9 %), thành công", "8 of 9 met (88.9 %), transformed"),
    "boundary_80": ("4 chỉ tiêu để trống, đạt 4/5 chỉ tiêu có số liệu (đúng 80 %): tỷ lệ trên 9 chỉ tiêu nằm "
                    "trong 44,4–88,9 %, chưa đánh giá được",
                    "4 indicators empty, 4 of the 5 with data met (exactly 80 %): the share of the 9 lies within "
                    "44.4–88.9 %, not assessable"),
    "seven_of_nine": ("đạt 7/9 chỉ tiêu (77,8 % < 80 %)", "7 of 9 met (77.8 % < 80 %)"),
    "five_of_nine": ("đạt 5/9 chỉ tiêu", "5 of 9 met"),
    "crime_not_down": ("đạt 9/9 nhưng số vụ phạm pháp hình sự không giảm",
                       "9 of 9 met but criminal offences did not decrease"),
    "new_complexity": ("đạt 9/9 nhưng phát sinh phức tạp mới", "9 of 9 met but new complexity"),
    "complexity_empty": ("đạt 8/9, ô new_complexity để trống (chưa đánh giá được)",
                         "8 of 9 met, new_complexity left empty (not assessable)"),
    "offences_empty": ("đạt 9/9, ô criminal_offences của năm để trống (chưa đánh giá được)",
                       "9 of 9 met, the year's criminal_offences left empty (not assessable)"),
    "relapsed": ("đã chuyển hóa ở năm trước, năm nay phức tạp trở lại (relapsed = có, mới)",
                 "transformed in an earlier year, relapsed this year (relapsed = có, new)"),
}


def _cells_for(role: str, pick: random.Random) -> tuple[Row, str]:
    """The nine indicator cells and the new_complexity cell a role needs.

    Five draws for the met cells, and a sixth, the missed wanted-arrest rate, for eight_of_nine.
    """
    cells = met_cells(pick, ROLE_CELLS.get(role))
    if role == "eight_of_nine":
        cells["wanted_arrest_rate"] = f"{pick.randint(150, 290) / 10:g}"
    return cells, COMPLEXITY.get(role, NO)


def build_story(geography: Geography) -> tuple[list[Row], dict[int, Roles]]:
    """Commune rows for 2016–2020 with the story scripted in, and the roles by year and code."""
    rows = generate_communes(geography, YEARS, seed=SEED, cap_share=float(CAP_SHARE))
    pick = random.Random(SEED)
    by = index_rows(rows)
    caps = district_caps(geography, CAP_SHARE)

    def row(year: int, code: str) -> Row:
        return by[(year, code)]

    # The generator's own hotspots are dropped: the story approves its own lists.
    for r in rows:
        r.update(hotspot="" if r["year"] == str(BASELINE) else NO, transformed="", relapsed="")

    roles: dict[int, dict[str, list[str]]] = {}
    transformed: dict[str, int] = {}  # commune → year transformed
    relapsed: set[str] = set()
    continuing: list[str] = []  # last year's hotspots not transformed
    ever_selected: set[str] = set()
    for year in PLAN_YEARS:
        # 1. The approved list: last year's unfinished hotspots, then each district's
        #    cap filled with its worst communes never selected before.
        hot = fill_caps(geography, caps, by, year, continuing=continuing, excluded=ever_selected)
        ever_selected.update(hot)

        # 2. Relapses among the communes transformed in earlier years; a relapse stays.
        candidates = sorted(c for c in transformed if c not in relapsed)
        new = sorted(pick.sample(candidates, NEW_RELAPSES[year]))
        relapsed.update(new)
        mark_relapses(by, year, sorted(transformed), relapsed=relapsed, new=new)

        # 3. Each hotspot plays a role of the year.
        plan = [role for role, n in ROLE_COUNTS[year].items() for _ in range(n)]
        assert len(plan) == len(hot), (year, len(plan), len(hot))
        order = list(hot)
        pick.shuffle(order)
        year_roles: Roles = {"relapsed": new}
        for code, role in zip(order, plan, strict=True):
            year_roles.setdefault(role, []).append(code)
            before_row, r = row(year - 1, code), row(year, code)
            # Selected because last year was bad, unless continuing: at least 6 offences last year.
            before = int(before_row["criminal_offences"]) if code in continuing else raise_offences(before_row, pick)
            if role == "crime_not_down":
                after = str(before + pick.randint(0, 2))
            elif role == "offences_empty":
                after = ""
            else:
                after = str(before - 1 - (pick.randint(0, before // 4) if before > 4 else 0))
            cells, complexity = _cells_for(role, pick)
            if role in TRANSFORMED_ROLES:
                recorded = YES
                transformed[code] = year
            else:
                recorded = "" if role in UNDECIDED_ROLES else NO
            if year == PLAN_YEARS[-1]:
                recorded = ""  # the last year is left for the tool to compute
            r.update(cells, hotspot=YES, transformed=recorded, new_complexity=complexity,
                     criminal_offences=after)
        continuing = sorted(c for c in hot if c not in transformed)
        for codes in year_roles.values():
            codes.sort()
        roles[year] = year_roles
    _check(geography, rows, roles)
    return rows, roles


def _check(geography: Geography, rows: Sequence[Row],
           roles: Mapping[int, Mapping[str, Sequence[str]]]) -> None:
    """Recompute the story from the rows; a failed assertion means the script is wrong."""
    caps = district_caps(geography, CAP_SHARE)
    assert sum(caps.values()) == 18, caps
    by = index_rows(rows)
    assert all(r["hotspot"] == "" for (y, _), r in by.items() if y == BASELINE)
    transformed: dict[str, int] = {}
    relapsed: set[str] = set()
    for year in PLAN_YEARS:
        hot = hotspots(rows, year)
        assert_within_caps(geography, caps, hot, year, 18)
        assert not set(hot) & set(transformed), (year, "a transformed commune was reselected")
        # relapses: every earlier-transformed commune has the column, and a relapse stays
        for code in transformed:
            flag = by[(year, code)]["relapsed"]
            assert flag in (YES, NO), (year, code)
            if code in relapsed:
                assert flag == YES, (year, code)
        relapsed |= {c for c in transformed if by[(year, c)]["relapsed"] == YES}
        assert relapsed == {c for y in PLAN_YEARS if y <= year for c in roles[y]["relapsed"]}
        counted = {role: n for role, n in ROLE_COUNTS[year].items()}
        assert sum(counted.values()) == 18
        for role, codes in roles[year].items():
            if role == "relapsed":
                continue
            assert len(codes) == counted[role], (year, role)
            for code in codes:
                now, before = by[(year, code)], by[(year - 1, code)]
                if role == "offences_empty":
                    assert now["criminal_offences"] == "", (year, code)
                complexity = {"new_complexity": YES, "complexity_empty": ""}.get(role, NO)
                assert_plays(role, code, now, met=ROLE_MET[role], complexity=complexity,
                             before=None if role == "offences_empty" else before, down=role != "crime_not_down")
                verdict = _verdict(role)
                assert (verdict is True) == (role in TRANSFORMED_ROLES - {"boundary_80"}), role
                assert (verdict is None) == (role in UNDECIDED_ROLES | {"boundary_80"}), role
                if year < PLAN_YEARS[-1]:
                    recorded = YES if role in TRANSFORMED_ROLES else ("" if role in UNDECIDED_ROLES else NO)
                    assert now["transformed"] == recorded, (year, role, code)
                else:
                    assert now["transformed"] == ""
                # the years after take the data's verdict, else the record (chuyenhoa.method.history)
                if verdict or (verdict is None and now["transformed"] == YES):
                    transformed[code] = year
        for (y, _code), r in by.items():
            if y == year and r["hotspot"] != YES:
                assert r["transformed"] == ""
    assert len(transformed) == 12 + 10 + 11 + 9  # 2020's boundary hotspot is neither decided nor recorded
    assert len(relapsed) == sum(NEW_RELAPSES.values())


def _verdict(role: str) -> bool | None:
    """What the national rule decides for a role (7488/KH-UBND §III.4, read with bounds).

    The share of the nine indicators lies between ``met ÷ 9`` (every empty one not met) and
    ``(met + empty) ÷ 9`` (every one met); it decides only when both sides of 80 % agree.
    A failed gate decides "not transformed" whatever is missing; a gate without data leaves
    the verdict open.
    """
    met, with_data = ROLE_MET[role]
    low, high = Fraction(met, 9), Fraction(met + 9 - with_data, 9)
    if high < Fraction(4, 5) or role in ("crime_not_down", "new_complexity"):
        return False
    return None if low < Fraction(4, 5) or role in UNDECIDED_ROLES else True


def build_province() -> list[Row]:
    """Province rows for 2016–2020 (synthetic, unscored by 7488/KH-UBND)."""
    return generate_province(YEARS, seed=SEED, columns=PROVINCE_COLUMNS)


def summary(geography: Geography, roles: Mapping[int, Mapping[str, Sequence[str]]]) -> list[str]:
    """Markdown lines naming which commune plays which role in which year."""
    lines = ["| năm / year | vai trò / role | xã / commune |", "|---|---|---|"]
    for year in PLAN_YEARS:
        for role, (vi, en) in ROLE_TEXT.items():
            codes = roles[year].get(role, ())
            if codes:
                lines.append(f"| {year} | {vi} / {en} | {commune_list(geography, codes)} |")
    return lines


def readme(summary_lines: Sequence[str]) -> str:
    """The sample's README, in Vietnamese then English."""
    table = "\n".join(summary_lines)
    outcome = "\n".join(
        [
            "| năm / year | thành công / transformed | ≥ 60 % | không tái phức tạp / not relapsed | ≥ 85 % |",
            "|---|---|---|---|---|",
            *(f"| {' | '.join(cells)} |" for cells in OUTCOME),
        ]
    )
    return f"""# Dữ liệu mẫu Đồng Nai: SỐ LIỆU GIẢ / Đồng Nai sample: SYNTHETIC DATA

**Tiếng Việt.** Mọi con số trong `communes.csv` và `province.csv` đều là số liệu giả
(tổng hợp ngẫu nhiên), do `{SCRIPT}` sinh ra với hạt giống (seed) {SEED}, chỉ dùng để
minh họa, kiểm thử và đo hiệu năng. Tuyệt đối không được đọc hay trích dẫn như số liệu
thống kê thật về tội phạm, trật tự xã hội của tỉnh Đồng Nai hay của bất kỳ xã, phường,
thị trấn nào, và danh sách địa bàn trọng điểm trong đó không phải danh sách thật đã được
phê duyệt. Chỉ mã và tên đơn vị hành chính là thật (danh mục của Tổng cục Thống kê,
ngày 04/01/2025, gói `vietnam-provinces` 0.6.0); năm 2017–2020 Đồng Nai có nhiều xã hơn
danh mục này, nên dữ liệu mẫu dùng danh mục 2025 cho cả bốn năm.

**English.** Every figure in `communes.csv` and `province.csv` is invented (synthetic),
generated by `{SCRIPT}` with seed {SEED}, for demonstration, tests and benchmarks
only. It must never be read or quoted as real crime or public-order statistics of Đồng
Nai province or of any of its communes, and its hotspot lists are not the lists that
were really approved. Only the codes and names of the units are real (General
Statistics Office list as of 2025-01-04, package `vietnam-provinces` 0.6.0); Đồng Nai
had more communes in 2017–2020 than in that list, and the sample uses the 2025 list
for all four years.

Sinh lại / regenerate: `PYTHONPATH=src python {SCRIPT}`

## Kịch bản / The story

Năm 2016 chỉ là năm gốc để so sánh số vụ phạm pháp hình sự của năm 2017 (cột `hotspot`
để trống: chưa có danh sách). Mỗi năm 2017–2020, mỗi huyện, thị xã, thành phố chọn đúng
floor(15 % × số xã) địa bàn (18 địa bàn mỗi năm); xã đã chuyển hóa thành công không bao
giờ được chọn lại; xã chưa thành công (hoặc chưa đánh giá được) được chọn lại năm sau.
Cột `transformed` được ghi cho 2017–2019 (để trống khi một điều kiện thiếu số liệu; địa bàn
thiếu 4 chỉ tiêu năm 2018 được ghi là có: số liệu không đủ để kết luận nên công cụ lấy theo
cột này cho các năm sau) và để trống cho 2020 (công cụ tự tính). Xã đã phức tạp trở lại giữ
`relapsed = có` ở các năm sau.
/ 2016 is only the baseline of the 2017 "criminal offences decreased" gate (`hotspot`
empty: no list yet). Each year 2017–2020 every district selects exactly floor(15 % × its
communes) hotspots (18 a year); a transformed commune is never selected again; one not
transformed (or not assessable) is selected again the next year. `transformed` is given
for 2017–2019 (empty where a gate has no data; the 2018 hotspot with 4 indicators empty is
recorded as có: its data cannot decide, so the tool takes the column for the years after)
and left empty for 2020 (the tool computes it). A relapsed commune keeps `relapsed = có` in
later years.

{table}

Kết quả / outcome (mục tiêu §II.1: ≥ 60 % chuyển hóa thành công, ≥ 85 % không phức tạp trở lại
/ §II.1 goals: ≥ 60 % transformed, ≥ 85 % not relapsing):

{outcome}

`province.csv` chỉ minh họa hình dạng bảng province: 7488/KH-UBND không đặt chỉ tiêu cấp
tỉnh nào trên các cột này. / `province.csv` only shows the shape of the province table:
7488/KH-UBND sets no province-level target on these columns.
"""


def main(argv: Sequence[str] | None = None) -> int:
    return write_sample(argv, PACK, SEED, story=build_story, summary=summary, province=build_province,
                        province_columns=PROVINCE_COLUMNS, readme=readme)


if __name__ == "__main__":
    sys.exit(main())
