/* plan-ini.c: the report plan of a network folder (plan.ini).
 *
 * Implementation notes. GKeyFile parses; it reports no lines and keeps the
 * last of two equal keys silently, so the text is scanned once to record
 * the line and value column of every key and to refuse repeats. Every key
 * is checked against the schema below and converted once, so the getters
 * cannot fail. Names the plan uses (regions, nodes, profiles' places) need
 * a network and are checked by the dataset loader.
 */
#include "tnet-internal.h"
#include "ini-places.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

typedef enum {
  K_STRING,   /* any text (localised variants KEY[LANG] allowed) */
  K_INT,      /* whole number in [lo, hi] */
  K_DOUBLE,   /* number in (lo, hi] */
  K_BOOL,     /* true or false */
  K_LIST,     /* ;-separated words */
} KeyType;

typedef struct {
  const char *group;   /* "plan", or the kind of a "KIND NAME" group */
  const char *key;
  KeyType type;
  double lo, hi;
  gboolean required;
} KeySpec;

static const KeySpec specs[] = {
  { "plan", "name", K_STRING, 0, 0, FALSE },
  { "plan", "title", K_STRING, 0, 0, FALSE },
  { "plan", "map_title", K_STRING, 0, 0, FALSE },
  { "plan", "credit", K_STRING, 0, 0, FALSE },
  { "plan", "map_languages", K_LIST, 0, 0, FALSE },
  { "plan", "table_header", K_STRING, 0, 0, FALSE },
  { "plan", "home", K_STRING, 0, 0, FALSE },
  { "plan", "home_label", K_STRING, 0, 0, FALSE },
  { "plan", "units", K_STRING, 0, 0, FALSE },
  { "plan", "targets", K_STRING, 0, 0, FALSE },
  { "data", "years", K_STRING, 0, 0, FALSE },
  { "data", "scenario", K_INT, 1800, 2200, FALSE },
  { "report", "top", K_INT, 1, 100000, FALSE },
  { "report", "k", K_INT, 1, 16, FALSE },
  { "report", "budget_min", K_DOUBLE, 0, 1440, FALSE },
  { "report", "detour", K_DOUBLE, 1, 10, FALSE },
  { "report", "unit_min_lines", K_INT, 1, 1000, FALSE },
  { "report", "trunk_classes", K_LIST, 0, 0, FALSE },
  { "report", "critical_pair", K_STRING, 0, 0, FALSE },
  { "report", "corridors", K_BOOL, 0, 0, FALSE },
  { "pair", "region", K_STRING, 0, 0, TRUE },
  { "pair", "label", K_STRING, 0, 0, FALSE },
  { "pair", "lines", K_BOOL, 0, 0, FALSE },
  { "pair", "disjoint_paths", K_BOOL, 0, 0, FALSE },
  { "commute", "title", K_STRING, 0, 0, FALSE },
  { "commute", "key", K_STRING, 0, 0, FALSE },
  { "commute", "origins", K_STRING, 0, 0, TRUE },
  { "commute", "destinations", K_STRING, 0, 0, TRUE },
  { "commute", "profiles", K_LIST, 0, 0, FALSE },
  { "commute", "budget_min", K_DOUBLE, 0, 1440, TRUE },
  { "commute", "share_destination", K_STRING, 0, 0, FALSE },
  { "commute", "share_label", K_STRING, 0, 0, FALSE },
  { "commute", "unit_rows", K_BOOL, 0, 0, FALSE },
  { "commute", "reading", K_STRING, 0, 0, FALSE },
  { "commute", "depart", K_STRING, 0, 0, FALSE },
  { "commute", "window", K_INT, 1, 1440, FALSE },
  { "commute", "date", K_STRING, 0, 0, FALSE },
  { "commute", "max_walk", K_DOUBLE, 0, 1440, FALSE },
  { "commute", "percentiles", K_LIST, 0, 0, FALSE },
  { "commute", "drive_budget_min", K_INT, 0, 1440, FALSE },
  { "commute", "park_time_min", K_INT, 0, 1440, FALSE },
  { "commute", "parking_radius_m", K_DOUBLE, 0, 10000, FALSE },
  /* relative half-widths of the uncertainty draws, by row confidence */
  { "uncertainty", "length_high", K_DOUBLE, -1e-12, 0.9, FALSE },
  { "uncertainty", "length_medium", K_DOUBLE, -1e-12, 0.9, FALSE },
  { "uncertainty", "length_low", K_DOUBLE, -1e-12, 0.9, FALSE },
  { "uncertainty", "length_none", K_DOUBLE, -1e-12, 0.9, FALSE },
  { "uncertainty", "speed_high", K_DOUBLE, -1e-12, 0.9, FALSE },
  { "uncertainty", "speed_medium", K_DOUBLE, -1e-12, 0.9, FALSE },
  { "uncertainty", "speed_low", K_DOUBLE, -1e-12, 0.9, FALSE },
  { "uncertainty", "speed_none", K_DOUBLE, -1e-12, 0.9, FALSE },
  { "uncertainty", "access_high", K_DOUBLE, -1e-12, 0.9, FALSE },
  { "uncertainty", "access_medium", K_DOUBLE, -1e-12, 0.9, FALSE },
  { "uncertainty", "access_low", K_DOUBLE, -1e-12, 0.9, FALSE },
  { "uncertainty", "access_none", K_DOUBLE, -1e-12, 0.9, FALSE },
  { "uncertainty", "headway", K_DOUBLE, -1e-12, 0.9, FALSE },
};

