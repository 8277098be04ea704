"""chuyenhoa province pack for Tây Ninh.

The plan is data (``plans/*.toml``, each value citing its clause of Kế hoạch
860/KH-UBND of 25/03/2024); the geography is generated from GSO codes by
``tools/generate_geography.py``; the sample is synthetic.  The hotspot method
is the national one (7488/KH-UBND), inherited from the built-in plugin.
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
        sample_description="Dữ liệu mẫu GIẢ LẬP cho Tây Ninh 2023–2024 (synthetic, not real statistics)",
    ))
