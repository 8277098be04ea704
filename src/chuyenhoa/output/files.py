"""Output files and folders written whole or not at all, and never over the user's input.

The one writer of the project: text (:func:`write_atomic`), bytes
(:func:`write_atomic_bytes`), a file a library writes by name
(:func:`atomic_file`, the workbooks) and a folder of files (:func:`atomic_folder`,
the CSV results).  Each writes beside the target and renames over it on success,
so a crash or a full disk leaves the old file (or none), never half a file; each
refuses, by the one rule of :func:`refuse_inputs`, a target that is one of the
files the run read.

What can go wrong with a target is said in one line (a
:class:`~chuyenhoa.errors.ChuyenhoaError`, exit 2), never a traceback: a folder
that cannot be written (read-only, not ours), a full disk, a folder where a file
is wanted, a device or a pipe (``/dev/stdout``: the command line writes to
standard output for ``--output -`` instead).

The temporary beside the target is named ``.NAME.chuyenhoa-HOST-PID-RANDOM.tmp…``.
It is removed on every way out Python sees: an exception, Ctrl-C, and, while it
exists, SIGTERM and SIGHUP, which then end the run as an exception would.  A run
killed outright (SIGKILL, a power cut) leaves it behind; the next run that
writes the same target removes those of this machine whose process is gone.
"""

from __future__ import annotations

import atexit
import contextlib
import errno
import glob
import os
import re
import shutil
import signal
import socket
import stat
import tempfile
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path
from types import FrameType

from chuyenhoa.errors import ChuyenhoaError
from chuyenhoa.i18n import _

__all__ = ["atomic_file", "atomic_folder", "refuse_inputs", "write_atomic", "write_atomic_bytes"]

Inputs = Iterable[str | Path | None]

#: what marks a temporary of ours in its name, between the target's name and the process that made it
_MARK = ".chuyenhoa-"
_HOST = re.sub(r"[^A-Za-z0-9]", "", socket.gethostname())[:24] or "host"
#: folders of devices and of the kernel's views, where no output file belongs
_SYSTEM_FOLDERS = ("/dev", "/proc", "/sys")
#: temporaries that exist right now, removed at exit if a way out skipped their block's cleanup
_LIVE: set[Path] = set()


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


def _refuse_special(target: Path) -> None:
    """A target that exists and is neither a file nor a folder (a device, a pipe, ``/dev/stdout``) is refused:
    renaming over it would replace it with a file (as root, ``/dev/stdout`` itself).  So is anything in
    ``/dev``, ``/proc`` or ``/sys``: ``/dev/stdout`` redirected to a file resolves to that file, and the rename
    would still replace the link ``/dev/stdout``."""
    special = any(_in_system_folder(hop) for hop in _link_chain(target))
    try:
        mode = os.stat(target).st_mode
    except OSError:
        mode = stat.S_IFREG
    if special or not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
        raise ChuyenhoaError(_("{path}: không phải một tệp thông thường (thiết bị, ống dẫn…); để ghi ra màn hình, "
                               "hãy dùng --output -").format(path=target))


def _link_chain(target: Path) -> Iterator[Path]:
    """``target``'s folder, then each link it goes through (``/dev/stdout`` → ``/proc/self/fd/1`` → …)."""
    yield Path(os.path.realpath(target.parent if str(target.parent) else "."))
    current = target
    for _hop in range(20):
        if not current.is_symlink():
            return
        try:
            current = current.parent / os.readlink(current)
        except OSError:
            return
        yield Path(os.path.abspath(current))


def _in_system_folder(path: Path) -> bool:
    return any(str(path) == root or str(path).startswith(root + os.sep) for root in _SYSTEM_FOLDERS)


def _cannot_write(target: Path, exc: OSError) -> ChuyenhoaError:
    """An operating system error while writing, said in the words of what the user can do."""
    folder = target.parent if str(target.parent) else Path(".")
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return ChuyenhoaError(_("{path}: không ghi được, ổ đĩa đã đầy; hãy giải phóng chỗ trống hoặc ghi vào nơi "
                                "khác (tệp cũ, nếu có, vẫn giữ nguyên)").format(path=target))
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return ChuyenhoaError(_("{path}: không có quyền ghi vào thư mục {folder}; hãy ghi vào thư mục khác").format(
            path=target, folder=folder))
    if exc.errno == errno.EISDIR:
        return ChuyenhoaError(_("{path}: là một thư mục; hãy cho tên tệp").format(path=target))
    return ChuyenhoaError(_("{path}: không ghi được: {error}").format(path=target, error=exc.strerror or exc))


def _os_error(exc: BaseException) -> OSError | None:
    """The operating system error behind ``exc``: itself, or what a writing library wrapped (XlsxWriter's
    ``FileCreateError`` carries the ``OSError`` as its argument)."""
    if isinstance(exc, ChuyenhoaError):
        return None
    for candidate in (exc, *exc.args[:1], exc.__cause__):
        if isinstance(candidate, OSError):
            return candidate
    return None


def _temporary_prefix(target: Path) -> str:
    return f".{target.name}{_MARK}{_HOST}-{os.getpid()}-"


