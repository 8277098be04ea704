"""History store benchmark: one province's decade and the whole country's, recorded and read back.

Why this exists: the store promises that recording and reading back a province's
ten years (about 1,000 commune-years) takes well under a second on SQLite, and
that a national decade (100,000 commune-years, 63 provinces) records in seconds.
A test cannot hold a timing (machines differ, CI is shared); this script measures
the same way every time and prints the figures beside their goals.

What it does (``python benchmarks/bench_store.py --help``):

1. Generates SYNTHETIC data (``chuyenhoa.packs.synthetic``, as ``bench_national.py``
   does): Tây Ninh's 94 communes for 2015–2024, and every commune of the national
   list for the same years; reads them with ``read_dataset`` (not measured).
2. Province, on a new store each repetition (best of ``--repeat``):
   *open* (create the schema through the migrations), *record* the ten years in
   one transaction (values as read, plus one verdict per hotspot), *record again*
   (the same data: nothing written), *read back* the current version of every year
   with its verdicts, and *merge* the nine earlier years into a file holding only
   the last (what ``evaluate --db`` does).
3. National: each province's decade recorded in its own transaction (63 in all),
   then read back, on a new store.
4. ``--postgres URL`` runs 2 and 3 on PostgreSQL too (each run in a fresh schema).

Every figure the data yield is invented; none is a real crime statistic.
"""

from __future__ import annotations

import argparse
import json
import platform
import shutil
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
for _path in (ROOT / "src", Path(__file__).resolve().parent):
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))

from chuyenhoa.packs.synthetic import COMMUNE_COLUMNS, PROVINCE_COLUMNS, generate_communes, generate_province  # noqa: E402
from chuyenhoa.packs.synthetic import write_csv as write_synthetic  # noqa: E402
from chuyenhoa.reading.dataset import Dataset, read_dataset  # noqa: E402

GOAL_PROVINCE_S = 0.5  # "well under a second": record + read back a province's decade, SQLite
GOAL_NATIONAL_S = 10.0  # "in seconds": record 100,000 commune-years
YEARS = list(range(2015, 2025))


def verdicts_of(dataset: Dataset, year: int) -> Any:
    """One verdict per hotspot, from the data's own columns: the size of what an evaluation records."""
    from chuyenhoa.store.record import CommuneVerdict, Verdicts

    columns = dataset.communes.columns
    hotspot, transformed, codes = columns["hotspot"], columns["transformed"], columns["commune_code"]
    communes = tuple(CommuneVerdict(code=str(codes[i]), selected=True, transformed=transformed[i], share=80.0,
                                    score=None)  # type: ignore[arg-type]
                     for i in dataset.rows_of_year(year) if hotspot[i])
    return Verdicts(proposed=False, communes=communes, targets=(), summary={"hotspots": len(communes)})


def entries(dataset: Dataset, data: Path) -> list[Any]:
    from chuyenhoa.store.record import Entry, FileInfo, year_values

    source = FileInfo.of(data)
    return [Entry(values=year_values(dataset, y), source=source, verdicts=verdicts_of(dataset, y))
            for y in sorted(set(dataset.communes.columns["year"]))]  # type: ignore[type-var]


@contextmanager
def fresh_store(kind: str, postgres: str | None, workdir: Path) -> Iterator[str]:
    """A store that does not exist yet: a new SQLite file, or a new schema on the PostgreSQL server."""
    if kind == "sqlite":
        path = workdir / f"store-{uuid.uuid4().hex[:8]}.sqlite3"
        try:
            yield str(path)
        finally:
            path.unlink(missing_ok=True)
        return
    import psycopg

    assert postgres is not None
    schema = "bench" + uuid.uuid4().hex[:12]
    with psycopg.connect(postgres, autocommit=True) as connection:
        connection.execute(f"CREATE SCHEMA {schema}")
    try:
        yield f"{postgres}{'&' if '?' in postgres else '?'}options=-csearch_path%3D{schema}"
    finally:
        with psycopg.connect(postgres, autocommit=True) as connection:
            connection.execute(f"DROP SCHEMA {schema} CASCADE")


