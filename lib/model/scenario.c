/* scenario.c: TnetScenario, which links exist in a year and how fast. */
#include "tnet-internal.h"

#define DEFAULT_STATUSES (((1u << TNET_N_STATUSES) - 1u) & ~TNET_STATUS_BIT (TNET_STATUS_STUDY))

/* A set or map of strings that remembers insertion order, so validation
 * names "the first" unknown entry deterministically. */
typedef struct {
  GPtrArray *keys;    /* owned keys, in insertion order */
  GHashTable *values; /* key (pointer into keys) -> double* (owned) or NULL */
} Table;

struct _TnetScenario {
  char *name;             /* NULL until set */
  int year;
  guint statuses;         /* TNET_STATUS_BIT mask */
  Table closed_links;
  Table closed_lines;
  Table speed;            /* link id -> km/h, > 0 */
  Table time;             /* link id -> min, >= 0 */
  Table headway;          /* line -> factor, >= 0.01 */
};

static void
table_init (Table *t)
{
  t->keys = g_ptr_array_new_with_free_func (g_free);
  t->values = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
}

static void
table_clear (Table *t)
{
  g_hash_table_destroy (t->values);
  g_ptr_array_free (t->keys, TRUE);
}

static void
table_set (Table *t, const char *key, const double *value)
{
  double *v = value ? g_memdup2 (value, sizeof *value) : NULL;
  gpointer orig;
  if (g_hash_table_lookup_extended (t->values, key, &orig, NULL))
    {
      g_hash_table_insert (t->values, orig, v);
      return;
    }
  char *k = g_strdup (key);
  g_ptr_array_add (t->keys, k);
  g_hash_table_insert (t->values, k, v);
}

static void
table_copy (Table *dst, const Table *src)
{
  table_init (dst);
  for (guint i = 0; i < src->keys->len; i++)
    {
      const char *k = g_ptr_array_index (src->keys, i);
      table_set (dst, k, g_hash_table_lookup (src->values, k));
    }
}

/* The per-link queries run for every link of every graph built: an empty
 * table (the usual case) answers without hashing the key. */
static const double *
table_get (const Table *t, const char *key)
{
  return g_hash_table_size (t->values) ? g_hash_table_lookup (t->values, key) : NULL;
}

static gboolean
table_has (const Table *t, const char *key)
{
  return g_hash_table_size (t->values) && g_hash_table_contains (t->values, key);
}

TnetScenario *
tnet_scenario_new (int year)
{
  TnetScenario *scen = g_new0 (TnetScenario, 1);
  scen->year = year;
  scen->statuses = DEFAULT_STATUSES;
  table_init (&scen->closed_links);
  table_init (&scen->closed_lines);
  table_init (&scen->speed);
  table_init (&scen->time);
  table_init (&scen->headway);
  return scen;
}

void
tnet_scenario_free (TnetScenario *scen)
{
  if (!scen)
    return;
  g_free (scen->name);
  table_clear (&scen->closed_links);
  table_clear (&scen->closed_lines);
  table_clear (&scen->speed);
  table_clear (&scen->time);
  table_clear (&scen->headway);
  g_free (scen);
}

TnetScenario *
tnet_scenario_copy (const TnetScenario *scen)
{
  g_return_val_if_fail (scen != NULL, NULL);
  TnetScenario *c = g_new0 (TnetScenario, 1);
  c->name = g_strdup (scen->name);
  c->year = scen->year;
  c->statuses = scen->statuses;
  table_copy (&c->closed_links, &scen->closed_links);
  table_copy (&c->closed_lines, &scen->closed_lines);
  table_copy (&c->speed, &scen->speed);
  table_copy (&c->time, &scen->time);
  table_copy (&c->headway, &scen->headway);
  return c;
}

void
tnet_scenario_set_name (TnetScenario *scen, const char *name)
{
  g_return_if_fail (scen != NULL);
  char *copy = g_strdup (name);
  g_free (scen->name);
  scen->name = copy;
}

const char *
tnet_scenario_get_name (const TnetScenario *scen)
{
  g_return_val_if_fail (scen != NULL, NULL);
  return scen->name;
}

int
tnet_scenario_get_year (const TnetScenario *scen)
{
  g_return_val_if_fail (scen != NULL, 0);
  return scen->year;
}

void
tnet_scenario_set_year (TnetScenario *scen, int year)
{
  g_return_if_fail (scen != NULL);
  scen->year = year;
}

void
tnet_scenario_set_statuses (TnetScenario *scen, guint status_mask)
{
  g_return_if_fail (scen != NULL);
  scen->statuses = status_mask & ((1u << TNET_N_STATUSES) - 1u);
}

guint
tnet_scenario_get_statuses (const TnetScenario *scen)
{
  g_return_val_if_fail (scen != NULL, 0);
  return scen->statuses;
}

void
tnet_scenario_close_link (TnetScenario *scen, const char *link_id)
{
  g_return_if_fail (scen != NULL && link_id != NULL);
  table_set (&scen->closed_links, link_id, NULL);
}