_STALE = re.compile(r"\.(?P<name>.+)" + re.escape(_MARK) + r"(?P<host>[A-Za-z0-9]+)-(?P<pid>[0-9]+)-[^.]*\.tmp")


def _remove_stale(folder: Path, target: Path) -> None:
    """Remove what earlier runs killed while writing ``target`` left beside it: our temporaries of this
    machine whose process is gone.  Another run writing now keeps its own (its process is alive)."""
    try:
        candidates = list(folder.glob(f".{glob.escape(target.name)}{_MARK}*.tmp*"))
    except OSError:
        return
    for path in candidates:
        match = _STALE.match(path.name)
        if match is None or match["name"] != target.name or match["host"] != _HOST:
            continue
        pid = int(match["pid"])
        if pid == os.getpid() or _alive(pid):
            continue
        with contextlib.suppress(OSError):
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path)
            else:
                path.unlink()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # a process of another user: alive
        return True
    return True


@atexit.register
def _remove_live() -> None:
    """At exit, any temporary whose block did not get to clean it (the last resort: the blocks do)."""
    for path in list(_LIVE):
        with contextlib.suppress(OSError):
            if path.is_dir():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink()


class _Ended(SystemExit):
    """SIGTERM or SIGHUP during a write: the run ends as an exception would, so the temporary goes."""


@contextlib.contextmanager
def _signals_end_the_run() -> Iterator[None]:
    """While a temporary exists, make SIGTERM and SIGHUP raise (Python's default is to die without cleaning up).

    Only in the main thread (the only one that can set handlers), and only where
    the default is in force: a program that embeds chuyenhoa and set its own keeps it.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous: dict[int, object] = {}

    def end(signum: int, _frame: FrameType | None) -> None:
        raise _Ended(128 + signum)

    for name in ("SIGTERM", "SIGHUP"):
        number = getattr(signal, name, None)
        if number is not None and signal.getsignal(number) is signal.SIG_DFL:
            previous[number] = signal.signal(number, end)
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)  # type: ignore[arg-type]


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
    _refuse_special(target)
    if not overwrite and target.exists():
        raise ChuyenhoaError(_("{path}: tệp đã có (có thể đã được điền số liệu); hãy chọn tên khác hoặc dùng --force "
                               "để ghi đè").format(path=target))
    folder = _folder_of(target)
    _remove_stale(folder, target)
    mode = target.stat().st_mode & 0o777 if target.exists() else 0o644
    with _signals_end_the_run():
        try:
            fd, name = tempfile.mkstemp(prefix=_temporary_prefix(target), suffix=".tmp" + target.suffix, dir=folder)
        except OSError as exc:
            raise _cannot_write(target, exc) from None
        os.close(fd)
        temporary = Path(name)
        _LIVE.add(temporary)
        try:
            yield temporary
            _fsync(temporary)
            os.chmod(temporary, mode)
            os.replace(temporary, target)
        except Exception as exc:
            cause = _os_error(exc)
            if cause is None:
                raise
            raise _cannot_write(target, cause) from None
        finally:
            with contextlib.suppress(FileNotFoundError):
                temporary.unlink()
            _LIVE.discard(temporary)


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
        _refuse_special(target)
        raise ChuyenhoaError(_("{path}: đã có một tệp cùng tên; định dạng csv cần một thư mục").format(path=target))
    for name in names:
        refuse_inputs(target / name, inputs)
    parent = _folder_of(target)
    _remove_stale(parent, target)
    with _signals_end_the_run():
        try:
            temporary = Path(tempfile.mkdtemp(prefix=_temporary_prefix(target), suffix=".tmp", dir=parent))
        except OSError as exc:
            raise _cannot_write(target, exc) from None
        _LIVE.add(temporary)
        try:
            yield temporary
            target.mkdir(exist_ok=True)
            for name in names:
                _fsync(temporary / name)
            for name in names:
                os.replace(temporary / name, target / name)
        except Exception as exc:
            cause = _os_error(exc)
            if cause is None:
                raise
            raise _cannot_write(target, cause) from None
        finally:
            shutil.rmtree(temporary, ignore_errors=True)
            _LIVE.discard(temporary)


def _fsync(path: Path) -> None:
    with contextlib.suppress(OSError), open(path, "rb") as handle:
        os.fsync(handle.fileno())


def write_atomic(path: str | Path, text: str, *, inputs: Inputs = (), encoding: str = "utf-8",
                 make_folder: bool = False) -> Path:
    """Write ``text`` atomically (see :func:`write_atomic_bytes`), with Unix line ends."""
    return write_atomic_bytes(path, text.encode(encoding), inputs=inputs, make_folder=make_folder)


def write_atomic_bytes(path: str | Path, data: bytes, *, inputs: Inputs = (), make_folder: bool = False) -> Path:
    """Write ``data`` to ``path`` whole or not at all (:func:`atomic_file`); ``make_folder`` creates its folder."""
    target = Path(path)
    if make_folder:
        refuse_inputs(target, inputs)
        try:
            (target.parent if str(target.parent) else Path(".")).mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise _cannot_write(target, exc) from None
    with atomic_file(target, inputs=inputs) as temporary:
        temporary.write_bytes(data)
    return target
