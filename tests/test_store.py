"""The history store, for real: on SQLite, and on PostgreSQL when a server is named (``store_db`` in conftest).

Each rule of the store is tested the way an office would break it: the same file
recorded twice, a corrected file, two officers at once (processes, not threads),
a run killed in the middle, a store left by an older chuyenhoa, a workbook that
also holds people's names.
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import chuyenhoa_tayninh
import pytest
import sqlalchemy as sa

from chuyenhoa.errors import ChuyenhoaError
from chuyenhoa.method.archive import history_view, import_file, record_file
from chuyenhoa.method.engine import evaluate
from chuyenhoa.store import schema
from chuyenhoa.store.connection import REVISIONS, Store, engine_for, migrate, open_store, revision_of
from chuyenhoa.store.lineage import follow
from chuyenhoa.store.location import ENV, locate
from chuyenhoa.store.queries import stored_years, versions
from chuyenhoa.store.record import Entry, FileInfo, YearValues, record

SAMPLE = chuyenhoa_tayninh.HERE / "sample"


def sample_rows(year: int | None = None) -> tuple[list[str], list[list[str]]]:
    with (SAMPLE / "communes.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    header, body = rows[0], rows[1:]
    at = header.index("year")
    return header, [r for r in body if year is None or r[at] == str(year)]


def write_rows(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def year_file(folder: Path, year: int, name: str | None = None, *, population_bump: int = 0) -> Path:
    """The sample's rows of one year; ``population_bump`` changes the data (a corrected file)."""
    header, rows = sample_rows(year)
    if population_bump:
        at = header.index("population")
        rows = [[*r[:at], str(int(r[at]) + population_bump), *r[at + 1:]] for r in rows]
    return write_rows(folder / (name or f"communes-{year}.csv"), header, rows)


def province_file(folder: Path, years: tuple[int, ...]) -> Path:
    with (SAMPLE / "province.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    return write_rows(folder / f"province-{'-'.join(map(str, years))}.csv", rows[0],
                      [r for r in rows[1:] if int(r[0]) in years])


def dump(location_text: str) -> str:
    """Every row of every table of the store, as one text."""
    location = locate(location_text)
    engine = engine_for(location)
    try:
        with engine.connect() as connection:
            names = [*schema.metadata.tables, "alembic_version"]
            return "\n".join(str(row) for name in names
                             for row in connection.execute(sa.text(f"SELECT * FROM {name}")))
    finally:
        engine.dispose()


# --- where the store is -------------------------------------------------------------------------------------


def test_location_of_a_path_a_url_the_environment_and_the_default(tmp_path, monkeypatch):
    assert locate(tmp_path / "h.db").url == f"sqlite:///{tmp_path / 'h.db'}"
    assert locate(f"sqlite:///{tmp_path}/h.db").path == tmp_path / "h.db"
    pg = locate("postgresql://officer:secret@db.office/chuyenhoa")
    assert pg.url == "postgresql+psycopg://officer:secret@db.office/chuyenhoa" and pg.path is None
    assert "secret" not in pg.shown and pg.shown == "postgresql://officer:***@db.office/chuyenhoa"
    assert locate("postgres://u@h/d").url == "postgresql+psycopg://u@h/d"
    assert locate(None, environ={ENV: str(tmp_path / "env.db")}).path == tmp_path / "env.db"
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    default = locate(None, environ={})
    assert default.path is not None and default.path.name == "history.sqlite3" and "chuyenhoa" in str(default.path)
    for bad in ("mysql://u@h/d", "sqlite://", "sqlite:///:memory:", ""):
        with pytest.raises(ChuyenhoaError):
            locate(bad)


def test_reading_a_store_that_is_not_there_is_an_error(tmp_path):
    with pytest.raises(ChuyenhoaError, match="chưa có"):
        open_store(locate(tmp_path / "missing.sqlite3"))
    assert not (tmp_path / "missing.sqlite3").exists()


def test_the_schema_is_what_the_migrations_build(store_db):
    """schema.py (what the queries use) and the Alembic scripts (what builds a store) never drift apart."""
    from alembic.autogenerate import compare_metadata
    from alembic.config import Config
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", "chuyenhoa.store:migrations")
    assert ScriptDirectory.from_config(config).get_current_head() == schema.HEAD == REVISIONS[-1]
    with open_store(locate(store_db), create=True) as store, store.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), schema.metadata)
    assert differences == []


