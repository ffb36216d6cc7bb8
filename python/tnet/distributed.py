"""tnet on a Dask cluster: travel-time matrices, accessibility, criticality
scans and uncertainty draws split into tasks of ``dask.distributed``.

Each function takes a :class:`dask.distributed.Client` and the path of a
network folder as the workers see it (a shared or copied folder; a relative
path is made absolute on the client), cuts the work into blocks — origins,
failed elements, draws — and runs every block on a worker with the same C
kernels as the single-process call. A worker process opens a folder once
and keeps it for every later task (:func:`worker_datasets`). The result is
the single-process result, value for value:

========================================  ===========================================
``travel_time_matrix(client, path, ...)``  ``Dataset(path).scenario(year, closures)``
                                           ``.travel_time_matrix(...)``
``accessibility(client, path, ...)``       ``Scenario.accessibility(...)``
``criticality(client, path, a, b, ...)``   ``Scenario.criticality(a, b, ...)``
``report_uncertainty(client, path, ...)``  ``tnet report --uncertainty N --seed S``
                                           (``Dataset._c.report_json(draws=N, seed=S)``)
========================================  ===========================================

Blocks are independent, so Dask retries the blocks of a worker that dies
and the result does not change. Reductions run on a worker: the client
receives the ranked criticality rows and the report with its percentiles,
not the per-block data; the matrix comes back whole unless
``compute=False`` asks for a dask DataFrame (one partition per origin
block). See docs/distributed.md.

Needs ``dask.distributed`` (Debian python3-distributed), imported when a
function is called.
"""
import json
import math
import os
import warnings

import numpy as np
import pandas as pd

from . import _frames
from ._frames import (DEFAULT_YEAR, NO_FEED_NOTE, Dataset, _check_frequency, _check_model,
                      _clock_seconds, _code_type, _codes, _date_number, _has_points,
                      _is_geodataframe, _park_ride_attrs, _park_ride_kwargs, _point_frame,
                      _repeat_each, _timetable_frame)

__all__ = ["travel_time_matrix", "accessibility", "criticality", "report_uncertainty",
           "worker_datasets"]

#: the matrix cells of one block at most (float64: 64 MB)
MAX_BLOCK_CELLS = 8_000_000
#: blocks per worker thread by default: enough to balance, few enough that
#: each block's fixed cost (the base report, the base searches) stays small
#: beside its work
BLOCKS_PER_THREAD = 2
#: the same for matrix and accessibility blocks, whose fixed cost (the
#: profile's graph and, for many-to-many, its contraction hierarchy, built
#: again by every block) is often most of the work (bench/README.md, "Dask")
MATRIX_BLOCKS_PER_THREAD = 1

# ---------------------------------------------------------------- workers
# The folders a worker process has opened, by path: each task reads its
# dataset from here, so a folder is loaded once per process (not per task).
_datasets = {}
_loads = {}


def _dataset(path):
    ds = _datasets.get(path)
    if ds is None:
        ds = Dataset(path)
        _datasets[path] = ds
        _loads[path] = _loads.get(path, 0) + 1
    return ds


def worker_datasets():
    """In a worker (``client.run(tnet.distributed.worker_datasets)``): the
    folders this process has opened and how many times each was loaded
    (1 unless the process lost it)."""
    return dict(_loads)


def _resolve(path, year, closures, places):
    """The node ids of *places* (a spec or node ids), as a block takes them;
    points stay as they are (travel_time_matrix() splits them itself)."""
    if _has_points(places):
        return places
    ds = _dataset(path)
    return ds._c.select(ds.scenario(year, closures)._places(places))


def _matrix_block(path, year, closures, origins, destinations, profile, method):
    r = _dataset(path)._c.commute(year, list(closures), origins, destinations, [profile], 0.0,
                                  method=method, parts=False)
    return r["minutes"][0], r["methods"][0]


def _matrix_frame(path, year, closures, origins, all_origins, destinations, profile, method,
                  offset):
    minutes, _ = _matrix_block(path, year, closures, origins, destinations, profile, method)
    return _long_frame(minutes, origins, all_origins, destinations, offset)