void
tnet_scenario_close_line (TnetScenario *scen, const char *line)
{
  g_return_if_fail (scen != NULL && line != NULL);
  table_set (&scen->closed_lines, line, NULL);
}

void
tnet_scenario_override_speed (TnetScenario *scen, const char *link_id, double speed_kmh)
{
  g_return_if_fail (scen != NULL && link_id != NULL);
  g_return_if_fail (isfinite (speed_kmh) && speed_kmh > 0.0);
  table_set (&scen->speed, link_id, &speed_kmh);
}

void
tnet_scenario_override_time_ms (TnetScenario *scen, const char *link_id, TnetWeight time_ms)
{
  g_return_if_fail (scen != NULL && link_id != NULL);
  double ms = time_ms;   /* the table holds doubles */
  table_set (&scen->time, link_id, &ms);
}

void
tnet_scenario_set_headway_factor (TnetScenario *scen, const char *line, double factor)
{
  g_return_if_fail (scen != NULL && line != NULL);
  g_return_if_fail (isfinite (factor) && factor >= 0.01);
  table_set (&scen->headway, line, &factor);
}

double
tnet_scenario_get_headway_factor (const TnetScenario *scen, const char *line)
{
  g_return_val_if_fail (scen != NULL && line != NULL, 1.0);
  const double *f = table_get (&scen->headway, line);
  return f ? *f : 1.0;
}

gboolean
tnet_scenario_validate (const TnetScenario *scen, const TnetNetwork *net, GError **error)
{
  g_return_val_if_fail (scen != NULL && net != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);
  struct { const Table *t; const char *what; gboolean line; } checks[] = {
    { &scen->closed_links, "closed link", FALSE },
    { &scen->closed_lines, "closed line", TRUE },
    { &scen->speed, "speed override of link", FALSE },
    { &scen->time, "time override of link", FALSE },
  };
  for (guint c = 0; c < G_N_ELEMENTS (checks); c++)
    for (guint i = 0; i < checks[c].t->keys->len; i++)
      {
        const char *k = g_ptr_array_index (checks[c].t->keys, i);
        gboolean found = checks[c].line ? tnet_network_has_line (net, k)
                                        : tnet_network_find_link (net, k) != TNET_ID_NONE;
        if (!found)
          {
            g_set_error (error, TNET_ERROR, TNET_ERROR_NOT_FOUND,
                         "%s \"%s\": no such %s in the network", checks[c].what, k,
                         checks[c].line ? "line" : "link");
            return FALSE;
          }
      }
  return TRUE;
}

gboolean
tnet_scenario_link_active (const TnetScenario *scen, const TnetNetwork *net, TnetId i)
{
  g_return_val_if_fail (scen != NULL && net != NULL, FALSE);
  g_return_val_if_fail (i < tnet_network_n_links (net), FALSE);
  const TnetLink *l = tnet_network_link (net, i);
  if (l->open_year != 0 && l->open_year > scen->year)
    return FALSE;
  if (!(scen->statuses & TNET_STATUS_BIT (l->status)))
    return FALSE;
  /* a link replaced in a later year (an upgraded road) carries until:YEAR,
   * the last year it exists (docs/data-format.md) */
  for (const char *const *t = l->tags; *t; t++)
    if (g_str_has_prefix (*t, "until:"))
      {
        char *end = NULL;
        gint64 last = g_ascii_strtoll (*t + 6, &end, 10);
        if (end && end != *t + 6 && *end == '\0' && last < scen->year)
          return FALSE;
      }
  return !tnet_scenario_link_closed (scen, net, i);
}

gboolean
tnet_scenario_link_closed (const TnetScenario *scen, const TnetNetwork *net, TnetId i)
{
  g_return_val_if_fail (scen != NULL && net != NULL, FALSE);
  g_return_val_if_fail (i < tnet_network_n_links (net), FALSE);
  const TnetLink *l = tnet_network_link (net, i);
  return table_has (&scen->closed_links, l->id)
         || (l->line && table_has (&scen->closed_lines, l->line));
}

TnetWeight
tnet_scenario_link_time_ms (const TnetScenario *scen, const TnetNetwork *net, TnetId i)
{
  g_return_val_if_fail (scen != NULL && net != NULL, TNET_WEIGHT_MAX);
  g_return_val_if_fail (i < tnet_network_n_links (net), TNET_WEIGHT_MAX);
  const TnetLink *l = tnet_network_link (net, i);
  const double *t = table_get (&scen->time, l->id);
  const double *v = table_get (&scen->speed, l->id);
  double ms;
  if (t)
    ms = *t;
  else if (v)
    ms = l->length_m * 3600.0 / *v;
  else if (l->time_ms != TNET_WEIGHT_INF)
    ms = l->time_ms;
  else
    {
      double kmh = isnan (l->speed_kmh) ? tnet_default_speed_kmh (l->mode, l->road_class)
                                        : l->speed_kmh;
      ms = l->length_m * 3600.0 / kmh;
    }
  if (!(ms < (double) TNET_WEIGHT_MAX))
    return TNET_WEIGHT_MAX;  /* also catches NaN */
  double r = floor (ms + 0.5);
  return r < 1.0 ? 1u : (TnetWeight) r;
}
