"""Datasets and scenarios: the pandas and GeoPandas face of tnet._tnet."""
import json
import os
import tempfile
import warnings

import numpy as np
import pandas as pd

from . import _tnet

#: TNET_ERROR codes (tnet-core.h) by name; ``Error.code`` is one of them.
ERROR_CODES = {"invalid_input": 1, "io": 2, "not_found": 3, "too_large": 4,
               "igraph": 5, "unsupported": 6, "failed": 7}

DEFAULT_YEAR = 2025


def _is_geodataframe(obj):
    try:
        import geopandas
    except ImportError:  # pragma: no cover - geopandas is optional
        return False
    return isinstance(obj, geopandas.GeoDataFrame)


class Dataset:
    """A network folder (nodes.csv, links.csv, plan.ini, GTFS feeds, ...)
    loaded once (``tnet_dataset_load()``); see docs/data-format.md.

    Every analysis method runs on the scenario of year 2025 without
    closures; :meth:`scenario` gives another one. A Dataset may be shared
    by threads (the library's dataset is immutable once loaded).

    A Dataset keeps the graphs it builds, with the contraction hierarchy
    of a many-to-many matrix, for its last four (year, closures, profile):
    asking again on the same scenario and profile builds nothing (and a
    *progress* function then hears of no build).

    Raises :class:`tnet.Error` when the folder cannot be read or is
    malformed (the message names ``FILE:LINE:COLUMN``).
    """

    def __init__(self, path):
        self._c = _tnet.Dataset(os.fspath(path))
        self._nodes = None

    @classmethod
    def init(cls, path, osm, zones, gtfs=(), region_column=None, name=None,
             progress=None):
        """Builds a network folder at *path* as ``tnet init`` does (roads
        from *osm*, the *gtfs* feeds, *zones* snapped to the street
        network) and loads it.

        *zones* is a CSV or GeoJSON path, or a GeoDataFrame with an ``id``
        column (its geometries' centroids are the zone points; the other
        columns are kept as opportunities). Returns the Dataset; the
        counts of what was built are in ``Dataset.init_stats``.
        """
        path = os.fspath(path)
        tmp = None
        try:
            if _is_geodataframe(zones):
                tmp = tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False,
                                                  encoding="utf-8")
                _zones_to_csv(zones, tmp)
                tmp.close()
                zones_path = tmp.name
            else:
                zones_path = os.fspath(zones)
            stats = _tnet.init(path, os.fspath(osm), [os.fspath(g) for g in gtfs],
                               zones_path, region_column=region_column, name=name,
                               progress=progress)
        finally:
            if tmp is not None:
                os.unlink(tmp.name)
        ds = cls(path)
        ds.init_stats = stats
        return ds

    @property
    def path(self):
        """The folder as given."""
        return self._c.path

    @property
    def name(self):
        """The data set's display name (plan.ini ``[plan] name``, else the
        folder's name)."""
        return self._c.name

    def nodes(self):
        """The network's nodes as a DataFrame (id, name, kind, region, lon,
        lat, population), in the library's node order."""
        if self._nodes is None:
            self._nodes = pd.DataFrame(self._c.nodes())
        return self._nodes

    def scenario(self, year=DEFAULT_YEAR, closures=()):
        """The scenario of *year* (links by status and opening year) with
        *closures* (link ids or line names) closed. Unknown closures and
        years the data do not describe raise :class:`tnet.Error` when the
        scenario is used. A many-to-many matrix under closures customises
        the contraction hierarchy of the year's open graph (its order built
        once per year and profile, then a small fraction of a build per
        closure set) instead of building its own."""
        return Scenario(self, year, closures)

    def _default(self):
        return Scenario(self, DEFAULT_YEAR, ())

    def commute(self, *args, **kwargs):
        """:meth:`Scenario.commute` on the 2025 scenario."""
        return self._default().commute(*args, **kwargs)

    def travel_time_matrix(self, *args, **kwargs):
        """:meth:`Scenario.travel_time_matrix` on the 2025 scenario."""
        return self._default().travel_time_matrix(*args, **kwargs)

    def access_candidates(self, *args, **kwargs):
        """:meth:`Scenario.access_candidates` on the 2025 scenario."""
        return self._default().access_candidates(*args, **kwargs)

    def route(self, *args, **kwargs):
        """:meth:`Scenario.route` on the 2025 scenario."""
        return self._default().route(*args, **kwargs)

    def accessibility(self, *args, **kwargs):
        """:meth:`Scenario.accessibility` on the 2025 scenario."""
        return self._default().accessibility(*args, **kwargs)

    def isochrones(self, *args, **kwargs):
        """:meth:`Scenario.isochrones` on the 2025 scenario."""
        return self._default().isochrones(*args, **kwargs)

    def criticality(self, *args, **kwargs):
        """:meth:`Scenario.criticality` on the 2025 scenario."""
        return self._default().criticality(*args, **kwargs)

    def corridors(self, *args, **kwargs):
        """:meth:`Scenario.corridors` on the 2025 scenario."""
        return self._default().corridors(*args, **kwargs)

    def corridors_document(self, *args, **kwargs):
        """:meth:`Scenario.corridors_document` on the 2025 scenario."""
        return self._default().corridors_document(*args, **kwargs)

    def transfers(self, *args, **kwargs):
        """:meth:`Scenario.transfers` on the 2025 scenario."""
        return self._default().transfers(*args, **kwargs)

    def report(self, *args, **kwargs):
        """:meth:`Scenario.report` on the 2025 scenario."""
        return self._default().report(*args, **kwargs)

    def __repr__(self):
        return f"tnet.Dataset({self.path!r})"


def _zones_to_csv(gdf, f):
    if "id" not in gdf.columns:
        raise ValueError("zones: the GeoDataFrame needs an 'id' column")
    pts = gdf.geometry.centroid if any(gdf.geometry.geom_type != "Point") else gdf.geometry
    table = pd.DataFrame({"id": gdf["id"].astype(str), "lon": pts.x, "lat": pts.y})
    for col in gdf.columns:
        if col not in ("id", "lon", "lat", gdf.geometry.name):
            table[col] = gdf[col].values
    table.to_csv(f, index=False, lineterminator="\n")


def _timetable_frame(r, pcts, year, depart, window, profile="transit", park_ride=None):
    """The long frame of a timetable matrix result *r* (``origins``,
    ``destinations``, ``minutes`` [percentile, origin, destination],
    ``feed``, ``date``): a column ``travel_time_pNN`` per percentile;
    *park_ride* (the park-and-ride options) goes to ``attrs``."""
    o, dd = r["origins"], r["destinations"]
    columns = {
        "from_id": _codes(_repeat_each(np.arange(len(o), dtype=_code_type(o)), len(dd)), o),
        "to_id": _codes(np.tile(np.arange(len(dd), dtype=_code_type(dd)), len(o)), dd),
    }
    for i, p in enumerate(pcts):
        columns[f"travel_time_p{p:g}"] = r["minutes"][i].reshape(-1)
    frame = pd.DataFrame(columns, copy=False)
    frame.attrs.update(scenario=year, profile=profile, model="timetable",
                       feed=r["feed"], date=r["date"], depart=depart, window_min=int(window))
    if park_ride is not None:
        frame.attrs["park_and_ride"] = dict(park_ride)
    return frame


#: The park-and-ride options of the timetable (``tnet commute/route
#: --drive-budget --park-time --parking-radius``) and their defaults.
_PARK_RIDE_DEFAULTS = {"drive_budget": 30, "park_time": 5, "parking_radius": 400}


def _park_ride_kwargs(profile, drive_budget, park_time, parking_radius):
    """The keyword arguments of the C timetable calls for *profile*: none
    for transit, else the park-and-ride options (minutes, minutes,
    metres)."""
    if profile == "transit":
        return {}
    if profile != "park_and_ride":
        raise ValueError(f"profile {profile!r}: the timetable is for profile='transit' "
                         "or 'park_and_ride'")
    return {"park_ride": True, "drive_budget_min": _whole_minutes(drive_budget, "drive_budget"),
            "park_min": _whole_minutes(park_time, "park_time"),
            "parking_radius_m": float(parking_radius)}


def _whole_minutes(value, name):
    """*value* as whole minutes (the command's options are integers)."""
    if float(value) != int(value):
        raise ValueError(f"{name}: expected whole minutes, got {value!r}")
    return int(value)


def _park_ride_attrs(kw):
    """The park-and-ride options of *kw* (_park_ride_kwargs()) as
    ``attrs["park_and_ride"]`` names them: ``drive_budget_min``,
    ``park_time_min`` and ``parking_radius_m``, numbers (the keys of the
    commands' JSON)."""
    return {"drive_budget_min": float(kw["drive_budget_min"]),
            "park_time_min": float(kw["park_min"]),
            "parking_radius_m": float(kw["parking_radius_m"])}


def _park_ride_summary(summary):
    """The library's park-and-ride summary (options and counts) with the
    options under the keys of :func:`_park_ride_attrs`."""
    out = dict(summary)
    if "park_min" in out:
        out["park_time_min"] = out.pop("park_min")
    return out


#: The commands' note when the data folder has no GTFS feed for the
#: scenario year (``tnet commute`` and the others then say it on stderr):
#: transit and park_and_ride fall back to the frequency approximation.
NO_FEED_NOTE = "no GTFS feed in the data folder: transit by the frequency approximation"

#: The transit models: the GTFS timetable (the default, as the commands)
#: or the frequency approximation (``--frequency-model``).
MODELS = ("timetable", "frequency")


def _check_model(model):
    if model not in MODELS:
        raise ValueError(f"model: expected 'timetable' or 'frequency', got {model!r}")


def _check_frequency(model, depart=None, window=0, percentiles=None, date=None):
    """ValueError when the timetable's options come with
    ``model="frequency"``, which has no departure time."""
    if model == "frequency" and (depart is not None or percentiles is not None
                                 or date is not None or window):
        raise ValueError("depart, window, percentiles and date are for the timetable, not "
                         "model='frequency'")


_CRITICALITY_COLUMNS = ["pairs_slower", "pairs_cut", "pairs_out_of_budget", "population_lost",
                        "max_increase_min", "total_increase_min", "worst_from", "worst_to",
                        "before_min", "after_min"]


