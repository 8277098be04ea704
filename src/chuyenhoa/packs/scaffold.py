"""``chuyenhoa new-province``: write a working province pack in a minute, fill it in ten.

The pack it writes installs, registers its province, evaluates a synthetic sample
and passes the shared test base before a single value of the province's own plan
is typed: the person adding a province then replaces the commented examples of
the plan file with the targets of their document, clause by clause.  Communes
come from the national list in force, shipped with chuyenhoa (GSO codes,
:func:`chuyenhoa.reading.geography.snapshot_on`; from 01/07/2025 the 34 provinces
and their communes, without districts), never typed by hand.  A province merged
away by the reform (Long An, Bình Phước, Hà Giang…) is refused with where it went.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

from chuyenhoa.errors import ChuyenhoaError
from chuyenhoa.i18n import _
from chuyenhoa.model import Geography
from chuyenhoa.output.files import write_atomic
from chuyenhoa.packs.synthetic import generate_communes, generate_province, write_csv
from chuyenhoa.reading.geography import ProvinceUnit, Snapshot, load_geography, merged_province, snapshot_on, snapshots

SLUG = re.compile(r"^[a-z][a-z0-9_]*$")
SAMPLE_COLUMNS = ("social_order_crimes", "clearance_rate")


def map_in_force(day: dt.date | None = None) -> Snapshot:
    """The national list in force on ``day`` (today), as first recorded: its units, under the names of its first day.

    A later renaming of provinces (Đồng Nai "Thành phố" from the data of 20/09/2026)
    is a snapshot of the same map; a pack's file is dated the map's first day, so it
    stands for every year of the map.
    """
    current = snapshot_on(day or dt.date.today())
    return next(s for s in snapshots() if s.map_id == current.map_id)


def find_province(name: str | None = None, code: str | None = None, *, day: dt.date | None = None) -> ProvinceUnit:
    """One province of the list in force, by GSO code or by name as typed ("Hà Nội", "Thành phố Hà Nội").

    A province the reform merged away is refused with where it went and the act
    (the same words as ``evaluate`` for a year after it); an unknown one with the
    list of provinces in force.
    """
    snapshot = map_in_force(day)
    query = code if code is not None else name or ""
    found = snapshot.find_province(query)
    if found is not None:
        return found
    merged = merged_province(query, day or dt.date.today())
    if merged is not None:
        raise ChuyenhoaError(merged)
    known = ", ".join(p.name for p in snapshot.provinces)
    raise ChuyenhoaError(_("không tìm thấy tỉnh '{province}' trong {snapshot} (có: {known}); dùng --code với mã tỉnh "
                           "của Tổng cục Thống kê").format(province=query, snapshot=snapshot.description, known=known))


def snapshot_of(province: ProvinceUnit, snapshot: Snapshot | None = None) -> dict[str, Any]:
    """The one-province file of ``province`` on ``snapshot`` (the map in force), in the format of
    ``tools/generate_geography.py``: what a pack ships in ``geography/<as_of>.json``."""
    snapshot = snapshot or map_in_force()
    geography = snapshot.geography(province)
    generated_by, generated_on = snapshot.generated
    return {
        "generated_by": generated_by, "generated_on": generated_on, "source": dict(snapshot.source),
        "as_of": snapshot.as_of.isoformat(),
        "province": {"code": province.code, "name": province.name, "full_name": province.full_name},
        "districts": [{"code": d.code, "name": d.name, "kind": d.kind.value} for d in geography.districts],
        "communes": [{"code": c.code, "name": c.name, "kind": c.kind.value}
                     | ({"district_code": c.district_code} if c.district_code else {}) for c in geography.communes],
    }


def scaffold(slug: str, name: str, *, root: Path = Path("provinces"), code: str | None = None,
             year: int | None = None) -> Path:
    """Write ``root/slug``: a pack that installs, registers and evaluates its synthetic sample.

    The province is one of the list in force today, and so is its geography; the
    plan year is this year unless ``year`` says otherwise.
    """
    if not SLUG.match(slug):
        raise ChuyenhoaError(_("tên gói '{slug}' không hợp lệ: chỉ chữ thường không dấu, số và '_', bắt đầu bằng "
                               "chữ (ví dụ: tayninh)").format(slug=slug))
    target = root / slug
    if target.exists():
        raise ChuyenhoaError(_("{path} đã có; không ghi đè một gói tỉnh").format(path=target))
    year = year if year is not None else dt.date.today().year
    province = find_province(name=None if code else name, code=code)
    module = f"chuyenhoa_{slug}"
    package = target / "src" / module
    snapshot = snapshot_of(province)
    geography_file = package / "geography" / f"{snapshot['as_of']}.json"
    write_atomic(geography_file, json.dumps(snapshot, ensure_ascii=False, indent=1) + "\n", make_folder=True)
    write_starter_sample(load_geography(geography_file, slug), package / "sample", name=province.name, year=year)
    values = {"slug": slug, "name": province.name, "code": province.code, "module": module,
              "year": year, "previous": year - 1, "districts": len(snapshot["districts"]),
              "communes": len(snapshot["communes"]), "today": dt.date.today().isoformat(),
              "klass": "".join(part.title() for part in slug.split("_")), "as_of": snapshot["as_of"]}
    for relative, template in _FILES.items():
        path = target / relative.format(**values)
        write_atomic(path, template.format(**values), make_folder=True)
    return target


def write_starter_sample(geography: Geography, folder: Path, *, name: str, year: int) -> None:
    """A new pack's SYNTHETIC sample: generated rows for ``year`` and the year before, and a README saying so.

    ``new-province`` writes it and so does the pack's own ``tools/make_sample.py``,
    which the pack's tests run to check that the committed sample is still what the
    script writes: a sample is regenerated, never edited by hand.
    """
    years = [year - 1, year]
    write_csv(generate_communes(geography, years, seed=year), folder / "communes.csv")
    write_csv(generate_province(years, seed=year, columns=SAMPLE_COLUMNS), folder / "province.csv")
    write_atomic(folder / "README.md", _SAMPLE_README.format(name=name, year=year), make_folder=True)


def next_steps(target: Path, slug: str) -> str:
    return _("""Đã tạo gói tỉnh {target}.
