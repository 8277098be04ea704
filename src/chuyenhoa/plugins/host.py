"""The plugin host: a pluggy manager with the national method built in, packs loaded lazily.

Entry points (group ``chuyenhoa``) are scanned on first use, not at import:
discovery reads every installed distribution's metadata and costs start-up time a
user of ``import chuyenhoa`` should not pay.  One province can be loaded by name
(the entry point's name is the province slug).  ``CHUYENHOA_DISABLE_PLUGIN_AUTOLOAD``
turns autoloading off, as ``PYTEST_DISABLE_PLUGIN_AUTOLOAD`` does, so tests can
register exactly the packs they want.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Iterable
from importlib import metadata

import pluggy

from chuyenhoa.errors import PluginError, UnknownProvinceError
from chuyenhoa.i18n import _
from chuyenhoa.plugins import hookspecs
from chuyenhoa.plugins.spec import ProvinceSpec

ENTRY_POINT_GROUP = "chuyenhoa"
DISABLE_AUTOLOAD_ENV = "CHUYENHOA_DISABLE_PLUGIN_AUTOLOAD"
#: The host's own behaviour, registered like any pack (datasette's ``DEFAULT_PLUGINS``): loaded by
#: name, so the plugin layer imports no module of the method it hosts.
BUILTIN_PLUGINS = ("chuyenhoa.builtin.national", "chuyenhoa.builtin.awards")
NATIONAL_PLUGIN_NAME = BUILTIN_PLUGINS[0]


def autoload_disabled() -> bool:
    """True when the switch is set to anything but an empty string, "0" or "false"."""
    return os.environ.get(DISABLE_AUTOLOAD_ENV, "").strip().lower() not in ("", "0", "false", "no")


class PluginHost:
    """Owns one plugin manager and the provinces its plugins registered.

    A fresh host is cheap; tests make one per test with ``autoload=False`` and
    register a test pack with :meth:`register`.
    """

    def __init__(self, *, autoload: bool | None = None, plugins: Iterable[object] = ()) -> None:
        self.autoload = (not autoload_disabled()) if autoload is None else autoload
        self.pm = pluggy.PluginManager(hookspecs.PROJECT)
        self.pm.add_hookspecs(hookspecs)
        for name in BUILTIN_PLUGINS:
            self.pm.register(importlib.import_module(name), name=name)
        self._distributions: dict[str, tuple[str, str]] = {}
        self._provinces: dict[str, ProvinceSpec] = {}
        self._collected: set[str] = set()
        self._scanned = False
        for plugin in plugins:
            self.register(plugin)

    @property
    def hook(self) -> pluggy.HookRelay:
        return self.pm.hook

    # -- loading ------------------------------------------------------------------------
    def register(self, plugin: object, name: str | None = None,
                 distribution: tuple[str, str] | None = None) -> str:
        """Register a plugin object or module, as a pack's entry point would."""
        registered = self.pm.register(plugin, name=name)
        if registered is None:  # pragma: no cover - pluggy returns None only when blocked
            raise PluginError(f"plugin {name or plugin!r} is blocked")
        try:
            self.pm.check_pending()
        except pluggy.PluginValidationError as exc:
            self.pm.unregister(name=registered)
            raise PluginError(_("gói '{plugin}' có hook không tồn tại (sai tên?): {error}").format(
                plugin=registered, error=exc)) from exc
        if distribution:
            self._distributions[registered] = distribution
        self._collect(registered)
        return registered

    def _entry_points(self, name: str | None = None) -> list[metadata.EntryPoint]:
        points = metadata.entry_points(group=ENTRY_POINT_GROUP)
        return [ep for ep in points if name is None or ep.name == name]

    def _load(self, points: list[metadata.EntryPoint]) -> None:
        by_name: dict[str, list[metadata.EntryPoint]] = {}
        for ep in points:
            by_name.setdefault(ep.name, []).append(ep)
        for name, eps in by_name.items():
            dists = {_dist_of(ep) for ep in eps}
            if len(dists) > 1:
                owners = _(" và ").join(sorted(f"{d[0]} {d[1]}" for d in dists))
                raise PluginError(_("hai gói cùng nhận tỉnh '{province}': {owners}; hãy gỡ một gói").format(
                    province=name, owners=owners))
            if self.pm.get_plugin(name) is not None:
                continue
            try:
                plugin = eps[0].load()
            except Exception as exc:
                raise PluginError(_("không nạp được gói '{plugin}' ({entry_point}): {error}").format(
                    plugin=name, entry_point=eps[0].value, error=exc)) from exc
            self.register(plugin, name=name, distribution=_dist_of(eps[0]))

    def load_all(self) -> None:
        """Scan the entry points once (unless autoloading is off)."""
        if self.autoload and not self._scanned:
            self._load(self._entry_points())
        self._scanned = True

    def _collect(self, plugin_name: str) -> None:
        """Call ``chuyenhoa_register_provinces`` of one plugin, so each province knows its pack."""
        if plugin_name in self._collected:
            return
        self._collected.add(plugin_name)
        plugin = self.pm.get_plugin(plugin_name)
        for impl in self.pm.hook.chuyenhoa_register_provinces.get_hookimpls():
            if impl.plugin is plugin:
                impl.function(register=self._registrar(plugin_name))

    def _registrar(self, plugin_name: str):  # noqa: ANN202 - a closure handed to packs
        def register(spec: ProvinceSpec) -> None:
            if not isinstance(spec, ProvinceSpec):
                raise PluginError(_("gói '{plugin}' đăng ký {value}, không phải ProvinceSpec").format(
                    plugin=plugin_name, value=repr(spec)))
            dist = self._distributions.get(plugin_name, (plugin_name, "?"))
            for key in (spec.slug, *spec.aliases):
                other = self._provinces.get(key)
                if other is not None and other is not spec:
                    raise PluginError(_("hai gói cùng nhận tỉnh '{province}': {owners}; hãy gỡ một gói").format(
                        province=key,
                        owners=_(" và ").join((str(other.distribution or other.plugin_name), dist[0]))))
            spec.distribution, spec.version, spec.plugin_name = dist[0], dist[1], plugin_name
            self._provinces[spec.slug] = spec
            for alias in spec.aliases:
                self._provinces[alias] = spec

        return register

    # -- queries ------------------------------------------------------------------------
    def provinces(self) -> dict[str, ProvinceSpec]:
        """Every registered province by slug (aliases excluded), loading all packs first."""
        self.load_all()
        return {slug: spec for slug, spec in sorted(self._provinces.items()) if spec.slug == slug}

    def province(self, slug: str) -> ProvinceSpec:
        """One province by slug, loading only the pack whose entry point has that name."""
        spec = self._provinces.get(slug)
        if spec is None and self.autoload and not self._scanned:
            self._load(self._entry_points(slug))
            spec = self._provinces.get(slug)
            if spec is None:  # a pack may register under another entry-point name
                self.load_all()
                spec = self._provinces.get(slug)
        if spec is None:
            known = ", ".join(sorted(s for s in self._provinces if self._provinces[s].slug == s)) or _("không có")
            hint = "" if self.autoload else (" " + _("(đang tắt tự nạp gói: {variable})").format(
                variable=DISABLE_AUTOLOAD_ENV) if autoload_disabled() else " " + _("(đang tắt tự nạp gói)"))
            raise UnknownProvinceError(_(
                "không có gói tỉnh '{slug}'{hint}; các tỉnh đã cài: {known}. Cài gói, ví dụ: pip install "
                "./provinces/{slug}").format(slug=slug, hint=hint, known=known))
        return spec

    def plugin_names(self) -> list[str]:
        return [name for name, _ in self.pm.list_name_plugin()]


def _dist_of(ep: metadata.EntryPoint) -> tuple[str, str]:
    dist = getattr(ep, "dist", None)
    if dist is None:  # pragma: no cover - always set on Python ≥ 3.10
        return (ep.value.split(":")[0], "?")
    return (dist.metadata["Name"], dist.version)


_default_host: PluginHost | None = None


def get_host() -> PluginHost:
    """The process-wide host, created on first use."""
    global _default_host
    if _default_host is None:
        _default_host = PluginHost()
    return _default_host


def reset_host(host: PluginHost | None = None) -> None:
    """Replace (or forget) the process-wide host; for tests and embedding tools."""
    global _default_host
    _default_host = host


__all__ = ["ENTRY_POINT_GROUP", "PluginHost", "get_host", "reset_host"]