def _long_frame(minutes, origins, all_origins, destinations, offset):
    """The rows of *origins* (consecutive in *all_origins* from *offset*) in
    the long form of Scenario.travel_time_matrix()."""
    first = offset // max(len(destinations), 1)
    codes = np.arange(first, first + len(origins), dtype=_code_type(all_origins))
    frame = pd.DataFrame({
        "from_id": _codes(_repeat_each(codes, len(destinations)), all_origins),
        "to_id": _codes(np.tile(np.arange(len(destinations), dtype=_code_type(destinations)),
                                len(origins)), destinations),
        "travel_time": minutes.reshape(-1),
    }, copy=False)
    frame.index = pd.RangeIndex(offset, offset + len(frame))
    return frame


def _timetable_block(path, year, closures, origins, destinations, depart_s, window, pcts,
                     max_walk, day, seed, park_ride=None):
    r = _dataset(path)._c.timetable_matrix(year, list(closures), origins, destinations,
                                           depart_s, window, pcts, max_walk_min=max_walk,
                                           date=day, frequency_seed=seed, **(park_ride or {}))
    return r["minutes"], r["feed"], r["date"]


def _feed_path(path, year):
    return _dataset(path)._c.feed_path(int(year))


def _by_timetable(client, path, year, profile, model):
    """Whether *profile* follows the timetable, as
    ``Scenario._by_timetable()`` decides it (the folder's feed looked up on
    a worker; without one the same warning, on the client)."""
    if profile not in ("transit", "park_and_ride"):
        return False
    _check_model(model)
    if model == "frequency":
        return False
    if client.submit(_feed_path, path, year, pure=False).result() is not None:
        return True
    warnings.warn(NO_FEED_NOTE, stacklevel=3)
    return False


def _point_block(path, year, closures, origins, destinations, profile, timetable):
    """The matrix of Scenario.travel_time_matrix() from the origins of one
    block to every destination when either holds points: (minutes, origin
    labels, destination labels, feed, date); *timetable* None for the
    network's times, else the keyword arguments of
    Scenario._point_timetable()."""
    sc = _dataset(path).scenario(year, closures)
    if timetable is None:
        o, oi = sc._point_places(origins)
        dd, di = sc._point_places(destinations)
        oi, di = sc._with_fallback(oi), sc._with_fallback(di)
        return sc.dataset._c.point_matrix(year, list(closures), oi, di, profile), o, dd, None, None
    r = sc._point_timetable(origins, destinations, **timetable)
    return r["minutes"], r["origins"], r["destinations"], r["feed"], r["date"]


def _accessibility_block(path, year, closures, opportunities, cutoffs, profile, population,
                         origins, timetable=None):
    return _dataset(path)._c.accessibility(year, list(closures), opportunities, cutoffs,
                                           profile=profile, population=population,
                                           origins=origins, **(timetable or {}))


def _commute_timing(path):
    """The timetable defaults of the folder at *path*, as
    ``Scenario._timing()`` resolves them (``Dataset._c.commute_timing()``)."""
    return _dataset(path)._c.commute_timing()


def _plan_values(path, keys):
    c = _dataset(path)._c
    return {k: c.plan_value(k) for k in keys}


def _criticality_block(path, year, closures, a, b, by, profile, budget, top, options, n_blocks,
                       block):
    scen = _frames.Scenario(_dataset(path), year, closures)
    return scen._criticality_raw(a, b, by, profile, budget, top, 1, None, element_blocks=n_blocks,
                                 element_block=block, **options)


def _criticality_merge(by, top, *blocks):
    """The items of every element block, ranked and framed as
    Scenario.criticality() frames them."""
    return _frames._criticality_frame(by, top, list(blocks))


def _draws_block(path, year, closures, baseline, first, count, seed):
    return _dataset(path)._c.report_draws(year, list(closures), baseline, first, count,
                                          seed=seed, threads=1)


def _draws_reduce(path, year, closures, baseline, *blocks):
    return _dataset(path)._c.report_json_draws(year, list(closures), baseline,
                                               np.vstack(blocks))


# ----------------------------------------------------------------- client
def _distributed():
    try:
        import distributed
    except ImportError as e:  # pragma: no cover - depends on the machine
        raise ImportError("tnet.distributed needs dask.distributed (Debian: "
                          "python3-distributed; tools/install-deps.sh installs it)") from e
    return distributed


def _path(dataset):
    if isinstance(dataset, Dataset):
        dataset = dataset.path
    return os.path.abspath(os.fspath(dataset))


def _threads(client):
    """The worker threads of the cluster (at least 1)."""
    info = client.scheduler_info().get("workers", {})
    return max(1, sum(w.get("nthreads", 1) for w in info.values()))


