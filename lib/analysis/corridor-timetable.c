/* corridor-timetable.c: a corridor's least-time alternatives as transit
 * journeys by the timetable (tnet_corridor_analyse_timetable()), and the
 * parts of the corridor documents that say how they were computed.
 *
 * The search is the paths layer's (tnet_raptor_alternatives(), between
 * the zones' positions by the rule of tnet_timetable_matrix()); this file
 * maps zones to places and back, counts the alternatives within the budget
 * and the factor, and writes them.
 */
#include "tnet-internal.h"
#include "analysis-private.h"
#include "json-text.h"
#include "park-ride-json.h"

#include <math.h>
#include <string.h>

static const char *
disjoint_name (TnetRaptorDisjoint d)
{
  return d == TNET_RAPTOR_DISJOINT_LINES ? "lines" : "hops";
}

static double
minutes1 (gint32 s)
{
  return round ((double) s / 6.0) / 10.0;
}

/* The corridor of both entry points before its journeys: the figures of
 * the infrastructure and the options. */
static TnetCorridor *
timetable_corridor (const TnetNetwork *net, const TnetScenario *scen, const TnetTimetable *tt,
                    const char *feed_name, guint mode_mask, const TnetNodeSet *a,
                    const TnetNodeSet *b, TnetWeight budget_ms, double factor,
                    TnetRaptorDisjoint disjoint, const TnetRaptorFailuresOptions *topts,
                    GError **error)
{
  TnetCorridor *corr = tnet_i_corridor_infra (net, scen, mode_mask, a, b, budget_ms, factor,
                                              error);
  if (corr == NULL)
    return NULL;
  corr->fastest = g_new0 (TnetPathSet, 1);
  corr->tt = tnet_timetable_ref (tt);
  corr->feed_name = g_strdup (feed_name);
  if (topts)
    corr->topts = *topts;
  else
    tnet_raptor_failures_options_init (&corr->topts);
  corr->topts.n_element_blocks = 0;
  corr->topts.element_block = 0;
  corr->disjoint = disjoint;
  return corr;
}

/* Maps the alternatives' indices to the zones' node ids and counts those
 * within the budget and the factor. */
static void
journeys_finish (TnetCorridor *corr, const TnetNodeSet *a, const TnetNodeSet *b)
{
  for (guint i = 0; i < corr->journeys->len; i++)
    {
      TnetRaptorAlternative *alt = &g_array_index (corr->journeys, TnetRaptorAlternative, i);
      alt->origin = g_array_index (a->zones, TnetId, alt->origin);
      alt->destination = g_array_index (b->zones, TnetId, alt->destination);
      guint64 t = (guint64) alt->time_s * 1000;
      guint64 t0 = (guint64) g_array_index (corr->journeys, TnetRaptorAlternative, 0).time_s
                   * 1000;
      if (t <= corr->budget_ms)
        corr->n_within_budget++;
      if ((double) t <= corr->factor * (double) t0)
        corr->n_within_factor++;
    }
}

/* Per pair (zone of @a x zone of @b), whether it is wanted: not a zone
 * with itself. */
static guint8 *
pair_mask_new (const TnetNodeSet *a, const TnetNodeSet *b)
{
  guint na = a->zones->len, nb = b->zones->len;
  guint8 *mask = g_new (guint8, MAX ((gsize) na * nb, 1u));
  for (guint i = 0; i < na; i++)
    for (guint j = 0; j < nb; j++)
      mask[(gsize) i * nb + j] = g_array_index (b->zones, TnetId, j)
                                 != g_array_index (a->zones, TnetId, i);
  return mask;
}

