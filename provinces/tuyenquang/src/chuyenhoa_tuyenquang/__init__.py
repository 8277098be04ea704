"""chuyenhoa province pack for Tuyên Quang.

The plan is data (``plans/*.toml``, each value citing its clause of the Kế hoạch
of Ban Chỉ đạo 138 tỉnh Tuyên Quang of 21/02/2024, whose copy prints no number:
the pack calls it ``KH-BCĐ-TQ-2024``), including who leads and who takes part in
every task of its §II; the geography is generated from GSO codes by
``tools/generate_geography.py``; the sample is synthetic.  The hotspot method is
the national one (7488/KH-UBND), inherited from the built-in plugin.

From 01/07/2025 the province includes Hà Giang (Nghị quyết 202/2025/QH15) and has no
plan of its own in the pack: the national plan applies to 2025 on, on the national list
of 01/07/2025, with the pack's sample of 2024–2026 (``sample/2025/``, written by
``tools/make_sample_2025.py``, synthetic).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from chuyenhoa import ProvinceSpec, hookimpl

HERE = Path(__file__).parent


@hookimpl
def chuyenhoa_register_provinces(register: Callable[[ProvinceSpec], None]) -> None:
    register(ProvinceSpec.from_folder(
        HERE, slug="tuyenquang", name="Tuyên Quang", code="08",
        sample_description="Dữ liệu mẫu GIẢ LẬP cho Tuyên Quang 2023–2024, không phải số liệu thật",
        later_sample_descriptions={2025: "Dữ liệu mẫu GIẢ LẬP cho Tuyên Quang 2024–2026, trước và sau khi "
                                         "sáp nhập Hà Giang, không phải số liệu thật"},
    ))


# --- awards: the movement's classification as a basis (§II.3.3) -----------------------

#: The column of the nominees table this pack adds, and the four grades of Quyết định
#: 510/QĐ-BCA-V05 ("Quy định Tiêu chí đánh giá, phân loại phong trào toàn dân bảo vệ ANTQ").
CLASSIFICATION_COLUMN = "movement_classification"
GRADES = {"xuất sắc": "xuat_sac", "xuat sac": "xuat_sac", "khá": "kha", "kha": "kha",
          "trung bình": "trung_binh", "trung binh": "trung_binh", "yếu": "yeu", "yeu": "yeu"}
CLASSIFICATION_QUOTE = ("Lấy kết quả đánh giá, phân loại phong trào làm một trong những căn cứ, tiêu chí để xét "
                        "khen thưởng đối với tập thể, cá nhân đứng đầu địa phương, cơ quan, doanh nghiệp, cơ sở "
                        "giáo dục trong phong trào toàn dân bảo vệ ANTT.")


@hookimpl
def chuyenhoa_award_checks(plan, scheme, nominees):  # noqa: ANN001, ANN201 - the hookspec types them
    """Tuyên Quang bases awards on the movement's classification (§II.3.3): say where it argues against.

    The plan makes the classification "one of the bases", not a bar, so a weak or
    missing grade is a warning beside the nominee, never a reason to drop them.
    """
    import unicodedata

    from chuyenhoa.awards import AwardFinding
    from chuyenhoa.model import Source

    source = Source(plan.id, "§II.3.3", quote=CLASSIFICATION_QUOTE,
                    reading="Phân loại phong trào (Quyết định 510/QĐ-BCA-V05) là một căn cứ xét khen thưởng, "
                    "không phải điều kiện bắt buộc: xếp loại Trung bình, Yếu hoặc chưa có được nêu để "
                    "hội đồng cân nhắc (cột movement_classification).")
    findings = []
    for nominee in nominees:
        raw = nominee.extra.get(CLASSIFICATION_COLUMN)
        grade = GRADES.get(unicodedata.normalize("NFC", raw or "").strip().casefold())
        if grade in ("xuat_sac", "kha"):
            continue
        if raw is None:
            message = f"{nominee.nominee_id}: chưa có kết quả phân loại phong trào (cột {CLASSIFICATION_COLUMN})"
        elif grade is None:
            message = (f"{nominee.nominee_id}: phân loại phong trào không đọc được; cần Xuất sắc, Khá, "
                       "Trung bình hoặc Yếu")
        else:
            message = f"{nominee.nominee_id}: phong trào xếp loại {raw.strip()}, là căn cứ xét khen thưởng"
        findings.append(AwardFinding("movement_classification", message, source, nominee.nominee_id,
                                     severity="warning"))
    return findings