def _criticality_frame(by, top, blocks):
    """The frame of :meth:`Scenario.criticality` from the C module's scans
    of one or more element blocks (each element in one): their items
    ranked as tnet_criticality_scan() ranks them (pairs cut, population
    lost, pairs out of budget, total increase, all descending, then element
    index), the *top* first; attrs from the first block (its document names
    the profile and model), ``candidates`` summed."""
    text = ("name", "worst_from", "worst_to")
    cols = {k: [str(x) for r in blocks for x in r[k]] if k in text
            else np.concatenate([np.asarray(r[k]) for r in blocks])
            for k in ["element", "name"] + _CRITICALITY_COLUMNS}
    order = sorted(range(len(cols["element"])),
                   key=lambda i: (-cols["pairs_cut"][i], -cols["population_lost"][i],
                                  -cols["pairs_out_of_budget"][i],
                                  -cols["total_increase_min"][i], cols["element"][i]))
    columns = {k: [cols[k][i] for i in order] if k in text
               else cols[k][np.array(order, dtype=np.intp)]
               for k in _CRITICALITY_COLUMNS}
    frame = pd.DataFrame({by: [cols["name"][i] for i in order], **columns}).head(top)
    frame.index.name = "rank"
    first = blocks[0]
    frame.attrs.update({k: first[k] for k in ("from", "to", "by", "year", "pairs")})
    frame.attrs["candidates"] = sum(r["candidates"] for r in blocks)
    doc = json.loads(first["document"])
    frame.attrs.update(profile=doc["profile"], model=doc["model"])
    return frame


