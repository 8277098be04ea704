"""Read a plan file (TOML) into a :class:`~chuyenhoa.model.Plan`, refusing anything doubtful.

A plan file is the province's document turned into data, one value per clause.
Like Catala, a rule that cannot apply or two that conflict is an error, not a
silent choice: an unknown indicator, a bad comparator, a threshold out of range,
two values for one target, a date that does not parse, a value without its
``source`` clause, a key the reference does not know.  Each error names the file,
the key and what was expected.  The reference is ``docs/plan-files.md``.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs

from chuyenhoa.comparators import Comparator
from chuyenhoa.errors import PlanFileError
from chuyenhoa.i18n import N_, _, translate
from chuyenhoa.model import (
    Basis,
    CapScope,
    Dated,
    DefaultPlan,
    Gate,
    GateTest,
    HotspotIndicator,
    Indicator,
    Method,
    Milestone,
    MissingIndicator,
    Period,
    Plan,
    Responsibility,
    Rounding,
    SelectionPolicy,
    Source,
    SuccessRule,
    Target,
    TargetScope,
    ValueKind,
)
from chuyenhoa.reading.indicators import catalogue

_DMY = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$|^(\d{1,2})/(\d{4})$")

_TOP = {"schema", "plan", "selection", "success", "weights", "indicators", "targets", "milestones",
        "responsibilities", "awards"}
_RESPONSIBILITY = {"task", "lead", "partners", "targets", "source", "quote", "reading"}
_PLAN = {"id", "province", "title", "issuer", "date", "year", "years", "period", "notes", "source",
         "number_printed", "date_printed"}
_PERIOD = {"start", "end", "source"}
_SELECTION = {"cap_share", "scopes", "rounding", "minimum_per_district", "source", "minimum_source",
              "quote", "reading", "minimum_quote", "minimum_reading", "leave_source", "leave_quote", "leave_reading"}
_SUCCESS = {"share", "comparator", "missing", "gates", "source", "quote", "reading"}
_GATE = {"id", "column", "test", "label", "source", "quote", "reading"}
#: The national method's file (``builtin/national/*.toml``): the method instead of a plan's head and targets.
_METHOD_TOP = {"schema", "method", "selection", "success", "hotspot_indicators", "goals", "default_plan"}
_DEFAULT_PLAN = {"from", "id", "title", "issuer", "date", "source", "reading"}
_METHOD = {"id", "title", "issuer", "date", "implements", "duration"}
_HOTSPOT_INDICATOR = {"id", "comparator", "threshold", "label", "source", "quote", "reading"}
_GOAL = {"id", "from", "comparator", "threshold", "label", "source", "quote", "reading"}
_INDICATOR = {"id", "kind", "table", "tables", "label", "source", "numerator", "denominator"}
_TARGET = {"id", "indicator", "basis", "comparator", "threshold", "label", "source", "quote",
           "reading", "scope", "lead"}
_MILESTONE = {"due", "before", "start", "month", "what", "who", "source", "quote", "recurring"}
_RECURRING = {"every", "from", "to"}


def load_plan(path: str | Path) -> Plan:
    """Parse and check one plan file."""
    return _PlanReader(str(path)).read(_toml(Path(path)))


def load_method(path: str | Path) -> Method:
    """Parse and check the national method's file, with the plan reader's checks and words."""
    return _PlanReader(str(path)).read_method(_toml(Path(path)))


def _toml(path: Path) -> dict[str, Any]:
    """The TOML of a plan file; a file that cannot be read or parsed is a PlanFileError naming it.

    The document parsed from the same text on an earlier run is taken from its cache
    (:mod:`chuyenhoa.reading.tomlcache`, beside the file as bytecode is), else the text is parsed and kept.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise PlanFileError(str(path), "-", _("không đọc được tệp: {error}").format(error=exc)) from exc
    from chuyenhoa.reading import tomlcache

    document = tomlcache.load(str(path), text)
    if document is not None:
        return document
    if sys.version_info >= (3, 11):  # imported here: a plan read from the cache needs no parser
        import tomllib
    else:  # pragma: no cover - exercised on 3.10 by tox
        import tomli as tomllib
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise PlanFileError(str(path), "-", _("TOML không hợp lệ: {error}").format(error=exc)) from exc
    tomlcache.store(str(path), text, document)
    return document


