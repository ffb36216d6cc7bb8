/* report-uncertainty.c: the report under uncertain inputs. Draws perturbed
 * networks, recomputes every indicator on each and attaches to each row its
 * 5th, 50th and 95th percentiles and the share of draws meeting the target.
 *
 * Implementation notes. A draw multiplies each link's length and its speed
 * (or fixed time) by independent factors uniform in [1 - h, 1 + h], h from
 * plan.ini [uncertainty] by the row's confidence; an access link (a zone's
 * way to a station or interchange) has its time multiplied by one factor
 * instead, its own range access_CONF. Every transit line's headway is
 * multiplied by a factor uniform in [1 - h, 1 + h] (h = headway), applied as
 * a headway factor of the column's scenario copy. The random numbers of draw
 * d come from a SplitMix64 stream seeded with (seed, d), and a line's
 * headway factor from one seeded with (seed, d, line name), so a draw does
 * not depend on which thread runs it or in which order, and a line keeps
 * its factor in every column: the result is a function of the seed alone. Each thread owns a shallow copy of the network (shared
 * strings and indices, its own link records) and rewrites the link values
 * from the originals before every draw. A draw's report
 * (tnet_i_report_run_draw) gets the thread's per-column state (ctx->keep):
 * what the draws never move is built in the thread's first draw and kept
 * (the profiles' graphs, re-weighted to each draw's links and headways;
 * the timetable's trips, with its walks rebuilt on each draw's network;
 * node sets, counts that depend only on which links exist), and the
 * sections leave out the details no table row reads. test-uncertainty
 * checks the rows against full reports of the same perturbed inputs. The
 * draws can be computed in
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
  TnetUncertaintyRanges h;
  GPtrArray *keys;                 /* the base report's row keys */
  double *values;                  /* [draw - first_draw][column][key] */
  TnetReportQueue queue;           /* the draws 0 .. n_draws - 1 */
} Job;

void
tnet_i_report_queue_init (TnetReportQueue *q, guint n_items)
{
  q->n_items = n_items;
  q->next = 0;
  q->error = NULL;
  g_mutex_init (&q->lock);
}

gboolean
tnet_i_report_queue_take (TnetReportQueue *q, guint *index)
{
  guint k = (guint) g_atomic_int_add (&q->next, 1);
  if (k >= q->n_items)
    return FALSE;
  g_mutex_lock (&q->lock);
  gboolean failed = q->error != NULL;
  g_mutex_unlock (&q->lock);
  *index = k;
  return !failed;
}

void
tnet_i_report_queue_fail (TnetReportQueue *q, GError *error, const char *format, ...)
{
  g_mutex_lock (&q->lock);
  if (q->error == NULL)
    {
      va_list ap;
      va_start (ap, format);
      g_autofree char *prefix = g_strdup_vprintf (format, ap);
      va_end (ap);
      g_propagate_prefixed_error (&q->error, error, "%s", prefix);
    }
  else
    g_error_free (error);
  g_mutex_unlock (&q->lock);
}

void
tnet_i_report_queue_clear (TnetReportQueue *q)
{
  g_mutex_clear (&q->lock);
}

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

gboolean
tnet_i_uncertainty_link_varies (const TnetUncertaintyRanges *h, const TnetLink *l)
{
  guint c = tnet_i_uncertainty_confidence (l->confidence);
  if (l->mode == TNET_MODE_ACCESS)
    return h->access[c] > 0;
  return h->length[c] > 0 || h->speed[c] > 0;
}

/* @ms × @f_up / @f_down (both > 0) to the nearest millisecond, at most
 * TNET_WEIGHT_MAX (a drawn time stays a time, never TNET_WEIGHT_INF's
 * "none"). */
static TnetWeight
scaled_ms (TnetWeight ms, double f_up, double f_down)
{
  double r = ms * f_up / f_down;
  return r >= (double) TNET_WEIGHT_MAX ? TNET_WEIGHT_MAX : (TnetWeight) llround (r);
}

