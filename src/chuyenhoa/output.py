"""Writing output files whole or not at all, and never over the user's input."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from chuyenhoa.errors import ChuyenhoaError
from chuyenhoa.i18n import _


def write_atomic(path: str | Path, text: str, *, inputs: Iterable[str | Path | None] = (),
                 encoding: str = "utf-8", make_folder: bool = False) -> Path:
    """Write ``text`` atomically (see :func:`write_atomic_bytes`), with Unix line ends."""
    return write_atomic_bytes(path, text.encode(encoding), inputs=inputs, make_folder=make_folder)


def write_atomic_bytes(path: str | Path, data: bytes, *, inputs: Iterable[str | Path | None] = (),
                       make_folder: bool = False) -> Path:
    """Write ``data`` to ``path`` through a temporary file in the same folder, then rename.

    A crash or a full disk leaves the old file (or none), never half a file.
    Refuses a path that is one of ``inputs``: the data a user gave is never lost.
    """
    target = Path(path)
    for given in inputs:
        if given is not None and Path(given).exists() and target.exists() and \
                os.path.samefile(Path(given), target):
            raise ChuyenhoaError(_("{path}: tệp kết quả trùng với tệp dữ liệu đầu vào; hãy chọn tên khác").format(
                path=target))
    folder = target.parent if str(target.parent) else Path(".")
    if make_folder:
        folder.mkdir(parents=True, exist_ok=True)
    if not folder.is_dir():
        raise ChuyenhoaError(_("{path}: thư mục {folder} không tồn tại").format(path=target, folder=folder))
    mode = target.stat().st_mode & 0o777 if target.exists() else 0o644
    fd, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
    return target