class TableReader:
    """Checked accessors for one TOML document: every refusal names the file, the key and what was expected.

    Shared by the plan-file loader and the ``[awards]`` reader, so both refuse the
    same mistakes with the same words.
    """

    #: what the unknown-key message calls the reference (shown as written)
    reference = N_("tệp kế hoạch")
    #: the form of a citation, shown when a ``source`` lacks its clause
    source_example = "860/KH-UBND §II.2"

    def __init__(self, path: str) -> None:
        self.path = path

    def fail(self, key: str, problem: str) -> PlanFileError:
        return PlanFileError(self.path, key, problem)

    def keys(self, table: Mapping[str, Any], allowed: set[str], where: str) -> None:
        if not isinstance(table, dict):
            raise self.fail(where or "-", _("cần một bảng TOML, có {value}").format(value=repr(table)))
        for key in table:
            if key not in allowed:
                raise self.fail(f"{where}.{key}" if where else key,
                                _("khóa không có trong tham chiếu {reference}; các khóa được phép: {keys}").format(
                                    reference=translate(self.reference), keys=", ".join(sorted(allowed))))

    def text(self, raw: Mapping[str, Any], key: str, where: str, required: bool = True) -> str | None:
        value = raw.get(key)
        if value is None:
            if required:
                raise self.fail(f"{where}.{key}", _("thiếu giá trị bắt buộc (một chuỗi)"))
            return None
        if not isinstance(value, str) or not value.strip():
            raise self.fail(f"{where}.{key}", _("cần một chuỗi không rỗng, có {value}").format(value=repr(value)))
        return " ".join(value.split())

    def source(self, raw: Mapping[str, Any], where: str, key: str = "source",
               quote_key: str = "quote", reading_key: str = "reading") -> Source:
        text = self.text(raw, key, where)
        assert text is not None
        if " " not in text:
            raise self.fail(f"{where}.{key}", _("'{text}' thiếu điều khoản; cần dạng \"{example}\"")
                            .format(text=text, example=self.source_example))
        return Source.parse(text, quote=self.text(raw, quote_key, where, required=False),
                            reading=self.text(raw, reading_key, where, required=False))