/* Defaults of the numeric [report] keys (docs/data-format.md). */
static const struct {
  const char *key;
  double value;
} report_defaults[] = {
  { "top", 10 }, { "k", 5 }, { "budget_min", 60 }, { "detour", 1.5 },
  { "unit_min_lines", 2 }, { "corridors", 0 },
  /* docs/uncertainty.md explains these */
  { "uncertainty.length_high", 0.01 }, { "uncertainty.length_medium", 0.03 },
  { "uncertainty.length_low", 0.08 }, { "uncertainty.length_none", 0.15 },
  { "uncertainty.speed_high", 0.05 }, { "uncertainty.speed_medium", 0.10 },
  { "uncertainty.speed_low", 0.20 }, { "uncertainty.speed_none", 0.25 },
  { "uncertainty.access_high", 0.10 }, { "uncertainty.access_medium", 0.20 },
  { "uncertainty.access_low", 0.30 }, { "uncertainty.access_none", 0.40 },
  { "uncertainty.headway", 0.30 },
};

struct _TnetPlan {
  char *path;
  GKeyFile *kf;
  GHashTable *places;         /* TnetIniPlace of every group and key (ini-places.h) */
  GHashTable *numbers;        /* "KEY" of [report] -> double* given in the file */
  GHashTable *values;         /* "group\nkey" -> stripped string, every key of
                               * [plan], [data], [report] and [names] */
  GArray *pairs;              /* TnetPlanPair; strings owned by @strings */
  GArray *commutes;           /* TnetPlanCommute */
  GPtrArray *strings;         /* every string and array the records point into */
  char **trunk_classes;       /* NULL when not given */
  char **map_languages;       /* NULL when not given */
};

static char *
place_key (const char *group, const char *key)
{
  return g_strconcat (group, "\n", key ? key : "", NULL);
}

void
tnet_plan_free (TnetPlan *plan)
{
  if (!plan)
    return;
  g_free (plan->path);
  if (plan->kf)
    g_key_file_unref (plan->kf);
  if (plan->places)
    g_hash_table_unref (plan->places);
  g_hash_table_unref (plan->numbers);
  g_hash_table_unref (plan->values);
  g_array_unref (plan->pairs);
  g_array_unref (plan->commutes);
  g_ptr_array_unref (plan->strings);
  g_strfreev (plan->trunk_classes);
  g_strfreev (plan->map_languages);
  g_free (plan);
}

