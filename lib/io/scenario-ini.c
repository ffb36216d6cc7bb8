/* scenario-ini.c: the scenario file reader (docs/scenario-files.md).
 *
 * Implementation notes. GKeyFile does the parsing (groups, keys, escapes,
 * lists); it reports neither lines nor duplicates, so the text is also
 * scanned once to map every (section, key) to its line and value column
 * and to reject keys given twice. Every key the file uses is then checked
 * against a static schema; values are converted and range-checked here, so
 * the getters cannot fail. Names of links, lines and nodes need a network
 * and are checked by tnet_scenario_file_check().
 */
#include "tnet-internal.h"
#include "ini-places.h"
#include <tnet/tnet-scenario-file.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

typedef enum {
  KT_STRING,    /* any text */
  KT_PATH,      /* a path, relative to the file */
  KT_INT,       /* whole number in [lo, hi] */
  KT_DOUBLE,    /* number in (lo, hi] */
  KT_LIST,      /* ;-separated names */
  KT_WORDS,     /* ;-separated words from @words */
  KT_WORD,      /* one word from @words */
  KT_PAIRS,     /* ;-separated A>B */
  KT_CLOCK,     /* HH:MM, 00:00 to 47:59; the number is in seconds */
} KeyType;

typedef struct {
  const char *section;
  const char *key;
  KeyType type;
  double lo, hi;
  const char *words; /* ;-separated allowed words for KT_WORD(S) */
} KeySpec;

#define STATUS_WORDS "existing;construction;planned;study"
#define PROFILE_WORDS "car;transit;park_and_ride"
#define FORMAT_WORDS "text;json;csv;geojson;svg;png"

/* The keys of the timetable that [commute], [isochrone] and [criticality]
 * take alike: transit and park_and_ride by the timetable (as `tnet commute
 * --depart ...`), the default, or by the frequency approximation
 * (`--frequency-model`). */
#define TIMETABLE_KEYS(section) \
  { section, "model", KT_WORD, 0, 0, "timetable;frequency" }, \
  { section, "depart", KT_CLOCK, 0, 0, NULL }, \
  { section, "window", KT_INT, 0, 1440, NULL }, \
  { section, "percentile", KT_DOUBLE, -1e-12, 100, NULL }, \
  { section, "max_walk", KT_INT, 0, 1440, NULL }, \
  { section, "drive_budget_min", KT_INT, 0, 1440, NULL }, \
  { section, "park_time_min", KT_INT, 0, 1440, NULL }, \
  { section, "parking_radius_m", KT_DOUBLE, -1e-12, 10000, NULL }

static const KeySpec key_specs[] = {
  { "scenario", "name", KT_STRING, 0, 0, NULL },
  { "scenario", "network", KT_PATH, 0, 0, NULL },
  { "scenario", "year", KT_INT, 1900, 2100, NULL },
  { "scenario", "statuses", KT_WORDS, 0, 0, STATUS_WORDS },
  { "closures", "lines", KT_LIST, 0, 0, NULL },
  { "closures", "links", KT_LIST, 0, 0, NULL },
  { "commute", "origins", KT_LIST, 0, 0, NULL },
  { "commute", "destinations", KT_LIST, 0, 0, NULL },
  { "commute", "budget_min", KT_DOUBLE, 0, 1440, NULL },
  { "commute", "profiles", KT_WORDS, 0, 0, PROFILE_WORDS },
  { "commute", "direction", KT_WORD, 0, 0, "to;from;both" },
  TIMETABLE_KEYS ("commute"),
  { "isochrone", "from", KT_STRING, 0, 0, NULL },
  { "isochrone", "minutes", KT_DOUBLE, 0, 1440, NULL },
  { "isochrone", "profile", KT_WORD, 0, 0, PROFILE_WORDS },
  TIMETABLE_KEYS ("isochrone"),
  { "transfers", "hubs", KT_LIST, 0, 0, NULL },
  { "corridors", "pairs", KT_PAIRS, 0, 0, NULL },
  { "corridors", "modes", KT_WORDS, 0, 0, "rail;road;all" },
  { "corridors", "factor", KT_DOUBLE, 1, 10, NULL },
  { "corridors", "k", KT_INT, 1, 16, NULL },
  { "corridors", "budget_min", KT_DOUBLE, 0, 1440, NULL },
  { "corridors", "profile", KT_WORD, 0, 0, PROFILE_WORDS },
  /* transit and park_and_ride by the timetable (`tnet corridors --profile P
   * --depart ...`), the default, or on the frequency approximation's graph */
  { "corridors", "model", KT_WORD, 0, 0, "timetable;frequency" },
  { "corridors", "disjoint", KT_WORD, 0, 0, "hops;lines" },
  { "corridors", "depart", KT_CLOCK, 0, 0, NULL },
  { "corridors", "window", KT_INT, 0, 1440, NULL },
  { "corridors", "percentile", KT_DOUBLE, -1e-12, 100, NULL },
  { "corridors", "max_walk", KT_INT, 0, 1440, NULL },
  { "corridors", "drive_budget_min", KT_INT, 0, 1440, NULL },
  { "corridors", "park_time_min", KT_INT, 0, 1440, NULL },
  { "corridors", "parking_radius_m", KT_DOUBLE, -1e-12, 10000, NULL },
  { "criticality", "pairs", KT_PAIRS, 0, 0, NULL },
  { "criticality", "by", KT_WORD, 0, 0, "link;line" },
  { "criticality", "top", KT_INT, 1, 100000, NULL },
  { "criticality", "profile", KT_WORD, 0, 0, PROFILE_WORDS },
  { "criticality", "budget_min", KT_DOUBLE, 0, 1440, NULL },
  TIMETABLE_KEYS ("criticality"),
  { "output", "dir", KT_PATH, 0, 0, NULL },
  { "output", "formats", KT_WORDS, 0, 0, FORMAT_WORDS },
};

