"""Opening the store: the engine, the schema brought up to date, and transactions that lock.

* **One writer at a time, per province.**  A recording reads the year's current
  version, compares, inserts and moves the pointer; two officers recording at
  once must not both believe they are current.  On SQLite the write transaction
  starts with ``BEGIN IMMEDIATE`` (the database's write lock, waited for up to
  :data:`BUSY_TIMEOUT` seconds); on PostgreSQL it takes a transaction-scoped
  advisory lock on the province.  pysqlite's own transaction handling is turned
  off so that SQLAlchemy's BEGIN is the one that counts (the recipe of
  SQLAlchemy's SQLite documentation, "Transactions with SQLite and the sqlite3
  driver"), which also makes the DDL of a migration transactional.
* **All or nothing.**  Every write is one transaction: a run killed in the middle
  leaves the store as it was.
* **An older schema is migrated on first use**, inside the same kind of locked
  transaction, after a copy of a SQLite file is made beside it
  (``history.sqlite3.bak-0001-20261205T101500``).  A schema newer than this
  chuyenhoa knows is refused rather than guessed at.

Errors of the database (no server, wrong password, a file that is not a
database, a lock never released) become one :class:`~chuyenhoa.errors.ChuyenhoaError`
line naming the store, never a traceback.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import sqlalchemy as sa
from sqlalchemy import event, exc
from sqlalchemy.engine import Connection, Engine

from chuyenhoa.errors import ChuyenhoaError
from chuyenhoa.i18n import _
from chuyenhoa.store.location import Location
from chuyenhoa.store.schema import HEAD

__all__ = ["BUSY_TIMEOUT", "REVISIONS", "Store", "engine_for", "migrate", "open_store", "revision_of"]

#: Seconds a writer waits for another writer's lock before giving up with a message.
BUSY_TIMEOUT = 60.0
#: The script location of the migrations, inside the installed package.
SCRIPTS = "chuyenhoa.store:migrations"
#: Every revision this chuyenhoa knows, oldest first.
REVISIONS = ("0001", "0002", "0003")
#: First key of the PostgreSQL advisory locks ("chuy"), so chuyenhoa's locks keep clear of other programs'.
_LOCK_SPACE = 0x63687579


@attrs.define(eq=False)
class Store:
    """An open store.  Use :meth:`reading` and :meth:`writing` for transactions; :meth:`close` when done."""

    location: Location
    engine: Engine
    #: what opening it did that a person should know (a migration and its backup), in words
    notes: list[str] = attrs.field(factory=list)

    @contextlib.contextmanager
    def reading(self) -> Iterator[Connection]:
        """A transaction that reads one consistent state of the store."""
        with _errors(self.location), self.engine.connect() as connection, connection.begin():
            yield connection

    @contextlib.contextmanager
    def writing(self, province: str) -> Iterator[Connection]:
        """A transaction holding the write lock of ``province``: committed whole when the block ends, else undone."""
        with _errors(self.location), self.engine.connect() as connection:
            connection = connection.execution_options(chuyenhoa_begin="IMMEDIATE")
            with connection.begin():
                _lock(connection, province)
                yield connection

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def open_store(location: Location, *, create: bool = False) -> Store:
    """Open the store at ``location``, migrating an older schema (after a backup) and creating a new one.

    A SQLite file that does not exist is created only with ``create`` (a
    recording); reading a store that is not there is an error, so a mistyped path
    is not answered with an empty history.
    """
    if location.path is not None and not location.path.exists():
        if not create:
            raise ChuyenhoaError(_("kho lịch sử {where} chưa có; hãy ghi một năm trước: chuyenhoa history record …")
                                 .format(where=location.shown))
        try:
            location.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise ChuyenhoaError(_("kho lịch sử {where}: không tạo được thư mục: {reason}").format(
                where=location.shown, reason=error.strerror or error)) from None
    engine = engine_for(location)
    store = Store(location=location, engine=engine)
    try:
        _bring_up_to_date(store)
    except BaseException:
        engine.dispose()
        raise
    return store


def engine_for(location: Location) -> Engine:
    """The engine of ``location``: for SQLite, with the busy timeout and the BEGIN that locks (module docstring)."""
    try:
        if location.is_sqlite:
            engine = sa.create_engine(location.url, connect_args={"timeout": BUSY_TIMEOUT})
            event.listen(engine, "connect", _sqlite_connect)
            event.listen(engine, "begin", _sqlite_begin)
            return engine
        return sa.create_engine(location.url, pool_pre_ping=False)
    except ModuleNotFoundError as error:
        raise ChuyenhoaError(_("kho lịch sử {where}: cần gói {module} cho PostgreSQL: pip install "
                               "'chuyenhoa[postgresql]'").format(where=location.shown, module=error.name)) from None
    except exc.ArgumentError as error:
        raise ChuyenhoaError(_("kho lịch sử {where}: địa chỉ không hợp lệ: {reason}").format(
            where=location.shown, reason=error)) from None


def _sqlite_connect(dbapi_connection: Any, _record: object) -> None:
    dbapi_connection.isolation_level = None  # SQLAlchemy emits BEGIN (below), pysqlite emits nothing of its own
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.close()


def _sqlite_begin(connection: Connection) -> None:
    mode = connection.get_execution_options().get("chuyenhoa_begin", "DEFERRED")
    connection.exec_driver_sql(f"BEGIN {mode}")


def _lock(connection: Connection, province: str) -> None:
    """The province's write lock on PostgreSQL (SQLite's BEGIN IMMEDIATE already holds the whole file)."""
    if connection.dialect.name == "postgresql":
        key = zlib.crc32(province.encode("utf-8"))
        key = key - (1 << 32) if key >= 1 << 31 else key  # int4
        connection.execute(sa.text("SELECT pg_advisory_xact_lock(:space, :key)"), {"space": _LOCK_SPACE, "key": key})


@contextlib.contextmanager
def _errors(location: Location) -> Iterator[None]:
    """A database error as one line that names the store."""
    try:
        yield
    except exc.DBAPIError as error:
        reason = str(error.orig).strip().splitlines()[0] if error.orig is not None else str(error)
        if "locked" in reason or "lock timeout" in reason:
            reason = _("đang có người khác ghi vào kho, đã chờ {seconds} giây; hãy thử lại").format(
                seconds=int(BUSY_TIMEOUT))
        raise ChuyenhoaError(_("kho lịch sử {where}: {reason}").format(where=location.shown, reason=reason)) from None


def revision_of(connection: Connection) -> str | None:
    """The store's schema revision (Alembic's ``alembic_version``), None for an empty database."""
    if not sa.inspect(connection).has_table("alembic_version"):
        if sa.inspect(connection).has_table("versions"):
            raise ChuyenhoaError(_("có bảng 'versions' nhưng không có 'alembic_version': không phải kho lịch sử "
                                   "của chuyenhoa"))
        return None
    found = connection.execute(sa.text("SELECT version_num FROM alembic_version")).scalars().all()
    return found[0] if len(found) == 1 else None


def _bring_up_to_date(store: Store) -> None:
    """Create the schema, or migrate an older one to :data:`HEAD`; refuse one newer than this chuyenhoa."""
    with store.reading() as connection:
        revision = revision_of(connection)
    if revision == HEAD:
        return
    _check_known(store.location, revision)
    backup = _backup(store.location, revision) if revision is not None else None
    with store.writing("") as connection:
        revision = revision_of(connection)  # another process may have done it while we waited for the lock
        _check_known(store.location, revision)
        if revision == HEAD:
            return
        migrate(connection)
    if revision is not None:
        store.notes.append(_("đã nâng cấp kho lịch sử {where} từ lược đồ {old} lên {new}").format(
            where=store.location.shown, old=revision, new=HEAD)
            + (_("; bản sao trước khi nâng cấp: {backup}").format(backup=backup) if backup else ""))


def _check_known(location: Location, revision: str | None) -> None:
    if revision is not None and revision not in REVISIONS:
        raise ChuyenhoaError(_("kho lịch sử {where} có lược đồ {revision}, mới hơn phiên bản chuyenhoa này; hãy cập "
                               "nhật chuyenhoa").format(where=location.shown, revision=revision))


def migrate(connection: Connection, target: str = "head") -> None:
    """Run the migration scripts up to ``target`` on ``connection``, inside its transaction.

    :func:`open_store` calls it with the store's lock held; a test calls it to build a store as an older
    chuyenhoa left it.
    """
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", SCRIPTS)
    config.set_main_option("path_separator", "os")
    config.attributes["connection"] = connection
    command.upgrade(config, target)


def _backup(location: Location, revision: str) -> Path | None:
    """A consistent copy of a SQLite store before it is migrated (SQLite's online backup), beside it."""
    if location.path is None:
        return None
    import sqlite3

    stamp = dt.datetime.now().strftime("%Y%m%dT%H%M%S")
    target = location.path.with_name(f"{location.path.name}.bak-{revision}-{stamp}")
    try:
        with contextlib.closing(sqlite3.connect(location.path, timeout=BUSY_TIMEOUT)) as source, \
                contextlib.closing(sqlite3.connect(target)) as copy:
            source.backup(copy)
    except (OSError, sqlite3.Error) as error:
        raise ChuyenhoaError(_("kho lịch sử {where}: không sao lưu được trước khi nâng cấp lược đồ ({reason}); "
                               "kho chưa bị thay đổi").format(where=location.shown, reason=error)) from None
    return target
