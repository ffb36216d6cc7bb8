"""Long calls release the GIL: a Python thread keeps running while another
thread is inside the library."""
import threading
import time

from conftest import XUCHANG  # noqa: F401


def assert_gil_released(call, times=3):
    """Runs *call* *times* (and for at least 0.2 s) in a thread: the main thread keeps running over
    most of it."""
    state = {"in_call": False, "done": False, "t0": 0.0, "t1": 0.0}

    def worker():
        state["t0"] = time.perf_counter()
        state["in_call"] = True
        # at least *times* calls and 0.2 s, so that a fast machine still
        # gives a span long enough to tell
        n = 0
        while n < times or time.perf_counter() - state["t0"] < 0.2:
            call()
            n += 1
        state["t1"] = time.perf_counter()
        state["done"] = True

    t = threading.Thread(target=worker)
    seen = []
    t.start()
    # this thread only runs when the worker does not hold the GIL: if the
    # library call kept it, no iteration could happen until the call ended
    while not state["done"]:
        if state["in_call"]:
            seen.append(time.perf_counter())
    t.join()
    call_s = state["t1"] - state["t0"]
    assert call_s > 0.05, "the call is too short to tell"
    inside = [s for s in seen if state["t0"] <= s <= state["t1"]]
    assert inside, "the main thread never ran during the call"
    assert inside[-1] - inside[0] >= 0.5 * call_s, (inside[-1] - inside[0], call_s)


def test_gil_released_during_matrix(sao_paulo):
    # warm up (feeds are read on first use)
    sao_paulo.travel_time_matrix(["89a8100c603ffff"], profile="transit", model="frequency")
    assert_gil_released(lambda: sao_paulo.travel_time_matrix(profile="transit",
                                                              method="search",
                                                              model="frequency"))


def test_gil_released_during_timetable_commute(xuchang):
    """commute() by the timetable (the default) releases the GIL too."""
    assert_gil_released(lambda: xuchang.commute(profiles=["transit", "park_and_ride"],
                                                window=30))


def test_gil_released_during_point_timetable_matrix(sao_paulo):
    """The timetable matrix from points (range queries per origin)."""
    z = sao_paulo.nodes()
    z = z[z["kind"] == "zone"]
    pts = [(float(x) + 0.0007, float(y) - 0.0004)
           for x, y in zip(z["lon"], z["lat"])]
    assert_gil_released(lambda: sao_paulo.travel_time_matrix(
        pts, profile="transit", depart="07:30", window=120))


def test_gil_released_during_park_ride_matrix(sao_paulo):
    """The park-and-ride timetable matrix (drive search and range query per
    origin)."""
    assert_gil_released(lambda: sao_paulo.travel_time_matrix(
        profile="park_and_ride", depart="07:30", window=60))


def test_two_threads_same_results(xuchang):
    """Two threads computing at once get what one thread gets."""
    want = xuchang.commute()["minutes"].to_numpy()
    out = [None, None]

    def run(i):
        out[i] = [xuchang.commute()["minutes"].to_numpy() for _ in range(5)]

    ts = [threading.Thread(target=run, args=(i,)) for i in range(2)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    import numpy as np
    for results in out:
        for r in results:
            assert np.array_equal(r, want, equal_nan=True)
