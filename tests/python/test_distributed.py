"""tnet.distributed on a LocalCluster of 2 worker processes on 127.0.0.1:
every function returns exactly what the single-process call returns (on
the bundled data and the São Paulo fixture), each worker process opens a
folder once, and a worker killed in the middle of a run (the test kills its
own worker process) is replaced by Dask without changing the result.

Run by `meson test` as its own test, python-distributed (suites python and
slow); it needs dask.distributed and fails, not skips, without it.
"""
import json
import os
import shutil
import signal
import threading
import time

import numpy as np
import pandas as pd
import pytest

import tnet

try:
    from dask.distributed import Client, LocalCluster
except ImportError as e:  # no skip: CI must install it (tools/install-deps.sh)
    raise ImportError("test_distributed.py needs dask.distributed: install Debian's "
                      "python3-distributed (tools/install-deps.sh does)") from e

import tnet.distributed as td

from conftest import XUCHANG


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                           host="127.0.0.1", dashboard_address=None,
                           local_directory=str(tmp_path_factory.mktemp("dask")))
    c = Client(cluster)
    yield c
    c.close()
    cluster.close()


def same_frame(plain, dist):
    pd.testing.assert_frame_equal(plain, dist, check_exact=True)
    assert plain.attrs == dist.attrs
    # identical NaN positions and bits, not only "close"
    for col in plain.columns:
        if plain[col].dtype.kind == "f":
            assert np.array_equal(plain[col].to_numpy(), dist[col].to_numpy(), equal_nan=True)


def region_zones(ds, region, n):
    nodes = ds.nodes()
    return ";".join(nodes[(nodes["kind"] == "zone") & (nodes["region"] == region)]["id"][:n])


# ----------------------------------------------------------------- matrix
@pytest.mark.parametrize("profile,model", [("car", "timetable"), ("transit", "frequency"),
                                           ("park_and_ride", "frequency"),
                                           ("transit", "timetable"),
                                           ("park_and_ride", "timetable")])
def test_matrix_xuchang(client, xuchang, profile, model):
    """By the network, the frequency approximation and (the default for
    transit and park_and_ride) the timetable."""
    plain = xuchang.travel_time_matrix(profile=profile, model=model)
    col = "travel_time" if profile == "car" or model == "frequency" else "travel_time_p50"
    assert plain[col].notna().sum() > 100
    for block in (None, 1, 7):
        same_frame(plain, td.travel_time_matrix(client, XUCHANG, profile=profile,
                                                block_size=block, model=model))


def test_matrix_scenario_and_places(client, xuchang):
    sc = xuchang.scenario(2020, closures=["G4 京港澳高速"])
    plain = sc.travel_time_matrix("region:xuchang", "zz_center;airport_center")
    dist = td.travel_time_matrix(client, xuchang, "region:xuchang", "zz_center;airport_center",
                                 year=2020, closures=["G4 京港澳高速"], block_size=2)
    same_frame(plain, dist)
    # a closure that changes times: the scenario reached the workers
    assert not plain["travel_time"].equals(
        xuchang.travel_time_matrix("region:xuchang", "zz_center;airport_center")["travel_time"])


@pytest.mark.parametrize("profile", ["car", "transit"])
def test_matrix_sao_paulo(client, sao_paulo, sao_paulo_dir, profile):
    plain = sao_paulo.travel_time_matrix(profile=profile, model="frequency")
    assert len(plain) > 100_000
    same_frame(plain, td.travel_time_matrix(client, sao_paulo_dir, profile=profile,
                                            model="frequency"))


def test_timetable_matrix_sao_paulo(client, sao_paulo, sao_paulo_dir):
    """The timetable matrix (range RAPTOR over a window, three percentiles)
    in origin blocks equals the single-process frame, attrs included, and
    the window's percentiles differ (else the columns could be swapped
    without notice)."""
    kw = dict(profile="transit", depart="07:30", window=20, percentiles=[10, 50, 90])
    origins = ";".join(sao_paulo.nodes().query("kind == 'zone'")["id"][:60])
    plain = sao_paulo.travel_time_matrix(origins, None, **kw)
    assert plain["travel_time_p50"].notna().sum() > 1000
    assert (plain["travel_time_p90"] > plain["travel_time_p10"]).any()
    for block in (None, 7):
        same_frame(plain, td.travel_time_matrix(client, sao_paulo_dir, origins, None,
                                                block_size=block, **kw))


def test_timetable_matrix_xuchang(client, xuchang):
    plain = xuchang.travel_time_matrix(profile="transit", depart="07:00", window=60)
    assert plain["travel_time_p50"].notna().sum() > 10
    same_frame(plain, td.travel_time_matrix(client, XUCHANG, profile="transit",
                                            depart="07:00", window=60, block_size=5))
    with pytest.raises(ValueError):
        td.travel_time_matrix(client, XUCHANG, profile="car", depart="07:00")


