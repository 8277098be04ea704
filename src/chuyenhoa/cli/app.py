"""The ``chuyenhoa`` command: the typer app, the language of every command, and the list of commands.

Each command lives in a module of its own (:mod:`chuyenhoa.cli.provinces`,
:mod:`~chuyenhoa.cli.plan`, :mod:`~chuyenhoa.cli.evaluate`, …) with what every
command shares in :mod:`chuyenhoa.cli.common`; this module only registers them, in
the order ``--help`` lists them.  A command parses options and picks a renderer;
the work is in the stages below.  A :class:`~chuyenhoa.errors.ChuyenhoaError`
becomes one line on stderr and exit code 2, never a traceback.

Every command takes ``--lang vi|en`` (also before the command, and from
``CHUYENHOA_LANG``): :class:`_Group` adds the option to the group and to each
command and shows the help in that language (:mod:`chuyenhoa.i18n`).

``chuyenhoa --help`` through typer imports every command module, so a command module imports
typer and the base at module level and everything else inside the command.  The console script is
:mod:`chuyenhoa.cli.fast`, which answers ``evaluate``, ``provinces`` and ``--help`` without typer and
hands every other command line to :func:`main`.
"""

from __future__ import annotations

from typing import Any

import typer
from typer.core import TyperGroup, TyperOption

from chuyenhoa.cli import (
    awards,
    communes,
    evaluate,
    history,
    lineage,
    merge,
    new_province,
    plan,
    plugins,
    provinces,
    template,
    timeline,
)
from chuyenhoa.cli.commands import LANG_HELP, PROGRAM_HELP
from chuyenhoa.cli.common import fail
from chuyenhoa.errors import ChuyenhoaError
from chuyenhoa.i18n import ENV, LANGUAGES, translate


def _set_language(ctx: Any, _param: object, value: str | None) -> str | None:
    """The ``--lang`` option's callback: the language for this command (:meth:`_Group.main` restores the one before)."""
    if value is None or ctx.resilient_parsing:
        return value
    from chuyenhoa.i18n import SOURCE_LANGUAGE, chosen, set_language

    try:
        set_language(value)
    except ChuyenhoaError as exc:
        set_language(chosen() or SOURCE_LANGUAGE)  # say it in Vietnamese, not in a bad CHUYENHOA_LANG
        raise fail(str(exc)) from None
    return value


def _language_option(envvar: str | None = None) -> TyperOption:
    """``--lang``, eager so that it is in force before any other option is parsed or any help is shown."""
    return TyperOption(param_decls=["--lang"], type=str, default=None, callback=_set_language, expose_value=False,
                       is_eager=True, envvar=envvar, show_envvar=envvar is not None, help=LANG_HELP,
                       metavar="|".join(LANGUAGES))


def _localize(command: Any) -> None:
    """Show a command's help and its options' help in the current language (they are marked with ``N_``)."""
    originals = command.__dict__.setdefault("_chuyenhoa_help", {})
    for item in (command, *command.params):
        key = id(item)
        if key not in originals:
            originals[key] = item.help
        if originals[key]:
            item.help = translate(originals[key])


def _early_language(ctx: Any, args: list[str]) -> None:
    """A command's ``--lang`` in force before the command parses its options, so that
    ``chuyenhoa evaluate --help --lang en`` shows the help in English (an invalid value is left to the option)."""
    from chuyenhoa.i18n import _normalise, set_language

    for n, arg in enumerate(args):
        if arg == "--":
            return
        value = args[n + 1] if arg == "--lang" and n + 1 < len(args) else \
            arg.partition("=")[2] if arg.startswith("--lang=") else None
        if value is not None and _normalise(value):
            set_language(value)
            return


class _Group(TyperGroup):
    """The command group: ``--lang`` on the group and on every command, the help in the language chosen."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.params.append(_language_option(envvar=ENV))
        for command in self.commands.values():
            if not any("--lang" in getattr(p, "opts", ()) for p in command.params):  # a group of commands has its own
                command.params.append(_language_option())

    def main(self, *args: Any, **kwargs: Any) -> Any:
        """Run the command; whatever language it chose is forgotten when it ends, however it ends."""
        from chuyenhoa.i18n import restoring

        with restoring():
            return super().main(*args, **kwargs)

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        name, command, rest = super().resolve_command(ctx, args)
        if command is not None:
            _early_language(ctx, rest)
            _localize(command)
        return name, command, rest

    def format_help(self, ctx: Any, formatter: Any) -> None:
        _localize(self)
        for command in self.commands.values():
            _localize(command)
        super().format_help(ctx, formatter)


app = typer.Typer(
    name="chuyenhoa",
    cls=_Group,
    help=PROGRAM_HELP,
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)


def _register_commands() -> None:
    """Every command, in the order ``--help`` lists them; each module's ``HELP`` is its one-line summary."""
    app.command("provinces", help=provinces.HELP)(provinces.provinces)
    app.command("plan", help=plan.HELP)(plan.plan)
    app.command("evaluate", help=evaluate.HELP, cls=evaluate.EvaluateCommand)(evaluate.evaluate)
    app.command("new-province", help=new_province.HELP)(new_province.new_province)
    app.command("awards", help=awards.HELP)(awards.awards)
    app.command("timeline", help=timeline.HELP)(timeline.timeline)
    app.command("template", help=template.HELP)(template.template)
    app.command("merge", help=merge.HELP)(merge.merge)
    app.command("communes", help=communes.HELP)(communes.communes)
    app.command("lineage", help=lineage.HELP)(lineage.lineage)
    app.command("plugins", help=plugins.HELP)(plugins.plugins)
    app.add_typer(history.app, name="history", help=history.HELP, cls=_Group)


_register_commands()


def main() -> None:
    """The typer application: what :func:`chuyenhoa.cli.fast.main` (the console script, ``python -m chuyenhoa``)
    hands every command line it does not read itself."""
    app()
