"""National benchmark: every commune of Việt Nam (pre-2025 list) for ten years, in and out of process.

Why this exists: the project promises that a whole country's data (63 provinces,
about 10,000 communes, ten years: some 100,000 commune-years) loads, is checked,
selected and evaluated in under a second on one core, and that one province's
``chuyenhoa evaluate`` command feels instant (under 0.35 s wall).  Promises of that
kind rot silently unless a script measures them the same way every time, on data
of the real shape: real GSO commune codes and district sizes, every column of the
contract, the CSV a user would type.

What it does (``python benchmarks/bench_national.py --help``):

1. Generates SYNTHETIC data (``chuyenhoa.packs.synthetic``) over every commune of the
   national list chuyenhoa ships (GSO codes of 2025-01-04, generated from
   ``vietnam-provinces==0.6.0``): per province one geography snapshot, one
   ``communes`` CSV with the ``hotspot`` column (approved lists), the same rows
   without it (selection is then proposed), and one ``province`` CSV.  Generation
   is timed and reported, but is not part of the measured run.
2. In process, pinned to one core, best pass of ``--repeat``; a pass is
   ``load_dataset`` for all provinces (fresh objects every pass), then
   ``evaluate_dataset`` for every province and year with one
   ``PluginHost(autoload=False)`` and a national plan built in code.  Once with
   approved lists (checked against the cap), once with proposed selection.  A
   ``csv.reader`` pass over the same files is timed too, to calibrate the host.
3. Out of process, wall clock, best and median of ``--runs``:
   ``chuyenhoa evaluate --province tayninh``, against ``python -c pass`` and
   ``python -c "import chuyenhoa"`` so interpreter start-up can be told apart.
   ``--python`` picks the interpreter (its venv's ``chuyenhoa`` script is used when
   installed); ``--command-only`` / ``--skip-command`` run one part.

Every figure the data yields is invented; none is a real crime statistic.
"""

from __future__ import annotations

import argparse
import cProfile
import csv
import datetime as dt
import gc
import io
import json
import os
import platform
import pstats
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SRC_DIRS = (ROOT / "src", ROOT / "provinces" / "tayninh" / "src")
for _path in reversed(SRC_DIRS):  # run from a checkout without installing anything
    if _path.is_dir() and str(_path) not in sys.path:
        sys.path.insert(0, str(_path))

from chuyenhoa.method.engine import evaluate_dataset  # noqa: E402
from chuyenhoa.model import Geography, Period, Plan, Source  # noqa: E402
from chuyenhoa.output.files import write_atomic  # noqa: E402
from chuyenhoa.packs.synthetic import (  # noqa: E402
    COMMUNE_COLUMNS,
    PROVINCE_COLUMNS,
    generate_communes,
    generate_province,
    write_csv,
)
from chuyenhoa.plugins.host import PluginHost  # noqa: E402
from chuyenhoa.reading.dataset import Dataset, load_dataset  # noqa: E402
from chuyenhoa.reading.geography import load_geography  # noqa: E402

GOAL_IN_PROCESS_S = 1.0  # per 100,000 commune-years: load + select + evaluate
#: The day whose national list the benchmark runs on: the 63 provinces and 10,051 communes of 04/01/2025.
NATIONAL_MAP_DATE = dt.date(2025, 1, 4)
GOAL_ROWS = 100_000
GOAL_COMMAND_S = 0.35  # median wall time of `chuyenhoa evaluate --province tayninh`
AS_OF = dt.date(2025, 1, 1)  # fixed, so every run evaluates the same timeline
PROPOSED_COLUMNS = tuple(c for c in COMMUNE_COLUMNS if c != "hotspot")


class ProvinceInput:
    """The generated files of one province and its geography."""

    __slots__ = ("communes", "communes_proposed", "geography", "province_csv", "rows")

    def __init__(self, geography: Geography, communes: Path, communes_proposed: Path,
                 province_csv: Path, rows: int) -> None:
        self.geography, self.communes, self.communes_proposed = geography, communes, communes_proposed
        self.province_csv, self.rows = province_csv, rows