Các bước tiếp theo:
  1. Sửa {target}/src/chuyenhoa_{slug}/plans/plan.toml: số, ngày, cơ quan ban hành của kế hoạch, rồi
     từng chỉ tiêu với điều khoản (source) và nguyên văn (quote). Tham chiếu: docs/plan-files.md.
  2. pip install ./{target}        (cài gói; đăng ký trong nhóm entry point 'chuyenhoa')
  3. chuyenhoa plan --province {slug}
  4. chuyenhoa evaluate --province {slug}          (dữ liệu mẫu GIẢ LẬP)
  5. pytest {target}/tests        (bộ kiểm thử chung ProvincePackTests)
Hướng dẫn đầy đủ: docs/adding-a-province.md""").format(target=target, slug=slug)


_PYPROJECT = '''[build-system]
requires = ["hatchling>=1.24"]
build-backend = "hatchling.build"

[project]
name = "chuyenhoa-{slug}"
version = "0.1.0"
description = "chuyenhoa province pack: {name}"
readme = "README.md"
requires-python = ">=3.10"
dependencies = ["chuyenhoa>=0.1"]

[project.entry-points.chuyenhoa]
{slug} = "{module}"

[tool.hatch.build.targets.wheel]
packages = ["src/{module}"]
'''

_INIT = '''"""chuyenhoa province pack for {name} (written by `chuyenhoa new-province` on {today}).

