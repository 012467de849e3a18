"""The scaling plot ``make bench`` draws from its stored runs (``tests/bench/plot.py``)."""

import json
import xml.etree.ElementTree as ET

from tests.bench import plot

SVG = "{http://www.w3.org/2000/svg}"


def _run(folder, customers, window, floor):
    results = [{"name": f"window, {customers}", "job": "window", "seconds": window,
                "floor": floor},
               {"name": f"export, {customers}", "job": "export JSON", "seconds": window * 3,
                "floor": floor * 2},
               {"name": "1,000 cards", "job": "", "seconds": 0.5, "floor": 0.25},
               {"name": "memory", "megabytes": 90, "budget": 100}]
    (folder / f"bench-{customers}.json").write_text(
        json.dumps({"customers": customers, "results": results}), encoding="utf-8")


def test_the_plot_is_well_formed_svg_with_a_line_per_job_and_its_floor_dashed(tmp_path):
    _run(tmp_path, 50_000, 1.2, 0.6)
    _run(tmp_path, 200_000, 4.1, 2.0)
    target = plot.write(tmp_path, tmp_path / "scaling.svg")

    root = ET.parse(target).getroot()  # raises on a malformed file
    assert root.tag == f"{SVG}svg"
    lines = root.findall(f"{SVG}polyline")
    jobs = [line.get("data-job") for line in lines if line.get("class") == "job"]
    floors = [line for line in lines if line.get("class") == "floor"]
    assert sorted(jobs) == ["export JSON", "window"]  # unplotted results are left out
    assert len(floors) == 2 and all(f.get("stroke-dasharray") for f in floors)
    for line in lines:  # both sizes, left to right: 50k then 200k
        points = [tuple(map(float, p.split(","))) for p in line.get("points").split()]
        assert len(points) == 2 and points[0][0] < points[1][0]
    window = next(line for line in lines if line.get("data-job") == "window")
    (_x1, y1), (_x2, y2) = (map(float, p.split(",")) for p in window.get("points").split())
    assert y2 < y1  # slower at 200k is higher on the plot


def test_a_job_name_with_markup_is_escaped(tmp_path):
    (tmp_path / "bench-1000.json").write_text(json.dumps(
        {"customers": 1000, "results": [{"job": "a <b> & c", "seconds": 1, "floor": 1}]}),
        encoding="utf-8")
    root = ET.fromstring(plot.svg(plot.load([tmp_path / "bench-1000.json"])))
    assert {line.get("data-job") for line in root.findall(f"{SVG}polyline")} == {"a <b> & c"}
