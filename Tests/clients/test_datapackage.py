"""`aitrack export --format datapackage` against the reference validator (PyPI frictionless):
the package validates with no error, and the validator does catch a broken copy (so a pass
means something). Run by .ci/run after `swift build` (AITRACK_BIN names the binary)."""
import csv
import json
import os
import pathlib
import shutil
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
BIN = os.environ.get("AITRACK_BIN", str(ROOT / ".build" / "debug" / "aitrack"))


def aitrack(db, *args):
    return subprocess.run([BIN, *args, "--db", str(db)], check=True, capture_output=True, text=True).stdout


def validate(descriptor):
    out = subprocess.run([sys.executable, "-m", "frictionless", "validate", "--json", str(descriptor)],
                         capture_output=True, text=True, timeout=600)
    return json.loads(out.stdout)


@pytest.fixture(scope="module")
def package(tmp_path_factory):
    if os.environ.get("CI") != "true":
        pytest.importorskip("frictionless")
    folder = tmp_path_factory.mktemp("datapackage")
    db = folder / "aitrack.db"
    aitrack(db, "init")
    aitrack(db, "export", "--format", "datapackage", "--dir", str(folder / "pkg"))
    return folder / "pkg"


def test_frictionless_finds_no_error(package):
    report = validate(package / "datapackage.json")
    errors = [(t["name"], e["type"], e["message"]) for t in report["tasks"] for e in t["errors"]]
    assert report["valid"], errors
    assert sorted(t["name"] for t in report["tasks"]) == sorted(
        ["source", "company", "metric", "alliance", "membership", "deal", "statistic", "fx"])
    descriptor = json.loads((package / "datapackage.json").read_text())
    assert descriptor["$schema"] == "https://datapackage.org/profiles/2.0/datapackage.json"
    assert any(lic["name"] == "MIT" for lic in descriptor["licenses"])


def test_frictionless_catches_a_broken_copy(package, tmp_path):
    broken = tmp_path / "pkg"
    shutil.copytree(package, broken)
    rows = list(csv.reader((broken / "statistic.csv").open(newline="")))
    header = rows[0]
    rows[1][header.index("company")] = "No Such Company"       # a foreign key
    rows[2][header.index("verification")] = "probably"         # a vocabulary
    rows[3][header.index("date")] = "2025-Q5"                  # a date pattern
    with (broken / "statistic.csv").open("w", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)
    report = validate(broken / "datapackage.json")
    assert not report["valid"]
    kinds = sorted({e["type"] for t in report["tasks"] for e in t["errors"]})
    assert kinds == ["constraint-error", "foreign-key"], kinds