def clock(work: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    value = work()
    return time.perf_counter() - start, value


def province_pass(kind: str, postgres: str | None, workdir: Path, dataset: Dataset, data: Path,
                  last_year: Dataset) -> dict[str, float]:
    from chuyenhoa.store.connection import open_store
    from chuyenhoa.store.location import locate
    from chuyenhoa.store.merge import with_stored_years
    from chuyenhoa.store.queries import stored_years
    from chuyenhoa.store.record import record

    prepared = entries(dataset, data)
    with fresh_store(kind, postgres, workdir) as db:
        location = locate(db)
        opened, store = clock(lambda: open_store(location, create=True))
        with store:
            recorded, done = clock(lambda: record(store, "tayninh", prepared, version="bench"))
            assert all(d.changed for d in done)
            again, done = clock(lambda: record(store, "tayninh", prepared, version="bench"))
            assert not any(d.changed for d in done)
            read, years = clock(lambda: stored_years(store, "tayninh", verdicts=True))
            assert sum(len(y.communes) for y in years) == len(dataset.communes)
            merged, (combined, found) = clock(lambda: with_stored_years(last_year, store, "tayninh", YEARS[-1]))
            assert len(found.communes_years) == len(YEARS) - 1 and len(combined.communes) == len(dataset.communes)
        reopened, store = clock(lambda: open_store(location))
        store.close()
    return {"open_new": opened, "record": recorded, "record_again": again, "read_back": read, "merge": merged,
            "open_existing": reopened, "record_and_read": recorded + read}


def national_pass(kind: str, postgres: str | None, workdir: Path,
                  provinces: Sequence[tuple[str, Dataset, Path]]) -> dict[str, float]:
    from chuyenhoa.store.connection import open_store
    from chuyenhoa.store.location import locate
    from chuyenhoa.store.queries import stored_years
    from chuyenhoa.store.record import record

    prepared = [(slug, entries(dataset, data)) for slug, dataset, data in provinces]
    rows = sum(len(dataset.communes) for _slug, dataset, _data in provinces)
    with fresh_store(kind, postgres, workdir) as db, open_store(locate(db), create=True) as store:
        start = time.perf_counter()
        for slug, items in prepared:
            record(store, slug, items, version="bench")
        recorded = time.perf_counter() - start
        start = time.perf_counter()
        back = sum(len(y.communes) for slug, _items in prepared for y in stored_years(store, slug, verdicts=True))
        read = time.perf_counter() - start
    assert back == rows
    return {"record": recorded, "read_back": read, "commune_years": rows}


def generate_province_data(workdir: Path) -> tuple[Dataset, Path, Dataset]:
    import chuyenhoa_tayninh  # the pack's map: real GSO codes and district sizes

    from chuyenhoa.reading.geography import load_geography

    geography = load_geography(next((chuyenhoa_tayninh.HERE / "geography").glob("*.json")), "tayninh")
    rows = generate_communes(geography, YEARS, seed=72)
    data = workdir / "tayninh.csv"
    write_synthetic(rows, data, COMMUNE_COLUMNS)
    last = workdir / "tayninh-last.csv"
    write_synthetic([r for r in rows if r["year"] == str(YEARS[-1])], last, COMMUNE_COLUMNS)
    write_synthetic(generate_province(YEARS, seed=72), workdir / "province.csv", ("year", *PROVINCE_COLUMNS))
    return read_dataset(data), data, read_dataset(last)


def generate_national_data(workdir: Path, limit: int | None) -> list[tuple[str, Dataset, Path]]:
    from bench_national import generate

    inputs = generate(workdir / "national", YEARS, limit)
    return [(f"p{n:02d}", read_dataset(i.communes), i.communes) for n, i in enumerate(inputs)]


def command_times(workdir: Path, data: Path, runs: int = 5) -> dict[str, float] | None:
    """Wall time of ``chuyenhoa history import`` (the decade, one year evaluated) and ``history show``, new processes.

    Needs the Tây Ninh pack installed (its entry point): from a bare checkout this part is skipped.
    """
    import os
    import subprocess

    from chuyenhoa.plugins.host import PluginHost

    if "tayninh" not in PluginHost().provinces():
        print("command : skipped (the Tây Ninh pack is not installed: pip install -e . ./provinces/tayninh)")
        return None
    env = {k: v for k, v in os.environ.items() if k not in ("CHUYENHOA_DB", "CHUYENHOA_DISABLE_PLUGIN_AUTOLOAD")}
    best: dict[str, float] = {}
    for n in range(runs):
        db = workdir / f"command-{n}.sqlite3"
        for name, argv in (
            ("import", ["history", "import", "-p", "tayninh", "--data", str(data), "--province-data",
                        str(workdir / "province.csv"), "--db", str(db)]),
            ("show", ["history", "show", "-p", "tayninh", "--db", str(db)]),
            ("evaluate_db", ["evaluate", "-p", "tayninh", "--data", str(workdir / "tayninh-last.csv"),
                             "--db", str(db)]),
        ):
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "chuyenhoa", *argv], env=env, check=True, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
            best[name] = min(best.get(name, float("inf")), time.perf_counter() - start)
        db.unlink()
    return best


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--repeat", type=int, default=5, help="province passes; the best counts")
    parser.add_argument("--national-repeat", type=int, default=1, help="national passes; the best counts")
    parser.add_argument("--provinces", type=int, default=None, help="only the first N provinces nationally")
    parser.add_argument("--skip-national", action="store_true")
    parser.add_argument("--skip-command", action="store_true", help="do not time the commands as new processes")
    parser.add_argument("--postgres", default=None, metavar="URL",
                        help="also measure on this PostgreSQL database (e.g. the one .ci/with-postgres starts)")
    parser.add_argument("--json", type=Path, default=None, help="write the figures to this file")
    args = parser.parse_args(argv)

    import sqlalchemy

    workdir = Path(tempfile.mkdtemp(prefix="chuyenhoa-bench-store-"))
    figures: dict[str, Any] = {"machine": {"platform": platform.platform(), "python": platform.python_version(),
                                           "sqlalchemy": sqlalchemy.__version__,
                                           "sqlite": __import__("sqlite3").sqlite_version}}
    try:
        dataset, data, last_year = generate_province_data(workdir)
        kinds = ["sqlite", *(["postgresql"] if args.postgres else [])]
        for kind in kinds:
            passes = [province_pass(kind, args.postgres, workdir, dataset, data, last_year)
                      for _ in range(args.repeat)]
            figures[f"province_{kind}"] = {key: min(p[key] for p in passes) for key in passes[0]} | {
                "commune_years": len(dataset.communes), "open_new_first": passes[0]["open_new"]}
        if not args.skip_command:
            figures["command"] = command_times(workdir, data)
        if not args.skip_national:
            national = generate_national_data(workdir, args.provinces)
            for kind in kinds:
                passes = [national_pass(kind, args.postgres, workdir, national) for _ in range(args.national_repeat)]
                figures[f"national_{kind}"] = {key: min(p[key] for p in passes) for key in passes[0]}
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    report(figures)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0


