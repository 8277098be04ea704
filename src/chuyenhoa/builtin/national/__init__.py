"""The national method, as a built-in plugin registered like any pack.

Kế hoạch 7488/KH-UBND (31/07/2017), implementing Quyết định 1960/QĐ-BCA-C41 of
08/06/2017, writes out the method every province uses: the criteria groups, the
15 % cap, the nine indicators of a hotspot and the ≥ 80 % success rule with its
two gates.  The 2021–2025 programme (Kế hoạch 113/KH-BCA-V01 of 22/03/2021)
keeps the goals of ≥ 60 % transformed each year and ≥ 85 % not relapsing.

The quotes are the words of the documents and stay Vietnamese in every
language; the labels and readings are the tool's own words, marked with ``N_``
and translated where they are shown (:mod:`chuyenhoa.i18n`).

Every hook here is ``trylast``: a pack that implements the same hook and returns
a value overrides the national method (``firstresult`` hooks stop at the first
non-None result).
"""

from __future__ import annotations

import pluggy

from chuyenhoa.comparators import Comparator
from chuyenhoa.i18n import N_
from chuyenhoa.method.scoring import CommuneScorer, WeightedCriteriaScorer
from chuyenhoa.model import (
    CapScope,
    Geography,
    HotspotIndicator,
    Plan,
    Rounding,
    SelectionPolicy,
    Source,
    SuccessRule,
)
from chuyenhoa.plugins.hookspecs import PROJECT

hookimpl = pluggy.HookimplMarker(PROJECT)  # the same marker as chuyenhoa.hookimpl

DOCUMENT = "7488/KH-UBND"


def _src(clause: str, quote: str, reading: str | None = None) -> Source:
    return Source(DOCUMENT, clause, quote=quote, reading=reading)


CAP = SelectionPolicy(
    cap_share=0.15,
    scopes=(CapScope.DISTRICT,),
    rounding=Rounding.FLOOR,
    minimum_per_district=0,
    source=_src(
        "§III.2, §V.1, §V.4.a",
        "Tổng số đơn vị cấp xã được xác định là trọng điểm, phức tạp về TTATXH để thực hiện chuyển hóa "
        "hàng năm không vượt quá 15% tổng số đơn vị hành chính cấp xã hiện có của địa phương.",
        reading=N_("Mỗi huyện chọn không quá 15% số xã của huyện, làm tròn xuống (DOMAIN.md, điểm mơ hồ 1 và 2)."),
    ),
)

#: The nine indicators of a hotspot, 7488/KH-UBND §II.2, with the text's comparators.
HOTSPOT_INDICATORS: tuple[HotspotIndicator, ...] = (
    HotspotIndicator("organized_crime", Comparator.EQ, False, _src(
        "§II.2", "không có biểu hiện hoạt động của tội phạm có tổ chức hoạt động theo kiểu “xã hội đen”"),
        N_("Không có tội phạm có tổ chức kiểu “xã hội đen”")),
    HotspotIndicator("clearance_rate", Comparator.GE, 80.0, _src(
        "§II.2", "tỷ lệ điều tra, khám phá các loại tội phạm đạt từ 80% trở lên"),
        N_("Tỷ lệ điều tra, khám phá từ 80% trở lên")),
    HotspotIndicator("serious_clearance_rate", Comparator.GE, 95.0, _src(
        "§II.2", "các tội phạm rất nghiêm trọng, đặc biệt nghiêm trọng đạt 95% trở lên"),
        N_("Khám phá án rất nghiêm trọng, đặc biệt nghiêm trọng từ 95% trở lên")),
    HotspotIndicator("wanted_arrest_rate", Comparator.GE, 30.0, _src(
        "§II.2", "Hàng năm, bắt giữ, vận động đầu thú 30% trở lên số đối tượng truy nã tại địa bàn"),
        N_("Bắt, vận động đầu thú từ 30% đối tượng truy nã trở lên")),
    HotspotIndicator("reports_handled_rate", Comparator.EQ, 100.0, _src(
        "§II.2", "100% tin báo, tố giác tội phạm và kiến nghị khởi tố được tiếp nhận, xử lý"),
        N_("100% tin báo, tố giác được tiếp nhận, xử lý")),
    HotspotIndicator("recidivism_rate", Comparator.LT, 15.0, _src(
        "§II.2", "Giảm tỷ lệ tái phạm tội trong số người chấp hành xong án phạt tù và đặc xá về cư trú "
        "tại địa bàn xuống dưới 15%"),
        N_("Tái phạm dưới 15%")),
    HotspotIndicator("political_system_consolidated", Comparator.EQ, True, _src(
        "§II.2", "được hệ thống chính trị, hoạt động hiệu quả, vững mạnh, đoàn kết"),
        N_("Củng cố được hệ thống chính trị")),
    HotspotIndicator("mass_models", Comparator.GE, 1.0, _src(
        "§II.2", "xây dựng và củng cố ít nhất 01 mô hình vận động nhân dân tham gia phòng, chống tội phạm"),
        N_("Ít nhất 01 mô hình quần chúng hiệu quả")),
    HotspotIndicator("households_informed_rate", Comparator.EQ, 100.0, _src(
        "§II.2", "100% các hộ dân tại địa bàn chuyển hóa được phổ biến, tuyên truyền"),
        N_("100% hộ dân được tuyên truyền")),
)