# --- recording ----------------------------------------------------------------------------------------------


def test_the_same_file_again_changes_nothing_and_new_data_keep_the_old(tayninh_host, tmp_path, store_db):
    location = locate(store_db)
    first = year_file(tmp_path, 2024)
    done = record_file(tayninh_host, "tayninh", 2024, first, location)
    assert [(y.year, y.changed, y.previous_id) for y in done.years] == [(2024, True, None)]
    again = record_file(tayninh_host, "tayninh", 2024, first, location)
    assert not again.years[0].changed and again.years[0].version_id == done.years[0].version_id
    assert again.years[0].same_as is not None and again.years[0].same_as[0] == str(first)
    # the same values from another file are the same version too
    copy = year_file(tmp_path, 2024, "copy.csv")
    assert not record_file(tayninh_host, "tayninh", 2024, copy, location).years[0].changed
    corrected = year_file(tmp_path, 2024, "corrected.csv", population_bump=1)
    new = record_file(tayninh_host, "tayninh", 2024, corrected, location).years[0]
    assert new.changed and new.previous_id == done.years[0].version_id
    with open_store(location) as store:
        found = versions(store, "tayninh")
        current = stored_years(store, "tayninh")
    assert [(v.year, Path(v.file).name, v.current) for v in found] == [(2024, first.name, False),
                                                                          (2024, corrected.name, True)]
    assert found[0].sha256 != found[1].sha256 and len(found[0].sha256) == 64
    assert found[0].recorded_by and found[0].plan_id == "860/KH-UBND"
    # the current values are the corrected file's; the first version is still there, whole
    assert current[0].version_id == new.version_id
    header, rows = sample_rows(2024)
    code, population = rows[0][header.index("commune_code")], int(rows[0][header.index("population")])
    assert current[0].communes[code]["population"] == population + 1
    assert len(current[0].communes) == len(rows)
    text = dump(store_db)
    assert text.count(f"'{code}'") >= 2  # both versions keep the commune's row


def test_values_come_back_as_read(tayninh_host, tmp_path, store_db):
    """Counts stay integers, rates decimals, flags booleans; an empty cell is no value, never a zero."""
    location = locate(store_db)
    record_file(tayninh_host, "tayninh", 2023, year_file(tmp_path, 2023), location,
                province_data=province_file(tmp_path, (2023,)))
    with open_store(location) as store:
        [year] = stored_years(store, "tayninh")
    header, rows = sample_rows(2023)
    row = dict(zip(header, rows[0], strict=True))
    values = year.communes[row["commune_code"]]
    assert values["criminal_offences"] == int(row["criminal_offences"]) and type(values["criminal_offences"]) is int
    assert values["clearance_rate"] == float(row["clearance_rate"])
    assert values["hotspot"] is (row["hotspot"] == "có")
    assert "transformed" not in values and row["transformed"] == ""
    assert year.province is not None and year.province["social_order_crimes"] == 600
    assert "hotspot" in year.communes_columns and "commune_code" not in year.communes_columns


def test_a_year_the_file_does_not_have_is_refused(tayninh_host, tmp_path, store_db):
    with pytest.raises(ChuyenhoaError, match="năm 2022"):
        record_file(tayninh_host, "tayninh", 2022, year_file(tmp_path, 2024), locate(store_db))


def test_nominee_data_never_go_into_the_store(tayninh_host, tmp_path, store_db):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "communes"
    header, rows = sample_rows(2024)
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    nominees = book.create_sheet("nominees")
    nominees.append(["nominee_id", "name", "kind", "unit", "leader"])
    nominees.append(["N1", "Trần Thị Bímật", "individual", "Công an xã", "không"])
    book.save(tmp_path / "data.xlsx")
    record_file(tayninh_host, "tayninh", 2024, tmp_path / "data.xlsx", locate(store_db))
    text = dump(store_db)
    assert "Bímật" not in text and "'N1'" not in text and "individual" not in text


# --- earlier years for evaluate --db ------------------------------------------------------------------------