def report(figures: dict[str, Any]) -> None:
    m = figures["machine"]
    print(f"machine : {m['platform']} | Python {m['python']} | SQLAlchemy {m['sqlalchemy']} | SQLite {m['sqlite']}")
    print("data    : SYNTHETIC (chuyenhoa.packs.synthetic), 2015–2024")
    c = figures.get("command")
    if c:
        print("\ncommands, new processes, SQLite, best of 5 (interpreter start-up and imports included):")
        print(f"  chuyenhoa history import (Tây Ninh 2015–2024)  {c['import']:6.2f} s")
        print(f"  chuyenhoa history show                         {c['show']:6.2f} s")
        print(f"  chuyenhoa evaluate --data <2024 only> --db     {c['evaluate_db']:6.2f} s")
    for kind in ("sqlite", "postgresql"):
        p = figures.get(f"province_{kind}")
        if p:
            ok = "PASS" if kind != "sqlite" or p["record_and_read"] <= GOAL_PROVINCE_S else "MISS"
            goal = f"  goal ≤ {GOAL_PROVINCE_S} s: {ok}" if kind == "sqlite" else ""
            print(f"\nprovince, {kind} ({p['commune_years']:,} commune-years, best pass):")
            print(f"  open a new store (schema by the migrations)  {p['open_new'] * 1000:8.1f} ms"
                  f"  (first in the process, importing Alembic: {p['open_new_first'] * 1000:.0f} ms)")
            print(f"  record 10 years, one transaction             {p['record'] * 1000:8.1f} ms")
            print(f"  record the same 10 years again (no change)   {p['record_again'] * 1000:8.1f} ms")
            print(f"  read back 10 years with verdicts             {p['read_back'] * 1000:8.1f} ms")
            print(f"  merge 9 earlier years into a 1-year dataset  {p['merge'] * 1000:8.1f} ms")
            print(f"  open an existing store                       {p['open_existing'] * 1000:8.1f} ms")
            print(f"  record + read back                           {p['record_and_read'] * 1000:8.1f} ms{goal}")
        n = figures.get(f"national_{kind}")
        if n:
            ok = "PASS" if n["record"] <= GOAL_NATIONAL_S else "MISS"
            print(f"\nnational, {kind} ({n['commune_years']:,} commune-years):")
            print(f"  record (a transaction per province)          {n['record']:8.2f} s  "
                  f"goal ≤ {GOAL_NATIONAL_S} s: {ok}")
            print(f"  read back with verdicts                      {n['read_back']:8.2f} s")


if __name__ == "__main__":
    sys.exit(main())
