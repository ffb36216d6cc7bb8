/* fuzz-gtfs-check.c: invariants of a loaded feed, shared by the GTFS
 * targets. */
#include "fuzz-gtfs.h"

#include <stdlib.h>

static void
check_patterns (const TnetFeed *feed)
{
  guint n_stops = tnet_feed_n_stops (feed), n_routes = tnet_feed_n_routes (feed);
  for (guint i = 0; i < tnet_feed_n_stops (feed); i++)
    {
      const TnetFeedStop *s = tnet_feed_stop (feed, i);
      if (!s || !s->id || tnet_feed_find_stop (feed, s->id) != i)
        abort ();
    }
  for (guint i = 0; i < tnet_feed_n_patterns (feed); i++)
    {
      const TnetPattern *p = tnet_feed_pattern (feed, i);
      if (!p || p->route >= n_routes || p->n_stops < 2 || p->n_departures == 0)
        abort ();
      if (!(p->headway_s > 0.0) || !isfinite (p->headway_s))
        abort ();
      for (guint k = 0; k < p->n_stops; k++)
        if (p->stops[k] >= n_stops)
          abort ();
      for (guint k = 0; k + 1 < p->n_departures; k++)
        if (p->departures_s[k] > p->departures_s[k + 1])
          abort ();
      /* route names are always printable */
      if (!tnet_feed_route_name (feed, p->route))
        abort ();
    }
  for (guint i = 0; i < tnet_feed_n_transfers (feed); i++)
    {
      const TnetFeedTransfer *t = tnet_feed_transfer (feed, i);
      if (!t || t->from_stop >= n_stops || t->to_stop >= n_stops)
        abort ();
    }
}

void
fz_check_feed (const TnetFeed *feed)
{
  check_patterns (feed);
  const TnetNetwork *net = fz_xuchang ();
  TnetScenario *scen = tnet_scenario_new (2025);
  TnetTransitOptions opts;
  tnet_transit_options_init (&opts);
  GError *error = NULL;
  TnetMultimodal *mm = tnet_multimodal_build (net, scen, feed, TNET_PROFILE_TRANSIT, &opts,
                                              &error);
  if (mm)
    {
      TnetMultimodalStats st;
      tnet_multimodal_get_stats (mm, &st);
      if (st.n_patterns > tnet_feed_n_patterns (feed))
        abort ();
      tnet_multimodal_unref (mm);
    }
  else
    fz_expect_error (error);
  tnet_scenario_free (scen);
}
