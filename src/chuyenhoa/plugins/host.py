"""The plugin host: a pluggy manager with the national method built in, packs loaded lazily.

Entry points (group ``chuyenhoa``) are scanned on first use, not at import:
discovery reads every installed distribution's metadata and costs start-up time a
user of ``import chuyenhoa`` should not pay.  Once scanned, every pack is loaded,
even to answer for one province: two packs may claim one slug under different
entry-point names, and that must be an error whichever of them is asked for
(importing and registering the four packs of this repository takes 2–7 ms).  ``CHUYENHOA_DISABLE_PLUGIN_AUTOLOAD``
turns autoloading off, as ``PYTEST_DISABLE_PLUGIN_AUTOLOAD`` does, so tests can
register exactly the packs they want.

A pack that fails (an import error, ``SystemExit`` on import, a registration hook
that raises, two packs claiming one slug) is set aside as a :class:`BrokenPlugin`
with a one-line error, never raised at the others: ``chuyenhoa provinces`` and
``chuyenhoa plugins`` list it, asking for its province raises its error, and every
other province keeps working.

Hooks are scoped by province: a pack's implementations answer only for the
provinces it registered (:meth:`PluginHost.hooks_for`), so a pack never has to
check ``plan.province`` itself, and a slip in one pack cannot change another
province's method.  Plugins that register no province (the built-in ones, a
third party's method or output format) answer for every province.

Every province of the national map runs, with or without a pack: a province no
pack registers is answered by a :class:`ProvinceSpec` the host makes from the
dated national lists (``national`` True, no plan of its own), and the built-in
``chuyenhoa_default_plan`` gives it the national plan from 2025.  ``--province``
is read as a slug, then as a GSO code or a Vietnamese name on the map in force
today, then on the earlier map ("Bình Phước", "70"), so an old name reaches the
province (or the pack) it named, which then says where it went.
"""

from __future__ import annotations

import datetime as dt
import importlib
import os
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

import attrs
import pluggy

from chuyenhoa.errors import ChuyenhoaError, PluginError, UnknownProvinceError
from chuyenhoa.i18n import _
from chuyenhoa.model import FieldsRepr, Plan
from chuyenhoa.plugins import hookspecs
from chuyenhoa.plugins.hookspecs import OutputRenderer
from chuyenhoa.plugins.spec import ProvinceSpec

if TYPE_CHECKING:
    from importlib import metadata

    from chuyenhoa.reading.geography import ProvinceUnit

ENTRY_POINT_GROUP = "chuyenhoa"
DISABLE_AUTOLOAD_ENV = "CHUYENHOA_DISABLE_PLUGIN_AUTOLOAD"
#: The host's own behaviour, registered like any pack (datasette's ``DEFAULT_PLUGINS``): loaded by
#: name, so the plugin layer imports no module of the method it hosts.  The output formats of
#: ``evaluate`` are a plugin of the output stage (it imports the writers), loaded by name the same way.
BUILTIN_PLUGINS = ("chuyenhoa.builtin.national", "chuyenhoa.builtin.awards", "chuyenhoa.output.renderers")
NATIONAL_PLUGIN_NAME = BUILTIN_PLUGINS[0]
#: The distribution the built-in plugins ship in (``chuyenhoa plugins`` shows its version for them).
OWN_DISTRIBUTION = "chuyenhoa"


@attrs.frozen(repr=False)
class BrokenPlugin(FieldsRepr):
    """A plugin the host set aside, and why: listed by ``chuyenhoa provinces`` and ``chuyenhoa plugins``.

    ``name`` is its entry point's name (by convention the province's slug);
    ``provinces`` the slugs it registered or claimed before it failed, whose
    commands then stop with ``error``, a one-line message that names the pack.
    """

    name: str
    distribution: str | None
    version: str | None
    error: str
    provinces: tuple[str, ...] = ()

    def claims(self, slug: str) -> bool:
        return slug == self.name or slug in self.provinces

    def as_dict(self) -> dict[str, object]:
        return {"name": self.name, "distribution": self.distribution, "version": self.version,
                "provinces": sorted(set(self.provinces)), "error": self.error}


