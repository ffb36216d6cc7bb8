"""Criticality by the timetable from Python: `Scenario.criticality()` (and
`criticality_document()`) follow the timetable for transit and
park_and_ride by default, with the options, defaults and fallback of
`tnet criticality`; `model="frequency"` is its `--frequency-model`.

The oracle is the command run as a subprocess (`tnet criticality
--format json` with the same options): another front end of the library
(its own option parsing and timetable loading). The frame's rows are
checked against the document's items, which the library's one writer
rounds to a tenth of a minute."""
import math

import pytest

from conftest import XUCHANG, cli

CASES = [
    # (profile, package keyword arguments, command options, model)
    ("transit", {}, [], "timetable"),
    ("park_and_ride", {}, [], "timetable"),
    ("park_and_ride",
     dict(by="line", depart="07:30", window=10, percentile=80, max_walk=10, drive_budget=20,
          park_time=3, parking_radius=500),
     ["--by", "line", "--depart", "07:30", "--window", "10", "--percentile", "80",
      "--max-walk", "10", "--drive-budget", "20", "--park-time", "3", "--parking-radius", "500"],
     "timetable"),
    ("transit", dict(window=15, percentile=90, date="2025-03-04"),
     ["--window", "15", "--percentile", "90", "--date", "2025-03-04"], "timetable"),
    ("transit", dict(model="frequency"), ["--frequency-model"], "frequency approximation"),
    ("park_and_ride", dict(model="frequency"), ["--frequency-model"],
     "frequency approximation"),
]


def tenth(x):
    """A minute value as the JSON writes it: round (ms / 6000) / 10 in C
    (half away from zero) of the milliseconds; None for NaN."""
    if x is None or math.isnan(x):
        return None
    return math.floor(round(x * 60000.0) / 6000.0 + 0.5) / 10.0


@pytest.mark.parametrize("profile,kwargs,options,model", CASES)
def test_criticality_equals_command(xuchang, profile, kwargs, options, model):
    scen = xuchang.scenario(2025)
    doc = scen.criticality_document("xuchang", "zhengzhou", profile=profile, top=40, **kwargs)
    ref = cli("criticality", "xuchang", "zhengzhou", "--profile", profile, "--top", "40",
              "--data", XUCHANG, "--scenario", "2025", "--format", "json", *options)
    assert doc == ref
    assert doc["model"] == model and doc["profile"] == profile
    assert len(doc["ranked"]) > 3
    frame = scen.criticality("xuchang", "zhengzhou", profile=profile, top=40, **kwargs)
    assert frame.attrs["model"] == model and frame.attrs["profile"] == profile
    assert frame.attrs["pairs"] == ref["pairs"]
    assert frame.attrs["candidates"] == ref["candidates"]
    by = kwargs.get("by", "link")
    assert len(frame) == len(ref["ranked"])
    for (_, row), item in zip(frame.iterrows(), ref["ranked"]):
        assert row[by] == item["name"]
        for k in ("pairs_slower", "pairs_cut", "pairs_out_of_budget"):
            assert row[k] == item[k]
        assert row["worst_from"] == item["worst_pair"]["from"]
        assert row["worst_to"] == item["worst_pair"]["to"]
        assert tenth(row["before_min"]) == item["worst_pair"]["before_min"]
        assert tenth(row["after_min"]) == item["worst_pair"]["after_min"]


def test_criticality_park_ride_options_named(xuchang):
    doc = xuchang.scenario(2025).criticality_document("xuchang", "zhengzhou",
                                                      profile="park_and_ride", top=1,
                                                      drive_budget=20)
    assert doc["timetable"]["park_and_ride"] == {"drive_budget_min": 20, "park_time_min": 5,
                                                 "parking_radius_m": 400}


def test_criticality_frequency_rejects_timetable_options(xuchang):
    with pytest.raises(ValueError):
        xuchang.scenario(2025).criticality("xuchang", "zhengzhou", profile="transit",
                                           model="frequency", depart="07:00")
    with pytest.raises(ValueError):
        xuchang.scenario(2025).criticality("xuchang", "zhengzhou", depart="07:00")
