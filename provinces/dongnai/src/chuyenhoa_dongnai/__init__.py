"""chuyenhoa province pack for Đồng Nai.

The plan is data (``plans/*.toml``, each value citing its clause of Kế hoạch
7488/KH-UBND of 31/07/2017, 2017–2020); the geography is generated from GSO
codes by ``tools/generate_geography.py`` (the 2025-01-04 list: Đồng Nai had more
communes in 2017, and every evaluation of 2017–2020 warns about it); the sample
is synthetic.  7488/KH-UBND *is* the national method built into chuyenhoa: the
plan file restates its cap and success rule with the same values, and the nine
hotspot indicators come from the built-in plugin.

From 01/07/2025 the province includes Bình Phước (Nghị quyết 202/2025/QH15) and has no
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
        HERE, slug="dongnai", name="Đồng Nai", code="75",
        sample_description="Dữ liệu mẫu GIẢ LẬP cho Đồng Nai 2016–2020, không phải số liệu thật",
        later_sample_descriptions={2025: "Dữ liệu mẫu GIẢ LẬP cho Đồng Nai 2024–2026, trước và sau khi "
                                         "sáp nhập Bình Phước, không phải số liệu thật"},
    ))