static const char *const section_names[] = {
  "scenario", "closures", "overrides", "commute", "isochrone", "transfers",
  "corridors", "criticality", "output",
};

/* Keys an analysis section cannot do without. */
static const char *const required_keys[][2] = {
  { "commute", "destinations" },
  { "commute", "origins" },
  { "isochrone", "from" },
  { "corridors", "pairs" },
  { "criticality", "pairs" },
};

static const char *const override_fields[] = { "speed_kmh", "time_min", "headway_factor" };

typedef struct {
  KeyType type;
  char *string;  /* KT_STRING, KT_PATH (resolved), KT_WORD */
  char **strv;   /* lists; for KT_PAIRS the flat A, B, A, B... */
  double number; /* KT_INT, KT_DOUBLE */
  guint n_pairs;
} Value;

typedef enum { OV_SPEED, OV_TIME, OV_HEADWAY } OverrideField;

typedef struct {
  char *target; /* link id, or line name for OV_HEADWAY */
  OverrideField field;
  double value;
  char *key;    /* the key as written, for its place */
} Override;

struct _TnetScenarioFile {
  char *path;          /* display name */
  char *base_dir;      /* folder relative paths start from */
  char *name;          /* [scenario] name or the base name */
  char *output_dir;    /* resolved, never NULL */
  guint formats;       /* TnetOutputFormat bits */
  GHashTable *places;  /* TnetIniPlace of every section and key (ini-places.h) */
  GHashTable *values;  /* "section\x1fkey" -> Value* (known keys only) */
  GArray *overrides;   /* of Override, file order */
};

static char *
place_key (const char *section, const char *key)
{
  return g_strconcat (section, "\x1f", key ? key : "", NULL);
}

static void
value_free (gpointer p)
{
  Value *v = p;
  g_free (v->string);
  g_strfreev (v->strv);
  g_free (v);
}

void
tnet_scenario_file_free (TnetScenarioFile *sf)
{
  if (sf == NULL)
    return;
  g_free (sf->path);
  g_free (sf->base_dir);
  g_free (sf->name);
  g_free (sf->output_dir);
  if (sf->places)
    g_hash_table_unref (sf->places);
  if (sf->values)
    g_hash_table_unref (sf->values);
  if (sf->overrides)
    {
      for (guint i = 0; i < sf->overrides->len; i++)
        {
          Override *o = &g_array_index (sf->overrides, Override, i);
          g_free (o->target);
          g_free (o->key);
        }
      g_array_unref (sf->overrides);
    }
  g_free (sf);
}

static const TnetIniPlace *
find_place (const TnetScenarioFile *sf, const char *section, const char *key)
{
  return sf->places ? tnet_i_ini_place (sf->places, section, key) : NULL;
}

/* The line (from 1) of byte @at of @data, and in *@line_start where that
 * line begins. O(at - data). */
static guint
line_of (const char *data, const char *at, const char **line_start)
{
  guint line = 1;
  *line_start = data;
  for (const char *q = data; q < at; q++)
    if (*q == '\n')
      line++, *line_start = q + 1;
  return line;
}

/* Sets "PATH:LINE:COLUMN: message" at @key of @section (@key NULL: the
 * section header). @at_key places it at the key's name, else at its value;
 * where the file has no such place, the message names only the path, or
 * line and column 0 at a key's name. */
static void
set_error_va (GError **error, int code, const TnetScenarioFile *sf, const char *section,
              const char *key, gboolean at_key, const char *fmt, va_list ap)
{
  g_autofree char *msg = g_strdup_vprintf (fmt, ap);
  const TnetIniPlace *p = find_place (sf, section, key);
  if (at_key)
    g_set_error (error, TNET_ERROR, code, "%s:%u:%u: %s", sf->path, p ? p->line : 0,
                 p ? p->key_col : 0, msg);
  else if (p != NULL)
    g_set_error (error, TNET_ERROR, code, "%s:%u:%u: %s", sf->path, p->line,
                 key ? p->column : 1, msg);
  else
    g_set_error (error, TNET_ERROR, code, "%s: %s", sf->path, msg);
}

/* Sets a located error; @key NULL locates the section header. */
G_GNUC_PRINTF (6, 7) static void
set_error (GError **error, int code, const TnetScenarioFile *sf, const char *section,
           const char *key, const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  set_error_va (error, code, sf, section, key, FALSE, fmt, ap);
  va_end (ap);
}

/* Like set_error but at the key's own column (unknown or duplicate keys). */
G_GNUC_PRINTF (5, 6) static void
set_key_error (GError **error, const TnetScenarioFile *sf, const char *section,
               const char *key, const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  set_error_va (error, TNET_ERROR_INVALID_INPUT, sf, section, key, TRUE, fmt, ap);
  va_end (ap);
}