def test_evaluate_with_the_store_assesses_relapse_from_a_file_of_one_year(tayninh_host, tmp_path, store_db):
    """The national goal "≥ 85 % không tái phức tạp" from a file that holds 2024 only."""
    this_year = year_file(tmp_path, 2024)
    provinces = province_file(tmp_path, (2024,))
    alone = evaluate("tayninh", 2024, data=this_year, province_data=provinces, host=tayninh_host)
    assert alone.to_dict()["summary"]["no_relapse_share"] is None
    record_file(tayninh_host, "tayninh", 2023, year_file(tmp_path, 2023), locate(store_db),
                province_data=province_file(tmp_path, (2023,)))
    merged = evaluate("tayninh", 2024, data=this_year, province_data=provinces, host=tayninh_host, db=store_db)
    whole = evaluate("tayninh", 2024, host=tayninh_host)  # the sample, both years in one file
    got, expected = merged.to_dict(), whole.to_dict()
    assert got["summary"] == expected["summary"] and got["summary"]["no_relapse_share"] == pytest.approx(85.71)
    assert got["selection"]["excluded_transformed"] == expected["selection"]["excluded_transformed"]
    assert [t["status"] for t in got["targets"]] == [t["status"] for t in expected["targets"]]
    # "so với năm 2023": last year's province row came from the store
    crimes = next(t for t in got["targets"] if t["basis"] == "change_pct")
    assert crimes["previous_year"] == 2023 and crimes["status"] != "not_assessable"
    assert got["data"]["store"] == {"location": locate(store_db).shown, "years": [2023]}
    assert got["data"]["years"] == [2023, 2024]
    assert any("2023" in w and "kho lịch sử" in w for w in got["warnings"])
    assert alone.to_dict()["data"]["store"] is None


def test_years_in_the_file_win_over_the_store(tayninh_host, tmp_path, store_db):
    record_file(tayninh_host, "tayninh", 2023, year_file(tmp_path, 2023, population_bump=5), locate(store_db))
    result = evaluate("tayninh", 2024, data=SAMPLE / "communes.csv", province_data=SAMPLE / "province.csv",
                      host=tayninh_host, db=store_db).to_dict()
    assert result["data"]["store"]["years"] == []
    assert not any("kho lịch sử" in w for w in result["warnings"])


def test_only_earlier_years_are_taken(tayninh_host, tmp_path, store_db):
    record_file(tayninh_host, "tayninh", 2024, year_file(tmp_path, 2024), locate(store_db))
    result = evaluate("tayninh", 2024, data=year_file(tmp_path, 2023, "only-2023.csv"), host=tayninh_host,
                      db=store_db).to_dict()
    assert result["data"]["store"]["years"] == [] and result["summary"]["hotspots"] == 0


# --- reliability --------------------------------------------------------------------------------------------

RECORDER = textwrap.dedent("""
    import os, signal, sys, time
    from pathlib import Path
    import chuyenhoa_tayninh
    from chuyenhoa.plugins.host import PluginHost
    from chuyenhoa.store import record as recording
    from chuyenhoa.method.archive import record_file
    from chuyenhoa.store.location import locate

    data, db, year, mode = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
    if mode == "kill":  # die hard in the middle of the transaction: values and verdicts written, nothing committed
        original = recording._insert_verdicts
        def killed(*args, **kwargs):
            original(*args, **kwargs)
            os.kill(os.getpid(), signal.SIGKILL)
        recording._insert_verdicts = killed
    else:  # wait for the others, then all record at once
        go = Path(mode)
        while not go.exists():
            time.sleep(0.005)
    host = PluginHost(autoload=False, plugins=[chuyenhoa_tayninh])
    done = record_file(host, "tayninh", year, data, locate(db))
    print(done.years[0].version_id, done.years[0].changed)
""")


