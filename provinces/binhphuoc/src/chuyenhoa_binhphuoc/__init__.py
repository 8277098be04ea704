"""chuyenhoa province pack for Bình Phước.

The plans are data (``plans/*.toml``): the UBND tỉnh plan launching the 2024
emulation movement on crime prevention and hotspot transformation (the copy in
the sources prints no number; the pack calls it ``KH-UBND-BP-2024``), and
Kế hoạch 38/KH-UBND of 07/02/2023 as a news item reports it.  Every value cites
its clause and quotes the text.  The geography is generated from GSO codes by
``tools/generate_geography.py``; the sample is synthetic.  The hotspot method is
the national one (7488/KH-UBND), except that the 2024 plan sets a minimum of one
hotspot per district (its §II.5), above the strict 15 % cap in Thị xã Bình Long.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from chuyenhoa import ProvinceSpec, hookimpl

HERE = Path(__file__).parent


@hookimpl
def chuyenhoa_register_provinces(register: Callable[[ProvinceSpec], None]) -> None:
    register(ProvinceSpec.from_folder(
        HERE, slug="binhphuoc", name="Bình Phước", code="70",
        sample_description="Dữ liệu mẫu GIẢ LẬP cho Bình Phước 2022–2024, không phải số liệu thật",
    ))