static gboolean
word_allowed (const char *words, const char *w)
{
  g_auto (GStrv) list = g_strsplit (words, ";", -1);
  return g_strv_contains ((const char *const *) list, w);
}

static char *
words_display (const char *words)
{
  g_auto (GStrv) list = g_strsplit (words, ";", -1);
  return g_strjoinv (", ", list);
}

/* Refuses a value with a backslash escape GKeyFile does not know (\s \n
 * \t \r \\ and, in lists, \;), or a lone backslash at its end. GKeyFile
 * would drop such a value silently (or warn on stderr, for some lists), so
 * it is caught here with its place. */
static gboolean
check_escapes (const TnetScenarioFile *sf, GKeyFile *kf, const char *section,
               const char *key, GError **error)
{
  g_autofree char *raw = g_key_file_get_value (kf, section, key, NULL);
  for (const char *p = raw; p && *p; p++)
    {
      if (*p != '\\')
        continue;
      if (p[1] != '\0' && strchr ("sntr\\;", p[1]) != NULL)
        {
          p++;
          continue;
        }
      set_error (error, TNET_ERROR_INVALID_INPUT, sf, section, key,
                 "%s: invalid escape '\\%.*s' in the value, expected \\s, \\n, \\t, "
                 "\\r, \\\\ or \\; (write \\\\ for a backslash)", key,
                 p[1] ? (int) (g_utf8_next_char (p + 1) - (p + 1)) : 0, p + 1);
      return FALSE;
    }
  return TRUE;
}

/* Splits, trims and drops empty items of a GKeyFile list. */
static char **
clean_list (GKeyFile *kf, const char *section, const char *key)
{
  gsize n = 0;
  g_auto (GStrv) raw = g_key_file_get_string_list (kf, section, key, &n, NULL);
  GPtrArray *out = g_ptr_array_new ();
  for (gsize i = 0; raw != NULL && i < n; i++)
    {
      char *t = g_strstrip (g_strdup (raw[i]));
      if (*t == '\0')
        g_free (t);
      else
        g_ptr_array_add (out, t);
    }
  g_ptr_array_add (out, NULL);
  return (char **) g_ptr_array_free (out, FALSE);
}

static gboolean
parse_number (const char *s, double *out)
{
  char *endp = NULL;
  errno = 0;
  double v = g_ascii_strtod (s, &endp);
  if (endp == s || *endp != '\0' || errno == ERANGE || !isfinite (v))
    return FALSE;
  *out = v;
  return TRUE;
}

static char *
resolve_path (const TnetScenarioFile *sf, const char *value)
{
  if (g_path_is_absolute (value))
    return g_canonicalize_filename (value, NULL);
  return g_canonicalize_filename (value, sf->base_dir);
}