G_GNUC_PRINTF (5, 6) static void
plan_error (GError **error, const TnetPlan *plan, const char *group, const char *key,
            const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  g_autofree char *msg = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  const TnetIniPlace *p = plan->places ? tnet_i_ini_place (plan->places, group, key) : NULL;
  if (p)
    g_set_error (error, TNET_ERROR, TNET_ERROR_INVALID_INPUT, "%s:%u:%u: %s", plan->path,
                 p->line, p->column, msg);
  else
    g_set_error (error, TNET_ERROR, TNET_ERROR_INVALID_INPUT, "%s: [%s]%s%s: %s", plan->path,
                 group, key ? " " : "", key ? key : "", msg);
}

static const KeySpec *
find_spec (const char *kind, const char *key)
{
  /* a localised string key: KEY[LANG] */
  g_autofree char *base = NULL;
  const char *bracket = strchr (key, '[');
  if (bracket && g_str_has_suffix (key, "]"))
    base = g_strndup (key, bracket - key);
  for (guint i = 0; i < G_N_ELEMENTS (specs); i++)
    if (strcmp (specs[i].group, kind) == 0
        && strcmp (specs[i].key, base ? base : key) == 0
        && (!base || specs[i].type == K_STRING))
      return &specs[i];
  return NULL;
}

static const char *
keep (TnetPlan *plan, char *s)
{
  if (s)
    g_ptr_array_add (plan->strings, s);
  return s;
}

static gboolean
parse_number (const char *s, double *out)
{
  char *end;
  errno = 0;
  double v = g_ascii_strtod (s, &end);
  if (errno || end == s || *end || !isfinite (v))
    return FALSE;
  *out = v;
  return TRUE;
}

/* Checks the value of one key against its spec. */
static gboolean
check_value (TnetPlan *plan, const char *group, const char *key, const KeySpec *spec,
             GError **error)
{
  g_autofree char *raw = g_key_file_get_value (plan->kf, group, key, NULL);
  g_autofree char *v = g_strstrip (g_strdup (raw ? raw : ""));
  double x = 0;   /* every case sets it; -O3 cannot see that through the enum switch */
  switch (spec->type)
    {
    case K_STRING:
    case K_LIST:
      if (*v == '\0')
        {
          plan_error (error, plan, group, key, "empty value for '%s' (expected %s)", key,
                      spec->type == K_LIST ? "a ;-separated list" : "some text");
          return FALSE;
        }
      return TRUE;
    case K_BOOL:
      if (strcmp (v, "true") && strcmp (v, "false"))
        {
          plan_error (error, plan, group, key, "expected true or false for '%s', got \"%s\"",
                      key, v);
          return FALSE;
        }
      x = strcmp (v, "true") == 0;
      break;
    case K_INT:
      if (!parse_number (v, &x) || x != floor (x) || x < spec->lo || x > spec->hi)
        {
          plan_error (error, plan, group, key,
                      "expected a whole number from %g to %g for '%s', got \"%s\"",
                      spec->lo, spec->hi, key, v);
          return FALSE;
        }
      break;
    case K_DOUBLE:
      if (!parse_number (v, &x) || x <= spec->lo || x > spec->hi)
        {
          plan_error (error, plan, group, key,
                      "expected a number above %g and at most %g for '%s', got \"%s\"",
                      spec->lo, spec->hi, key, v);
          return FALSE;
        }
      break;
    }
  if (strcmp (group, "report") == 0)
    {
      double *d = g_new (double, 1);
      *d = x;
      g_hash_table_insert (plan->numbers, g_strdup (key), d);
    }
  else if (strcmp (group, "uncertainty") == 0)
    {
      double *d = g_new (double, 1);
      *d = x;
      g_hash_table_insert (plan->numbers, g_strdup_printf ("uncertainty.%s", key), d);
    }
  return TRUE;
}

static char **
get_list (GKeyFile *kf, const char *group, const char *key)
{
  g_autofree char *raw = g_key_file_get_value (kf, group, key, NULL);
  if (!raw)
    return NULL;
  char **items = g_strsplit (raw, ";", -1);
  guint n = 0;
  for (guint i = 0; items[i]; i++)
    {
      g_strstrip (items[i]);
      if (*items[i])
        items[n++] = items[i];
      else
        g_free (items[i]);
    }
  items[n] = NULL;
  return items;
}

