"""Generate the geography chuyenhoa ships from the GSO codes in the ``vietnam-provinces`` package.

Why a generator: commune lists must come from the codes of the General Statistics
Office (mã đơn vị hành chính, today the National Statistics Office, Cục Thống kê),
never be typed by hand, and every file must say what it was generated from.  No
release of ``vietnam-provinces`` holds both maps, so each map comes from its own
release, and chuyenhoa carries the result as data with no run-time dependency:

* the three-level list of 63 provinces (province, district, commune) as of
  04/01/2025, in force until 30/06/2025: ``vietnam-provinces`` **0.6.0** exactly
  (any Python ≥ 3.10);
* the two-level list of 34 provinces in force from 01/07/2025 (Nghị quyết
  202/2025/QH15) and the official conversion table from the old communes to the
  new ones: ``vietnam-provinces`` **≥ 2026.2** (the shipped files were made with
  2026.9.0), which needs Python ≥ 3.12 at generation time only.  The releases
  2025.8–2025.10 are refused: they carried provisional codes, which 2026.1.0
  replaced by the official ones of danhmuchanhchinh.nso.gov.vn (its changelog),
  and they have no conversion table.

How the shipped files were made (2026-12-04; this machine had Python 3.11 for the
project and a pyenv Python 3.12.1 for the second map)::

    # the 63-province map: Python 3.11, vietnam-provinces==0.6.0
    python tools/generate_geography.py --snapshots src/chuyenhoa/data/geography --generated-on 2026-12-04

    # the 34-province map and the conversion table: Python 3.12, vietnam-provinces==2026.9.0
    python3.12 -m venv /tmp/vp && /tmp/vp/bin/pip install -e . vietnam-provinces==2026.9.0
    /tmp/vp/bin/python tools/generate_geography.py --snapshots src/chuyenhoa/data/geography \\
        --generated-on 2026-12-04 --conversion-csv BangChuyendoiĐVHCmoi_cu_khong_merge.csv

The second run reads the first map's file and refuses to go on unless the
package's own copy of the pre-2025 list (``vietnam_provinces.legacy``) is the same,
code for code and name for name, so the conversion table joins the two maps.
``--conversion-csv`` is optional: the GSO table itself (the file the package's
tables are generated from, ``dev/seed-data/2025-07/`` of the package's repository)
names ten old communes that the 04/01/2025 list no longer has (they were created
between January and June 2025); without it those ten keep a code and no name.  The
CSV is used for those names only, and only if its pairs are exactly the package's.

Which old province went into which new one is derived from the communes, each old
commune in the province the 04/01/2025 list puts it in: the table's own "Tỉnh cũ"
column misfiles two communes, and the package's province table, built from it, makes
Tiền Giang part of the new Tây Ninh (``_province_pairs`` says which rows; the index
entry records them under ``old_province_from_list``).

What a ``--snapshots`` run writes into the folder (see ``docs/geography.md``):

* ``<id>.json.gz``: one national map, compact JSON (rows as arrays), gzipped
  without a timestamp so that a rerun gives the same bytes;
* ``lineage-<date>.json.gz``: the conversion table, both directions, with the
  "partly" flag of each pair as the table publishes it ("Nhập một phần");
* ``index.json``: what each file holds, its dates, its source and how it was
  generated, so that chuyenhoa finds a map without opening the others.  Each run
  updates its own entries and keeps the others.  Every entry also carries the
  province-level summary of its file, copied from it (a map's ``province_list``, the
  conversion's ``province_table``), so that naming a province or saying where one
  went opens no gzipped file; ``--summarise FOLDER`` rewrites only those.

Where the newest data renames a province (the package's ``Province.from_code`` of
2026.9.0 calls Đồng Nai, Quảng Ninh and Bắc Ninh "Thành phố", while its JSON, like
every earlier release, says "Tỉnh"), the 01/07/2025 map keeps the first name and
records the later one with the date of the data that says so, rather than guessing
when the change took effect.

The package's ``division_type`` fields are unreliable (a "Phường" is typed "xã"),
so kinds are derived from the name prefix (ignoring case, since two districts are
spelt "Thành Phố …" and a commune "xã Bắc Sơn"), and an unknown prefix is an error
that names the unit: a silent guess would put a wrong kind into a plan's output.

The older modes write one province's file for a pack (``--province-code``) and the
whole three-level list as one file (``--all``), both from 0.6.0; chuyenhoa no longer
ships the latter (``new-province`` and the benchmark read the dated maps of
``--snapshots``)::

    python tools/generate_geography.py --province-code 72 \\
        --output provinces/tayninh/src/chuyenhoa_tayninh/geography/2025-01-04.json \\
        --generated-on 2026-11-21

Exit codes: 0 written; 1 the package data do not fit the expected format;
2 wrong or missing package version, or an unknown province code.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import hashlib
import json
import platform
import re
import sys
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

PACKAGE = "vietnam-provinces"
REQUIRED_VERSION = "0.6.0"
#: The first release with the official post-2025 codes and the conversion table.
AFTER_MINIMUM = (2026, 2)
GENERATED_BY = "tools/generate_geography.py"
#: The day the 34-province, two-level list took effect (Nghị quyết 202/2025/QH15 of 12/06/2025).
MERGER = dt.date(2025, 7, 1)
INDEX = "index.json"
INDEX_FORMAT = 1
#: Who publishes the conversion table the package ships.
PUBLISHER = "Cục Thống kê (National Statistics Office), danhmuchanhchinh.nso.gov.vn"
#: The act that merged the provinces and ended the districts on :data:`MERGER` (shared/DOMAIN.md, "After 2025"):
#: what chuyenhoa cites when an old province is asked for on a later day.
LEGAL_BASIS = "Nghị quyết 202/2025/QH15 ngày 12/06/2025 của Quốc hội"

# Longest prefix first is not needed (no prefix is a prefix of another after the
# trailing space), but the order is kept as the administrative hierarchy reads.
COMMUNE_PREFIXES: tuple[tuple[str, str], ...] = (
    ("Xã ", "xa"),
    ("Phường ", "phuong"),
    ("Thị trấn ", "thi_tran"),
    ("Đặc khu ", "dac_khu"),
)
DISTRICT_PREFIXES: tuple[tuple[str, str], ...] = (
    ("Quận ", "quan"),
    ("Huyện ", "huyen"),
    ("Thị xã ", "thi_xa"),
    ("Thành phố ", "thanh_pho"),
)
PROVINCE_PREFIXES: tuple[str, ...] = ("Tỉnh ", "Thành phố ")


class SourceVersionError(RuntimeError):
    """The installed ``vietnam-provinces`` is missing or not a version this mode can use."""


class UnknownPrefixError(ValueError):
    """A unit name starts with no prefix this tool knows how to turn into a kind."""


class UnknownProvinceError(LookupError):
    """No province with the requested GSO code in the package data."""


class InconsistentSourceError(ValueError):
    """Two sources that must agree (the package's two maps, its tables and its API, the CSV) do not."""


def _import() -> Any:
    """Import ``vietnam_provinces`` lazily, so that this module imports where the package is absent."""
    try:
        import vietnam_provinces
    except ImportError as exc:
        raise SourceVersionError(
            f"the package {PACKAGE} is not installed (pip install '{PACKAGE}=={REQUIRED_VERSION}' "
            f"for the 2025-01-04 map, or '{PACKAGE}>=2026.2' on Python >= 3.12 for the 2025-07-01 map)"
        ) from exc
    return vietnam_provinces


def _package() -> Any:
    """``vietnam_provinces`` at exactly :data:`REQUIRED_VERSION`, the pre-2025 three-level list."""
    vietnam_provinces = _import()
    version = getattr(vietnam_provinces, "__version__", None)
    if version != REQUIRED_VERSION:
        raise SourceVersionError(
            f"{PACKAGE} {version} is installed but this tool needs exactly "
            f"{REQUIRED_VERSION}: other versions hold the post-07/2025 two-level list "
            "with different codes (pip install "
            f"'{PACKAGE}=={REQUIRED_VERSION}')"
        )
    return vietnam_provinces


def _release(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", version)[:3])


def _package_after() -> Any:
    """``vietnam_provinces`` at a release with the official post-2025 codes and the conversion table."""
    vietnam_provinces = _import()
    version = str(getattr(vietnam_provinces, "__version__", "?"))
    if _release(version) < AFTER_MINIMUM:
        raise SourceVersionError(
            f"{PACKAGE} {version} is installed; the 2025-07-01 map needs >= 2026.2 "
            "(2025.x carried provisional codes, replaced by the official ones in 2026.1.0, "
            "and no conversion table)"
        )
    return vietnam_provinces


def _nested() -> tuple[list[dict[str, Any]], str]:
    """The package's nested province → district → ward list and its data version."""
    package = _package()
    path = Path(package.NESTED_DIVISIONS_JSON_PATH)
    data: list[dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))
    return data, str(package.__data_version__)


def _kind(name: str, prefixes: Sequence[tuple[str, str]], level: str, code: int) -> str:
    # Case-insensitive because the package writes "Thành Phố Bắc Kạn" and
    # "Thành Phố Đồng Hới" (districts 058, 450); the name itself is kept as given.
    folded = name.casefold()
    for prefix, kind in prefixes:
        if folded.startswith(prefix.casefold()):
            return kind
    known = ", ".join(repr(p) for p, _ in prefixes)
    raise UnknownPrefixError(
        f"{level} {code} '{name}': unknown name prefix (expected one of {known})"
    )


def commune_kind(name: str, code: int = 0) -> str:
    """``xa`` / ``phuong`` / ``thi_tran`` / ``dac_khu`` from the commune name's prefix."""
    return _kind(name, COMMUNE_PREFIXES, "commune", code)


def district_kind(name: str, code: int = 0) -> str:
    """``quan`` / ``huyen`` / ``thi_xa`` / ``thanh_pho`` from the district name's prefix."""
    return _kind(name, DISTRICT_PREFIXES, "district", code)


def province_short_name(full_name: str, code: int = 0) -> str:
    """The province name without its "Tỉnh " / "Thành phố " prefix."""
    folded = full_name.casefold()
    for prefix in PROVINCE_PREFIXES:
        if folded.startswith(prefix.casefold()):
            return full_name[len(prefix):]
    raise UnknownPrefixError(
        f"province {code} '{full_name}': unknown name prefix "
        f"(expected one of {', '.join(repr(p) for p in PROVINCE_PREFIXES)})"
    )


def all_province_codes() -> list[int]:
    """Every province code in the package data, ascending."""
    data, _ = _nested()
    return sorted(int(p["code"]) for p in data)


def build_snapshot(province_code: int, generated_on: str) -> dict[str, Any]:
    """The snapshot of one province in the format ``chuyenhoa.reading.geography`` reads.

    ``generated_on`` is passed in (not read from the clock) so that a committed
    file can be regenerated byte for byte and compared in a test.
    """
    dt.date.fromisoformat(generated_on)  # reject a malformed date early
    data, data_version = _nested()
    matches = [p for p in data if int(p["code"]) == province_code]
    if not matches:
        raise UnknownProvinceError(
            f"no province with code {province_code} in {PACKAGE} {REQUIRED_VERSION}"
        )
    province = matches[0]
    full_name = str(province["name"])
    districts: list[dict[str, str]] = []
    communes: list[dict[str, str]] = []
    for district in province.get("districts", []):
        d_code = int(district["code"])
        d_name = str(district["name"])
        districts.append(
            {"code": f"{d_code:03d}", "name": d_name, "kind": district_kind(d_name, d_code)}
        )
        for ward in district.get("wards", []):
            c_code = int(ward["code"])
            c_name = str(ward["name"])
            communes.append(
                {
                    "code": f"{c_code:05d}",
                    "name": c_name,
                    "kind": commune_kind(c_name, c_code),
                    "district_code": f"{d_code:03d}",
                }
            )
    districts.sort(key=lambda d: d["code"])
    communes.sort(key=lambda c: c["code"])
    return {
        "generated_by": GENERATED_BY,
        "generated_on": generated_on,
        "source": {"package": PACKAGE, "version": REQUIRED_VERSION, "data_version": data_version},
        "as_of": data_version,
        "province": {
            "code": f"{province_code:02d}",
            "name": province_short_name(full_name, province_code),
            "full_name": full_name,
        },
        "districts": districts,
        "communes": communes,
    }


def write_snapshot(snapshot: dict[str, Any], path: str | Path) -> None:
    """Write the snapshot as JSON, atomically.

    The temporary file lives in the target directory so ``os.replace`` is a rename
    on one file system: a reader never sees a half-written snapshot.
    """
    from chuyenhoa.output.files import write_atomic

    text = json.dumps(snapshot, ensure_ascii=False, indent=1) + "\n"
    write_atomic(path, text, make_folder=True)


def build_national(generated_on: str) -> dict[str, Any]:
    """Every province's snapshot in one document, each without the repeated header fields."""
    snapshots = [build_snapshot(code, generated_on) for code in all_province_codes()]
    head = {k: v for k, v in snapshots[0].items() if k not in ("province", "districts", "communes")}
    return head | {"provinces": [
        {"code": s["province"]["code"], "name": s["province"]["name"], "full_name": s["province"]["full_name"],
         "districts": s["districts"], "communes": s["communes"]} for s in snapshots]}


def write_gzip_json(document: Any, path: str | Path) -> None:
    """Compact JSON, gzipped reproducibly (no timestamp in the gzip header), written atomically."""
    import gzip

    from chuyenhoa.output.files import write_atomic_bytes

    text = json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n"
    write_atomic_bytes(path, gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0), make_folder=True)