class Scenario:
    """A year and its closures over a :class:`Dataset`: every analysis.

    Places (origins, destinations, sources) are given as a place spec
    (``"region:xuchang"``, ``"kind:zone"``, ``"all"``, ``"a;b"``), a list
    of node ids, or a GeoDataFrame of points: rows whose ``id`` is a node
    id are taken as they are. :meth:`travel_time_matrix` (with or without
    a timetable), :meth:`commute` and :meth:`isochrones` (reached nodes)
    start and end points on the access links ``tnet init`` would give a
    zone there (:meth:`access_candidates`): a point's time is the minimum
    over its links of the link's access time plus the time from (or to)
    the link's street node. A point with no link (no street node within
    tnet init's access distance, as in a hand-built folder) takes its
    nearest zone within that distance instead, with a warning, and is
    never reached when there is none (:meth:`isochrones` and
    :meth:`route`, which could start nowhere, raise :class:`tnet.Error`
    naming the point). :meth:`isochrones` with polygons and
    :meth:`accessibility` start points on their access links too, but for
    :meth:`isochrones` by the timetable, which starts a point from its own
    coordinates as ``tnet isochrone`` starts a node from the node's.

    Transit and park_and_ride follow the scenario year's timetable by
    default, as the commands do; ``model="frequency"`` asks for the
    frequency approximation (see :data:`NO_FEED_NOTE` for a folder without
    a feed).
    """

    def __init__(self, dataset, year, closures):
        self.dataset = dataset
        self.year = int(year)
        self.closures = list(closures or ())

    def __repr__(self):
        return f"tnet.Scenario({self.dataset.path!r}, {self.year}, closures={self.closures!r})"

    def _by_timetable(self, profiles, model, stacklevel=3):
        """Whether transit and park_and_ride among *profiles* follow the
        scenario year's timetable, as the commands decide it
        (``tnet_cli_transit_timetable()``): never with
        ``model="frequency"`` nor when no profile is transit or
        park_and_ride; else when the folder has a GTFS feed for the year,
        otherwise the frequency approximation with a warning carrying the
        commands' note (:data:`NO_FEED_NOTE`)."""
        _check_model(model)
        if model == "frequency" or not any(p in ("transit", "park_and_ride")
                                           for p in profiles):
            return False
        if self.dataset._c.feed_path(self.year) is not None:
            return True
        warnings.warn(NO_FEED_NOTE, stacklevel=stacklevel + 1)
        return False

    def _timing(self, **given):
        """The timetable arguments *given*, each one that is None taking the
        commands' default: the plan's first ``[commute]`` group's key when
        that group has ``depart``, else the built-in one (08:00, the feed's
        busiest day, window 0, walks of 15 minutes, park-and-ride's 30 / 5 /
        400), as the library resolves them (``tnet_commute_timing_init()``,
        ``Dataset._c.commute_timing()``)."""
        timing = self.dataset._c.commute_timing()
        return {k: v if v is not None else timing[k] for k, v in given.items()}

    # -------------------------------------------------------------- places
    def _places(self, places):
        if places is None or isinstance(places, str):
            return places
        # points (GeoDataFrames, (lon, lat) tuples) never get here: the
        # callers take them to their access links first (_has_points())
        if isinstance(places, (pd.Series, np.ndarray)):
            return [str(p) for p in places]
        return [str(p) for p in places]

    def _plan_commute(self):
        """The defaults of ``tnet commute``: the plan's first [commute]
        group, else every zone by every profile within 60 minutes."""
        defaults = {"origins": "kind:zone", "destinations": "kind:zone",
                    "profiles": ["car", "transit", "park_and_ride"], "budget": 60.0}
        plan = self.dataset._c.plan_commute()
        if plan:
            defaults.update(plan)
        return defaults

    # ------------------------------------------------------------- commute
    def commute(self, origins=None, destinations=None, profiles=None, budget=None,
                direction="to", method="auto", progress=None, model="timetable",
                depart=None, window=None, percentiles=None, max_walk=None, date=None,
                frequency_seed=0, drive_budget=None, park_time=None, parking_radius=None):
        """Door-to-door times from each origin to each destination by profile,
        as ``tnet commute --format json``: a DataFrame of one row per
        profile × origin × destination.

        Transit and park_and_ride follow the scenario year's GTFS timetable
        as the command does by default (``model="timetable"``): departing
        *depart* (default ``"08:00"``) on the feed's busiest service day
        (or *date*, ``"YYYY-MM-DD"``), one departure per minute over
        *window* minutes (0: the departure alone), walks of at most
        *max_walk* minutes; park_and_ride drives at most *drive_budget*
        minutes to a parking place, parks *park_time* minutes and walks at
        most *parking_radius* metres to a stop (``tnet commute
        --drive-budget --park-time --parking-radius``). As the command, an
        argument not given takes the plan's first ``[commute]`` group's key
        when that group has ``depart`` (plan.ini's ``depart``, ``date``,
        ``window``, ``percentiles``, ``max_walk`` — there the budget by
        default —, ``drive_budget_min``, ``park_time_min``,
        ``parking_radius_m``), else the defaults above (window 0, walks of
        15 minutes, 30 / 5 / 400); the library resolves them once for the
        package and the commands (``Dataset._c.commute_timing()``,
        ``tnet_commute_timing_init()``). ``model="frequency"``
        is ``tnet commute --frequency-model`` (the layered graphs with
        waits of half the headway), and is also what a folder without a
        GTFS feed gets, with a warning carrying the command's note
        (:data:`NO_FEED_NOTE`). Car is the same in both.

        Columns: ``profile``, ``origin``, ``destination``, ``minutes``
        (every profile's door-to-door time; by the timetable the median
        over the window, as the command's ``minutes``), its parts
        (``access_min``, ``wait_min``, ``in_vehicle_min``,
        ``transfer_min``, ``egress_min``; NaN when not reached or not
        computed: by the timetable, which has none),
        ``rides`` (-1 when not computed) and ``within_budget``. When some
        profile follows the timetable, one ``travel_time_pNN`` column per
        percentile of *percentiles* (default 5, 25, 50, 75, 95, nearest
        rank over the window; the command's ``percentiles``) follows; on
        the rows of car and of profiles by the frequency approximation
        these read NaN. So with car and transit mixed, ``minutes`` compares
        the profiles and the ``travel_time_pNN`` columns belong to the
        timetable's rows only. Minutes are exact (the command rounds to
        0.1).

        What is not given comes from plan.ini's first ``[commute]`` group,
        else every zone to every zone by car, transit and park_and_ride
        within 60 minutes. ``df.attrs`` holds ``scenario``, ``budget_min``,
        ``methods`` (profile -> search, m2m or timetable), ``models``
        (profile -> network, frequency or timetable), ``model``
        (``timetable`` when a profile followed the timetable, else
        ``frequency``; ``network`` by car alone), ``population`` (total,
        and per profile and destination the population within the budget
        and its share in percent; ``"any"`` is any destination) and, by
        the timetable,
        ``feed``, ``date`` (YYYYMMDD), ``depart``, ``window_min``,
        ``percentiles`` and, with park_and_ride, ``park_and_ride``
        (``drive_budget_min``, ``park_time_min``, ``parking_radius_m`` and
        the counts of parking places and stops with parking).

        Points (a GeoDataFrame or (lon, lat) pairs) start and end on their
        access links (see :class:`Scenario`): ``minutes`` is the best over
        the links of access + the command's time between the links' nodes
        (+ egress), ``access_min`` and ``egress_min`` include the links,
        the other parts (and the ``travel_time_pNN`` columns, with the
        links' access and egress added) are the chosen nodes'; ``population``
        is then that of the links' nodes. By the frequency approximation
        that best over the links is what one search from every link at
        once finds, so ``minutes`` equals :meth:`travel_time_matrix`'s
        ``travel_time`` for the same points and profile, to the bit. By the
        timetable :meth:`travel_time_matrix` leaves the point itself at
        each departure minute instead (as :meth:`route`).
        """
        d = self._plan_commute()
        profiles = d["profiles"] if profiles is None else profiles
        if isinstance(profiles, str):
            profiles = [profiles]
        profiles = list(profiles)
        origins = d["origins"] if origins is None else origins
        destinations = d["destinations"] if destinations is None else destinations
        budget = d["budget"] if budget is None else float(budget)
        _check_model(model)
        _check_frequency(model, depart, window, percentiles, date)
        # the timetable's defaults, resolved by the library as for tnet
        # commute (the plan's first [commute] group when it has depart,
        # else 08:00, one departure, 15 min walks, park-and-ride's
        # 30 / 5 / 400); what is given overrides
        timing = self.dataset._c.commute_timing()
        given = {"depart": depart, "window": window, "percentiles": percentiles,
                 "max_walk": max_walk, "date": date, "drive_budget": drive_budget,
                 "park_time": park_time, "parking_radius": parking_radius}
        o = {k: v if v is not None else timing[k] for k, v in given.items()}
        tkw = self._commute_timetable(profiles, model, o["depart"], o["window"],
                                      o["percentiles"], o["max_walk"], o["date"],
                                      frequency_seed, o["drive_budget"], o["park_time"],
                                      o["parking_radius"])
        if _has_points(origins) or _has_points(destinations):
            r = self._point_commute(origins, destinations, profiles, budget, direction,
                                    method, progress, tkw)
        else:
            r = self.dataset._c.commute(
                self.year, self.closures, self._places(origins), self._places(destinations),
                profiles, budget, direction=direction, method=method, progress=progress,
                **tkw)
        return _commute_frame(r, o["depart"], int(o["window"]))

    def _commute_timetable(self, profiles, model, depart, window, percentiles, max_walk,
                           date, frequency_seed, drive_budget, park_time, parking_radius):
        """The timetable keyword arguments of ``Dataset.commute`` for
        commute(): none when no profile follows the timetable
        (:meth:`_by_timetable`)."""
        if not self._by_timetable(profiles, model, stacklevel=4):
            return {}
        pcts = [5, 25, 50, 75, 95] if percentiles is None else percentiles
        if isinstance(pcts, (int, float)):
            pcts = [pcts]
        return {"timetable": True, "depart_s": _clock_seconds(depart or "08:00"),
                "window_min": int(window), "percentiles": [float(p) for p in pcts],
                "max_walk_min": int(max_walk), "date": _date_number(date),
                "frequency_seed": int(frequency_seed),
                "drive_budget_min": _whole_minutes(drive_budget, "drive_budget"),
                "park_min": _whole_minutes(park_time, "park_time"),
                "parking_radius_m": float(parking_radius)}

    def travel_time_matrix(self, origins=None, destinations=None, profile="car",
                           method="auto", progress=None, depart=None, window=None,
                           percentiles=None, max_walk=None, date=None, frequency_seed=0,
                           drive_budget=None, park_time=None, parking_radius=None,
                           model="timetable"):
        """The travel-time matrix as a long DataFrame, origins varying
        slowest, as r5py returns it. *profile* is ``car``, ``transit`` or
        ``park_and_ride``. Origins and destinations default to every zone.

        Transit and park_and_ride follow the scenario year's timetable by
        default, as ``tnet commute --format json`` (``model="timetable"``:
        departing *depart* on the feed's busiest day over *window* minutes,
        the command's defaults when not given; see below): the columns are
        then ``from_id, to_id, travel_time_pNN``, one per percentile (default ``travel_time_p50``,
        r5py's names), and ``df.attrs["model"]`` is ``"timetable"``.
        ``model="frequency"`` asks for the frequency approximation of tnet's
        layered graphs (``tnet commute --frequency-model``), which a folder
        without a GTFS feed also gets, with a warning carrying the
        command's note (:data:`NO_FEED_NOTE`): the columns are then
        ``from_id, to_id, travel_time`` and ``df.attrs["model"]`` is
        ``"frequency"``. Car is always ``from_id, to_id, travel_time``
        (minutes, float; NaN when not reached), one search per destination,
        or many-to-many on a contraction hierarchy (``method="auto"``: from
        128 destinations on), as by the frequency approximation.

        Origins and destinations given as points (a GeoDataFrame, or a list
        holding (lon, lat) tuples) start and end on the access links
        ``tnet init`` would give a zone there (:meth:`access_candidates`):
        one search per origin from all its candidates at once, each at its
        access time; a destination point takes the best of its candidates
        plus their access times; a point with no candidate (no street node
        within the access distance, as in a hand-built folder) starts and
        ends at its nearest zone instead when that zone is within the same
        distance, with a warning; otherwise it is never reached (NaN). GeoDataFrame rows
        whose ``id`` is a node id are that node. Ids are the GeoDataFrame's
        ``id`` (else its index) or ``"lon,lat"``.

        By the timetable, transit runs on the scenario year's timetable
        (range RAPTOR, as ``tnet route --profile transit``): one departure
        per minute from *depart* (``"HH:MM"``) over *window* minutes (0:
        the departure alone), walks of at most *max_walk* minutes to the
        first and from the last
        stop or all the way (access, egress, direct walks and transfers
        over the streets when the folder has a walk network, as ``tnet
        route`` and ``tnet commute --depart``), on the feed's busiest day
        or *date* (``"YYYY-MM-DD"``); the
        columns are then ``travel_time_pNN`` per percentile (nearest rank
        over the window's departures; default 50). Points start and end on
        their access links here too, with the semantics of :meth:`route`
        with *depart*: a point's stops are, per access link, the link's
        time (rounded to the second) to its node, then the stops that node
        walks to within *max_walk*, per stop the best over the links (a
        destination point's likewise, for its egress), and a walk all the
        way from or to a point is the straight line. Each departure minute
        leaves the point itself, so a cell is exactly what
        ``route(origin, destination, depart=..., window=...,
        percentiles=...)`` gives for the pair: the percentiles of the
        pair's per-minute travel times (one range query per origin over
        the window, every destination a target). A point with no access
        link takes its nearest zone as above, else is never reached. A
        matrix of node ids only is the library's (``tnet commute
        --depart``).

        With ``profile="park_and_ride"`` by the timetable the journey
        follows it as ``tnet commute --profiles park_and_ride``
        (``tnet_park_ride_matrix()``): from
        the origin, drive at most *drive_budget* minutes on
        the scenario's car graph to a parking place (a node of kind
        station or parking a car link reaches; ``tnet init`` makes one of
        every OSM car park), park *park_time* minutes, walk to a stop
        within *parking_radius* metres (straight line), then ride;
        walking from the origin to the first stop (or all the way) stays
        possible, so no cell is slower than by transit. The columns are
        those of transit's; ``df.attrs["park_and_ride"]`` holds the
        options (``drive_budget_min``, ``park_time_min``,
        ``parking_radius_m``). Points take park-and-ride too
        (``tnet_park_ride_matrix_ends()``): a point origin drives from its
        access links (the car profile's start; the link's time counts in
        *drive_budget*) and walks to its stops as by transit; a destination
        point is reached from its stops by its access links; a walk all the
        way from or to a point is the straight line. So no cell from a
        point is slower than transit from it.

        As ``tnet commute``, a timetable argument not given (*depart*,
        *window*, *max_walk*, *date*, *drive_budget*, *park_time*,
        *parking_radius*) takes the plan's first ``[commute]`` group's key
        when that group has ``depart`` (as :meth:`commute`), else 08:00,
        window 0, walks of 15 minutes and park-and-ride's 30 / 5 / 400.
        *percentiles* alone keeps its own default, 50 (r5py's one
        column), whatever the plan says.
        """
        if profile != "car":
            _check_model(model)
            _check_frequency(model, depart, window, percentiles, date)
            if self._by_timetable([profile], model):
                o = self._timing(depart=depart, window=window, max_walk=max_walk, date=date,
                                 drive_budget=drive_budget, park_time=park_time,
                                 parking_radius=parking_radius)
                pr = _park_ride_kwargs(profile, o["drive_budget"], o["park_time"],
                                       o["parking_radius"])
                return self._timetable_matrix(origins, destinations, o["depart"], o["window"],
                                              [50] if percentiles is None else percentiles,
                                              o["max_walk"], o["date"], frequency_seed,
                                              progress, pr)
        elif depart is not None or percentiles is not None:
            raise ValueError("depart and percentiles are for profile='transit' or "
                             "'park_and_ride' (the timetable)")
        if _has_points(origins) or _has_points(destinations):
            return self._point_matrix(origins, destinations, profile)
        r = self.dataset._c.commute(
            self.year, self.closures,
            self._places("kind:zone" if origins is None else origins),
            self._places("kind:zone" if destinations is None else destinations),
            [profile], 0.0, method=method, progress=progress, parts=False)
        o, dd = r["origins"], r["destinations"]
        # ids as categoricals: integer codes, no Python object per cell
        frame = pd.DataFrame({
            "from_id": _codes(_repeat_each(np.arange(len(o), dtype=_code_type(o)), len(dd)), o),
            "to_id": _codes(np.tile(np.arange(len(dd), dtype=_code_type(dd)), len(o)), dd),
            "travel_time": r["minutes"][0].reshape(-1),
        }, copy=False)
        frame.attrs.update(scenario=self.year, profile=profile, method=r["methods"][0])
        if profile != "car":
            frame.attrs["model"] = "frequency"
        return frame

    def _point_places(self, places):
        """(labels, items): items are node ids or (lon, lat) pairs for
        Dataset.point_matrix."""
        if places is None or isinstance(places, str):
            ids = self.dataset._c.select("kind:zone" if places is None else places)
            return ids, ids
        if _is_geodataframe(places):
            node_ids = set(self.dataset.nodes()["id"])
            pts = _points(places)
            labels = (places["id"].astype(str).tolist() if "id" in places.columns
                      else [str(i) for i in places.index])
            items = [lab if lab in node_ids else (float(x), float(y))
                     for lab, x, y in zip(labels, pts.x, pts.y)]
            return labels, items
        items = [(float(p[0]), float(p[1])) if isinstance(p, tuple) else str(p) for p in places]
        labels = [f"{p[0]:.6f},{p[1]:.6f}" if isinstance(p, tuple) else p for p in items]
        return labels, items

    def _with_fallback(self, items, stacklevel=4):
        """*items* with each point that has no access candidate (no street
        node within tnet init's access distance, as in a hand-built folder)
        replaced by its nearest zone node when that zone is within the same
        distance, with a warning saying how many; a point farther from
        everything stays unreached."""
        where = [k for k, it in enumerate(items) if isinstance(it, tuple)]
        if not where:
            return items
        r = self.dataset._c.snap_points(self.year, self.closures, [items[k] for k in where])
        counts = np.diff(r["first"].astype(np.int64))
        lost = [k for k, n in zip(where, counts) if n == 0]
        if not lost:
            return items
        nodes = self.dataset.nodes()
        zones = nodes[nodes["kind"] == "zone"]
        if zones.empty:
            return items
        zlon, zlat, zid = zones["lon"].to_numpy(), zones["lat"].to_numpy(), zones["id"].to_numpy()
        out = list(items)
        moved = 0
        for k in lost:
            x, y = items[k]
            kx = np.cos(np.radians(y))
            dist = ((zlon - x) * kx) ** 2 + (zlat - y) ** 2
            best = int(np.argmin(dist))
            # metres, equirectangular: only a zone within the same reach
            if np.sqrt(dist[best]) * 111_195.0 <= _INIT_MAX_ACCESS_M:
                out[k] = str(zid[best])
                moved += 1
        if moved:
            warnings.warn(f"{moved} point(s) have no street node within tnet init's access "
                          "distance (a folder not built by tnet init?): they start and end at "
                          "their nearest zone instead", stacklevel=stacklevel)
        return out

    def _candidates(self, places):
        """(labels, nodes, cand, acc) for *places* that may hold points:
        ``nodes`` the distinct node ids to search from or to; per place, up
        to C candidates, ``cand`` [place, C] indices into ``nodes`` (-1: none)
        and ``acc`` [place, C] their access minutes (inf: none). A node id
        is itself at 0 minutes; a point has its access links
        (:meth:`access_candidates`), or, with none, its nearest zone within
        tnet init's access distance (:meth:`_with_fallback`); a point
        farther from everything has no candidate."""
        labels, items = self._point_places(places)
        items = self._with_fallback(items, stacklevel=5)
        where = [k for k, it in enumerate(items) if isinstance(it, tuple)]
        per = [[(it, 0.0)] if not isinstance(it, tuple) else [] for it in items]
        if where:
            r = self.dataset._c.snap_points(self.year, self.closures, [items[k] for k in where])
            first = r["first"].astype(np.int64)
            for n, k in enumerate(where):
                per[k] = [(str(r["node"][i]), float(r["time_min"][i]))
                          for i in range(first[n], first[n + 1])]
        nodes, index = [], {}
        for c in per:
            for node, _ in c:
                if node not in index:
                    index[node] = len(nodes)
                    nodes.append(node)
        width = max([len(c) for c in per] + [1])
        cand = np.full((len(per), width), -1, dtype=np.int64)
        acc = np.full((len(per), width), np.inf)
        for k, c in enumerate(per):
            for i, (node, a) in enumerate(c):
                cand[k, i], acc[k, i] = index[node], a
        return labels, nodes, cand, acc

    @staticmethod
    def _compose(m, oc, oa, dc, da):
        """For a matrix *m* [..., node origin, node destination] (NaN: not
        reached): [..., place origin, place destination] the minimum over
        the places' candidates of access + m + egress, and the chosen
        candidate slots (columns of *oc* and *dc*; -1: not reached)."""
        mm = np.where(np.isnan(m), np.inf, m)
        best = np.full(m.shape[:-2] + (oc.shape[0], dc.shape[0]), np.inf)
        si = np.full(best.shape, -1, dtype=np.int64)
        sj = np.full(best.shape, -1, dtype=np.int64)
        for i in range(oc.shape[1]):
            for j in range(dc.shape[1]):
                ci, cj = oc[:, i], dc[:, j]
                sub = mm[..., np.maximum(ci, 0)[:, None], np.maximum(cj, 0)[None, :]] \
                    if mm.shape[-1] and mm.shape[-2] else np.full(best.shape, np.inf)
                t = oa[:, i][:, None] + sub + da[:, j][None, :]
                t = np.where((ci < 0)[:, None] | (cj < 0)[None, :], np.inf, t)
                better = t < best
                best = np.where(better, t, best)
                si = np.where(better, i, si)
                sj = np.where(better, j, sj)
        best[np.isinf(best)] = np.nan
        return best, si, sj

    def _point_commute(self, origins, destinations, profiles, budget, direction, method,
                       progress, tkw=None):
        """commute()'s result when origins or destinations hold points: the
        command's cells between the candidates' nodes, composed by
        :meth:`_compose`; ``access_min`` and ``egress_min`` include the
        points' access links, the other parts are those of the chosen
        nodes' cell. The population figures are those of the candidates'
        nodes."""
        o, on, oc, oa = self._candidates(origins)
        dd, dn, dc, da = self._candidates(destinations)
        r = dict(self.dataset._c.commute(self.year, self.closures, on, dn, list(profiles),
                                         budget, direction=direction, method=method,
                                         progress=progress, **(tkw or {})))
        shape = (len(profiles), len(on), len(dn))
        # in whole milliseconds, as the library counts and as the matrix
        # from points (Dataset.point_matrix) adds an access link to a search,
        # so the cells are travel_time_matrix()'s to the bit
        oa_ms, da_ms = _access_ms(oa), _access_ms(da)
        best, si, sj = self._compose(
            np.rint(np.asarray(r["minutes"], dtype=float).reshape(shape) * 60000.0),
            oc, oa_ms, dc, da_ms)
        best = best / 60000.0
        oa, da = oa_ms / 60000.0, da_ms / 60000.0
        ok = si >= 0
        rows = np.arange(len(o))[None, :, None]
        cols = np.arange(len(dd))[None, None, :]
        pi, pj = np.maximum(si, 0), np.maximum(sj, 0)
        node_o, node_d = oc[rows, pi], dc[cols, pj]
        prof = np.arange(len(profiles))[:, None, None]
        for k in ("access_min", "wait_min", "in_vehicle_min", "transfer_min", "egress_min",
                  "rides"):
            v = np.asarray(r[k]).reshape(shape)[prof, np.maximum(node_o, 0),
                                                np.maximum(node_d, 0)] \
                if len(on) and len(dn) else np.zeros(best.shape)
            if k == "rides":
                r[k] = np.where(ok, v, -1)
                continue
            v = np.where(ok, v.astype(float), np.nan)
            if k == "access_min":
                v = v + oa[rows, pi]
            elif k == "egress_min":
                v = v + da[cols, pj]
            r[k] = v
        if r.get("percentiles"):
            # the timetable's percentiles of the chosen nodes' cell, with
            # the points' access and egress links
            cube = np.asarray(r["percentile_minutes"])
            n_k = cube.shape[1]
            pc = np.full((len(profiles), n_k, len(o), len(dd)), np.nan)
            if len(on) and len(dn):
                for k in range(n_k):
                    v = cube[:, k][prof, np.maximum(node_o, 0), np.maximum(node_d, 0)]
                    pc[:, k] = np.where(ok, v + oa[rows, pi] + da[cols, pj], np.nan)
            r["percentile_minutes"] = pc
        r["minutes"] = best
        r["origins"], r["destinations"] = o, dd
        return r

    def _point_matrix(self, origins, destinations, profile):
        o, oi = self._point_places(origins)
        dd, di = self._point_places(destinations)
        oi, di = self._with_fallback(oi), self._with_fallback(di)
        minutes = self.dataset._c.point_matrix(self.year, self.closures, oi, di, profile)
        return _point_frame(minutes, o, dd, self.year, profile)

    def access_candidates(self, points):
        """The access links ``tnet init`` would give a zone at each point
        (a GeoDataFrame, its geometries' centroids, or (lon, lat) pairs): a
        DataFrame ``point`` (row position), ``node`` (street node id),
        ``network`` (``road``: among the nearest nodes of the car network;
        ``walk``: of the walking network only), ``distance_m`` (straight
        line) and ``access_min`` (to the millisecond, the time the
        graph gives the link), with tnet init's default speed, detour,
        maximum distance and one link per network. A point farther than
        the maximum distance from every street node has no row."""
        if _is_geodataframe(points):
            pts = _points(points)
            pairs = list(zip(pts.x.astype(float), pts.y.astype(float)))
        else:
            pairs = [(float(p[0]), float(p[1])) for p in points]
        r = self.dataset._c.snap_points(self.year, self.closures, pairs)
        first = r["first"].astype(np.int64)
        return pd.DataFrame({
            "point": np.repeat(np.arange(len(pairs)), np.diff(first)),
            "node": r["node"], "network": r["network"],
            "distance_m": r["distance_m"], "access_min": r["time_min"],
        })

    def _timetable_matrix(self, origins, destinations, depart, window, percentiles,
                          max_walk, date, frequency_seed, progress, park_ride=None):
        depart_s = _clock_seconds(depart)
        day = _date_number(date)
        pcts = [float(p) for p in percentiles]
        if _has_points(origins) or _has_points(destinations):
            r = self._point_timetable(origins, destinations, depart_s, int(window), pcts,
                                      int(max_walk), day, int(frequency_seed), progress,
                                      park_ride)
            if park_ride:
                return _timetable_frame(r, pcts, self.year, depart, window, "park_and_ride",
                                        _park_ride_attrs(park_ride))
            return _timetable_frame(r, pcts, self.year, depart, window)
        r = self.dataset._c.timetable_matrix(
            self.year, self.closures,
            self._places("kind:zone" if origins is None else origins),
            self._places("kind:zone" if destinations is None else destinations),
            depart_s, int(window), pcts, max_walk_min=int(max_walk), date=day,
            frequency_seed=int(frequency_seed), progress=progress, **(park_ride or {}))
        if park_ride:
            return _timetable_frame(r, pcts, self.year, depart, window, "park_and_ride",
                                    _park_ride_attrs(park_ride))
        return _timetable_frame(r, pcts, self.year, depart, window)

    def _point_timetable(self, origins, destinations, depart_s, window, pcts, max_walk, day,
                         frequency_seed, progress, park_ride=None):
        """The timetable matrix when origins or destinations hold points:
        the dict of ``Dataset.timetable_point_matrix`` with the places'
        labels as ``origins`` and ``destinations``. Each cell is what
        :meth:`route` with *depart* gives for the pair (the same access
        and egress rows, one range query per origin); a point without an
        access link takes its nearest zone (:meth:`_with_fallback`), or
        reaches nothing."""
        o, oi = self._point_places(origins)
        dd, di = self._point_places(destinations)
        oi, di = self._with_fallback(oi, stacklevel=5), self._with_fallback(di, stacklevel=5)
        r = dict(self.dataset._c.timetable_point_matrix(
            self.year, self.closures, oi, di, depart_s, window, pcts, max_walk_min=max_walk,
            date=day, frequency_seed=frequency_seed, progress=progress, **(park_ride or {})))
        r["origins"], r["destinations"] = o, dd
        return r

    # --------------------------------------------------------------- route
    def route(self, origin, destination, profile="car", depart=None, window=None,
              percentiles=None, max_walk=None, date=None, frequency_seed=0,
              drive_budget=None, park_time=None, parking_radius=None, model="timetable"):
        """The fastest journey from *origin* to *destination* (node or stop
        ids) by *profile*: a DataFrame of its legs.

        Transit and park_and_ride follow the scenario year's timetable by
        default, as ``tnet route`` does (``model="timetable"``; see
        below; ``df.attrs["model"]`` is ``"timetable"``).

        By car, and by transit or park_and_ride with ``model="frequency"``
        (``tnet route --frequency-model``; also a folder without a GTFS
        feed, with a warning carrying the command's note,
        :data:`NO_FEED_NOTE`): the legs (``kind``: drive, walk, park,
        wait, ride, transfer; ``mode``, ``line``, ``from``, ``to``,
        ``minutes``) on the layered graph with expected waits of half the
        headway, not the timetable. ``df.attrs`` holds the totals
        (``total_min``, ``access_min``, ``wait_min``, ``in_vehicle_min``,
        ``transfer_min``, ``egress_min``, ``rides``, ``feed``) and, but
        for car, ``model`` (``"frequency"``).

        By the timetable the transit journey follows the scenario year's
        timetable (RAPTOR, as ``tnet route --profile transit``): the
        journey departing at *depart* (``"HH:MM"``) on the feed's
        busiest day or *date* (``"YYYY-MM-DD"``), walking at most
        *max_walk* minutes to the first and from the last stop (over the
        streets when the folder has a walk network). Legs have ``kind``
        (walk, ride, transfer), ``line``, ``trip``, ``mode``, ``from``,
        ``to``, ``start``/``end`` (clock times as the command prints them)
        and ``start_s``/``end_s`` (seconds after midnight), ``minutes`` and
        ``wait_min`` (before a ride); the last walk to the destination is
        a leg too. ``df.attrs`` holds ``total_min`` (NaN when the first
        minute reaches nothing), ``model``, ``feed``, ``date``, ``depart``,
        ``window_min``, ``minutes`` (the travel time of each departure
        minute of the *window*, NaN when none) and ``percentiles`` (``pNN``
        -> minutes over the window, nearest rank). Minutes are exact (the
        command rounds to 0.1).

        As ``tnet route`` (and serve's ``/route``), a timetable argument
        not given (*depart*, *window*, *percentiles*, *max_walk*, *date*,
        *drive_budget*, *park_time*, *parking_radius*) takes the plan's
        first ``[commute]`` group's key when that group has ``depart`` (as
        :meth:`commute`), else 08:00, window 0, percentiles 5, 25, 50, 75,
        95, walks of 15 minutes and park-and-ride's 30 / 5 / 400.

        Either end may be a point (a (lon, lat) tuple, or a one-row
        GeoDataFrame whose ``id``, when a node id, is that node): without
        *depart* the journey starts (ends) on the access links ``tnet
        init`` would give a zone there, the best over the links of access
        time + the journey from (to) the link's node, as in
        :meth:`travel_time_matrix`; the legs then begin (end) with that
        link (``mode`` access, ``kind`` that of the leg it joins, ``from``
        (``to``) the point's ``"lon,lat"`` or the GeoDataFrame's id), whose
        time joins the totals. A point with no access link takes its
        nearest zone within tnet init's access distance, with a warning;
        with neither, :class:`tnet.Error` (not_found) names it.

        With *depart* a point starts (ends) on its access links too: its
        stops are, per access link, the link's time (rounded to the
        second) to the link's node, then the stops that node walks to
        within *max_walk* as a node place does (over the streets and by
        straight line to stops off them), per stop the best over the links;
        so departing at *depart* from the point is, over its links, the
        best of the journey from the link's node departing at *depart* +
        the link's time. :meth:`travel_time_matrix` and
        :meth:`accessibility` with *depart* give the same times for the
        pair. A walk all the way between the ends (within
        *max_walk*) is the straight line from or to the point. The legs
        begin (end) with the access link taken (``kind`` walk, ``mode``
        access, ``from`` (``to``) the point's ``"lon,lat"`` or the
        GeoDataFrame's id), then the walk between the link's node and the
        stop.

        With ``profile="park_and_ride"`` by the timetable the journey
        follows it as ``tnet route --profile park_and_ride``: it may drive
        at most *drive_budget* minutes to a parking place, park
        *park_time* minutes and walk to a stop within *parking_radius*
        metres, or walk to its first stop.
        The legs are then ``drive`` (``mode`` road, ``from`` the origin,
        ``to`` the parking place), ``park`` (at the parking place), the
        walk to the stop (``from`` the parking place), rides, transfers
        and the last walk, with clock times as above; ``df.attrs`` also
        holds ``park_and_ride`` (the options ``drive_budget_min``,
        ``park_time_min``, ``parking_radius_m`` and the counts of parking
        places and stops with parking, as the command's JSON). The origin
        is a node id or a point (which drives from its access links: the
        drive leg starts at the point and includes the link); the
        destination a node id or a point.

        Raises :class:`tnet.Error` (code not_found) when there is no path
        or a place is unknown."""
        if profile == "car":
            if depart is not None or percentiles is not None or date is not None or window:
                raise ValueError("depart, window, percentiles and date are for "
                                 "profile='transit' or 'park_and_ride' (the timetable)")
        else:
            _check_model(model)
            _check_frequency(model, depart, window, percentiles, date)
            if self._by_timetable([profile], model):
                o = self._timing(depart=depart, window=window, percentiles=percentiles,
                                 max_walk=max_walk, date=date, drive_budget=drive_budget,
                                 park_time=park_time, parking_radius=parking_radius)
                pr = _park_ride_kwargs(profile, o["drive_budget"], o["park_time"],
                                       o["parking_radius"])
                ends, labels = self._route_ends(origin, destination)
                return self._route_timetable(ends, labels, o["depart"], o["window"],
                                             o["percentiles"], o["max_walk"], o["date"],
                                             frequency_seed, pr)
        ends, labels = self._route_ends(origin, destination)
        r = self.dataset._c.route(self.year, self.closures, ends[0], ends[1], profile=profile)
        legs = pd.DataFrame(r.pop("legs"), columns=["kind", "mode", "line", "from", "to",
                                                    "minutes"])
        if profile != "car":
            r["model"] = "frequency"
        return _label_route(legs, r, ends, labels)

    def _route_ends(self, origin, destination):
        """(ends, labels) of route()'s *origin* and *destination*: an id as
        a str; a point as a (lon, lat) tuple, or the node its
        GeoDataFrame's id names, or its nearest zone when it has no access
        link (:meth:`_with_fallback`); labels the GeoDataFrames' ids (else
        None)."""
        ends, labels = [], []
        for place in (origin, destination):
            item, label = _route_point(place)
            if item is None:
                ends.append(str(place))
                labels.append(None)
                continue
            if label is not None and (self.dataset.nodes()["id"] == label).any():
                item, label = label, None
            else:
                item = self._with_fallback([item], stacklevel=6)[0]
            ends.append(item)
            labels.append(label)
        return ends, labels

    def _route_timetable(self, ends, labels, depart, window, percentiles, max_walk,
                         date, frequency_seed, park_ride=None):
        pcts = [5, 25, 50, 75, 95] if percentiles is None else percentiles
        if isinstance(pcts, (int, float)):
            pcts = [pcts]
        r = self.dataset._c.route_timetable(
            self.year, self.closures, ends[0], ends[1], _clock_seconds(depart),
            int(window), [float(p) for p in pcts], max_walk_min=int(max_walk),
            date=_date_number(date), frequency_seed=int(frequency_seed), **(park_ride or {}))
        if r.get("park_and_ride") is None:
            r.pop("park_and_ride", None)
        else:
            r["park_and_ride"] = _park_ride_summary(r["park_and_ride"])
        r["model"] = "timetable"
        legs = pd.DataFrame(r.pop("legs"), columns=["kind", "line", "trip", "mode", "from",
                                                    "to", "start", "end", "start_s", "end_s",
                                                    "minutes", "wait_min"])
        return _label_route(legs, r, ends, labels)

    # ------------------------------------------------------- accessibility
    def accessibility(self, opportunities, cutoffs=(30, 45, 60), profile="car",
                      population=None, progress=None, origins=None, depart=None, window=None,
                      percentile=None, max_walk=None, date=None, frequency_seed=0,
                      drive_budget=None, park_time=None, parking_radius=None,
                      model="timetable"):
        """Cumulative opportunities (``tnet accessibility``): for each
        origin, the sum of the column *opportunities* of the folder's
        zones.csv over the zones reachable within each cutoff (minutes; a
        zone origin counts itself, at 0 minutes). A DataFrame indexed by
        origin id with one column ``within_<cutoff>_min`` per cutoff;
        ``df.attrs`` holds ``total`` (every opportunity), ``model``
        (``network`` for car, ``timetable`` or ``frequency``) and
        ``mean_population_weighted`` (per cutoff, NaN when the weights sum
        to 0).

        *origins* defaults to every zone; else a place spec, zone or other
        node ids, or points (a GeoDataFrame, or (lon, lat) tuples). Zone
        ids give the rows of every zone, value for value. Points start on
        the access links ``tnet init`` would give a zone there, as in
        :meth:`travel_time_matrix` (with its fallback to the nearest zone;
        a point with neither reaches nothing): a zone counts when the best
        over the point's links of access + the time from the link's node
        to the zone is within the cutoff (by the timetable: see below);
        with points or non-zone nodes
        among the origins the mean weighs every origin 1.

        Transit follows the scenario year's timetable by default, as
        ``tnet accessibility`` does (``model="timetable"``: *depart*
        ``"HH:MM"`` on the feed's busiest day or *date*, over *window*
        minutes, *percentile* 50, walks of *max_walk* minutes; ``tnet
        accessibility --depart --window --percentile --date --max-walk``).
        As the command, an argument not given takes the plan's first
        ``[commute]`` group's key when that group has ``depart`` (as
        :meth:`commute`), else 08:00, window 0, walks of 15 minutes and
        park-and-ride's 30 / 5 / 400.
        ``model="frequency"`` is the frequency approximation (``tnet
        accessibility --frequency-model``), which a folder without a GTFS
        feed also gets, with a warning carrying the command's note
        (:data:`NO_FEED_NOTE`). By the timetable a zone counts
        when the *percentile* (default 50, nearest rank) of its travel time
        over the window's departures (one per minute) is within the cutoff;
        ``df.attrs`` then holds ``feed`` and ``date``. From points the
        travel times are those of :meth:`travel_time_matrix` with *depart*
        (each what :meth:`route` with *depart* gives from the point to the
        zone: the traveller leaves the point at each departure minute), not
        a composition over the point's links.

        ``profile="park_and_ride"`` needs the timetable (ValueError with
        ``model="frequency"`` or without a feed): as ``tnet accessibility
        --profile park_and_ride``, the travel times of
        :meth:`travel_time_matrix` with ``profile="park_and_ride"``
        (*drive_budget*, *park_time*, *parking_radius* as there;
        ``df.attrs["park_and_ride"]`` holds ``drive_budget_min``,
        ``park_time_min`` and ``parking_radius_m``); origins are zones,
        other nodes or points (a point's row sums the cells of that matrix
        from the point)."""
        if profile == "car":
            if (depart is not None or percentile is not None or date is not None or window
                    or max_walk is not None):
                raise ValueError("depart, window, percentile, max_walk and date are for "
                                 "profile='transit' or 'park_and_ride' (the timetable)")
            timetable = False
        else:
            _check_model(model)
            _check_frequency(model, depart, window, percentile, date)
            timetable = self._by_timetable([profile], model)
        if profile == "park_and_ride" and not timetable:
            raise ValueError("profile='park_and_ride' is by the timetable (model='timetable' "
                             "and a GTFS feed in the folder)")
        if timetable:
            o = self._timing(depart=depart, window=window, max_walk=max_walk, date=date,
                             drive_budget=drive_budget, park_time=park_time,
                             parking_radius=parking_radius)
            depart, window, max_walk, date = o["depart"], o["window"], o["max_walk"], o["date"]
            drive_budget, park_time = o["drive_budget"], o["park_time"]
            parking_radius = o["parking_radius"]
        pr = _park_ride_kwargs(profile, drive_budget, park_time, parking_radius) \
            if timetable else {}
        pct = 50.0 if percentile is None else float(percentile)
        tkw = {}
        if timetable:
            tkw = dict(depart_s=_clock_seconds(depart or "08:00"), window_min=int(window),
                       percentile=pct, max_walk_min=int(max_walk), date=_date_number(date),
                       frequency_seed=int(frequency_seed))
        c = self.dataset._c
        rows = None
        minutes = None
        feed = (None, None)
        if origins is not None:
            labels, items = self._point_places(origins)
            zone_ids = set(c.zone_ids())
            if all(isinstance(it, str) and it in zone_ids for it in items):
                rows = list(items)
            else:
                rows = labels
                minutes, feed = self._origin_minutes(origins, c.zone_ids(), profile,
                                                     timetable, dict(tkw, **pr), progress)
        r = c.accessibility(self.year, self.closures, opportunities,
                            [float(x) for x in cutoffs], profile=profile,
                            population=population, progress=progress, origins=rows,
                            minutes=minutes, **({} if minutes is not None else tkw),
                            **({k: v for k, v in pr.items() if k != "park_ride"}
                               if minutes is None else {}))
        cols = [f"within_{x:g}_min" for x in r["cutoffs_min"]]
        frame = pd.DataFrame(r["values"], index=pd.Index(r["zones"], name="id"), columns=cols)
        model = "network" if profile == "car" else "timetable" if timetable else "frequency"
        frame.attrs.update(opportunities=opportunities, profile=r["profile"], model=model,
                           total=r["total"], cutoffs_min=list(r["cutoffs_min"]),
                           mean_population_weighted=list(r["mean_population_weighted"]))
        if timetable:
            frame.attrs.update(depart=depart or "08:00", window_min=int(window),
                               percentile=pct, max_walk_min=int(max_walk))
            if pr:
                frame.attrs["park_and_ride"] = _park_ride_attrs(pr)
            if minutes is None:
                frame.attrs.update(feed=r["feed"], date=r["date"])
            else:
                frame.attrs.update(feed=feed[0], date=feed[1])
        return frame

    def _origin_minutes(self, origins, zone_ids, profile, timetable, tkw, progress):
        """(minutes [origin, zone], (feed, date)) from *origins* that hold
        points or nodes other than zones to the zones of zones.csv: points
        start on their access links (the matrix of
        :meth:`travel_time_matrix`); feed and date of the timetable, else
        None."""
        if not timetable:
            _, items = self._point_places(origins)
            items = self._with_fallback(items, stacklevel=5)
            return self.dataset._c.point_matrix(self.year, self.closures, items, zone_ids,
                                                profile), (None, None)
        pcts = [tkw["percentile"]]
        pr = {k: tkw[k] for k in ("park_ride", "drive_budget_min", "park_min",
                                  "parking_radius_m") if k in tkw}
        if _has_points(origins):
            r = self._point_timetable(origins, list(zone_ids), tkw["depart_s"],
                                      tkw["window_min"], pcts, tkw["max_walk_min"],
                                      tkw["date"], tkw["frequency_seed"], progress, pr)
        else:
            r = self.dataset._c.timetable_matrix(
                self.year, self.closures, self._places(origins), list(zone_ids),
                tkw["depart_s"], tkw["window_min"], pcts, max_walk_min=tkw["max_walk_min"],
                date=tkw["date"], frequency_seed=tkw["frequency_seed"], progress=progress,
                **pr)
        m = np.asarray(r["minutes"], dtype=float).reshape(-1, len(zone_ids))
        return m, (r["feed"], r["date"])

    # ---------------------------------------------------------- isochrones
    def isochrones(self, origin, cutoffs=(15, 30, 45, 60), profile="car", polygons=False,
                   walk_kmh=5.0, max_walk_m=1000.0, simplify_m=10.0, model="timetable",
                   depart=None, window=None, percentile=None, max_walk=None, date=None,
                   frequency_seed=0, drive_budget=None, park_time=None, parking_radius=None):
        """What *origin* (a place spec, node ids or points) reaches within
        the cutoffs (minutes) by *profile*, as ``tnet isochrone``.

        Transit and park_and_ride follow the scenario year's timetable by
        default, as the command (``model="timetable"``): a node is reached
        when the *percentile* (default 50, nearest rank) of its travel time
        over the departures of *window* minutes from *depart* on the feed's
        busiest day (or *date*) is within the cutoff (each argument not
        given taking, as the command, the plan's first ``[commute]`` group's
        key when that group has ``depart``, else ``"08:00"``, window 0: that
        departure alone, walks of 15 minutes, park-and-ride's 30 / 5 / 400;
        as :meth:`commute`), from the origins' coordinates
        to the node's, walks of at most *max_walk* minutes
        (``tnet_timetable_isochrone()``); by park_and_ride from the origin
        nodes, with *drive_budget*, *park_time* and *parking_radius* as in
        :meth:`travel_time_matrix` (points are then an error: give node
        ids). A point origin by transit starts from its own coordinates
        (walking to its stops), not from its access links. ``model="frequency"``
        is the frequency approximation (``tnet isochrone
        --frequency-model``), which a folder without a GTFS feed also
        gets, with a warning carrying the command's note
        (:data:`NO_FEED_NOTE`). ``df.attrs["model"]`` says which
        (``network`` for car), and by the timetable ``depart``,
        ``window_min``, ``percentile``, ``max_walk_min``.

        By default the reached nodes: a GeoDataFrame (EPSG:4326) of one
        point per reached node with ``id``, ``name``, ``kind``,
        ``minutes`` and ``cutoff`` (the smallest cutoff that reaches it),
        sorted by minutes. Points (a GeoDataFrame, or (lon, lat) tuples)
        start on the access links ``tnet init`` would give a zone there, as
        in :meth:`travel_time_matrix`, with or without polygons: one
        search from every access link of every point at once, each link's
        street node starting at the link's access time (so a node's
        minutes are the best over the links of access + the time from the
        link's node). A point with no access link and no zone within tnet
        init's access distance raises :class:`tnet.Error` (not_found).

        With ``polygons=True`` the library's isochrone polygons (``tnet
        isochrone --polygons``): one MultiPolygon per cutoff, smallest
        first and nested, the reached network buffered by the time left at
        *walk_kmh* off the network (at most *max_walk_m* metres; outlines
        simplified within *simplify_m* metres; by transit one leaves the
        network at stops only). Columns ``band`` (1-based), ``minutes``,
        ``area_km2`` (on the sphere, unrounded), ``zones`` (zone points
        covered), ``population`` and the other numeric columns of the
        folder's zones.csv summed over the zones covered (without
        zones.csv: the zone nodes and their population). A GeoDataFrame
        when GeoPandas is installed, else a DataFrame whose ``geometry``
        holds GeoJSON geometry dicts."""
        tkw, attrs = self._isochrone_timetable(profile, model, depart, window, percentile,
                                               max_walk, date, frequency_seed, drive_budget,
                                               park_time, parking_radius)
        if _has_points(origin):
            sources = self._with_fallback(self._point_places(origin)[1])
        else:
            sources = self._places(origin)
        if polygons:
            cutoffs = sorted(float(c) for c in cutoffs)
            r = self.dataset._c.isochrone_bands(self.year, self.closures, sources,
                                                cutoffs, profile=profile,
                                                walk_kmh=float(walk_kmh),
                                                max_walk_m=float(max_walk_m),
                                                simplify_m=float(simplify_m), **tkw)
            features = json.loads(r["geojson"])["features"]
            try:
                import geopandas
            except ImportError:  # pragma: no cover - geopandas is optional
                geopandas = None
            if geopandas is not None:
                frame = geopandas.GeoDataFrame.from_features(features, crs="EPSG:4326")
            else:  # pragma: no cover
                frame = pd.DataFrame([f["properties"] for f in features])
                frame["geometry"] = [f["geometry"] for f in features]
            frame["area_km2"] = r["area_km2"]
            first = ["band", "minutes", "area_km2", "zones", "population"]
            frame = frame[[c for c in first if c in frame.columns]
                          + [c for c in frame.columns if c not in first]]
            frame.attrs.update(scenario=self.year, profile=profile, walk_kmh=float(walk_kmh),
                               max_walk_m=float(max_walk_m), simplify_m=float(simplify_m),
                               **attrs)
            return frame
        import geopandas
        cutoffs = sorted(float(c) for c in cutoffs)
        if not cutoffs:
            raise ValueError("cutoffs: expected at least one cutoff in minutes")
        nodes = self.dataset.nodes()
        # points: one multi-source search from every access link at its time
        minutes = self.dataset._c.isochrone(self.year, self.closures, sources, cutoffs[-1],
                                            profile=profile, **tkw)
        reached = ~np.isnan(minutes)
        sub = nodes.loc[reached, ["id", "name", "kind", "lon", "lat"]].copy()
        sub["minutes"] = minutes[reached]
        edges = np.array(cutoffs)
        sub["cutoff"] = edges[np.searchsorted(edges, sub["minutes"].to_numpy() - 1e-9)]
        sub = sub.sort_values(["minutes", "id"], kind="stable").reset_index(drop=True)
        frame = geopandas.GeoDataFrame(
            sub.drop(columns=["lon", "lat"]),
            geometry=geopandas.points_from_xy(sub["lon"], sub["lat"]), crs="EPSG:4326")
        frame.attrs.update(scenario=self.year, profile=profile, **attrs)
        return frame

    def _isochrone_timetable(self, profile, model, depart, window, percentile, max_walk, date,
                             frequency_seed, drive_budget, park_time, parking_radius):
        """(keyword arguments of ``Dataset.isochrone``, ``attrs``) for
        isochrones(): the timetable's when *profile* follows it
        (:meth:`_by_timetable`), else none."""
        if profile == "car":
            return {}, {"model": "network"}
        _check_model(model)
        _check_frequency(model, depart, window, percentile, date)
        if not self._by_timetable([profile], model, stacklevel=4):
            return {}, {"model": "frequency"}
        o = self._timing(depart=depart, window=window, max_walk=max_walk, date=date,
                         drive_budget=drive_budget, park_time=park_time,
                         parking_radius=parking_radius)
        depart, window, max_walk, date = o["depart"], o["window"], o["max_walk"], o["date"]
        drive_budget, park_time, parking_radius = (o["drive_budget"], o["park_time"],
                                                   o["parking_radius"])
        pct = 50.0 if percentile is None else float(percentile)
        tkw = {"timetable": True, "depart_s": _clock_seconds(depart or "08:00"),
               "window_min": int(window), "percentiles": [pct], "max_walk_min": int(max_walk),
               "date": _date_number(date), "frequency_seed": int(frequency_seed)}
        attrs = {"model": "timetable", "depart": depart or "08:00", "window_min": int(window),
                 "percentile": pct, "max_walk_min": int(max_walk)}
        if profile == "park_and_ride":
            pr = _park_ride_kwargs(profile, drive_budget, park_time, parking_radius)
            tkw.update({k: v for k, v in pr.items() if k != "park_ride"})
            attrs["park_and_ride"] = _park_ride_attrs(pr)
        return tkw, attrs

    # --------------------------------------------------------- criticality
    def criticality(self, a, b, by="link", profile="car", budget=None, top=None,
                    threads=0, progress=None, model="timetable", depart=None, window=None,
                    percentile=None, max_walk=None, date=None, drive_budget=None,
                    park_time=None, parking_radius=None):
        """Which single failure hurts the commute from *a* to *b* most
        (``tnet criticality A B``): every zone of *a* to every zone of *b*
        (region specs or node ids), one link (``by="link"``) or one whole
        line (``by="line"``) removed at a time. A DataFrame ranked worst
        first (pairs cut, population lost, pairs pushed out of *budget*,
        total increase) with ``pairs_slower``, ``pairs_cut``,
        ``pairs_out_of_budget``, ``population_lost``, ``max_increase_min``,
        ``total_increase_min`` and the worst pair (``worst_from``,
        ``worst_to``, ``before_min``, ``after_min``; NaN when cut). *top*
        (default: the plan's [report] top) limits the rows; *budget*
        defaults to the plan's budget_min.

        Car scans the road network. Transit and park_and_ride follow the
        scenario year's GTFS timetable as the command does by default
        (``model="timetable"``, with its defaults: an argument not given
        takes the plan's first ``[commute]`` group's key when that group
        has ``depart``, else the built-in defaults, as ``tnet criticality``
        and :meth:`commute`): departing *depart*
        (default ``"08:00"``) on the feed's busiest service day (or *date*,
        ``"YYYY-MM-DD"``), one departure per minute over *window* minutes
        (0: the departure alone), the *percentile* (default the median) of
        the times, walks of at most *max_walk* minutes; park_and_ride drives
        at most *drive_budget* minutes to a parking place, parks
        *park_time* minutes and walks at most *parking_radius* metres to a
        stop (``--drive-budget --park-time --parking-radius``). A link
        failure blocks every trip hop over the link and, by park_and_ride,
        closes it to the drive; a line failure every trip of the line.
        ``model="frequency"`` scans the frequency approximation's layered
        graph instead (``--frequency-model``; waits and transfers
        included), as a folder without a feed does, with a warning
        (:data:`NO_FEED_NOTE`).

        ``df.attrs`` holds ``from``, ``to``, ``by``, ``year``, ``pairs``,
        ``candidates``, ``profile`` and ``model`` (``network``,
        ``timetable`` or ``frequency approximation``, as the command's JSON
        names it); :meth:`criticality_document` gives the command's whole
        JSON document. The scan runs on *threads* workers (0: one per
        processor) without the GIL."""
        c = self.dataset._c
        top = int(c.plan_value("top")) if top is None else int(top)
        r = self._criticality_raw(a, b, by, profile, budget, top, threads, progress, model,
                                  depart, window, percentile, max_walk, date, drive_budget,
                                  park_time, parking_radius)
        return _criticality_frame(by, top, [r])

    def criticality_document(self, a, b, by="link", profile="car", budget=None, top=None,
                             threads=0, progress=None, model="timetable", depart=None,
                             window=None, percentile=None, max_walk=None, date=None,
                             drive_budget=None, park_time=None, parking_radius=None):
        """:meth:`criticality` as the dict of ``tnet criticality A B
        --format json`` with the same options (the library's one JSON
        writer of a scan): from, to, by, profile, model (with, by the
        timetable, ``timetable``: feed, date, depart, window_min,
        percentile, max_walk_min and by park-and-ride ``park_and_ride``),
        year, pairs, candidates and the *top* ranked items, each with its
        worst pair and detour."""
        c = self.dataset._c
        top = int(c.plan_value("top")) if top is None else int(top)
        r = self._criticality_raw(a, b, by, profile, budget, top, threads, progress, model,
                                  depart, window, percentile, max_walk, date, drive_budget,
                                  park_time, parking_radius)
        return json.loads(r["document"])

    def _criticality_raw(self, a, b, by, profile, budget, top, threads, progress, model,
                         depart, window, percentile, max_walk, date, drive_budget, park_time,
                         parking_radius, element_blocks=0, element_block=0):
        """The C module's scan for :meth:`criticality` (and the element
        blocks of ``tnet.distributed.criticality``): by the timetable when
        the profile follows it (:meth:`_by_timetable`), else on the
        profile's graph."""
        if by not in ("link", "line"):
            raise ValueError(f"by: expected 'link' or 'line', got {by!r}")
        profile = profile or "car"
        if profile == "car":
            if depart is not None or window or percentile is not None or date is not None \
                    or max_walk is not None:
                raise ValueError("depart, window, percentile, max_walk and date are for "
                                 "profile='transit' or 'park_and_ride' (the timetable)")
            timetable = False
        else:
            _check_model(model)
            _check_frequency(model, depart, window, percentile, date)
            timetable = self._by_timetable([profile], model, stacklevel=4)
        tkw = {}
        if timetable:
            # the command's defaults (tnet_commute_timing_init()): the plan's
            # first [commute] group when it has depart, else the built-in ones
            timing = self.dataset._c.commute_timing()
            given = {"depart": depart, "window": window, "max_walk": max_walk, "date": date,
                     "drive_budget": drive_budget, "park_time": park_time,
                     "parking_radius": parking_radius}
            o = {k: v if v is not None else timing[k] for k, v in given.items()}
            depart, window, max_walk, date = o["depart"], o["window"], o["max_walk"], o["date"]
            drive_budget, park_time = o["drive_budget"], o["park_time"]
            parking_radius = o["parking_radius"]
            tkw = dict(timetable=True, depart_s=_clock_seconds(depart or "08:00"),
                       window_min=int(window),
                       percentile=50.0 if percentile is None else float(percentile),
                       max_walk_min=int(max_walk), date=_date_number(date))
            if profile == "park_and_ride":
                pr = _park_ride_kwargs(profile, drive_budget, park_time, parking_radius)
                tkw.update({k: v for k, v in pr.items() if k != "park_ride"})
        c = self.dataset._c
        return c.criticality(self.year, self.closures, str(a), str(b), by_line=by == "line",
                             profile=profile,
                             budget=c.plan_value("budget_min") if budget is None
                             else float(budget),
                             threads=threads, progress=progress, top=int(top),
                             element_blocks=element_blocks, element_block=element_block, **tkw)

    # ----------------------------------------------------------- corridors
    def corridors(self, a, b, modes="all", k=None, budget=None, factor=None, profile=None,
                  model="timetable", depart=None, window=None, percentile=None,
                  max_walk=None, date=None, disjoint="hops", drive_budget=None,
                  park_time=None, parking_radius=None):
        """Redundancy of the corridor from *a* to *b* (``tnet corridors A
        B``; region specs or node ids) over the links of *modes* (rail,
        road, all): a DataFrame of paths, one row each, with ``set``
        (``link_disjoint`` and ``node_disjoint``: a maximum set of disjoint
        paths over the infrastructure, their number the min cut;
        ``least_time``: up to *k* link-disjoint paths of least total time,
        access links included), ``rank``, ``minutes``, ``nodes`` and
        ``links`` (lists of ids). ``df.attrs`` holds ``line_count``,
        ``lines``, the counts per set, ``within_budget`` (least-time paths
        within *budget* minutes) and ``within_factor`` (within *factor* ×
        the fastest). Defaults: the plan's [report] k, budget_min and
        detour.

        With *profile* (car, transit, park_and_ride; ``tnet corridors
        --profile``) the least-time alternatives are journeys of that
        profile from a zone of *a* to a zone of *b*; ``df.attrs["profile"]``
        names it (None without) and ``df.attrs["model"]`` how they were
        computed, as the command's JSON (``network``, ``timetable`` or
        ``frequency approximation``). Transit and park_and_ride follow the
        scenario year's GTFS timetable as the command does by default
        (``model="timetable"``; ``tnet_corridor_analyse_timetable()`` and
        ``tnet_corridor_analyse_park_ride()``): the first alternative is
        the least ``tnet commute`` cell of the zone pairs, each next one
        the best journey riding none of the hops (``disjoint="lines"``:
        lines) the earlier ones rode. *depart*, *window*, *percentile*
        (default 50), *max_walk*, *date* and park-and-ride's
        *drive_budget*, *park_time*, *parking_radius* are the command's
        options, and those not given take its defaults (the plan's first
        ``[commute]`` group when it has ``depart``, else 08:00, window 0,
        15 minutes, 30 / 5 / 400; as :meth:`commute`).
        Their rows' ``nodes`` are the journey's places (origin zone, the
        parking place, stops, destination zone), ``links`` is empty and
        ``minutes`` exact (the command rounds to 0.1);
        ``df.attrs["timetable"]`` holds the command's ``timetable`` object
        and :meth:`corridors_document` the command's whole JSON document
        (with each journey's legs). ``model="frequency"`` searches the
        frequency approximation's graph instead (``--frequency-model``),
        as a folder without a feed does, with a warning
        (:data:`NO_FEED_NOTE`): the alternatives are then paths of that
        graph, whose ``nodes`` are the places the journey passes (node or
        stop ids) and ``links`` the links it drives or walks."""
        r = self._corridors_raw(a, b, modes, k, budget, factor, profile, model, depart, window,
                                percentile, max_walk, date, disjoint, drive_budget, park_time,
                                parking_radius)
        doc = json.loads(r.pop("document"))
        frame = pd.DataFrame(r.pop("paths"), columns=["set", "rank", "minutes", "nodes",
                                                      "links"])
        frame.attrs.update(r)
        if "model" in doc:
            frame.attrs["model"] = doc["model"]
        if "timetable" in doc:
            frame.attrs["timetable"] = doc["timetable"]
        return frame

    def corridors_document(self, a, b, modes="all", k=None, budget=None, factor=None,
                           profile=None, model="timetable", depart=None, window=None,
                           percentile=None, max_walk=None, date=None, disjoint="hops",
                           drive_budget=None, park_time=None, parking_radius=None):
        """:meth:`corridors` as the dict of ``tnet corridors A B --format
        json`` with the same options (the library's one JSON writer,
        ``tnet_corridor_to_json()``): by the timetable each least-time
        alternative has its zones, departure and legs with clock times."""
        r = self._corridors_raw(a, b, modes, k, budget, factor, profile, model, depart, window,
                                percentile, max_walk, date, disjoint, drive_budget, park_time,
                                parking_radius)
        return json.loads(r["document"])

    def _corridors_raw(self, a, b, modes, k, budget, factor, profile, model, depart, window,
                       percentile, max_walk, date, disjoint, drive_budget, park_time,
                       parking_radius):
        """The C module's corridor for :meth:`corridors`: transit and
        park_and_ride by the timetable when they follow it
        (:meth:`_by_timetable`), else on the profile's graph."""
        if disjoint not in ("hops", "lines"):
            raise ValueError(f"disjoint: expected 'hops' or 'lines', got {disjoint!r}")
        given = {"depart": depart, "window": window, "max_walk": max_walk, "date": date,
                 "drive_budget": drive_budget, "park_time": park_time,
                 "parking_radius": parking_radius}
        timetable = False
        if profile in ("transit", "park_and_ride"):
            _check_model(model)
            _check_frequency(model, depart, window, percentile, date)
            timetable = self._by_timetable([profile], model, stacklevel=4)
        if not timetable and (any(v is not None for v in given.values())
                              or percentile is not None):
            raise ValueError("depart, window, percentile, max_walk, date and park-and-ride's "
                             "options are for transit and park_and_ride by the timetable")
        tkw = {}
        if timetable:
            o = self._timing(**given)
            tkw = dict(timetable=True, depart_s=_clock_seconds(o["depart"] or "08:00"),
                       window_min=int(o["window"]),
                       percentile=50.0 if percentile is None else float(percentile),
                       max_walk_min=int(o["max_walk"]), date=_date_number(o["date"]),
                       disjoint=disjoint)
            if profile == "park_and_ride":
                pr = _park_ride_kwargs(profile, o["drive_budget"], o["park_time"],
                                       o["parking_radius"])
                tkw.update({k_: v for k_, v in pr.items() if k_ != "park_ride"})
        c = self.dataset._c
        return c.corridors(self.year, self.closures, str(a), str(b), modes=modes,
                           k=int(c.plan_value("k")) if k is None else int(k),
                           budget=c.plan_value("budget_min") if budget is None
                           else float(budget),
                           factor=c.plan_value("detour") if factor is None else float(factor),
                           profile=profile, **tkw)

    # ----------------------------------------------------------- transfers
    def transfers(self, hub=None):
        """Transfer times at the passenger hubs of hubs.csv (``tnet
        transfers [HUB]``) with the scenario year's feed: a DataFrame of one
        row per ordered pair of services meeting at a hub (``hub``,
        ``from``, ``to``, routes, modes, stops, ``walk_min``,
        ``headway_min``, ``wait_min`` = headway / 2, ``walk_wait_min``,
        trips per hour, ``weight``, ``timetabled``,
        ``connection_wait_min``); ``df.attrs["hubs"]`` is a DataFrame of
        the hubs (status, services, means plain and frequency-weighted,
        target and pass; NaN when not in service). Raises
        :class:`tnet.Error` (not_found) for an unknown *hub* or a folder
        without hubs.csv."""
        hubs, pairs = self.dataset._c.transfers(self.year, self.closures)
        hub_frame = pd.DataFrame(hubs).set_index("hub") if hubs else pd.DataFrame()
        cols = ["hub", "from", "to", "from_route", "to_route", "from_mode", "to_mode",
                "from_stop", "to_stop", "walk_min", "headway_min", "wait_min",
                "walk_wait_min", "from_trips_per_hour", "to_trips_per_hour", "weight",
                "timetabled", "connection_wait_min"]
        frame = pd.DataFrame(pairs, columns=cols)
        if hub is not None:
            if hub not in hub_frame.index:
                err = _tnet.Error(f"unknown hub \u201c{hub}\u201d ({len(hub_frame)} hubs)")
                err.code = ERROR_CODES["not_found"]
                raise err
            hub_frame = hub_frame.loc[[hub]]
            frame = frame[frame["hub"] == hub].reset_index(drop=True)
        frame.attrs.update(year=self.year, hubs=hub_frame)
        return frame

    # -------------------------------------------------------------- report
    def report(self, baseline=2020):
        """The plan-indicator report (``tnet report --format json``) of the
        baseline year beside this scenario: returns ``(data, table)`` where
        *data* is the JSON as a dict and *table* a DataFrame indexed by
        indicator key with one column per scenario (numbers only; nested
        indicators stay in *data*), the target and the pass flags."""
        data = json.loads(self.dataset._c.report_json(self.year, self.closures,
                                                      baseline=baseline))
        rows = {}
        for col, sc in data.get("scenarios", {}).items():
            for key, value in sc.get("indicators", {}).items():
                if isinstance(value, (int, float)) or value is None:
                    rows.setdefault(key, {})[col] = value
            for key, ok in sc.get("pass", {}).items():
                if key in rows:
                    rows[key][f"pass_{col}"] = ok
        for key, t in data.get("targets", {}).items():
            if key in rows:
                rows[key]["unit"] = t.get("unit")
                rows[key]["target"] = t.get("target_2025")
                rows[key]["comparison"] = t.get("comparison")
        table = pd.DataFrame.from_dict(rows, orient="index")
        table.index.name = "indicator"
        return data, table


