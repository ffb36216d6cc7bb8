"""Shared fixtures of the Python tests (run by `meson test`, suite python).

The oracle is the `tnet` command's `--format json` output for the same
inputs: the package and the command are two independent front ends of the
library (the command renders with json-glib in C, the package converts
NumPy arrays in Python), so a conversion, ordering or unit mistake on
either side shows as a difference. Environment (set by tests/meson.build):
TNET_EXE the command, TNET_SOURCE_ROOT the source tree (fixtures are read
from tests/data only), PYTHONPATH the build folder's python/.
"""
import json
import os
import shutil
import subprocess

import pytest

import tnet

SOURCE_ROOT = os.environ.get("TNET_SOURCE_ROOT",
                             os.path.join(os.path.dirname(__file__), "..", ".."))
TNET_EXE = os.environ.get("TNET_EXE")
XUCHANG = os.path.join(SOURCE_ROOT, "data", "xuchang")
SAO_PAULO = os.path.join(SOURCE_ROOT, "tests", "data", "sao-paulo")


def cli(*args, parse=True):
    """Runs the tnet command; returns its parsed JSON output."""
    if not TNET_EXE:
        raise RuntimeError("TNET_EXE is not set (run the tests through meson test)")
    r = subprocess.run([TNET_EXE, *args, "-q"], capture_output=True, text=True, check=False)
    if r.returncode != 0:
        raise AssertionError(f"tnet {' '.join(args)} failed ({r.returncode}): {r.stderr}")
    return json.loads(r.stdout) if parse else r.stdout


def cli_minutes(ms_rounded):
    """The command prints minutes rounded to 0.1: a package value equals it
    when it lies within half a tenth."""
    return ms_rounded


@pytest.fixture(scope="session")
def xuchang():
    return tnet.Dataset(XUCHANG)


@pytest.fixture(scope="session")
def sao_paulo_dir(tmp_path_factory):
    """São Paulo built from the fixture inputs by `tnet init` (the command)."""
    out = tmp_path_factory.mktemp("spo")
    zones = out / "zones.csv"
    # a region per side of longitude -46.645 (as examples/sao-paulo/run.sh)
    with open(os.path.join(SAO_PAULO, "spo_hexgrid.csv"), encoding="utf-8") as f, \
            open(zones, "w", encoding="utf-8") as g:
        for i, line in enumerate(f):
            line = line.rstrip("\n")
            if i == 0:
                g.write(line + ",district\n")
            else:
                lon = float(line.split(",")[1])
                g.write(line + ("," + ("west" if lon < -46.645 else "east")) + "\n")
    folder = out / "spo"
    cli("init", str(folder), "--osm", os.path.join(SAO_PAULO, "spo_osm.pbf"),
        "--gtfs", os.path.join(SAO_PAULO, "spo.zip"), "--zones", str(zones),
        "--region-column", "district", parse=False)
    return str(folder)


@pytest.fixture(scope="session")
def sao_paulo(sao_paulo_dir):
    return tnet.Dataset(sao_paulo_dir)


@pytest.fixture
def broken_copy(tmp_path):
    """A copy of the bundled folder for tests to damage."""
    dst = tmp_path / "xuchang"
    shutil.copytree(XUCHANG, dst, ignore=shutil.ignore_patterns("src"))
    return dst
