"""chuyenhoa province pack for Tây Ninh.

The plan is data (``plans/*.toml``, each value citing its clause of Kế hoạch
860/KH-UBND of 25/03/2024); the geography is generated from GSO codes by
``tools/generate_geography.py``; the sample is synthetic.  The hotspot method
is the national one (7488/KH-UBND), inherited from the built-in plugin.

From 01/07/2025 the province includes Long An (Nghị quyết 202/2025/QH15) and has no
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
        HERE, slug="tayninh", name="Tây Ninh", code="72",
        sample_description="Dữ liệu mẫu GIẢ LẬP cho Tây Ninh 2023–2024, không phải số liệu thật",
        later_sample_descriptions={2025: "Dữ liệu mẫu GIẢ LẬP cho Tây Ninh 2024–2026, trước và sau khi "
                                         "sáp nhập Long An, không phải số liệu thật"},
    ))