def sao_paulo_points(ds):
    """A GeoDataFrame of 9 points off the zones (one row a node id) and a
    list of 4 (lon, lat) destinations."""
    import geopandas
    z = ds.nodes().query("kind == 'zone'").reset_index(drop=True)
    picks = z.iloc[2::37]
    ids = [f"p{i}" for i in range(len(picks))]
    ids[3] = picks["id"].iloc[3]
    gdf = geopandas.GeoDataFrame(
        {"id": ids}, geometry=geopandas.points_from_xy(picks["lon"] + 0.0013,
                                                       picks["lat"] - 0.0008),
        crs="EPSG:4326")
    dests = [(lon - 0.0011, lat + 0.0007) for lon, lat in zip(z["lon"][5::80], z["lat"][5::80])]
    return gdf, dests, z["id"].tolist()[::23]


@pytest.mark.parametrize("kw", [dict(profile="car"),
                                dict(profile="transit", model="frequency"),
                                dict(profile="transit", depart="07:30", window=10,
                                     percentiles=[10, 50, 90]),
                                dict(profile="park_and_ride", depart="07:30", window=10,
                                     percentiles=[50, 90], drive_budget=20)])
def test_matrix_points_sao_paulo(client, sao_paulo, sao_paulo_dir, kw):
    """Points split into origin blocks like node ids: the frame equals the
    single-process call's, from points to points, to node ids and from
    node ids to points."""
    gdf, dests, zids = sao_paulo_points(sao_paulo)
    col = "travel_time" if "model" in kw or kw["profile"] == "car" else "travel_time_p50"
    for o, d in ((gdf, dests), (gdf, zids), (zids[:10], dests)):
        plain = sao_paulo.travel_time_matrix(o, d, **kw)
        assert plain[col].notna().sum() >= len(plain) // 3
        for block in (None, 2):
            same_frame(plain, td.travel_time_matrix(client, sao_paulo_dir, o, d,
                                                    block_size=block, **kw))
    with pytest.raises(ValueError, match="compute=False"):
        td.travel_time_matrix(client, sao_paulo_dir, gdf, dests, compute=False)