# --- 1. generation --------------------------------------------------------------------------


def generate(workdir: Path, years: Sequence[int], limit: int | None = None) -> list[ProvinceInput]:
    """Write every province's snapshot and CSVs under ``workdir``; the seed is the province code.

    The geography goes through the snapshot JSON and ``load_geography`` on purpose:
    that is the path a pack's geography takes, so the benchmark checks codes the
    way a user's run would.
    """
    from progress import progress

    from chuyenhoa.packs.scaffold import snapshot_of
    from chuyenhoa.reading.geography import snapshot_on

    inputs: list[ProvinceInput] = []
    # the years are 2015–2024: the three-level list of 63 provinces of 04/01/2025 (the last before the
    # reform), from the dated national lists chuyenhoa ships (src/chuyenhoa/data/geography/)
    national = snapshot_on(NATIONAL_MAP_DATE)
    provinces = list(national.provinces[:limit] if limit else national.provinces)
    files = {p.code: snapshot_of(p, national) for p in provinces}
    with progress("Sinh dữ liệu giả lập", sum(len(f["communes"]) for f in files.values()) * len(years)) as advance:
        for province in provinces:
            code = int(province.code)
            folder = workdir / f"p{code:02d}"
            snapshot_path = folder / "geography.json"
            write_atomic(snapshot_path, json.dumps(files[province.code], ensure_ascii=False), make_folder=True)
            geography = load_geography(snapshot_path, f"p{code:02d}")
            advance(len(geography.communes) * len(years))
            rows = generate_communes(geography, years, seed=code)
            communes = folder / "communes.csv"
            proposed = folder / "communes_proposed.csv"
            province_csv = folder / "province.csv"
            write_csv(rows, communes, COMMUNE_COLUMNS)
            write_csv(rows, proposed, PROPOSED_COLUMNS)
            write_csv(generate_province(years, seed=code), province_csv, ("year", *PROVINCE_COLUMNS))
            inputs.append(ProvinceInput(geography, communes, proposed, province_csv, len(rows)))
    return inputs


def national_plan(years: Sequence[int]) -> Plan:
    """A plan with no targets of its own: the method and programme goals come from the built-in plugin."""
    source = Source("BENCH", "synthetic")
    return Plan(
        id="BENCH",
        province="national",
        title="Synthetic national benchmark plan (not a real document)",
        issuer="chuyenhoa benchmark",
        date=dt.date(min(years), 1, 1),
        years=tuple(years),
        period=Period(dt.date(min(years), 1, 1), dt.date(max(years), 12, 31), source),
    )


# --- 2. in process ----------------------------------------------------------------------------


def load_all(inputs: Sequence[ProvinceInput], proposed: bool) -> list[Dataset]:
    """Every province through ``load_dataset``, the same checked path a user's file takes."""
    return [
        load_dataset(p.communes_proposed if proposed else p.communes, p.geography,
                     province_data=p.province_csv, synthetic=True)
        for p in inputs
    ]


def evaluate_all(inputs: Sequence[ProvinceInput], datasets: Sequence[Dataset], plan: Plan,
                 host: PluginHost, expect_proposed: bool) -> dict[str, int]:
    """Every province × year; returns counts so a broken run cannot pass as a fast one."""
    hotspots = transformed = 0
    for province, dataset in zip(inputs, datasets, strict=True):
        for year in plan.years:
            result = evaluate_dataset(plan, province.geography, dataset, year, as_of=AS_OF, host=host)
            if result.selection.proposed is not expect_proposed:
                raise RuntimeError(f"{province.geography.province.slug} {year}: selection.proposed is "
                                   f"{result.selection.proposed}, expected {expect_proposed}")
            hotspots += len(result.hotspots)
            transformed += sum(1 for h in result.hotspots if h.transformed is True)
    return {"hotspots": hotspots, "transformed": transformed}


