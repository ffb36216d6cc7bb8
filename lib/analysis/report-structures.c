/* report-structures.c: the report's structure sections, one per kind
 * (rings, axes), from the folder's structures.csv: per structure and
 * column its built and pending length, share complete, whether the ring is
 * closed or the axis joined, and the gaps. The text puts every column side
 * by side under the last one; the plan's words come from the file. */
#include "tnet-internal.h"
#include "report-private.h"
#include "json-text.h"
#include "text-columns.h"

typedef struct {
  TnetStructureSet *set;
  gboolean set_kept;     /* @set belongs to the draws' ctx->keep */
  GPtrArray *states;     /* of TnetStructureState *, one per structure */
} Column;

static void
column_free (gpointer p)
{
  Column *col = p;
  if (!col->set_kept)
    tnet_structure_set_free (col->set);
  g_ptr_array_unref (col->states);
  g_free (col);
}

/* The column's structures and states, computed on first use; NULL (and
 * TRUE) when the folder has no structures.csv. */
static gboolean
column_get (const TnetReportContext *ctx, const Column **out, GError **error)
{
  *out = tnet_i_report_cache_get (ctx, "structures");
  if (*out)
    return TRUE;
  const char *dir = tnet_network_get_dir (ctx->net);
  if (dir == NULL)
    return TRUE;
  g_autofree char *path = g_build_filename (dir, "structures.csv", NULL);
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return TRUE;
  /* a draw takes its thread's set when no member was chosen by length */
  TnetStructureSet *set = ctx->keep ? g_datalist_get_data (ctx->keep, "structure set") : NULL;
  gboolean kept = set != NULL;
  if (!set && (set = tnet_structure_set_load_csv (ctx->net, path, error)) == NULL)
    return FALSE;
  if (!kept && ctx->keep && !tnet_i_structure_set_by_length (set))
    {
      g_datalist_set_data_full (ctx->keep, "structure set", set,
                                (GDestroyNotify) tnet_structure_set_free);
      kept = TRUE;
    }
  Column *col = g_new0 (Column, 1);
  col->set = set;
  col->set_kept = kept;
  col->states = g_ptr_array_new_with_free_func ((GDestroyNotify) tnet_structure_state_free);
  for (guint i = 0; i < tnet_structure_set_n_structures (set); i++)
    {
      TnetStructureState *st = tnet_structure_analyse (ctx->net,
                                                       tnet_structure_set_get (set, i),
                                                       ctx->scen, error);
      if (st == NULL)
        {
          column_free (col);
          return FALSE;
        }
      g_ptr_array_add (col->states, st);
    }
  tnet_i_report_cache_set (ctx, "structures", col, column_free);
  *out = col;
  return TRUE;
}

static const char *
node_label (const TnetNetwork *net, TnetId v)
{
  const TnetNode *nd = tnet_network_node (net, v);
  return nd->name && *nd->name ? nd->name : nd->id;
}

static void
add_km (JsonBuilder *b, const char *key, double m)
{
  tnet_i_json_add_number (b, key, m / 1000.0, 2);
}