static gboolean
parse_value (TnetScenarioFile *sf, GKeyFile *kf, const KeySpec *spec, GError **error)
{
  Value *v = g_new0 (Value, 1);
  v->type = spec->type;
  g_hash_table_insert (sf->values, place_key (spec->section, spec->key), v);

  g_autofree char *raw = g_key_file_get_string (kf, spec->section, spec->key, NULL);
  if (raw == NULL)
    {
      set_error (error, TNET_ERROR_INVALID_INPUT, sf, spec->section, spec->key,
                 "'%s' is not valid UTF-8 text", spec->key);
      return FALSE;
    }
  g_strstrip (raw);
  g_autofree char *allowed = spec->words ? words_display (spec->words) : NULL;

  switch (spec->type)
    {
    case KT_STRING:
      if (*raw == '\0')
        {
          set_error (error, TNET_ERROR_INVALID_INPUT, sf, spec->section, spec->key,
                     "%s: expected a value, got nothing", spec->key);
          return FALSE;
        }
      v->string = g_steal_pointer (&raw);
      return TRUE;
    case KT_PATH:
      if (*raw == '\0' || strchr (raw, ';') != NULL)
        {
          set_error (error, TNET_ERROR_INVALID_INPUT, sf, spec->section, spec->key,
                     "%s: expected one path%s", spec->key,
                     strchr (raw, ';') ? " (comments go on their own line, starting "
                                         "with '#'; ';' separates list items)" : "");
          return FALSE;
        }
      v->string = resolve_path (sf, raw);
      return TRUE;
    case KT_CLOCK:
      {
        int hh, mm, used = -1;
        if (sscanf (raw, "%2d:%2d%n", &hh, &mm, &used) != 2 || used != (int) strlen (raw)
            || hh < 0 || hh > 47 || mm < 0 || mm > 59)
          {
            set_error (error, TNET_ERROR_INVALID_INPUT, sf, spec->section, spec->key,
                       "%s: expected a time HH:MM (00:00 to 47:59), got '%s'", spec->key, raw);
            return FALSE;
          }
        v->number = hh * 3600 + mm * 60;
        return TRUE;
      }
    case KT_INT:
    case KT_DOUBLE:
      {
        double x = 0;
        gboolean ok = parse_number (raw, &x);
        if (ok && spec->type == KT_INT)
          ok = x == floor (x) && x >= spec->lo && x <= spec->hi;
        else if (ok)
          ok = x > spec->lo && x <= spec->hi;
        if (!ok)
          {
            if (spec->type == KT_INT)
              set_error (error, TNET_ERROR_INVALID_INPUT, sf, spec->section, spec->key,
                         "%s: expected a whole number from %g to %g, got '%s'",
                         spec->key, spec->lo, spec->hi, raw);
            else
              set_error (error, TNET_ERROR_INVALID_INPUT, sf, spec->section, spec->key,
                         "%s: expected a number above %g and at most %g, got '%s'%s",
                         spec->key, spec->lo, spec->hi, raw,
                         strchr (raw, ';') ? " (comments go on their own line, "
                                             "starting with '#')" : "");
            return FALSE;
          }
        v->number = x;
        return TRUE;
      }
    case KT_WORD:
      if (!word_allowed (spec->words, raw))
        {
          const char *sugg = NULL;
          g_auto (GStrv) list = g_strsplit (spec->words, ";", -1);
          sugg = tnet_suggest_name (raw, (const char *const *) list,
                                    g_strv_length (list));
          set_error (error, TNET_ERROR_INVALID_INPUT, sf, spec->section, spec->key,
                     "%s: '%s' is not one of %s%s%s%s", spec->key, raw, allowed,
                     sugg ? " (did you mean '" : "", sugg ? sugg : "", sugg ? "'?)" : "");
          return FALSE;
        }
      v->string = g_steal_pointer (&raw);
      return TRUE;
    case KT_LIST:
    case KT_WORDS:
    case KT_PAIRS:
      v->strv = clean_list (kf, spec->section, spec->key);
      if (v->strv[0] == NULL)
        {
          set_error (error, TNET_ERROR_INVALID_INPUT, sf, spec->section, spec->key,
                     "%s: expected a ';'-separated list, got nothing", spec->key);
          return FALSE;
        }
      if (spec->type == KT_WORDS)
        for (guint i = 0; v->strv[i]; i++)
          if (!word_allowed (spec->words, v->strv[i]))
            {
              g_auto (GStrv) list = g_strsplit (spec->words, ";", -1);
              const char *sugg = tnet_suggest_name (v->strv[i], (const char *const *) list,
                                                    g_strv_length (list));
              set_error (error, TNET_ERROR_INVALID_INPUT, sf, spec->section, spec->key,
                         "%s: '%s' is not one of %s%s%s%s", spec->key, v->strv[i],
                         allowed, sugg ? " (did you mean '" : "", sugg ? sugg : "",
                         sugg ? "'?)" : "");
              return FALSE;
            }
      if (spec->type == KT_PAIRS)
        {
          guint n = g_strv_length (v->strv);
          char **flat = g_new0 (char *, 2 * n + 1);
          for (guint i = 0; i < n; i++)
            {
              const char *gt = strchr (v->strv[i], '>');
              char *a = gt ? g_strstrip (g_strndup (v->strv[i], gt - v->strv[i])) : NULL;
              char *b = gt ? g_strstrip (g_strdup (gt + 1)) : NULL;
              if (gt == NULL || *a == '\0' || *b == '\0' || strchr (b, '>') != NULL)
                {
                  set_error (error, TNET_ERROR_INVALID_INPUT, sf, spec->section,
                             spec->key, "%s: expected FROM>TO (two region ids, e.g. north>south), "
                             "got '%s'", spec->key, v->strv[i]);
                  g_free (a);
                  g_free (b);
                  g_strfreev (flat);
                  return FALSE;
                }
              flat[2 * i] = a;
              flat[2 * i + 1] = b;
            }
          g_strfreev (v->strv);
          v->strv = flat;
          v->n_pairs = n;
        }
      return TRUE;
    }
  g_assert_not_reached ();
}

static gboolean
parse_override (TnetScenarioFile *sf, GKeyFile *kf, const char *key, GError **error)
{
  const char *dot = strrchr (key, '.');
  const char *field = dot ? dot + 1 : "";
  guint f = 0;
  while (f < G_N_ELEMENTS (override_fields) && strcmp (field, override_fields[f]) != 0)
    f++;
  if (dot == NULL || dot == key || f == G_N_ELEMENTS (override_fields))
    {
      const char *sugg = dot ? tnet_suggest_name (field, override_fields,
                                                  G_N_ELEMENTS (override_fields)) : NULL;
      set_key_error (error, sf, "overrides", key,
                     "unknown override '%s': expected LINK.speed_kmh, LINK.time_min or "
                     "line:NAME.headway_factor%s%s%s", key,
                     sugg ? " (did you mean '" : "", sugg ? sugg : "", sugg ? "'?)" : "");
      return FALSE;
    }
  gboolean is_line = g_str_has_prefix (key, "line:");
  if ((f == OV_HEADWAY) != is_line)
    {
      set_key_error (error, sf, "overrides", key,
                     f == OV_HEADWAY
                     ? "headway_factor applies to a line: write line:NAME.headway_factor"
                     : "%s applies to a link: write LINKID.%s (line:NAME takes only "
                       "headway_factor)", field, field);
      return FALSE;
    }
  g_autofree char *raw = g_key_file_get_string (kf, "overrides", key, NULL);
  double x = 0;
  static const double hi[] = { 500, 10000, 100 };
  static const double lo[] = { 0, 0, 0.01 };
  gboolean ok = raw != NULL && parse_number (g_strstrip (raw), &x);
  ok = ok && (f == OV_HEADWAY ? x >= lo[f] : x > lo[f]) && x <= hi[f];
  if (!ok)
    {
      set_error (error, TNET_ERROR_INVALID_INPUT, sf, "overrides", key,
                 "%s: expected a number %s %g and at most %g, got '%s'", key,
                 f == OV_HEADWAY ? "from" : "above", lo[f], hi[f], raw ? raw : "");
      return FALSE;
    }
  const char *start = is_line ? key + 5 : key;
  Override o = {
    .target = g_strndup (start, dot - start),
    .field = (OverrideField) f,
    .value = x,
    .key = g_strdup (key),
  };
  g_strstrip (o.target);
  if (*o.target == '\0')
    {
      g_free (o.target);
      g_free (o.key);
      set_key_error (error, sf, "overrides", key, "override '%s' names no %s", key,
                     is_line ? "line" : "link");
      return FALSE;
    }
  g_array_append_val (sf->overrides, o);
  return TRUE;
}

