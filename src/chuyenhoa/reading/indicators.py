"""The input data contract of ``shared/INDICATORS.md``, as code.

These ids are the column names users put in their files; packs may add their own
(declared in their plan files) but never rename these.  Each id has a Vietnamese
label for tables and templates, marked with ``N_``: the code that shows a label
passes it through :func:`chuyenhoa.i18n.translate` (a pack's own labels, from its
plan file, have no entry in the catalogue and are shown as written).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from chuyenhoa.i18n import N_
from chuyenhoa.model import Indicator, ValueKind

C, R, F, N, T = ValueKind.COUNT, ValueKind.RATE, ValueKind.FLAG, ValueKind.NUMBER, ValueKind.TEXT
COMMUNES, PROVINCE = "communes", "province"

#: The four criteria groups of 7488/KH-UBND §III.3, in the order of the text.
CRITERIA_GROUPS: Mapping[str, str] = {
    "hinh_su": N_("Nhóm tiêu chí về hình sự"),
    "ma_tuy": N_("Nhóm tiêu chí về ma túy"),
    "kinh_te_moi_truong": N_("Nhóm tiêu chí kinh tế, môi trường"),
    "khac": N_("Các tiêu chí khác"),
}
#: The document whose clauses the columns of INDICATORS.md cite (the criteria groups, the
#: hotspot list): the national method, whose file is ``builtin/national/7488-KH-UBND.toml``.
#: A test checks the two agree; the data contract cannot import a built-in plugin.
CRITERIA_DOCUMENT = "7488/KH-UBND"
GROUP_CLAUSE = {
    "hinh_su": "§III.3.a",
    "ma_tuy": "§III.3.b",
    "kinh_te_moi_truong": "§III.3.c",
    "khac": "§III.3.d",
}

_C = (COMMUNES,)
_P = (PROVINCE,)
_B = (COMMUNES, PROVINCE)

# id, kind, tables, group, label
_ROWS: tuple[tuple[str, ValueKind, tuple[str, ...], str | None, str], ...] = (
    ("commune_code", T, _C, None, N_("Mã xã (mã đơn vị hành chính)")),
    ("commune_name", T, _C, None, N_("Tên xã, phường, thị trấn")),
    ("year", C, _B, None, N_("Năm")),
    # chuyenhoa's own (docs/data.md): the province a row of the province table reports for, on the map
    # of its year, so that a province formed on 01/07/2025 can add up its predecessors' rows of 2024
    ("province_code", T, _P, None, N_("Mã tỉnh, thành phố (mã đơn vị hành chính)")),
    ("hotspot", F, _C, None, N_("Được phê duyệt là địa bàn trọng điểm, phức tạp năm nay")),
    ("relapsed", F, _C, None, N_("Đã chuyển hóa nhưng phức tạp trở lại")),
    # chuyenhoa's own: the steering committee's recorded decision, for years whose
    # data cannot show it (e.g. the year before the first year of data)
    ("transformed", F, _C, None, N_("Được công nhận chuyển hóa thành công (theo quyết định)")),
    ("population", C, _C, None, N_("Dân số")),
    ("households", C, _C, None, N_("Số hộ")),
    # group a
    ("criminal_offences", C, _C, "hinh_su", N_("Số vụ phạm pháp hình sự")),
    ("released_prisoners_active", C, _C, "hinh_su", N_("Tù tha có biểu hiện hoạt động phạm tội")),
    ("supervised_offenders", C, _C, "hinh_su", N_("Bị khởi tố, thi hành án giao địa phương quản lý")),
    ("education_measure_persons", C, _C, "hinh_su", N_("Diện quản lý, giáo dục tại địa bàn (NĐ 111/2013)")),
    ("criminal_watchlist", C, _C, "hinh_su", N_("Đối tượng sưu tra hình sự")),
    ("wanted_fugitives", C, _C, "hinh_su", N_("Đối tượng truy nã, trốn thi hành án")),
    ("active_gangs", C, _C, "hinh_su", N_("Băng, nhóm tội phạm chưa triệt phá")),
    ("social_evil_spots", C, _C, "hinh_su", N_("Tụ điểm, điểm phức tạp về TNXH chưa triệt xóa")),
    ("crime_reports", C, _C, "hinh_su", N_("Tin báo, tố giác tội phạm")),
    # group b
    ("drug_offences", C, _C, "ma_tuy", N_("Số vụ phạm tội về ma túy")),
    ("drug_spots", C, _C, "ma_tuy", N_("Tụ điểm, điểm phức tạp về ma túy")),
    ("drug_watchlist", C, _C, "ma_tuy", N_("Đối tượng sưu tra về ma túy")),
    ("drug_users", C, _C, "ma_tuy", N_("Người nghiện có hồ sơ và người sử dụng ma túy")),
    ("drug_cultivation", F, _C, "ma_tuy", N_("Trồng, tái trồng cây có chứa chất ma túy")),
    # group c
    ("econ_env_offences", C, _C, "kinh_te_moi_truong", N_("Vụ phạm tội, vi phạm về kinh tế, môi trường")),
    ("econ_env_watchlist", C, _C, "kinh_te_moi_truong", N_("Đối tượng sưu tra kinh tế, môi trường")),
    ("contraband_establishments", C, _C, "kinh_te_moi_truong", N_("Cơ sở hàng giả, buôn lậu, hàng cấm")),
    ("environment_repeat_violators", C, _C, "kinh_te_moi_truong", N_("Vi phạm nghiêm trọng, nhiều lần về môi trường")),
    # group d
    ("land_disputes", F, _C, "khac", N_("Tranh chấp, khiếu kiện đất đai phức tạp")),
    ("risky_business_cluster", F, _C, "khac", N_("Tập trung khách sạn, karaoke, cầm đồ… thường xuyên vi phạm")),
    ("crowd_sites", F, _C, "khac", N_("Chợ, bến, khu công nghiệp, nhiều lao động ngoại tỉnh")),
    ("traffic_hotspot", F, _C, "khac", N_("Tuyến giao thông tai nạn nghiêm trọng, đua xe")),
    ("mining_area", F, _C, "khac", N_("Khu vực khai thác khoáng sản")),
    ("border_hideout", F, _C, "khac", N_("Địa bàn giáp ranh tội phạm ẩn náu")),
    ("fires_explosions_weapons", C, _C, "khac", N_("Cháy nổ, vũ khí, pháo trái phép")),
    ("weak_political_system", F, _C, "khac", N_("Hệ thống chính trị cơ sở yếu kém")),
    ("no_effective_model", F, _C, "khac", N_("Không có mô hình quần chúng hiệu quả")),
    # hotspot indicators (7488 §II.2) and the gate
    ("organized_crime", F, _C, None, N_("Có hoạt động tội phạm kiểu “xã hội đen”")),
    ("clearance_rate", R, _B, None, N_("Tỷ lệ điều tra, khám phá án (%)")),
    ("serious_clearance_rate", R, _B, None, N_("Tỷ lệ khám phá án rất nghiêm trọng, đặc biệt nghiêm trọng (%)")),
    ("wanted_arrest_rate", R, _C, None, N_("Tỷ lệ bắt, vận động đầu thú đối tượng truy nã (%)")),
    ("reports_handled_rate", R, _B, None, N_("Tỷ lệ tin báo, tố giác được tiếp nhận, xử lý (%)")),
    ("recidivism_rate", R, _B, None, N_("Tỷ lệ tái phạm tội (%)")),
    ("political_system_consolidated", F, _C, None, N_("Hệ thống chính trị được củng cố")),
    ("mass_models", C, _C, None, N_("Số mô hình quần chúng tự quản hoạt động hiệu quả")),
    ("households_informed_rate", R, _C, None, N_("Tỷ lệ hộ dân được tuyên truyền (%)")),
    ("new_complexity", F, _C, None, N_("Phát sinh phức tạp mới về TTATXH")),
    # province table
    ("social_order_crimes", C, _P, None, N_("Số vụ phạm tội về trật tự xã hội")),
    ("reports_resolution_rate", R, _P, None, N_("Tỷ lệ giải quyết tin báo, tố giác, kiến nghị khởi tố (%)")),
    ("prosecution_on_time_rate", R, _P, None, N_("Tỷ lệ truy tố đúng thời hạn (%)")),
    ("correct_charge_rate", R, _P, None, N_("Tỷ lệ truy tố đúng tội danh (%)")),
    ("case_resolution_rate", R, _P, None, N_("Tỷ lệ giải quyết án hình sự (%)")),
    ("inspection_referral_rate", R, _P, None,
     N_("Tỷ lệ dấu hiệu tội phạm qua thanh tra được chuyển cơ quan điều tra (%)")),
    ("wanted_existing_arrest_rate", R, _P, None, N_("Tỷ lệ bắt, vận động đầu thú đối tượng truy nã hiện có (%)")),
    ("wanted_new_arrest_rate", R, _P, None, N_("Tỷ lệ bắt, vận động đầu thú đối tượng truy nã mới phát sinh (%)")),
    ("households_informed_min_rate", R, _P, None, N_("Tỷ lệ hộ được tuyên truyền, xã thấp nhất (%)")),
    ("zalo_group_rate", R, _P, None, N_("Tỷ lệ mô hình có nhóm Zalo (%)")),
    ("residents_board_quality_rate", R, _P, None,
     N_("Tỷ lệ Ban Điều hành Tổ dân cư tự quản hoạt động có chất lượng (%)")),
    ("rural_security_communes_met", C, _P, None, N_("Số xã đạt tiêu chí an ninh, trật tự nông thôn mới")),
    ("model_units_rate", R, _P, None, N_("Tỷ lệ đơn vị điển hình của phong trào (%)")),
    ("model_ward_police_rate", R, _P, None, N_("Tỷ lệ Công an phường kiểu mẫu (%)")),
    ("security_festival_rate", R, _P, None, N_("Tỷ lệ xã, khu dân cư tổ chức Ngày hội toàn dân bảo vệ ANTQ (%)")),
    ("addiction_capable_stations_rate", R, _P, None,
     N_("Tỷ lệ trạm y tế xã đủ điều kiện xác định tình trạng nghiện (%)")),
    ("safety_standard_registration_rate", R, _P, None, N_("Tỷ lệ đăng ký tiêu chuẩn “An toàn về ANTT” (%)")),
)

#: Values computed by the library, never typed: targets may name them.
COMPUTED: Mapping[str, str] = {
    "transformed_share": N_("Tỷ lệ địa bàn chuyển hóa thành công (%)"),
    "no_relapse_share": N_("Tỷ lệ địa bàn đã chuyển hóa không phức tạp trở lại (%)"),
    "districts_transformed_share": N_("Tỷ lệ huyện chuyển hóa thành công địa bàn đã chọn (%)"),
    "hotspots_selected": N_("Số địa bàn trọng điểm được lựa chọn"),
    "hotspots_transformed": N_("Số địa bàn chuyển hóa thành công"),
}

CORE_INDICATORS: Mapping[str, Indicator] = {
    row[0]: Indicator(id=row[0], kind=row[1], tables=row[2], group=row[3], label=row[4])
    for row in _ROWS
} | {
    key: Indicator(id=key, kind=ValueKind.RATE if key.endswith("share") else ValueKind.COUNT,
                   label=label, tables=(), computed=True)
    for key, label in COMPUTED.items()
}

#: The criteria used to score communes, by group, in the order of §III.3.
CRITERIA: Mapping[str, tuple[str, ...]] = {
    group: tuple(row[0] for row in _ROWS if row[3] == group) for group in CRITERIA_GROUPS
}


def catalogue(extra: Iterable[Indicator] = ()) -> dict[str, Indicator]:
    """The core indicators plus those a pack declares; a pack may not redefine a core id."""
    merged = dict(CORE_INDICATORS)
    for indicator in extra:
        if indicator.id in CORE_INDICATORS:
            raise ValueError(f"indicator '{indicator.id}' is part of the core contract and cannot be redefined")
        merged[indicator.id] = indicator
    return merged


def columns_of(table: str, extra: Iterable[Indicator] = ()) -> dict[str, Indicator]:
    """The columns a ``communes`` or ``province`` table may hold."""
    return {i.id: i for i in catalogue(extra).values() if table in i.tables}