def _clock_seconds(depart):
    """Seconds after midnight of *depart* ("HH:MM", hours up to 47 for
    trips past midnight); ValueError naming the argument otherwise."""
    try:
        hh, mm = str(depart).split(":")
        h, m = int(hh), int(mm)
        if not (0 <= h <= 47 and 0 <= m <= 59):
            raise ValueError
    except ValueError:
        raise ValueError(f"depart: expected HH:MM, got {depart!r}") from None
    return h * 3600 + m * 60


def _date_number(date):
    """YYYYMMDD of *date* ("YYYY-MM-DD", a datetime.date, or None: 0, the
    feed's busiest day); ValueError naming the argument otherwise."""
    import datetime
    if date is None:
        return 0
    if isinstance(date, datetime.date):
        return date.year * 10000 + date.month * 100 + date.day
    try:
        d = datetime.date.fromisoformat(str(date))
    except ValueError:
        raise ValueError(f"date: expected YYYY-MM-DD, got {date!r}") from None
    return d.year * 10000 + d.month * 100 + d.day


def _code_type(categories):
    """The integer type pandas keeps the codes of len(categories) in."""
    n = len(categories)
    return np.int8 if n < 127 else np.int16 if n < 32767 else np.int32 if n < 2**31 - 1 \
        else np.int64