def _blocks(n, block_size):
    """[first, end) ranges of *block_size* items over n items."""
    return [(i, min(i + block_size, n)) for i in range(0, n, max(block_size, 1))]


def _default_block(n_items, client, cap=None, per_thread=BLOCKS_PER_THREAD):
    """Items per block: *per_thread* blocks per worker thread, at most *cap*
    items each."""
    size = math.ceil(n_items / (per_thread * _threads(client))) if n_items else 1
    if cap is not None:
        size = min(size, max(cap, 1))
    return max(size, 1)


def _submit(client, fn, *args, **kwargs):
    # pure=False: a block is a computation, never shared with another call's
    return client.submit(fn, *args, pure=False, **kwargs)


def travel_time_matrix(client, dataset, origins=None, destinations=None, profile="car",
                       year=DEFAULT_YEAR, closures=(), method="auto", block_size=None,
                       compute=True, depart=None, window=None, percentiles=None,
                       max_walk=None, date=None, frequency_seed=0, drive_budget=None,
                       park_time=None, parking_radius=None, model="timetable"):
    """The travel-time matrix of :meth:`tnet.Scenario.travel_time_matrix`
    (by car and ``model="frequency"``: ``from_id, to_id, travel_time`` in
    minutes, NaN when not reached; origins and destinations default to
    every zone) computed on the
    cluster of *client*, in blocks of *block_size* origins (default: one
    block per worker thread, at most MAX_BLOCK_CELLS cells each). Every
    block runs the single-process kernel on its origins and every
    destination (the method follows the destinations alone, so it is the
    same in every block), so the frame equals the single-process one value
    for value, attrs included.

    With ``compute=False``, returns a dask DataFrame instead, one partition
    per origin block (index: the row numbers of the whole matrix, known
    divisions), left on the workers until computed.

    Transit and park_and_ride follow the timetable by default, as the
    single-process call (``model="timetable"``; ``model="frequency"`` or a
    folder without a feed, with the same warning: the frequency
    approximation): every block runs the timetable matrix of the
    single-process call (range RAPTOR over *window* minutes from *depart*;
    the same *max_walk*, *date*, *frequency_seed* and park-and-ride
    options, each not given taking the single-process call's default: the
    plan's first ``[commute]`` group's key when that group has ``depart``,
    else the built-in one) on its origins, and the frame has a column
    ``travel_time_pNN`` per percentile (default 50), as
    :meth:`tnet.Scenario.travel_time_matrix` gives it (``compute=False`` is
    not offered there).

    Origins and destinations may hold points (a GeoDataFrame, or (lon, lat)
    tuples), as :meth:`tnet.Scenario.travel_time_matrix` takes them: the
    origins are split into blocks (GeoDataFrame rows or list items, in
    order), each block runs the single-process point matrix against every
    destination (by the network, or by the timetable for
    ``profile="transit"`` or ``"park_and_ride"`` with *drive_budget*,
    *park_time* and *parking_radius*), and the frame equals
    the single-process one (``compute=False`` is not offered for points).
    """
    _distributed()
    path = _path(dataset)
    closures = list(closures or ())
    ids = client.submit(_resolve, path, year, closures,
                        "kind:zone" if origins is None else origins, pure=False)
    dids = client.submit(_resolve, path, year, closures,
                         "kind:zone" if destinations is None else destinations, pure=False)
    o, d = client.gather([ids, dids])
    if profile == "car":
        if depart is not None or percentiles is not None:
            raise ValueError("depart and percentiles are for profile='transit' or "
                             "'park_and_ride' (the timetable)")
        timetable = False
    else:
        _check_model(model)
        _check_frequency(model, depart, window, percentiles, date)
        timetable = _by_timetable(client, path, year, profile, model)
    if timetable:
        timing = client.submit(_commute_timing, path, pure=False).result()
        given = dict(depart=depart, window=window, max_walk=max_walk, date=date,
                     drive_budget=drive_budget, park_time=park_time,
                     parking_radius=parking_radius)
        t = {k: v if v is not None else timing[k] for k, v in given.items()}
        depart, window, max_walk, date = t["depart"], t["window"], t["max_walk"], t["date"]
        drive_budget, park_time = t["drive_budget"], t["park_time"]
        parking_radius = t["parking_radius"]
    if _has_points(o) or _has_points(d):
        return _point_matrix(client, path, year, closures, o, d, profile, block_size, compute,
                             timetable, depart, window, percentiles, max_walk, date,
                             frequency_seed, drive_budget, park_time, parking_radius)
    if timetable:
        if not compute:
            raise ValueError("compute=False is not offered for the timetable matrix")
        pr = _park_ride_kwargs(profile, drive_budget, park_time, parking_radius)
        return _timetable_matrix(client, path, year, closures, o, d, depart or "08:00",
                                 int(window), [50] if percentiles is None else percentiles,
                                 int(max_walk), date, int(frequency_seed), block_size, pr)
    if block_size is None:
        block_size = _default_block(len(o), client, MAX_BLOCK_CELLS // max(len(d), 1),
                                    MATRIX_BLOCKS_PER_THREAD)
    ranges = _blocks(len(o), int(block_size))
    if not compute:
        import dask.dataframe as dd
        parts = [_submit(client, _matrix_frame, path, year, closures, o[i:j], o, d, profile,
                         method, i * len(d)) for i, j in ranges]
        meta = _long_frame(np.empty((0, len(d))), [], o, d, 0)
        return dd.from_delayed(parts, meta=meta,
                               divisions=[i * len(d) for i, _ in ranges]
                               + [len(o) * len(d) - 1], verify_meta=False)
    futures = [_submit(client, _matrix_block, path, year, closures, o[i:j], d, profile, method)
               for i, j in ranges]
    blocks = client.gather(futures)
    minutes = np.vstack([m for m, _ in blocks]) if blocks else np.empty((0, len(d)))
    frame = _long_frame(minutes, o, o, d, 0)
    frame.index = pd.RangeIndex(len(frame))
    frame.attrs.update(scenario=int(year), profile=profile,
                       method=blocks[0][1] if blocks else method)
    if profile != "car":
        frame.attrs["model"] = "frequency"
    return frame