TnetCorridor *
tnet_corridor_analyse_timetable (const TnetNetwork *net, const TnetScenario *scen,
                                 const TnetTimetable *tt, const char *feed_name, guint mode_mask,
                                 const TnetNodeSet *a, const TnetNodeSet *b, guint k,
                                 TnetWeight budget_ms, double factor,
                                 TnetRaptorDisjoint disjoint,
                                 const TnetRaptorFailuresOptions *topts, GError **error)
{
  g_return_val_if_fail (net != NULL && scen != NULL && tt != NULL, NULL);
  g_return_val_if_fail (a != NULL && b != NULL && k >= 1 && factor >= 1.0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  g_autoptr (TnetCorridor) corr = timetable_corridor (net, scen, tt, feed_name, mode_mask, a, b,
                                                      budget_ms, factor, disjoint, topts,
                                                      error);
  if (corr == NULL)
    return NULL;
  guint na = a->zones->len, nb = b->zones->len;
  g_autofree double *ol = g_new (double, 2 * MAX (na, 1u));
  g_autofree double *dl = g_new (double, 2 * MAX (nb, 1u));
  g_autofree guint8 *mask = pair_mask_new (a, b);
  for (guint i = 0; i < na; i++)
    {
      const TnetNode *n = tnet_network_node (net, g_array_index (a->zones, TnetId, i));
      ol[2 * i] = n->lon;
      ol[2 * i + 1] = n->lat;
    }
  for (guint j = 0; j < nb; j++)
    {
      const TnetNode *n = tnet_network_node (net, g_array_index (b->zones, TnetId, j));
      dl[2 * j] = n->lon;
      dl[2 * j + 1] = n->lat;
    }
  corr->journeys = tnet_raptor_alternatives (tt, ol, na, dl, nb, mask, k, disjoint,
                                             &corr->topts, NULL, error);
  if (corr->journeys == NULL)
    return NULL;
  journeys_finish (corr, a, b);
  return g_steal_pointer (&corr);
}

TnetCorridor *
tnet_corridor_analyse_park_ride (const TnetNetwork *net, const TnetScenario *scen,
                                 const TnetParkRide *pr, const char *feed_name, guint mode_mask,
                                 const TnetNodeSet *a, const TnetNodeSet *b, guint k,
                                 TnetWeight budget_ms, double factor,
                                 TnetRaptorDisjoint disjoint,
                                 const TnetRaptorFailuresOptions *topts, GError **error)
{
  g_return_val_if_fail (net != NULL && scen != NULL && pr != NULL, NULL);
  g_return_val_if_fail (a != NULL && b != NULL && k >= 1 && factor >= 1.0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  g_autoptr (TnetCorridor) corr
    = timetable_corridor (net, scen, tnet_i_park_ride_get_timetable (pr), feed_name, mode_mask,
                          a, b, budget_ms, factor, disjoint, topts, error);
  if (corr == NULL)
    return NULL;
  corr->park_ride = TRUE;
  corr->park = *tnet_park_ride_get_options (pr);
  g_autofree guint8 *mask = pair_mask_new (a, b);
  corr->journeys = tnet_park_ride_alternatives (pr, net,
                                                (const TnetId *) (void *) a->zones->data,
                                                a->zones->len,
                                                (const TnetId *) (void *) b->zones->data,
                                                b->zones->len, mask, k, disjoint, &corr->topts,
                                                NULL, error);
  if (corr->journeys == NULL)
    return NULL;
  journeys_finish (corr, a, b);
  return g_steal_pointer (&corr);
}

/* The id of the place at end @e (0: start, 1: end) of leg @j of @alt:
 * a stop's id; the origin zone before the first stop, or the parking
 * place (a network node) after parking; NULL for none. */
static const char *
leg_place (const TnetCorridor *corr, const TnetNetwork *net, const TnetRaptorAlternative *alt,
           guint j, int e)
{
  const TnetTransitLeg *l = &g_array_index (alt->legs, TnetTransitLeg, j);
  if (l->kind == TNET_TRANSIT_LEG_DRIVE)
    return e == 0 ? tnet_network_node (net, alt->origin)->id
                  : tnet_network_node (net, l->node)->id;
  if (l->kind == TNET_TRANSIT_LEG_PARK)
    return tnet_network_node (net, l->node)->id;
  TnetId s = e == 0 ? l->from_stop : l->to_stop;
  if (s != TNET_ID_NONE)
    return tnet_timetable_stop_id (corr->tt, s);
  if (e == 1)
    return NULL;
  /* the walk to the first stop starts where the car was left, or at home */
  const TnetTransitLeg *prev = j > 0 ? &g_array_index (alt->legs, TnetTransitLeg, j - 1) : NULL;
  return prev && prev->kind == TNET_TRANSIT_LEG_PARK ? tnet_network_node (net, prev->node)->id
                                                      : tnet_network_node (net, alt->origin)->id;
}

char **
tnet_corridor_journey_places (const TnetCorridor *corr, const TnetNetwork *net, guint i)
{
  g_return_val_if_fail (corr != NULL && net != NULL && corr->journeys != NULL, NULL);
  g_return_val_if_fail (i < corr->journeys->len, NULL);
  const TnetRaptorAlternative *alt = &g_array_index (corr->journeys, TnetRaptorAlternative, i);
  GPtrArray *out = g_ptr_array_new ();
  const char *last = tnet_network_node (net, alt->origin)->id;
  g_ptr_array_add (out, g_strdup (last));
  for (guint j = 0; j < alt->legs->len; j++)
    {
      for (int e = 0; e < 2; e++)
        {
          const char *id = leg_place (corr, net, alt, j, e);
          if (id && strcmp (last, id) != 0)
            {
              g_ptr_array_add (out, g_strdup (id));
              last = id;
            }
        }
    }
  g_ptr_array_add (out, g_strdup (tnet_network_node (net, alt->destination)->id));
  g_ptr_array_add (out, NULL);
  return (char **) g_ptr_array_free (out, FALSE);
}

char *
tnet_corridor_model (const TnetCorridor *corr)
{
  g_return_val_if_fail (corr != NULL, NULL);
  if (corr->journeys == NULL)
    return g_strdup (corr->mm && tnet_multimodal_get_profile (corr->mm) != TNET_PROFILE_CAR
                     ? "frequency approximation" : "network");
  const TnetRaptorFailuresOptions *o = &corr->topts;
  g_autofree char *dep = tnet_i_clock_hhmm (o->depart_s);
  g_autofree char *park = corr->park_ride
                          ? g_strdup_printf (", drives up to %g min to park %g min within "
                                             "%g m of a stop", corr->park.drive_budget_ms / 60000.0,
                                             corr->park.park_ms / 60000.0,
                                             corr->park.parking_radius_m)
                          : NULL;
  return g_strdup_printf ("timetable %s, %u, departing %s, window %u min, percentile %g, "
                          "walks up to %u min%s",
                          corr->feed_name ? corr->feed_name : "(unnamed)",
                          tnet_timetable_get_service_date (corr->tt), dep, o->n_minutes,
                          o->percentile, o->max_walk_ms / 60000, park ? park : "");
}

void
tnet_i_corridor_model_json (JsonBuilder *jb, const TnetCorridor *corr)
{
  if (corr->mm)
    {
      TnetProfile prof = tnet_multimodal_get_profile (corr->mm);
      json_builder_set_member_name (jb, "profile");
      json_builder_add_string_value (jb, tnet_profile_to_string (prof));
      json_builder_set_member_name (jb, "model");
      json_builder_add_string_value (jb, prof == TNET_PROFILE_CAR ? "network"
                                                                  : "frequency approximation");
      return;
    }
  if (corr->journeys == NULL)
    return;
  const TnetRaptorFailuresOptions *o = &corr->topts;
  json_builder_set_member_name (jb, "profile");
  json_builder_add_string_value (jb, corr->park_ride ? "park_and_ride" : "transit");
  json_builder_set_member_name (jb, "model");
  json_builder_add_string_value (jb, "timetable");
  tnet_i_timetable_options_to_json (jb, corr->feed_name,
                                    tnet_timetable_get_service_date (corr->tt), o->depart_s,
                                    o->n_minutes, o->percentile, o->max_walk_ms,
                                    disjoint_name (corr->disjoint),
                                    corr->park_ride ? &corr->park : NULL);
}

static const char *
leg_kind (TnetTransitLegKind k)
{
  switch (k)
    {
    case TNET_TRANSIT_LEG_RIDE:
      return "ride";
    case TNET_TRANSIT_LEG_TRANSFER:
      return "transfer";
    case TNET_TRANSIT_LEG_DRIVE:
      return "drive";
    case TNET_TRANSIT_LEG_PARK:
      return "park";
    case TNET_TRANSIT_LEG_ACCESS:
    default:
      return "access";
    }
}

/* The legs of alternative @alt as a JSON array: kind, line, trip, from,
 * to (stop ids; the origin zone for the access walk), start, end, wait. */
static void
legs_json (JsonBuilder *jb, const TnetCorridor *corr, const TnetNetwork *net,
           const TnetRaptorAlternative *alt)
{
  json_builder_set_member_name (jb, "legs");
  json_builder_begin_array (jb);
  for (guint j = 0; j < alt->legs->len; j++)
    {
      const TnetTransitLeg *l = &g_array_index (alt->legs, TnetTransitLeg, j);
      g_autofree char *c0 = tnet_i_clock_hhmmss (l->start_s), *c1 = tnet_i_clock_hhmmss (l->end_s);
      json_builder_begin_object (jb);
      tnet_i_json_add_string (jb, "kind", leg_kind (l->kind));
      tnet_i_json_add_string (jb, "line", l->route_name);
      tnet_i_json_add_string (jb, "trip", l->trip_id);
      tnet_i_json_add_string (jb, "from", leg_place (corr, net, alt, j, 0));
      tnet_i_json_add_string (jb, "to", leg_place (corr, net, alt, j, 1));
      tnet_i_json_add_string (jb, "start", c0);
      tnet_i_json_add_string (jb, "end", c1);
      json_builder_set_member_name (jb, "wait_min");
      json_builder_add_double_value (jb, l->wait_s / 60.0);
      json_builder_end_object (jb);
    }
  json_builder_end_array (jb);
}

void
tnet_i_corridor_journey_json (JsonBuilder *jb, const TnetCorridor *corr,
                              const TnetNetwork *net, guint i)
{
  const TnetRaptorAlternative *alt = &g_array_index (corr->journeys, TnetRaptorAlternative, i);
  json_builder_begin_object (jb);
  json_builder_set_member_name (jb, "minutes");
  json_builder_add_double_value (jb, minutes1 (alt->time_s));
  tnet_i_json_add_string (jb, "from", tnet_network_node (net, alt->origin)->id);
  tnet_i_json_add_string (jb, "to", tnet_network_node (net, alt->destination)->id);
  g_autofree char *dep = tnet_i_clock_hhmm (alt->depart_s);
  tnet_i_json_add_string (jb, "depart", dep);
  json_builder_set_member_name (jb, "nodes");
  json_builder_begin_array (jb);
  g_auto (GStrv) places = tnet_corridor_journey_places (corr, net, i);
  for (guint j = 0; places[j]; j++)
    json_builder_add_string_value (jb, places[j]);
  json_builder_end_array (jb);
  json_builder_set_member_name (jb, "links");
  json_builder_begin_array (jb);
  json_builder_end_array (jb);
  legs_json (jb, corr, net, alt);
  json_builder_end_object (jb);
}

void
tnet_i_corridor_journeys_json (JsonBuilder *jb, const TnetCorridor *corr,
                               const TnetNetwork *net)
{
  json_builder_set_member_name (jb, "least_time");
  json_builder_begin_object (jb);
  json_builder_set_member_name (jb, "count");
  json_builder_add_int_value (jb, corr->journeys->len);
  json_builder_set_member_name (jb, "paths");
  json_builder_begin_array (jb);
  for (guint i = 0; i < corr->journeys->len; i++)
    tnet_i_corridor_journey_json (jb, corr, net, i);
  json_builder_end_array (jb);
  json_builder_end_object (jb);
}