SUCCESS = SuccessRule(
    share=0.8,
    comparator=Comparator.GE,
    source=_src(
        "§III.4",
        "Địa bàn đạt 80% các chỉ tiêu của Đề án trở lên, trong đó giảm cơ bản tội phạm và tệ nạn xã hội, "
        "không để phức tạp nổi lên về TTATXH.",
        reading=N_("Tỷ lệ tính trên các chỉ tiêu có số liệu; số chỉ tiêu thiếu được nêu rõ. Hai điều kiện "
                   "“giảm tội phạm” và “không phát sinh phức tạp” là điều kiện bắt buộc, không phải chỉ tiêu "
                   "(DOMAIN.md, điểm mơ hồ 3)."),
    ),
)

#: The programme goals of 7488/KH-UBND §II.1, kept by 113/KH-BCA-V01 for 2021–2025.
PROGRAMME_GOALS: tuple[tuple[str, Comparator, float, Source], ...] = (
    ("transformed_share", Comparator.GE, 60.0, _src(
        "§II.1", "Hàng năm tổ chức chuyển hóa thành công ít nhất 60% tổng số địa bàn được lựa chọn chuyển hóa.")),
    ("no_relapse_share", Comparator.GE, 85.0, _src(
        "§II.1", "Ít nhất 85% các địa bàn đã chuyển hóa thành công không phức tạp trở lại sau chuyển hóa.")),
)

GATE_SOURCE = SUCCESS.source
DURATION_SOURCE = _src("§III.5", "Thời gian thực hiện chuyển hóa mỗi địa bàn: 01 năm.")
LEAVE_LIST_SOURCE = _src(
    "§III.2", "Đối với các xã, phường, thị trấn đã chuyển hóa thành công được đưa ra khỏi diện chuyển hóa.")


@hookimpl(trylast=True)
def chuyenhoa_selection_policy(plan: Plan, geography: Geography) -> SelectionPolicy:
    if plan.selection is not None:
        return plan.selection
    if not geography.has_districts:
        # from 07/2025 there are no districts: the cap can only apply to the province
        return SelectionPolicy(cap_share=CAP.cap_share, scopes=(CapScope.PROVINCE,), rounding=CAP.rounding,
                               source=Source(DOCUMENT, CAP.source.clause, quote=CAP.source.quote,
                                             reading=N_("Không còn cấp huyện (từ 01/07/2025): trần 15% tính "
                                                        "trên toàn tỉnh, làm tròn xuống.")))
    return CAP


@hookimpl(trylast=True)
def chuyenhoa_commune_scorer(plan: Plan) -> CommuneScorer:
    return WeightedCriteriaScorer(weights=dict(plan.weights))


@hookimpl(trylast=True)
def chuyenhoa_hotspot_indicators(plan: Plan) -> tuple[HotspotIndicator, ...]:
    return HOTSPOT_INDICATORS


@hookimpl(trylast=True)
def chuyenhoa_success_rule(plan: Plan) -> SuccessRule:
    return plan.success if plan.success is not None else SUCCESS