def _timetable_matrix(client, path, year, closures, o, d, depart, window, percentiles,
                      max_walk, date, seed, block_size, park_ride=None):
    pcts = [float(p) for p in percentiles]
    depart_s, day = _clock_seconds(depart), _date_number(date)
    if block_size is None:
        # range queries per origin: the work splits evenly, there is no
        # per-block build to amortise
        block_size = _default_block(len(o), client,
                                    MAX_BLOCK_CELLS // max(len(d) * len(pcts), 1))
    futures = [_submit(client, _timetable_block, path, year, closures, o[i:j], d, depart_s,
                       window, pcts, max_walk, day, seed, park_ride)
               for i, j in _blocks(len(o), int(block_size))]
    blocks = client.gather(futures)
    minutes = (np.concatenate([m for m, _, _ in blocks], axis=1) if blocks
               else np.empty((len(pcts), 0, len(d))))
    feed, day_text = (blocks[0][1], blocks[0][2]) if blocks else (None, None)
    r = {"origins": o, "destinations": d, "minutes": minutes, "feed": feed, "date": day_text}
    if park_ride:
        return _timetable_frame(r, pcts, int(year), depart, window, "park_and_ride",
                                _park_ride_attrs(park_ride))
    return _timetable_frame(r, pcts, int(year), depart, window)


def _point_matrix(client, path, year, closures, o, d, profile, block_size, compute, by_tt,
                  depart, window, percentiles, max_walk, date, seed, drive_budget, park_time,
                  parking_radius):
    """travel_time_matrix() when the origins or destinations hold points:
    blocks of origins (_point_block()), the frame built once on the client
    as the single-process call builds it."""
    if not compute:
        raise ValueError("compute=False is not offered for points")
    timetable = None
    pr = {}
    if by_tt:
        pr = _park_ride_kwargs(profile, drive_budget, park_time, parking_radius)
        pcts = [float(p) for p in ([50] if percentiles is None else percentiles)]
        depart = depart or "08:00"
        timetable = dict(depart_s=_clock_seconds(depart), window=int(window), pcts=pcts,
                         max_walk=int(max_walk), day=_date_number(date),
                         frequency_seed=int(seed), progress=None, park_ride=pr)
    n = len(o)
    per_row = max(len(d), 1) * (len(timetable["pcts"]) if timetable else 1)
    if block_size is None:
        block_size = _default_block(n, client, MAX_BLOCK_CELLS // per_row)
    take = (lambda i, j: o.iloc[i:j]) if _is_geodataframe(o) else (lambda i, j: list(o)[i:j])
    futures = [_submit(client, _point_block, path, year, closures, take(i, j), d, profile,
                       timetable)
               for i, j in _blocks(n, int(block_size))]
    blocks = client.gather(futures)
    labels = [x for b in blocks for x in b[1]]
    dlabels = blocks[0][2] if blocks else []
    if timetable is None:
        minutes = (np.vstack([b[0] for b in blocks]) if blocks
                   else np.empty((0, len(dlabels))))
        return _point_frame(minutes, labels, dlabels, int(year), profile)
    pcts = timetable["pcts"]
    minutes = (np.concatenate([np.asarray(b[0]) for b in blocks], axis=1) if blocks
               else np.empty((len(pcts), 0, len(dlabels))))
    r = {"origins": labels, "destinations": dlabels, "minutes": minutes,
         "feed": blocks[0][3] if blocks else None, "date": blocks[0][4] if blocks else None}
    if pr:
        return _timetable_frame(r, pcts, int(year), depart, window, "park_and_ride",
                                _park_ride_attrs(pr))
    return _timetable_frame(r, pcts, int(year), depart, window)


def accessibility(client, dataset, opportunities, cutoffs=(30, 45, 60), profile="car",
                  population=None, year=DEFAULT_YEAR, closures=(), block_size=None,
                  model="timetable", depart=None, window=None, percentile=None,
                  max_walk=None, date=None, frequency_seed=0, drive_budget=None,
                  park_time=None, parking_radius=None):
    """:meth:`tnet.Scenario.accessibility` (cumulative opportunities per zone
    of zones.csv within each cutoff) on the cluster: blocks of *block_size*
    origin zones (default: one block per worker thread), each against
    every zone; the population-weighted means are then summed over all the
    rows in zone order, as the library sums them, so the frame and its
    attrs equal the single-process ones. Transit and park_and_ride follow
    the timetable unless ``model="frequency"``, or the folder has no feed
    (then with the same warning), with the single-process options
    (*depart*, *window*, *percentile*, *max_walk*, *date*,
    *frequency_seed*, *drive_budget*, *park_time*, *parking_radius*), each
    not given taking the single-process default: the plan's first
    ``[commute]`` group's key when that group has ``depart``, else the
    built-in one (08:00, the feed's busiest day, window 0, walks of 15
    minutes, park-and-ride's 30 / 5 / 400; the percentile 50)."""
    _distributed()
    path = _path(dataset)
    closures = list(closures or ())
    cutoffs = [float(c) for c in cutoffs]
    timetable = None
    pr = {}
    if profile == "car":
        if (depart is not None or percentile is not None or date is not None or window
                or max_walk is not None):
            raise ValueError("depart, window, percentile, max_walk and date are for "
                             "profile='transit' or 'park_and_ride' (the timetable)")
    else:
        _check_model(model)
        _check_frequency(model, depart, window, percentile, date)
    if profile != "car" and _by_timetable(client, path, year, profile, model):
        timing = client.submit(_commute_timing, path, pure=False).result()
        given = dict(depart=depart, window=window, max_walk=max_walk, date=date,
                     drive_budget=drive_budget, park_time=park_time,
                     parking_radius=parking_radius)
        t = {k: v if v is not None else timing[k] for k, v in given.items()}
        depart, window, max_walk = t["depart"] or "08:00", int(t["window"]), int(t["max_walk"])
        pr = _park_ride_kwargs(profile, t["drive_budget"], t["park_time"], t["parking_radius"])
        percentile = 50.0 if percentile is None else float(percentile)
        timetable = dict(depart_s=_clock_seconds(depart), window_min=window,
                         percentile=percentile, max_walk_min=max_walk,
                         date=_date_number(t["date"]), frequency_seed=int(frequency_seed),
                         **{k: v for k, v in pr.items() if k != "park_ride"})
    head = client.submit(_accessibility_block, path, year, closures, opportunities, cutoffs,
                         profile, population, [], timetable, pure=False).result()
    zones = head["all_zones"]
    if block_size is None:
        block_size = _default_block(len(zones), client, MAX_BLOCK_CELLS // max(len(zones), 1),
                                    MATRIX_BLOCKS_PER_THREAD)
    futures = [_submit(client, _accessibility_block, path, year, closures, opportunities,
                       cutoffs, profile, population, zones[i:j], timetable)
               for i, j in _blocks(len(zones), int(block_size))]
    blocks = client.gather(futures)
    nc = len(head["cutoffs_min"])
    values = np.vstack([b["values"] for b in blocks]) if blocks else np.empty((0, nc))
    weights = None
    if blocks and blocks[0]["population"] is not None:
        weights = np.concatenate([b["population"] for b in blocks])
    means = []
    for c in range(nc):
        # the order and arithmetic of tnet_accessibility_from_matrix()
        wsum = 0.0
        total = 0.0
        for z in range(values.shape[0]):
            w = float(weights[z]) if weights is not None else 1.0
            wsum += w
            total += w * float(values[z, c])
        means.append(total / wsum if wsum > 0 else float("nan"))
    cols = [f"within_{c:g}_min" for c in head["cutoffs_min"]]
    frame = pd.DataFrame(values, index=pd.Index(zones, name="id"), columns=cols)
    model = "network" if profile == "car" else "timetable" if timetable else "frequency"
    frame.attrs.update(opportunities=opportunities, profile=head["profile"],
                       model=model, total=head["total"],
                       cutoffs_min=list(head["cutoffs_min"]),
                       mean_population_weighted=means)
    if timetable:
        frame.attrs.update(depart=depart, window_min=window, percentile=percentile,
                           max_walk_min=max_walk)
        if pr:
            frame.attrs["park_and_ride"] = _park_ride_attrs(pr)
        frame.attrs.update(feed=head["feed"], date=head["date"])
    return frame


def criticality(client, dataset, a, b, by="link", profile="car", budget=None, top=None,
                year=DEFAULT_YEAR, closures=(), blocks=None, model="timetable", depart=None,
                window=None, percentile=None, max_walk=None, date=None, drive_budget=None,
                park_time=None, parking_radius=None):
    """:meth:`tnet.Scenario.criticality` (single failures ranked by their
    loss from *a* to *b*) on the cluster: the failed elements (links or
    lines) are split into *blocks* blocks (default: two per worker thread;
    element e goes to block e mod *blocks*), each scanned by one task on
    one thread; every block repeats the base search of each origin. The
    blocks' rows are merged and ranked on a worker, and the client gets the
    top rows: the frame of the single-process call, attrs included
    (``candidates`` is the sum over the blocks, each element being in one).
    Transit and park_and_ride follow the timetable as there, with the same
    options (*model*, *depart*, ... *parking_radius*)."""
    if by not in ("link", "line"):
        raise ValueError(f"by: expected 'link' or 'line', got {by!r}")
    _distributed()
    path = _path(dataset)
    closures = list(closures or ())
    if budget is None or top is None:
        plan = client.submit(_plan_values, path, ["budget_min", "top"], pure=False).result()
        budget = plan["budget_min"] if budget is None else budget
        top = plan["top"] if top is None else top
    n = int(blocks) if blocks is not None else BLOCKS_PER_THREAD * _threads(client)
    if n < 1:
        raise ValueError(f"blocks: expected 1 or more, got {blocks!r}")
    options = dict(model=model, depart=depart, window=window, percentile=percentile,
                   max_walk=max_walk, date=date, drive_budget=drive_budget, park_time=park_time,
                   parking_radius=parking_radius)
    parts = [_submit(client, _criticality_block, path, year, closures, str(a), str(b), by,
                     profile or "car", float(budget), int(top), options, n, k)
             for k in range(n)]
    return _submit(client, _criticality_merge, by, int(top), *parts).result()


def report_uncertainty(client, dataset, draws, seed=1, year=DEFAULT_YEAR, closures=(),
                       baseline=2020, block_size=None):
    """The plan-indicator report with the uncertainty of *draws* perturbed
    networks (``tnet report --uncertainty DRAWS --seed SEED``; the library's
    tnet_report_compute_uncertain()) on the cluster: blocks of *block_size*
    draws (default: two blocks per worker thread), each returning its
    indicator values; a worker puts them together in draw order and
    computes the percentiles and pass probabilities. Draw d depends on the
    seed and d alone, so the report — returned as the dict of its JSON — is
    the single-process one for the same seed."""
    if int(draws) < 1:
        raise ValueError(f"draws: expected 1 or more, got {draws!r}")
    _distributed()
    path = _path(dataset)
    closures = list(closures or ())
    draws = int(draws)
    if block_size is None:
        block_size = _default_block(draws, client)
    parts = [_submit(client, _draws_block, path, int(year), closures, int(baseline), i, j - i,
                     int(seed))
             for i, j in _blocks(draws, int(block_size))]
    text = _submit(client, _draws_reduce, path, int(year), closures, int(baseline),
                   *parts).result()
    return json.loads(text)
