"""Output files and folders written whole or not at all, and never over the user's input.

The one writer of the project: text (:func:`write_atomic`), bytes
(:func:`write_atomic_bytes`), a file a library writes by name
(:func:`atomic_file`, the workbooks) and a folder of files (:func:`atomic_folder`,
the CSV results).  Each writes beside the target and renames over it on success,
so a crash or a full disk leaves the old file (or none), never half a file; each
refuses, by the one rule of :func:`refuse_inputs`, a target that is one of the
files the run read.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from chuyenhoa.errors import ChuyenhoaError
from chuyenhoa.i18n import _

__all__ = ["atomic_file", "atomic_folder", "refuse_inputs", "write_atomic", "write_atomic_bytes"]

Inputs = Iterable[str | Path | None]


def _same(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def refuse_inputs(target: Path, inputs: Inputs) -> None:
    """Raise when ``target`` is one of the ``inputs``: the data a user gave is never lost."""
    for given in inputs:
        if given is None or str(given) == "sample":
            continue
        if _same(Path(given), target) or Path(given).resolve() == target.resolve():
            raise ChuyenhoaError(_("{path}: tệp kết quả trùng với tệp dữ liệu đầu vào; hãy chọn tên khác").format(
                path=target))


def _folder_of(target: Path) -> Path:
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise ChuyenhoaError(_("{path}: thư mục {folder} không tồn tại").format(path=target, folder=folder))
    return folder


def _fsync(path: Path) -> None:
    with contextlib.suppress(OSError), open(path, "rb") as handle:
        os.fsync(handle.fileno())


@contextlib.contextmanager
def atomic_file(target: str | Path, *, inputs: Inputs = (), overwrite: bool = True) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; when the block ends without error, rename it over ``target``.

    A crash, a full disk or an exception in the block leaves the old file (or
    none), never half a workbook.  ``overwrite=False`` refuses an existing
    target (a template a person may already have filled in).
    """
    target = Path(target)
    refuse_inputs(target, inputs)
    if target.is_dir():
        raise ChuyenhoaError(_("{path}: là một thư mục; hãy cho tên tệp").format(path=target))
    if not overwrite and target.exists():
        raise ChuyenhoaError(_("{path}: tệp đã có (có thể đã được điền số liệu); hãy chọn tên khác hoặc dùng --force "
                               "để ghi đè").format(path=target))
    folder = _folder_of(target)
    mode = target.stat().st_mode & 0o777 if target.exists() else 0o644
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp" + target.suffix, dir=folder)
    os.close(fd)
    temporary = Path(name)
    try:
        yield temporary
        _fsync(temporary)
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()
        raise


@contextlib.contextmanager
def atomic_folder(target: str | Path, names: Iterable[str], *, inputs: Inputs = ()) -> Iterator[Path]:
    """Yield a temporary folder; when the block ends without error, move its ``names`` into ``target``.

    Every file is complete before the first one is moved, and each move is an
    atomic rename, so a failure while writing leaves ``target`` as it was.  Other
    files already in ``target`` are left alone; an input file that bears one of
    the ``names`` there is refused.
    """
    target = Path(target)
    names = tuple(names)
    if target.exists() and not target.is_dir():
        raise ChuyenhoaError(_("{path}: đã có một tệp cùng tên; định dạng csv cần một thư mục").format(path=target))
    for name in names:
        refuse_inputs(target / name, inputs)
    parent = _folder_of(target)
    temporary = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=parent))
    try:
        yield temporary
        target.mkdir(exist_ok=True)
        for name in names:
            _fsync(temporary / name)
        for name in names:
            os.replace(temporary / name, target / name)
    finally:
        shutil.rmtree(temporary, ignore_errors=True)


def write_atomic(path: str | Path, text: str, *, inputs: Inputs = (), encoding: str = "utf-8",
                 make_folder: bool = False) -> Path:
    """Write ``text`` atomically (see :func:`write_atomic_bytes`), with Unix line ends."""
    return write_atomic_bytes(path, text.encode(encoding), inputs=inputs, make_folder=make_folder)


def write_atomic_bytes(path: str | Path, data: bytes, *, inputs: Inputs = (), make_folder: bool = False) -> Path:
    """Write ``data`` to ``path`` whole or not at all (:func:`atomic_file`); ``make_folder`` creates its folder."""
    target = Path(path)
    if make_folder:
        refuse_inputs(target, inputs)
        (target.parent if str(target.parent) else Path(".")).mkdir(parents=True, exist_ok=True)
    with atomic_file(target, inputs=inputs) as temporary:
        temporary.write_bytes(data)
    return target