static const KeySpec *
find_spec (const char *section, const char *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (key_specs); i++)
    if (strcmp (key_specs[i].section, section) == 0 && strcmp (key_specs[i].key, key) == 0)
      return &key_specs[i];
  return NULL;
}

static gboolean
check_section (TnetScenarioFile *sf, GKeyFile *kf, const char *section, GError **error)
{
  guint s = 0;
  while (s < G_N_ELEMENTS (section_names) && strcmp (section, section_names[s]) != 0)
    s++;
  if (s == G_N_ELEMENTS (section_names))
    {
      const char *sugg = tnet_suggest_name (section, section_names,
                                            G_N_ELEMENTS (section_names));
      if (sugg)
        set_error (error, TNET_ERROR_INVALID_INPUT, sf, section, NULL,
                   "unknown section [%s] (did you mean [%s]?)", section, sugg);
      else
        set_error (error, TNET_ERROR_INVALID_INPUT, sf, section, NULL,
                   "unknown section [%s]: expected scenario, closures, overrides, "
                   "commute, isochrone, transfers, corridors, criticality or output",
                   section);
      return FALSE;
    }

  gsize n = 0;
  g_auto (GStrv) keys = g_key_file_get_keys (kf, section, &n, NULL);
  for (gsize i = 0; i < n; i++)
    {
      if (!check_escapes (sf, kf, section, keys[i], error))
        return FALSE;
      if (strcmp (section, "overrides") == 0)
        {
          if (!parse_override (sf, kf, keys[i], error))
            return FALSE;
          continue;
        }
      const KeySpec *spec = find_spec (section, keys[i]);
      if (spec == NULL)
        {
          const char *cands[G_N_ELEMENTS (key_specs)];
          guint nc = 0;
          for (guint k = 0; k < G_N_ELEMENTS (key_specs); k++)
            if (strcmp (key_specs[k].section, section) == 0)
              cands[nc++] = key_specs[k].key;
          const char *sugg = tnet_suggest_name (keys[i], cands, nc);
          g_autoptr (GString) list = g_string_new (NULL);
          for (guint k = 0; k < nc; k++)
            g_string_append_printf (list, "%s%s", k ? ", " : "", cands[k]);
          if (sugg)
            set_key_error (error, sf, section, keys[i],
                           "unknown key '%s' in [%s] (did you mean '%s'?)", keys[i],
                           section, sugg);
          else
            set_key_error (error, sf, section, keys[i],
                           "unknown key '%s' in [%s]: expected one of %s", keys[i],
                           section, list->str);
          return FALSE;
        }
      if (!parse_value (sf, kf, spec, error))
        return FALSE;
    }
  for (guint r = 0; r < G_N_ELEMENTS (required_keys); r++)
    if (strcmp (required_keys[r][0], section) == 0
        && !g_key_file_has_key (kf, section, required_keys[r][1], NULL))
      {
        set_error (error, TNET_ERROR_INVALID_INPUT, sf, section, NULL,
                   "[%s] needs a '%s' key", section, required_keys[r][1]);
        return FALSE;
      }
  return TRUE;
}

static const Value *
get_value (const TnetScenarioFile *sf, const char *section, const char *key)
{
  g_autofree char *pk = place_key (section, key);
  return g_hash_table_lookup (sf->values, pk);
}

