"""The plugin host: a pluggy manager with the national method built in, packs loaded lazily.

Entry points (group ``chuyenhoa``) are scanned on first use, not at import:
discovery reads every installed distribution's metadata and costs start-up time a
user of ``import chuyenhoa`` should not pay.  One province can be loaded by name
(the entry point's name is the province slug).  ``CHUYENHOA_DISABLE_PLUGIN_AUTOLOAD``
turns autoloading off, as ``PYTEST_DISABLE_PLUGIN_AUTOLOAD`` does, so tests can
register exactly the packs they want.

Hooks are scoped by province: a pack's implementations answer only for the
provinces it registered (:meth:`PluginHost.hooks_for`), so a pack never has to
check ``plan.province`` itself, and a slip in one pack cannot change another
province's method.  Plugins that register no province (the built-in ones, a
third party's method or output format) answer for every province.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable, Iterable
from importlib import metadata

import pluggy

from chuyenhoa.errors import ChuyenhoaError, PluginError, UnknownProvinceError
from chuyenhoa.i18n import _
from chuyenhoa.plugins import hookspecs
from chuyenhoa.plugins.hookspecs import OutputRenderer
from chuyenhoa.plugins.spec import ProvinceSpec

ENTRY_POINT_GROUP = "chuyenhoa"
DISABLE_AUTOLOAD_ENV = "CHUYENHOA_DISABLE_PLUGIN_AUTOLOAD"
#: The host's own behaviour, registered like any pack (datasette's ``DEFAULT_PLUGINS``): loaded by
#: name, so the plugin layer imports no module of the method it hosts.  The output formats of
#: ``evaluate`` are a plugin of the output stage (it imports the writers), loaded by name the same way.
BUILTIN_PLUGINS = ("chuyenhoa.builtin.national", "chuyenhoa.builtin.awards", "chuyenhoa.output.renderers")
NATIONAL_PLUGIN_NAME = BUILTIN_PLUGINS[0]
#: The distribution the built-in plugins ship in (``chuyenhoa plugins`` shows its version for them).
OWN_DISTRIBUTION = "chuyenhoa"


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
        self._distributions: dict[str, tuple[str, str]] = {}
        self._provinces: dict[str, ProvinceSpec] = {}
        #: slug or alias → the name of the plugin that registered it (the scope of its hooks)
        self._owners: dict[str, str] = {}
        #: output format → (the plugin that registered it, its renderer), in registration order
        self._renderers: dict[str, tuple[str, OutputRenderer]] = {}
        self._scoped: dict[str, ScopedHooks] = {}
        #: bumped whenever a plugin is collected: a scope computed before is stale
        self._generation = 0
        self._collected: set[str] = set()
        self._scanned = False
        for name in BUILTIN_PLUGINS:
            self.pm.register(importlib.import_module(name), name=name)
            self._collect(name)
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
        """Call the registration hooks of one plugin, so each province knows its pack and each output format
        its plugin.

        The host calls the plugin's own implementations, not a broadcast: it must
        know who registered what, to scope hooks and to name both plugins of a clash.
        """
        if plugin_name in self._collected:
            return
        self._collected.add(plugin_name)
        plugin = self.pm.get_plugin(plugin_name)
        try:
            for impl in self.pm.hook.chuyenhoa_register_provinces.get_hookimpls():
                if impl.plugin is plugin:
                    impl.function(register=self._registrar(plugin_name))
            for impl in self.pm.hook.chuyenhoa_register_output_renderers.get_hookimpls():
                if impl.plugin is plugin:
                    impl.function(register=self._renderer_registrar(plugin_name))
        finally:
            self._generation += 1

    def _registrar(self, plugin_name: str) -> Callable[[ProvinceSpec], None]:
        """The ``register`` a pack's ``chuyenhoa_register_provinces`` receives: it records the pack as the
        owner of the slug and its aliases, the provinces its other hooks will answer for."""

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
            for key in (spec.slug, *spec.aliases):
                self._provinces[key] = spec
                self._owners[key] = plugin_name

        return register

    def _renderer_registrar(self, plugin_name: str) -> Callable[[str, object], None]:
        """The ``register`` a plugin's ``chuyenhoa_register_output_renderers`` receives.

        A bare callable is taken as a renderer that can write to standard output
        and to a file; a name two plugins register is an error naming both, as
        for provinces: which one would ``--format`` mean?
        """

        def register(name: str, renderer: object) -> None:
            if not isinstance(name, str) or not name or name != name.strip() or name.startswith("-"):
                raise PluginError(_("gói '{plugin}' đăng ký định dạng {value}: cần một tên như 'yaml'").format(
                    plugin=plugin_name, value=repr(name)))
            if not isinstance(renderer, OutputRenderer):
                if not callable(renderer):
                    raise PluginError(_("gói '{plugin}' đăng ký định dạng '{name}' với {value}, không phải "
                                        "OutputRenderer hay một hàm").format(plugin=plugin_name, name=name,
                                                                             value=repr(renderer)))
                renderer = OutputRenderer(renderer)
            other = self._renderers.get(name)
            if other is not None:
                raise PluginError(_("hai gói cùng đăng ký định dạng '{name}': {owners}; hãy gỡ một gói").format(
                    name=name, owners=_(" và ").join((other[0], plugin_name))))
            self._renderers[name] = (plugin_name, renderer)

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

    # -- hooks scoped by province ---------------------------------------------------------
    def hooks_for(self, province: str) -> ScopedHooks:
        """The hooks as ``province`` sees them: ``host.hook`` without the packs that registered other provinces.

        A pack's implementations are called only for the provinces (and aliases)
        it registered; a plugin that registers no province stays global.  Call
        a hook on it as on ``host.hook``:
        ``host.hooks_for(plan.province).chuyenhoa_success_rule(plan=plan)``.
        One object per province, kept: it follows packs loaded later by itself.
        """
        scoped = self._scoped.get(province)
        if scoped is None:
            scoped = self._scoped[province] = ScopedHooks(self, province)
        return scoped

    def _out_of_scope(self, province: str) -> list[object]:
        """Every plugin that registered a province, except the one that registered ``province``."""
        owner = self._owners.get(province)
        names = {name for name in self._owners.values() if name != owner}
        return [plugin for name in sorted(names) if (plugin := self.pm.get_plugin(name)) is not None]

    # -- output formats -------------------------------------------------------------------
    def output_renderers(self) -> dict[str, OutputRenderer]:
        """Every output format of ``chuyenhoa evaluate``, built-in ones first, loading all packs first."""
        self.load_all()
        return {name: renderer for name, (_plugin, renderer) in self._renderers.items()}

    def output_renderer(self, name: str) -> OutputRenderer:
        """The renderer of format ``name``; the packs are scanned only when no plugin loaded so far has it."""
        found = self._renderers.get(name)
        if found is None and self.autoload and not self._scanned:
            self.load_all()
            found = self._renderers.get(name)
        if found is None:
            raise ChuyenhoaError(_("không có định dạng '{name}'; các định dạng: {known}").format(
                name=name, known=", ".join(self._renderers)))
        return found[1]

    # -- what is installed ----------------------------------------------------------------
    def plugin_report(self) -> list[dict[str, object]]:
        """Every registered plugin (built-ins first, then by name), for ``chuyenhoa plugins``.

        Each is ``{"name", "distribution", "version", "provinces", "hooks"}``: the
        distribution it was installed from (chuyenhoa itself for the built-ins,
        None for a plugin registered in code), the province slugs it registered
        and the hooks it implements, both sorted.  Loads all packs first, as
        :meth:`provinces` does: the report is of what is installed.
        """
        self.load_all()
        own_version = _own_version()
        provinces: dict[str, list[str]] = {}
        for slug, spec in self._provinces.items():
            if spec.slug == slug and spec.plugin_name:
                provinces.setdefault(spec.plugin_name, []).append(slug)
        plugins = [(name, plugin) for name, plugin in self.pm.list_name_plugin() if plugin is not None]
        plugins.sort(key=lambda item: (BUILTIN_PLUGINS.index(item[0]) if item[0] in BUILTIN_PLUGINS
                                       else len(BUILTIN_PLUGINS), item[0]))
        report: list[dict[str, object]] = []
        for name, plugin in plugins:
            if name in BUILTIN_PLUGINS:
                distribution, version = OWN_DISTRIBUTION, own_version
            else:
                distribution, version = self._distributions.get(name, (None, None))
            report.append({
                "name": name,
                "distribution": distribution,
                "version": version,
                "provinces": sorted(provinces.get(name, ())),
                "hooks": sorted(caller.name for caller in self.pm.get_hookcallers(plugin) or ()),
            })
        return report


class ScopedHooks:
    """``host.hook`` for one province: each hook a :meth:`pluggy.PluginManager.subset_hook_caller` without
    the packs of other provinces.

    The callers are made on first use and kept; when a plugin is registered
    afterwards (packs load lazily) the host's generation changes and they are
    made again, so a pack loaded later is left out of other provinces' scopes too.
    """

    def __init__(self, host: PluginHost, province: str) -> None:
        self._host = host
        self._province = province
        self._generation = -1
        self._callers: dict[str, pluggy.HookCaller] = {}

    def __getattr__(self, name: str) -> pluggy.HookCaller:
        if name.startswith("_"):
            raise AttributeError(name)
        host = self._host
        if self._generation != host._generation:
            self._callers.clear()
            self._generation = host._generation
        caller = self._callers.get(name)
        if caller is None:
            caller = host.pm.subset_hook_caller(name, remove_plugins=host._out_of_scope(self._province))
            self._callers[name] = caller
        return caller

    def __repr__(self) -> str:
        return f"<ScopedHooks {self._province!r}>"


def _own_version() -> str:
    """chuyenhoa's installed version (the built-in plugins' version), as ``evaluate`` reports it."""
    try:
        return metadata.version(OWN_DISTRIBUTION)
    except metadata.PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "0+unknown"


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


__all__ = ["ENTRY_POINT_GROUP", "PluginHost", "ScopedHooks", "get_host", "reset_host"]