class _SlugClash(PluginError):
    """Two plugins claiming one slug or alias: both are at fault, so the loader sets both aside."""

    def __init__(self, message: str, slug: str, other: str | None) -> None:
        super().__init__(message)
        self.slug, self.other = slug, other


def _one_line(exc: BaseException) -> str:
    """An exception as one line: its type (``SystemExit: 3`` says more than ``3``) and its message, spaces folded."""
    text = " ".join(str(exc).split())
    return type(exc).__name__ + (f": {text}" if text else "")


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
        #: the plugins set aside, in the order they failed
        self._broken: list[BrokenPlugin] = []
        #: a slug two packs claimed → the distributions that claimed it: a third claimant is refused too
        self._contested: dict[str, list[str]] = {}
        #: plugin name → every slug and alias it tried to register, kept when it is set aside
        self._claimed: dict[str, list[str]] = {}
        #: the provinces of the national map no pack registers, made on first use, by slug
        self._national: dict[str, ProvinceSpec] = {}
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
        """Register a plugin object or module, as a pack's entry point would.

        Raises :class:`PluginError` (naming the plugin) when it cannot be
        registered, and leaves nothing of it behind: no hook, no province, no
        format.  Plugins found through entry points never raise here; the loader
        sets them aside instead (:meth:`broken`).
        """
        registered = self.pm.register(plugin, name=name)
        if registered is None:  # pragma: no cover - pluggy returns None only when blocked
            raise PluginError(f"plugin {name or plugin!r} is blocked")
        try:
            self.pm.check_pending()
        except pluggy.PluginValidationError as exc:
            self.pm.unregister(name=registered)
            raise PluginError(_("gói '{plugin}' có hook không tồn tại (sai tên?): {error}").format(
                plugin=registered, error=" ".join(str(exc).split()))) from exc
        if distribution:
            self._distributions[registered] = distribution
        try:
            self._collect(registered)
        except PluginError:
            self._forget(registered)
            raise
        except (Exception, SystemExit) as exc:  # a pack's registration hook is code we do not control
            self._forget(registered)
            raise PluginError(_("gói '{plugin}' lỗi khi đăng ký: {error}").format(
                plugin=registered, error=_one_line(exc))) from exc
        return registered

    def _forget(self, plugin_name: str) -> None:
        """Undo a registration: the plugin's hooks, the provinces and formats it registered."""
        for key in [key for key, owner in self._owners.items() if owner == plugin_name]:
            del self._owners[key]
            self._provinces.pop(key, None)
        for name in [name for name, (owner, _renderer) in self._renderers.items() if owner == plugin_name]:
            del self._renderers[name]
        self._distributions.pop(plugin_name, None)
        self._collected.discard(plugin_name)
        if self.pm.get_plugin(plugin_name) is not None:
            self.pm.unregister(name=plugin_name)
        self._generation += 1

    def _entry_points(self) -> list[metadata.EntryPoint]:
        from chuyenhoa.plugins.discovery import entry_points  # importlib.metadata's answer, without its import

        return entry_points(ENTRY_POINT_GROUP)

    def _load(self, points: list[metadata.EntryPoint]) -> None:
        """Load and register each entry point; one that fails is set aside, never raised at the others."""
        by_name: dict[str, list[metadata.EntryPoint]] = {}
        for ep in points:
            by_name.setdefault(ep.name, []).append(ep)
        for name, eps in by_name.items():
            if self.pm.get_plugin(name) is not None or any(b.name == name for b in self._broken):
                continue
            dists = sorted({_dist_of(ep) for ep in eps})
            if len(dists) > 1:
                owners = _(" và ").join(f"{d[0]} {d[1]}" for d in dists)
                error = _("hai gói cùng nhận tỉnh '{province}': {owners}; hãy gỡ một gói").format(
                    province=name, owners=owners)
                self._contested.setdefault(name, []).extend(d[0] for d in dists)
                self._broken.extend(BrokenPlugin(name, d[0], d[1], error, (name,)) for d in dists)
                continue
            self._load_one(name, eps[0])

    def _load_one(self, name: str, ep: metadata.EntryPoint) -> None:
        distribution = _dist_of(ep)
        try:
            plugin = ep.load()
        except (Exception, SystemExit) as exc:  # SystemExit too: a pack's import must not end the command
            self._set_aside(name, distribution, _("không nạp được gói '{plugin}' ({entry_point}): {error}").format(
                plugin=name, entry_point=ep.value, error=_one_line(exc)))
            return
        try:
            self.register(plugin, name=name, distribution=distribution)
        except _SlugClash as exc:
            # both packs are at fault: the one that came first is set aside too, with every slug it held,
            # and the slug stays contested, so a third pack claiming it is refused as well
            other = exc.other
            claimants = self._contested.setdefault(exc.slug, [])
            if other is not None and other not in BUILTIN_PLUGINS:
                other_distribution: tuple[str | None, str | None] = self._distributions.get(other, (None, None))
                claimants.append(other_distribution[0] or other)
                self._forget(other)
                self._set_aside(other, other_distribution, str(exc))
            claimants.append(distribution[0])
            self._set_aside(name, distribution, str(exc))
        except PluginError as exc:
            self._set_aside(name, distribution, str(exc))

    def _set_aside(self, name: str, distribution: tuple[str | None, str | None], error: str) -> None:
        """Record a plugin as broken, with every slug it tried to register: asking for one gives its error."""
        provinces = tuple(dict.fromkeys(self._claimed.get(name, ())))
        self._broken.append(BrokenPlugin(name, distribution[0], distribution[1], " ".join(error.split()),
                                         provinces))

    def load_all(self) -> None:
        """Scan the entry points once (unless autoloading is off); a pack that fails is set aside."""
        if self.autoload and not self._scanned:
            self._scanned = True
            self._load(self._entry_points())
        self._scanned = True

    def broken(self) -> tuple[BrokenPlugin, ...]:
        """The plugins set aside, loading all packs first: what ``chuyenhoa provinces`` lists with their error."""
        self.load_all()
        return tuple(self._broken)

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
            self._claimed.setdefault(plugin_name, []).extend((spec.slug, *spec.aliases))
            dist = self._distributions.get(plugin_name, (plugin_name, "?"))
            for key in (spec.slug, *spec.aliases):
                other = self._provinces.get(key)
                if other is not None and other is not spec:
                    raise _SlugClash(_("hai gói cùng nhận tỉnh '{province}': {owners}; hãy gỡ một gói").format(
                        province=key,
                        owners=_(" và ").join((str(other.distribution or other.plugin_name), dist[0]))),
                        key, self._owners.get(key))
                if key in self._contested:  # two packs already claimed it and were set aside: a third is too
                    raise _SlugClash(_("hai gói cùng nhận tỉnh '{province}': {owners}; hãy gỡ một gói").format(
                        province=key, owners=_(" và ").join((*self._contested[key], dist[0]))), key, None)
            spec.distribution, spec.version, spec.plugin_name = dist[0], dist[1], plugin_name
            spec.default_plan = self._default_plan_of(spec.slug)
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

    def province(self, slug: str, *, year: int | None = None) -> ProvinceSpec:
        """One province by slug, every pack loaded first (a second pack may claim the slug under another name).

        A slug whose pack was set aside raises that pack's error
        (:class:`PluginError`).  A slug no pack claims is read as a province of
        the national map, as a slug, a GSO code or a name as typed, today's map
        first ("80" is Tây Ninh), then the earlier one ("70" is Bình Phước): the
        pack of that province if one is installed, else a province without a pack
        (:meth:`national_province`).  With ``year``, the map in force at that year's
        end is read first: a code means a province only on a date, and "80" of 2024
        is Long An, not today's Tây Ninh (the year's plan and data are on that map).
        Anything else raises :class:`UnknownProvinceError`, which also counts the
        packs set aside.
        """
        self.load_all()
        spec = self._provinces.get(slug)
        if spec is not None:
            return spec
        culprit = next((b for b in self._broken if b.claims(slug)), None)
        if culprit is not None:
            raise PluginError(culprit.error)
        found = self._on_a_map(slug, None if year is None else dt.date(year, 12, 31))
        if found is not None:
            return found
        known = ", ".join(sorted(s for s in self._provinces if self._provinces[s].slug == s)) or _("không có")
        hint = "" if self.autoload else (" " + _("(đang tắt tự nạp gói: {variable})").format(
            variable=DISABLE_AUTOLOAD_ENV) if autoload_disabled() else " " + _("(đang tắt tự nạp gói)"))
        message = _("không có gói tỉnh '{slug}'{hint}; các tỉnh đã cài: {known}. Cài gói, ví dụ: pip install "
                    "./provinces/{slug}").format(slug=slug, hint=hint, known=known)
        if self._broken:
            names = ", ".join(dict.fromkeys(b.name for b in self._broken))
            message += " " + _("({names} không nạp được: xem chuyenhoa provinces)").format(names=names)
        raise UnknownProvinceError(message)

    def national_provinces(self) -> dict[str, ProvinceSpec]:
        """The provinces of the map in force today that no pack registers, by slug: they run on the national plan."""
        from chuyenhoa.reading.geography import snapshot_on

        self.load_all()
        claimed = set(self._provinces) | {slug for b in self._broken for slug in (b.name, *b.provinces)}
        return {unit.slug: self.national_province(unit) for unit in snapshot_on(dt.date.today()).provinces
                if unit.slug not in claimed}

    def national_province(self, unit: ProvinceUnit) -> ProvinceSpec:
        """The province ``unit`` of a national map as the host runs it without a pack: no plan, no file of its own.

        Its geography comes from the national lists, its plan from the hook
        ``chuyenhoa_default_plan`` (the national method, from 2025).  Made once per slug.
        """
        spec = self._national.get(unit.slug)
        if spec is None:
            spec = ProvinceSpec(slug=unit.slug, name=unit.name, code=unit.code, plans=(), geographies=(),
                                plugin_name=NATIONAL_PLUGIN_NAME, national=True)
            spec.default_plan = self._default_plan_of(unit.slug)
            self._national[unit.slug] = spec
        return spec

    def _on_a_map(self, query: str, day: dt.date | None = None) -> ProvinceSpec | None:
        """The province ``query`` names on the map of ``day`` (today's when None), else on another one, newest
        first: its pack, or the national one."""
        from chuyenhoa.reading.geography import snapshot_on, snapshots

        first = snapshot_on(day or dt.date.today())
        maps = [first, *reversed([s for s in snapshots() if s.map_id != first.map_id])]
        seen: set[str] = set()
        for snapshot in maps:
            if snapshot.map_id in seen:
                continue
            seen.add(snapshot.map_id)
            unit = snapshot.find_province(query)
            if unit is None:
                continue
            spec = self._provinces.get(unit.slug)
            if spec is not None:
                return spec
            culprit = next((b for b in self._broken if b.claims(unit.slug)), None)
            if culprit is not None:
                raise PluginError(culprit.error)
            return self.national_province(unit)
        return None

    def _default_plan_of(self, slug: str) -> Callable[[int], Plan | None]:
        """What a province's :attr:`~ProvinceSpec.default_plan` calls: ``chuyenhoa_default_plan`` in its scope."""

        def default_plan(year: int) -> Plan | None:
            plan = self.hooks_for(slug).chuyenhoa_default_plan(province=slug, year=year)
            if plan is not None and not isinstance(plan, Plan):
                raise PluginError(_("plugin '{plugin}': hook {hook} trả về {value}, không phải {expected}").format(
                    plugin="?", hook="chuyenhoa_default_plan", value=type(plan).__name__, expected="Plan"))
            return plan

        return default_plan

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

        Each is ``{"name", "distribution", "version", "provinces", "hooks", "error"}``:
        the distribution it was installed from (chuyenhoa itself for the
        built-ins, None for a plugin registered in code), the province slugs it
        registered and the hooks it implements, both sorted, and ``error`` None.
        The plugins set aside follow, with no hook and their one-line ``error``.
        Loads all packs first, as :meth:`provinces` does: the report is of what
        is installed.
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
            distribution: str | None
            version: str | None
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
                "error": None,
            })
        report += [{**broken.as_dict(), "hooks": []} for broken in self._broken]
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
    from chuyenhoa.plugins.discovery import version

    return version(OWN_DISTRIBUTION) or "0+unknown"  # None: running from a source tree


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


__all__ = ["ENTRY_POINT_GROUP", "BrokenPlugin", "PluginHost", "ScopedHooks", "get_host", "reset_host"]