def _repeat_each(values, n):
    """np.repeat(values, n) for a 1-d array: each value n times in a row,
    as one strided copy of a broadcast view (np.repeat copies element by
    element: 15 ms instead of 0.1 ms for 1000 x 1000 int16 codes, the most
    of what a matrix's frame cost on top of the library)."""
    return np.broadcast_to(values[:, None], (len(values), n)).reshape(-1)


def _codes(codes, categories):
    """A categorical column of *codes* into *categories* (unique ids in
    order; repeated ids, which place lists may hold, fall back to objects)."""
    if len(set(categories)) == len(categories):
        return pd.Categorical.from_codes(codes, categories=pd.Index(categories, dtype=object))
    return np.array(categories, dtype=object)[codes]


def _commute_frame(r, depart="08:00", window=0):
    """The frame of commute() from the dict *r* of ``Dataset.commute``
    (*depart* and *window*: the timetable's, for ``attrs``)."""
    profiles, o, d = r["profiles"], r["origins"], r["destinations"]
    n_p, n_o, n_d = len(profiles), len(o), len(d)
    minutes = r["minutes"].reshape(-1)
    frame = pd.DataFrame({
        "profile": np.repeat(np.array(profiles, dtype=object), n_o * n_d),
        "origin": np.tile(np.repeat(np.array(o, dtype=object), n_d), n_p),
        "destination": np.tile(np.array(d, dtype=object), n_p * n_o),
        "minutes": minutes,
    })
    for k in ("access_min", "wait_min", "in_vehicle_min", "transfer_min", "egress_min"):
        frame[k] = r[k].reshape(-1)
    frame["rides"] = r["rides"].reshape(-1)
    frame["within_budget"] = ~np.isnan(minutes) & (minutes * 60000.0
                                                   <= r["budget_min"] * 60000.0 + 1e-6)
    models = r.get("models") or ["network" if p == "car" else "frequency" for p in profiles]
    by_tt = "timetable" in models
    if by_tt:
        # [profile, percentile, origin, destination] -> one column per percentile
        cube = np.asarray(r["percentile_minutes"])
        for k, p in enumerate(r["percentiles"]):
            frame[f"travel_time_p{p:g}"] = cube[:, k].reshape(-1)
    population = {"total": r["population_total"]}
    within = r["population_within"]
    for p, name in enumerate(profiles):
        per = {}
        for k, dest in enumerate(list(d) + ["any"]):
            w = float(within[p, k])
            total = r["population_total"]
            per[dest] = {"within": w, "pct": w / total * 100.0 if total > 0 else float("nan")}
        population[name] = per
    frame.attrs.update(scenario=r["scenario"], direction=r["direction"],
                       budget_min=r["budget_min"], methods=dict(zip(profiles, r["methods"])),
                       models=dict(zip(profiles, models)),
                       model="timetable" if by_tt else "frequency" if "frequency" in models
                       else "network", population=population)
    if by_tt:
        frame.attrs.update(feed=r["feed"], date=r["date"], depart=depart,
                           window_min=int(window), percentiles=list(r["percentiles"]))
        if r.get("park_and_ride") is not None:
            frame.attrs["park_and_ride"] = _park_ride_summary(r["park_and_ride"])
    return frame