static void
structure_json (const TnetNetwork *net, const TnetStructure *s, const TnetStructureState *st,
                JsonBuilder *b)
{
  json_builder_begin_object (b);
  tnet_i_json_add_string (b, "name", s->name);
  tnet_i_json_add_string (b, "name_en", s->name_en);
  tnet_i_json_add_string (b, "group", s->group);
  tnet_i_json_add_string (b, "plan_text", s->plan_text);
  if (s->kind == TNET_STRUCTURE_RING)
    {
      json_builder_set_member_name (b, "centre");
      json_builder_begin_array (b);
      json_builder_add_double_value (b, s->centre_lon);
      json_builder_add_double_value (b, s->centre_lat);
      json_builder_end_array (b);
      tnet_i_json_add_string (b, "centre_node", s->centre_node != TNET_ID_NONE
                              ? tnet_network_node (net, s->centre_node)->id : NULL);
    }
  else
    {
      json_builder_set_member_name (b, "ends");
      json_builder_begin_array (b);
      json_builder_add_string_value (b, s->ends_text[0]);
      json_builder_add_string_value (b, s->ends_text[1]);
      json_builder_end_array (b);
    }
  add_km (b, "length_km", st->length_m);
  add_km (b, "built_km", st->built_m);
  for (guint k = 0; k < TNET_N_STATUSES; k++)
    {
      g_autofree char *key = g_strdup_printf ("%s_km",
                                              k == TNET_STATUS_EXISTING ? "not_yet_open"
                                              : tnet_status_to_string (k));
      add_km (b, key, st->pending_m[k]);
    }
  tnet_i_json_add_number (b, "share_complete", st->share, 4);
  json_builder_set_member_name (b, s->kind == TNET_STRUCTURE_RING ? "closed" : "joined");
  json_builder_add_boolean_value (b, st->verdict == TNET_STRUCTURE_COMPLETE);
  tnet_i_json_add_string (b, "verdict", tnet_structure_verdict_to_string (st->verdict));
  json_builder_set_member_name (b, "gaps");
  json_builder_begin_array (b);
  for (guint g = 0; g < st->n_gaps; g++)
    {
      const TnetStructureGap *gap = &st->gaps[g];
      const TnetLink *l = gap->link != TNET_ID_NONE ? tnet_network_link (net, gap->link) : NULL;
      json_builder_begin_object (b);
      tnet_i_json_add_string (b, "link", l ? l->id : NULL);
      tnet_i_json_add_string (b, "line", l ? l->line : NULL);
      tnet_i_json_add_string (b, "status", l ? tnet_status_to_string (l->status) : NULL);
      json_builder_set_member_name (b, "open_year");
      if (l && l->open_year > 0)
        json_builder_add_int_value (b, l->open_year);
      else
        json_builder_add_null_value (b);
      tnet_i_json_add_string (b, "from", tnet_network_node (net, gap->from)->id);
      tnet_i_json_add_string (b, "to", tnet_network_node (net, gap->to)->id);
      add_km (b, "length_km", gap->length_m);
      json_builder_set_member_name (b, "in_data");
      json_builder_add_boolean_value (b, l != NULL);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "members");
  json_builder_begin_array (b);
  for (guint k = 0; k < s->n_members; k++)
    {
      const TnetStructureMember *mb = &s->members[k];
      json_builder_begin_object (b);
      tnet_i_json_add_string (b, "line", mb->line);
      tnet_i_json_add_string (b, "from", mb->from != TNET_ID_NONE
                              ? tnet_network_node (net, mb->from)->id : NULL);
      tnet_i_json_add_string (b, "to", mb->to != TNET_ID_NONE
                              ? tnet_network_node (net, mb->to)->id : NULL);
      json_builder_set_member_name (b, "links");
      json_builder_begin_array (b);
      for (guint j = 0; j < mb->n_links; j++)
        json_builder_add_string_value (b, tnet_network_link (net, mb->links[j])->id);
      json_builder_end_array (b);
      json_builder_set_member_name (b, "resolved");
      json_builder_add_boolean_value (b, mb->resolved);
      tnet_i_json_add_string (b, "source", mb->source);
      tnet_i_json_add_string (b, "confidence", mb->confidence);
      tnet_i_json_add_string (b, "note", mb->note);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
}

static char *
verdict_text (TnetStructureKind kind, const TnetStructureState *st)
{
  gboolean ring = kind == TNET_STRUCTURE_RING;
  switch (st->verdict)
    {
    case TNET_STRUCTURE_COMPLETE:
      return g_strdup (ring ? "closed" : "joined");
    case TNET_STRUCTURE_GAPS:
      return g_strdup_printf ("open, %u gap%s", st->n_gaps, st->n_gaps == 1 ? "" : "s");
    case TNET_STRUCTURE_BREAK:
      return g_strdup_printf ("open, %u gap%s (break)", st->n_gaps, st->n_gaps == 1 ? "" : "s");
    case TNET_STRUCTURE_OFF_CENTRE:
      return g_strdup ("cycle off centre");
    default:
      return g_strdup (ring ? "no cycle" : "not joined");
    }
}

/* The lowest confidence of the members ("low" < "medium" < "high"). */
static const char *
lowest_confidence (const TnetStructure *s)
{
  static const char *const order[] = { "low", "medium", "high" };
  for (guint o = 0; o < G_N_ELEMENTS (order); o++)
    for (guint k = 0; k < s->n_members; k++)
      if (g_strcmp0 (s->members[k].confidence, order[o]) == 0)
        return order[o];
  return "-";
}

/* The side-by-side text of every column up to @ctx, for one kind. */
static void
kind_text (const TnetReportContext *ctx, TnetStructureKind kind, GString *text)
{
  guint n_cols = ctx->column_index + 1;
  g_autofree const TnetReportContext **ctxs = g_new0 (const TnetReportContext *, n_cols);
  g_autofree const Column **cols = g_new0 (const Column *, n_cols);
  const TnetReportContext *c = ctx;
  for (guint k = n_cols; k-- > 0 && c; c = c->previous)
    {
      ctxs[k] = c;
      cols[k] = tnet_i_report_cache_get (c, "structures");
    }
  const Column *last = cols[n_cols - 1];
  const TnetNetwork *net = ctx->net;

  /* the plan's words, each distinct text once */
  g_autoptr (GHashTable) quoted = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < tnet_structure_set_n_structures (last->set); i++)
    {
      const TnetStructure *s = tnet_structure_set_get (last->set, i);
      if (s->kind != kind || !s->plan_text || g_hash_table_contains (quoted, s->plan_text))
        continue;
      g_hash_table_add (quoted, (gpointer) s->plan_text);
      g_string_append_printf (text, "  %s\n", s->plan_text);
    }

  /* the table: header then one row per structure */
  guint n_cells = 3 + 3 * n_cols;
  g_autoptr (GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (cells, g_strdup ("structure"));
  g_ptr_array_add (cells, g_strdup ("conf."));
  g_ptr_array_add (cells, g_strdup ("km"));
  for (guint k = 0; k < n_cols; k++)
    {
      g_ptr_array_add (cells, g_strdup_printf ("%s built", ctxs[k]->column));
      g_ptr_array_add (cells, g_strdup ("%"));
      g_ptr_array_add (cells, g_strdup (kind == TNET_STRUCTURE_RING ? "ring" : "axis"));
    }
  guint n_rows = 1;
  for (guint i = 0; i < tnet_structure_set_n_structures (last->set); i++)
    {
      const TnetStructure *s = tnet_structure_set_get (last->set, i);
      if (s->kind != kind)
        continue;
      n_rows++;
      GString *name = g_string_new (s->name);
      if (s->name_en)
        g_string_append_printf (name, " %s", s->name_en);
      if (s->group)
        g_string_append_printf (name, " [%s]", s->group);
      g_ptr_array_add (cells, g_string_free (name, FALSE));
      g_ptr_array_add (cells, g_strdup (lowest_confidence (s)));
      const TnetStructureState *lst = last->states->pdata[i];
      g_ptr_array_add (cells, g_strdup_printf ("%.1f", lst->length_m / 1000.0));
      for (guint k = 0; k < n_cols; k++)
        {
          const TnetStructureState *st = cols[k] ? cols[k]->states->pdata[i] : NULL;
          g_ptr_array_add (cells, st ? g_strdup_printf ("%.1f", st->built_m / 1000.0)
                                     : g_strdup ("-"));
          g_ptr_array_add (cells, st ? g_strdup_printf ("%.0f", 100.0 * st->share)
                                     : g_strdup ("-"));
          g_ptr_array_add (cells, st ? verdict_text (kind, st) : g_strdup ("-"));
        }
    }
  g_autofree guint *width = g_new0 (guint, n_cells);
  for (guint r = 0; r < n_rows; r++)
    for (guint k = 0; k < n_cells; k++)
      width[k] = MAX (width[k], tnet_i_text_width (cells->pdata[r * n_cells + k]));
  for (guint r = 0; r < n_rows; r++)
    {
      g_string_append (text, " ");
      for (guint k = 0; k < n_cells; k++)
        {
          g_string_append (text, k >= 3 && (k - 3) % 3 == 0 ? "  |  " : " ");
          tnet_i_text_pad (text, cells->pdata[r * n_cells + k], width[k], k >= 2 && (k - 3) % 3 != 2);
        }
      while (text->len && text->str[text->len - 1] == ' ')
        g_string_truncate (text, text->len - 1);
      g_string_append_c (text, '\n');
    }

  /* the gaps, per structure and column */
  for (guint i = 0; i < tnet_structure_set_n_structures (last->set); i++)
    {
      const TnetStructure *s = tnet_structure_set_get (last->set, i);
      if (s->kind != kind)
        continue;
      for (guint k = 0; k < n_cols; k++)
        {
          const TnetStructureState *st = cols[k] ? cols[k]->states->pdata[i] : NULL;
          if (st == NULL || st->n_gaps == 0)
            continue;
          g_string_append_printf (text, "  %s, %s: to %s, build", s->name, ctxs[k]->column,
                                  kind == TNET_STRUCTURE_RING ? "close it" : "join it");
          for (guint g = 0; g < st->n_gaps; g++)
            {
              const TnetStructureGap *gap = &st->gaps[g];
              g_string_append (text, g ? ";" : "");
              if (gap->link == TNET_ID_NONE)
                {
                  g_string_append_printf (text, " %s – %s (%s – %s, %.1f km straight line: "
                                          "no link in the data)",
                                          node_label (net, gap->from), node_label (net, gap->to),
                                          tnet_network_node (net, gap->from)->id,
                                          tnet_network_node (net, gap->to)->id,
                                          gap->length_m / 1000.0);
                  continue;
                }
              const TnetLink *l = tnet_network_link (net, gap->link);
              g_string_append_printf (text, " %s (%s, %s", l->id, l->line ? l->line : "-",
                                      tnet_status_to_string (l->status));
              if (l->open_year > 0)
                g_string_append_printf (text, " %d", l->open_year);
              g_string_append_printf (text, ", %.1f km)", gap->length_m / 1000.0);
            }
          g_string_append (text, "\n");
        }
      if (s->kind == TNET_STRUCTURE_RING)
        {
          const TnetStructureState *lst = last->states->pdata[i];
          if (lst->verdict == TNET_STRUCTURE_OFF_CENTRE)
            g_string_append_printf (text, "  %s: its links form a cycle through every member, "
                                    "but none encloses the centre (%.4f, %.4f)\n", s->name,
                                    s->centre_lon, s->centre_lat);
        }
    }
}

static gboolean
run_kind (const TnetReportContext *ctx, TnetStructureKind kind, JsonBuilder *b,
          GString *text, GError **error)
{
  const Column *col = NULL;
  if (!column_get (ctx, &col, error))
    return FALSE;
  if (col == NULL)
    return TRUE;   /* no structures.csv: nothing to report */
  guint n_kind = 0, n_complete = 0;
  /* a draw (ctx->keep) wants the count only, not each structure's details */
  if (!ctx->keep)
    {
      json_builder_set_member_name (b, kind == TNET_STRUCTURE_RING ? "rings" : "axes");
      json_builder_begin_object (b);
    }
  for (guint i = 0; i < tnet_structure_set_n_structures (col->set); i++)
    {
      const TnetStructure *s = tnet_structure_set_get (col->set, i);
      if (s->kind != kind)
        continue;
      const TnetStructureState *st = col->states->pdata[i];
      n_kind++;
      n_complete += st->verdict == TNET_STRUCTURE_COMPLETE;
      if (ctx->keep)
        continue;
      json_builder_set_member_name (b, s->id);
      structure_json (ctx->net, s, st, b);
    }
  if (!ctx->keep)
    json_builder_end_object (b);
  if (n_kind == 0)
    return TRUE;
  if (kind == TNET_STRUCTURE_RING)
    tnet_i_report_indicator (ctx, "rings_closed", "Rings closed around their centre", "rings", 0);
  else
    tnet_i_report_indicator (ctx, "axes_joined", "Axes joined end to end", "axes", 0);
  json_builder_set_member_name (b, kind == TNET_STRUCTURE_RING ? "rings_closed"
                                                               : "axes_joined");
  json_builder_add_int_value (b, n_complete);
  /* the text sets the columns side by side, under the last one */
  if (ctx->column_index + 1 == ctx->n_columns && !ctx->keep)
    kind_text (ctx, kind, text);
  return TRUE;
}

static gboolean
run_rings (const TnetReportContext *ctx, JsonBuilder *b, GString *text, GError **error)
{
  return run_kind (ctx, TNET_STRUCTURE_RING, b, text, error);
}

static gboolean
run_axes (const TnetReportContext *ctx, JsonBuilder *b, GString *text, GError **error)
{
  return run_kind (ctx, TNET_STRUCTURE_AXIS, b, text, error);
}

const TnetReportSection tnet_i_report_section_rings = {
  "rings", "Rings", run_rings
};

const TnetReportSection tnet_i_report_section_axes = {
  "axes", "Axes", run_axes
};
