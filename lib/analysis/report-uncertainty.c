/* report-uncertainty.c: the report under uncertain inputs. Draws perturbed
 * networks, recomputes every indicator on each and attaches to each row its
 * 5th, 50th and 95th percentiles and the share of draws meeting the target.
 *
 * Implementation notes. A draw multiplies each link's length and its speed
 * (or fixed time) by independent factors uniform in [1 - h, 1 + h], h from
 * plan.ini [uncertainty] by the row's confidence. The random numbers of draw
 * d come from a SplitMix64 stream seeded with (seed, d), so a draw does not
 * depend on which thread runs it or in which order: the result is a function
 * of the seed alone. Each thread owns a shallow copy of the network (shared
 * strings and indices, its own link records) and rewrites the link values
 * from the originals before every draw. The draws can be computed in
 * blocks (tnet_report_draw_values(), e.g. one block per machine) and their
 * values put together (tnet_report_set_draws()): the same numbers as one
 * call. */
#include "tnet-internal.h"
#include "report-private.h"
#include "threads.h"

typedef struct {
  const TnetDataset *ds;
  const TnetNetwork *net;
  const TnetScenario *const *scenarios;
  guint n_scenarios;
  guint first_draw;                /* draw index of the job's draw 0 */
  guint n_draws;
  guint64 seed;
  double h_length[4], h_speed[4];  /* by confidence: high, medium, low, none */
  GPtrArray *keys;                 /* the base report's row keys */
  double *values;                  /* [draw - first_draw][column][key] */
  gint next;                       /* next draw to take (atomic) */
  GMutex lock;
  GError *error;                   /* first error of a worker, under @lock */
} Job;