def write_national(national: dict[str, Any], path: str | Path) -> None:
    """Write the national list gzipped, reproducibly (no timestamp in the gzip header)."""
    write_gzip_json(national, path)


# --- the dated national maps and the conversion table (--snapshots) --------------------------------------------


def _python() -> str:
    """The interpreter that generated a file, recorded in the index (the second map needs >= 3.12)."""
    return f"{platform.python_implementation()} {platform.python_version()}"


def _day(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def build_map_before(generated_on: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """The 63-province, three-level map of 04/01/2025 (0.6.0): the data file and its index entry.

    Rows are arrays (``[code, name, kind]`` for a district, ``[code, name, kind,
    district_code]`` for a commune): the file is read whole each time a map is
    first used, and arrays parse faster and weigh less than objects.
    """
    national = build_national(generated_on)
    provinces = [
        {"code": p["code"], "name": p["name"], "full_name": p["full_name"],
         "districts": [[d["code"], d["name"], d["kind"]] for d in p["districts"]],
         "communes": [[c["code"], c["name"], c["kind"], c["district_code"]] for c in p["communes"]]}
        for p in national["provinces"]]
    as_of = national["as_of"]
    data = {"generated_by": GENERATED_BY, "generated_on": generated_on, "source": national["source"],
            "as_of": as_of, "levels": 3, "provinces": provinces}
    entry = {
        "id": as_of, "file": f"{as_of}.json.gz", "as_of": as_of, "valid_from": None,
        "valid_to": _day(MERGER - dt.timedelta(days=1)), "levels": 3,
        "provinces": len(provinces), "communes": sum(len(p["communes"]) for p in provinces),
        "source": national["source"], "generated_by": GENERATED_BY, "generated_on": generated_on,
        "python": _python(),
        "note": "Danh mục ba cấp (tỉnh, huyện, xã) của 63 tỉnh, thành phố theo dữ liệu ngày 04/01/2025; "
                "dùng đến hết 30/06/2025. Ngày các đơn vị bắt đầu có hiệu lực không có trong dữ liệu.",
        "renamed": [],
    }
    return data, entry


def _after_nested(package: Any) -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = json.loads(Path(package.NESTED_DIVISIONS_JSON_PATH).read_text(encoding="utf-8"))
    return data


def build_map_after(generated_on: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """The 34-province, two-level map in force from 01/07/2025: the data file and its index entry.

    Units, codes and names come from the package's ``nested-divisions.json``.  Its
    ``Province.from_code`` may give a province a later name (data of the release's
    ``__data_version__``); that name is recorded under ``renamed`` with that date,
    and the map keeps the JSON's name for the days before.
    """
    package = _package_after()
    version, data_version = str(package.__version__), str(package.__data_version__)
    provinces: list[dict[str, Any]] = []
    renamed: dict[str, str] = {}
    for province in sorted(_after_nested(package), key=lambda p: int(p["code"])):
        code = int(province["code"])
        full_name = str(province["name"])
        communes = sorted(
            ([f"{int(w['code']):05d}", str(w["name"]), commune_kind(str(w["name"]), int(w["code"]))]
             for w in province.get("wards", [])), key=lambda row: row[0])
        provinces.append({"code": f"{code:02d}", "name": province_short_name(full_name, code),
                          "full_name": full_name, "communes": communes})
        later = package.Province.from_code(package.ProvinceCode(code)).name
        if later != full_name:
            province_short_name(later, code)  # a later name must still read as a province
            renamed[f"{code:02d}"] = later
    source = {"package": PACKAGE, "version": version, "data_version": data_version}
    data = {"generated_by": GENERATED_BY, "generated_on": generated_on, "source": source,
            "as_of": MERGER.isoformat(), "levels": 2, "provinces": provinces}
    entry = {
        "id": MERGER.isoformat(), "file": f"{MERGER.isoformat()}.json.gz", "as_of": MERGER.isoformat(),
        "valid_from": MERGER.isoformat(), "valid_to": None, "levels": 2,
        "provinces": len(provinces), "communes": sum(len(p["communes"]) for p in provinces),
        "source": source, "generated_by": GENERATED_BY, "generated_on": generated_on, "python": _python(),
        "note": "Danh mục hai cấp (tỉnh, xã) của 34 tỉnh, thành phố có hiệu lực từ 01/07/2025 (Nghị quyết "
                "202/2025/QH15), với mã chính thức của danhmuchanhchinh.nso.gov.vn (vietnam-provinces từ "
                "2026.1.0; các bản 2025.x dùng mã tạm).",
        "renamed": [
            {"as_of": data_version, "full_names": renamed,
             "note": f"Province.from_code của {PACKAGE} {version} (dữ liệu ngày {data_version}) gọi các tỉnh này "
                     "như trên, còn nested-divisions.json của cùng bản vẫn ghi tên cũ; ngày đổi tên có hiệu lực "
                     "không có trong dữ liệu, nên tên mới được dùng từ ngày của dữ liệu."}
        ] if renamed else [],
    }
    return data, entry


def _old_map_rows(folder: Path, index: dict[str, Any]) -> tuple[dict[str, Any], dict[str, tuple[str, str, str]]]:
    """The map that ends the day before :data:`MERGER` (its index entry) and its communes by code."""
    import gzip

    before = _day(MERGER - dt.timedelta(days=1))
    entries = [m for m in index.get("maps", []) if m.get("valid_to") == before]
    if not entries:
        raise SourceVersionError(
            f"{folder / INDEX} has no map that ends on {before}: generate it first with "
            f"{PACKAGE}=={REQUIRED_VERSION} (--snapshots {folder})")
    entry = entries[0]
    data = json.loads(gzip.decompress((folder / entry["file"]).read_bytes()).decode("utf-8"))
    rows = {c[0]: (c[1], p["code"], c[3]) for p in data["provinces"] for c in p["communes"]}
    return entry, rows


def _csv_pairs(path: Path) -> tuple[set[tuple[int, int]], dict[int, str]]:
    """The (old, new) pairs of the GSO conversion CSV and the old communes' names.

    Rows with codes in columns 3 (new) and 5 (old) are pairs; the first two lines
    are headers and a province's title row has no codes.
    """
    pairs: set[tuple[int, int]] = set()
    names: dict[int, str] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.reader(handle):
            if len(row) < 5 or not row[2].strip().isdigit() or not row[4].strip().isdigit():
                continue
            old, new = int(row[4]), int(row[2])
            pairs.add((old, new))
            names[old] = " ".join(row[3].split())
    return pairs, names


def build_conversion(generated_on: str, folder: Path, conversion_csv: Path | None = None,
                     ) -> tuple[dict[str, Any], dict[str, Any]]:
    """The official conversion table of 01/07/2025, both directions: the data file and its index entry.

    The table is the package's (``vietnam_provinces._ward_conversion_2025``,
    generated from the GSO's ``BangChuyendoiĐVHCmoi_cu_khong_merge.csv``): its
    public API (``Ward.get_legacy_sources()``, ``Ward.search_from_legacy(code=…)``)
    gives the same pairs, which is checked here, but not the "partly" flag of each
    pair, which only the module's tables keep.  ``new_to_old`` keeps the flag of
    each pair ("Nhập một phần": only part of the old commune went into this new
    one); ``old_to_new`` keeps, for each old commune, the package's flag for the
    commune as a whole (split or partly merged) and its new communes.
    """
    package = _package_after()
    from vietnam_provinces import Ward
    from vietnam_provinces import _province_conversion_2025 as provinces_table
    from vietnam_provinces import _ward_conversion_2025 as table
    from vietnam_provinces.codes import WardCode
    from vietnam_provinces.legacy import Ward as LegacyWard

    if MERGER.isoformat() != table.EFFECTIVE_DATE:
        raise InconsistentSourceError(f"the package's table takes effect on {table.EFFECTIVE_DATE}, not {MERGER}")
    index = read_index(folder)
    old_entry, old_rows = _old_map_rows(folder, index)
    legacy = {w.code.value: w for w in LegacyWard.iter_all()}
    mismatched = sorted(c for c in set(legacy) | {int(c) for c in old_rows}
                        if c not in legacy or f"{c:05d}" not in old_rows or legacy[c].name != old_rows[f"{c:05d}"][0])
    if mismatched:
        raise InconsistentSourceError(
            f"the package's pre-2025 list differs from {old_entry['file']} for {len(mismatched)} communes "
            f"(first: {mismatched[:5]}): the conversion table would not join the two maps")
    new_codes = {w.code.value for w in Ward.iter_all()}
    # the public API against the module's tables
    for new, entry in table.NEW_TO_OLD.items():
        listed = {w.code.value for w in Ward.from_code(WardCode(new)).get_legacy_sources()}
        if listed != {o.code for o in entry.old_wards if o.code in legacy}:
            raise InconsistentSourceError(f"Ward.get_legacy_sources() of {new} differs from the package's table")
    for old, entry in table.OLD_TO_NEW.items():
        found = {w.ward.code.value for w in Ward.search_from_legacy(code=old)}
        if found != {n.code for n in entry.new_wards}:
            raise InconsistentSourceError(f"Ward.search_from_legacy(code={old}) differs from the package's table")
    pairs = {(o.code, new) for new, entry in table.NEW_TO_OLD.items() for o in entry.old_wards}
    if pairs != {(old, n.code) for old, entry in table.OLD_TO_NEW.items() for n in entry.new_wards}:
        raise InconsistentSourceError("the package's two directions of the table hold different pairs")
    unknown_new = sorted({new for _old, new in pairs} - new_codes)
    if unknown_new:
        raise InconsistentSourceError(f"new communes of the table missing from the map: {unknown_new[:5]}")

    csv_names: dict[int, str] = {}
    csv_source: dict[str, str] | None = None
    if conversion_csv is not None:
        csv_pairs, csv_names = _csv_pairs(conversion_csv)
        if csv_pairs != pairs:
            raise InconsistentSourceError(
                f"{conversion_csv.name} holds {len(csv_pairs)} pairs, {len(csv_pairs ^ pairs)} of them not the "
                "package's: it is not the table the package was generated from")
        csv_source = {"file": conversion_csv.name,
                      "sha256": hashlib.sha256(conversion_csv.read_bytes()).hexdigest()}
    # old communes of the table that the 04/01/2025 list no longer has: code, name (from the CSV), kind, where
    outside: dict[str, list[str | None]] = {}
    for old, entry in sorted(table.OLD_TO_NEW.items()):
        if old in legacy:
            continue
        name = csv_names.get(old)
        outside[f"{old:05d}"] = [name, commune_kind(name, old) if name else None,
                                 f"{entry.old_ward.province_code:02d}", f"{entry.old_ward.district_code:03d}"]
    new_to_old = {f"{new:05d}": [[f"{o.code:05d}", o.is_partly_merged] for o in entry.old_wards]
                  for new, entry in sorted(table.NEW_TO_OLD.items())}
    old_to_new = {f"{old:05d}": [entry.old_ward.is_partly_merged, [f"{n.code:05d}" for n in entry.new_wards]]
                  for old, entry in sorted(table.OLD_TO_NEW.items())}
    package_provinces = {(f"{old:02d}", f"{n.code:02d}") for old, entry in provinces_table.OLD_TO_NEW.items()
                         for n in entry.new_provinces}
    as_tabled = {(f"{entry.old_ward.province_code:02d}", f"{n.province_code:02d}")
                 for entry in table.OLD_TO_NEW.values() for n in entry.new_wards}
    if as_tabled != package_provinces:
        raise InconsistentSourceError("the package's province table does not follow from its commune table")
    misfiled, province_pairs = _province_pairs(table.OLD_TO_NEW, old_rows)
    province_old_to_new: dict[str, list[str]] = {}
    province_new_to_old: dict[str, list[str]] = {}
    for old_province, new_province in sorted(province_pairs):
        province_old_to_new.setdefault(old_province, []).append(new_province)
    for old_province, new_province in sorted(province_pairs, key=lambda pair: (pair[1], pair[0])):
        province_new_to_old.setdefault(new_province, []).append(old_province)
    province_old_to_new = dict(sorted(province_old_to_new.items()))
    province_new_to_old = dict(sorted(province_new_to_old.items()))
    date = MERGER.isoformat()
    source = {"package": PACKAGE, "version": str(package.__version__),
              "data_version": str(package.__data_version__), "table": str(table.SOURCE)}
    data = {"generated_by": GENERATED_BY, "generated_on": generated_on, "source": source, "date": date,
            "from": old_entry["id"], "to": date, "new_to_old": new_to_old, "old_to_new": old_to_new,
            "old_units": outside,
            "provinces": {"old_to_new": province_old_to_new, "new_to_old": province_new_to_old}}
    entry = {
        "id": date, "file": f"lineage-{date}.json.gz", "date": date, "from": old_entry["id"], "to": date,
        "pairs": len(pairs), "old_communes": len(old_to_new), "new_communes": len(new_to_old),
        "partly_pairs": sum(1 for rows in new_to_old.values() for _code, partly in rows if partly),
        "old_units_outside_map": len(outside),
        "old_map_communes_without_successor": sum(1 for c in old_rows if c not in old_to_new),
        "new_map_communes_without_predecessor": len(new_codes - {new for _old, new in pairs}),
        "publisher": PUBLISHER, "legal_basis": LEGAL_BASIS, "source": source, "names_from_csv": csv_source,
        "generated_by": GENERATED_BY, "generated_on": generated_on, "python": _python(),
        "note": "Bảng chuyển đổi đơn vị hành chính cấp xã cũ sang mới của Cục Thống kê, như gói vietnam-provinces "
                "công bố lại; 'partly' là 'Nhập một phần' của từng cặp.",
        # the rows whose "Tỉnh cũ" is not the province the 04/01/2025 list puts the commune in, and the
        # province pairs of the package's table that no commune makes (see _province_pairs)
        "old_province_from_list": misfiled,
        "province_pairs_not_taken": [list(pair) for pair in sorted(package_provinces - province_pairs)],
        "province_note": "Tỉnh cũ của mỗi xã cũ lấy theo danh mục ngày 04/01/2025, không theo cột 'Tỉnh cũ' của "
                         "bảng chuyển đổi: cột đó ghi sai tỉnh ở các dòng trong old_province_from_list, làm bảng "
                         "tỉnh của gói có thêm cặp province_pairs_not_taken mà không xã nào tạo nên.",
    }
    return data, entry


def _province_pairs(old_to_new: Mapping[int, Any], old_rows: Mapping[str, tuple[str, str, str]]
                    ) -> tuple[dict[str, dict[str, str]], set[tuple[str, str]]]:
    """Which old province went into which new one, from the communes: the rows the table misfiles, and the pairs.

    A commune's old province is the one the 04/01/2025 list puts it in (``old_rows``), not the
    table's "Tỉnh cũ" column: the GSO CSV of the shipped release files two communes under a
    province they were not in (27691 Phường 4 of Thành phố Tân An, Long An, as "Tỉnh Tiền Giang
    (82)"; 30781 Xã Tiên Hải of Thành phố Hà Tiên, Kiên Giang, as "Tỉnh An Giang (89)"), and the
    package's province table, built from that column, has Tiền Giang going partly into the new Tây
    Ninh, which no commune of Tiền Giang did.  Province pairs drive the sums of province figures
    across the reform (``chuyenhoa.method.merger``): a third province in Tây Ninh's would make its
    year-on-year targets ask for Tiền Giang's figures.  The ten old communes the list does not hold
    (created after it was taken) keep the table's province.  Returns the misfiled rows (code →
    the table's province and the list's) and the (old, new) pairs.
    """
    misfiled: dict[str, dict[str, str]] = {}
    pairs: set[tuple[str, str]] = set()
    for old, entry in sorted(old_to_new.items()):
        tabled = f"{entry.old_ward.province_code:02d}"
        listed = old_rows.get(f"{old:05d}")
        province = listed[1] if listed is not None else tabled
        if province != tabled:
            misfiled[f"{old:05d}"] = {"table": tabled, "list": province}
        pairs.update((province, f"{n.province_code:02d}") for n in entry.new_wards)
    return misfiled, pairs


def read_index(folder: Path) -> dict[str, Any]:
    path = folder / INDEX
    if not path.exists():
        return {"format": INDEX_FORMAT, "maps": [], "conversions": []}
    index: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return index


def _merged(entries: Iterable[dict[str, Any]], new: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    by_id = {e["id"]: e for e in entries}
    by_id.update({e["id"]: e for e in new})
    return [by_id[k] for k in sorted(by_id)]


def write_index(folder: Path, index: dict[str, Any], *, maps: Sequence[dict[str, Any]] = (),
                conversions: Sequence[dict[str, Any]] = ()) -> dict[str, Any]:
    """Replace this run's entries in ``index.json`` and keep the others (each map comes from its own run).

    Every entry whose file is in ``folder`` gets the province-level summary of that file (:func:`summarised`),
    read from the file as written, so the index never says anything about provinces that the file does not.
    """
    from chuyenhoa.output.files import write_atomic

    updated = {"format": INDEX_FORMAT,
               "about": "Dated national lists of administrative units and the conversion between them, generated "
                        f"from GSO codes by {GENERATED_BY}; read by chuyenhoa.reading.geography.",
               "maps": [summarised(folder, e, "province_list") for e in _merged(index.get("maps", []), maps)],
               "conversions": [summarised(folder, e, "province_table")
                               for e in _merged(index.get("conversions", []), conversions)]}
    write_atomic(folder / INDEX, json.dumps(updated, ensure_ascii=False, indent=1) + "\n", make_folder=True)
    return updated


def summarised(folder: Path, entry: dict[str, Any], key: str) -> dict[str, Any]:
    """``entry`` with the province-level summary of its file, read from it (unchanged without a file).

    ``province_list`` (a map): ``[code, name, full name]`` of each province, in the file's order;
    ``province_table`` (a conversion): the file's ``provinces``, which old province went into which new one.
    ``chuyenhoa.reading.geography`` reads these from the index, so that naming a province (``chuyenhoa
    provinces``, an old name asked for on a later day) opens neither the map's communes (28–85 KB gzipped)
    nor the commune table (82 KB): 16 ms of a 0.13 s ``chuyenhoa provinces``.
    """
    import gzip

    path = folder / str(entry.get("file", ""))
    if not entry.get("file") or not path.is_file():
        return entry
    data = json.loads(gzip.decompress(path.read_bytes()).decode("utf-8"))
    if key == "province_list":
        return entry | {key: [[p["code"], p["name"], p["full_name"]] for p in data["provinces"]]}
    return entry | {key: data["provinces"]}


def write_snapshots(folder: Path, generated_on: str, conversion_csv: Path | None = None) -> list[str]:
    """Write what the installed package can give into ``folder``; return one line per file written."""
    version = str(getattr(_import(), "__version__", "?"))
    index = read_index(folder)
    if version == REQUIRED_VERSION:
        data, entry = build_map_before(generated_on)
        write_gzip_json(data, folder / entry["file"])
        write_index(folder, index, maps=[entry])
        return [f"{folder / entry['file']}: {entry['provinces']} provinces, {entry['communes']} communes, "
                f"as of {entry['as_of']}"]
    data, entry = build_map_after(generated_on)
    conversion, conversion_entry = build_conversion(generated_on, folder, conversion_csv)
    write_gzip_json(data, folder / entry["file"])
    write_gzip_json(conversion, folder / conversion_entry["file"])
    write_index(folder, index, maps=[entry], conversions=[conversion_entry])
    return [f"{folder / entry['file']}: {entry['provinces']} provinces, {entry['communes']} communes, "
            f"from {entry['valid_from']}",
            f"{folder / conversion_entry['file']}: {conversion_entry['pairs']} pairs "
            f"({conversion_entry['partly_pairs']} partly), {conversion_entry['old_communes']} old -> "
            f"{conversion_entry['new_communes']} new communes"]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        description=(
            f"Write geography files from {PACKAGE}: one province or the national list ({REQUIRED_VERSION}, "
            "three-level list as of 2025-01-04), or the dated national maps and the conversion table "
            "chuyenhoa ships (--snapshots)."
        )
    )
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument("--province-code", type=int, help="GSO code, e.g. 72")
    which.add_argument("--all", action="store_true",
                       help="every province, as one gzipped national file (no longer shipped: "
                       "`chuyenhoa new-province` and the benchmark read the maps of --snapshots)")
    which.add_argument("--snapshots", type=Path, metavar="FOLDER",
                       help="the dated national map of the installed release (0.6.0: 2025-01-04; >= 2026.2: "
                       "2025-07-01 and the conversion table) into FOLDER, with its index.json")
    which.add_argument("--summarise", type=Path, metavar="FOLDER",
                       help="only rewrite FOLDER's index.json with the province-level summaries of the files "
                       "beside it (each map's provinces, each conversion's province table); no package needed")
    parser.add_argument("--output", type=Path, help="JSON file to write (.json.gz with --all)")
    parser.add_argument("--conversion-csv", type=Path,
                        help="with --snapshots and >= 2026.2: the GSO conversion CSV, for the names of the old "
                        "communes the 2025-01-04 list does not have")
    parser.add_argument(
        "--generated-on",
        default=dt.date.today().isoformat(),
        help="date recorded in the file, YYYY-MM-DD (default: today)",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code instead of raising."""
    parser = _parser()
    args = parser.parse_args(argv)
    if args.summarise is not None:
        updated = write_index(args.summarise, read_index(args.summarise))
        for entry in (*updated["maps"], *updated["conversions"]):
            print(f"{args.summarise / INDEX}: {entry['id']}, "
                  + (f"{len(entry['province_list'])} provinces" if "province_list" in entry else
                     f"{len(entry['province_table']['old_to_new'])} old provinces" if "province_table" in entry
                     else "no file"))
        return 0
    if args.snapshots is None and args.output is None:
        parser.error("--output is required with --province-code and --all")
    try:
        dt.date.fromisoformat(args.generated_on)
    except ValueError:
        print(f"error: --generated-on {args.generated_on!r} is not YYYY-MM-DD", file=sys.stderr)
        return 2
    try:
        if args.snapshots is not None:
            for line in write_snapshots(args.snapshots, args.generated_on, args.conversion_csv):
                print(line)
            return 0
        if args.all:
            national = build_national(args.generated_on)
            write_national(national, args.output)
            communes = sum(len(p["communes"]) for p in national["provinces"])
            print(f"{args.output}: {len(national['provinces'])} provinces, {communes} communes, "
                  f"as of {national['as_of']}")
            return 0
        snapshot = build_snapshot(args.province_code, args.generated_on)
    except (SourceVersionError, UnknownProvinceError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except (UnknownPrefixError, InconsistentSourceError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    write_snapshot(snapshot, args.output)
    print(
        f"{args.output}: {snapshot['province']['full_name']} "
        f"({len(snapshot['districts'])} districts, {len(snapshot['communes'])} communes, "
        f"as of {snapshot['as_of']})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
