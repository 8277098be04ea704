"""chuyenhoa province pack for Tuyên Quang.

The plan is data (``plans/*.toml``, each value citing its clause of the Kế hoạch
of Ban Chỉ đạo 138 tỉnh Tuyên Quang of 21/02/2024, whose copy prints no number:
the pack calls it ``KH-BCĐ-TQ-2024``), including who leads and who takes part in
every task of its §II; the geography is generated from GSO codes by
``tools/generate_geography.py``; the sample is synthetic.  The hotspot method is
the national one (7488/KH-UBND), inherited from the built-in plugin.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from chuyenhoa import ProvinceSpec, SampleData, hookimpl

HERE = Path(__file__).parent


@hookimpl
def chuyenhoa_register_provinces(register: Callable[[ProvinceSpec], None]) -> None:
    register(
        ProvinceSpec(
            slug="tuyenquang",
            name="Tuyên Quang",
            code="08",
            plans=sorted((HERE / "plans").glob("*.toml")),
            geographies=sorted((HERE / "geography").glob("*.json")),
            sample=SampleData(
                communes=HERE / "sample" / "communes.csv",
                province=HERE / "sample" / "province.csv",
                description="Dữ liệu mẫu GIẢ LẬP cho Tuyên Quang 2023–2024 (synthetic, not real statistics)",
            ),
        )
    )
