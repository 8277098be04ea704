"""Whole-process benchmark: chuyenhoa's commands as a user runs them, beside the OpenFisca peer and the floor.

Why this exists: most runs of chuyenhoa are one command on one province, and what a person waits for is
the whole process: the interpreter, the imports, the plugins, the plan, the data, the output, the exit.
Issue 17 sets the goals against the peer (``shared/peer/openfisca_hotspots.py``, the same hotspot rule in
OpenFisca, run on the same file): a province's ``chuyenhoa evaluate`` at most half the peer's time,
``chuyenhoa --help`` and ``chuyenhoa provinces`` likewise, and the whole country's file as one command
no slower than the peer.  Start-up regresses silently (one eager import is enough), so the script
measures it the same way every time.

What it does (``python benchmarks/bench_startup.py --help``):

1. Writes the inputs (SYNTHETIC, never real statistics): Tây Ninh's bundled sample as a plain UTF-8 file
   (the peer reads no byte-order mark), and, unless ``--skip-national``, the whole country of the list of
   04/01/2025 (63 provinces, 10,051 communes, ten years, as ``bench_national.py`` generates it) as one
   file, with a pack made for the occasion (``vietnam``: one province whose geography is every commune,
   a plan of the ten years) that the command finds through its entry point like any pack.
2. Times each command as a new process (stdout to ``/dev/null``, exit code checked), after one untimed
   warm-up, ``--runs`` times, in turn with the peer on the same file and with two floors: ``python -c
   pass`` (the interpreter) and ``python -c "import …"`` of the libraries the command cannot do without
   (attrs, pluggy, tomllib, json, csv, pathlib; rich for ``--help``), so the report says how far each
   command is from what no code of chuyenhoa could avoid.  ``--before PYTHON`` times another install
   (an older tree) in the same turns.
3. Prints the medians and the median of the per-turn ratios (each turn runs both commands within the same
   second or so, so load on a shared machine affects both), and writes every run to ``--json``.

The peer needs OpenFisca in its own environment (``shared/peer/README.md``)::

    python3 -m venv /tmp/of && /tmp/of/bin/pip install openfisca-core
    python benchmarks/bench_startup.py --peer-python /tmp/of/bin/python
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from bench_national import (  # noqa: E402 - after the path: bench_national puts src/ on sys.path itself
    ROOT,
    command_setup,
    generate,
    machine,
    pin_one_core,
)

PEER_SCRIPT = ROOT.parent / "shared" / "peer" / "openfisca_hotspots.py"
SAMPLE = ROOT / "provinces" / "tayninh" / "src" / "chuyenhoa_tayninh" / "sample" / "communes.csv"
YEAR = 2024
#: What no code of chuyenhoa avoids: the libraries a command imports, nothing of chuyenhoa itself.
FLOOR_IMPORTS = "import attrs, pluggy, tomllib, json, csv, pathlib"
HELP_FLOOR_IMPORTS = "import rich.console, rich.panel, rich.table, rich.columns"
#: Issue 17's goals: command time / peer time on the same file.
GOAL_PROVINCE = 0.5
GOAL_NATIONAL = 1.0


# --- inputs ---------------------------------------------------------------------------------------------


def province_file(workdir: Path) -> Path:
    """Tây Ninh's sample, without the byte-order mark the peer's ``csv`` would take into the first name."""
    target = workdir / "tayninh-communes.csv"
    target.write_bytes(SAMPLE.read_bytes().removeprefix(b"\xef\xbb\xbf"))
    return target


def national_inputs(workdir: Path) -> tuple[Path, Path]:
    """The whole country as one communes file and one pack (folder for ``PYTHONPATH``) that covers it."""
    years = list(range(YEAR - 9, YEAR + 1))
    inputs = generate(workdir / "generated", years)
    communes = workdir / "national-communes.csv"
    with communes.open("wb") as out:
        for n, province in enumerate(inputs):
            lines = province.communes.read_bytes().removeprefix(b"\xef\xbb\xbf").splitlines(keepends=True)
            out.writelines(lines if n == 0 else lines[1:])
    site = workdir / "national-pack"
    package = site / "chuyenhoa_vietnam"
    (package / "geography").mkdir(parents=True, exist_ok=True)
    (package / "plans").mkdir(exist_ok=True)
    districts: list[dict[str, Any]] = []
    units: list[dict[str, Any]] = []
    header: dict[str, Any] = {}
    for province in inputs:
        snapshot = json.loads((province.communes.parent / "geography.json").read_text(encoding="utf-8"))
        header = header or {k: snapshot[k] for k in ("generated_by", "generated_on", "source", "as_of")}
        districts += snapshot["districts"]
        units += snapshot["communes"]
    geography = {**header, "province": {"code": "00", "name": "Việt Nam", "full_name": "Việt Nam (toàn quốc)"},
                 "districts": districts, "communes": units}
    (package / "geography" / f"{header['as_of']}.json").write_text(json.dumps(geography, ensure_ascii=False),
                                                                   encoding="utf-8")
    (package / "plans" / "bench.toml").write_text(
        'schema = 1\n\n[plan]\nid = "BENCH/KH"\nprovince = "vietnam"\n'
        'title = "Synthetic national benchmark plan (not a real document)"\nissuer = "chuyenhoa benchmark"\n'
        f"date = {years[0]}-01-01\nyears = {years}\nperiod = {{ start = {years[0]}-01-01, end = {YEAR}-12-31 }}\n",
        encoding="utf-8")
    (package / "__init__.py").write_text(
        '"""The whole country as one province, for benchmarks/bench_startup.py (SYNTHETIC data)."""\n\n'
        "from pathlib import Path\n\nfrom chuyenhoa import ProvinceSpec, hookimpl\n\n\n@hookimpl\n"
        "def chuyenhoa_register_provinces(register):\n"
        '    register(ProvinceSpec.from_folder(Path(__file__).parent, slug="vietnam", name="Việt Nam", code="00"))\n',
        encoding="utf-8")
    info = site / "chuyenhoa_vietnam-0.1.0.dist-info"
    info.mkdir(exist_ok=True)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: chuyenhoa-vietnam\nVersion: 0.1.0\n", encoding="utf-8")
    (info / "entry_points.txt").write_text("[chuyenhoa]\nvietnam = chuyenhoa_vietnam\n", encoding="utf-8")
    return communes, site


# --- timing ---------------------------------------------------------------------------------------------


def run_once(argv: Sequence[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} exited {done.returncode}: {done.stderr.decode()[-500:]}")
    return elapsed


def in_turn(commands: dict[str, tuple[list[str], dict[str, str]]], runs: int) -> dict[str, list[float]]:
    """Every command once per turn, ``runs`` turns, after one untimed turn (page cache, bytecode)."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    for turn in range(runs + 1):
        for name, (argv, env) in commands.items():
            elapsed = run_once(argv, env)
            if turn:
                times[name].append(elapsed)
    return times


