"""Write the SYNTHETIC sample of the Tuyên Quang pack for 2024–2026, on both maps: every figure is invented.

From 01/07/2025 Tuyên Quang includes Hà Giang (Nghị quyết 202/2025/QH15), and the pack has no
plan of its own for 2025 on: the national plan applies (the built-in ``chuyenhoa_default_plan``).
This sample lets ``chuyenhoa evaluate --province tuyenquang --year 2026`` (and 2025) run out of the
box, and shows a history across the merger: 2024 on the old codes of the provinces the new one
was formed from, 2025–2026 on the new codes, a commune transformed in 2024 followed under its
successor, the "crime decreased" gate of 2025 against the sum of the old communes' 2024
figures (and not assessable where an old commune passed only in part), relapses on both sides.
The story is :func:`chuyenhoa.packs.sample_story.merger_story`, checked by recomputing it;
the pack's tests check that the committed files are what this script writes.

The communes are the real units of the GSO lists shipped with chuyenhoa (their codes and names
are public data); all the numbers next to them are synthetic and must never be read as
statistics of those places.

Usage (from the repository root)::

    PYTHONPATH=src python provinces/tuyenquang/tools/make_sample_2025.py
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from chuyenhoa.packs.sample_story import MergerMaps, Pack, merger_readme, write_merger_sample

PACK = Pack("tuyenquang", "Tuyên Quang", Path(__file__).resolve().parents[1])
SCRIPT = "provinces/tuyenquang/tools/make_sample_2025.py"
#: The seed of every draw: the number of the resolution that merged the provinces, 202/2025/QH15.
SEED = 202


def readme(maps: MergerMaps, lines: Sequence[str]) -> str:
    return merger_readme(maps, lines, script=SCRIPT, seed=SEED, name=PACK.name)


def main(argv: Sequence[str] | None = None) -> int:
    return write_merger_sample(argv, PACK, SEED, readme=readme)


if __name__ == "__main__":
    sys.exit(main())
