"""Generate a dated geography snapshot of one province from the ``vietnam-provinces`` package.

Why a generator: commune lists must come from the General Statistics Office codes
(mã đơn vị hành chính), never be typed by hand, and every snapshot must say what it
was generated from.  The ``vietnam-provinces`` package ships those codes; its
version 0.6.0 holds the pre-reform three-level list (province, district, commune)
as of 2025-01-04.  Later versions hold the two-level list of 01/07/2025 with other
codes, so this tool refuses any other version rather than silently mixing the two.

The package's ``division_type`` fields are unreliable (a "Phường" is typed "xã"),
so kinds are derived from the name prefix (ignoring case, since two districts are
spelt "Thành Phố …"), and an unknown prefix is an error that names the unit: a
silent guess would put a wrong kind into a plan's output.

Usage::

    python tools/generate_geography.py --province-code 72 \\
        --output provinces/tayninh/src/chuyenhoa_tayninh/geography/2025-01-04.json \\
        --generated-on 2026-11-21

Exit codes: 0 written; 1 the package data do not fit the expected format;
2 wrong or missing package version, or an unknown province code.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

PACKAGE = "vietnam-provinces"
REQUIRED_VERSION = "0.6.0"
GENERATED_BY = "tools/generate_geography.py"

# Longest prefix first is not needed (no prefix is a prefix of another after the
# trailing space), but the order is kept as the administrative hierarchy reads.
COMMUNE_PREFIXES: tuple[tuple[str, str], ...] = (
    ("Xã ", "xa"),
    ("Phường ", "phuong"),
    ("Thị trấn ", "thi_tran"),
)
DISTRICT_PREFIXES: tuple[tuple[str, str], ...] = (
    ("Quận ", "quan"),
    ("Huyện ", "huyen"),
    ("Thị xã ", "thi_xa"),
    ("Thành phố ", "thanh_pho"),
)
PROVINCE_PREFIXES: tuple[str, ...] = ("Tỉnh ", "Thành phố ")


class SourceVersionError(RuntimeError):
    """The installed ``vietnam-provinces`` is missing or not the pinned version."""


class UnknownPrefixError(ValueError):
    """A unit name starts with no prefix this tool knows how to turn into a kind."""


class UnknownProvinceError(LookupError):
    """No province with the requested GSO code in the package data."""


def _package() -> Any:
    """Import ``vietnam_provinces`` and check its version.

    Imported lazily so that this module (and the tests that skip without the
    package) can be imported where the package is absent.
    """
    try:
        import vietnam_provinces
    except ImportError as exc:
        raise SourceVersionError(
            f"the package {PACKAGE}=={REQUIRED_VERSION} is not installed "
            f"(pip install '{PACKAGE}=={REQUIRED_VERSION}')"
        ) from exc
    version = getattr(vietnam_provinces, "__version__", None)
    if version != REQUIRED_VERSION:
        raise SourceVersionError(
            f"{PACKAGE} {version} is installed but this tool needs exactly "
            f"{REQUIRED_VERSION}: other versions hold the post-07/2025 two-level list "
            "with different codes (pip install "
            f"'{PACKAGE}=={REQUIRED_VERSION}')"
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
    """``xa`` / ``phuong`` / ``thi_tran`` from the commune name's prefix."""
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


def write_national(national: dict[str, Any], path: str | Path) -> None:
    """Write the national list gzipped, reproducibly (no timestamp in the gzip header)."""
    import gzip

    from chuyenhoa.output.files import write_atomic_bytes

    text = json.dumps(national, ensure_ascii=False, separators=(",", ":")) + "\n"
    write_atomic_bytes(path, gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0), make_folder=True)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        description=(
            f"Write a geography snapshot of one province from {PACKAGE} {REQUIRED_VERSION} "
            "(three-level list as of 2025-01-04)."
        )
    )
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument("--province-code", type=int, help="GSO code, e.g. 72")
    which.add_argument("--all", action="store_true",
                       help="every province, as one gzipped national file (chuyenhoa ships it for "
                       "`chuyenhoa new-province` and the benchmark)")
    parser.add_argument("--output", type=Path, required=True, help="JSON file to write (.json.gz with --all)")
    parser.add_argument(
        "--generated-on",
        default=dt.date.today().isoformat(),
        help="date recorded in the file, YYYY-MM-DD (default: today)",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code instead of raising."""
    args = _parser().parse_args(argv)
    try:
        dt.date.fromisoformat(args.generated_on)
    except ValueError:
        print(f"error: --generated-on {args.generated_on!r} is not YYYY-MM-DD", file=sys.stderr)
        return 2
    try:
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
    except UnknownPrefixError as exc:
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