def summary(times: list[float]) -> dict[str, Any]:
    return {"median_s": statistics.median(times), "best_s": min(times), "runs": times}


def ratio(times: dict[str, list[float]], a: str, b: str) -> float:
    """The median of the per-turn ratios a/b: both ran within the same turn, under the same load."""
    return statistics.median(x / y for x, y in zip(times[a], times[b], strict=True))


# --- the report -----------------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--runs", type=int, default=30, help="turns for the province-sized commands (default 30)")
    parser.add_argument("--national-runs", type=int, default=7, help="turns for the whole-country command (default 7)")
    parser.add_argument("--python", default=sys.executable,
                        help="interpreter of the chuyenhoa install timed (its venv's chuyenhoa script is used)")
    parser.add_argument("--before", default=None, metavar="PYTHON",
                        help="also time this interpreter's chuyenhoa install (an older tree), in the same turns")
    parser.add_argument("--peer-python", default=None, metavar="PYTHON",
                        help="interpreter with openfisca-core for the peer (default: skip the peer)")
    parser.add_argument("--peer-script", type=Path, default=PEER_SCRIPT)
    parser.add_argument("--skip-national", action="store_true", help="only the province-sized commands")
    parser.add_argument("--pin", action="store_true", help="pin every process to one CPU (default: the OS chooses)")
    parser.add_argument("--workdir", type=Path, default=None, help="keep the generated files here")
    parser.add_argument("--json", type=Path, default=None, help="write every figure to this file")
    args = parser.parse_args(argv)

    figures: dict[str, Any] = {"machine": machine(), "affinity": pin_one_core() if args.pin else "not pinned"}
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="chuyenhoa-startup-"))
    workdir.mkdir(parents=True, exist_ok=True)
    try:
        figures |= measure(args, workdir)
    finally:
        if args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)
    report(figures)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"figures written to {args.json}")
    return 0


