"""The examples of examples/python run, and what they print or write agrees
with the command's output for the same inputs."""
import csv
import os
import re
import subprocess
import sys

import pytest

from conftest import SOURCE_ROOT, XUCHANG, cli

EXAMPLES = os.path.join(SOURCE_ROOT, "examples", "python")


def run(name, *args):
    r = subprocess.run([sys.executable, os.path.join(EXAMPLES, name), *args],
                       capture_output=True, text=True, check=False,
                       env={**os.environ, "MPLBACKEND": "Agg"})
    assert r.returncode == 0, r.stderr
    return r.stdout


@pytest.mark.parametrize("model", ["timetable", "frequency"])
def test_commute_table(tmp_path, model):
    freq = ("--frequency-model",) if model == "frequency" else ()
    out = run("commute_table.py", "--data", XUCHANG, "--csv", str(tmp_path / "c.csv"), *freq)
    # the script's commute() is the command's: by the timetable by default
    ref = cli("commute", "--format", "json", "--data", XUCHANG, *freq)
    assert f"transit by the {model}" in out
    # the printed shares are the command's
    for profile, by_dest in ref["population"].items():
        if profile == "total":
            continue
        assert f"by {profile}: {by_dest['any']['within']:.0f} of " \
               f"{ref['population']['total']:.0f} ({by_dest['any']['pct']:.1f} %)" in out
    # and so is every cell of the table it wrote
    with open(tmp_path / "c.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == len(ref["cells"])
    for row, cell in zip(rows, ref["cells"]):
        assert (row["profile"], row["origin"], row["destination"]) == \
            (cell["profile"], cell["origin"], cell["destination"])
        if cell["minutes"] is None:
            assert row["minutes"] == ""
        else:
            assert abs(float(row["minutes"]) - cell["minutes"]) <= 0.05 + 1e-9


def test_scenario_comparison():
    out = run("scenario_comparison.py", "--data", XUCHANG)
    ini = os.path.join(SOURCE_ROOT, "examples", "scenarios", "g4-closure-changge.ini")
    base = cli("commute", "--format", "json", "--data", XUCHANG, "--profiles", "car")
    closed = cli("commute", "--format", "json", "--data", XUCHANG, "--profiles", "car",
                 "--scenario", ini)
    dest = base["destinations"][0]["id"]
    line = next(l for l in out.splitlines() if l.startswith("z_dongcheng "))
    fields = line.split()
    b = next(c for c in base["cells"] if c["origin"] == "z_dongcheng" and c["destination"] == dest)
    c = next(c for c in closed["cells"]
             if c["origin"] == "z_dongcheng" and c["destination"] == dest)
    # columns: car 2020, 2025, 2025 closed, closure effect, transit ...
    assert abs(float(fields[2]) - b["minutes"]) <= 0.05 + 1e-9
    assert abs(float(fields[3]) - c["minutes"]) <= 0.05 + 1e-9
    assert abs(float(fields[4]) - (c["minutes"] - b["minutes"])) <= 0.1 + 1e-9
    assert "expressway_km" in out


def test_sao_paulo_jobs(tmp_path):
    out = run("sao_paulo_jobs.py", "--out", str(tmp_path), "--cutoff", "30",
              "--car-cutoff", "5")
    png = tmp_path / "sao_paulo_jobs.png"
    with open(png, "rb") as f:
        assert f.read(8) == b"\x89PNG\r\n\x1a\n"
    assert png.stat().st_size > 20000
    assert "map: " in out
    ref = cli("accessibility", "--data", str(tmp_path / "spo"), "--opportunities", "jobs",
              "--cutoffs", "30", "--profile", "transit",
              "--format", "json")
    with open(tmp_path / "sao_paulo_jobs.csv", encoding="utf-8") as f:
        rows = {r["id"]: r for r in csv.DictReader(f)}
    assert len(rows) == len(ref["zones"]) == 323
    for z in ref["zones"]:
        assert float(rows[z["id"]]["transit_jobs"]) == z["accessibility"][0]


def run_notebook(name, tmp_path, env):
    """Executes a notebook of examples/python in a kernel of this
    interpreter (a kernelspec written for it), in its own folder; returns
    the executed notebook."""
    import json
    import nbclient
    import nbformat
    spec = tmp_path / "jupyter" / "kernels" / "tnet-test"
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "tnet tests", "language": "python"}))
    env = {"JUPYTER_PATH": str(tmp_path / "jupyter"),
           # the kernel's debugger warns about frozen modules otherwise
           "PYDEVD_DISABLE_FILE_VALIDATION": "1", **env}
    old = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        nb = nbformat.read(os.path.join(EXAMPLES, name), as_version=4)
        nbclient.NotebookClient(nb, kernel_name="tnet-test", timeout=300,
                                resources={"metadata": {"path": EXAMPLES}}).execute()
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    return nb


def notebook_text(nb):
    """Everything the cells printed or displayed last, as text."""
    out = []
    for cell in nb.cells:
        for o in cell.get("outputs", []):
            assert o["output_type"] != "error", o
            if o["output_type"] == "stream":
                out.append(o["text"])
            elif "data" in o and "text/plain" in o["data"]:
                out.append(o["data"]["text/plain"] + "\n")
    return "".join(out)


@pytest.mark.parametrize("folder", ["bundled", "sao_paulo"])
def test_progress_notebook(tmp_path, request, folder):
    data = XUCHANG if folder == "bundled" else request.getfixturevalue("sao_paulo_dir")
    nb = run_notebook("progress.ipynb", tmp_path, {"TNET_DATA": data})
    text = notebook_text(nb)
    # the progress line was drawn and ended at 100 %
    assert re.search(r"CH build: \[#{20}\] 100\.0 %", text), text
    assert "cancelled: " in text and "cancel" in text.split("cancelled: ")[1].lower()
    # the figures are the command's
    ref = cli("commute", "--format", "json", "--data", data, "--origins", "kind:zone",
              "--destinations", "kind:zone", "--profiles", "car", "--method", "m2m")
    minutes = [c["minutes"] for c in ref["cells"]]
    reached = [v for v in minutes if v is not None]
    m = re.search(r"car matrix: (\d+) cells, (\d+) reached, mean ([\d.]+) min", text)
    assert m, text
    assert (int(m.group(1)), int(m.group(2))) == (len(minutes), len(reached))
    # the command rounds each cell to 0.1
    assert abs(float(m.group(3)) - sum(reached) / len(reached)) <= 0.05 + 1e-3
    m = re.search(r"progress calls: (\d+) \(CH build\)", text)
    assert m and int(m.group(1)) >= 1
    m = re.search(r"timetable matrix \((\S+), (\d+)\): (\d+) cells, (\d+) reached", text)
    assert m, text
    n_zones = int(len(minutes) ** 0.5 + 0.5)
    assert int(m.group(3)) == len(minutes) and 0 < int(m.group(4)) <= len(minutes)
    assert re.search(rf"timetable matrix: \[#{{20}}\] 100\.0 % \({n_zones}/{n_zones}\)", text)