def best_of(repeat: int, work: Callable[[], Any]) -> tuple[float, list[float], Any]:
    """Best wall time of ``repeat`` calls (perf_counter), all times, and the last value.

    The collector stays on, as it is in a real run; a full collection before each
    call keeps garbage of the previous call from being charged to this one.
    """
    times: list[float] = []
    value: Any = None
    for _ in range(repeat):
        value = None
        gc.collect()
        start = time.perf_counter()
        value = work()
        times.append(time.perf_counter() - start)
    return min(times), times, value


def timed_passes(repeat: int, inputs: Sequence[ProvinceInput], plan: Plan, host: PluginHost,
                 proposed: bool) -> dict[str, Any]:
    """Best of ``repeat`` passes, each loading FRESH datasets and then evaluating every year.

    A dataset may memoise what it has computed (earlier years' outcomes); evaluating
    the same objects again would time the memo, not the work.  Within a pass the
    ten years share one dataset, as they do when a user evaluates year after year.
    """
    runs: list[tuple[float, float]] = []
    counts: dict[str, int] = {}
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        datasets = load_all(inputs, proposed)
        loaded = time.perf_counter()
        counts = evaluate_all(inputs, datasets, plan, host, proposed)
        runs.append((loaded - start, time.perf_counter() - loaded))
        del datasets
    load_s, eval_s = min(runs, key=sum)
    return {"load_s": load_s, "select_evaluate_s": eval_s, "total_s": load_s + eval_s,
            "passes_s": [list(r) for r in runs], **counts}


def pin_one_core() -> str:
    """Pin this process (and the commands it starts) to one CPU, where the OS allows it."""
    if not hasattr(os, "sched_setaffinity"):
        return "not pinned (no sched_setaffinity on this OS)"
    cpu = min(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {cpu})
    return f"pinned to CPU {cpu}"


def csv_floor(inputs: Sequence[ProvinceInput]) -> int:
    """Read, decode, ``csv.reader`` and transpose the communes files: a fixed, library-independent job.

    Reported beside ``load_dataset`` to calibrate the host: on a noisy or slower
    machine both move together, so two reports can be compared through it.  The
    collector is off while it runs so that the figure measures the CPU, not how
    many objects the benchmark happens to hold.
    """
    cells = 0
    gc.disable()
    try:
        for province in inputs:
            text = province.communes.read_bytes().decode("utf-8-sig")
            rows = list(csv.reader(io.StringIO(text, newline="")))
            columns = [list(column) for column in zip(*rows[1:], strict=True)]
            cells += len(columns) * (len(rows) - 1)
            del rows, columns
    finally:
        gc.enable()
    return cells


def reset_peak_rss() -> bool:
    """Set this process's peak resident memory back to its current one, so that the peak read afterwards is
    that of the work done since (Linux ≥ 4.0: ``/proc/self/clear_refs``); False where it cannot be."""
    try:
        Path("/proc/self/clear_refs").write_text("5", encoding="ascii")
    except OSError:
        return False
    return True


def current_rss_mb() -> float | None:
    """Resident memory of this process now (VmRSS; None off Linux)."""
    try:
        for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def peak_rss_mb() -> float | None:
    """Peak resident memory of this process: VmHWM on Linux (reset by :func:`reset_peak_rss`), else ru_maxrss
    (Unix only; KiB on Linux, bytes on macOS), the peak since the process started."""
    try:
        for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    try:
        import resource
    except ImportError:  # pragma: no cover - Windows
        return None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def profile_pass(inputs: Sequence[ProvinceInput], plan: Plan, host: PluginHost, top: int) -> str:
    """cProfile of one load + evaluate pass (approved lists), top functions by own and cumulative time."""
    profiler = cProfile.Profile()
    profiler.enable()
    datasets = load_all(inputs, proposed=False)
    evaluate_all(inputs, datasets, plan, host, expect_proposed=False)
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("tottime").print_stats(top)
    stats.sort_stats("cumulative").print_stats(top)
    return out.getvalue()


# --- 3. out of process ------------------------------------------------------------------------