static guint64
splitmix64 (guint64 *state)
{
  guint64 z = (*state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

/* Uniform in [0, 1) with 53 random bits. */
static double
uniform01 (guint64 *state)
{
  return (splitmix64 (state) >> 11) * (1.0 / 9007199254740992.0);
}

guint
tnet_i_uncertainty_confidence (const char *c)
{
  if (!c)
    return 3;
  return strcmp (c, "high") == 0 ? 0 : strcmp (c, "medium") == 0 ? 1
         : strcmp (c, "low") == 0 ? 2 : 3;
}

/* Rewrites @copy's links as draw @d of @job. */
static void
perturb (const Job *job, TnetNetwork *copy, guint d)
{
  guint64 state = job->seed ^ (0xd1b54a32d192ed03ULL * ((guint64) d + 1));
  splitmix64 (&state);
  for (TnetId i = 0; i < tnet_network_n_links (job->net); i++)
    {
      const TnetLink *l = tnet_network_link (job->net, i);
      TnetLink *m = tnet_i_network_link_mutable (copy, i);
      guint c = tnet_i_uncertainty_confidence (l->confidence);
      /* two numbers per link always, so that links keep their streams */
      double u_len = uniform01 (&state), u_speed = uniform01 (&state);
      double f_len = 1.0 + job->h_length[c] * (2.0 * u_len - 1.0);
      double f_speed = 1.0 + job->h_speed[c] * (2.0 * u_speed - 1.0);
      m->length_m = l->length_m * f_len;
      if (!isnan (l->time_min))
        m->time_min = l->time_min * f_len / f_speed;   /* time ∝ length / speed */
      else
        {
          double v = isnan (l->speed_kmh) ? tnet_default_speed_kmh (l->mode, l->road_class)
                                          : l->speed_kmh;
          m->speed_kmh = v * f_speed;
        }
    }
}

void
tnet_i_uncertainty_halfwidths (const TnetPlan *plan, double h_length[4], double h_speed[4])
{
  static const char *const conf[4] = { "high", "medium", "low", "none" };
  for (guint c = 0; c < 4; c++)
    {
      g_autofree char *kl = g_strdup_printf ("uncertainty.length_%s", conf[c]);
      g_autofree char *ks = g_strdup_printf ("uncertainty.speed_%s", conf[c]);
      h_length[c] = tnet_plan_get_double (plan, kl);
      h_speed[c] = tnet_plan_get_double (plan, ks);
    }
}

static gpointer
worker (gpointer data)
{
  Job *job = data;
  TnetNetwork *copy = tnet_i_network_shallow_copy (job->net);
  guint n_keys = job->keys->len;
  for (;;)
    {
      guint d = (guint) g_atomic_int_add (&job->next, 1);
      if (d >= job->n_draws)
        break;
      g_mutex_lock (&job->lock);
      gboolean failed = job->error != NULL;
      g_mutex_unlock (&job->lock);
      if (failed)
        break;
      perturb (job, copy, job->first_draw + d);
      GError *local = NULL;
      TnetReport *r = tnet_i_report_run (job->ds, copy, job->scenarios, job->n_scenarios,
                                         FALSE, &local);
      if (!r)
        {
          g_mutex_lock (&job->lock);
          if (!job->error)
            g_propagate_prefixed_error (&job->error, local, "draw %u: ",
                                        job->first_draw + d);
          else
            g_error_free (local);
          g_mutex_unlock (&job->lock);
          break;
        }
      for (guint c = 0; c < job->n_scenarios; c++)
        for (guint k = 0; k < n_keys; k++)
          job->values[((gsize) d * job->n_scenarios + c) * n_keys + k]
            = tnet_i_report_summary (r, c, g_ptr_array_index (job->keys, k));
      tnet_report_free (r);
    }
  tnet_i_network_shallow_free (copy);
  return NULL;
}

static int
compare_doubles (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y ? 1 : 0;
}

/* Quantile @q of the sorted @v (n > 0): linear interpolation between the
 * order statistics at (n - 1) q (Hyndman and Fan's type 7). */
static double
quantile (const double *v, guint n, double q)
{
  double pos = (n - 1) * q;
  guint lo = (guint) floor (pos);
  guint hi = MIN (lo + 1, n - 1);
  double a = v[lo], b = v[hi];
  if (isinf (a) && a == b)
    return a;
  return a + (pos - lo) * (b - a);
}

guint
tnet_report_n_draw_values (const TnetReport *report)
{
  g_return_val_if_fail (report != NULL, 0);
  g_autoptr (GPtrArray) keys = tnet_i_report_keys (report);
  return tnet_i_report_n_columns (report) * keys->len;
}

gboolean
tnet_report_draw_values (const TnetReport *report, const TnetDataset *ds,
                         const TnetScenario *const *scenarios, guint n_scenarios,
                         guint first_draw, guint n_draws, guint64 seed, guint n_threads,
                         double *values, GError **error)
{
  g_return_val_if_fail (report != NULL && ds != NULL, FALSE);
  g_return_val_if_fail (scenarios != NULL || n_scenarios == 0, FALSE);
  g_return_val_if_fail (n_scenarios == tnet_i_report_n_columns (report), FALSE);
  g_return_val_if_fail (values != NULL || n_draws == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  const TnetPlan *plan = tnet_dataset_get_plan (ds);
  Job job = {
    .ds = ds, .net = tnet_dataset_get_network (ds), .scenarios = scenarios,
    .n_scenarios = n_scenarios, .first_draw = first_draw, .n_draws = n_draws, .seed = seed,
    .keys = tnet_i_report_keys (report),
  };
  tnet_i_uncertainty_halfwidths (plan, job.h_length, job.h_speed);
  guint n_keys = job.keys->len;
  /* the job writes into its own array, so that a failed call leaves @values */
  job.values = g_new (double, MAX ((gsize) n_draws * n_scenarios * n_keys, 1));
  g_mutex_init (&job.lock);
  tnet_i_run_threads ("tnet-draw", tnet_i_thread_count (n_threads, n_draws), worker, &job);
  g_mutex_clear (&job.lock);
  g_ptr_array_unref (job.keys);
  if (job.error)
    {
      g_propagate_error (error, job.error);
      g_free (job.values);
      return FALSE;
    }
  memcpy (values, job.values, sizeof (double) * n_draws * n_scenarios * n_keys);
  g_free (job.values);
  return TRUE;
}

void
tnet_report_set_draws (TnetReport *report, const double *values, guint n_draws)
{
  g_return_if_fail (report != NULL);
  g_return_if_fail (values != NULL && n_draws >= 1);
  g_autoptr (GPtrArray) keys = tnet_i_report_keys (report);
  guint n_keys = keys->len, n_scenarios = tnet_i_report_n_columns (report);
  double *v = g_new (double, n_draws);
  for (guint c = 0; c < n_scenarios; c++)
    for (guint k = 0; k < n_keys; k++)
      {
        const char *key = g_ptr_array_index (keys, k);
        guint n = 0, pass = 0;
        gboolean has_target = FALSE;
        for (guint d = 0; d < n_draws; d++)
          {
            double x = values[((gsize) d * n_scenarios + c) * n_keys + k];
            gboolean ok = FALSE;
            has_target = tnet_i_report_check (report, key, x, &ok);
            pass += ok;
            if (!isnan (x))
              v[n++] = x;
          }
        if (n == 0)
          continue;
        qsort (v, n, sizeof *v, compare_doubles);
        TnetReportSpread s = {
          .p05 = quantile (v, n, 0.05), .p50 = quantile (v, n, 0.50),
          .p95 = quantile (v, n, 0.95),
          .pass_probability = has_target ? (double) pass / n_draws : NAN,
          .n_draws = n_draws,
        };
        tnet_i_report_set_spread (report, c, key, &s);
      }
  g_free (v);
}

TnetReport *
tnet_report_compute_uncertain (const TnetDataset *ds, const TnetScenario *const *scenarios,
                               guint n_scenarios, guint n_draws, guint64 seed,
                               guint n_threads, GError **error)
{
  g_return_val_if_fail (ds != NULL, NULL);
  g_return_val_if_fail (scenarios != NULL || n_scenarios == 0, NULL);
  g_return_val_if_fail (n_draws >= 1, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  TnetReport *report = tnet_report_compute (ds, scenarios, n_scenarios, error);
  if (!report)
    return NULL;
  double *values = g_new (double, MAX ((gsize) n_draws * tnet_report_n_draw_values (report),
                                       1));
  if (!tnet_report_draw_values (report, ds, scenarios, n_scenarios, 0, n_draws, seed,
                                n_threads, values, error))
    {
      g_free (values);
      tnet_report_free (report);
      return NULL;
    }
  tnet_report_set_draws (report, values, n_draws);
  g_free (values);
  return report;
}
