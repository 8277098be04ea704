"""Build a wheelhouse: everything chuyenhoa and its province packs need, to install with no network.

    python tools/build_wheelhouse.py                        # dist/wheelhouse: Windows and Linux, Python 3.10-3.13
    python tools/build_wheelhouse.py --platform windows --python 3.12 --output D:/wheelhouse
    python tools/build_wheelhouse.py --platform linux --python 3.11 --pack tayninh

Provincial police PCs are often on closed networks: pip there cannot reach PyPI.
The wheelhouse is a folder to copy on a USB stick; on the PC,

    pip install --no-index --find-links WHEELHOUSE chuyenhoa chuyenhoa-tayninh

installs from it alone.  What this script does, on a machine with network:

1. builds the wheels of the project and of its packs (``provinces/*``) with pip;
2. for each target (``win_amd64``, ``manylinux`` x86_64; each Python asked for),
   ``pip download --only-binary=:all:`` every dependency, so nothing has to be
   compiled on the PC (there is no compiler there);
3. checks each target's set the way pip on the target will see it: from the
   project's wheels down, every ``Requires-Dist`` whose environment marker holds
   on that target must have a compatible wheel of a matching version.  ``pip
   download --platform`` evaluates markers on the machine that runs it, not on
   the target, so it misses, for instance, ``colorama; platform_system ==
   "Windows"`` (typer, on Windows) and ``tomli; python_version < "3.11"`` (for
   Python 3.10) when run on Linux with 3.11: the check finds them and downloads
   them too;
4. writes ``requirements.txt`` (the project and the packs, pinned), ``README.txt``
   (how to install, what is in it, what is missing) and ``SHA256SUMS.txt`` (to
   check a copy that went through a USB stick) into the wheelhouse.

A dependency without a wheel for a target is reported, and the exit code is 1.
Standard library and pip only (``packaging`` if installed, else the copy pip
carries).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from email.parser import HeaderParser
from pathlib import Path

try:
    from packaging.requirements import Requirement
    from packaging.specifiers import SpecifierSet
    from packaging.tags import Tag, compatible_tags, cpython_tags
    from packaging.utils import canonicalize_name, parse_wheel_filename
except ImportError:  # pragma: no cover - pip always carries a copy
    from pip._vendor.packaging.requirements import Requirement  # type: ignore[no-redef]
    from pip._vendor.packaging.specifiers import SpecifierSet  # type: ignore[no-redef]
    from pip._vendor.packaging.tags import Tag, compatible_tags, cpython_tags  # type: ignore[no-redef]
    from pip._vendor.packaging.utils import canonicalize_name, parse_wheel_filename  # type: ignore[no-redef]

REPO = Path(__file__).resolve().parent.parent
PYTHONS = ("3.10", "3.11", "3.12", "3.13")
PLATFORMS = ("windows", "linux")
#: the newest glibc a Linux wheel may need: 2.28 is RHEL/Alma/Rocky 8, Debian 10, Ubuntu 20.04 and later
GLIBC = (2, 28)
#: rounds of "check, then download what is missing" before giving up
ROUNDS = 5


@dataclass(frozen=True)
class Target:
    """A platform and a Python version the wheelhouse must install on."""

    platform: str  # "windows" or "linux"
    python: str  # "3.10"
    glibc: tuple[int, int] = GLIBC

    def __str__(self) -> str:
        return f"{self.platform} / Python {self.python}"

    @property
    def version(self) -> tuple[int, int]:
        major, minor = self.python.split(".")
        return int(major), int(minor)

    @property
    def platform_tags(self) -> list[str]:
        """The wheel platform tags pip on the target accepts (pip takes no range: each is named)."""
        if self.platform == "windows":
            return ["win_amd64"]
        newest = self.glibc[1]
        tags = [f"manylinux_2_{minor}_x86_64" for minor in range(newest, 16, -1)]
        return [*tags, "manylinux2014_x86_64", "manylinux2010_x86_64", "manylinux1_x86_64"]

    def tags(self) -> set[Tag]:
        """Every wheel tag the target's pip accepts, most specific first."""
        found = set(cpython_tags(python_version=self.version, platforms=self.platform_tags))
        found.update(compatible_tags(python_version=self.version, interpreter=f"cp{self.python.replace('.', '')}",
                                     platforms=self.platform_tags))
        return found

    def environment(self) -> dict[str, str]:
        """The values of the environment markers (PEP 508) on the target."""
        windows = self.platform == "windows"
        return {
            "implementation_name": "cpython",
            "implementation_version": f"{self.python}.0",
            "os_name": "nt" if windows else "posix",
            "platform_machine": "AMD64" if windows else "x86_64",
            "platform_python_implementation": "CPython",
            "platform_release": "",
            "platform_system": "Windows" if windows else "Linux",
            "platform_version": "",
            "python_full_version": f"{self.python}.0",
            "python_version": self.python,
            "sys_platform": "win32" if windows else "linux",
        }

    def pip_args(self) -> list[str]:
        abi = f"cp{self.python.replace('.', '')}"
        args = ["--only-binary=:all:", "--python-version", self.python, "--implementation", "cp",
                "--abi", abi, "--abi", "abi3", "--abi", "none"]
        for tag in self.platform_tags:
            args += ["--platform", tag]
        return args


