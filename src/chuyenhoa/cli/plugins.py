"""``chuyenhoa plugins``: every plugin the host registered, what it ships in, which provinces, which hooks.

As datasette's ``plugins`` command: when a result looks wrong, the first question
is which code answered, and whether a pack for one province implements a hook
at all.  The data is :meth:`~chuyenhoa.plugins.host.PluginHost.plugin_report`;
this module only renders it.  The built-ins are listed too (they are plugins like
any other), with chuyenhoa's own version.  A plugin the host set aside (it does
not import, its registration raises, it claims another pack's slug) is listed
after them with its error instead of hooks, and the command then names it in one
line on stderr and exits 2, as ``chuyenhoa provinces`` does.
"""

from __future__ import annotations

import json
from typing import Annotated

import typer

from chuyenhoa.cli.commands import SUMMARIES
from chuyenhoa.cli.common import FORMAT_HELP, ListFormat, emit, fail
from chuyenhoa.errors import ChuyenhoaError
from chuyenhoa.i18n import _, _n

__all__ = ["HELP", "plugins"]

HELP = SUMMARIES["plugins"]


def plugins(
    format: Annotated[ListFormat, typer.Option("--format", "-f", help=FORMAT_HELP)] = ListFormat.table,
) -> None:
    """List the registered plugins with their distribution, version, provinces and hooks."""
    from chuyenhoa.plugins.host import get_host

    try:
        report = get_host().plugin_report()
    except ChuyenhoaError as exc:
        raise fail(str(exc)) from None
    if format is ListFormat.json:
        emit(json.dumps(report, ensure_ascii=False, indent=2), None)
    else:
        from chuyenhoa.output.text import table

        rows = [(p["name"], p["distribution"], p["version"], _joined(p["provinces"]) or None,
                 _("LỖI: {error}").format(error=p["error"]) if p["error"] else _joined(p["hooks"]) or None)
                for p in report]
        emit(table([_("Plugin"), _("Gói cài đặt"), _("Phiên bản"), _("Tỉnh"), _("Hook")], rows, indent=""), None)
    failed = [p for p in report if p["error"]]
    if failed:
        raise fail(_n("{count} plugin không nạp được: {plugins}", len(failed)).format(
            count=len(failed), plugins=", ".join(str(p["distribution"] or p["name"]) for p in failed)))


def _joined(names: object) -> str:
    """A list of names (provinces, hooks) as one cell."""
    assert isinstance(names, list)
    return ", ".join(names)