def measure(args: argparse.Namespace, workdir: Path) -> dict[str, Any]:
    chuyenhoa, env, how = command_setup(workdir, args.python)
    installs = {"": (chuyenhoa, env)}
    if args.before:
        installs[" (before)"] = command_setup(workdir / "before", args.before)[:2]
    peer = args.peer_python and args.peer_script.is_file()
    tayninh = province_file(workdir)
    base = {"python -c pass": ([args.python, "-c", "pass"], env),
            "floor: " + FLOOR_IMPORTS: ([args.python, "-c", FLOOR_IMPORTS], env)}
    commands: dict[str, tuple[list[str], dict[str, str]]] = {}
    for suffix, (argv, environment) in installs.items():
        commands[f"evaluate, a province's file, json{suffix}"] = (
            [*argv, "evaluate", "-p", "tayninh", "--data", str(tayninh), "--year", str(YEAR), "-f", "json"],
            environment)
    if peer:
        commands["peer on the same file"] = ([args.peer_python, str(args.peer_script), str(tayninh), str(YEAR)], env)
    for suffix, (argv, environment) in installs.items():
        commands[f"evaluate -p tayninh (its sample, table){suffix}"] = ([*argv, "evaluate", "-p", "tayninh"],
                                                                         environment)
        commands[f"provinces{suffix}"] = ([*argv, "provinces"], environment)
        commands[f"--help{suffix}"] = ([*argv, "--help"], environment)
    commands |= base
    commands["floor for --help: import rich"] = ([args.python, "-c", HELP_FLOOR_IMPORTS], env)
    times = in_turn(commands, args.runs)
    out: dict[str, Any] = {"how": how, "runs": args.runs, "peer": bool(peer),
                           "province": {name: summary(t) for name, t in times.items()}}
    if peer:
        out["province_ratios"] = {name: ratio(times, name, "peer on the same file") for name in times
                                  if name != "peer on the same file"}
    if not args.skip_national:
        start = time.perf_counter()
        communes, site = national_inputs(workdir)
        out["national_generation_s"] = time.perf_counter() - start
        national: dict[str, tuple[list[str], dict[str, str]]] = {}
        for suffix, (argv, environment) in installs.items():
            with_pack = {**environment, "PYTHONPATH": os.pathsep.join(
                p for p in (str(site), environment.get("PYTHONPATH", "")) if p)}
            national[f"evaluate, the whole country's file, json{suffix}"] = (
                [*argv, "evaluate", "-p", "vietnam", "--data", str(communes), "--year", str(YEAR), "-f", "json"],
                with_pack)
        if peer:
            national["peer on the same file"] = ([args.peer_python, str(args.peer_script), str(communes), str(YEAR)],
                                                 env)
        national_times = in_turn(national, args.national_runs)
        rows = sum(1 for _ in communes.open("rb")) - 1
        out["national"] = {"commune_years": rows, "runs": args.national_runs,
                           "commands": {name: summary(t) for name, t in national_times.items()}}
        if peer:
            out["national_ratios"] = {name: ratio(national_times, name, "peer on the same file")
                                      for name in national_times if name != "peer on the same file"}
    return out


def report(figures: dict[str, Any]) -> None:
    m = figures["machine"]
    print(f"machine : {m['platform']} | {m['processor']} | {m['cpu_count']} CPUs | {m['python']} | "
          f"NumPy {m['numpy']} | {figures['affinity']}")
    print(f"command : {figures['how']}")
    print(f"peer    : {'OpenFisca, ' + str(PEER_SCRIPT.name) if figures['peer'] else 'not timed (--peer-python)'}")
    print()
    province = figures["province"]
    floor = next(v["median_s"] for k, v in province.items() if k.startswith("floor: "))
    bare = province["python -c pass"]["median_s"]
    ratios = figures.get("province_ratios", {})
    print(f"{'new processes, ' + str(figures['runs']) + ' turns':<58}{'median':>8}{'best':>8}{'vs peer':>9}"
          f"{'above floor':>13}")
    help_floor = next(v["median_s"] for k, v in province.items() if k.startswith("floor for --help"))
    for name, value in province.items():
        shown = f"{ratios[name]:.2f}×" if name in ratios else ""
        base = help_floor if name.startswith("--help") else floor
        above = "" if name.startswith(("floor", "python -c", "peer")) else f"{value['median_s'] - base:+.3f} s"
        print(f"  {name:<56}{value['median_s']:>8.3f}{value['best_s']:>8.3f}{shown:>9}{above:>13}")
    print(f"  (above floor: beyond the interpreter importing the libraries the command needs, {floor:.3f} s, or rich "
          f"for --help, {help_floor:.3f} s; the interpreter alone {bare:.3f} s)")
    if ratios:
        checks = [name for name in ratios if name.startswith(("evaluate", "provinces", "--help"))
                  and "(before)" not in name]
        print(f"  goal: at most {GOAL_PROVINCE}× the peer: " + ", ".join(
            f"{name.split(',')[0].split(' (')[0]} {'PASS' if ratios[name] <= GOAL_PROVINCE else 'MISS'}"
            for name in checks))
    national = figures.get("national")
    if national:
        print()
        title = f"the whole country, {national['commune_years']:,} commune-years, {national['runs']} turns"
        print(f"{title:<58}{'median':>8}{'best':>8}{'vs peer':>9}")
        nratios = figures.get("national_ratios", {})
        for name, value in national["commands"].items():
            shown = f"{nratios[name]:.2f}×" if name in nratios else ""
            print(f"  {name:<56}{value['median_s']:>8.3f}{value['best_s']:>8.3f}{shown:>9}")
        for name, value in nratios.items():
            if "(before)" not in name:
                print(f"  goal: at most {GOAL_NATIONAL}× the peer: {'PASS' if value <= GOAL_NATIONAL else 'MISS'}")


if __name__ == "__main__":
    sys.exit(main())
