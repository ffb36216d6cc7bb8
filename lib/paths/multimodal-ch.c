/* multimodal-ch.c: the contraction hierarchy kept with a multimodal graph
 * (tnet_multimodal_ref_ch()), built once or customised from a base graph's
 * customizable hierarchy (tnet_multimodal_set_ch_base()).
 *
 * Implementation notes: the cache lives with the graph
 * (tnet_i_multimodal_cache(), multimodal-internal.h) as opaque pointers
 * guarded by its lock; this file, of the paths layer, fills them and
 * installs the functions that release them, so the graph layer frees the
 * cache without calling into the paths layer. */
#include "tnet-internal.h"
#include "multimodal-internal.h"

static void
ch_destroy (gpointer ch)
{
  tnet_ch_unref (ch);
}

static void
cch_destroy (gpointer cch)
{
  tnet_cch_unref (cch);
}

/* The CH of @mm's metric by customising its base's CCH: base's arcs that
 * @mm lacks are closed (a mask: an open arc may weigh TNET_WEIGHT_MAX),
 * the others take @mm's weights.
 * The hierarchy is over base's graph, whose node ids are @mm's, and every
 * finite arc of it is an arc of @mm with the same ends and weight, so
 * distances and unpacked paths (read against @mm's metric) are @mm's.
 * Called under @mm's lock. */
static TnetCH *
customize_from_base (TnetMultimodal *mm, TnetIMultimodalCache *c, GError **error)
{
  g_autoptr (TnetCCH) cch = tnet_multimodal_ref_cch (c->base, error);
  if (cch == NULL)
    return NULL;
  TnetGraph *bg = tnet_multimodal_get_graph (c->base);
  const TnetMetric *mmetric = tnet_multimodal_get_metric (mm);
  guint bm = tnet_graph_n_arcs (bg), m = tnet_graph_n_arcs (tnet_multimodal_get_graph (mm));
  g_autofree TnetWeight *w = g_new0 (TnetWeight, MAX (bm, 1u));
  g_autofree guint8 *closed = g_new (guint8, MAX (bm, 1u));
  memset (closed, 1, MAX (bm, 1u));
  for (guint a = 0; a < m; a++)
    {
      w[c->base_arc[a]] = tnet_metric_weight (mmetric, a);
      closed[c->base_arc[a]] = 0;
    }
  g_autoptr (TnetMetric) metric = tnet_metric_new (bg, w, error);
  if (metric == NULL)
    return NULL;
  return tnet_cch_customize_closed (cch, metric, closed, error);
}

