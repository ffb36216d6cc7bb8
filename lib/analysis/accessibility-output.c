/* accessibility-output.c: the JSON, GeoJSON, CSV and text forms of a
 * #TnetAccessibility, written once for `tnet accessibility`, serve's
 * /accessibility and any other caller. The JSON document and the GeoJSON
 * properties share their run members (run_members()) and name the cutoffs
 * alike (cutoff_column()). */
#include "tnet-internal.h"
#include "geojson-shapes.h"
#include "json-text.h"

const char *
tnet_accessibility_model_name (const TnetAccessibilityLabels *labels)
{
  g_return_val_if_fail (labels != NULL, NULL);
  if (labels->profile == TNET_PROFILE_CAR)
    return "network";
  return labels->timetable_feed ? "timetable" : "frequency approximation";
}

/* "within_T_min", the column of cutoff @c in the CSV and GeoJSON. */
static void
cutoff_column (const TnetAccessibility *acc, guint c, char *name, gsize size)
{
  g_snprintf (name, size, "within_%g_min",
              tnet_weight_to_min (tnet_accessibility_cutoff_ms (acc, c)));
}

/* "HH:MM" of the first departure. */
static char *
depart_clock (const TnetAccessibilityLabels *labels)
{
  return tnet_i_clock_hhmm (labels->depart_s);
}

/* The members every form of the run opens with: opportunities, profile,
 * model. */
static void
run_members (JsonBuilder *b, const TnetAccessibilityLabels *labels)
{
  json_builder_set_member_name (b, "opportunities");
  json_builder_add_string_value (b, labels->opportunities);
  json_builder_set_member_name (b, "profile");
  json_builder_add_string_value (b, tnet_profile_to_string (labels->profile));
  json_builder_set_member_name (b, "model");
  json_builder_add_string_value (b, tnet_accessibility_model_name (labels));
}

/* The "timetable" member of the JSON document: the one object of a
 * result of one percentile (json-text.h). */
static void
timetable_member (JsonBuilder *b, const TnetAccessibilityLabels *labels)
{
  tnet_i_json_timetable_object (b, labels->timetable_feed, labels->timetable_date,
                                labels->depart_s, labels->window_ms, labels->max_walk_ms,
                                labels->percentile);
}

/* @b's document as text, indented by 2, ending in a newline. */
static char *
builder_text (JsonBuilder *b)
{
  g_autoptr (JsonNode) root = json_builder_get_root (b);
  return tnet_json_to_text (root, 2);
}

/* One Point Feature: zone @z, its run members and its value per cutoff. */
static void
zone_feature (JsonBuilder *b, const TnetAccessibility *acc,
              const TnetAccessibilityLabels *labels, guint z)
{
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "type");
  json_builder_add_string_value (b, "Feature");
  json_builder_set_member_name (b, "id");
  json_builder_add_string_value (b, labels->zone_ids[z]);
  json_builder_set_member_name (b, "geometry");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "type");
  json_builder_add_string_value (b, "Point");
  json_builder_set_member_name (b, "coordinates");
  json_builder_begin_array (b);
  json_builder_add_double_value (b, labels->lon[z]);
  json_builder_add_double_value (b, labels->lat[z]);
  json_builder_end_array (b);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "properties");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_string_value (b, labels->zone_ids[z]);
  run_members (b, labels);
  if (labels->timetable_feed)
    {
      json_builder_set_member_name (b, "percentile");
      json_builder_add_double_value (b, labels->percentile);
    }
  for (guint c = 0; c < tnet_accessibility_n_cutoffs (acc); c++)
    {
      char name[64];
      cutoff_column (acc, c, name, sizeof name);
      json_builder_set_member_name (b, name);
      json_builder_add_double_value (b, tnet_accessibility_value (acc, z, c));
    }
  json_builder_end_object (b);
  json_builder_end_object (b);
}

char *
tnet_accessibility_to_geojson (const TnetAccessibility *acc,
                               const TnetAccessibilityLabels *labels)
{
  g_return_val_if_fail (acc != NULL && labels != NULL, NULL);
  g_return_val_if_fail (labels->lon != NULL && labels->lat != NULL, NULL);
  g_autoptr (JsonBuilder) b = tnet_i_geojson_collection_new ();
  json_builder_set_member_name (b, "features");
  json_builder_begin_array (b);
  for (guint z = 0; z < tnet_accessibility_n_origins (acc); z++)
    zone_feature (b, acc, labels, z);
  json_builder_end_array (b);
  json_builder_end_object (b);
  return builder_text (b);
}