static char *
get_string (GKeyFile *kf, const char *group, const char *key)
{
  char *s = g_key_file_get_string (kf, group, key, NULL);
  return s ? g_strstrip (s) : NULL;
}

static gboolean
get_bool (GKeyFile *kf, const char *group, const char *key, gboolean dflt)
{
  g_autofree char *s = get_string (kf, group, key);
  return s ? strcmp (s, "true") == 0 : dflt;
}

/* The timetable keys of a [commute NAME] group (TnetPlanCommute): depart
 * HH:MM (hours up to 47, as GTFS times past midnight), date YYYY-MM-DD,
 * window and max_walk in minutes, percentiles a ;-list in [0, 100]; and
 * park-and-ride's by the timetable, drive_budget_min and park_time_min in
 * whole minutes, parking_radius_m in metres (the defaults of `tnet commute
 * --drive-budget --park-time --parking-radius`). Minutes become ms here. */
static gboolean
parse_commute_timetable (TnetPlan *plan, const char *group, TnetPlanCommute *c,
                         GError **error)
{
  GKeyFile *kf = plan->kf;
  g_autofree char *depart = get_string (kf, group, "depart");
  static const char *const needs_depart[] = { "window", "date", "max_walk", "percentiles",
                                              "drive_budget_min", "park_time_min",
                                              "parking_radius_m", NULL };
  c->timetable = depart != NULL;
  c->drive_budget_ms = tnet_weight_from_min (30);
  c->park_time_ms = tnet_weight_from_min (5);
  c->parking_radius_m = 400;
  if (!depart)
    {
      for (guint i = 0; needs_depart[i]; i++)
        if (g_key_file_has_key (kf, group, needs_depart[i], NULL))
          {
            plan_error (error, plan, group, needs_depart[i],
                        "'%s' is a key of the timetable: give 'depart' (HH:MM) too",
                        needs_depart[i]);
            return FALSE;
          }
      return TRUE;
    }
  unsigned hh = 0, mm = 0;
  char tail = 0;
  if (strlen (depart) != 5 || sscanf (depart, "%2u:%2u%c", &hh, &mm, &tail) != 2 || hh > 47
      || mm > 59 || depart[2] != ':' || !g_ascii_isdigit (depart[0])
      || !g_ascii_isdigit (depart[1]) || !g_ascii_isdigit (depart[3])
      || !g_ascii_isdigit (depart[4]))
    {
      plan_error (error, plan, group, "depart", "expected HH:MM (00:00 to 47:59), got \"%s\"",
                  depart);
      return FALSE;
    }
  c->depart_s = (gint32) (hh * 3600 + mm * 60);
  g_autofree char *window = get_string (kf, group, "window");
  double x = 1;
  if (window)
    parse_number (window, &x);   /* checked by check_value */
  c->window_ms = tnet_weight_from_min ((guint) x);
  g_autofree char *walk = get_string (kf, group, "max_walk");
  c->max_walk_ms = c->budget_ms;
  if (walk && parse_number (walk, &x))
    c->max_walk_ms = tnet_weight_from_min (x);
  /* checked by check_value: whole minutes in 0..1440, metres in 0..10000 */
  g_autofree char *drive = get_string (kf, group, "drive_budget_min");
  if (drive && parse_number (drive, &x))
    c->drive_budget_ms = tnet_weight_from_min ((guint) x);
  g_autofree char *park = get_string (kf, group, "park_time_min");
  if (park && parse_number (park, &x))
    c->park_time_ms = tnet_weight_from_min ((guint) x);
  g_autofree char *radius = get_string (kf, group, "parking_radius_m");
  if (radius)
    parse_number (radius, &c->parking_radius_m);
  g_autofree char *date = get_string (kf, group, "date");
  if (date)
    {
      unsigned y = 0, mo = 0, d = 0;
      if (strlen (date) != 10 || sscanf (date, "%4u-%2u-%2u%c", &y, &mo, &d, &tail) != 3
          || !g_date_valid_dmy ((GDateDay) d, (GDateMonth) mo, (GDateYear) y))
        {
          plan_error (error, plan, group, "date", "expected a date YYYY-MM-DD, got \"%s\"",
                      date);
          return FALSE;
        }
      c->date = y * 10000 + mo * 100 + d;
    }
  g_auto (GStrv) pcts = get_list (kf, group, "percentiles");
  static const double dflt[] = { 5, 50, 95 };
  guint n = pcts ? g_strv_length (pcts) : G_N_ELEMENTS (dflt);
  double *p = g_new (double, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      if (!pcts)
        p[i] = dflt[i];
      else if (!parse_number (pcts[i], &p[i]) || p[i] < 0 || p[i] > 100)
        {
          plan_error (error, plan, group, "percentiles",
                      "expected percentiles from 0 to 100, got \"%s\"", pcts[i]);
          g_free (p);
          return FALSE;
        }
    }
  g_ptr_array_add (plan->strings, p);
  c->percentiles = p;
  c->n_percentiles = n;
  return TRUE;
}

