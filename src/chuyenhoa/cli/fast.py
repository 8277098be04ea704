"""``chuyenhoa`` itself: the commands run most (``evaluate``, ``provinces``, ``--help``) without typer, every
other command line through typer.

What it buys, measured (``benchmarks/bench_startup.py``, new processes, medians of 30): importing typer
costs 45 ms of a new process (its vendored click, its parameter machinery), and its help 70 ms more
(``typer.rich_utils`` imports rich's Markdown and ``markdown_it``), against a whole ``chuyenhoa evaluate``
of 0.1 s and a ``chuyenhoa --help`` of 0.06 s without them (0.2 s with).  This module reads the command
line itself for the usual forms of the three and runs the same bodies the typer commands run
(:mod:`chuyenhoa.cli.hot`), so the answer is the same whichever parsed the line.

It is deliberately narrow: a line it does not recognise entirely is handed, untouched, to the typer
application (:mod:`chuyenhoa.cli.app`), which then answers as it always has, errors and their usage
text included.  Recognised are ``[--lang L] evaluate OPTIONS``, ``[--lang L] provinces [--format F]``
and ``[--lang L] --help``, where each option is one of the command's, written ``--name value``,
``--name=value`` or ``-x value``, with a value that does not start with ``-`` (``--output -`` aside),
an integer ``--year`` of ASCII digits, a known ``--format`` for ``provinces``, ``--lang vi|en``.
Anything else goes to typer: an unknown option, a value click would refuse or read its own way (an
unreadable file, ``-ptayninh``, a value starting with ``-``), ``--help`` of a command, ``--``, a
positional argument, an invalid ``CHUYENHOA_LANG``, the environment variables of shell completion or of
typer's help (``TYPER_USE_RICH``), Windows arguments that click would expand (``*``, ``~``, ``%VAR%``),
and, for ``--help``, a typer whose help layout this module has not been checked against, a missing rich,
or a program name long enough for click to wrap the usage line.  ``tests/test_fast_cli.py`` runs
each form, and lines of each kind left to typer, through both entries and compares their output.

The help is drawn with rich exactly as ``typer.rich_utils.rich_format_help`` draws a group (the same
renderables with the same arguments), from :mod:`chuyenhoa.cli.commands`.  A command read here runs
with the cyclic collector off (5 ms: see :func:`_finish`).  When any command ends, its output is
flushed, the exit handlers run (those of :mod:`chuyenhoa.output.files` remove a temporary left behind)
and the process ends with ``os._exit``: the interpreter's teardown, which frees every object one by one,
took 14 ms of the 0.1 s of ``evaluate`` on a province's file and 28 ms of the whole country's (NumPy
and 100,000 rows loaded), and nothing of it is needed (the cases where something is, are in :func:`_exit`).
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

__all__ = ["main"]

#: The typer release whose ``rich_utils`` the help below copies (checked by tests/test_fast_cli.py).
TYPER_LAYOUT = "0.28."


class _Typer(Exception):
    """The command line is not one this module reads: typer gets it."""


def main(argv: Sequence[str] | None = None) -> None:
    """Console-script entry point (``chuyenhoa``, and ``python -m chuyenhoa``): runs the command line
    (``sys.argv`` unless ``argv`` is given) and ends the process (:func:`_exit`); it never returns."""
    run = _recognise(list(sys.argv[1:] if argv is None else argv))
    if run is None:
        from chuyenhoa.cli.app import app

        _finish(lambda: app(args=None if argv is None else list(argv)))
    else:
        _finish(run, paused=True)


def _finish(run: Callable[[], Any], paused: bool = False) -> None:
    """Run the command, then end the process the quick way with the code it ended with.

    With ``paused``, the cyclic collector is off for the whole command: it imports two hundred modules and
    builds a result, and creates no garbage cycles, so the collector's passes only cost time (5 ms of a
    0.1 s ``evaluate``).  It stays off until the process ends: switched back on, its first pass walks every
    object the command made (they are all still the youngest generation), 6 ms of a province's ``evaluate``
    spent just before ``os._exit`` throws them away.  Only the normal exit (:func:`_exit`'s ``sys.exit``)
    leaves the pause, which switches it back on as before.
    """
    from chuyenhoa.collector import collector_paused

    with collector_paused() if paused else contextlib.nullcontext():
        try:
            run()
            code: str | int | None = 0
        except SystemExit as exc:
            code = exc.code
        _exit(code)


def _exit(code: str | int | None) -> None:
    """Flush, run the exit handlers, ``os._exit``: what ending the interpreter does that the tool needs.

    Only for an integer code (or None), with no history store open, the standard streams in place and no
    thread running; otherwise, and if a flush fails (the reader of a pipe went away), the normal exit does
    it all, as it always has.
    """
    threading = sys.modules.get("threading")
    if isinstance(code, str) or "sqlalchemy" in sys.modules or sys.stdout is not sys.__stdout__ or \
            sys.stderr is not sys.__stderr__ or (threading is not None and any(
                not t.daemon for t in threading.enumerate() if t is not threading.main_thread())):
        # a text to print, a store's connections to close, streams replaced (a broken pipe), threads to wait
        # for: the normal exit, which does all that as it always has
        sys.exit(code)
    try:
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:
                stream.flush()
    except Exception:
        sys.exit(code)
    import atexit

    atexit._run_exitfuncs()
    os._exit(code or 0)


# --- reading the command line ---------------------------------------------------------------------------

#: evaluate's options: every spelling → (parameter, kind); a kind ending in "*" may be given several times.
_EVALUATE = {
    **dict.fromkeys(("--province", "-p"), ("province", "str")),
    **dict.fromkeys(("--year", "-y"), ("year", "int")),
    **dict.fromkeys(("--data", "-d"), ("data", "path*")),
    "--province-data": ("province_data", "path*"),
    "--as-of": ("as_of", "str"),
    **dict.fromkeys(("--format", "-f"), ("format", "str")),
    **dict.fromkeys(("--output", "-o"), ("output", "path")),
    "--number": ("number", "str"),
    "--signer": ("signer", "str"),
    "--signer-title": ("signer_title", "str"),
    "--place": ("place", "str"),
    "--recipient": ("recipient", "str*"),
    "--issuer": ("issuer", "str"),
    "--date": ("date", "str"),
    "--db": ("db", "str"),
    "--lang": ("lang", "lang"),
}
_PROVINCES = {**dict.fromkeys(("--format", "-f"), ("format", "choice")), "--lang": ("lang", "lang")}
_GROUP = {"--lang": ("lang", "lang")}


def _recognise(args: list[str]) -> Callable[[], None] | None:
    """The command to run for ``args``, or None when typer should read them."""
    try:
        return _read(args)
    except _Typer:
        return None


def _read(args: list[str]) -> Callable[[], None] | None:
    if not args or not _plain_environment(args):
        return None
    from chuyenhoa.i18n import ENV, _normalise

    wanted = os.environ.get(ENV)
    if wanted and _normalise(wanted) is None:  # typer refuses it (or warns, for --help)
        return None
    group, rest = _options(args, _GROUP, stop_at_word=True)
    if rest == ["--help"]:
        return (lambda: _help(group.get("lang"))) if _help_drawable() else None
    if not rest or rest[0] not in ("evaluate", "provinces"):
        return None
    if "--help" in rest:
        return None
    command, words = rest[0], rest[1:]
    if command == "provinces":
        options, left = _options(words, _PROVINCES)
        if left or options.get("format", "table") not in ("table", "json"):
            return None
        return lambda: _run(group, options, lambda: _provinces(options))
    options, left = _options(words, _EVALUATE)
    if left or "province" not in options:
        return None
    return lambda: _run(group, options, lambda: _evaluate(options))


def _plain_environment(args: list[str]) -> bool:
    """No shell completion asked for, no typer switch, and (on Windows) no argument click would expand."""
    if os.environ.get("TYPER_USE_RICH") is not None:
        return False
    name = _program_name().replace("-", "_").replace(".", "_")
    if os.environ.get(f"_{name}_COMPLETE".upper()):
        return False
    return not (os.name == "nt" and any(c in arg for arg in args for c in "~$%*?["))


def _options(words: list[str], known: dict[str, tuple[str, str]], stop_at_word: bool = False
             ) -> tuple[dict[str, Any], list[str]]:
    """The options at the head of ``words`` (all of them, unless ``stop_at_word``) and the words left.

    Raises :class:`_Typer` for anything but ``--name value``, ``--name=value`` or ``-x value`` with a
    value typer would take as it is.
    """
    found: dict[str, Any] = {}
    n = 0
    while n < len(words):
        word = words[n]
        if not word.startswith("-") or word == "-":
            if stop_at_word:
                break
            raise _Typer(word)
        if word == "--help":
            break
        name, equals, value = word.partition("=") if word.startswith("--") else (word, "", "")
        spec = known.get(name)
        if spec is None:
            raise _Typer(word)
        if not equals:
            if n + 1 == len(words):
                raise _Typer(word)
            value = words[n + 1]
            n += 1
            if value.startswith("-") and value != "-":
                raise _Typer(value)
        n += 1
        key, kind = spec
        converted = _convert(kind, value)
        if kind.endswith("*"):
            found.setdefault(key, []).append(converted)
        else:
            found[key] = converted
    return found, words[n:]


def _convert(kind: str, value: str) -> Any:
    """An option's value as typer hands it to the command; :class:`_Typer` where typer would refuse it."""
    if kind == "int":
        if not (value.isascii() and value.isdigit()):
            raise _Typer(value)
        return int(value)
    if kind.startswith("path"):
        if not value:
            raise _Typer(value)
        if os.path.exists(value) and not os.access(value, os.R_OK):  # click says it is not readable
            raise _Typer(value)
        return Path(value)
    if kind == "lang":
        from chuyenhoa.i18n import _normalise

        if _normalise(value) is None:
            raise _Typer(value)
    return value


def _program_name() -> str:
    """The name the usage line shows, as click finds it (``chuyenhoa``, or ``python -m chuyenhoa``)."""
    main_module = sys.modules["__main__"]
    path = sys.argv[0]
    package = getattr(main_module, "__package__", None)
    if package in {None, ""} or (os.name == "nt" and package == "" and not os.path.exists(path)
                                 and os.path.exists(f"{path}.exe")):
        return os.path.basename(path)
    name = os.path.splitext(os.path.basename(path))[0]
    module = str(package) if name == "__main__" else f"{package}.{name}"
    return f"python -m {module.lstrip('.')}"


# --- running ----------------------------------------------------------------------------------------


def _run(group: dict[str, Any], options: dict[str, Any], body: Callable[[], None]) -> None:
    """The command as typer's ``_main`` runs it: the languages first, then the body; its failures and
    interruptions end the process with the codes and words typer gives them."""
    from chuyenhoa.cli.base import Failure
    from chuyenhoa.i18n import ENV, restoring, set_language

    with restoring():
        for lang in (group.get("lang") or os.environ.get(ENV), options.get("lang")):
            if lang:
                set_language(lang)
        try:
            body()
        except Failure as failure:
            sys.exit(failure.code)
        except EOFError:
            _aborted()
        except KeyboardInterrupt:
            sys.exit(130)
        except OSError as exc:
            import errno

            if exc.errno != errno.EPIPE:
                raise
            from typer._click.utils import PacifyFlushWrapper

            sys.stdout = PacifyFlushWrapper(sys.stdout)
            sys.stderr = PacifyFlushWrapper(sys.stderr)
            sys.exit(1)


def _aborted() -> None:
    """typer's answer to an end of input: a blank line and "Aborted." on stderr, exit code 1."""
    from typer import _click, core

    _click.echo(file=sys.stderr)
    if core.HAS_RICH and core.DEFAULT_MARKUP_MODE is not None:
        from typer import rich_utils

        rich_utils.rich_abort_error()
    else:
        import gettext

        _click.echo(gettext.gettext("Aborted!"), file=sys.stderr)
    sys.exit(1)


def _evaluate(options: dict[str, Any]) -> None:
    from chuyenhoa.cli import hot

    hot.evaluate(province=options["province"], year=options.get("year"), data=options.get("data"),
                 province_data=options.get("province_data"), as_of=options.get("as_of"),
                 format=options.get("format", "table"), output=options.get("output"), db=options.get("db"),
                 date=options.get("date"),
                 report={"number": options.get("number"), "signer": options.get("signer"),
                         "signer_title": options.get("signer_title"), "place": options.get("place"),
                         "recipients": options.get("recipient"), "issuer": options.get("issuer")})


def _provinces(options: dict[str, Any]) -> None:
    from chuyenhoa.cli import hot

    hot.provinces(options.get("format", "table"))


# --- chuyenhoa --help -------------------------------------------------------------------------------


def _help(lang: str | None) -> None:
    """``chuyenhoa [--lang L] --help``: the help of the group as typer draws it, in the language of the moment."""
    from chuyenhoa.i18n import restoring, set_language

    with restoring():
        if lang:
            set_language(lang)
        _draw_help()


def _typer_version() -> str | None:
    """typer's ``__version__``, read from its ``__init__.py`` without importing it."""
    import importlib.util
    import re

    spec = importlib.util.find_spec("typer")
    if spec is None or spec.origin is None:
        return None
    with open(spec.origin, encoding="utf-8") as file:
        match = re.search(r'^__version__\s*=\s*"([^"]+)"', file.read(), re.MULTILINE)
    return match[1] if match else None


def _usage() -> str:
    import gettext

    return f"{gettext.gettext('Usage:')} {_program_name()} [OPTIONS] COMMAND [ARGS]..."


def _help_drawable() -> bool:
    """Whether :func:`_draw_help` draws what typer would: the typer whose layout it copies, rich installed,
    and a usage line click writes on one line (a long program name on a narrow terminal wraps)."""
    import importlib.util

    from chuyenhoa.output.text import terminal_width  # the width every table fits, read once for all

    version = _typer_version()
    if version is None or not version.startswith(TYPER_LAYOUT) or importlib.util.find_spec("rich") is None:
        return False
    return len(_usage()) <= max(min(terminal_width(), 80) - 2, 50)


def _draw_help() -> None:
    """``typer.rich_utils.rich_format_help`` for this group (no arguments, no epilog), then the newline
    click's help option echoes after it."""
    import gettext
    import inspect

    from rich.align import Align
    from rich.columns import Columns
    from rich.console import Console, group
    from rich.highlighter import RegexHighlighter
    from rich.padding import Padding
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text
    from rich.theme import Theme

    from chuyenhoa.cli.commands import LANG_HELP, PROGRAM_HELP, SUMMARIES
    from chuyenhoa.i18n import ENV, LANGUAGES, translate

    class OptionHighlighter(RegexHighlighter):
        highlights = [  # noqa: RUF012 - rich's own form
            r"(^|\W)(?P<switch>\-\w+)(?![a-zA-Z0-9])",
            r"(^|\W)(?P<option>\-\-[\w\-]+)(?![a-zA-Z0-9])",
            r"(?P<types>\<[^\>]+\>)",
            r"(?P<usage>Usage: )",
        ]

    class NegativeOptionHighlighter(RegexHighlighter):
        highlights = [  # noqa: RUF012
            r"(^|\W)(?P<negative_switch>\-\w+)(?![a-zA-Z0-9])",
            r"(^|\W)(?P<negative_option>\-\-[\w\-]+)(?![a-zA-Z0-9])",
        ]

    class TypesHighlighter(RegexHighlighter):
        highlights = [  # noqa: RUF012
            r"^(?P<types_sep>(\[|<))",
            r"(?P<types_sep>\|)",
            r"(?P<types_sep>(\]|>))(\.\.\.)?$",
        ]

    highlighter, negative, types = OptionHighlighter(), NegativeOptionHighlighter(), TypesHighlighter()
    width = os.getenv("TERMINAL_WIDTH")
    force = True if os.getenv("GITHUB_ACTIONS") or os.getenv("FORCE_COLOR") or os.getenv("PY_COLORS") else None
    if os.getenv("_TYPER_FORCE_DISABLE_TERMINAL"):
        force = False
    console = Console(theme=Theme({"option": "bold cyan", "switch": "bold green", "negative_option": "bold magenta",
                                   "negative_switch": "bold red", "types": "bold yellow", "types_sep": "dim",
                                   "usage": "yellow"}),
                      highlighter=highlighter, color_system="auto", force_terminal=force,
                      width=int(width) if width else None, stderr=False)

    def rich_text(text: str) -> Text:
        return highlighter(Text.from_markup(inspect.cleandoc(text), style=""))

    console.print(Padding(highlighter(_usage()), 1), style="bold")  # click's usage line (one line: _help_drawable)

    @group()
    def help_text() -> Any:
        text = inspect.cleandoc(translate(PROGRAM_HELP)).partition("\f")[0]
        yield rich_text(text.split("\n\n")[0].replace("\n", " ").strip())

    console.print(Padding(Align(help_text(), pad=False), (0, 1, 1, 1)))

    table = Table(highlight=True, show_header=False, expand=True, box=None, show_lines=False, leading=0,
                  border_style=None, row_styles=None, pad_edge=False, padding=(0, 1))
    rows = (("--lang", "|".join(LANGUAGES), translate(LANG_HELP), ENV),
            ("--help", "", gettext.gettext("Show this message and exit."), None))
    for option, metavar, text, envvar in rows:
        kind = Text(style="bold yellow", overflow="fold")
        if metavar:
            kind.append(metavar)
        items = [rich_text(text)]
        if envvar:
            items.append(Text(gettext.gettext("[env var: {}]").format(envvar), style="dim yellow"))
        table.add_row(highlighter(option), highlighter(""), negative(""), negative(""), types(kind), Columns(items))
    console.print(Panel(table, border_style="dim", title=gettext.gettext("Options"), title_align="left"))

    commands = Table(highlight=False, show_header=False, expand=True, box=None, show_lines=False, leading=0,
                     border_style=None, row_styles=None, pad_edge=False, padding=(0, 1))
    commands.add_column(style="bold cyan", no_wrap=True, width=max(map(len, SUMMARIES)))
    commands.add_column("Description", justify="left", no_wrap=False, ratio=10)
    for name, summary in SUMMARIES.items():
        commands.add_row(Text(name), rich_text(inspect.cleandoc(translate(summary)).split("\n\n")[0].strip()))
    console.print(Panel(commands, border_style="dim", title=gettext.gettext("Commands"), title_align="left"))
    from chuyenhoa.cli.base import echo

    echo("")