@dataclass
class Wheel:
    path: Path
    name: str
    version: object
    tags: frozenset[Tag]
    _metadata: tuple[list[str], str] | None = field(default=None, repr=False)

    @classmethod
    def of(cls, path: Path) -> Wheel:
        name, version, _build, tags = parse_wheel_filename(path.name)
        return cls(path, canonicalize_name(name), version, frozenset(tags))

    def _read(self) -> tuple[list[str], str]:
        if self._metadata is None:
            with zipfile.ZipFile(self.path) as archive:
                metadata = next(n for n in archive.namelist()
                                if n.count("/") == 1 and n.split("/")[0].endswith(".dist-info")
                                and n.endswith("/METADATA"))
                headers = HeaderParser().parsestr(archive.read(metadata).decode("utf-8"))
            self._metadata = (list(headers.get_all("Requires-Dist") or []), headers.get("Requires-Python") or "")
        return self._metadata

    @property
    def requires(self) -> list[str]:
        """``Requires-Dist`` of the wheel's METADATA."""
        return self._read()[0]

    def runs_on(self, python: str) -> bool:
        """Whether the wheel's ``Requires-Python`` admits ``python`` (pip passes over a wheel that does not)."""
        wanted = self._read()[1]
        return not wanted or SpecifierSet(wanted).contains(f"{python}.0", prereleases=True)

    def glibc(self, accepted: set[Tag]) -> tuple[int, int] | None:
        """The oldest glibc this wheel runs on, among the tags the target accepts (None: not a manylinux wheel)."""
        versions = [_glibc_of(tag.platform) for tag in self.tags if tag in accepted]
        known = [v for v in versions if v is not None]
        return min(known) if known else None


_LEGACY_MANYLINUX = {"manylinux1": (2, 5), "manylinux2010": (2, 12), "manylinux2014": (2, 17)}


def _glibc_of(platform: str) -> tuple[int, int] | None:
    match = re.fullmatch(r"manylinux_(\d+)_(\d+)_\w+", platform)
    if match:
        return int(match[1]), int(match[2])
    return _LEGACY_MANYLINUX.get(platform.split("_")[0])


@dataclass
class Closure:
    """What a target installs from the wheelhouse, and what it lacks."""

    chosen: dict[str, Wheel] = field(default_factory=dict)
    missing: list[Requirement] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)


def wheels_in(folder: Path) -> list[Wheel]:
    return [Wheel.of(path) for path in sorted(folder.glob("*.whl"))]