static gboolean
parse_commute (TnetPlan *plan, const char *group, const char *name, GError **error)
{
  GKeyFile *kf = plan->kf;
  TnetPlanCommute c = { 0 };
  c.id = keep (plan, g_strdup (name));
  c.origins = keep (plan, get_string (kf, group, "origins"));
  c.destinations = keep (plan, get_string (kf, group, "destinations"));
  c.title = keep (plan, get_string (kf, group, "title"));
  if (!c.title)
    c.title = keep (plan, g_strdup_printf ("Commute %s", name));
  c.key = keep (plan, get_string (kf, group, "key"));
  if (!c.key)
    c.key = keep (plan, g_strdup_printf ("commute_%s", name));
  g_autofree char *budget = get_string (kf, group, "budget_min");
  double budget_min = 0;
  parse_number (budget, &budget_min);   /* checked by check_value */
  c.budget_ms = tnet_weight_from_min (budget_min);
  c.share_destination = keep (plan, get_string (kf, group, "share_destination"));
  c.share_label = keep (plan, get_string (kf, group, "share_label"));
  c.unit_rows = get_bool (kf, group, "unit_rows", FALSE);
  c.reading = keep (plan, get_string (kf, group, "reading"));
  if (!parse_commute_timetable (plan, group, &c, error))
    return FALSE;
  g_auto (GStrv) profiles = get_list (kf, group, "profiles");
  GArray *pa = g_array_new (FALSE, FALSE, sizeof (TnetProfile));
  if (!profiles)
    for (TnetProfile p = 0; p < TNET_N_PROFILES; p++)
      g_array_append_val (pa, p);
  for (guint i = 0; profiles && profiles[i]; i++)
    {
      TnetProfile p;
      if (!tnet_profile_from_string (profiles[i], &p))
        {
          plan_error (error, plan, group, "profiles",
                      "unknown profile '%s' (expected car, transit or park_and_ride)",
                      profiles[i]);
          g_array_unref (pa);
          return FALSE;
        }
      g_array_append_val (pa, p);
    }
  c.n_profiles = pa->len;
  c.profiles = (const TnetProfile *) (void *) pa->data;
  g_ptr_array_add (plan->strings, g_array_free (pa, FALSE));
  g_array_append_val (plan->commutes, c);
  return TRUE;
}

static gboolean
parse_pair (TnetPlan *plan, const char *group, const char *name)
{
  GKeyFile *kf = plan->kf;
  TnetPlanPair p = { 0 };
  p.id = keep (plan, g_strdup (name));
  p.region = keep (plan, get_string (kf, group, "region"));
  p.label = keep (plan, get_string (kf, group, "label"));
  if (!p.label)
    p.label = p.region;
  p.count_lines = get_bool (kf, group, "lines", TRUE);
  p.disjoint_paths = get_bool (kf, group, "disjoint_paths", TRUE);
  g_array_append_val (plan->pairs, p);
  return TRUE;
}

/* A group name: "plan", "data", "report", "names", or "KIND NAME" with KIND
 * pair or commute and NAME a word ([A-Za-z0-9_-]). */