def _shim_site(directory: Path) -> Path:
    """Minimal ``.dist-info`` folders so entry points and versions resolve from a source tree.

    ``chuyenhoa`` finds packs through the ``chuyenhoa`` entry-point group, which
    PYTHONPATH alone does not provide; these two folders are what an install
    would write for metadata, so the command does the same discovery work as an
    installed one.
    """
    site = directory / "shim-site"
    for name, version, entry_points in (
        ("chuyenhoa", "0.1.0", "[console_scripts]\nchuyenhoa = chuyenhoa.cli.fast:main\n"),
        ("chuyenhoa_tayninh", "0.1.0", "[chuyenhoa]\ntayninh = chuyenhoa_tayninh\n"),
    ):
        info = site / f"{name}-{version}.dist-info"
        info.mkdir(parents=True, exist_ok=True)
        (info / "METADATA").write_text(
            f"Metadata-Version: 2.1\nName: {name.replace('_', '-')}\nVersion: {version}\n", encoding="utf-8")
        (info / "entry_points.txt").write_text(entry_points, encoding="utf-8")
    return site


def command_setup(workdir: Path, python: str) -> tuple[list[str], dict[str, str], str]:
    """The command to time, its environment, and a sentence saying which was chosen.

    With ``PYTHONDONTWRITEBYTECODE`` set (common in containers and CI) a source
    tree is recompiled on every start, which no installed user pays (pip writes
    the ``.pyc`` files); bytecode then goes to a private ``PYTHONPYCACHEPREFIX``
    so the timing is that of a normal install and the checkout stays clean.
    """
    env = {k: v for k, v in os.environ.items() if k != "CHUYENHOA_DISABLE_PLUGIN_AUTOLOAD"}
    notes = []
    if env.pop("PYTHONDONTWRITEBYTECODE", None) or sys.flags.dont_write_bytecode:
        env["PYTHONPYCACHEPREFIX"] = str(workdir / "pycache")
        notes.append("PYTHONDONTWRITEBYTECODE was set: bytecode cached under a private "
                     "PYTHONPYCACHEPREFIX, as after pip install")
    script = Path(python).with_name("chuyenhoa.exe" if os.name == "nt" else "chuyenhoa")
    if script.exists():
        return [str(script)], env, "; ".join([f"console script {script}", *notes])
    probe = ("from importlib.metadata import entry_points; "
             "print(any(e.name == 'tayninh' for e in entry_points(group='chuyenhoa')))")
    paths = [str(p) for p in SRC_DIRS]
    env["PYTHONPATH"] = os.pathsep.join([*paths, env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    found = subprocess.run([python, "-c", probe], env=env, capture_output=True, text=True,
                           check=False).stdout.strip() == "True"
    how = f"{python} -m chuyenhoa, PYTHONPATH={os.pathsep.join(paths)}"
    if not found:
        site = _shim_site(workdir)
        env["PYTHONPATH"] = os.pathsep.join([str(site), env["PYTHONPATH"]])
        how += f" + metadata shim {site.name} (chuyenhoa not installed: entry points emulated)"
    return [python, "-m", "chuyenhoa"], env, "; ".join([how, *notes])


def time_process(argv: Sequence[str], env: dict[str, str], runs: int) -> dict[str, Any]:
    """Wall time of ``runs`` runs after one untimed warm-up (page cache, ``__pycache__``)."""
    times: list[float] = []
    for attempt in range(runs + 1):
        start = time.perf_counter()
        done = subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
        elapsed = time.perf_counter() - start
        if done.returncode != 0:
            raise RuntimeError(f"{' '.join(argv)} exited {done.returncode}: {done.stderr.decode()[-500:]}")
        if attempt:
            times.append(elapsed)
    return {"best_s": min(times), "median_s": statistics.median(times), "runs": times}


# --- report -----------------------------------------------------------------------------------


def machine() -> dict[str, Any]:
    """What the figures were measured on: without it a number cannot be compared with another."""
    return {
        "platform": platform.platform(),
        "processor": platform.processor() or _cpu_model() or "unknown",
        "cpu_count": os.cpu_count(),
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        "numpy": _version_of("numpy"),
        "executable": sys.executable,
    }


def _version_of(distribution: str) -> str:
    """The installed version of a library the timings depend on, or "absent"."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(distribution)
    except PackageNotFoundError:
        return "absent"


def _cpu_model() -> str | None:
    """``platform.processor()`` is empty on most Linux; /proc/cpuinfo names the CPU."""
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return None


def _spread(variant: dict[str, Any]) -> float:
    """How much slower the slowest pass was than the fastest: the host's noise, shown beside the figures."""
    return max(map(sum, variant["passes_s"])) / variant["total_s"] - 1


def verdict(ok: bool) -> str:
    """PASS/MISS beside a goal, so a regression shows without reading the numbers."""
    return "PASS" if ok else "MISS"


def in_process(args: argparse.Namespace, workdir: Path, years: list[int]) -> dict[str, Any]:
    """Generate the national data, then time load and select + evaluate, approved and proposed."""
    start = time.perf_counter()
    inputs = generate(workdir, years, args.provinces)
    generation_s = time.perf_counter() - start
    rows = sum(p.rows for p in inputs)
    plan = national_plan(years)
    host = PluginHost(autoload=False)
    calibration_before = best_of(args.repeat, lambda: csv_floor(inputs))[0]
    figures: dict[str, Any] = {
        "years": [years[0], years[-1]], "provinces": len(inputs),
        "communes": sum(len(p.geography.communes) for p in inputs), "commune_years": rows,
        "generation_s": generation_s, "repeat": args.repeat,
    }
    # the peak over the measured passes only: generation and calibration hold every row as strings
    gc.collect()
    figures["rss_before_passes_mb"] = current_rss_mb()
    figures["peak_rss_reset"] = reset_peak_rss()
    for variant, proposed in (("approved", False), ("proposed", True)):
        best = timed_passes(args.repeat, inputs, plan, host, proposed)
        best["rows_per_s"] = rows / best["total_s"]
        best["per_100k_s"] = best["total_s"] * GOAL_ROWS / rows
        figures[variant] = best
    figures["peak_rss_mb"] = peak_rss_mb()
    figures["calibration_s"] = [calibration_before, best_of(args.repeat, lambda: csv_floor(inputs))[0]]
    if args.profile:
        figures["profile"] = profile_pass(inputs, plan, host, args.profile)
    return figures


def out_of_process(args: argparse.Namespace, workdir: Path) -> dict[str, Any]:
    """The command, and the two baselines that tell interpreter and import cost apart."""
    argv_cmd, env, how = command_setup(workdir, args.python)
    return {
        "how": how,
        "evaluate": time_process([*argv_cmd, "evaluate", "--province", "tayninh"], env, args.runs),
        "python_pass": time_process([args.python, "-c", "pass"], env, args.runs),
        "import_chuyenhoa": time_process([args.python, "-c", "import chuyenhoa"], env, args.runs),
    }


def main(argv: Sequence[str] | None = None) -> int:
    """Parse options, run the chosen parts, print the table; generated data are removed unless kept."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--years", type=int, default=10, help="years ending 2024 (default 10: 2015–2024)")
    parser.add_argument("--repeat", type=int, default=3, help="in-process repetitions; the best counts")
    parser.add_argument("--runs", type=int, default=10, help="timed runs of each command")
    parser.add_argument("--provinces", type=int, default=None, help="only the first N provinces (quick check)")
    parser.add_argument("--json", type=Path, default=None, help="write the figures to this file")
    parser.add_argument("--workdir", type=Path, default=None,
                        help="keep the generated data here (default: a temporary directory, removed)")
    parser.add_argument("--profile", type=int, default=0, metavar="N",
                        help="also print the top N functions of a cProfile'd pass")
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--skip-command", action="store_true", help="only the in-process timings")
    which.add_argument("--command-only", action="store_true", help="only the subprocess timings")
    parser.add_argument("--python", default=sys.executable,
                        help="interpreter for the command timings (its venv's chuyenhoa script is used "
                        "if installed); default: this one")
    args = parser.parse_args(argv)

    figures: dict[str, Any] = {"machine": machine(), "affinity": pin_one_core()}
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="chuyenhoa-bench-"))
    try:
        if not args.command_only:
            figures["in_process"] = in_process(args, workdir, list(range(2025 - args.years, 2025)))
        if not args.skip_command:
            figures["command"] = out_of_process(args, workdir)
    finally:
        if args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)
    profile = figures.get("in_process", {}).pop("profile", None)
    report(figures)
    if profile:
        print(f"\ncProfile of one load + evaluate pass (approved lists), top {args.profile}:")
        print(profile)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(figures, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"figures written to {args.json}")
    return 0


def report(figures: dict[str, Any]) -> None:
    """The compact table: one screen, goals beside the figures they judge."""
    m = figures["machine"]
    print(f"machine : {m['platform']} | {m['processor']} | {m['cpu_count']} CPUs | {m['python']} | NumPy {m['numpy']}")
    f = figures.get("in_process")
    if f:
        print(f"process : {figures['affinity']}, gc on, best pass of {f['repeat']} (fresh datasets each pass)")
        print(f"data    : SYNTHETIC, {f['provinces']} provinces, {f['communes']:,} communes × "
              f"{f['years'][0]}–{f['years'][1]} = {f['commune_years']:,} commune-years "
              f"(generated in {f['generation_s']:.1f} s, not measured)")
        print()
        print(f"{'in process (one core)':<34}{'approved':>10}{'proposed':>10}")
        a, p = f["approved"], f["proposed"]
        for label, key, fmt in (("load_dataset, all provinces (s)", "load_s", "{:.3f}"),
                                ("select + evaluate, all years (s)", "select_evaluate_s", "{:.3f}"),
                                ("total (s)", "total_s", "{:.3f}"),
                                ("total per 100,000 rows (s)", "per_100k_s", "{:.3f}"),
                                ("rows / second", "rows_per_s", "{:,.0f}"),
                                ("hotspots evaluated", "hotspots", "{:,}")):
            print(f"  {label:<32}{fmt.format(a[key]):>10}{fmt.format(p[key]):>10}")
        print(f"  calibration (csv.reader + transpose of the same files, before/after): "
              f"{f['calibration_s'][0]:.3f}/{f['calibration_s'][1]:.3f} s; "
              f"slowest/fastest pass {_spread(a):.0%}/{_spread(p):.0%}")
        peak = f"{f['peak_rss_mb'] or 0:.0f} MB over the measured passes" if f.get("peak_rss_reset") else \
            f"{f['peak_rss_mb'] or 0:.0f} MB (the whole process: it could not be reset after generation)"
        print(f"  peak RSS {peak}; {f.get('rss_before_passes_mb') or 0:.0f} MB held before them")
        print(f"  goal: < {GOAL_IN_PROCESS_S:g} s per {GOAL_ROWS:,} commune-years (load + select + evaluate): "
              f"approved {verdict(a['per_100k_s'] < GOAL_IN_PROCESS_S)}, "
              f"proposed {verdict(p['per_100k_s'] < GOAL_IN_PROCESS_S)}")
    c = figures.get("command")
    if c:
        print()
        print(f"command : {c['how']}")
        print(f"{'process wall time':<34}{'best':>10}{'median':>10}")
        for label, key in (("chuyenhoa evaluate -p tayninh", "evaluate"), ("python -c pass", "python_pass"),
                           ('python -c "import chuyenhoa"', "import_chuyenhoa")):
            print(f"  {label:<32}{c[key]['best_s']:>10.3f}{c[key]['median_s']:>10.3f}")
        ev, base, imp = c["evaluate"]["median_s"], c["python_pass"]["median_s"], c["import_chuyenhoa"]["median_s"]
        print(f"  of the command's median: interpreter {base:.3f} s, import chuyenhoa {imp - base:.3f} s, "
              f"the rest (CLI, discovery, plan, load, evaluate, render) {ev - imp:.3f} s")
        print(f"  goal: median < {GOAL_COMMAND_S:g} s wall: {verdict(ev < GOAL_COMMAND_S)}")


if __name__ == "__main__":
    sys.exit(main())