def test_matrix_dask_dataframe(client, sao_paulo, sao_paulo_dir):
    plain = sao_paulo.travel_time_matrix()
    lazy = td.travel_time_matrix(client, sao_paulo_dir, block_size=40, compute=False)
    assert lazy.npartitions == -(-plain["from_id"].nunique() // 40)
    assert lazy.known_divisions
    got = lazy.compute()
    got.attrs.update(plain.attrs)  # a dask DataFrame carries no attrs
    same_frame(plain, got)
    # reductions run on the workers
    assert lazy["travel_time"].max().compute() == plain["travel_time"].max()


# ---------------------------------------------------------- accessibility
# every block builds the profile's graph and hierarchy (long for transit):
# few blocks
@pytest.mark.parametrize("profile,cutoffs,blocks,model",
                         [("car", (2, 4, 8), (None, 40), "timetable"),
                          ("transit", (10, 20, 30), (170,), "frequency"),
                          ("transit", (10, 20, 30), (None, 170), "timetable")])
def test_accessibility_sao_paulo(client, sao_paulo, sao_paulo_dir, profile, cutoffs, blocks,
                                 model):
    plain = sao_paulo.accessibility("jobs", cutoffs=cutoffs, profile=profile, model=model)
    assert plain.attrs["model"] == ("network" if profile == "car" else model)
    # not trivial: some zone reaches less than everything within the cutoffs
    assert (plain.iloc[:, 0] < plain.attrs["total"]).any()
    assert plain.iloc[:, 0].nunique() > 10
    for block in blocks:
        same_frame(plain, td.accessibility(client, sao_paulo_dir, "jobs", cutoffs=cutoffs,
                                           profile=profile, block_size=block, model=model))


def test_accessibility_takes_the_plan_defaults(client, sao_paulo_dir, tmp_path):
    """The cluster's accessibility by the timetable takes the options it is
    not given from the plan's first [commute] group, as the single-process
    call does: in a copy of the São Paulo folder whose group departs 06:40
    over a 3-minute window with 10-minute walks, both frames say so (the
    oracle: the values this test wrote) and are equal; a keyword overrides
    its key alone."""
    folder = tmp_path / "spo"
    shutil.copytree(sao_paulo_dir, folder)
    with open(folder / "plan.ini", "a", encoding="utf-8") as f:
        f.write("\n[commute work]\norigins = kind:zone\ndestinations = kind:zone\n"
                "profiles = transit\nbudget_min = 45\ndepart = 06:40\nwindow = 3\n"
                "max_walk = 10\n")
    plain = tnet.Dataset(str(folder)).accessibility("jobs", cutoffs=(20, 40),
                                                    profile="transit")
    assert (plain.attrs["depart"], plain.attrs["window_min"],
            plain.attrs["max_walk_min"]) == ("06:40", 3, 10)
    dist = td.accessibility(client, str(folder), "jobs", cutoffs=(20, 40), profile="transit")
    same_frame(plain, dist)
    later = td.accessibility(client, str(folder), "jobs", cutoffs=(20, 40), profile="transit",
                             depart="07:05")
    assert (later.attrs["depart"], later.attrs["window_min"],
            later.attrs["max_walk_min"]) == ("07:05", 3, 10)
    same_frame(tnet.Dataset(str(folder)).accessibility("jobs", cutoffs=(20, 40),
                                                       profile="transit", depart="07:05"),
               later)


def test_accessibility_error_reaches_the_client(client):
    with pytest.raises(tnet.Error, match="zones.csv"):
        td.accessibility(client, XUCHANG, "jobs")


# ------------------------------------------------------------ criticality
@pytest.mark.parametrize("by,profile", [("link", "car"), ("line", "car"),
                                        ("link", "transit"), ("line", "park_and_ride")])
def test_criticality_xuchang(client, xuchang, by, profile):
    plain = xuchang.criticality("region:xuchang", "region:zhengzhou", by=by, profile=profile,
                                top=10_000)
    assert len(plain) > 2
    # 100 blocks: more than the elements with a loss, so some blocks are empty
    for blocks in (None, 1, 3, 7, 100):
        same_frame(plain, td.criticality(client, XUCHANG, "region:xuchang", "region:zhengzhou",
                                         by=by, profile=profile, top=10_000, blocks=blocks))
    # the plan's defaults (budget, top) are read on the workers
    same_frame(xuchang.criticality("region:xuchang", "region:zhengzhou", by=by,
                                   profile=profile),
               td.criticality(client, XUCHANG, "region:xuchang", "region:zhengzhou", by=by,
                              profile=profile))


# transit on the frequency approximation's graph (many elements with a
# loss), and by the timetable (the default; element blocks of the RAPTOR
# scan)
@pytest.mark.parametrize("profile,model", [("car", "timetable"), ("transit", "frequency"),
                                           ("transit", "timetable")])
def test_criticality_sao_paulo(client, sao_paulo, sao_paulo_dir, profile, model):
    a, b = region_zones(sao_paulo, "west", 12), region_zones(sao_paulo, "east", 12)
    plain = sao_paulo.criticality(a, b, profile=profile, budget=20, top=100_000, model=model)
    assert plain.attrs["pairs"] == 144
    assert len(plain) > 50 or model == "timetable" and profile == "transit"
    same_frame(plain, td.criticality(client, sao_paulo_dir, a, b, profile=profile, budget=20,
                                     top=100_000, blocks=5, model=model))


# ------------------------------------------------------------ uncertainty
def test_report_uncertainty(client, xuchang):
    plain = json.loads(xuchang._c.report_json(2025, [], draws=12, seed=5))
    for block in (None, 1, 5):
        assert td.report_uncertainty(client, XUCHANG, 12, seed=5, block_size=block) == plain
    # the draws do change with the seed (the comparison above can fail)
    assert td.report_uncertainty(client, XUCHANG, 12, seed=6) != plain
    base = json.loads(xuchang._c.report_json(2025, []))
    assert base != plain


def test_report_uncertainty_one_column(client, xuchang):
    plain = json.loads(xuchang._c.report_json(2020, [], baseline=2020, draws=6, seed=2))
    assert td.report_uncertainty(client, xuchang, 6, seed=2, year=2020,
                                 block_size=4) == plain


# ------------------------------------------------------- loaded once, kill
def test_folders_loaded_once_per_worker(client):
    td.travel_time_matrix(client, XUCHANG, block_size=1)
    loads = client.run(td.worker_datasets)
    assert len(loads) == 2
    for per_worker in loads.values():
        assert per_worker.get(os.path.abspath(XUCHANG)) == 1
        assert all(n == 1 for n in per_worker.values())


def test_killed_worker(client, xuchang):
    """Kills one worker process while it holds draw blocks: Dask runs them
    again elsewhere and the report is the single-process one."""
    plain = json.loads(xuchang._c.report_json(2025, [], draws=30, seed=9))
    client.wait_for_workers(2)
    pids = client.run(os.getpid)
    out = {}

    def run():
        try:
            out["report"] = td.report_uncertainty(client, XUCHANG, 30, seed=9, block_size=1)
        except BaseException as e:  # reported by the assertion below
            out["error"] = e

    worker = threading.Thread(target=run)
    worker.start()
    victim, held = None, 0
    deadline = time.monotonic() + 60
    while victim is None and time.monotonic() < deadline:
        busy = {w: [k for k in keys if "_draws_block" in str(k)]
                for w, keys in client.processing().items()}
        done = client.run_on_scheduler(
            lambda dask_scheduler: sum(1 for k, ts in dask_scheduler.tasks.items()
                                       if "_draws_block" in str(k) and ts.state == "memory"))
        if done >= 2:
            for w, keys in busy.items():
                if keys and w in pids:
                    victim, held = w, len(keys)
                    break
        time.sleep(0.005)
    assert victim is not None, "no worker was busy with draw blocks"
    os.kill(pids[victim], signal.SIGKILL)
    worker.join(240)
    assert not worker.is_alive()
    assert "error" not in out, out.get("error")
    assert held >= 1
    assert out["report"] == plain
    # the nanny started a new process in place of the killed one
    client.wait_for_workers(2, timeout=60)
    assert pids[victim] not in client.run(os.getpid).values()