static gboolean
split_group (const char *group, char **kind, char **name)
{
  const char *sp = strchr (group, ' ');
  if (!sp)
    {
      *kind = g_strdup (group);
      *name = NULL;
      return strcmp (group, "plan") == 0 || strcmp (group, "data") == 0
             || strcmp (group, "report") == 0 || strcmp (group, "names") == 0
             || strcmp (group, "uncertainty") == 0;
    }
  *kind = g_strndup (group, sp - group);
  *name = g_strdup (sp + 1);
  if (strcmp (*kind, "pair") && strcmp (*kind, "commute"))
    return FALSE;
  if (**name == '\0')
    return FALSE;
  for (const char *c = *name; *c; c++)
    if (!g_ascii_isalnum (*c) && *c != '_' && *c != '-')
      return FALSE;
  return TRUE;
}

static gboolean
plan_fill (TnetPlan *plan, const char *path, const char *data, gsize length, GError **error)
{
  GError *local = NULL;
  if (!g_utf8_validate (data, length, NULL))
    {
      g_set_error (error, TNET_ERROR, TNET_ERROR_INVALID_INPUT, "%s: not UTF-8 text", path);
      return FALSE;
    }
  if (!(plan->places = tnet_i_ini_places_scan (plan->path, data, length, error)))
    return FALSE;
  if (!g_key_file_load_from_data (plan->kf, data, length, G_KEY_FILE_KEEP_TRANSLATIONS, &local))
    {
      g_set_error (error, TNET_ERROR, TNET_ERROR_INVALID_INPUT, "%s: %s", path, local->message);
      g_error_free (local);
      return FALSE;
    }
  if (!g_key_file_has_group (plan->kf, "plan"))
    {
      g_set_error (error, TNET_ERROR, TNET_ERROR_INVALID_INPUT,
                   "%s: no [plan] group (expected one, with at least a title)", path);
      return FALSE;
    }
  g_auto (GStrv) groups = g_key_file_get_groups (plan->kf, NULL);
  for (guint g = 0; groups[g]; g++)
    {
      g_autofree char *kind = NULL, *name = NULL;
      if (!split_group (groups[g], &kind, &name))
        {
          plan_error (error, plan, groups[g], NULL,
                      "unknown group [%s] (expected [plan], [data], [report], [names], "
                      "[uncertainty], [pair NAME] or [commute NAME], NAME of letters, digits, _ or -)",
                      groups[g]);
          return FALSE;
        }
      g_auto (GStrv) keys = g_key_file_get_keys (plan->kf, groups[g], NULL, NULL);
      for (guint k = 0; keys[k]; k++)
        {
          if (strcmp (kind, "names") == 0)
            {
              const KeySpec any = { "names", keys[k], K_STRING, 0, 0, FALSE };
              if (!check_value (plan, groups[g], keys[k], &any, error))
                return FALSE;
              g_hash_table_insert (plan->values, place_key (groups[g], keys[k]),
                                   get_string (plan->kf, groups[g], keys[k]));
              continue;
            }
          const KeySpec *spec = find_spec (kind, keys[k]);
          if (!spec)
            {
              GString *known = g_string_new (NULL);
              for (guint i = 0; i < G_N_ELEMENTS (specs); i++)
                if (strcmp (specs[i].group, kind) == 0)
                  g_string_append_printf (known, "%s%s", known->len ? ", " : "", specs[i].key);
              plan_error (error, plan, groups[g], keys[k],
                          "unknown key '%s' in [%s] (expected one of: %s)", keys[k],
                          groups[g], known->str);
              g_string_free (known, TRUE);
              return FALSE;
            }
          if (!check_value (plan, groups[g], keys[k], spec, error))
            return FALSE;
          if (!name)
            g_hash_table_insert (plan->values, place_key (groups[g], keys[k]),
                                 get_string (plan->kf, groups[g], keys[k]));
        }
      for (guint i = 0; i < G_N_ELEMENTS (specs); i++)
        if (specs[i].required && strcmp (specs[i].group, kind) == 0
            && !g_key_file_has_key (plan->kf, groups[g], specs[i].key, NULL))
          {
            plan_error (error, plan, groups[g], NULL, "[%s] lacks the required key '%s'",
                        groups[g], specs[i].key);
            return FALSE;
          }
      if (strcmp (kind, "pair") == 0)
        parse_pair (plan, groups[g], name);
      else if (strcmp (kind, "commute") == 0 && !parse_commute (plan, groups[g], name, error))
        return FALSE;
    }
  plan->trunk_classes = get_list (plan->kf, "report", "trunk_classes");
  plan->map_languages = get_list (plan->kf, "plan", "map_languages");
  /* the languages the maps have their texts in (tnet_map_language_known()
   * in the render layer, above this one; test-render checks they agree) */
  for (guint i = 0; plan->map_languages && plan->map_languages[i]; i++)
    if (strcmp (plan->map_languages[i], "zh") && strcmp (plan->map_languages[i], "en"))
      {
        plan_error (error, plan, "plan", "map_languages",
                    "unknown map language \"%s\" (known: zh, en)", plan->map_languages[i]);
        return FALSE;
      }
  g_autofree char *critical = get_string (plan->kf, "report", "critical_pair");
  if (critical)
    {
      gboolean found = FALSE;
      for (guint i = 0; i < plan->pairs->len; i++)
        found |= strcmp (g_array_index (plan->pairs, TnetPlanPair, i).id, critical) == 0;
      if (!found)
        {
          plan_error (error, plan, "report", "critical_pair",
                      "critical_pair '%s' names no [pair %s] group", critical, critical);
          return FALSE;
        }
    }
  if ((plan->pairs->len > 0 || g_key_file_has_key (plan->kf, "report", "critical_pair", NULL))
      && !g_key_file_has_key (plan->kf, "plan", "home", NULL))
    {
      plan_error (error, plan, "plan", NULL,
                  "[plan] lacks 'home' (the home region), which the [pair] groups need");
      return FALSE;
    }
  return TRUE;
}