TnetScenarioFile *
tnet_scenario_file_load_from_data (const char *data, gssize length,
                                   const char *display_name, const char *base_dir,
                                   GError **error)
{
  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (display_name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  gsize len = length < 0 ? strlen (data) : (gsize) length;
  g_autoptr (TnetScenarioFile) sf = g_new0 (TnetScenarioFile, 1);
  sf->path = g_strdup (display_name);
  sf->base_dir = base_dir ? g_strdup (base_dir) : g_get_current_dir ();
  sf->values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, value_free);
  sf->overrides = g_array_new (FALSE, FALSE, sizeof (Override));

  if (memchr (data, '\0', len) != NULL)
    {
      const char *nul = memchr (data, '\0', len);
      const char *line_start;
      guint line = line_of (data, nul, &line_start);
      g_set_error (error, TNET_ERROR, TNET_ERROR_INVALID_INPUT,
                   "%s:%u:%u: expected text, found a NUL byte", sf->path, line,
                   (guint) (nul - line_start) + 1);
      return NULL;
    }
  const char *bad = NULL;
  if (!g_utf8_validate (data, len, &bad))
    {
      const char *line_start;
      guint line = line_of (data, bad, &line_start);
      g_set_error (error, TNET_ERROR, TNET_ERROR_INVALID_INPUT,
                   "%s:%u:%ld: expected UTF-8 text (byte 0x%02x)", sf->path, line,
                   g_utf8_strlen (line_start, bad - line_start) + 1, (guint) (guchar) *bad);
      return NULL;
    }
  /* @data need not be NUL-terminated when @length is given: parse a copy */
  g_autofree char *text = g_strndup (data, len);
  data = text;

  g_autoptr (GKeyFile) kf = g_key_file_new ();
  g_autoptr (GError) local = NULL;
  if (!g_key_file_load_from_data (kf, data, len, G_KEY_FILE_NONE, &local))
    {
      /* GKeyFile gives no line: find the first line that is not a comment,
       * a group header or key = value. */
      guint line_no = 0;
      g_auto (GStrv) lines = g_strsplit (data, "\n", -1);
      for (guint i = 0; lines[i]; i++)
        {
          const char *t = lines[i];
          while (*t == ' ' || *t == '\t')
            t++;
          if (*t == '\0' || *t == '\r' || *t == '#' || *t == '[')
            continue;
          if (strchr (t, '=') == NULL)
            {
              line_no = i + 1;
              break;
            }
        }
      if (line_no == 0 && lines[0] != NULL)
        for (guint i = 0; lines[i]; i++)
          {
            const char *t = lines[i];
            while (*t == ' ' || *t == '\t')
              t++;
            if (*t == '\0' || *t == '\r' || *t == '#')
              continue;
            if (*t != '[')
              line_no = i + 1;
            break;
          }
      if (line_no)
        g_set_error (error, TNET_ERROR, TNET_ERROR_INVALID_INPUT,
                     "%s:%u:1: expected '[section]', 'key = value' or a '#' comment "
                     "line (%s)", sf->path, line_no, local->message);
      else
        g_set_error (error, TNET_ERROR, TNET_ERROR_INVALID_INPUT,
                     "%s: %s", sf->path, local->message);
      return NULL;
    }
  if (!(sf->places = tnet_i_ini_places_scan (sf->path, data, len, error)))
    return NULL;

  gsize n_groups = 0;
  g_auto (GStrv) groups = g_key_file_get_groups (kf, &n_groups);
  for (gsize i = 0; i < n_groups; i++)
    if (!check_section (sf, kf, groups[i], error))
      return NULL;

  /* the file's name without ".ini": the default name and output folder */
  g_autofree char *base = g_path_get_basename (display_name);
  if (g_str_has_suffix (base, ".ini"))
    base[strlen (base) - 4] = '\0';
  const Value *name = get_value (sf, "scenario", "name");
  sf->name = g_strdup (name != NULL ? name->string : base);

  const Value *dir = get_value (sf, "output", "dir");
  if (dir != NULL)
    sf->output_dir = g_strdup (dir->string);
  else
    {
      g_autofree char *rel = g_build_filename ("out", base, NULL);
      sf->output_dir = resolve_path (sf, rel);
    }

  const Value *formats = get_value (sf, "output", "formats");
  if (formats == NULL)
    sf->formats = TNET_OUTPUT_TEXT | TNET_OUTPUT_JSON | TNET_OUTPUT_GEOJSON;
  else
    {
      static const char *const fw[] = { "text", "json", "csv", "geojson", "svg", "png" };
      for (guint i = 0; formats->strv[i]; i++)
        for (guint k = 0; k < G_N_ELEMENTS (fw); k++)
          if (strcmp (formats->strv[i], fw[k]) == 0)
            sf->formats |= 1u << k;
    }
  return g_steal_pointer (&sf);
}

TnetScenarioFile *
tnet_scenario_file_load (const char *path, GError **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  g_autofree char *data = NULL;
  gsize len = 0;
  if (!tnet_i_read_file (path, NULL, "the scenario file", &data, &len, error))
    return NULL;
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *abs_dir = g_canonicalize_filename (dir, NULL);
  return tnet_scenario_file_load_from_data (data, (gssize) len, path, abs_dir, error);
}

const char *
tnet_scenario_file_get_path (const TnetScenarioFile *sf)
{
  g_return_val_if_fail (sf != NULL, NULL);
  return sf->path;
}

const char *
tnet_scenario_file_get_name (const TnetScenarioFile *sf)
{
  g_return_val_if_fail (sf != NULL, NULL);
  return sf->name;
}

const char *
tnet_scenario_file_get_network_dir (const TnetScenarioFile *sf)
{
  g_return_val_if_fail (sf != NULL, NULL);
  const Value *v = get_value (sf, "scenario", "network");
  return v ? v->string : NULL;
}

int
tnet_scenario_file_get_year (const TnetScenarioFile *sf)
{
  g_return_val_if_fail (sf != NULL, 0);
  const Value *v = get_value (sf, "scenario", "year");
  return v ? (int) v->number : 0;
}

gboolean
tnet_scenario_file_has_section (const TnetScenarioFile *sf, const char *section)
{
  g_return_val_if_fail (sf != NULL && section != NULL, FALSE);
  return find_place (sf, section, NULL) != NULL;
}

const char *const *
tnet_scenario_file_get_strv (const TnetScenarioFile *sf, const char *section,
                             const char *key)
{
  g_return_val_if_fail (sf != NULL && section != NULL && key != NULL, NULL);
  const Value *v = get_value (sf, section, key);
  return v && v->type != KT_PAIRS ? (const char *const *) v->strv : NULL;
}