void
tnet_i_uncertainty_move_link (const TnetUncertaintyRanges *h, const TnetLink *l, TnetLink *m,
                              double u_len, double u_speed)
{
  guint c = tnet_i_uncertainty_confidence (l->confidence);
  double v = isnan (l->speed_kmh) ? tnet_default_speed_kmh (l->mode, l->road_class)
                                  : l->speed_kmh;
  if (l->mode == TNET_MODE_ACCESS)
    {
      /* an access time is one guess (walk, taxi, waiting for a bus): one
       * factor on the time, the length kept */
      double f = 1.0 + h->access[c] * u_len;
      m->length_m = l->length_m;
      if (l->time_ms != TNET_WEIGHT_INF)
        m->time_ms = scaled_ms (l->time_ms, f, 1.0);
      else
        m->speed_kmh = v / f;
      return;
    }
  double f_len = 1.0 + h->length[c] * u_len;
  double f_speed = 1.0 + h->speed[c] * u_speed;
  m->length_m = l->length_m * f_len;
  if (l->time_ms != TNET_WEIGHT_INF)
    m->time_ms = scaled_ms (l->time_ms, f_len, f_speed);   /* time ∝ length / speed */
  else
    m->speed_kmh = v * f_speed;
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
      /* two numbers per link always, so that links keep their streams */
      double u_len = uniform01 (&state), u_speed = uniform01 (&state);
      tnet_i_uncertainty_move_link (&job->h, l, m, 2.0 * u_len - 1.0, 2.0 * u_speed - 1.0);
    }
}

/* The headway factor of transit line @name in draw @d: uniform in
 * [1 - h, 1 + h] from a stream of (seed, d, name) (FNV-1a of the name). */
static double
headway_draw (const Job *job, guint d, const char *name)
{
  guint64 hash = 0xcbf29ce484222325ULL;
  for (const unsigned char *p = (const unsigned char *) name; *p; p++)
    hash = (hash ^ *p) * 0x100000001b3ULL;
  guint64 state = job->seed ^ (0x9e6c63d0676a9a99ULL * ((guint64) d + 1)) ^ hash;
  splitmix64 (&state);
  return 1.0 + job->h.headway * (2.0 * uniform01 (&state) - 1.0);
}

/* The scenarios of draw @d: copies of the job's with every line of the
 * column's feed at its drawn headway factor (NULL entries when the headways
 * do not vary: the job's scenarios are used). FALSE with @error when a feed
 * does not load. */
static gboolean
draw_scenarios (const Job *job, guint d, TnetScenario **out, GError **error)
{
  for (guint c = 0; c < job->n_scenarios; c++)
    out[c] = NULL;
  if (job->h.headway <= 0)
    return TRUE;
  for (guint c = 0; c < job->n_scenarios; c++)
    {
      const TnetScenario *base = job->scenarios[c];
      const TnetFeed *feed = NULL;
      if (!tnet_dataset_get_feed (job->ds, tnet_scenario_get_year (base), &feed, error))
        return FALSE;
      if (!feed)
        continue;
      out[c] = tnet_scenario_copy (base);
      for (TnetId r = 0; r < tnet_feed_n_routes (feed); r++)
        {
          const TnetFeedRoute *route = tnet_feed_route (feed, r);
          /* the graph takes the short name's factor, or the long name's
           * when the short one's is 1: put the product on the short name */
          const char *name = route->short_name && *route->short_name ? route->short_name
                             : route->long_name;
          if (!name || !*name)
            continue;
          double f = tnet_scenario_get_headway_factor (base, name);
          if (f == 1.0 && route->long_name && name != route->long_name)
            f = tnet_scenario_get_headway_factor (base, route->long_name);
          tnet_scenario_set_headway_factor (out[c], name,
                                            MAX (f * headway_draw (job, d, name), 0.01));
        }
    }
  return TRUE;
}

gboolean
tnet_i_uncertainty_draw_inputs (const TnetDataset *ds, const TnetScenario *const *scenarios,
                                guint n_scenarios, guint64 seed, guint d, TnetNetwork *copy,
                                TnetScenario **drawn, GError **error)
{
  Job job = {
    .ds = ds, .net = tnet_dataset_get_network (ds), .scenarios = scenarios,
    .n_scenarios = n_scenarios, .seed = seed,
  };
  tnet_i_uncertainty_ranges (tnet_dataset_get_plan (ds), &job.h);
  perturb (&job, copy, d);
  return draw_scenarios (&job, d, drawn, error);
}

