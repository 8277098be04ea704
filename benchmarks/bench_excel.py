"""Excel benchmark: reading a 100,000-row workbook with chuyenhoa's reader (calamine) against openpyxl.

Why this exists: issue 5 promises that a workbook of 100,000 commune-years reads
in seconds, not minutes.  The reader was chosen for that (python-calamine, a Rust
parser); this script measures the choice against openpyxl, the usual Python
reader, on the same file, every time the same way, and prints the ratio.

What it does (``python benchmarks/bench_excel.py --help``):

1. Generates SYNTHETIC commune-years (``chuyenhoa.packs.synthetic``) for a made-up
   province of ``--communes`` communes (100 per district) over ``--years`` years,
   and writes them as the ``communes`` sheet of an .xlsx file the way a person's
   workbook holds them: counts and rates as numbers, flags as "có"/"không", codes
   as text.  A second file has every rate formatted as a percentage (Excel's
   "75%"), the case that makes the reader scan the sheet's XML for percent cells.
   Generation and writing are timed and reported, not measured.
2. Times, best of ``--repeat`` passes each, on one core:
   - ``calamine``: ``CalamineWorkbook.from_path(...).get_sheet_by_name("communes").to_python()``;
   - ``read_table``: chuyenhoa's reader (calamine, the percent scan, the header
     search, cells into columns);
   - ``load_dataset``: the whole load (headers to ids, every cell parsed and
     checked against the geography);
   - ``load + evaluate``: the load, then ``evaluate_dataset`` for every year
     (approved lists, the national method), what ``chuyenhoa evaluate`` does;
   - ``openpyxl read-only``: ``load_workbook(read_only=True, data_only=True)`` and
     every row's values, openpyxl's fastest way to read;
   - ``openpyxl``: the default mode, with ``--openpyxl-full`` only (minutes and
     gigabytes at this size).
3. Prints the machine, the figures, and the ratios openpyxl / calamine.

Every figure the data yield is invented; none is a real crime statistic.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import os
import platform
import sys
import tempfile
import time
from collections.abc import Callable
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT / "src") not in sys.path:  # run from a checkout without installing anything
    sys.path.insert(0, str(ROOT / "src"))

from chuyenhoa.model import Commune, District, Geography, Province, ValueKind  # noqa: E402
from chuyenhoa.packs.synthetic import COMMUNE_COLUMNS, generate_communes  # noqa: E402
from chuyenhoa.reading.dataset import load_dataset  # noqa: E402
from chuyenhoa.reading.indicators import CORE_INDICATORS  # noqa: E402
from chuyenhoa.reading.tables import read_table  # noqa: E402

GOAL_S = 10.0  # "seconds, not minutes": the whole load of 100,000 rows, and the load with every year evaluated


def geography(communes: int) -> Geography:
    """A made-up province: ``communes`` communes, 100 to a district."""
    districts = [District(str(100 + d), f"Huyện {d + 1}", "huyen") for d in range(-(-communes // 100))]
    units = [Commune(f"{10_000 + i:05d}", f"Xã Số {i + 1}", "xa", districts[i // 100].code) for i in range(communes)]
    return Geography(Province("bench", "99", "Tỉnh Thử"), dt.date(2025, 1, 4), districts, units, "bench_excel.py")


def typed(column: str, text: str) -> object:
    """A synthetic string cell as a person's workbook holds it."""
    if text == "" or column in ("commune_code", "commune_name"):
        return text or None
    kind = CORE_INDICATORS[column].kind
    if kind is ValueKind.COUNT:
        return int(text)
    if kind is ValueKind.RATE:
        return float(text)
    return text


def write_workbook(path: Path, rows: list[dict[str, str]], percent: bool) -> None:
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path), {"constant_memory": True, "strings_to_numbers": False})
    ws = book.add_worksheet("communes")
    percent_format = book.add_format({"num_format": "0.0%"})
    rates = {c for c in COMMUNE_COLUMNS if CORE_INDICATORS[c].kind is ValueKind.RATE}
    ws.write_row(0, 0, [f"{CORE_INDICATORS[c].label} ({c})" for c in COMMUNE_COLUMNS])
    for r, row in enumerate(rows, start=1):
        for c, column in enumerate(COMMUNE_COLUMNS):
            value = typed(column, row[column])
            if value is None:
                continue
            if isinstance(value, str):
                ws.write_string(r, c, value)
            elif percent and column in rates:
                ws.write_number(r, c, value / 100, percent_format)
            else:
                ws.write_number(r, c, value)
    book.close()


def best(repeat: int, work: Callable[[], object]) -> tuple[float, list[float]]:
    """The fastest of ``repeat`` passes, and every pass; the result is dropped before the next one."""
    times: list[float] = []
    for _ in range(max(repeat, 1)):
        gc.collect()
        start = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - start)
        del result
    return min(times), times