const char *
tnet_scenario_file_get_string (const TnetScenarioFile *sf, const char *section,
                               const char *key)
{
  g_return_val_if_fail (sf != NULL && section != NULL && key != NULL, NULL);
  const Value *v = get_value (sf, section, key);
  return v ? v->string : NULL;
}

double
tnet_scenario_file_get_double (const TnetScenarioFile *sf, const char *section,
                               const char *key, double fallback)
{
  g_return_val_if_fail (sf != NULL && section != NULL && key != NULL, fallback);
  const Value *v = get_value (sf, section, key);
  return v && (v->type == KT_INT || v->type == KT_DOUBLE || v->type == KT_CLOCK)
         ? v->number : fallback;
}

const char *const *
tnet_scenario_file_get_pairs (const TnetScenarioFile *sf, const char *section,
                              guint *n_pairs)
{
  g_return_val_if_fail (sf != NULL && section != NULL && n_pairs != NULL, NULL);
  const Value *v = get_value (sf, section, "pairs");
  *n_pairs = v ? v->n_pairs : 0;
  return v ? (const char *const *) v->strv : NULL;
}

const char *
tnet_scenario_file_get_output_dir (const TnetScenarioFile *sf)
{
  g_return_val_if_fail (sf != NULL, NULL);
  return sf->output_dir;
}

guint
tnet_scenario_file_get_formats (const TnetScenarioFile *sf)
{
  g_return_val_if_fail (sf != NULL, 0);
  return sf->formats;
}

guint
tnet_scenario_file_get_line (const TnetScenarioFile *sf, const char *section,
                             const char *key)
{
  g_return_val_if_fail (sf != NULL && section != NULL, 0);
  const TnetIniPlace *p = find_place (sf, section, key);
  return p ? p->line : 0;
}

TnetScenario *
tnet_scenario_file_get_scenario (const TnetScenarioFile *sf, int default_year)
{
  g_return_val_if_fail (sf != NULL, NULL);
  int year = tnet_scenario_file_get_year (sf);
  TnetScenario *scen = tnet_scenario_new (year ? year : default_year);
  tnet_scenario_set_name (scen, sf->name);

  const char *const *statuses = tnet_scenario_file_get_strv (sf, "scenario", "statuses");
  if (statuses != NULL)
    {
      guint mask = 0;
      for (guint i = 0; statuses[i]; i++)
        {
          TnetStatus st;
          if (tnet_status_from_string (statuses[i], &st))
            mask |= TNET_STATUS_BIT (st);
        }
      tnet_scenario_set_statuses (scen, mask);
    }
  const char *const *lines = tnet_scenario_file_get_strv (sf, "closures", "lines");
  for (guint i = 0; lines && lines[i]; i++)
    tnet_scenario_close_line (scen, lines[i]);
  const char *const *links = tnet_scenario_file_get_strv (sf, "closures", "links");
  for (guint i = 0; links && links[i]; i++)
    tnet_scenario_close_link (scen, links[i]);
  for (guint i = 0; i < sf->overrides->len; i++)
    {
      const Override *o = &g_array_index (sf->overrides, Override, i);
      switch (o->field)
        {
        case OV_SPEED:
          tnet_scenario_override_speed (scen, o->target, o->value);
          break;
        case OV_TIME:
          tnet_scenario_override_time_ms (scen, o->target, tnet_weight_from_min (o->value));
          break;
        case OV_HEADWAY:
          tnet_scenario_set_headway_factor (scen, o->target, o->value);
          break;
        }
    }
  return scen;
}

gboolean
tnet_scenario_file_check_timetable (const TnetScenarioFile *sf, const char *section,
                                    GError **error)
{
  g_return_val_if_fail (sf != NULL, FALSE);
  for (guint i = 0; i < sf->overrides->len; i++)
    {
      const Override *o = &g_array_index (sf->overrides, Override, i);
      if (o->field != OV_HEADWAY)
        continue;
      /* a scheduled trip has no headway to scale: thinning the trips of a
       * line by a factor has no single reading, so the factor stays with
       * the frequency approximation and is never dropped silently */
      if (section != NULL)
        {
          guint line = tnet_scenario_file_get_line (sf, section, "model");
          g_autofree char *where = line
            ? g_strdup_printf ("model = %s, line %u", tnet_scenario_file_get_string (
                                   sf, section, "model"), line)
            : g_strdup_printf ("line %u", tnet_scenario_file_get_line (sf, section, NULL));
          set_key_error (error, sf, "overrides", o->key,
                         "%s scales the headways of the frequency approximation, but [%s] "
                         "(%s) follows the timetable, whose trips it does not change: it "
                         "needs model = frequency in [%s]", o->key, section, where, section);
        }
      else
        set_key_error (error, sf, "overrides", o->key,
                       "%s scales the headways of the frequency approximation, but transit "
                       "follows the timetable here, whose trips it does not change: it needs "
                       "--frequency-model (model = frequency in a tnet run section)", o->key);
      return FALSE;
    }
  return TRUE;
}

/* ---- names against a network ---- */

/* The candidate names a message may suggest, by kind (places: the place
 * parser's own). */
typedef enum { IX_LINK_IDS, IX_LINES, IX_N } IxKind;

