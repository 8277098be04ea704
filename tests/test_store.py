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


def test_a_store_of_the_second_revision_keeps_its_province_rows(tayninh_host, tmp_path, store_db):
    """Revision 0003 keys the province rows by province: an older row names none, and reads back as before."""
    location = locate(store_db)
    store = Store(location, engine_for(location))
    with store.writing("") as connection:
        migrate(connection, "0002")
        version_id = connection.execute(sa.text(
            "INSERT INTO versions (province, year, recorded_at, recorded_by, file, file_sha256, values_sha256, "
            "communes_columns, communes, chuyenhoa_version) VALUES ('tayninh', 2023, :at, 'old', 'old.csv', "
            "'aa', 'bb', '[\"hotspot\"]', 1, '0.0.2') RETURNING id"), {"at": "2023-12-31 10:00:00"}).scalar_one()
        connection.execute(sa.text("INSERT INTO commune_values (version_id, commune_code, data) VALUES "
                                   "(:v, '25456', '{\"hotspot\": true}')"), {"v": version_id})
        connection.execute(sa.text("INSERT INTO province_values (version_id, data) VALUES "
                                   "(:v, '{\"social_order_crimes\": 600}')"), {"v": version_id})
        connection.execute(sa.text("INSERT INTO years (province, year, current_version_id) VALUES "
                                   "('tayninh', 2023, :v)"), {"v": version_id})
    store.close()
    with open_store(location) as migrated:
        [old] = stored_years(migrated, "tayninh", verdicts=True)
    assert old.province == {"social_order_crimes": 600} and old.provinces == {} and old.file_years is None
    assert old.outside_plan == frozenset() and old.stale is None
    # and the next recording judges on it: 2024 finds 2023's province row
    record_file(tayninh_host, "tayninh", 2024, year_file(tmp_path, 2024), location,
                province_data=province_file(tmp_path, (2024,)))
    result = evaluate("tayninh", 2024, data=year_file(tmp_path, 2024), province_data=province_file(tmp_path, (2024,)),
                      host=tayninh_host, db=store_db).to_dict()
    crimes = next(t for t in result["targets"] if t["basis"] == "change_pct" and t["id"] == "social_order_crimes")
    assert crimes["previous"] == 600


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


# --- a province formed from several: its years before the merger ---------------------------------------------

SAMPLE_2025 = SAMPLE / "2025"  # the new Tây Ninh: 2024 on the old codes of Tây Ninh and Long An, 2025–2026 new