The plan is data (``plans/*.toml``, each value citing its clause); the geography is the
GSO list of {as_of} shipped with chuyenhoa; the sample is synthetic.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from chuyenhoa import ProvinceSpec, hookimpl

HERE = Path(__file__).parent


@hookimpl
def chuyenhoa_register_provinces(register: Callable[[ProvinceSpec], None]) -> None:
    register(ProvinceSpec.from_folder(
        HERE, slug="{slug}", name="{name}", code="{code}",
        sample_description="Dữ liệu mẫu GIẢ LẬP cho {name}, không phải số liệu thật",
    ))
'''

_PLAN = '''# {name}: kế hoạch năm {year}.  Thay các giá trị dưới đây bằng nội dung văn bản của tỉnh,
# mỗi giá trị kèm điều khoản (source) và nguyên văn (quote).  Tham chiếu đầy đủ: docs/plan-files.md.
schema = 1

[plan]
id = "SO-KE-HOACH/KH-UBND"                  # sửa: số hiệu văn bản, không có dấu cách
province = "{slug}"
title = "Kế hoạch của {name} năm {year} (sửa: trích yếu của văn bản)"
issuer = "UBND tỉnh {name}"                  # sửa: cơ quan ban hành
date = {year}-01-01                          # sửa: ngày ban hành
year = {year}
period = {{ start = {year}-01-01, end = {year}-12-31 }}
notes = [
  "Gói tạo bằng chuyenhoa new-province: chỉ tiêu dưới đây là mục tiêu toàn quốc; thêm chỉ tiêu của tỉnh.",
]

# Mục tiêu toàn quốc của Đề án (Kế hoạch 7488/KH-UBND §II.1, giữ nguyên trong giai đoạn 2021–2025).
[[targets]]
id = "transformed_share"
comparator = ">="
threshold = 60
scope = "hotspots"
label = "Chuyển hóa thành công ít nhất 60% địa bàn được lựa chọn"
source = "7488/KH-UBND §II.1"
quote = "Hàng năm tổ chức chuyển hóa thành công ít nhất 60% tổng số địa bàn được lựa chọn chuyển hóa."

# Ví dụ chỉ tiêu của tỉnh (bỏ dấu # và sửa theo văn bản):
#
# [[targets]]
# id = "clearance_rate"              # mã chỉ số trong INDICATORS.md
# comparator = ">"                   # "trên 75%" là ">", "từ 80% trở lên" là ">=", "dưới 15%" là "<"
# threshold = 75
# source = "SO-KE-HOACH/KH-UBND §II.2"
# quote = "tỷ lệ điều tra, khám phá án đạt trên 75%"
#
# [[targets]]
# id = "social_order_crimes"
# basis = "change_pct"               # "so với năm {previous}": so với năm trước
# comparator = "<="
# threshold = -5
# source = "SO-KE-HOACH/KH-UBND §II.2"
# quote = "Giảm tội phạm về trật tự xã hội ít nhất 05% so với năm {previous}"
#
# [[milestones]]
# before = {year}-03-29              # "trước ngày 29/3": hạn cuối là ngày 28/3
# what = "Các đơn vị gửi kế hoạch"
# who = "Các sở, ban, ngành, địa phương"
# source = "SO-KE-HOACH/KH-UBND §IV.2"
#
# [[responsibilities]]
# task = "Tấn công, trấn áp tội phạm"
# lead = "Công an tỉnh"
# partners = ["Viện Kiểm sát nhân dân tỉnh", "Tòa án nhân dân tỉnh"]
# targets = ["clearance_rate"]
# source = "SO-KE-HOACH/KH-UBND §III.1"
'''

_TEST = '''"""{name}: the shared checks every pack passes, and the numbers of its plan once they are typed."""

from __future__ import annotations

import datetime as dt

import {module}
import pytest

from chuyenhoa.testing import ProvincePackTests


class Test{klass}(ProvincePackTests):
    plugin = {module}
    slug = "{slug}"
    districts = {districts}
    communes = {communes}
    # Every plan file the pack ships, by its [plan] id: change it with the id.
    plan_ids = {{"SO-KE-HOACH/KH-UBND"}}
    # The text of every document the plans quote, so that each quote is checked against it.
    # A file name is looked up in the shared/sources folder beside a chuyenhoa checkout (the
    # check is skipped where there is none); give a full path to your own copy of the text,
    # e.g. Path(__file__).parent / "sources" / "ke-hoach.txt".
    sources = {{"7488/KH-UBND": "003_cfb696eb858ee58d.txt"}}
    as_of = dt.date({year}, 12, 31)

    @pytest.fixture
    def plan(self, spec):
        return spec.plan_for({year})

    # Pin each number of the document, as provinces/tayninh/tests/test_tayninh.py does:
    # self.assert_target, self.assert_milestone, self.assert_cap and self.assert_verdicts.
    def test_national_goal(self, plan):
        self.assert_target(plan, "transformed_share", ">=", 60, "7488/KH-UBND §II.1", scope="hotspots")
'''

_MAKE_SAMPLE = '''"""Write the SYNTHETIC sample of the {name} pack: every figure is invented.

The sample is generated, never edited by hand: the pack's tests run this script and
check that the committed files are exactly what it writes.  When the plan's targets
are typed in, script a story that shows each kind of verdict (as the packs of
chuyenhoa's repository do, with chuyenhoa.packs.sample_story), run it and commit
what it writes.

Usage (from the pack's folder)::

    python tools/make_sample.py
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from chuyenhoa.packs.scaffold import write_starter_sample
from chuyenhoa.reading.geography import load_geography

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "{module}"
GEOGRAPHY = PACKAGE / "geography" / "{as_of}.json"
#: the seed of every draw, and the sample's last year
YEAR = {year}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write the synthetic {name} sample.")
    parser.add_argument("--output-dir", type=Path, default=PACKAGE / "sample")
    args = parser.parse_args(argv)
    write_starter_sample(load_geography(GEOGRAPHY, "{slug}"), args.output_dir, name="{name}", year=YEAR)
    print(f"wrote {{args.output_dir}}/communes.csv, province.csv, README.md (seed {{YEAR}})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
'''

_README = '''# chuyenhoa-{slug}

Province pack for chuyenhoa: {name}. Written by `chuyenhoa new-province` on {today}.

- `src/{module}/plans/plan.toml`: the plan, each value with its clause (docs/plan-files.md).
- `src/{module}/geography/`: {districts} districts and {communes} communes (GSO list of {as_of}).
- `src/{module}/sample/`: a **synthetic** dataset ({previous}–{year}); every figure is invented.
  `tools/make_sample.py` writes it; the tests check that the committed files are what it writes.

```
pip install ./provinces/{slug}
chuyenhoa evaluate --province {slug}
```
'''

_SAMPLE_README = '''# Dữ liệu mẫu GIẢ LẬP — synthetic sample

Mọi con số trong thư mục này đều được sinh ngẫu nhiên (chuyenhoa.packs.synthetic, seed {year}) trên danh sách
xã thật của {name}; không phải số liệu thống kê thật.
Every figure here is generated (chuyenhoa.packs.synthetic, seed {year}) over the real communes of {name};
none is a real statistic.
'''

_FILES = {
    "pyproject.toml": _PYPROJECT,
    "README.md": _README,
    "src/{module}/__init__.py": _INIT,
    "src/{module}/plans/plan.toml": _PLAN,
    "tests/test_{slug}.py": _TEST,
    "tools/make_sample.py": _MAKE_SAMPLE,
}
