/* journey.c: a multimodal path split into legs, with its time totals. */
#include "tnet-internal.h"
#include "multimodal-internal.h"

static const char *const leg_names[] = { "drive", "walk", "park", "wait", "ride", "transfer" };

const char *
tnet_leg_kind_to_string (TnetLegKind kind)
{
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (leg_names), NULL);
  return leg_names[kind];
}

void
tnet_journey_free (TnetJourney *journey)
{
  if (journey == NULL)
    return;
  g_free (journey->legs);
  g_free (journey);
}

/* Leg kind of an arc kind, or -1 for free connectors that never start or
 * break a leg (alighting, layer switches, station entrances). */
static int
leg_of_arc (TnetArcKind k)
{
  switch (k)
    {
    case TNET_ARC_DRIVE: return TNET_LEG_DRIVE;
    case TNET_ARC_WALK:
    case TNET_ARC_ACCESS: return TNET_LEG_WALK;
    case TNET_ARC_PARK: return TNET_LEG_PARK;
    case TNET_ARC_BOARD: return TNET_LEG_WAIT;
    case TNET_ARC_RIDE:
    case TNET_ARC_DWELL: return TNET_LEG_RIDE;
    case TNET_ARC_TRANSFER: return TNET_LEG_TRANSFER;
    case TNET_ARC_ALIGHT:
    case TNET_ARC_LAYER:
    case TNET_ARC_STATION:
    case TNET_N_ARC_KINDS:
    default:
      return -1;
    }
}

TnetJourney *
tnet_multimodal_journey_from_arcs (const TnetMultimodal *mm_obj, const TnetId *arcs,
                                   guint n_arcs)
{
  g_return_val_if_fail (mm_obj != NULL && (n_arcs == 0 || arcs != NULL), NULL);
  TnetIMultimodal view;
  tnet_i_multimodal_view (mm_obj, &view);
  const TnetIMultimodal *mm = &view;
  const TnetGraph *g = mm->graph;
  TnetJourney *j = g_new0 (TnetJourney, 1);
  GArray *legs = g_array_new (FALSE, FALSE, sizeof (TnetLeg));
  int first_board = -1, last_alight = -1;
  for (guint i = 0; i < n_arcs; i++)
    {
      TnetArcKind k = mm->arc_kind[arcs[i]];
      if (k == TNET_ARC_BOARD && first_board < 0)
        first_board = (int) i;
      if (k == TNET_ARC_ALIGHT)
        last_alight = (int) i;
      if (k == TNET_ARC_BOARD)
        j->n_rides++;
    }
  TnetId open_ref = TNET_ID_NONE;   /* pattern of the open ride leg, or line-bearing link */
  for (guint i = 0; i < n_arcs; i++)
    {
      TnetId a = arcs[i];
      TnetArcKind k = mm->arc_kind[a];
      TnetWeight w = tnet_metric_weight (mm->metric, a);
      TnetId ref = mm->arc_ref[a];
      j->total_ms += w;
      switch (k)
        {
        case TNET_ARC_BOARD: j->wait_ms += w; break;
        case TNET_ARC_RIDE:
        case TNET_ARC_DWELL: j->in_vehicle_ms += w; break;
        case TNET_ARC_TRANSFER: j->transfer_ms += w; break;
        default:
          if (first_board < 0)
            {
              if (k == TNET_ARC_DRIVE)
                j->in_vehicle_ms += w;
              else
                j->access_ms += w;
            }
          else if ((int) i < first_board)
            j->access_ms += w;
          else if ((int) i > last_alight)
            j->egress_ms += w;
          else
            j->transfer_ms += w;   /* e.g. walking inside a station between rides */
          break;
        }

      int lk = leg_of_arc (k);
      if (lk < 0)
        {
          if (legs->len)
            {
              TnetLeg *last = &g_array_index (legs, TnetLeg, legs->len - 1);
              last->to = mm->node_label[tnet_graph_arc_head (g, a)];
              last->time_ms += w;
            }
          if (k == TNET_ARC_ALIGHT)
            open_ref = TNET_ID_NONE;
          continue;
        }
      TnetMode mode;
      const char *line;
      if (k == TNET_ARC_BOARD || k == TNET_ARC_RIDE || k == TNET_ARC_DWELL)
        {
          mode = (TnetMode) mm->pattern_mode[ref];
          line = mm->pattern_line[ref];
        }
      else if ((k == TNET_ARC_DRIVE || k == TNET_ARC_WALK) && ref != TNET_ID_NONE)
        {
          mode = k == TNET_ARC_WALK && mm->link_mode[ref] != TNET_MODE_ACCESS
                 ? TNET_MODE_WALK : (TnetMode) mm->link_mode[ref];
          line = mm->link_line[ref];
        }
      else
        {
          mode = TNET_MODE_WALK;
          line = NULL;
        }
      TnetLeg *last = legs->len ? &g_array_index (legs, TnetLeg, legs->len - 1) : NULL;
      gboolean extend = last && (int) last->kind == lk;
      if (extend && lk == TNET_LEG_RIDE)
        extend = open_ref == ref;
      else if (extend && lk == TNET_LEG_DRIVE)
        extend = last->line == line || (last->line && line && strcmp (last->line, line) == 0);
      else if (extend && lk == TNET_LEG_WAIT)
        extend = FALSE;
      if (extend)
        {
          last->to = mm->node_label[tnet_graph_arc_head (g, a)];
          last->time_ms += w;
          if (last->line == NULL && lk == TNET_LEG_WALK)
            last->line = line;
        }
      else
        {
          TnetLeg leg = {
            .kind = (TnetLegKind) lk,
            .mode = mode,
            .line = lk == TNET_LEG_WALK ? NULL : line,
            .from = mm->node_label[tnet_graph_arc_tail (g, a)],
            .to = mm->node_label[tnet_graph_arc_head (g, a)],
            .time_ms = w,
          };
          g_array_append_val (legs, leg);
        }
      if (lk == TNET_LEG_RIDE || lk == TNET_LEG_WAIT)
        open_ref = ref;
    }
  for (guint i = 0; i < legs->len;)
    {
      TnetLeg *l = &g_array_index (legs, TnetLeg, i);
      /* a free step on the spot (platform of the station one parked at) */
      if (l->kind == TNET_LEG_WALK && l->time_ms == 0 && strcmp (l->from, l->to) == 0)
        {
          g_array_remove_index (legs, i);
          continue;
        }
      i++;
    }
  j->n_legs = legs->len;
  j->legs = (TnetLeg *) (void *) g_array_free (legs, FALSE);
  return j;
}

TnetJourney *
tnet_multimodal_journey (const TnetMultimodal *mm, const TnetSearch *search, TnetId node)
{
  g_return_val_if_fail (mm != NULL && search != NULL, NULL);
  g_return_val_if_fail (tnet_search_get_graph (search) == tnet_multimodal_get_graph (mm), NULL);
  guint len = tnet_search_path (search, node, NULL, 0);
  if (len == G_MAXUINT)
    return NULL;
  TnetId *arcs = g_new (TnetId, MAX (len, 1));
  tnet_search_path (search, node, arcs, len);
  TnetJourney *j = tnet_multimodal_journey_from_arcs (mm, arcs, len);
  g_free (arcs);
  return j;
}