def _recorder(data: Path, db: str, year: int, mode: str) -> subprocess.Popen[str]:
    env = {**os.environ, "CHUYENHOA_DISABLE_PLUGIN_AUTOLOAD": "1"}
    return subprocess.Popen([sys.executable, "-c", RECORDER, str(data), db, str(year), mode], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


@pytest.mark.slow
def test_a_run_killed_mid_record_leaves_the_store_as_before(tayninh_host, tmp_path, store_db):
    location = locate(store_db)
    record_file(tayninh_host, "tayninh", 2024, year_file(tmp_path, 2024), location)
    before = dump(store_db)
    child = _recorder(year_file(tmp_path, 2024, "corrected.csv", population_bump=1), store_db, 2024, "kill")
    child.communicate(timeout=120)
    assert child.returncode == -9
    assert dump(store_db) == before
    # and the store is usable: the corrected file records now
    assert record_file(tayninh_host, "tayninh", 2024, tmp_path / "corrected.csv", location).years[0].changed
    if location.path is not None:
        import sqlite3

        assert sqlite3.connect(location.path).execute("PRAGMA integrity_check").fetchone() == ("ok",)


@pytest.mark.slow
def test_officers_recording_at_once_lose_nothing(tmp_path, store_db):
    """Four processes start together on a store that does not exist yet: three different files and one twice."""
    go = tmp_path / "go"
    files = [year_file(tmp_path, 2024, f"officer-{n}.csv", population_bump=n) for n in (1, 2, 3)]
    files.append(tmp_path / "officer-1.csv")  # the same file as the first officer
    children = [_recorder(path, store_db, 2024, str(go)) for path in files]
    time.sleep(0.5)  # every child imported and waiting
    go.touch()
    outputs = [child.communicate(timeout=180) for child in children]
    assert [child.returncode for child in children] == [0, 0, 0, 0], [err for _out, err in outputs]
    with open_store(locate(store_db)) as store:
        found = versions(store, "tayninh")
    assert sorted(Path(v.file).name for v in found) in (
        ["officer-1.csv", "officer-1.csv", "officer-2.csv", "officer-3.csv"],  # officer 1's file, changed back
        ["officer-1.csv", "officer-2.csv", "officer-3.csv"],  # … or recognised as the current values
    )
    assert sum(v.current for v in found) == 1
    changed = [out.split()[1] for out, _err in outputs]
    assert changed.count("True") == len(found)


def test_a_store_of_the_first_revision_is_migrated_after_a_backup(tayninh_host, tmp_path, store_db):
    location = locate(store_db)
    store = Store(location, engine_for(location))
    with store.writing("") as connection:
        migrate(connection, "0001")
        version_id = connection.execute(sa.text(
            "INSERT INTO versions (province, year, recorded_at, recorded_by, file, file_sha256, values_sha256, "
            "communes_columns, communes, chuyenhoa_version) VALUES ('tayninh', 2023, :at, 'old', 'old.csv', "
            "'aa', 'bb', '[\"hotspot\", \"transformed\"]', 1, '0.0.1') RETURNING id"), {"at": "2023-12-31 10:00:00"}
        ).scalar_one()
        connection.execute(sa.text("INSERT INTO commune_values (version_id, commune_code, data) VALUES "
                                   "(:v, '25456', '{\"hotspot\": true, \"transformed\": true}')"), {"v": version_id})
        connection.execute(sa.text("INSERT INTO years (province, year, current_version_id) VALUES "
                                   "('tayninh', 2023, :v)"), {"v": version_id})
    with store.reading() as connection:
        assert revision_of(connection) == "0001"
    store.close()
    with open_store(location) as migrated:
        notes = list(migrated.notes)
        with migrated.reading() as connection:
            assert revision_of(connection) == schema.HEAD
        [old] = stored_years(migrated, "tayninh", verdicts=True)
    assert old.communes == {"25456": {"hotspot": True, "transformed": True}} and old.outcomes is None
    assert len(notes) == 1 and "0001" in notes[0] and schema.HEAD in notes[0]
    if location.path is not None:
        backups = list(location.path.parent.glob(location.path.name + ".bak-0001-*"))
        assert len(backups) == 1 and backups[0].name in notes[0]
        import sqlite3

        assert sqlite3.connect(backups[0]).execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
    # the old version is read as it was (from its columns), and recording goes on at the new revision
    view = history_view(tayninh_host, "tayninh", location)
    assert view.figures[0].year == 2023 and view.figures[0].transformed == 1 and not view.figures[0].evaluated
    assert record_file(tayninh_host, "tayninh", 2024, year_file(tmp_path, 2024), location).years[0].changed
    with open_store(location) as again:
        assert again.notes == []


def test_a_store_of_a_newer_chuyenhoa_is_refused(tayninh_host, tmp_path, store_db):
    location = locate(store_db)
    record_file(tayninh_host, "tayninh", 2024, year_file(tmp_path, 2024), location)
    with open_store(location) as store, store.writing("") as connection:
        connection.execute(sa.text("UPDATE alembic_version SET version_num = '0099'"))
    with pytest.raises(ChuyenhoaError, match="0099.*cập nhật chuyenhoa"):
        open_store(location)


# --- import, export, reading back ---------------------------------------------------------------------------


def test_import_records_every_year_and_export_gives_it_back(tayninh_host, tmp_path, store_db):
    location = locate(store_db)
    done = import_file(tayninh_host, "tayninh", SAMPLE / "communes.csv", location,
                       province_data=SAMPLE / "province.csv")
    assert [(y.year, y.changed) for y in done.years] == [(2023, True), (2024, True)]
    assert done.without_plan == (2023,)
    from chuyenhoa.output.history import write_export

    with open_store(location) as store:
        written = write_export(stored_years(store, "tayninh"), tmp_path / "export")
    assert [p.name for p in written] == ["communes.csv", "province.csv"]
    again = import_file(tayninh_host, "tayninh", written[0], location, province_data=written[1])
    assert [y.changed for y in again.years] == [False, False]
    exported = evaluate("tayninh", 2024, data=written[0], province_data=written[1], host=tayninh_host).to_dict()
    original = evaluate("tayninh", 2024, data=SAMPLE / "communes.csv", province_data=SAMPLE / "province.csv",
                        host=tayninh_host).to_dict()
    assert exported["summary"] == original["summary"] and exported["targets"] == original["targets"]


def test_history_view_paths_and_yearly_figures(tayninh_host, store_db):
    location = locate(store_db)
    import_file(tayninh_host, "tayninh", SAMPLE / "communes.csv", location, province_data=SAMPLE / "province.csv")
    view = history_view(tayninh_host, "tayninh", location)
    assert view.years == (2023, 2024)
    first, second = view.figures
    assert (first.hotspots, first.transformed, first.evaluated) == (10, 7, False)
    assert first.no_relapse_status.value == "not_assessable"
    assert (second.earlier, second.stayed, second.relapsed) == (7, 6, 1)
    assert second.no_relapse_status.value == "met" and second.evaluated
    assert view.transformed_goal is not None and view.transformed_goal.threshold == 60.0
    assert view.no_relapse_goal is not None and view.no_relapse_goal.threshold == 85.0
    assert "7488/KH-UBND §II.1" in view.no_relapse_goal.source
    relapsed = [p for p in view.paths if p.cells[1].relapsed]
    assert len(relapsed) == 1 and relapsed[0].cells[0].transformed is True
    assert relapsed[0].cells[1].transformed_in == 2023
    one = history_view(tayninh_host, "tayninh", location, commune=relapsed[0].code, first=2024)
    assert [p.code for p in one.paths] == [relapsed[0].code] and one.years == (2024,)
    with pytest.raises(ChuyenhoaError):
        history_view(tayninh_host, "tayninh", location, first=2030)


def test_a_commune_transformed_under_its_old_code_is_followed_under_its_successor(tayninh_host, tmp_path,
                                                                                    store_db):
    """Phường 1 (25456) of Tây Ninh went into Phường Tân Ninh (25459) on 01/07/2025 (GSO conversion table)."""
    assert follow("25456", 2024, 2025) == ("25459",)
    assert follow("25456", 2023, 2024) == ("25456",)
    assert follow("99999", 2024, 2026) == ("99999",)

    def year(number: int, rows: dict[str, dict[str, object]]) -> Entry:
        communes = tuple((code, json.dumps(values, sort_keys=True)) for code, values in sorted(rows.items()))
        return Entry(values=YearValues(year=number, communes=communes, province=None,
                                       communes_columns=("hotspot", "transformed", "relapsed"),
                                       province_columns=None),
                     source=FileInfo(file=f"{number}.csv", sha256="0" * 64))

    location = locate(store_db)
    with open_store(location, create=True) as store:
        record(store, "tayninh", [
            year(2024, {"25456": {"hotspot": True, "transformed": True}, "25459": {"hotspot": False}}),
            year(2025, {"25459": {"relapsed": False}}),
        ], version="test")
    view = history_view(tayninh_host, "tayninh", location)
    path = next(p for p in view.paths if p.code == "25456")
    assert path.cells[1].followed == ("25459",) and path.cells[1].relapsed is False
    assert path.cells[1].transformed_in == 2024
    assert (view.figures[1].earlier, view.figures[1].stayed) == (1, 1)