typedef struct {
  const TnetNetwork *net;
  GPtrArray *lists[IX_N];   /* NULL until first asked for */
} NameIndex;

static void
name_index_clear (NameIndex *ix)
{
  for (int k = 0; k < IX_N; k++)
    g_clear_pointer (&ix->lists[k], g_ptr_array_unref);
}

static GPtrArray *
distinct (GPtrArray *arr)
{
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *out = g_ptr_array_new ();
  for (guint i = 0; i < arr->len; i++)
    if (arr->pdata[i] && g_hash_table_add (seen, arr->pdata[i]))
      g_ptr_array_add (out, arr->pdata[i]);
  g_ptr_array_unref (arr);
  return out;
}

/* Built on first use; lines repeat over links, so their list keeps each
 * name once. */
static GPtrArray *
ix_list (NameIndex *ix, IxKind kind)
{
  if (ix->lists[kind] == NULL)
    {
      guint n = tnet_network_n_links (ix->net);
      GPtrArray *a = g_ptr_array_sized_new (n);
      for (guint i = 0; i < n; i++)
        {
          const TnetLink *l = tnet_network_link (ix->net, i);
          g_ptr_array_add (a, (gpointer) (kind == IX_LINES ? l->line : l->id));
        }
      ix->lists[kind] = kind == IX_LINES ? distinct (a) : a;
    }
  return ix->lists[kind];
}

static void
unknown_name (GError **error, const TnetScenarioFile *sf, const char *section,
              const char *key, const char *what, const char *name, GPtrArray *cands)
{
  const char *sugg = tnet_suggest_name (name, (const char *const *) cands->pdata,
                                        cands->len);
  set_error (error, TNET_ERROR_NOT_FOUND, sf, section, key,
             "unknown %s '%s'%s%s%s", what, name, sugg ? " (did you mean '" : "",
             sugg ? sugg : "", sugg ? "'?)" : "");
}

/* A place spec of the place grammar: when it names nothing, the place
 * parser's own error (the item that matches no node, with its
 * did-you-mean), at the value's place. */
static gboolean
check_place (const TnetNetwork *net, const TnetScenarioFile *sf, const char *section,
             const char *key, const char *spec, GError **error)
{
  g_autoptr (GError) err = NULL;
  g_autoptr (TnetPlaceList) list = tnet_place_list_parse (net, spec, &err);
  if (list == NULL)
    set_error (error, err->code, sf, section, key, "%s: %s", key, err->message);
  return list != NULL;
}

gboolean
tnet_scenario_file_check (const TnetScenarioFile *sf, const TnetNetwork *net,
                          GError **error)
{
  g_return_val_if_fail (sf != NULL && net != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  NameIndex ix = { .net = net };
  gboolean ok = FALSE;

  const char *const *links = tnet_scenario_file_get_strv (sf, "closures", "links");
  for (guint i = 0; links && links[i]; i++)
    if (tnet_network_find_link (net, links[i]) == TNET_ID_NONE)
      {
        unknown_name (error, sf, "closures", "links", "link", links[i],
                      ix_list (&ix, IX_LINK_IDS));
        goto out;
      }
  const char *const *lines = tnet_scenario_file_get_strv (sf, "closures", "lines");
  for (guint i = 0; lines && lines[i]; i++)
    if (!tnet_network_has_line (net, lines[i]))
      {
        unknown_name (error, sf, "closures", "lines", "line", lines[i],
                      ix_list (&ix, IX_LINES));
        goto out;
      }
  for (guint i = 0; i < sf->overrides->len; i++)
    {
      const Override *o = &g_array_index (sf->overrides, Override, i);
      if (o->field == OV_HEADWAY && !tnet_network_has_line (net, o->target))
        {
          unknown_name (error, sf, "overrides", o->key, "line", o->target,
                        ix_list (&ix, IX_LINES));
          goto out;
        }
      if (o->field != OV_HEADWAY && tnet_network_find_link (net, o->target) == TNET_ID_NONE)
        {
          unknown_name (error, sf, "overrides", o->key, "link", o->target,
                        ix_list (&ix, IX_LINK_IDS));
          goto out;
        }
    }
  static const char *const place_keys[][2] = {
    { "commute", "origins" }, { "commute", "destinations" },
  };
  for (guint k = 0; k < G_N_ELEMENTS (place_keys); k++)
    {
      const char *const *v = tnet_scenario_file_get_strv (sf, place_keys[k][0],
                                                          place_keys[k][1]);
      for (guint i = 0; v && v[i]; i++)
        if (!check_place (net, sf, place_keys[k][0], place_keys[k][1], v[i], error))
          goto out;
    }
  const char *from = tnet_scenario_file_get_string (sf, "isochrone", "from");
  if (from && !check_place (net, sf, "isochrone", "from", from, error))
    goto out;
  static const char *const pair_sections[] = { "corridors", "criticality" };
  for (guint k = 0; k < G_N_ELEMENTS (pair_sections); k++)
    {
      guint n = 0;
      const char *const *pairs = tnet_scenario_file_get_pairs (sf, pair_sections[k], &n);
      for (guint i = 0; i < 2 * n; i++)
        if (!check_place (net, sf, pair_sections[k], "pairs", pairs[i], error))
          goto out;
    }
  ok = TRUE;
out:
  name_index_clear (&ix);
  return ok;
}