def _access_ms(minutes):
    """Access times in minutes (inf: none; 0: a node itself) as the
    library's whole milliseconds (an access link at least 1), as floats."""
    a = np.asarray(minutes, dtype=float)
    with np.errstate(invalid="ignore"):
        ms = np.where(a > 0, np.maximum(np.floor(a * 60000.0 + 0.5), 1.0), 0.0)
        return np.where(np.isfinite(a), ms, np.inf)


def _point_frame(minutes, o, dd, year, profile):
    """The long frame of a matrix from or to points: *minutes* [origin,
    destination], ids *o* and *dd* (labels, as objects)."""
    frame = pd.DataFrame({
        "from_id": np.repeat(np.asarray(o, dtype=object), len(dd)),
        "to_id": np.tile(np.asarray(dd, dtype=object), len(o)),
        "travel_time": np.asarray(minutes).reshape(-1),
    })
    frame.attrs.update(scenario=year, profile=profile, method="search")
    if profile != "car":
        frame.attrs["model"] = "frequency"
    return frame


def _points(gdf):
    """The points of *gdf*: its geometries, or their centroids."""
    return gdf.geometry.centroid if any(gdf.geometry.geom_type != "Point") else gdf.geometry


# tnet init's longest access link, metres (TnetInitOptions.access_max_m, its default)
_INIT_MAX_ACCESS_M = 2000.0