void
tnet_i_uncertainty_ranges (const TnetPlan *plan, TnetUncertaintyRanges *h)
{
  static const char *const conf[4] = { "high", "medium", "low", "none" };
  for (guint c = 0; c < 4; c++)
    {
      g_autofree char *kl = g_strdup_printf ("uncertainty.length_%s", conf[c]);
      g_autofree char *ks = g_strdup_printf ("uncertainty.speed_%s", conf[c]);
      g_autofree char *ka = g_strdup_printf ("uncertainty.access_%s", conf[c]);
      h->length[c] = tnet_plan_get_double (plan, kl);
      h->speed[c] = tnet_plan_get_double (plan, ks);
      h->access[c] = tnet_plan_get_double (plan, ka);
    }
  h->headway = tnet_plan_get_double (plan, "uncertainty.headway");
}

GPtrArray *
tnet_i_uncertainty_describe (const TnetUncertaintyRanges *h)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);
  const struct {
    const char *what;
    const double *v;
  } by_conf[] = {
    { "link length (not access): x U[1-h, 1+h] per link", h->length },
    { "link speed (not access; a fixed time: / this factor): x U[1-h, 1+h] per link", h->speed },
    { "zone access time (access links): x U[1-h, 1+h] per link", h->access },
  };
  for (guint k = 0; k < G_N_ELEMENTS (by_conf); k++)
    g_ptr_array_add (lines, g_strdup_printf ("%s, h by confidence high %g, medium %g, "
                                             "low %g, none %g", by_conf[k].what,
                                             by_conf[k].v[0], by_conf[k].v[1],
                                             by_conf[k].v[2], by_conf[k].v[3]));
  g_ptr_array_add (lines, g_strdup_printf ("transit headway: x U[1-h, 1+h] per line "
                                           "(the same factor in every column), h %g; "
                                           "the expected wait moves with it",
                                           h->headway));
  return lines;
}

static gpointer
worker (gpointer data)
{
  Job *job = data;
  TnetNetwork *copy = tnet_i_network_shallow_copy (job->net);
  guint n_keys = job->keys->len;
  /* what the thread keeps from draw to draw, per column (ctx->keep) */
  GData **keep = g_new0 (GData *, MAX (job->n_scenarios, 1));
  for (guint c = 0; c < job->n_scenarios; c++)
    g_datalist_init (&keep[c]);
  guint d;
  while (tnet_i_report_queue_take (&job->queue, &d))
    {
      perturb (job, copy, job->first_draw + d);
      GError *local = NULL;
      TnetReport *r = NULL;
      TnetScenario **drawn = g_new0 (TnetScenario *, MAX (job->n_scenarios, 1));
      const TnetScenario **cols = g_new0 (const TnetScenario *, MAX (job->n_scenarios, 1));
      if (draw_scenarios (job, job->first_draw + d, drawn, &local))
        {
          for (guint c = 0; c < job->n_scenarios; c++)
            cols[c] = drawn[c] ? drawn[c] : job->scenarios[c];
          r = tnet_i_report_run_draw (job->ds, copy, cols, job->n_scenarios, keep, &local);
        }
      for (guint c = 0; c < job->n_scenarios; c++)
        g_clear_pointer (&drawn[c], tnet_scenario_free);
      g_free (drawn);
      g_free (cols);
      if (!r)
        {
          tnet_i_report_queue_fail (&job->queue, local, "draw %u: ", job->first_draw + d);
          break;
        }
      for (guint c = 0; c < job->n_scenarios; c++)
        for (guint k = 0; k < n_keys; k++)
          job->values[((gsize) d * job->n_scenarios + c) * n_keys + k]
            = tnet_i_report_summary (r, c, g_ptr_array_index (job->keys, k));
      tnet_report_free (r);
    }
  for (guint c = 0; c < job->n_scenarios; c++)
    g_datalist_clear (&keep[c]);
  g_free (keep);
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
  tnet_i_uncertainty_ranges (plan, &job.h);
  guint n_keys = job.keys->len;
  /* the job writes into its own array, so that a failed call leaves @values */
  job.values = g_new (double, MAX ((gsize) n_draws * n_scenarios * n_keys, 1));
  tnet_i_report_queue_init (&job.queue, n_draws);
  tnet_i_run_threads ("tnet-draw", tnet_i_thread_count (n_threads, n_draws), worker, &job);
  tnet_i_report_queue_clear (&job.queue);
  g_ptr_array_unref (job.keys);
  if (job.queue.error)
    {
      g_propagate_error (error, job.queue.error);
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