def merged_file(folder: Path, years: tuple[int, ...], name: str, *, changes: dict[str, dict[str, str]] | None = None
                ) -> Path:
    """The rows of ``years`` of the pack's 2024–2026 sample (not marked synthetic: a province's own file), with
    ``changes`` (commune code → column → text) written over the 2024 rows."""
    with (SAMPLE_2025 / "communes.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    header, body = rows[0], [r for r in rows[1:] if int(r[2]) in years]
    for row in body:
        for column, text in (changes or {}).get(row[0], {}).items():
            if row[2] == "2024":
                row[header.index(column)] = text
    return write_rows(folder / name, header, body)


def long_an(code: str) -> bool:
    return code.startswith(("27", "28"))  # the codes of old Long An (80); old Tây Ninh's begin with 25


def test_a_pre_merger_year_of_a_merged_province_keeps_every_predecessor(tayninh_host, tmp_path, store_db):
    """2024 of the new Tây Ninh: old Tây Ninh's rows judged on its 2024 plan, old Long An's kept as values."""
    location = locate(store_db)
    done = record_file(tayninh_host, "tayninh", 2024, merged_file(tmp_path, (2024,), "2024.csv"), location)
    assert [(y.year, y.changed) for y in done.years] == [(2024, True)] and done.without_plan == ()
    (note,) = done.scope_notes
    assert "860/KH-UBND cho 94 xã của Tỉnh Tây Ninh (72)" in note and "186 xã của Tỉnh Long An (80)" in note
    with open_store(location) as store:
        [year] = stored_years(store, "tayninh", verdicts=True)
    assert len(year.communes) == 280 and year.plan_id == "860/KH-UBND"  # every row kept, as read
    assert year.outside_plan == {code for code in year.communes if long_an(code)} and len(year.outside_plan) == 186
    assert year.outcomes is not None and year.outcomes and not any(long_an(c) for c in year.outcomes)
    # 2025 from a file of 2025 alone: the Long An communes transformed in 2024 are followed under their successors
    this_year = merged_file(tmp_path, (2025,), "2025.csv")
    result = evaluate("tayninh", 2025, data=this_year, host=tayninh_host, db=store_db).to_dict()
    whole = evaluate("tayninh", 2025, data=merged_file(tmp_path, (2024, 2025), "2024-2025.csv"),
                     host=tayninh_host).to_dict()
    assert result["data"]["store"]["years"] == [2024]
    excluded = result["selection"]["excluded_transformed"]
    assert {"27712", "28072", "28243"} <= set(excluded) and excluded == whole["selection"]["excluded_transformed"]
    relapse = next(p for p in result["programme"] if p["indicator"] == "no_relapse_share")
    assert relapse["status"] == "met" and relapse["detail"].startswith("18/20")  # 28072 (old 28045) relapsed
    assert result["summary"] == whole["summary"] and result["hotspots"] == whole["hotspots"]
    # recording 2025 judges it on the national plan (the province has none of its own for 2025)
    done = record_file(tayninh_host, "tayninh", 2025, this_year, location)
    assert done.without_plan == () and done.years[0].changed
    with open_store(location) as store:
        found = versions(store, "tayninh")
    assert [(v.year, v.plan_id) for v in found] == [(2024, "860/KH-UBND"), (2025, "113/KH-BCA-V01")]


def test_history_show_reads_the_other_predecessors_from_their_columns(tayninh_host, tmp_path, store_db):
    location = locate(store_db)
    import_file(tayninh_host, "tayninh", merged_file(tmp_path, (2024, 2025), "2024-2025.csv"), location)
    view = history_view(tayninh_host, "tayninh", location)
    first, second = view.figures
    assert first.evaluated and first.outside == (("Tỉnh Long An (80)", 186),)
    assert first.hotspots == 30  # 10 of old Tây Ninh (its verdicts) and 20 of old Long An (its hotspot column)
    assert first.as_dict()["outside_plan"] == [{"province": "Tỉnh Long An (80)", "communes": 186}]
    path = next(p for p in view.paths if p.code == "28045")  # Xã Long Thuận of old Long An, transformed in 2024
    assert path.name == "Xã Long Thuận" and path.cells[0].selected and path.cells[0].transformed is True
    assert path.cells[1].followed == ("28072",) and path.cells[1].relapsed is True
    assert second.earlier == 20 and second.relapsed == 2  # as evaluate 2025 counts them: 18 of 20 held


def test_a_year_keeps_a_province_row_for_each_merged_province(tayninh_host, tmp_path, store_db):
    """2024 of the new Tây Ninh has a province row for Tây Ninh (72) and one for Long An (80): both are kept."""
    from chuyenhoa.output.history import write_export
    from chuyenhoa.reading.dataset import read_dataset
    from chuyenhoa.store.merge import with_stored_years

    with (SAMPLE_2025 / "province.csv").open(encoding="utf-8-sig", newline="") as handle:
        header, *rows = list(csv.reader(handle))
    if "province_code" not in header:
        pytest.skip("the sample's province table names no province")
    at = header.index("year")
    provinces_2024 = write_rows(tmp_path / "province-2024.csv", header, [r for r in rows if r[at] == "2024"])
    provinces_2025 = write_rows(tmp_path / "province-2025.csv", header, [r for r in rows if r[at] == "2025"])
    location = locate(store_db)
    record_file(tayninh_host, "tayninh", 2024, merged_file(tmp_path, (2024,), "2024.csv"), location,
                province_data=provinces_2024)
    with open_store(location) as store:
        [year] = stored_years(store, "tayninh")
        this_year = read_dataset(merged_file(tmp_path, (2025,), "2025.csv"), province_data=provinces_2025)
        merged, found = with_stored_years(this_year, store, "tayninh", 2025)
        exported = write_export(stored_years(store, "tayninh"), tmp_path / "xuat")
    assert year.province is None and set(year.provinces) == {"72", "80"} and year.has_province
    crimes = header.index("social_order_crimes")
    assert {code: values["social_order_crimes"] for code, values in year.provinces.items()} == {
        r[header.index("province_code")]: int(r[crimes]) for r in rows if r[at] == "2024"}
    assert found.province_years == (2024,) and set(merged.province_rows(2024)) == {"72", "80"}
    assert merged.province_value(2024, "social_order_crimes", "80") == year.provinces["80"]["social_order_crimes"]
    text = exported[1].read_text(encoding="utf-8-sig").splitlines()
    assert text[0].startswith("year,province_code,") and [line[:8] for line in text[1:]] == ["2024,72,", "2024,80,"]
    again = import_file(tayninh_host, "tayninh", exported[0], location, province_data=exported[1])
    assert [(y.year, y.changed) for y in again.years] == [(2024, False)]


# --- a corrected year: the later years judged again ---------------------------------------------------------


def test_a_later_year_is_judged_again_when_an_earlier_one_is_corrected(tayninh_host, tmp_path, store_db):
    """2024's "≥ 85 % không tái phức tạp" rests on 2023: 25711, transformed in 2023, relapsed in 2024."""
    location = locate(store_db)
    provinces = province_file(tmp_path, (2023,))
    record_file(tayninh_host, "tayninh", 2023, year_file(tmp_path, 2023), location, province_data=provinces)
    record_file(tayninh_host, "tayninh", 2024, year_file(tmp_path, 2024), location,
                province_data=province_file(tmp_path, (2024,)))
    with open_store(location) as store:
        before = {s.year: s for s in stored_years(store, "tayninh")}
    # a correction that changes no verdict of 2024: judged again all the same, and says so
    bumped = year_file(tmp_path, 2023, "communes-2023-dan-so.csv", population_bump=3)
    done = record_file(tayninh_host, "tayninh", 2023, bumped, location, province_data=provinces)
    again = done.years[-1].rejudged
    assert done.years[-1].year == 2024 and again is not None and (again.changed, again.failed) == (False, None)
    # a correction that does: 25711 was not transformed in 2023 after all
    header, rows = sample_rows(2023)
    code, transformed = header.index("commune_code"), header.index("transformed")
    rows = [[*r[:transformed], "không" if r[code] == "25711" else r[transformed], *r[transformed + 1:]] for r in rows]
    corrected = write_rows(tmp_path / "communes-2023-sua.csv", header, rows)
    done = record_file(tayninh_host, "tayninh", 2023, corrected, location, province_data=provinces)
    assert [(y.year, y.changed, y.rejudged is not None) for y in done.years] == [(2023, True, False),
                                                                                 (2024, True, True)]
    again = done.years[1].rejudged
    assert again is not None and (again.cause_year, again.corrected, again.changed) == (2023, True, True)
    with open_store(location) as store:
        found = versions(store, "tayninh")
        after = {s.year: s for s in stored_years(store, "tayninh", verdicts=True)}
        with store.reading() as connection:
            summaries = dict(connection.execute(sa.select(schema.versions.c.id, schema.versions.c.summary)).all())
    # every version of 2024 is still there, with its verdicts; the new ones have the same values and file
    assert [(v.year, Path(v.file).name, v.current) for v in found] == [
        (2023, "communes-2023.csv", False), (2023, "communes-2023-dan-so.csv", False),
        (2023, "communes-2023-sua.csv", True),
        (2024, "communes-2024.csv", False), (2024, "communes-2024.csv", False), (2024, "communes-2024.csv", True)]
    first, middle, new = found[3:]
    assert first.reason is None and new.reason == {"kind": "rejudged", "values_of": middle.id, "year": 2023,
                                                    "version": found[2].id, "corrected": True}
    assert summaries[first.id]["no_relapse_share"] == summaries[middle.id]["no_relapse_share"] == pytest.approx(85.71)
    assert summaries[first.id]["targets"] == summaries[new.id]["targets"]  # 2023's province row, from the store
    assert summaries[new.id]["no_relapse_share"] == 100.0
    assert after[2024].communes == before[2024].communes and after[2024].basis == {2023: found[2].id}
    assert after[2024].province == before[2024].province and after[2024].stale is None
    # the same corrected file again changes nothing, and judges nothing again
    assert [(y.year, y.changed) for y in record_file(tayninh_host, "tayninh", 2023, corrected, location,
                                                     province_data=provinces).years] == [(2023, False)]


def test_a_year_that_cannot_be_judged_again_is_marked_stale(tayninh_host, tmp_path, store_db):
    """2024 recorded from a file that also held 2023 (not recorded): a new 2022 cannot be followed without 2023."""
    location = locate(store_db)
    record_file(tayninh_host, "tayninh", 2024, SAMPLE / "communes.csv", location)
    header, rows = sample_rows(2023)
    at = header.index("year")
    earlier = write_rows(tmp_path / "communes-2022.csv", header, [[*r[:at], "2022", *r[at + 1:]] for r in rows])
    done = record_file(tayninh_host, "tayninh", 2022, earlier, location)
    again = done.years[-1].rejudged
    assert done.years[-1].year == 2024 and again is not None and again.changed is None
    assert again.failed is not None and "năm 2023" in again.failed
    with open_store(location) as store:
        found = versions(store, "tayninh")
    assert [(v.year, v.current, v.stale) for v in found][-1][:2] == (2024, True)
    assert found[-1].stale is not None and found[-1].stale.year == 2022
    view = history_view(tayninh_host, "tayninh", location)
    assert [f.stale for f in view.figures] == [None, 2022]
    # recording the missing year lets the stale one be judged again
    done = record_file(tayninh_host, "tayninh", 2023, year_file(tmp_path, 2023), location)
    assert [(y.year, y.rejudged is not None and y.rejudged.failed is None) for y in done.years] == [
        (2023, False), (2024, True)]
    assert [f.stale for f in history_view(tayninh_host, "tayninh", location).figures] == [None, None, None]


def test_the_library_reads_no_store_from_the_environment(tayninh_host, tmp_path, store_db, monkeypatch):
    """``CHUYENHOA_DB`` is the command line's: ``chuyenhoa.evaluate`` uses a store only when given ``db=``."""
    record_file(tayninh_host, "tayninh", 2023, year_file(tmp_path, 2023), locate(store_db))
    monkeypatch.setenv(ENV, store_db)
    result = evaluate("tayninh", 2024, data=year_file(tmp_path, 2024), host=tayninh_host).to_dict()
    assert result["data"]["store"] is None and result["summary"]["no_relapse_share"] is None
