"""Million-row benchmark: one CSV of 1,000,000 commune-years, read and evaluated; time and peak memory per row.

Why this exists: the national benchmark (``bench_national.py``) times 63 files of
about 1,600 rows; a province that keeps twenty years of a large map, or a whole
country's file, is one table of hundreds of thousands of rows.  The promise
there is about memory as much as time: at most 400 bytes of memory per input
row (under 0.5 GB for a million rows), with the time per row no worse than on
the national files.  Memory that grows with the rows is only seen on a file
that large, so this script makes one.

What it does (``python benchmarks/bench_million.py --help``):

1. Generates SYNTHETIC data (``chuyenhoa.packs.synthetic``) for a made-up
   province of ``--communes`` communes (100 to a district, codes 10000…) over
   enough years to make ``--rows`` commune-years (50,000 × 2005–2024 by default),
   a block of 1,000 communes at a time so that generation stays small, and writes
   two CSVs: with the ``hotspot`` column (approved lists) and without it
   (selection is proposed).  Generation is timed and reported, not measured.
2. For each file, in a NEW process pinned to one core (so that the peak memory is
   that of the measured work, never of the generation): imports, builds the
   geography, notes the resident memory, then runs ``--repeat`` passes of
   ``load_dataset`` and ``evaluate_dataset`` for every year.  It reports the
   best pass, the peak resident memory of the process (``VmHWM``; reset after
   the imports where Linux allows it, so the imports' own transients do not
   count), and the bytes per input row, both as the whole peak and as the peak
   above the memory held before the first pass.

Every figure the data yield is invented; none is a real crime statistic.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import gc
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT / "src") not in sys.path:  # run from a checkout without installing anything
    sys.path.insert(0, str(ROOT / "src"))

from chuyenhoa.model import Commune, District, Geography, Province  # noqa: E402
from chuyenhoa.packs.synthetic import COMMUNE_COLUMNS, generate_communes  # noqa: E402

#: at most this many bytes of memory per input row (the peak above what the process held before the first pass)
GOAL_BYTES_PER_ROW = 400
GOAL_PEAK_MB = 500
PER_DISTRICT = 100
BLOCK = 1_000  # communes generated at a time
PROPOSED_COLUMNS = tuple(c for c in COMMUNE_COLUMNS if c != "hotspot")


def geography(communes: int) -> Geography:
    """A made-up province: ``communes`` communes, 100 to a district, codes from 10000."""
    if communes > 89_999:
        raise SystemExit("at most 89,999 communes: codes are five digits from 10000")
    districts = [District(str(100 + d), f"Huyện {d + 1}", "huyen") for d in range(-(-communes // PER_DISTRICT))]
    units = [Commune(f"{10_000 + i:05d}", f"Xã Số {i + 1}", "xa", districts[i // PER_DISTRICT].code)
             for i in range(communes)]
    return Geography(Province("million", "99", "Tỉnh Thử"), dt.date(2025, 1, 4), districts, units,
                     "bench_million.py")


def generate(folder: Path, geo: Geography, years: Sequence[int]) -> dict[str, Path]:
    """Write the approved and the proposed file, a block of communes at a time (each block its own seed)."""
    files = {"approved": folder / "communes.csv", "proposed": folder / "communes_proposed.csv"}
    handles = {name: path.open("w", encoding="utf-8-sig", newline="") for name, path in files.items()}
    try:
        writers = {name: csv.DictWriter(handles[name], fieldnames=list(columns), restval="", extrasaction="ignore",
                                        lineterminator="\n")
                   for name, columns in (("approved", COMMUNE_COLUMNS), ("proposed", PROPOSED_COLUMNS))}
        for writer in writers.values():
            writer.writeheader()
        for block, start in enumerate(range(0, len(geo.communes), BLOCK)):
            communes = geo.communes[start:start + BLOCK]
            codes = {c.district_code for c in communes}
            part = Geography(geo.province, geo.as_of, [d for d in geo.districts if d.code in codes], communes)
            rows = generate_communes(part, years, seed=block)
            for writer in writers.values():
                writer.writerows(rows)
    finally:
        for handle in handles.values():
            handle.close()
    return files


def _status(field: str) -> int | None:
    """A figure of /proc/self/status in bytes (VmRSS, VmHWM); None off Linux."""
    try:
        text = Path("/proc/self/status").read_text(encoding="ascii")
    except OSError:
        return None
    found = re.search(rf"^{field}:\s+(\d+) kB", text, re.MULTILINE)
    return int(found.group(1)) * 1024 if found else None


def _reset_peak() -> bool:
    """Set this process's peak resident memory back to its current one (Linux ≥ 4.0)."""
    try:
        Path("/proc/self/clear_refs").write_text("5", encoding="ascii")
    except OSError:
        return False
    return True


def _peak() -> int:
    """Peak resident memory of this process in bytes: VmHWM, or ru_maxrss where /proc is absent."""
    found = _status("VmHWM")
    if found is not None:
        return found
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024