static TnetPlan *
plan_parse (const char *path, const char *data, gsize length, GError **error)
{
  TnetPlan *plan = g_new0 (TnetPlan, 1);
  plan->path = g_strdup (path);
  plan->numbers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  plan->values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  plan->pairs = g_array_new (FALSE, FALSE, sizeof (TnetPlanPair));
  plan->commutes = g_array_new (FALSE, FALSE, sizeof (TnetPlanCommute));
  plan->strings = g_ptr_array_new_with_free_func (g_free);
  plan->kf = g_key_file_new ();
  g_key_file_set_list_separator (plan->kf, ';');
  if (!plan_fill (plan, path, data, length, error))
    {
      tnet_plan_free (plan);
      return NULL;
    }
  return plan;
}

TnetPlan *
tnet_plan_load (const char *path, GError **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  g_autofree char *data = NULL;
  gsize length = 0;
  if (!tnet_i_read_file (path, NULL, NULL, &data, &length, error))
    return NULL;
  return plan_parse (path, data, length, error);
}

static const char *
value (const TnetPlan *plan, const char *group, const char *key)
{
  g_autofree char *pk = place_key (group, key);
  return g_hash_table_lookup (plan->values, pk);
}

const char *
tnet_plan_get_title (const TnetPlan *plan, const char *lang)
{
  g_return_val_if_fail (plan != NULL, NULL);
  if (lang && *lang)
    {
      g_autofree char *k = g_strdup_printf ("title[%s]", lang);
      const char *t = value (plan, "plan", k);
      if (t)
        return t;
      /* pt-BR, pt_BR -> pt */
      g_autofree char *base = g_strndup (lang, strcspn (lang, "-_"));
      g_autofree char *kb = g_strdup_printf ("title[%s]", base);
      if ((t = value (plan, "plan", kb)))
        return t;
    }
  return value (plan, "plan", "title");
}

char *
tnet_plan_format_map_title (const TnetPlan *plan, int year)
{
  g_return_val_if_fail (plan != NULL, NULL);
  const char *t = value (plan, "plan", "map_title");
  if (!t)
    return NULL;
  g_auto (GStrv) parts = g_strsplit (t, "{year}", -1);
  g_autofree char *y = g_strdup_printf ("%d", year);
  return g_strjoinv (y, parts);
}

