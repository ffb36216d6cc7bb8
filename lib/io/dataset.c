/* dataset.c: a network folder loaded once (tnet-dataset.h).
 *
 * Implementation notes. Everything but the GTFS feeds is read by
 * tnet_dataset_load(); the feeds are listed there and read on first use,
 * because a command that needs one year's feed (or none) should not pay
 * for the others. The feed cache is the only mutable state and is guarded
 * by a mutex, so the dataset can be shared between threads. */
#include "tnet-internal.h"
#include "csv.h"
#include "polygons.h"
#include <errno.h>
#include <stdlib.h>

typedef struct {
  int first, last;   /* inclusive */
} YearRange;

typedef struct {
  TnetFeed *feed;    /* NULL until read, or when reading failed */
  GError *error;     /* the failure, replayed to later callers */
  gboolean tried;
} FeedSlot;

/* One ring of a region's outline. */
typedef struct {
  const char *region;  /* kept in the dataset's strings */
  GArray *lonlat;      /* doubles, n_points * 2, closed (last point = first) */
} RegionRing;

static void
region_ring_clear (gpointer p)
{
  g_array_unref (((RegionRing *) p)->lonlat);
}

struct _TnetDataset {
  char *dir;
  char *name;
  TnetNetwork *net;
  TnetPlan *plan;                 /* NULL: no plan.ini */
  TnetUnitTable *units;           /* NULL: no units table */
  TnetTargetTable *targets;       /* NULL: no targets table */
  TnetHubSet *hubs;               /* NULL: no hubs.csv */
  TnetZoneTable *zones;           /* NULL: no zones.csv */
  GArray *regions;                /* TnetRegion */
  GArray *outlines;               /* RegionRing: the rings of regions.geojson, file order */
  GArray *corridors;              /* TnetCorridorDef */
  GPtrArray *strings;             /* owns the strings and arrays above point to */
  GArray *feed_years;             /* int, ascending: the gtfs-YEAR feeds */
  GArray *years;                  /* YearRange: the years described; empty = any */
  char *years_text;
  TnetFeedOptions feed_options;
  GMutex feed_lock;
  GHashTable *feeds;              /* feed path -> FeedSlot* (under feed_lock) */
};

static void
feed_slot_free (gpointer p)
{
  FeedSlot *s = p;
  if (s->feed)
    tnet_feed_unref (s->feed);
  if (s->error)
    g_error_free (s->error);
  g_free (s);
}

void
tnet_dataset_free (TnetDataset *ds)
{
  if (!ds)
    return;
  g_free (ds->dir);
  g_free (ds->name);
  tnet_network_free (ds->net);
  tnet_plan_free (ds->plan);
  tnet_unit_table_free (ds->units);
  tnet_target_table_free (ds->targets);
  tnet_hub_set_free (ds->hubs);
  tnet_zone_table_free (ds->zones);
  g_array_unref (ds->regions);
  g_array_unref (ds->outlines);
  g_array_unref (ds->corridors);
  g_ptr_array_unref (ds->strings);
  g_array_unref (ds->feed_years);
  g_array_unref (ds->years);
  g_free (ds->years_text);
  g_mutex_clear (&ds->feed_lock);
  g_hash_table_unref (ds->feeds);
  g_free (ds);
}

static const char *
keep (TnetDataset *ds, char *s)
{
  g_ptr_array_add (ds->strings, s);
  return s;
}

static char *
path_in (const TnetDataset *ds, const char *name)
{
  return g_build_filename (ds->dir, name, NULL);
}

static char *
existing (const TnetDataset *ds, const char *name)
{
  char *path = path_in (ds, name);
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    g_clear_pointer (&path, g_free);
  return path;
}

/* -------------------------------------------------------------- regions */

/* What region_row() reads with: the dataset, the ids seen so far and the
 * columns of regions.csv. */
typedef struct {
  TnetDataset *ds;
  GHashTable *seen;
  int id, name, en;
} RegionRead;