def closure(wheels: Sequence[Wheel], roots: Iterable[str], target: Target) -> Closure:
    """Walk the requirements from ``roots`` as pip on ``target`` would, in the wheels at hand.

    For each requirement whose marker holds on the target, the newest wheel of
    that name with a tag the target accepts and a version the specifier allows is
    taken, and its own requirements followed (with the extras asked for).
    """
    accepted = target.tags()
    environment = target.environment()
    by_name: dict[str, list[Wheel]] = {}
    for wheel in wheels:
        if wheel.tags & accepted and wheel.runs_on(target.python):
            by_name.setdefault(wheel.name, []).append(wheel)
    result = Closure()
    extras_done: dict[str, set[str]] = {}
    queue: list[tuple[Requirement, str]] = [(Requirement(r), "") for r in roots]
    while queue:
        requirement, parent = queue.pop(0)
        name = canonicalize_name(requirement.name)
        chosen = result.chosen.get(name)
        if chosen is None:
            candidates = [w for w in by_name.get(name, []) if requirement.specifier.contains(w.version,
                                                                                           prereleases=True)]
            if not candidates:
                if not any(str(m) == str(requirement) for m in result.missing):
                    result.missing.append(requirement)
                continue
            chosen = max(candidates, key=lambda w: w.version)
            result.chosen[name] = chosen
        elif not requirement.specifier.contains(chosen.version, prereleases=True):
            result.conflicts.append(f"{parent} needs {requirement}, the wheelhouse has {name} {chosen.version}")
            continue
        wanted = {""} | set(requirement.extras)
        new = wanted - extras_done.get(name, set())
        if not new:
            continue
        extras_done.setdefault(name, set()).update(new)
        for line in chosen.requires:
            dependency = Requirement(line)
            if dependency.marker is None or any(dependency.marker.evaluate({**environment, "extra": extra})
                                                for extra in new):
                queue.append((without_marker(dependency), name))
    return result


def without_marker(requirement: Requirement) -> Requirement:
    """The requirement with its marker dropped (it was evaluated for the target already)."""
    copy = Requirement(str(requirement))
    copy.marker = None
    return copy


def run(command: Sequence[str | Path], *, quiet: bool = True) -> subprocess.CompletedProcess[str]:
    shown = " ".join(str(c) for c in command)
    print(f"$ {shown if len(shown) < 240 else shown[:237] + '...'}", flush=True)
    completed = subprocess.run([str(c) for c in command], capture_output=quiet, text=True, check=False)
    return completed


def pip_error(completed: subprocess.CompletedProcess[str]) -> str:
    """The line of pip's output that says what failed."""
    lines = [line.strip() for line in (completed.stderr or completed.stdout or "").splitlines() if line.strip()]
    errors = [line for line in lines if line.startswith("ERROR:")]
    return (errors or lines or ["pip failed"])[0]


def build_project_wheels(output: Path, packs: Sequence[Path]) -> list[Path]:
    """The wheels of the project and of ``packs``, built with pip into ``output``; their paths."""
    with tempfile.TemporaryDirectory(prefix="chuyenhoa-wheels-") as temporary:
        command: list[str | Path] = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--wheel-dir", temporary]
        try:
            import hatchling  # noqa: F401  # the build backend is here: build without downloading it again
            command.append("--no-build-isolation")
        except ImportError:
            pass
        completed = run([*command, REPO, *packs])
        if completed.returncode != 0:
            raise SystemExit(f"building the project's wheels failed: {pip_error(completed)}\n{completed.stderr}")
        built = []
        for path in sorted(Path(temporary).glob("*.whl")):
            target = output / path.name
            shutil.copyfile(path, target)
            built.append(target)
    return built


def download(output: Path, target: Target, requirements: Sequence[str | Path]) -> str | None:
    """``pip download`` ``requirements`` for ``target`` into ``output``; pip's error line on failure."""
    completed = run([sys.executable, "-m", "pip", "download", "--disable-pip-version-check", "--dest", output,
                     "--find-links", output, *target.pip_args(), *requirements])
    return None if completed.returncode == 0 else pip_error(completed)