def measure(path: Path, communes: int, years: list[int], repeat: int) -> dict[str, Any]:
    """In this (fresh) process: ``repeat`` passes of load + evaluate of every year; times and memory."""
    import numpy  # noqa: F401  (loaded by the reader anyway: its import is not memory of the rows)
    from bench_national import AS_OF, national_plan, pin_one_core

    from chuyenhoa.method.engine import evaluate_dataset
    from chuyenhoa.plugins.host import PluginHost
    from chuyenhoa.reading import tables
    from chuyenhoa.reading.dataset import load_dataset

    affinity = pin_one_core()
    notes = [affinity]
    geo = geography(communes)
    plan = national_plan(years)
    host = PluginHost(autoload=False)
    rows = communes * len(years)
    cap = getattr(tables, "MAX_ROWS", None)
    if cap is not None and cap < rows:  # a tree older than issue 17 refuses such a file: lift its cap to time it
        tables.MAX_ROWS = rows  # type: ignore[attr-defined]
        notes.append(f"the tree caps tables at {cap:,} rows: cap lifted to {rows:,} for the measurement")
    gc.collect()
    held = _status("VmRSS") or 0
    reset = _reset_peak()
    if not reset:
        notes.append("peak memory could not be reset: it includes the imports")
    passes: list[dict[str, float]] = []
    hotspots = 0
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        dataset = load_dataset(path, geo, synthetic=True)
        loaded = time.perf_counter()
        hotspots = 0
        for year in years:
            hotspots += len(evaluate_dataset(plan, geo, dataset, year, as_of=AS_OF, host=host).hotspots)
        passes.append({"load_s": loaded - start, "evaluate_s": time.perf_counter() - loaded})
        del dataset
    peak = _peak()
    best = min(passes, key=lambda p: p["load_s"] + p["evaluate_s"])
    total = best["load_s"] + best["evaluate_s"]
    return {
        "rows": rows, "file_mb": path.stat().st_size / 1e6, "passes": passes, **best, "total_s": total,
        "per_100k_s": total * 100_000 / rows, "hotspots": hotspots,
        "held_before_mb": held / 1e6, "peak_rss_mb": peak / 1e6,
        "bytes_per_row": (peak - held) / rows, "peak_bytes_per_row": peak / rows, "peak_reset": reset,
        "notes": notes,
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--rows", type=int, default=1_000_000, help="commune-years (default 1,000,000)")
    parser.add_argument("--communes", type=int, default=50_000, help="communes of the made-up province")
    parser.add_argument("--repeat", type=int, default=1, help="passes in each measuring process; the best counts")
    parser.add_argument("--variant", choices=("approved", "proposed", "both"), default="both")
    parser.add_argument("--workdir", type=Path, default=None, help="keep (and reuse) the generated files here")
    parser.add_argument("--json", type=Path, default=None, help="write the figures to this file")
    parser.add_argument("--child", type=Path, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    years = list(range(2025 - max(1, args.rows // args.communes), 2025))
    if args.child is not None:
        print(json.dumps(measure(args.child, args.communes, years, args.repeat)))
        return 0

    from bench_national import machine

    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="chuyenhoa-million-"))
    workdir.mkdir(parents=True, exist_ok=True)
    figures: dict[str, Any] = {"machine": machine(), "communes": args.communes, "years": [years[0], years[-1]]}
    try:
        stamp = workdir / f"generated-{args.communes}-{years[0]}-{years[-1]}"
        files = {"approved": workdir / "communes.csv", "proposed": workdir / "communes_proposed.csv"}
        start = time.perf_counter()
        if not stamp.exists():
            files = generate(workdir, geography(args.communes), years)
            stamp.write_text("", encoding="utf-8")
        figures["generation_s"] = time.perf_counter() - start
        print(f"data    : SYNTHETIC, {args.communes:,} communes × {years[0]}–{years[-1]} = "
              f"{args.communes * len(years):,} commune-years, {files['approved'].stat().st_size / 1e6:.0f} MB "
              f"(generated in {figures['generation_s']:.0f} s, not measured)")
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(
            [str(ROOT / "src"), str(Path(__file__).parent), os.environ.get("PYTHONPATH", "")]).rstrip(os.pathsep)}
        for variant in ("approved", "proposed") if args.variant == "both" else (args.variant,):
            done = subprocess.run([sys.executable, __file__, "--child", str(files[variant]), "--rows", str(args.rows),
                                   "--communes", str(args.communes), "--repeat", str(args.repeat)],
                                  env=env, capture_output=True, text=True, check=False)
            if done.returncode:
                raise RuntimeError(f"{variant}: the measuring process failed: {done.stderr[-2000:]}")
            figures[variant] = json.loads(done.stdout.strip().splitlines()[-1])
    finally:
        if args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)
    report(figures)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(figures, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"figures written to {args.json}")
    return 0


def report(figures: dict[str, Any]) -> None:
    m = figures["machine"]
    print(f"machine : {m['platform']} | {m['processor']} | {m['cpu_count']} CPUs | {m['python']} | NumPy {m['numpy']}")
    for variant in ("approved", "proposed"):
        f = figures.get(variant)
        if not f:
            continue
        print(f"\n{variant} lists, one process, best of {len(f['passes'])} pass(es); {'; '.join(f['notes'])}")
        print(f"  load_dataset {f['load_s']:.2f} s, evaluate {len(range(*figures['years'])) + 1} years "
              f"{f['evaluate_s']:.2f} s, total {f['total_s']:.2f} s = {f['per_100k_s']:.3f} s per 100,000 rows "
              f"({f['hotspots']:,} hotspots evaluated)")
        print(f"  memory: {f['held_before_mb']:.0f} MB held before the first pass, peak {f['peak_rss_mb']:.0f} MB "
              f"({f['peak_bytes_per_row']:.0f} B per row); above what was held: {f['bytes_per_row']:.0f} B per row")
        ok = f["bytes_per_row"] <= GOAL_BYTES_PER_ROW and f["peak_rss_mb"] < GOAL_PEAK_MB
        print(f"  goal: ≤ {GOAL_BYTES_PER_ROW} B per input row and a peak < {GOAL_PEAK_MB} MB: "
              f"{'PASS' if ok else 'MISS'}")


if __name__ == "__main__":
    sys.exit(main())