static gboolean
region_row (TnetCsv *csv, gpointer data, GError **error)
{
  const RegionRead *rd = data;
  TnetDataset *ds = rd->ds;
  const char *id = tnet_i_csv_field (csv, rd->id);
  if (*id == '\0')
    {
      tnet_i_csv_error (csv, rd->id, error, "empty region id (expected a word)");
      return FALSE;
    }
  if (g_hash_table_contains (rd->seen, id))
    {
      tnet_i_csv_error (csv, rd->id, error, "region '%s' is given twice", id);
      return FALSE;
    }
  const char *en = tnet_i_csv_field (csv, rd->en);
  TnetRegion reg = {
    keep (ds, g_strdup (id)), keep (ds, g_strdup (tnet_i_csv_field (csv, rd->name))),
    *en ? keep (ds, g_strdup (en)) : NULL
  };
  g_hash_table_add (rd->seen, (gpointer) reg.id);
  g_array_append_val (ds->regions, reg);
  return TRUE;
}

static gboolean
load_regions (TnetDataset *ds, const char *path, GError **error)
{
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  RegionRead rd = { .ds = ds, .seen = seen };
  const TnetCsvColumn columns[] = {
    { "id", TRUE, &rd.id }, { "name", TRUE, &rd.name }, { "name_en", FALSE, &rd.en },
  };
  if (!tnet_i_csv_read_rows (path, NULL, columns, G_N_ELEMENTS (columns), region_row, &rd,
                             error))
    return FALSE;
  /* every region a node names must be declared */
  for (guint i = 0; i < tnet_network_n_nodes (ds->net); i++)
    {
      const TnetNode *n = tnet_network_node (ds->net, i);
      if (n->region && *n->region && !g_hash_table_contains (seen, n->region))
        {
          g_set_error (error, TNET_ERROR, TNET_ERROR_INVALID_INPUT,
                       "%s: node '%s' has region '%s', which regions.csv does not list "
                       "(add a row for it)", path, n->id, n->region);
          return FALSE;
        }
    }
  return TRUE;
}

/* regions.geojson: a FeatureCollection of Polygon or MultiPolygon features,
 * each with its region id as the Feature's "id" or an "id" property; with
 * a regions.csv, every id must be one of its rows. Nothing is kept on
 * failure. */