class _PlanReader(TableReader):
    # -- small checked accessors -------------------------------------------------
    def table(self, raw: Mapping[str, Any], key: str, where: str, required: bool = True) -> dict[str, Any]:
        value = raw.get(key)
        if value is None:
            if required:
                raise self.fail(f"{where}{key}", _("thiếu bảng bắt buộc"))
            return {}
        if not isinstance(value, dict):
            raise self.fail(f"{where}{key}", _("cần một bảng TOML"))
        return value

    def date(self, raw: Mapping[str, Any], key: str, where: str, required: bool = True) -> dt.date | None:
        value = raw.get(key)
        if value is None:
            if required:
                raise self.fail(f"{where}.{key}", _("thiếu ngày (dạng 2024-03-25 hoặc \"25/03/2024\")"))
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str):
            match = _DMY.match(value.strip())
            try:
                if match:
                    return dt.date(int(match[3]), int(match[2]), int(match[1]))
                return dt.date.fromisoformat(value.strip())
            except ValueError:
                pass
        raise self.fail(f"{where}.{key}", _("'{value}' không phải ngày hợp lệ; cần 2024-03-25 hoặc \"25/03/2024\"")
                        .format(value=value))

    # -- the plan --------------------------------------------------------------------
    def read(self, raw: dict[str, Any]) -> Plan:
        self.keys(raw, _TOP, "")
        schema = raw.get("schema", 1)
        if schema != 1:
            raise self.fail("schema", _("phiên bản {schema} không được hỗ trợ; cần 1").format(schema=repr(schema)))
        head = self.table(raw, "plan", "")
        self.keys(head, _PLAN, "plan")
        plan_id = self.text(head, "id", "plan")
        years = self._years(head)
        period_raw = self.table(head, "period", "plan.")
        self.keys(period_raw, _PERIOD, "plan.period")
        start = self.date(period_raw, "start", "plan.period")
        end = self.date(period_raw, "end", "plan.period")
        assert start is not None and end is not None
        if end < start:
            raise self.fail("plan.period.end", _("ngày kết thúc {end} trước ngày bắt đầu {start}").format(
                end=end, start=start))
        period = Period(start, end, self.source(period_raw, "plan.period") if "source" in period_raw else None)
        indicators = self._indicators(raw.get("indicators", []))
        known = catalogue(indicators)
        notes = head.get("notes", [])
        if not isinstance(notes, list) or not all(isinstance(n, str) for n in notes):
            raise self.fail("plan.notes", _("cần một danh sách chuỗi"))
        date = self.date(head, "date", "plan")
        assert date is not None
        printed = {key: self._printed(head, key) for key in ("number_printed", "date_printed")}
        responsibilities = self._responsibilities(raw.get("responsibilities", []), raw.get("targets", []))
        targets = self._targets(raw.get("targets", []), known)
        leads = {ident: r.lead for r in responsibilities for ident in r.targets}
        targets = tuple(t if t.lead or t.id not in leads else attrs.evolve(t, lead=leads[t.id]) for t in targets)
        return Plan(
            id=plan_id or "",
            province=self.text(head, "province", "plan") or "",
            title=self.text(head, "title", "plan") or "",
            issuer=self.text(head, "issuer", "plan") or "",
            date=date,
            years=years,
            period=period,
            targets=targets,
            milestones=self._milestones(raw.get("milestones", [])),
            indicators=indicators,
            selection=self._selection(raw.get("selection")),
            success=self._success(raw.get("success")),
            weights=self._weights(raw.get("weights", {}), known),
            notes=tuple(" ".join(n.split()) for n in notes),
            responsibilities=responsibilities,
            awards=self.table(raw, "awards", "", required=False) or None,
            path=self.path,
            **printed,
        )

    def _printed(self, head: Mapping[str, Any], key: str) -> bool:
        """``number_printed`` / ``date_printed``: false when the copy of the plan does not print it (default true)."""
        value = head.get(key, True)
        if not isinstance(value, bool):
            raise self.fail(f"plan.{key}", _("cần true hoặc false, có {value}").format(value=repr(value)))
        return value

    # -- the national method ----------------------------------------------------------------
    def read_method(self, raw: dict[str, Any]) -> Method:
        self.keys(raw, _METHOD_TOP, "")
        schema = raw.get("schema", 1)
        if schema != 1:
            raise self.fail("schema", _("phiên bản {schema} không được hỗ trợ; cần 1").format(schema=repr(schema)))
        head = self.table(raw, "method", "")
        self.keys(head, _METHOD, "method")
        duration = self.table(head, "duration", "method.")
        self.keys(duration, {"source", "quote", "reading"}, "method.duration")
        date = self.date(head, "date", "method")
        assert date is not None
        success = self._success(self.table(raw, "success", ""))
        assert success is not None
        undefined = [g.id for g in success.gates if not g.defined]
        if undefined:
            raise self.fail("success.gates", _("phương pháp phải định nghĩa đủ mỗi điều kiện (column, test): {gates}")
                            .format(gates=", ".join(undefined)))
        return Method(
            id=self.text(head, "id", "method") or "",
            title=self.text(head, "title", "method") or "",
            issuer=self.text(head, "issuer", "method") or "",
            date=date,
            implements=self.text(head, "implements", "method", required=False),
            duration=self.source(duration, "method.duration"),
            selection=self._dated_selection(raw.get("selection")),
            success=success,
            indicators=self._hotspot_indicators(raw.get("hotspot_indicators")),
            goals=self._goals(raw.get("goals")),
            path=self.path,
            default_plan=self._default_plan(raw.get("default_plan")),
        )

    def _default_plan(self, raw: Any) -> DefaultPlan | None:
        """``[default_plan]``: the national document that stands in for a provincial plan from a year on."""
        if raw is None:
            return None
        where = "default_plan"
        self.keys(raw, _DEFAULT_PLAN, where)
        first = raw.get("from")
        if isinstance(first, bool) or not isinstance(first, int) or not 2000 <= first <= 2100:
            raise self.fail(f"{where}.from", _("cần một năm, ví dụ 2025; có {value}").format(value=repr(first)))
        date = self.date(raw, "date", where)
        assert date is not None
        return DefaultPlan(first_year=first, id=self.text(raw, "id", where) or "",
                           title=self.text(raw, "title", where) or "", issuer=self.text(raw, "issuer", where) or "",
                           date=date, source=self.source(raw, where))

    def _dated_selection(self, items: Any) -> Dated[SelectionPolicy]:
        if not isinstance(items, list) or not items:
            raise self.fail("selection", _("cần một mảng bảng [[selection]], mỗi bảng có 'from'"))
        values = []
        for n, item in enumerate(items):
            if not isinstance(item, dict):
                raise self.fail(f"selection[{n}]", _("cần một bảng TOML"))
            start = self.date(item, "from", f"selection[{n}]")
            assert start is not None
            policy = self._selection({k: v for k, v in item.items() if k != "from"}, f"selection[{n}]")
            assert policy is not None
            values.append((start, policy))
        return self._dated(values, "selection")

    def _dated(self, values: list[tuple[dt.date, Any]], where: str) -> Dated[Any]:
        try:
            return Dated(tuple(sorted(values, key=lambda v: v[0])))
        except ValueError:
            raise self.fail(where, _("mỗi ngày 'from' chỉ được ghi một lần")) from None

    def _hotspot_indicators(self, items: Any) -> tuple[HotspotIndicator, ...]:
        if not isinstance(items, list) or not items:
            raise self.fail("hotspot_indicators", _("cần một mảng bảng [[hotspot_indicators]]"))
        known = catalogue(())
        result: list[HotspotIndicator] = []
        for n, item in enumerate(items):
            where = f"hotspot_indicators[{n}]"
            self.keys(item, _HOTSPOT_INDICATOR, where)
            ident = self.text(item, "id", where) or ""
            indicator = known.get(ident)
            if indicator is None or "communes" not in indicator.tables:
                raise self.fail(f"{where}.id", _("'{indicator}' không phải cột của bảng communes trong INDICATORS.md")
                                .format(indicator=ident))
            if ident in {i.id for i in result}:
                raise self.fail(f"{where}.id", _("chỉ tiêu '{target}' được khai báo hai lần").format(target=ident))
            comparator = self._comparator(item, where)
            if "threshold" not in item:
                raise self.fail(f"{where}.threshold", _("thiếu ngưỡng"))
            threshold = self._threshold(item["threshold"], where, indicator.kind, Basis.VALUE)
            result.append(HotspotIndicator(ident, comparator, threshold, self.source(item, where),
                                           self.text(item, "label", where) or ""))
        return tuple(result)

    def _goals(self, items: Any) -> Dated[tuple[Target, ...]]:
        """``[[goals]]``: each a computed indicator's goal in force from a date, until the next of its id."""
        if not isinstance(items, list) or not items:
            raise self.fail("goals", _("cần một mảng bảng [[goals]], mỗi bảng có 'from'"))
        known = catalogue(())
        by_id: dict[str, list[tuple[dt.date, Target]]] = {}
        for n, item in enumerate(items):
            where = f"goals[{n}]"
            self.keys(item, _GOAL, where)
            ident = self.text(item, "id", where) or ""
            indicator = known.get(ident)
            if indicator is None or not indicator.computed:
                raise self.fail(f"{where}.id", _("'{indicator}' không phải chỉ số do công cụ tính").format(
                    indicator=ident))
            start = self.date(item, "from", where)
            assert start is not None
            if "threshold" not in item:
                raise self.fail(f"{where}.threshold", _("thiếu ngưỡng"))
            threshold = self._threshold(item["threshold"], where, indicator.kind, Basis.VALUE)
            goal = Target(id=f"national.{ident}", indicator=ident, comparator=self._comparator(item, where),
                          threshold=threshold, source=self.source(item, where),
                          label=self.text(item, "label", where, required=False) or "")
            if any(day == start for day, _goal in by_id.get(ident, [])):
                raise self.fail(f"{where}.from", _("mỗi ngày 'from' chỉ được ghi một lần"))
            by_id.setdefault(ident, []).append((start, goal))
        days = sorted({day for dated in by_id.values() for day, _goal in dated})
        first = {ident: min(day for day, _goal in dated) for ident, dated in by_id.items()}
        values: list[tuple[dt.date, tuple[Target, ...]]] = []
        for day in days:  # the goals in force on each date any of them changes
            in_force: list[Target] = [Dated(tuple(sorted(dated, key=lambda v: v[0]))).at(day)
                        for ident, dated in by_id.items() if first[ident] <= day]
            values.append((day, tuple(in_force)))
        return Dated(tuple(values))

    def _comparator(self, item: Mapping[str, Any], where: str) -> Comparator:
        try:
            return Comparator.parse(item.get("comparator"))
        except ValueError as exc:
            raise self.fail(f"{where}.comparator", str(exc)) from None

    def _years(self, head: Mapping[str, Any]) -> tuple[int, ...]:
        if "year" in head and "years" in head:
            raise self.fail("plan.years", _("chỉ ghi một trong 'year' và 'years'"))
        value = head.get("years", [head["year"]] if "year" in head else None)
        if value is None:
            raise self.fail("plan.year", _("thiếu năm của kế hoạch (year = 2024 hoặc years = [2017, 2018])"))
        if not isinstance(value, list) or not value or not all(
            isinstance(y, int) and not isinstance(y, bool) and 1990 <= y <= 2100 for y in value
        ):
            raise self.fail("plan.years", _("cần danh sách năm (ví dụ [2024]), có {value}").format(value=repr(value)))
        if len(set(value)) != len(value):
            raise self.fail("plan.years", _("một năm được ghi hai lần"))
        return tuple(sorted(value))

    def _indicators(self, items: Any) -> tuple[Indicator, ...]:
        if not isinstance(items, list):
            raise self.fail("indicators", _("cần một mảng bảng [[indicators]]"))
        result = []
        for n, item in enumerate(items):
            where = f"indicators[{n}]"
            self.keys(item, _INDICATOR, where)
            ident = self.text(item, "id", where) or ""
            kind = self.text(item, "kind", where) or ""
            if kind not in {k.value for k in ValueKind}:
                raise self.fail(f"{where}.kind", _("'{kind}' không hợp lệ; cần count, rate, flag, number hoặc text")
                                .format(kind=kind))
            tables = item.get("tables", [item["table"]] if "table" in item else None)
            if not tables or not set(tables) <= {"communes", "province"}:
                raise self.fail(f"{where}.table", _("cần 'communes' hoặc 'province'"))
            source = self.text(item, "source", where)
            counts = [self.text(item, key, where, required=False) for key in ("numerator", "denominator")]
            if any(counts) and (kind != ValueKind.RATE.value or not all(counts)):
                raise self.fail(f"{where}.numerator", _(
                    "numerator và denominator đi cùng nhau, và chỉ cho một tỷ lệ (kind = \"rate\")"))
            try:
                indicator = Indicator(id=ident, kind=kind, label=self.text(item, "label", where) or ident,
                                      tables=tables, source=source, numerator=counts[0], denominator=counts[1])
            except ValueError as exc:
                raise self.fail(f"{where}.id", str(exc)) from None
            result.append(indicator)
        try:
            known = catalogue(result)
        except ValueError as exc:
            raise self.fail("indicators", str(exc)) from None
        for n, indicator in enumerate(result):
            for key, count in (("numerator", indicator.numerator), ("denominator", indicator.denominator)):
                found = known.get(count) if count else None
                if count and (found is None or found.kind is not ValueKind.COUNT
                              or not set(indicator.tables) <= set(found.tables)):
                    raise self.fail(f"indicators[{n}].{key}", _(
                        "'{column}' không phải cột số lượng (count) của bảng {tables}").format(
                        column=count, tables=", ".join(sorted(indicator.tables))))
        ids = [i.id for i in result]
        if len(set(ids)) != len(ids):
            raise self.fail("indicators", _("một chỉ số được khai báo hai lần"))
        return tuple(result)

    def _threshold(self, value: Any, where: str, kind: ValueKind, basis: Basis) -> float | bool:
        if kind is ValueKind.FLAG and basis is Basis.VALUE:
            if not isinstance(value, bool):
                raise self.fail(f"{where}.threshold", _("chỉ số có/không cần true hoặc false, có {value}").format(
                    value=repr(value)))
            return bool(value)
        if isinstance(value, str) and re.fullmatch(r"\s*\d+\s*/\s*\d+\s*", value):
            numerator, denominator = (int(part) for part in value.split("/"))
            if denominator == 0:
                raise self.fail(f"{where}.threshold", _("mẫu số bằng 0"))
            # int / int is correctly rounded, as float(Fraction(numerator, denominator) * 100) is: the same float,
            # without importing fractions (and decimal) on every start
            value = numerator * 100 / denominator
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise self.fail(f"{where}.threshold", _("cần một số (hoặc phân số \"2/3\"), có {value}").format(
                value=repr(value)))
        number = float(value)
        if basis is Basis.CHANGE_PCT:
            if number < -100:
                raise self.fail(f"{where}.threshold", _("mức thay đổi {value}% nhỏ hơn -100%").format(
                    value=f"{number:g}"))
        elif kind is ValueKind.RATE and not 0 <= number <= 100:
            raise self.fail(f"{where}.threshold", _("tỷ lệ {value} nằm ngoài khoảng 0–100").format(value=f"{number:g}"))
        elif kind is ValueKind.COUNT and (number < 0 or not number.is_integer()):
            raise self.fail(f"{where}.threshold", _("số lượng {value} phải là số nguyên không âm").format(
                value=f"{number:g}"))
        return number

    def _targets(self, items: Any, known: Mapping[str, Indicator]) -> tuple[Target, ...]:
        if not isinstance(items, list):
            raise self.fail("targets", _("cần một mảng bảng [[targets]]"))
        result: list[Target] = []
        seen: dict[str, int] = {}
        for n, item in enumerate(items):
            where = f"targets[{n}]"
            self.keys(item, _TARGET, where)
            ident = self.text(item, "id", where) or ""
            indicator_id = self.text(item, "indicator", where, required=False) or ident
            if ident in seen:
                raise self.fail(f"{where}.id", _("chỉ tiêu '{target}' đã có ở targets[{index}]; mỗi chỉ tiêu một "
                                                 "giá trị").format(target=ident, index=seen[ident]))
            seen[ident] = n
            indicator = known.get(indicator_id)
            if indicator is None:
                close = ", ".join(sorted(k for k in known if k.split("_")[0] == indicator_id.split("_")[0]))
                hint = " " + _("(gần giống: {close})").format(close=close) if close else ""
                raise self.fail(f"{where}.indicator",
                                _("chỉ số '{indicator}' không có trong INDICATORS.md hay [[indicators]]{hint}").format(
                                    indicator=indicator_id, hint=hint))
            try:
                basis = Basis(item.get("basis", "value"))
            except ValueError:
                raise self.fail(f"{where}.basis", _("cần 'value' hoặc 'change_pct'")) from None
            try:
                comparator = Comparator.parse(item.get("comparator"))
            except ValueError as exc:
                raise self.fail(f"{where}.comparator", str(exc)) from None
            if "threshold" not in item:
                raise self.fail(f"{where}.threshold", _("thiếu ngưỡng"))
            threshold = self._threshold(item["threshold"], where, indicator.kind, basis)
            if isinstance(threshold, bool) and comparator is not Comparator.EQ:
                raise self.fail(f"{where}.comparator", _("chỉ số có/không chỉ so sánh bằng '='"))
            try:
                scope = TargetScope(item.get("scope", "province"))
            except ValueError:
                raise self.fail(f"{where}.scope", _("cần 'province', 'hotspots' hoặc 'districts'")) from None
            if scope is not TargetScope.PROVINCE and not indicator.computed:
                raise self.fail(f"{where}.scope", _("'{scope}' chỉ dùng cho chỉ số do công cụ tính "
                                                    "(transformed_share, districts_transformed_share, …); chỉ tiêu "
                                                    "từ số liệu dùng scope = 'province'").format(scope=scope.value))
            if scope is TargetScope.PROVINCE and not indicator.computed and "province" not in indicator.tables:
                raise self.fail(f"{where}.indicator",
                                _("'{indicator}' không phải cột của bảng province").format(indicator=indicator_id))
            result.append(Target(
                id=ident, indicator=indicator_id, comparator=comparator, threshold=threshold,
                source=self.source(item, where), label=self.text(item, "label", where, required=False)
                or indicator.label, basis=basis, scope=scope,
                lead=self.text(item, "lead", where, required=False),
            ))
        return tuple(result)

    def _responsibilities(self, items: Any, targets: Any) -> tuple[Responsibility, ...]:
        if not isinstance(items, list):
            raise self.fail("responsibilities", _("cần một mảng bảng [[responsibilities]]"))
        target_ids = {t.get("id") for t in targets if isinstance(t, dict)} if isinstance(targets, list) else set()
        # A duty may also lead a programme goal (transformed_share, no_relapse_share): the plan
        # names who is in charge of it without restating the goal the national method sets.
        goal_ids = {ident for ident, indicator in catalogue(()).items() if indicator.computed}
        lead_of: dict[str, str] = {}
        result = []
        for n, item in enumerate(items):
            where = f"responsibilities[{n}]"
            self.keys(item, _RESPONSIBILITY, where)
            partners = item.get("partners", [])
            served = item.get("targets", [])
            for key, value in (("partners", partners), ("targets", served)):
                if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
                    raise self.fail(f"{where}.{key}", _("cần một danh sách chuỗi"))
            for ident in served:
                if ident not in target_ids and ident not in goal_ids:
                    raise self.fail(f"{where}.targets", _("không có chỉ tiêu '{target}' trong [[targets]]").format(
                        target=ident))
                if ident in lead_of:
                    raise self.fail(f"{where}.targets", _("chỉ tiêu '{target}' đã có đơn vị chủ trì ở {where}; mỗi "
                                                          "chỉ tiêu một đơn vị chủ trì").format(
                        target=ident, where=lead_of[ident]))
                lead_of[ident] = where
            result.append(Responsibility(task=self.text(item, "task", where) or "",
                                         lead=self.text(item, "lead", where) or "",
                                         source=self.source(item, where),
                                         partners=tuple(" ".join(p.split()) for p in partners),
                                         targets=tuple(served)))
        return tuple(result)

    def _milestones(self, items: Any) -> tuple[Milestone, ...]:
        if not isinstance(items, list):
            raise self.fail("milestones", _("cần một mảng bảng [[milestones]]"))
        result: list[Milestone] = []
        for n, item in enumerate(items):
            where = f"milestones[{n}]"
            self.keys(item, _MILESTONE, where)
            start, due = self._when(item, where)
            what = self.text(item, "what", where) or ""
            who = self.text(item, "who", where, required=False)
            source = self.source(item, where)
            recurring = item.get("recurring")
            if recurring is None:
                result.append(Milestone(due=due, what=what, source=source, who=who, start=start))
                continue
            self.keys(recurring, _RECURRING, f"{where}.recurring")
            if recurring.get("every") != "year":
                raise self.fail(f"{where}.recurring.every", _("chỉ hỗ trợ 'year'"))
            first, last = recurring.get("from"), recurring.get("to")
            if not (type(first) is int and type(last) is int and first <= last):
                raise self.fail(f"{where}.recurring", _("cần from và to là năm, from ≤ to"))
            for year in range(first, last + 1):
                try:
                    shifted = {k: (item[k].replace(year=year) if isinstance(item[k], dt.date) else item[k])
                               for k in ("due", "before", "start", "month") if k in item}
                    if "month" in shifted:
                        raise self.fail(f"{where}.recurring",
                                        _("mốc lặp lại cần 'due' hoặc 'before', không dùng 'month'"))
                    year_start, year_due = self._when(shifted, where)
                except ValueError as exc:
                    raise self.fail(f"{where}.recurring", str(exc)) from None
                result.append(Milestone(due=year_due, what=what, source=source, who=who, start=year_start))
        return tuple(sorted(result, key=lambda m: (m.due, m.what)))

    def _when(self, item: Mapping[str, Any], where: str) -> tuple[dt.date | None, dt.date]:
        given = [k for k in ("due", "before", "month") if k in item]
        if len(given) != 1:
            raise self.fail(f"{where}.due", _("cần đúng một trong 'due', 'before' hoặc 'month'"))
        start = self.date(item, "start", where, required=False)
        if "due" in item:
            due = self.date(item, "due", where)
        elif "before" in item:
            before = self.date(item, "before", where)
            assert before is not None
            due = before - dt.timedelta(days=1)
        else:
            text = str(item["month"]).strip()
            match = _MONTH.match(text)
            if not match:
                raise self.fail(f"{where}.month", _("'{text}' không phải tháng; cần \"2024-07\" hoặc \"07/2024\"")
                                .format(text=text))
            year, month = (int(match[1]), int(match[2])) if match[1] else (int(match[4]), int(match[3]))
            if not 1 <= month <= 12:
                raise self.fail(f"{where}.month", _("tháng {month} không hợp lệ").format(month=month))
            start = dt.date(year, month, 1)
            due = (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
        assert due is not None
        if start is not None and start > due:
            raise self.fail(f"{where}.start", _("ngày bắt đầu {start} sau hạn {due}").format(start=start, due=due))
        return start, due

    def _selection(self, raw: Any, where: str = "selection") -> SelectionPolicy | None:
        if raw is None:
            return None
        self.keys(raw, _SELECTION, where)
        share = raw.get("cap_share")
        if isinstance(share, bool) or not isinstance(share, (int, float)) or not 0 < share <= 1:
            raise self.fail(f"{where}.cap_share", _("cần tỷ lệ trong (0, 1], ví dụ 0.15; có {value}").format(
                value=repr(share)))
        scopes = raw.get("scopes", ["district"])
        if not isinstance(scopes, list) or not scopes or not set(scopes) <= {s.value for s in CapScope}:
            raise self.fail(f"{where}.scopes", _("cần danh sách gồm 'district' và/hoặc 'province'"))
        try:
            rounding = Rounding(raw.get("rounding", "floor"))
        except ValueError:
            raise self.fail(f"{where}.rounding", _("cần 'floor', 'round_half_up' hoặc 'ceil'")) from None
        minimum = raw.get("minimum_per_district", 0)
        if isinstance(minimum, bool) or not isinstance(minimum, int) or minimum < 0:
            raise self.fail(f"{where}.minimum_per_district", _("cần số nguyên không âm"))
        minimum_source = None
        if minimum:
            if "minimum_source" not in raw:
                raise self.fail(f"{where}.minimum_source", _("mức tối thiểu mỗi huyện cần điều khoản của nó"))
            minimum_source = self.source(raw, where, key="minimum_source", quote_key="minimum_quote",
                                         reading_key="minimum_reading")
        leave_source = self.source(raw, where, key="leave_source", quote_key="leave_quote",
                                   reading_key="leave_reading") if "leave_source" in raw else None
        try:
            return SelectionPolicy(cap_share=float(share), scopes=scopes, rounding=rounding,
                                   minimum_per_district=minimum, source=self.source(raw, where),
                                   minimum_source=minimum_source, leave_source=leave_source)
        except ValueError as exc:
            raise self.fail(where, str(exc)) from None

    def _success(self, raw: Any) -> SuccessRule | None:
        if raw is None:
            return None
        where = "success"
        self.keys(raw, _SUCCESS, where)
        share = raw.get("share")
        if isinstance(share, bool) or not isinstance(share, (int, float)) or not 0 < share <= 1:
            raise self.fail(f"{where}.share", _("cần tỷ lệ trong (0, 1], ví dụ 0.8; có {value}").format(
                value=repr(share)))
        try:
            comparator = Comparator.parse(raw.get("comparator", ">="))
            missing = MissingIndicator(raw.get("missing", MissingIndicator.BOUNDS.value))
        except ValueError as exc:
            raise self.fail(where, str(exc)) from None
        source = self.source(raw, where)
        return SuccessRule(share=float(share), comparator=comparator, source=source, missing=missing,
                           gates=self._gates(raw.get("gates", ["crime_decreased", "no_new_complexity"]), source))

    def _gates(self, items: Any, rule_source: Source) -> tuple[Gate, ...]:
        """A gate named by its id (the method defines it) or defined whole (column, test, label, source)."""
        where = "success.gates"
        if not isinstance(items, list):
            raise self.fail(where, _("cần danh sách tên điều kiện (\"crime_decreased\") hoặc mảng bảng "
                                     "[[success.gates]]"))
        gates: list[Gate] = []
        for n, item in enumerate(items):
            if isinstance(item, str):
                gate = self._gate({"id": item}, f"{where}[{n}]", rule_source)
            else:
                self.keys(item, _GATE, f"{where}[{n}]")
                gate = self._gate(item, f"{where}[{n}]", rule_source)
            if gate.id in {g.id for g in gates}:
                raise self.fail(f"{where}[{n}]", _("điều kiện '{gate}' được ghi hai lần").format(gate=gate.id))
            gates.append(gate)
        return tuple(gates)

    def _gate(self, item: Mapping[str, Any], where: str, rule_source: Source) -> Gate:
        ident = self.text(item, "id", where) or ""
        if "column" not in item and "test" not in item:
            try:
                return Gate(ident)
            except ValueError as exc:
                raise self.fail(f"{where}.id", str(exc)) from None
        column = self.text(item, "column", where) or ""
        if column not in catalogue(()) or "communes" not in catalogue(())[column].tables:
            raise self.fail(f"{where}.column", _("'{column}' không phải cột của bảng communes trong INDICATORS.md")
                            .format(column=column))
        try:
            test = GateTest(item.get("test"))
        except ValueError:
            raise self.fail(f"{where}.test", _("cần 'decreased' hoặc 'not_set'")) from None
        source = self.source(item, where) if "source" in item else rule_source
        try:
            return Gate(ident, column=column, test=test, source=source,
                        label=self.text(item, "label", where, required=False) or "")
        except ValueError as exc:
            raise self.fail(f"{where}.id", str(exc)) from None

    def _weights(self, raw: Any, known: Mapping[str, Indicator]) -> dict[str, float]:
        if not isinstance(raw, dict):
            raise self.fail("weights", _("cần một bảng tiêu chí = trọng số"))
        weights = {}
        for key, value in raw.items():
            if key not in known or known[key].group is None:
                raise self.fail(f"weights.{key}", _("không phải tiêu chí lựa chọn của 7488 §III.3"))
            if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
                raise self.fail(f"weights.{key}", _("trọng số cần là số không âm"))
            weights[key] = float(value)
        return weights