TnetCH *
tnet_multimodal_ref_ch (TnetMultimodal *mm, TnetProgressFunc progress, gpointer progress_data,
                        GCancellable *cancellable, GError **error)
{
  g_return_val_if_fail (mm != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  /* one build: a second caller waits for the first rather than building
   * the same hierarchy again */
  TnetIMultimodalCache *c = tnet_i_multimodal_cache (mm);
  g_mutex_lock (&c->lock);
  if (c->ch == NULL && c->base != NULL)
    {
      c->ch = customize_from_base (mm, c, error);
      c->customized = c->ch != NULL;
    }
  else if (c->ch == NULL)
    {
      TnetCHOptions cho;
      tnet_ch_options_init (&cho);
      cho.progress = progress;
      cho.progress_data = progress_data;
      cho.cancellable = cancellable;
      c->ch = tnet_ch_build (tnet_multimodal_get_metric (mm), &cho, error);
    }
  c->ch_destroy = ch_destroy;
  TnetCH *ch = c->ch ? tnet_ch_ref (c->ch) : NULL;
  g_mutex_unlock (&c->lock);
  return ch;
}

TnetCCH *
tnet_multimodal_ref_cch (TnetMultimodal *mm, GError **error)
{
  g_return_val_if_fail (mm != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  TnetIMultimodalCache *c = tnet_i_multimodal_cache (mm);
  g_mutex_lock (&c->lock);
  if (c->cch == NULL)
    c->cch = tnet_cch_new (tnet_multimodal_get_graph (mm), error);
  c->cch_destroy = cch_destroy;
  TnetCCH *cch = c->cch ? tnet_cch_ref (c->cch) : NULL;
  g_mutex_unlock (&c->lock);
  return cch;
}

/* Whether the arc @a of @x and @b of @y join the same nodes with the same
 * kind and reference. */
static gboolean
same_arc (const TnetIMultimodal *x, TnetId a, const TnetIMultimodal *y, TnetId b)
{
  return tnet_graph_arc_tail (x->graph, a) == tnet_graph_arc_tail (y->graph, b)
         && tnet_graph_arc_head (x->graph, a) == tnet_graph_arc_head (y->graph, b)
         && x->arc_kind[a] == y->arc_kind[b] && x->arc_ref[a] == y->arc_ref[b];
}

/* Per arc of @mm, the same arc of @base, or NULL when some arc of @mm has
 * none. Both graphs list their arcs in the builder's order, which only
 * skips the arcs of links a scenario leaves closed, so @mm's arcs are a
 * subsequence of @base's and the greedy scan finds each. */
static TnetId *
match_arcs (const TnetIMultimodal *mm, const TnetIMultimodal *base)
{
  guint m = tnet_graph_n_arcs (mm->graph), bm = tnet_graph_n_arcs (base->graph);
  TnetId *map = g_new (TnetId, MAX (m, 1u));
  TnetId b = 0;
  for (TnetId a = 0; a < m; a++, b++)
    {
      while (b < bm && !same_arc (mm, a, base, b))
        b++;
      if (b == bm)
        {
          g_free (map);
          return NULL;
        }
      map[a] = b;
    }
  return map;
}

gboolean
tnet_multimodal_set_ch_base (TnetMultimodal *mm_obj, TnetMultimodal *base_obj)
{
  g_return_val_if_fail (mm_obj != NULL && base_obj != NULL, FALSE);
  if (mm_obj == base_obj)
    return FALSE;
  TnetIMultimodal mv, bv;
  tnet_i_multimodal_view (mm_obj, &mv);
  tnet_i_multimodal_view (base_obj, &bv);
  const TnetIMultimodal *mm = &mv, *base = &bv;
  if (mm->profile != base->profile || mm->n_net != base->n_net
      || mm->origin_base != base->origin_base || mm->dest_base != base->dest_base
      || mm->n_stops != base->n_stops
      || tnet_graph_n_nodes (mm->graph) != tnet_graph_n_nodes (base->graph)
      || tnet_graph_n_base_nodes (mm->graph) != tnet_graph_n_base_nodes (base->graph))
    return FALSE;
  guint n = tnet_graph_n_nodes (mm->graph);
  for (TnetId v = 0; v < n; v++)
    if (tnet_graph_arrival_node (mm->graph, v) != tnet_graph_arrival_node (base->graph, v))
      return FALSE;
  for (guint v = 0; mm->zone_arrival && v < mm->n_net; v++)
    if (base->zone_arrival == NULL || mm->zone_arrival[v] != base->zone_arrival[v])
      return FALSE;
  TnetId *map = match_arcs (mm, base);
  if (map == NULL)
    return FALSE;
  TnetIMultimodalCache *c = tnet_i_multimodal_cache (mm_obj);
  g_mutex_lock (&c->lock);
  if (c->base)
    tnet_multimodal_unref (c->base);
  g_free (c->base_arc);
  c->base = tnet_multimodal_ref (base_obj);
  c->base_arc = map;
  g_mutex_unlock (&c->lock);
  return TRUE;
}

gboolean
tnet_multimodal_ch_customized (TnetMultimodal *mm)
{
  g_return_val_if_fail (mm != NULL, FALSE);
  TnetIMultimodalCache *c = tnet_i_multimodal_cache (mm);
  g_mutex_lock (&c->lock);
  gboolean customized = c->ch != NULL && c->customized;
  g_mutex_unlock (&c->lock);
  return customized;
}