static gboolean
load_outlines (TnetDataset *ds, const char *path, GError **error)
{
  JsonArray *features = NULL;
  g_autoptr (JsonParser) parser = tnet_i_geojson_read_features (path, &features, error);
  if (!parser)
    return FALSE;
  g_autoptr (GArray) rings = g_array_new (FALSE, FALSE, sizeof (RegionRing));
  g_array_set_clear_func (rings, region_ring_clear);
  g_autoptr (GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  for (guint f = 0; f < json_array_get_length (features); f++)
    {
      JsonObject *geom;
      JsonObject *feat = tnet_i_geojson_feature (features, f, &geom);
      char *id = feat ? tnet_i_geojson_feature_id (feat, "id") : NULL;
      if (id)
        g_ptr_array_add (ids, id);
      const char *why = NULL;
      TnetIPolygon poly;
      tnet_i_polygon_init (&poly);
      if (geom == NULL)
        why = "expected a Feature with a Polygon or MultiPolygon geometry";
      else if (id == NULL)
        why = "expected the region's id as the Feature's \"id\" or an \"id\" property";
      else if (ds->regions->len > 0 && tnet_dataset_find_region (ds, id) == NULL)
        why = "no such region in regions.csv";
      else
        tnet_i_polygon_from_json (&poly, geom, &why);
      if (why)
        {
          g_set_error (error, TNET_ERROR, TNET_ERROR_INVALID_INPUT, "%s: feature %u%s%s%s: %s",
                       path, f + 1, id ? " (\"" : "", id ? id : "", id ? "\")" : "", why);
          tnet_i_polygon_clear (&poly);
          return FALSE;
        }
      guint n_rings = poly.ring_first->len - 1;
      for (guint r = 0; r < n_rings; r++)
        {
          guint a = g_array_index (poly.ring_first, guint, r);
          guint b = g_array_index (poly.ring_first, guint, r + 1);
          RegionRing ring = { id, g_array_sized_new (FALSE, FALSE, sizeof (double),
                                                     2 * (b - a + 1)) };
          g_array_append_vals (ring.lonlat, &g_array_index (poly.lonlat, double, 2 * a),
                               2 * (b - a));
          /* closed, whether or not the file repeats the first point */
          double *pt = (double *) (void *) ring.lonlat->data;
          guint np = b - a;
          if (np > 0 && (pt[0] != pt[2 * np - 2] || pt[1] != pt[2 * np - 1]))
            g_array_append_vals (ring.lonlat, pt, 2);
          g_array_append_val (rings, ring);
        }
      tnet_i_polygon_clear (&poly);
    }
  /* the ids now belong to the dataset */
  for (guint k = 0; k < ids->len; k++)
    keep (ds, g_strdup (ids->pdata[k]));
  for (guint k = 0; k < rings->len; k++)
    {
      RegionRing *ring = &g_array_index (rings, RegionRing, k);
      for (guint j = 0; j < ids->len; j++)
        if (ring->region == ids->pdata[j])
          {
            ring->region = ds->strings->pdata[ds->strings->len - ids->len + j];
            break;
          }
    }
  g_array_set_clear_func (rings, NULL);
  g_array_append_vals (ds->outlines, rings->data, rings->len);
  return TRUE;
}

/* ------------------------------------------------------------ corridors */

typedef struct {
  char *id, *name, *name_en;
  GPtrArray *lines, *groups;
} CorridorBuild;

/* What corridor_row() reads with: the dataset, the corridors built so far
 * (@index: id -> build, @builds: in file order) and the columns of
 * corridors.csv. */
typedef struct {
  TnetDataset *ds;
  GHashTable *index;
  GPtrArray *builds;
  int id, name, en, line, group;
} CorridorRead;

static gboolean
corridor_row (TnetCsv *csv, gpointer data, GError **error)
{
  const CorridorRead *rd = data;
  const char *id = tnet_i_csv_field (csv, rd->id), *line = tnet_i_csv_field (csv, rd->line);
  const char *group = tnet_i_csv_field (csv, rd->group);
  if (*id == '\0')
    {
      tnet_i_csv_error (csv, rd->id, error, "empty corridor id (expected a word)");
      return FALSE;
    }
  if (*line == '\0' || !tnet_network_has_line (rd->ds->net, line))
    {
      tnet_i_csv_error (csv, rd->line, error, "expected a line name of links.csv, got \"%s\"",
                        line);
      return FALSE;
    }
  if (strcmp (group, "rail") != 0 && strcmp (group, "road") != 0)
    {
      tnet_i_csv_error (csv, rd->group, error, "expected rail or road, got \"%s\"", group);
      return FALSE;
    }
  CorridorBuild *b = g_hash_table_lookup (rd->index, id);
  if (!b)
    {
      b = g_new0 (CorridorBuild, 1);
      b->id = g_strdup (id);
      b->name = g_strdup (tnet_i_csv_field (csv, rd->name));
      const char *en = tnet_i_csv_field (csv, rd->en);
      b->name_en = *en ? g_strdup (en) : NULL;
      b->lines = g_ptr_array_new ();
      b->groups = g_ptr_array_new ();
      g_hash_table_insert (rd->index, b->id, b);
      g_ptr_array_add (rd->builds, b);
    }
  else if (strcmp (b->name, tnet_i_csv_field (csv, rd->name)) != 0)
    {
      tnet_i_csv_error (csv, rd->name, error, "corridor '%s' was named \"%s\" before; "
                        "give one name per corridor", id, b->name);
      return FALSE;
    }
  g_ptr_array_add (b->lines, g_strdup (line));
  g_ptr_array_add (b->groups, g_strdup (group));
  return TRUE;
}

static gboolean
load_corridors (TnetDataset *ds, const char *path, GError **error)
{
  g_autoptr (GHashTable) index = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *builds = g_ptr_array_new ();
  CorridorRead rd = { .ds = ds, .index = index, .builds = builds };
  const TnetCsvColumn columns[] = {
    { "corridor", TRUE, &rd.id }, { "line", TRUE, &rd.line },
    { "mode_group", TRUE, &rd.group }, { "name", FALSE, &rd.name },
    { "name_en", FALSE, &rd.en },
  };
  gboolean ok = tnet_i_csv_read_rows (path, NULL, columns, G_N_ELEMENTS (columns),
                                      corridor_row, &rd, error);
  /* the corridors read, whole or not, belong to the dataset */
  for (guint i = 0; i < builds->len; i++)
    {
      CorridorBuild *b = g_ptr_array_index (builds, i);
      TnetCorridorDef def = { keep (ds, b->id), keep (ds, b->name),
                              b->name_en ? keep (ds, b->name_en) : NULL, b->lines->len, NULL,
                              NULL };
      for (guint k = 0; k < b->lines->len; k++)
        {
          keep (ds, g_ptr_array_index (b->lines, k));
          keep (ds, g_ptr_array_index (b->groups, k));
        }
      g_ptr_array_add (b->lines, NULL);
      g_ptr_array_add (b->groups, NULL);
      def.lines = (const char *const *) keep (ds, (char *) g_ptr_array_free (b->lines, FALSE));
      def.mode_groups = (const char *const *) keep (ds, (char *) g_ptr_array_free (b->groups,
                                                                                 FALSE));
      g_array_append_val (ds->corridors, def);
      g_free (b);
    }
  g_ptr_array_free (builds, TRUE);
  return ok;
}

/* ---------------------------------------------------------------- years */

static void
list_feeds (TnetDataset *ds)
{
  GDir *dir = g_dir_open (ds->dir, 0, NULL);
  if (!dir)
    return;
  const char *name;
  while ((name = g_dir_read_name (dir)))
    {
      if (!g_str_has_prefix (name, "gtfs-"))
        continue;
      char *end;
      errno = 0;
      long y = strtol (name + 5, &end, 10);
      if (errno || end == name + 5 || (*end && strcmp (end, ".zip") != 0) || y < 0 || y > 9999)
        continue;
      int year = (int) y;
      gboolean dup = FALSE;
      for (guint i = 0; i < ds->feed_years->len; i++)
        dup |= g_array_index (ds->feed_years, int, i) == year;
      if (!dup)
        g_array_append_val (ds->feed_years, year);
    }
  g_dir_close (dir);
}

static int
cmp_int (gconstpointer a, gconstpointer b)
{
  int x = *(const int *) a, y = *(const int *) b;
  return x < y ? -1 : x > y;
}

static int
cmp_range (gconstpointer a, gconstpointer b)
{
  return cmp_int (&((const YearRange *) a)->first, &((const YearRange *) b)->first);
}

static gboolean
parse_year (const char *s, int *out)
{
  if (*s == '\0' || strspn (s, "0123456789") != strlen (s) || strlen (s) > 4)
    return FALSE;
  *out = atoi (s);
  return TRUE;
}

/* [data] years: items "YEAR" or "FIRST-LAST", ;- or ,-separated. */
static gboolean
parse_years (TnetDataset *ds, const char *text, GError **error)
{
  g_auto (GStrv) items = g_strsplit_set (text, ";,", -1);
  for (guint i = 0; items[i]; i++)
    {
      char *item = g_strstrip (items[i]);
      if (*item == '\0')
        continue;
      YearRange r;
      char *dash = strchr (item, '-');
      gboolean ok;
      if (dash)
        {
          *dash = '\0';
          g_strstrip (item);
          ok = parse_year (item, &r.first) && parse_year (g_strstrip (dash + 1), &r.last)
               && r.first <= r.last;
        }
      else
        ok = parse_year (item, &r.first) && (r.last = r.first, TRUE);
      if (!ok)
        {
          g_set_error (error, TNET_ERROR, TNET_ERROR_INVALID_INPUT,
                       "%s/plan.ini: [data] years: expected years and FIRST-LAST ranges "
                       "separated by ';' (e.g. 2020-2030), got \"%s\"", ds->dir, text);
          return FALSE;
        }
      g_array_append_val (ds->years, r);
    }
  if (ds->years->len == 0)
    {
      g_set_error (error, TNET_ERROR, TNET_ERROR_INVALID_INPUT,
                   "%s/plan.ini: [data] years is empty (expected e.g. 2020-2030)", ds->dir);
      return FALSE;
    }
  return TRUE;
}

/* The years the data name, when the plan declares none. */
static void
derive_years (TnetDataset *ds)
{
  int lo = G_MAXINT, hi = G_MININT;
  for (guint i = 0; i < ds->feed_years->len; i++)
    {
      int y = g_array_index (ds->feed_years, int, i);
      lo = MIN (lo, y);
      hi = MAX (hi, y);
    }
  for (guint i = 0; i < tnet_network_n_links (ds->net); i++)
    {
      int y = tnet_network_link (ds->net, i)->open_year;
      if (y > 0)
        {
          lo = MIN (lo, y);
          hi = MAX (hi, y);
        }
    }
  for (guint i = 0; ds->hubs && i < tnet_hub_set_n_hubs (ds->hubs); i++)
    {
      int y = tnet_hub_set_get (ds->hubs, i)->open_year;
      if (y > 0)
        {
          lo = MIN (lo, y);
          hi = MAX (hi, y);
        }
    }
  if (lo <= hi)
    {
      /* links with a blank open_year exist in every year: without a feed
       * (whose calendar dates it), the data describe every year up to the
       * latest one they name */
      YearRange r = { ds->feed_years->len ? lo : G_MININT, hi };
      g_array_append_val (ds->years, r);
    }
}

static char *
years_to_text (const GArray *years)
{
  if (years->len == 0)
    return g_strdup ("any year");
  GString *s = g_string_new (NULL);
  for (guint i = 0; i < years->len; i++)
    {
      const YearRange *r = &g_array_index (years, YearRange, i);
      if (i)
        g_string_append (s, ", ");
      if (r->first == G_MININT)
        g_string_append_printf (s, "up to %d", r->last);
      else if (r->first == r->last)
        g_string_append_printf (s, "%d", r->first);
      else
        g_string_append_printf (s, "%d-%d", r->first, r->last);
    }
  return g_string_free (s, FALSE);
}

/* ----------------------------------------------------------------- plan */

static gboolean
region_exists (const TnetDataset *ds, const char *region)
{
  if (ds->regions->len > 0)
    return tnet_dataset_find_region (ds, region) != NULL;
  for (guint i = 0; i < tnet_network_n_nodes (ds->net); i++)
    {
      const TnetNode *n = tnet_network_node (ds->net, i);
      if (n->region && strcmp (n->region, region) == 0)
        return TRUE;
    }
  return FALSE;
}

static gboolean
check_plan (const TnetDataset *ds, GError **error)
{
  const TnetPlan *plan = ds->plan;
  const char *home = tnet_plan_get_home (plan);
  if (home && !region_exists (ds, home))
    {
      g_set_error (error, TNET_ERROR, TNET_ERROR_NOT_FOUND,
                   "%s/plan.ini: [plan] home: no region '%s' in the network", ds->dir, home);
      return FALSE;
    }
  for (guint i = 0; i < tnet_plan_n_pairs (plan); i++)
    {
      const TnetPlanPair *p = tnet_plan_get_pair (plan, i);
      if (!region_exists (ds, p->region))
        {
          g_set_error (error, TNET_ERROR, TNET_ERROR_NOT_FOUND,
                       "%s/plan.ini: [pair %s] region: no region '%s' in the network",
                       ds->dir, p->id, p->region);
          return FALSE;
        }
    }
  for (guint i = 0; i < tnet_plan_n_commutes (plan); i++)
    {
      const TnetPlanCommute *c = tnet_plan_get_commute (plan, i);
      g_autoptr (GArray) nodes = g_array_new (FALSE, FALSE, sizeof (TnetId));
      GError *local = NULL;
      if (!tnet_commute_select (ds->net, c->origins, nodes, &local)
          || !tnet_commute_select (ds->net, c->destinations, nodes, &local))
        {
          g_set_error (error, TNET_ERROR, TNET_ERROR_NOT_FOUND, "%s/plan.ini: [commute %s]: %s",
                       ds->dir, c->id, local->message);
          g_error_free (local);
          return FALSE;
        }
      if (c->share_destination)
        {
          g_autoptr (GArray) dests = g_array_new (FALSE, FALSE, sizeof (TnetId));
          tnet_commute_select (ds->net, c->destinations, dests, NULL);
          TnetId v = tnet_network_find_node (ds->net, c->share_destination);
          gboolean in = FALSE;
          for (guint k = 0; k < dests->len; k++)
            in |= g_array_index (dests, TnetId, k) == v;
          if (!in)
            {
              g_set_error (error, TNET_ERROR, TNET_ERROR_NOT_FOUND,
                           "%s/plan.ini: [commute %s] share_destination '%s' is not one of "
                           "the destinations", ds->dir, c->id, c->share_destination);
              return FALSE;
            }
        }
    }
  return TRUE;
}

/* ----------------------------------------------------------------- load */

static gboolean
dataset_fill (TnetDataset *ds, const char *dir, GError **error)
{
  g_autofree char *plan_path = existing (ds, "plan.ini");
  g_autofree char *regions_path = existing (ds, "regions.csv");
  g_autofree char *corridors_path = existing (ds, "corridors.csv");
  if (!(ds->net = tnet_network_load_csv (dir, error))
      || (plan_path && !(ds->plan = tnet_plan_load (plan_path, error)))
      || (regions_path && !load_regions (ds, regions_path, error))
      || (corridors_path && !load_corridors (ds, corridors_path, error)))
    return FALSE;

  const char *units_name = ds->plan ? tnet_plan_get_units_file (ds->plan) : "units.csv";
  const char *targets_name = ds->plan ? tnet_plan_get_targets_file (ds->plan) : "targets.csv";
  g_autofree char *units_path = existing (ds, units_name);
  g_autofree char *targets_path = existing (ds, targets_name);
  if (ds->plan)
    {
      /* a table the plan names explicitly must exist */
      g_autofree char *u = path_in (ds, units_name), *t = path_in (ds, targets_name);
      if (!units_path && strcmp (units_name, "units.csv") != 0)
        {
          g_set_error (error, TNET_ERROR, TNET_ERROR_IO, "%s: cannot read: no such file "
                       "(plan.ini [plan] units)", u);
          return FALSE;
        }
      if (!targets_path && strcmp (targets_name, "targets.csv") != 0)
        {
          g_set_error (error, TNET_ERROR, TNET_ERROR_IO, "%s: cannot read: no such file "
                       "(plan.ini [plan] targets)", t);
          return FALSE;
        }
    }
  if ((units_path && !(ds->units = tnet_unit_table_load_csv (ds->net, units_path, error)))
      || (targets_path && !(ds->targets = tnet_target_table_load_csv (targets_path, error))))
    return FALSE;
  GError *local = NULL;
  ds->hubs = tnet_hub_set_load_for_network (ds->net, &local);
  if (local)
    {
      g_propagate_error (error, local);
      return FALSE;
    }
  g_autofree char *outlines_path = existing (ds, "regions.geojson");
  if (outlines_path && !load_outlines (ds, outlines_path, error))
    return FALSE;
  g_autofree char *zones_path = path_in (ds, "zones.csv");
  if (g_file_test (zones_path, G_FILE_TEST_EXISTS)
      && !(ds->zones = tnet_zone_table_load (zones_path, error)))
    return FALSE;
  list_feeds (ds);
  g_array_sort (ds->feed_years, cmp_int);
  const char *years = ds->plan ? tnet_plan_get_years (ds->plan) : NULL;
  if (years)
    {
      if (!parse_years (ds, years, error))
        return FALSE;
      g_array_sort (ds->years, cmp_range);
    }
  else
    derive_years (ds);
  ds->years_text = years_to_text (ds->years);
  if (ds->plan && !check_plan (ds, error))
    return FALSE;
  int scenario_year = ds->plan ? tnet_plan_get_scenario_year (ds->plan) : 0;
  if (scenario_year && !tnet_dataset_check_year (ds, scenario_year, NULL))
    {
      g_set_error (error, TNET_ERROR, TNET_ERROR_INVALID_INPUT,
                   "%s/plan.ini: [data] scenario %d is outside the years the data describe (%s)",
                   ds->dir, scenario_year, ds->years_text);
      return FALSE;
    }
  const char *name = ds->plan ? tnet_plan_get_name_value (ds->plan) : NULL;
  ds->name = name ? g_strdup (name) : g_path_get_basename (dir);
  return TRUE;
}

TnetDataset *
tnet_dataset_load (const char *dir, const TnetFeedOptions *feed_options, GError **error)
{
  g_return_val_if_fail (dir != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  TnetDataset *ds = g_new0 (TnetDataset, 1);
  ds->dir = g_strdup (dir);
  ds->regions = g_array_new (FALSE, FALSE, sizeof (TnetRegion));
  ds->outlines = g_array_new (FALSE, FALSE, sizeof (RegionRing));
  g_array_set_clear_func (ds->outlines, region_ring_clear);
  ds->corridors = g_array_new (FALSE, FALSE, sizeof (TnetCorridorDef));
  ds->strings = g_ptr_array_new_with_free_func (g_free);
  ds->feed_years = g_array_new (FALSE, FALSE, sizeof (int));
  ds->years = g_array_new (FALSE, FALSE, sizeof (YearRange));
  g_mutex_init (&ds->feed_lock);
  ds->feeds = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, feed_slot_free);
  if (feed_options)
    ds->feed_options = *feed_options;
  else
    tnet_feed_options_init (&ds->feed_options);

  if (!dataset_fill (ds, dir, error))
    {
      tnet_dataset_free (ds);
      return NULL;
    }
  return ds;
}

/* ------------------------------------------------------------ accessors */

const char *
tnet_dataset_get_dir (const TnetDataset *ds)
{
  g_return_val_if_fail (ds != NULL, NULL);
  return ds->dir;
}

const char *
tnet_dataset_get_name (const TnetDataset *ds)
{
  g_return_val_if_fail (ds != NULL, NULL);
  return ds->name;
}

const TnetNetwork *
tnet_dataset_get_network (const TnetDataset *ds)
{
  g_return_val_if_fail (ds != NULL, NULL);
  return ds->net;
}

const TnetPlan *
tnet_dataset_get_plan (const TnetDataset *ds)
{
  g_return_val_if_fail (ds != NULL, NULL);
  return ds->plan;
}

const TnetUnitTable *
tnet_dataset_get_units (const TnetDataset *ds)
{
  g_return_val_if_fail (ds != NULL, NULL);
  return ds->units;
}

const TnetTargetTable *
tnet_dataset_get_targets (const TnetDataset *ds)
{
  g_return_val_if_fail (ds != NULL, NULL);
  return ds->targets;
}

int
tnet_dataset_get_baseline_year (const TnetDataset *ds)
{
  g_return_val_if_fail (ds != NULL, 0);
  if (ds->years->len == 0)
    return 0;
  int first = g_array_index (ds->years, YearRange, 0).first;   /* sorted by first */
  return first == G_MININT ? 0 : first;
}

int
tnet_dataset_get_scenario_year (const TnetDataset *ds)
{
  g_return_val_if_fail (ds != NULL, 0);
  int declared = ds->plan ? tnet_plan_get_scenario_year (ds->plan) : 0;
  if (declared)
    return declared;
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  int year = g_date_time_get_year (now);
  if (ds->years->len == 0 || tnet_dataset_check_year (ds, year, NULL))
    return year;
  /* the described year nearest to this year */
  int best = 0, best_gap = G_MAXINT;
  for (guint i = 0; i < ds->years->len; i++)
    {
      const YearRange *r = &g_array_index (ds->years, YearRange, i);
      int ends[2] = { r->first, r->last };
      for (guint k = 0; k < 2; k++)
        if (ends[k] != G_MININT && ends[k] != G_MAXINT && ABS (ends[k] - year) < best_gap)
          {
            best = ends[k];
            best_gap = ABS (ends[k] - year);
          }
    }
  return best ? best : year;
}

const TnetZoneTable *
tnet_dataset_get_zones (const TnetDataset *ds)
{
  g_return_val_if_fail (ds != NULL, NULL);
  return ds->zones;
}

const TnetHubSet *
tnet_dataset_get_hubs (const TnetDataset *ds)
{
  g_return_val_if_fail (ds != NULL, NULL);
  return ds->hubs;
}

guint
tnet_dataset_n_regions (const TnetDataset *ds)
{
  g_return_val_if_fail (ds != NULL, 0);
  return ds->regions->len;
}

const TnetRegion *
tnet_dataset_get_region (const TnetDataset *ds, guint i)
{
  g_return_val_if_fail (ds != NULL && i < ds->regions->len, NULL);
  return &g_array_index (ds->regions, TnetRegion, i);
}

guint
tnet_dataset_n_region_outlines (const TnetDataset *ds)
{
  g_return_val_if_fail (ds != NULL, 0);
  return ds->outlines->len;
}

const double *
tnet_dataset_get_region_outline (const TnetDataset *ds, guint i, const char **region,
                                 guint *n_points)
{
  g_return_val_if_fail (ds != NULL && i < ds->outlines->len, NULL);
  const RegionRing *ring = &g_array_index (ds->outlines, RegionRing, i);
  if (region)
    *region = ring->region;
  if (n_points)
    *n_points = ring->lonlat->len / 2;
  return (const double *) (void *) ring->lonlat->data;
}

const TnetRegion *
tnet_dataset_find_region (const TnetDataset *ds, const char *id)
{
  g_return_val_if_fail (ds != NULL && id != NULL, NULL);
  for (guint i = 0; i < ds->regions->len; i++)
    if (strcmp (g_array_index (ds->regions, TnetRegion, i).id, id) == 0)
      return &g_array_index (ds->regions, TnetRegion, i);
  return NULL;
}

guint
tnet_dataset_n_corridors (const TnetDataset *ds)
{
  g_return_val_if_fail (ds != NULL, 0);
  return ds->corridors->len;
}

const TnetCorridorDef *
tnet_dataset_get_corridor (const TnetDataset *ds, guint i)
{
  g_return_val_if_fail (ds != NULL && i < ds->corridors->len, NULL);
  return &g_array_index (ds->corridors, TnetCorridorDef, i);
}

const TnetCorridorDef *
tnet_dataset_find_corridor (const TnetDataset *ds, const char *id)
{
  g_return_val_if_fail (ds != NULL && id != NULL, NULL);
  for (guint i = 0; i < ds->corridors->len; i++)
    if (strcmp (g_array_index (ds->corridors, TnetCorridorDef, i).id, id) == 0)
      return &g_array_index (ds->corridors, TnetCorridorDef, i);
  return NULL;
}

const int *
tnet_dataset_get_feed_years (const TnetDataset *ds, guint *n_years)
{
  g_return_val_if_fail (ds != NULL && n_years != NULL, NULL);
  *n_years = ds->feed_years->len;
  return (const int *) (void *) ds->feed_years->data;
}

gboolean
tnet_dataset_get_feed (const TnetDataset *ds, int year, const TnetFeed **feed_out,
                       GError **error)
{
  g_return_val_if_fail (ds != NULL && feed_out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);
  *feed_out = NULL;
  g_autofree char *path = tnet_feed_path_for_year (ds->dir, year);
  if (!path)
    return TRUE;
  TnetDataset *mut = (TnetDataset *) ds;   /* the feed cache only */
  g_mutex_lock (&mut->feed_lock);
  FeedSlot *slot = g_hash_table_lookup (ds->feeds, path);
  if (!slot)
    {
      slot = g_new0 (FeedSlot, 1);
      g_hash_table_insert (mut->feeds, g_strdup (path), slot);
    }
  if (!slot->tried)
    {
      slot->tried = TRUE;
      slot->feed = tnet_feed_load (path, &ds->feed_options, &slot->error);
    }
  gboolean ok = slot->feed != NULL;
  if (ok)
    *feed_out = slot->feed;
  else if (error)
    *error = g_error_copy (slot->error);
  g_mutex_unlock (&mut->feed_lock);
  return ok;
}

gboolean
tnet_dataset_check_year (const TnetDataset *ds, int year, GError **error)
{
  g_return_val_if_fail (ds != NULL, FALSE);
  if (ds->years->len == 0)
    return TRUE;
  for (guint i = 0; i < ds->years->len; i++)
    {
      const YearRange *r = &g_array_index (ds->years, YearRange, i);
      if (year >= r->first && year <= r->last)
        return TRUE;
    }
  g_set_error (error, TNET_ERROR, TNET_ERROR_INVALID_INPUT,
               "%d is outside the years the data of %s describe (expected %s)", year,
               ds->dir, ds->years_text);
  return FALSE;
}

const char *
tnet_dataset_get_years_text (const TnetDataset *ds)
{
  g_return_val_if_fail (ds != NULL, NULL);
  return ds->years_text;
}

gboolean
tnet_dataset_validate_scenario (const TnetDataset *ds, const TnetScenario *scen,
                                GError **error)
{
  g_return_val_if_fail (ds != NULL && scen != NULL, FALSE);
  return tnet_dataset_check_year (ds, tnet_scenario_get_year (scen), error)
         && tnet_scenario_validate (scen, ds->net, error);
}
