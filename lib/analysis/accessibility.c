/* accessibility.c: cumulative opportunities within travel-time cutoffs. */
#include "tnet-internal.h"

struct _TnetAccessibility {
  guint n_origins;
  guint n_cutoffs;
  TnetWeight *cutoffs_ms;   /* n_cutoffs, as given */
  double *values;        /* n_origins * n_cutoffs, row = origin */
  double *means;         /* n_cutoffs, population-weighted; NAN without weight */
  double total;          /* sum of the opportunities */
};

void
tnet_accessibility_free (TnetAccessibility *acc)
{
  if (!acc)
    return;
  g_free (acc->cutoffs_ms);
  g_free (acc->values);
  g_free (acc->means);
  g_free (acc);
}

static gboolean
check_values (const double *v, guint n, const char *what, GError **error)
{
  for (guint i = 0; v && i < n; i++)
    if (!(isfinite (v[i]) && v[i] >= 0))
      {
        g_set_error (error, TNET_ERROR, TNET_ERROR_INVALID_INPUT,
                     "accessibility: %s %u is %g, expected a non-negative number", what, i, v[i]);
        return FALSE;
      }
  return TRUE;
}

TnetAccessibility *
tnet_accessibility_from_matrix (const TnetWeight *times_ms, guint n_origins,
                                guint n_destinations, const double *opportunities,
                                const double *population, const TnetWeight *cutoffs_ms,
                                guint n_cutoffs, GError **error)
{
  g_return_val_if_fail (times_ms != NULL || n_origins * n_destinations == 0, NULL);
  g_return_val_if_fail (opportunities != NULL || n_destinations == 0, NULL);
  g_return_val_if_fail (cutoffs_ms != NULL || n_cutoffs == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  if (n_cutoffs == 0)
    {
      g_set_error (error, TNET_ERROR, TNET_ERROR_INVALID_INPUT,
                   "accessibility: expected at least one cutoff");
      return NULL;
    }
  for (guint c = 0; c < n_cutoffs; c++)
    if (!(cutoffs_ms[c] > 0 && cutoffs_ms[c] <= tnet_weight_from_min (10000)))
      {
        g_set_error (error, TNET_ERROR, TNET_ERROR_INVALID_INPUT,
                     "accessibility: cutoff %g min is out of range, expected (0, 10000]",
                     tnet_weight_to_min (cutoffs_ms[c]));
        return NULL;
      }
  if (!check_values (opportunities, n_destinations, "opportunity of destination", error)
      || !check_values (population, n_origins, "population of origin", error))
    return NULL;
  TnetAccessibility *acc = g_new0 (TnetAccessibility, 1);
  acc->n_origins = n_origins;
  acc->n_cutoffs = n_cutoffs;
  acc->cutoffs_ms = g_memdup2 (cutoffs_ms, sizeof (TnetWeight) * n_cutoffs);
  acc->values = g_new0 (double, MAX ((gsize) n_origins * n_cutoffs, 1));
  acc->means = g_new (double, n_cutoffs);
  for (guint d = 0; d < n_destinations; d++)
    acc->total += opportunities[d];
  for (guint o = 0; o < n_origins; o++)
    {
      const TnetWeight *row = times_ms + (gsize) o * n_destinations;
      double *out = acc->values + (gsize) o * n_cutoffs;
      for (guint d = 0; d < n_destinations; d++)
        {
          if (row[d] == TNET_WEIGHT_INF || opportunities[d] == 0)
            continue;
          for (guint c = 0; c < n_cutoffs; c++)
            if (row[d] <= cutoffs_ms[c])   /* a trip of exactly T counts */
              out[c] += opportunities[d];
        }
    }
  for (guint c = 0; c < n_cutoffs; c++)
    {
      double wsum = 0, sum = 0;
      for (guint o = 0; o < n_origins; o++)
        {
          double w = population ? population[o] : 1.0;
          wsum += w;
          sum += w * acc->values[(gsize) o * n_cutoffs + c];
        }
      acc->means[c] = wsum > 0 ? sum / wsum : NAN;
    }
  return acc;
}

TnetAccessibility *
tnet_accessibility_compute_origins (const TnetNetwork *net, TnetMultimodal *graph,
                                    const TnetId *origins, guint n_origins,
                                    const TnetId *zones, guint n_zones,
                                    const double *opportunities, const double *population,
                                    const TnetWeight *cutoffs_ms, guint n_cutoffs,
                                    const TnetCommuteOptions *opts, GError **error)
{
  g_return_val_if_fail (net != NULL && graph != NULL, NULL);
  g_return_val_if_fail (origins != NULL || n_origins == 0, NULL);
  g_return_val_if_fail (zones != NULL || n_zones == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  TnetWeight max_cut = 0;
  for (guint c = 0; c < n_cutoffs; c++)
    max_cut = MAX (max_cut, cutoffs_ms[c]);
  TnetMultimodal *graphs[1] = { graph };
  /* the times alone: no journeys, no path unpacking */
  TnetCommuteOptions copts;
  if (opts)
    copts = *opts;
  else
    tnet_commute_options_init (&copts);
  copts.totals_only = TRUE;
  g_autoptr (TnetCommute) cm
    = tnet_commute_compute_within (net, graphs, 1, origins, n_origins, zones, n_zones,
                                   TNET_COMMUTE_TO,
                                   max_cut > 0 ? max_cut : tnet_weight_from_min (60), &copts,
                                   error);
  if (!cm)
    return NULL;
  TnetWeight *times = g_new (TnetWeight, MAX ((gsize) n_origins * n_zones, 1));
  for (guint o = 0; o < n_origins; o++)
    for (guint d = 0; d < n_zones; d++)
      times[(gsize) o * n_zones + d] = tnet_commute_cell (cm, 0, o, d)->total_ms;
  TnetAccessibility *acc = tnet_accessibility_from_matrix (times, n_origins, n_zones,
                                                           opportunities, population,
                                                           cutoffs_ms, n_cutoffs, error);
  g_free (times);
  return acc;
}

TnetAccessibility *
tnet_accessibility_compute (const TnetNetwork *net, TnetMultimodal *graph,
                            const TnetId *zones, guint n_zones, const double *opportunities,
                            const double *population, const TnetWeight *cutoffs_ms,
                            guint n_cutoffs, const TnetCommuteOptions *opts, GError **error)
{
  return tnet_accessibility_compute_origins (net, graph, zones, n_zones, zones, n_zones,
                                             opportunities, population, cutoffs_ms,
                                             n_cutoffs, opts, error);
}

guint
tnet_accessibility_n_origins (const TnetAccessibility *acc)
{
  g_return_val_if_fail (acc != NULL, 0);
  return acc->n_origins;
}

guint
tnet_accessibility_n_cutoffs (const TnetAccessibility *acc)
{
  g_return_val_if_fail (acc != NULL, 0);
  return acc->n_cutoffs;
}

TnetWeight
tnet_accessibility_cutoff_ms (const TnetAccessibility *acc, guint c)
{
  g_return_val_if_fail (acc != NULL && c < acc->n_cutoffs, 0);
  return acc->cutoffs_ms[c];
}

double
tnet_accessibility_value (const TnetAccessibility *acc, guint o, guint c)
{
  g_return_val_if_fail (acc != NULL && o < acc->n_origins && c < acc->n_cutoffs, NAN);
  return acc->values[(gsize) o * acc->n_cutoffs + c];
}

double
tnet_accessibility_mean (const TnetAccessibility *acc, guint c)
{
  g_return_val_if_fail (acc != NULL && c < acc->n_cutoffs, NAN);
  return acc->means[c];
}

double
tnet_accessibility_total (const TnetAccessibility *acc)
{
  g_return_val_if_fail (acc != NULL, NAN);
  return acc->total;
}
