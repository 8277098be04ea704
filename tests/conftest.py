"""Shared fixtures: a fresh plugin host per test, with only the packs a test asks for."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("CHUYENHOA_DISABLE_PLUGIN_AUTOLOAD", "1")

REPO = Path(__file__).resolve().parent.parent
SOURCES = REPO.parent / "shared" / "sources"


@pytest.fixture(autouse=True)
def _fresh_default_host():
    """No test sees another test's plugins through the process-wide host."""
    from chuyenhoa.plugins import host as plugins

    plugins.reset_host()
    yield
    plugins.reset_host()


@pytest.fixture
def tayninh_host():
    import chuyenhoa_tayninh

    from chuyenhoa.plugins.host import PluginHost

    return PluginHost(autoload=False, plugins=[chuyenhoa_tayninh])


# --- a small made-up province for rule tests ------------------------------------------

DISTRICT_SIZES = {"901": 6, "902": 7, "903": 10, "904": 14}


@pytest.fixture
def geography():
    """Four districts of 6, 7, 10 and 14 communes (37 in all), codes 90001…"""
    import datetime as dt

    from chuyenhoa.model import Commune, District, Geography, Province

    districts, communes, n = [], [], 0
    for code, size in DISTRICT_SIZES.items():
        districts.append(District(code, f"Huyện {code}", "huyen"))
        for _ in range(size):
            n += 1
            communes.append(Commune(f"{90000 + n:05d}", f"Xã Số {n}", "xa", code))
    return Geography(Province("testia", "99", "Thử Nghiệm"), dt.date(2024, 1, 1), districts, communes, "test")


def write_csv(path: Path, header: list[str], rows: list[list[object]]) -> Path:
    import csv

    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


@pytest.fixture
def csv_file(tmp_path):
    """Write a CSV from a header and rows, return its path."""
    counter = iter(range(1000))

    def make(header: list[str], rows: list[list[object]], name: str | None = None) -> Path:
        return write_csv(tmp_path / (name or f"data{next(counter)}.csv"), header, rows)

    return make


# --- the history store: SQLite always, PostgreSQL when a server is named ----------------------------------

#: The URL of a PostgreSQL database the store tests may use (``.ci/with-postgres`` sets it).
POSTGRES_ENV = "CHUYENHOA_TEST_POSTGRES_URL"


def postgres_url() -> str:
    """The test server's URL; without one the test skips, and in CI (where .ci/run starts one) it fails."""
    url = os.environ.get(POSTGRES_ENV)
    if not url:
        if os.environ.get("CI"):
            pytest.fail(f"{POSTGRES_ENV} is not set in CI (.ci/run starts PostgreSQL with .ci/with-postgres)")
        pytest.skip(f"no PostgreSQL server: set {POSTGRES_ENV}, or run the tests under .ci/with-postgres")
    return url


@pytest.fixture(params=["sqlite", "postgresql"])
def store_db(request, tmp_path):
    """A store that does not exist yet: a SQLite path, or a PostgreSQL URL whose search path is a fresh schema."""
    if request.param == "sqlite":
        yield str(tmp_path / "history.sqlite3")
        return
    import uuid

    import psycopg

    url = postgres_url()
    schema = "t" + uuid.uuid4().hex[:16]
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(f"CREATE SCHEMA {schema}")
    try:
        yield f"{url}{'&' if '?' in url else '?'}options=-csearch_path%3D{schema}"
    finally:
        with psycopg.connect(url, autocommit=True) as connection:
            connection.execute(f"DROP SCHEMA {schema} CASCADE")
