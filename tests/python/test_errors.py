"""Bad input raises tnet.Error with the library's message, never a crash."""
import re

import pytest

import tnet
from conftest import XUCHANG


def test_missing_folder():
    with pytest.raises(tnet.Error) as e:
        tnet.Dataset("/nonexistent/folder")
    assert e.value.code == tnet.ERROR_CODES["io"]
    assert "nodes.csv" in str(e.value)


def test_malformed_nodes_names_file_line_column(broken_copy):
    path = broken_copy / "nodes.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    h = next(i for i, l in enumerate(lines) if not l.startswith("#"))
    header = lines[h].rstrip("\n").split(",")
    row = lines[h + 1].rstrip("\n").split(",")
    row[header.index("lon")] = "east"          # not a number
    lines[h + 1] = ",".join(row) + "\n"
    path.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(tnet.Error) as e:
        tnet.Dataset(broken_copy)
    assert e.value.code == tnet.ERROR_CODES["invalid_input"]
    # line h + 2 (1-based), the column where the lon field starts (1-based)
    col = len(",".join(row[:header.index("lon")])) + 2
    assert re.search(rf"nodes\.csv:{h + 2}:{col}: ", str(e.value)), str(e.value)


def test_unknown_node(xuchang):
    with pytest.raises(tnet.Error) as e:
        xuchang.travel_time_matrix(["z_weidu", "no_such_node"], ["zz_center"])
    assert e.value.code == tnet.ERROR_CODES["not_found"]
    assert "no_such_node" in str(e.value)


def test_unknown_region_spec(xuchang):
    with pytest.raises(tnet.Error) as e:
        xuchang.commute(origins="region:atlantis")
    assert "atlantis" in str(e.value)


def test_unknown_closure_and_year(xuchang):
    with pytest.raises(tnet.Error) as e:
        xuchang.scenario(2025, closures=["no such line"]).commute()
    assert e.value.code == tnet.ERROR_CODES["not_found"]
    with pytest.raises(tnet.Error) as e:
        xuchang.scenario(1950).commute()
    assert "1950" in str(e.value)


def test_bad_profile_and_arguments(xuchang):
    with pytest.raises(tnet.Error):
        xuchang.commute(profiles=["bicycle"])
    with pytest.raises(ValueError):
        xuchang.isochrones("z_weidu", cutoffs=[0])
    with pytest.raises(ValueError):
        xuchang.accessibility("jobs", profile="park_and_ride", model="frequency")
    with pytest.raises(ValueError, match="model"):
        xuchang.travel_time_matrix(profile="transit", model="schedule")
    with pytest.raises(tnet.Error) as e:
        xuchang.travel_time_matrix([1.5], ["zz_center"])
    assert e.value.code == tnet.ERROR_CODES["not_found"]


def test_no_path_raises(xuchang):
    with pytest.raises(tnet.Error) as e:
        xuchang.route("z_weidu", "nowhere_at_all")
    assert "nowhere_at_all" in str(e.value)


def test_missing_opportunity_column(xuchang):
    # the bundled folder has no zones.csv: a located I/O error
    with pytest.raises(tnet.Error) as e:
        xuchang.accessibility("jobs")
    assert "zones.csv" in str(e.value)


def test_progress_exception_propagates(xuchang):
    nodes = xuchang.nodes()
    zones = nodes[nodes.kind == "zone"].id.tolist()

    def progress(done, total, what):
        raise KeyError("stop here")

    with pytest.raises(KeyError):
        xuchang.travel_time_matrix(zones, zones, method="m2m", progress=progress)


def test_progress_called_and_cancels():
    ds = tnet.Dataset(XUCHANG)  # its own: no graph built by another test
    nodes = ds.nodes()
    zones = nodes[nodes.kind == "zone"].id.tolist()
    seen = []
    ds.travel_time_matrix(zones, zones, method="m2m",
                          progress=lambda d, t, w: seen.append((d, t, w)))
    assert seen and all(w == "CH build" for _, _, w in seen)
    # the dataset keeps the graph and hierarchy it built: asked again, the
    # matrix builds nothing and reports no progress
    seen.clear()
    again = ds.travel_time_matrix(zones, zones, method="m2m",
                                  progress=lambda d, t, w: seen.append((d, t, w)))
    assert seen == [] and len(again) == len(zones) ** 2
    # a dataset that has built nothing yet is cancelled in the build
    with pytest.raises(tnet.Error) as e:
        tnet.Dataset(XUCHANG).travel_time_matrix(zones, zones, method="m2m",
                                                 progress=lambda d, t, w: False)
    assert "cancel" in str(e.value).lower()
