"""The HTML report in a real browser (Debian's chromium, installed by .ci/run), and the standalone
SVG chart checked against the JSON the same command prints."""
import json, os, shutil, subprocess, xml.dom.minidom
from pathlib import Path

import pytest
from PIL import Image

ROOT = Path(__file__).resolve().parents[2]
BIN = os.environ.get("AITRACK_BIN", str(ROOT / ".build" / "debug" / "aitrack"))
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("browser") / "aitrack.db"
    subprocess.run([BIN, "init", "--db", str(path), "--quiet"], check=True)
    return path


def aitrack(db, *args):
    return subprocess.run([BIN, *args, "--db", str(db)], check=True, capture_output=True, text=True).stdout


def test_the_report_renders_in_chromium(db, tmp_path):
    assert CHROMIUM, "chromium is not installed (.ci/run installs Debian's chromium)"
    html = tmp_path / "report.html"
    html.write_text(aitrack(db, "report", "--year", "2025", "--format", "html"), encoding="utf-8")
    png = tmp_path / "report.png"
    subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--window-size=1200,2400",
                    f"--screenshot={png}", html.as_uri()], check=True, capture_output=True, timeout=120)
    image = Image.open(png).convert("RGB")
    assert image.size == (1200, 2400)
    pixels = list(image.get_flattened_data() if hasattr(image, "get_flattened_data") else image.getdata())
    colours = len(set(pixels))
    dark = sum(1 for r, g, b in pixels if r + g + b < 200) / len(pixels)
    blue = sum(1 for r, g, b in pixels if b > 150 and r < 60 and 80 < g < 140)   # the top-five bars (#0072B2)
    assert colours > 200, f"{colours} colours: a blank page?"
    assert 0.005 < dark < 0.4, f"dark pixels (text): {dark:.3%}"
    assert blue > 2000, "no share bars drawn"


def test_the_svg_chart_shows_the_json_figures(db):
    data = json.loads(aitrack(db, "concentration", "--metric", "ai_compute_h100e", "--year", "2025", "--format", "json"))
    svg = xml.dom.minidom.parseString(aitrack(db, "concentration", "--metric", "ai_compute_h100e", "--year", "2025", "--format", "svg"))
    assert svg.documentElement.tagName == "svg"
    assert svg.getElementsByTagName("title")[0].firstChild.data == "ai_compute_h100e, 2025: shares of the total"
    assert "CR5 73.56 %" in svg.getElementsByTagName("desc")[0].firstChild.data
    groups = [g for g in svg.getElementsByTagName("g") if "bar" in g.getAttribute("class").split()]
    firms, aggregates = data["firms"], data["aggregates"]
    named = sum(f["share"] for f in firms) + sum(a["share"] for a in aggregates)
    assert len(groups) == len(firms) + len(aggregates) + (1 if named < 99.995 else 0)
    texts = [[t.firstChild.data for t in g.getElementsByTagName("text")] for g in groups]
    for k, f in enumerate(firms):
        assert texts[k] == [f"{k + 1}. {f['company']}", f"{f['share']:.2f} %"]
    for k, a in enumerate(aggregates):
        assert texts[len(firms) + k] == [f"{a['company']} (aggregate, not ranked)", f"{a['share']:.2f} %"]
    assert sum(1 for g in groups if "top5" in g.getAttribute("class")) == min(5, len(firms))


def test_a_series_draws_the_cr_and_hhi_lines(db):
    svg = xml.dom.minidom.parseString(aitrack(db, "concentration", "--metric", "cloud_market_share", "--from", "2022", "--to", "2026",
                                              "--by", "quarter", "--format", "svg"))
    lines = [p for p in svg.getElementsByTagName("polyline") if p.getAttribute("class") == "cr5"]
    assert len(lines) == 1 and len(lines[0].getAttribute("points").split()) >= 12
    assert len([p for p in svg.getElementsByTagName("polygon") if p.getAttribute("class") == "hhi"]) == 1
