"""Where the history store is: ``--db PATH|URL``, else ``CHUYENHOA_DB``, else a SQLite file in the user's data folder.

The default needs no server: one SQLite file per user, in the folder the
operating system keeps for an application's data (platformdirs:
``~/.local/share/chuyenhoa`` on Linux, ``%LOCALAPPDATA%\\chuyenhoa`` on Windows).
An office where several officers work on one province gives a PostgreSQL URL
instead (``postgresql://user@host/db``), on the command line or once in the
environment.  This module only names the store; nothing here imports
SQLAlchemy, so a command that never opens a store does not pay for it.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import attrs

from chuyenhoa.errors import ChuyenhoaError
from chuyenhoa.i18n import _
from chuyenhoa.model import FieldsRepr
from chuyenhoa.store import ENV

__all__ = ["ENV", "FILE_NAME", "Location", "default_path", "locate"]

#: The default store's file, in the user's data folder.
FILE_NAME = "history.sqlite3"

_SCHEMES = ("sqlite", "postgresql", "postgres")


@attrs.frozen(repr=False)
class Location(FieldsRepr):
    """A store: the SQLAlchemy URL to open and the words to show a person (never a password)."""

    url: str
    #: the SQLite file, or None for a server
    path: Path | None
    shown: str

    @property
    def is_sqlite(self) -> bool:
        return self.path is not None or self.url.startswith("sqlite")


def default_path() -> Path:
    """The default store: ``history.sqlite3`` in the user's data folder (created when first written)."""
    import platformdirs  # only when the default is used

    return Path(platformdirs.user_data_path("chuyenhoa", appauthor=False)) / FILE_NAME


def locate(db: str | Path | None = None, *, environ: dict[str, str] | None = None) -> Location:
    """The store named by ``db``, else by ``CHUYENHOA_DB``, else the default SQLite file.

    ``db`` is a path to a SQLite file, a ``sqlite:///…`` URL or a PostgreSQL URL
    (``postgresql://`` or ``postgresql+psycopg://``; ``postgres://`` is read the
    same).  A PostgreSQL URL is driven by psycopg 3 (the ``postgresql`` extra).
    """
    env = os.environ if environ is None else environ
    given = str(db) if db is not None else env.get(ENV) or None
    if given is None:
        path = default_path()
        return Location(url=f"sqlite:///{path}", path=path, shown=str(path))
    return _parse(given.strip())


def _parse(given: str) -> Location:
    scheme = re.match(r"^([a-zA-Z][a-zA-Z0-9+.-]*)://", given)
    if scheme is None:
        if not given:
            raise ChuyenhoaError(_("--db trống; cần đường dẫn tệp SQLite hoặc URL postgresql://…"))
        path = Path(given).expanduser().absolute()
        return Location(url=f"sqlite:///{path}", path=path, shown=str(path))
    name = scheme[1].lower()
    base = name.split("+")[0]
    if base not in _SCHEMES:
        raise ChuyenhoaError(_("--db '{url}': chỉ hỗ trợ tệp SQLite hoặc URL postgresql://…").format(
            url=_hide_password(given)))
    if base == "sqlite":
        rest = given[len(scheme[0]):]
        if not rest.startswith("/") or rest in ("/", "/:memory:"):
            raise ChuyenhoaError(_("--db '{url}': cần đường dẫn tệp, ví dụ sqlite:////duong/dan/history.sqlite3")
                                 .format(url=given))
        path = Path(rest[1:]).expanduser().absolute()
        return Location(url=f"sqlite:///{path}", path=path, shown=str(path))
    driver = name.partition("+")[2] or "psycopg"
    url = f"postgresql+{driver}://" + given[len(scheme[0]):]
    return Location(url=url, path=None, shown=_hide_password(given))


def _hide_password(url: str) -> str:
    """The URL with its password replaced by ``***``: what error messages and outputs show."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return url.split("@")[-1]
    if parts.password is None:
        return url
    netloc = parts.netloc.rpartition("@")
    user = netloc[0].split(":")[0]
    return urlunsplit((parts.scheme, f"{user}:***@{netloc[2]}", parts.path, parts.query, parts.fragment))
