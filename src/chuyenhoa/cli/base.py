"""What the commands share that needs no typer: how a command fails, how it writes, how it reads a date.

:mod:`chuyenhoa.cli.common` builds the typer commands' helpers on these; the commands that start
without typer (``evaluate`` and ``provinces`` through :mod:`chuyenhoa.cli.fast`) use them directly.
Every error is one line ``Lỗi: …`` on stderr and exit code 2 (:func:`fail` says it and returns the
:class:`Failure` to raise), every text ends with one newline and goes to stdout or is written whole to
``--output`` (:func:`emit`), every file written is named on stderr (:func:`written`), every ``--as-of``
reads the same two ways (:func:`parse_date`).
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import sys
from pathlib import Path

from chuyenhoa.i18n import _

__all__ = ["Failure", "echo", "emit", "fail", "is_stdout", "parse_date", "written"]

#: click's pattern of the ANSI codes ``echo`` takes out of text that does not go to a terminal.
_ANSI = re.compile(r"\033\[[;?0-9]*[a-zA-Z]")


class Failure(Exception):
    """A command that stopped: its message is already on stderr, and the process exits with ``code``.

    The typer commands turn it into ``typer.Exit(code)``; :mod:`chuyenhoa.cli.fast` exits with it.
    """

    def __init__(self, code: int = 2) -> None:
        super().__init__(code)
        self.code = code


def _plain(stream: object) -> bool:
    """Whether ``click.echo`` would write to ``stream`` as it is: a text stream whose encoding is not ASCII
    (click re-wraps a misconfigured one) and, on Windows, not a console (click writes to it its own way)."""
    if not isinstance(stream, io.TextIOWrapper) or stream.errors is None:
        return False
    import codecs

    try:
        if codecs.lookup(stream.encoding).name == "ascii":
            return False
    except LookupError:
        pass
    return os.name != "nt" or not _isatty(stream)


def _isatty(stream: io.TextIOWrapper) -> bool:
    try:
        return stream.isatty()
    except Exception:  # as click's isatty
        return False


def echo(message: str, *, err: bool = False) -> None:
    """``typer.echo(message, err=err)``: the message and a newline, flushed, ANSI codes taken out when the
    stream is not a terminal; written here where that is all click would do, else by typer itself."""
    stream = sys.stderr if err else sys.stdout
    if stream is None:  # pythonw on Windows: nowhere to write, as click
        return
    if not _plain(stream):
        import typer

        typer.echo(message, err=err)
        return
    text = message + "\n"
    if not _isatty(stream):  # type: ignore[arg-type]
        text = _ANSI.sub("", text)
    stream.write(text)
    stream.flush()


def fail(message: str, code: int = 2) -> Failure:
    """Say ``Lỗi: message`` on stderr and return the failure to raise (``raise fail(...) from None``)."""
    echo(_("Lỗi: {message}").format(message=message), err=True)
    return Failure(code)


def parse_date(text: str | None, option: str = "--as-of") -> dt.date | None:
    """``--as-of`` (or the date ``option``) as 2024-12-31 or 31/12/2024 (the way Vietnamese documents write
    dates); None if not given."""
    if text is None:
        return None
    match = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", text.strip())
    try:
        if match:
            return dt.date(int(match[3]), int(match[2]), int(match[1]))
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise fail(_("{option} '{text}' không phải ngày; cần 2024-12-31 hoặc 31/12/2024").format(
            option=option, text=text)) from None


def is_stdout(output: Path | None) -> bool:
    """Whether ``--output`` names standard output: ``-``, as most command-line tools read it."""
    return output is not None and str(output) == "-"


def emit(text: str, output: Path | None, inputs: tuple[Path | None, ...] = ()) -> None:
    """Text to stdout (no ``--output``, or ``--output -``), or written whole to ``output`` (never over one of
    ``inputs``), ending with one newline."""
    if output is None or is_stdout(output):
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        return
    from chuyenhoa.output.files import write_atomic

    write_atomic(output, text if text.endswith("\n") else text + "\n", inputs=inputs)
    written(output)


def written(output: Path) -> None:
    """Name the file or folder just written, on stderr so stdout stays the data."""
    echo(_("Đã ghi {path}").format(path=output), err=True)