def machine() -> dict[str, object]:
    cpu = platform.processor() or "?"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            cpu = next((line.split(":", 1)[1].strip() for line in handle if line.startswith("model name")), cpu)
    except OSError:
        pass
    versions = {}
    for name in ("python-calamine", "openpyxl", "XlsxWriter"):
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = None
    return {"python": platform.python_version(), "implementation": platform.python_implementation(),
            "system": f"{platform.system()} {platform.release()}", "cpu": cpu, "cpus": os.cpu_count(),
            "versions": versions}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--communes", type=int, default=10_000)
    parser.add_argument("--years", type=int, default=10, help="years ending 2024")
    parser.add_argument("--repeat", type=int, default=3, help="passes per reader; the best counts")
    parser.add_argument("--openpyxl-repeat", type=int, default=1, help="passes of openpyxl (slow)")
    parser.add_argument("--openpyxl-full", action="store_true", help="also time openpyxl's default mode")
    parser.add_argument("--workdir", type=Path, help="keep the generated workbooks here")
    parser.add_argument("--json", type=Path, help="also write every figure to this file")
    args = parser.parse_args(argv)

    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="bench_excel."))
    workdir.mkdir(parents=True, exist_ok=True)
    geo = geography(args.communes)
    years = list(range(2025 - args.years, 2025))
    start = time.perf_counter()
    rows = generate_communes(geo, years, seed=5)
    generated = time.perf_counter() - start
    files = {"plain": workdir / "communes.xlsx", "percent": workdir / "communes-percent.xlsx"}
    start = time.perf_counter()
    for name, path in files.items():
        write_workbook(path, rows, percent=name == "percent")
    written = time.perf_counter() - start
    figures: dict[str, object] = {"machine": machine(), "rows": len(rows), "columns": len(COMMUNE_COLUMNS),
                                  "generate_s": generated, "write_s": written,
                                  "file_mb": {k: p.stat().st_size / 1e6 for k, p in files.items()}, "timings": {}}
    print(f"SYNTHETIC data: {len(rows):,} commune-years × {len(COMMUNE_COLUMNS)} columns "
          f"(generated in {generated:.1f} s, both workbooks written in {written:.1f} s)")
    print(f"machine: {figures['machine']}")
    timings: dict[str, dict[str, object]] = figures["timings"]  # type: ignore[assignment]

    import openpyxl
    import python_calamine

    def calamine(path: Path) -> object:
        return python_calamine.CalamineWorkbook.from_path(str(path)).get_sheet_by_name("communes").to_python(
            skip_empty_area=False)

    def openpyxl_read_only(path: Path) -> object:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        rows = [row for row in book["communes"].iter_rows(values_only=True)]
        book.close()
        return rows

    def openpyxl_full(path: Path) -> object:
        book = openpyxl.load_workbook(path, data_only=True)
        return [row for row in book["communes"].iter_rows(values_only=True)]

    from bench_national import AS_OF, national_plan

    from chuyenhoa.method.engine import evaluate_dataset
    from chuyenhoa.plugins.host import PluginHost

    plan, host = national_plan(years), PluginHost(autoload=False)

    def load_and_evaluate(path: Path) -> object:
        dataset = load_dataset(path, geo)
        return [len(evaluate_dataset(plan, geo, dataset, year, as_of=AS_OF, host=host).hotspots) for year in years]

    readers: list[tuple[str, Callable[[Path], object], int]] = [
        ("calamine", calamine, args.repeat),
        ("read_table", lambda p: read_table(p, "communes", key="commune_code"), args.repeat),
        ("load_dataset", lambda p: load_dataset(p, geo), args.repeat),
        ("load + evaluate", load_and_evaluate, args.repeat),
        ("openpyxl read-only", openpyxl_read_only, args.openpyxl_repeat),
    ]
    if args.openpyxl_full:
        readers.append(("openpyxl", openpyxl_full, args.openpyxl_repeat))
    for name, path in files.items():
        timings[name] = {}
        for reader, work, repeat in readers:
            fastest, times = best(repeat, lambda work=work, path=path: work(path))
            timings[name][reader] = {"best_s": fastest, "passes_s": times}
            print(f"  {name:8} {reader:20} {fastest:8.2f} s   (passes: {', '.join(f'{t:.2f}' for t in times)})")
    print()
    for name in files:
        t = {k: v["best_s"] for k, v in timings[name].items()}
        ratio_raw = t["openpyxl read-only"] / t["calamine"]
        ratio_reader = t["openpyxl read-only"] / t["read_table"]
        verdict = "PASS" if t["load + evaluate"] < GOAL_S else "MISS"
        print(f"{name:8} openpyxl read-only / calamine = {ratio_raw:.1f}×; / chuyenhoa read_table = "
              f"{ratio_reader:.1f}×; whole load_dataset {t['load_dataset']:.2f} s, with every year evaluated "
              f"{t['load + evaluate']:.2f} s [{verdict}: goal < {GOAL_S:g} s]")
        if "openpyxl" in t:
            print(f"{'':8} openpyxl default mode / calamine = {t['openpyxl'] / t['calamine']:.1f}×")
        timings[name]["ratio_openpyxl_read_only_to_calamine"] = ratio_raw  # type: ignore[assignment]
        timings[name]["ratio_openpyxl_read_only_to_read_table"] = ratio_reader  # type: ignore[assignment]
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2, default=str), encoding="utf-8")
    if not args.workdir:
        for path in files.values():
            path.unlink(missing_ok=True)
        workdir.rmdir()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