def _has_points(places):
    """Whether *places* holds points (a GeoDataFrame, or (lon, lat) tuples)."""
    if _is_geodataframe(places):
        return True
    return isinstance(places, (list, tuple)) and any(isinstance(p, tuple) for p in places)


def _label_route(legs, r, ends, labels):
    """*legs* of route() with attrs *r*, a GeoDataFrame's id (*labels*)
    naming its point end (*ends* a (lon, lat) tuple) instead of its
    "lon,lat"."""
    if labels[0] is not None and isinstance(ends[0], tuple):
        r["from"] = labels[0]
        legs.loc[0, "from"] = labels[0]
    if labels[1] is not None and isinstance(ends[1], tuple):
        r["to"] = labels[1]
        legs.loc[len(legs) - 1, "to"] = labels[1]
    legs.attrs.update(r)
    return legs


def _route_point(place):
    """(item, label) of a route end that is a point: item a (lon, lat)
    tuple, or the node id a one-row GeoDataFrame's ``id`` names; label its
    id (None for a tuple). (None, None) for anything else."""
    if isinstance(place, tuple) and len(place) == 2:
        return (float(place[0]), float(place[1])), None
    if _is_geodataframe(place):
        if len(place) != 1:
            raise ValueError(f"route: expected a one-row GeoDataFrame, got {len(place)} rows")
        pt = _points(place).iloc[0]
        label = str(place["id"].iloc[0]) if "id" in place.columns else str(place.index[0])
        return (float(pt.x), float(pt.y)), label
    return None, None
