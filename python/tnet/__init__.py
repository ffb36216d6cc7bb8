"""tnet: regional transport networks as weighted graphs, from Python.

A thin layer over the C library: results come back as pandas DataFrames
(travel-time matrices in the long form r5py uses: ``from_id, to_id,
travel_time`` by car, ``travel_time_p50`` by the timetable) and GeoPandas
GeoDataFrames (reached places), filled from NumPy arrays the C module
builds without a Python object per cell.

Transit and park-and-ride follow the scenario year's GTFS timetable by
default, as the ``tnet`` commands do (with the timetable options of the
plan's first ``[commute]`` group when it has ``depart``, else departing
08:00 on the feed's busiest service day, window 0); ``model="frequency"``
asks for the frequency approximation, which a folder without a feed also
gets, with a warning carrying the commands' note (:data:`NO_FEED_NOTE`).

    >>> import tnet
    >>> ds = tnet.Dataset("data/xuchang")
    >>> ds.travel_time_matrix("region:xuchang", "zz_center", profile="car")
    >>> ds.scenario(2025, closures=["G4 京港澳高速"]).commute()

Errors of the library raise :class:`tnet.Error`; its message is tnet's
(``FILE:LINE:COLUMN: what was expected`` for bad input) and ``.code`` the
``TNET_ERROR`` code. Long calls release the GIL, so threads run them
concurrently, and take a ``progress(done, total, what)`` callable: it
hears of the work done (``what`` names it: "CH build", "criticality scan",
"timetable matrix"...). To cancel, return ``False`` or raise from it: the
binding then cancels the ``GCancellable`` it gave the library for the call,
which stops at its next check (the next report at the latest), and the call
raises the callable's exception, or :class:`tnet.Error` (domain
``g-io-error-quark``, cancelled) after a ``False``.
"""
from ._tnet import Error
from ._tnet import version as _library_version
from ._frames import Dataset, Scenario, ERROR_CODES, MODELS, NO_FEED_NOTE

__all__ = ["Dataset", "Scenario", "Error", "ERROR_CODES", "MODELS", "NO_FEED_NOTE",
           "__version__"]

__version__ = _library_version()
