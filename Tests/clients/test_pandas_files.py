"""Every listing and export CSV loads in pandas without surprises: dates as one ISO day per
column (date_start, date_end) that pd.to_datetime reads without a warning, booleans true/false
(never blank), and no JSON inside a cell. Run by .ci/run (AITRACK_BIN names the binary)."""
import io
import os
import pathlib
import subprocess
import warnings

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
BIN = os.environ.get("AITRACK_BIN", str(ROOT / ".build" / "debug" / "aitrack"))
LISTINGS = [["deals"], ["stats"], ["alliances"], ["members"], ["claims"], ["companies"], ["metrics"]]
BOOLEANS = {"in_total", "in_kind_total", "forecast", "founder", "top_list", "defined"}


def aitrack(db, *args):
    return subprocess.run([BIN, *args, "--db", str(db)], check=True, capture_output=True, text=True).stdout


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pandas")
    db = folder / "aitrack.db"
    aitrack(db, "init")
    out = {" ".join(args): aitrack(db, *args, "--format", "csv") for args in LISTINGS}
    aitrack(db, "export", "--format", "csv", "--dir", str(folder / "export"))
    for f in sorted((folder / "export").iterdir()):
        out["export " + f.name] = f.read_text()
    return out


def test_every_csv_loads_with_iso_dates_and_plain_cells(files):
    pd = pytest.importorskip("pandas") if os.environ.get("CI") != "true" else __import__("pandas")
    dated = 0
    for name, text in files.items():
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            df = pd.read_csv(io.StringIO(text), keep_default_na=False, na_values=[""])
            if "date" in df.columns:
                assert {"date_start", "date_end", "precision"} <= set(df.columns), name
                start = pd.to_datetime(df["date_start"], format="ISO8601")
                end = pd.to_datetime(df["date_end"], format="ISO8601")
                assert (start.isna() == df["date"].isna()).all(), name
                assert (end.dropna() >= start.dropna()).all(), name
                dated += 1
        for column in BOOLEANS & set(df.columns):
            assert df[column].dtype == bool, (name, column, df[column].unique())
        for column in df.columns:
            cells = df[column].dropna().astype(str)
            assert not cells.str.match(r"^\s*[\[{]").any(), (name, column, "a cell holds JSON")
    assert dated >= 8