@dataclass
class Report:
    target: Target
    closure: Closure
    errors: list[str]


def pinned(roots: Sequence[Path], extras: Sequence[str] = ()) -> list[str]:
    """The project and its packs as requirements, ``chuyenhoa[extra]==0.1.0``: what the wheelhouse installs."""
    found = []
    for path in roots:
        wheel = Wheel.of(path)
        wanted = f"[{','.join(extras)}]" if extras and wheel.name == "chuyenhoa" else ""
        found.append(f"{wheel.name}{wanted}=={wheel.version}")
    return found


def fill_target(output: Path, target: Target, roots: Sequence[Path], extras: Sequence[str] = ()) -> Report:
    """Download what ``target`` needs until the check finds nothing missing (or nothing more can be had)."""
    root_names = pinned(roots, extras)
    errors: list[str] = []
    wanted_extras = f"[{','.join(extras)}]" if extras else ""
    error = download(output, target, [f"{r}{wanted_extras}" if Wheel.of(r).name == "chuyenhoa" else r
                                      for r in roots])
    if error:
        errors.append(error)
    result = closure(wheels_in(output), root_names, target)
    for _round in range(ROUNDS):
        if not result.missing:
            break
        wanted = [str(r) for r in result.missing]
        error = download(output, target, wanted)
        if error:  # find which of them has no wheel: one at a time
            for requirement in wanted:
                single = download(output, target, [requirement])
                if single:
                    errors.append(f"{requirement}: {single}")
        before = len(result.missing)
        result = closure(wheels_in(output), root_names, target)
        if error and len(result.missing) >= before:
            break
    return Report(target, result, errors)


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def write_readme(output: Path, roots: Sequence[Path], reports: Sequence[Report], extras: Sequence[str] = ()) -> None:
    pip_version = subprocess.run([sys.executable, "-m", "pip", "--version"], capture_output=True, text=True,
                                 check=False).stdout.split(" ")[1:2]
    names = [f"{Wheel.of(r).name} {Wheel.of(r).version}" for r in roots]
    unpinned = [name.split("==")[0] for name in pinned(roots, extras)]
    packs = " ".join(f'"{name}"' if "[" in name else name for name in unpinned)
    lines = [
        "chuyenhoa wheelhouse: install without network access",
        "=" * 54,
        "",
        f"Built on {dt.date.today():%Y-%m-%d} by tools/build_wheelhouse.py (Python {sys.version.split()[0]}, "
        f"pip {''.join(pip_version) or '?'}).",
        "Projects: " + ", ".join(names) + ".",
        "",
        "Windows (PowerShell), with Python 3.10-3.13 from python.org (the 'py' launcher):",
        "",
        "    py -m venv .venv",
        "    .venv\\Scripts\\python.exe -m pip install --no-index --find-links D:\\wheelhouse "
        "-r D:\\wheelhouse\\requirements.txt",
        "    .venv\\Scripts\\chuyenhoa.exe provinces",
        "",
        "(D:\\wheelhouse is where this folder was copied. To install only some packs, name them instead of",
        f"-r ...: pip install --no-index --find-links D:\\wheelhouse {packs})",
        "",
        "Linux:",
        "",
        "    python3 -m venv .venv",
        "    .venv/bin/pip install --no-index --find-links /path/to/wheelhouse -r /path/to/wheelhouse/requirements.txt",
        "    .venv/bin/chuyenhoa provinces",
        "",
        "Check a copy: every file's SHA-256 is in SHA256SUMS.txt "
        "(PowerShell: Get-FileHash -Algorithm SHA256 FILE; Linux: sha256sum -c SHA256SUMS.txt).",
        "",
        "Targets and what each installs",
        "-" * 30,
    ]
    for report in reports:
        target = report.target
        platform = "win_amd64, 64-bit Windows"
        if target.platform == "linux":
            accepted = target.tags()
            needed = max((g for w in report.closure.chosen.values() if (g := w.glibc(accepted))), default=None)
            platform = "manylinux x86_64" + (f", needs glibc {needed[0]}.{needed[1]} or newer" if needed else "")
        state = "COMPLETE" if not (report.closure.missing or report.closure.conflicts) else "INCOMPLETE"
        lines += ["", f"{target} ({platform}): {state}"]
        chosen = sorted(report.closure.chosen.values(), key=lambda w: w.name)
        lines += [f"    {w.path.name}" for w in chosen]
        for requirement in report.closure.missing:
            lines.append(f"    MISSING: {requirement} (no wheel for this target)")
        lines += [f"    CONFLICT: {c}" for c in report.closure.conflicts]
        lines += [f"    pip: {e}" for e in report.errors if report.closure.missing or report.closure.conflicts]
    (output / "README.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--output", type=Path, default=REPO / "dist" / "wheelhouse",
                        help="the wheelhouse folder (default: dist/wheelhouse)")
    parser.add_argument("--platform", action="append", choices=PLATFORMS,
                        help="windows (win_amd64) or linux (manylinux x86_64); repeat for both (default: both)")
    parser.add_argument("--python", action="append", choices=PYTHONS,
                        help="a Python version to install on; repeat (default: 3.10 to 3.13)")
    parser.add_argument("--pack", action="append", help="a pack of provinces/ to include (default: every pack)")
    parser.add_argument("--glibc", default=f"{GLIBC[0]}.{GLIBC[1]}",
                        help="the newest glibc a Linux wheel may need (default: %(default)s)")
    parser.add_argument("--extra", action="append", default=[],
                        help="an optional feature of chuyenhoa to include, e.g. postgresql; repeat")
    parser.add_argument("--clean", action="store_true", help="empty the wheelhouse of old wheels first")
    args = parser.parse_args(argv)

    match = re.fullmatch(r"2\.(\d+)", args.glibc)
    if not match or int(match[1]) < 17:
        parser.error("--glibc is 2.17 or newer, e.g. 2.28")
    glibc = (2, int(match[1]))
    pack_dirs = sorted(p.parent for p in (REPO / "provinces").glob("*/pyproject.toml"))
    if args.pack:
        unknown = set(args.pack) - {p.name for p in pack_dirs}
        if unknown:
            parser.error(f"no such pack in provinces/: {', '.join(sorted(unknown))}")
        pack_dirs = [p for p in pack_dirs if p.name in args.pack]
    output: Path = args.output
    output.mkdir(parents=True, exist_ok=True)
    if args.clean:
        for old in output.glob("*.whl"):
            old.unlink()
    roots = build_project_wheels(output, pack_dirs)
    targets = [Target(platform, python, glibc) for platform in args.platform or PLATFORMS
               for python in args.python or PYTHONS]
    reports = [fill_target(output, target, roots, args.extra) for target in targets]
    # checked again on the finished wheelhouse: a later target's download may hold a newer wheel an earlier
    # target's pip would take (if its Requires-Python allows), and that one's requirements count too
    wheels = wheels_in(output)
    names = pinned(roots, args.extra)
    reports = [Report(r.target, closure(wheels, names, r.target), r.errors) for r in reports]

    (output / "requirements.txt").write_text("\n".join(names) + "\n", encoding="utf-8")
    write_readme(output, roots, reports, args.extra)
    sums = [f"{sha256(path)}  {path.name}" for path in sorted(output.iterdir())
            if path.is_file() and path.name != "SHA256SUMS.txt"]
    (output / "SHA256SUMS.txt").write_text("\n".join(sums) + "\n", encoding="utf-8")

    failed = False
    print(f"\nwheelhouse: {output} ({len(list(output.glob('*.whl')))} wheels)")
    for report in reports:
        problems = [f"missing {r}" for r in report.closure.missing] + report.closure.conflicts
        failed = failed or bool(problems)
        state = "; ".join(problems) if problems else "complete"
        print(f"  {report.target}: {len(report.closure.chosen)} wheels, {state}")
        if problems:
            for error in report.errors:
                print(f"      pip: {error}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