const char *
tnet_plan_get_credit (const TnetPlan *plan)
{
  g_return_val_if_fail (plan != NULL, NULL);
  return value (plan, "plan", "credit");
}

const char *const *
tnet_plan_get_map_languages (const TnetPlan *plan)
{
  g_return_val_if_fail (plan != NULL, NULL);
  return (const char *const *) plan->map_languages;
}

const char *
tnet_plan_get_home (const TnetPlan *plan)
{
  g_return_val_if_fail (plan != NULL, NULL);
  return value (plan, "plan", "home");
}

const char *
tnet_plan_get_home_label (const TnetPlan *plan)
{
  g_return_val_if_fail (plan != NULL, NULL);
  const char *l = value (plan, "plan", "home_label");
  return l ? l : tnet_plan_get_home (plan);
}

const char *
tnet_plan_get_units_file (const TnetPlan *plan)
{
  g_return_val_if_fail (plan != NULL, NULL);
  const char *f = value (plan, "plan", "units");
  return f ? f : "units.csv";
}

const char *
tnet_plan_get_targets_file (const TnetPlan *plan)
{
  g_return_val_if_fail (plan != NULL, NULL);
  const char *f = value (plan, "plan", "targets");
  return f ? f : "targets.csv";
}

const char *
tnet_plan_get_table_header (const TnetPlan *plan)
{
  g_return_val_if_fail (plan != NULL, NULL);
  return value (plan, "plan", "table_header");
}

double
tnet_plan_get_double (const TnetPlan *plan, const char *key)
{
  g_return_val_if_fail (key != NULL, NAN);
  const double *v = plan ? g_hash_table_lookup (plan->numbers, key) : NULL;
  if (v)
    return *v;
  for (guint i = 0; i < G_N_ELEMENTS (report_defaults); i++)
    if (strcmp (report_defaults[i].key, key) == 0)
      return report_defaults[i].value;
  g_return_val_if_reached (NAN);
}

int
tnet_plan_get_int (const TnetPlan *plan, const char *key)
{
  return (int) tnet_plan_get_double (plan, key);
}

const char *const *
tnet_plan_get_trunk_classes (const TnetPlan *plan)
{
  g_return_val_if_fail (plan != NULL, NULL);
  return (const char *const *) plan->trunk_classes;
}

const char *
tnet_plan_get_critical_pair (const TnetPlan *plan)
{
  g_return_val_if_fail (plan != NULL, NULL);
  return value (plan, "report", "critical_pair");
}

const char *
tnet_plan_get_name (const TnetPlan *plan, const char *key)
{
  g_return_val_if_fail (key != NULL, NULL);
  return plan ? value (plan, "names", key) : NULL;
}

const char *
tnet_plan_get_years (const TnetPlan *plan)
{
  g_return_val_if_fail (plan != NULL, NULL);
  return value (plan, "data", "years");
}

int
tnet_plan_get_scenario_year (const TnetPlan *plan)
{
  g_return_val_if_fail (plan != NULL, 0);
  const char *v = value (plan, "data", "scenario");
  return v ? atoi (v) : 0;   /* checked by check_value() at load */
}

const char *
tnet_plan_get_name_value (const TnetPlan *plan)
{
  g_return_val_if_fail (plan != NULL, NULL);
  return value (plan, "plan", "name");
}

guint
tnet_plan_n_pairs (const TnetPlan *plan)
{
  g_return_val_if_fail (plan != NULL, 0);
  return plan->pairs->len;
}

const TnetPlanPair *
tnet_plan_get_pair (const TnetPlan *plan, guint i)
{
  g_return_val_if_fail (plan != NULL && i < plan->pairs->len, NULL);
  return &g_array_index (plan->pairs, TnetPlanPair, i);
}

guint
tnet_plan_n_commutes (const TnetPlan *plan)
{
  g_return_val_if_fail (plan != NULL, 0);
  return plan->commutes->len;
}

const TnetPlanCommute *
tnet_plan_get_commute (const TnetPlan *plan, guint i)
{
  g_return_val_if_fail (plan != NULL && i < plan->commutes->len, NULL);
  return &g_array_index (plan->commutes, TnetPlanCommute, i);
}