char *
tnet_accessibility_to_json (const TnetAccessibility *acc, const TnetAccessibilityLabels *labels)
{
  g_return_val_if_fail (acc != NULL && labels != NULL, NULL);
  guint nc = tnet_accessibility_n_cutoffs (acc), nz = tnet_accessibility_n_origins (acc);
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  run_members (b, labels);
  if (labels->timetable_feed)
    timetable_member (b, labels);
  json_builder_set_member_name (b, "total");
  json_builder_add_double_value (b, tnet_accessibility_total (acc));
  json_builder_set_member_name (b, "cutoffs_min");
  json_builder_begin_array (b);
  for (guint c = 0; c < nc; c++)
    json_builder_add_double_value (b, tnet_weight_to_min (tnet_accessibility_cutoff_ms (acc, c)));
  json_builder_end_array (b);
  json_builder_set_member_name (b, "mean_population_weighted");
  json_builder_begin_array (b);
  for (guint c = 0; c < nc; c++)
    {
      double m = tnet_accessibility_mean (acc, c);
      if (isnan (m))
        json_builder_add_null_value (b);
      else
        json_builder_add_double_value (b, m);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "zones");
  json_builder_begin_array (b);
  for (guint z = 0; z < nz; z++)
    {
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_string_value (b, labels->zone_ids[z]);
      json_builder_set_member_name (b, "accessibility");
      json_builder_begin_array (b);
      for (guint c = 0; c < nc; c++)
        json_builder_add_double_value (b, tnet_accessibility_value (acc, z, c));
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  return builder_text (b);
}

char *
tnet_accessibility_to_csv (const TnetAccessibility *acc, const TnetAccessibilityLabels *labels)
{
  g_return_val_if_fail (acc != NULL && labels != NULL, NULL);
  guint nc = tnet_accessibility_n_cutoffs (acc), nz = tnet_accessibility_n_origins (acc);
  GString *out = g_string_new ("id");
  for (guint c = 0; c < nc; c++)
    {
      char name[64];
      cutoff_column (acc, c, name, sizeof name);
      g_string_append_c (out, ',');
      g_string_append (out, name);
    }
  g_string_append_c (out, '\n');
  for (guint z = 0; z < nz; z++)
    {
      tnet_csv_append_field (out, labels->zone_ids[z]);
      for (guint c = 0; c < nc; c++)
        {
          char num[G_ASCII_DTOSTR_BUF_SIZE];
          g_ascii_formatd (num, sizeof num, "%.17g", tnet_accessibility_value (acc, z, c));
          g_string_append_c (out, ',');
          g_string_append (out, num);
        }
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

char *
tnet_accessibility_to_text (const TnetAccessibility *acc, const TnetAccessibilityLabels *labels)
{
  g_return_val_if_fail (acc != NULL && labels != NULL, NULL);
  const char *profile = tnet_profile_to_string (labels->profile);
  guint nc = tnet_accessibility_n_cutoffs (acc), nz = tnet_accessibility_n_origins (acc);
  GString *out = g_string_new (NULL);
  g_string_append_printf (out, "Accessibility to %s by %s (%u zones of %s, %s in all: %.0f)\n",
                          labels->opportunities, profile, nz,
                          labels->zone_source ? labels->zone_source : "zones.csv",
                          labels->opportunities, tnet_accessibility_total (acc));
  if (labels->timetable_feed)
    {
      g_autofree char *dep = depart_clock (labels);
      g_string_append_printf (out, "Timetable %s, %u, departing %s, window %u min, "
                              "walks up to %u min: counted at p%g of the travel time over "
                              "the window\n", labels->timetable_feed, labels->timetable_date,
                              dep, tnet_i_window_minutes (labels->window_ms),
                              labels->max_walk_ms / 60000u,
                              labels->percentile);
    }
  else if (labels->profile != TNET_PROFILE_CAR)
    g_string_append (out, "Frequency approximation: waits of half the headway "
                     "(no timetable option given)\n");
  g_string_append_printf (out, "%-20s", "zone");
  for (guint c = 0; c < nc; c++)
    {
      g_autofree char *h
        = g_strdup_printf ("<=%g min", tnet_weight_to_min (tnet_accessibility_cutoff_ms (acc, c)));
      g_string_append_printf (out, " %10s", h);
    }
  g_string_append_c (out, '\n');
  for (guint z = 0; z < nz; z++)
    {
      g_string_append_printf (out, "%-20s", labels->zone_ids[z]);
      for (guint c = 0; c < nc; c++)
        g_string_append_printf (out, " %10.0f", tnet_accessibility_value (acc, z, c));
      g_string_append_c (out, '\n');
    }
  g_string_append_printf (out, "%-20s", "mean (by population)");
  for (guint c = 0; c < nc; c++)
    g_string_append_printf (out, " %10.1f", tnet_accessibility_mean (acc, c));
  g_string_append_c (out, '\n');
  return g_string_free (out, FALSE);
}
