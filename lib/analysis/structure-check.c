/* structure-check.c: a declared structure in one scenario — its built and
 * pending length, whether it is complete, and the smallest set of links
 * that would complete it.
 *
 * Implementation notes. The structure's links (over every year and status)
 * are folded into "stretches", one per unordered node pair, so that an old
 * road and its upgrade count once; a stretch is open when one of its links
 * is. Each member the data cannot resolve adds a virtual stretch between its
 * two nodes (a break). A route (a ring's cycle, an axis's path) costs
 * (breaks, closed stretches, closed length, total length), compared
 * lexicographically, so the cheapest route names the fewest missing pieces.
 * Axes: a Dijkstra over that cost from every node of one end (the
 * paths layer's lexsearch, as the cost does not pack into one weight). Rings: every
 * simple cycle of the stretch graph is enumerated (each once: from its
 * smallest node, through larger nodes only, first edge below the closing
 * one); a cycle counts when it holds a stretch of every member, and closes
 * the ring when it encloses the centre (even-odd rule on lon/lat, which an
 * affine map to any local projection does not change). Structures are
 * small (tens of stretches), so the enumeration is cheap; a cap guards
 * against whole-network declarations. */
#include "tnet-internal.h"
#include "lexsearch-internal.h"

#define MAX_CYCLES 100000u
#define MAX_STEPS 20000000u

typedef struct {
  guint a, b;          /* local node indices */
  TnetId link;         /* representative link, TNET_ID_NONE for a break */
  TnetId from, to;     /* network nodes of a and b */
  gboolean open;       /* some link of the stretch is open in the scenario */
  double length_m;     /* the representative's length, or the break's distance */
  guint8 *members;     /* n_members flags: the stretch belongs to member k */
} Edge;

typedef struct {
  guint breaks, closed;
  double closed_m, total_m;
} Cost;

typedef struct {
  const TnetNetwork *net;
  const TnetStructure *s;
  GArray *nodes;        /* local -> TnetId */
  GHashTable *local;    /* TnetId + 1 -> local + 1 */
  GArray *edges;        /* of Edge */
  GArray **adj;         /* per local node: edge indices */
  /* ring search */
  guint start;
  gboolean *on_path;
  GArray *path;         /* edge indices of the current path */
  GArray *path_nodes;   /* local nodes of the current path, from start */
  guint n_cycles;
  guint64 steps;
  gboolean too_large;
  gboolean any_covering;
  gboolean have_best;
  Cost best;
  GArray *best_route;   /* edge indices in cycle order */
} Ctx;

const char *
tnet_structure_verdict_to_string (TnetStructureVerdict v)
{
  switch (v)
    {
    case TNET_STRUCTURE_COMPLETE: return "complete";
    case TNET_STRUCTURE_GAPS: return "gaps";
    case TNET_STRUCTURE_BREAK: return "break";
    case TNET_STRUCTURE_OFF_CENTRE: return "off_centre";
    default: return "disconnected";
    }
}

void
tnet_structure_state_free (TnetStructureState *state)
{
  if (state == NULL)
    return;
  g_free (state->gaps);
  g_free (state->route);
  g_free (state);
}

static double
straight_m (const TnetNetwork *net, TnetId a, TnetId b)
{
  const TnetNode *p = tnet_network_node (net, a), *q = tnet_network_node (net, b);
  double f1 = p->lat * G_PI / 180, f2 = q->lat * G_PI / 180;
  double df = f2 - f1, dl = (q->lon - p->lon) * G_PI / 180;
  double h = sin (df / 2) * sin (df / 2) + cos (f1) * cos (f2) * sin (dl / 2) * sin (dl / 2);
  return 2 * 6371008.8 * asin (MIN (1.0, sqrt (h)));
}

static guint
local_of (Ctx *c, TnetId v)
{
  gpointer p = g_hash_table_lookup (c->local, GUINT_TO_POINTER (v + 1));
  if (p)
    return GPOINTER_TO_UINT (p) - 1;
  g_array_append_val (c->nodes, v);
  g_hash_table_insert (c->local, GUINT_TO_POINTER (v + 1), GUINT_TO_POINTER (c->nodes->len));
  return c->nodes->len - 1;
}

/* The stretch between @a and @b (creating it), for real links only. */
static Edge *
stretch_of (Ctx *c, GHashTable *pairs, TnetId a, TnetId b)
{
  guint64 key = ((guint64) MIN (a, b) << 32) | MAX (a, b);
  gpointer p = g_hash_table_lookup (pairs, &key);
  if (p)
    return &g_array_index (c->edges, Edge, GPOINTER_TO_UINT (p) - 1);
  Edge e = { local_of (c, a), local_of (c, b), TNET_ID_NONE, a, b, FALSE, 0,
             g_new0 (guint8, MAX (c->s->n_members, 1)) };
  g_array_append_val (c->edges, e);
  guint64 *k = g_new (guint64, 1);
  *k = key;
  g_hash_table_insert (pairs, k, GUINT_TO_POINTER (c->edges->len));
  return &g_array_index (c->edges, Edge, c->edges->len - 1);
}

/* Whether @l should represent its stretch instead of @cur: an open link
 * first, then the one that opens earliest. */
static gboolean
better_rep (const TnetLink *l, gboolean l_open, const TnetLink *cur, gboolean cur_open)
{
  if (l_open != cur_open)
    return l_open;
  return l->open_year < cur->open_year;
}

static void
build (Ctx *c, const TnetScenario *scen)
{
  const TnetStructure *s = c->s;
  g_autoptr (GHashTable) pairs = g_hash_table_new_full (g_int64_hash, g_int64_equal,
                                                        g_free, NULL);
  for (guint k = 0; k < s->n_members; k++)
    {
      const TnetStructureMember *mb = &s->members[k];
      for (guint j = 0; j < mb->n_links; j++)
        {
          TnetId li = mb->links[j];
          const TnetLink *l = tnet_network_link (c->net, li);
          if (l->from == l->to)
            continue;
          Edge *e = stretch_of (c, pairs, l->from, l->to);
          gboolean open = tnet_scenario_link_active (scen, c->net, li);
          if (e->link == TNET_ID_NONE
              || better_rep (l, open, tnet_network_link (c->net, e->link), e->open))
            {
              e->link = li;
              e->length_m = l->length_m;
            }
          e->open |= open;
          e->members[k] = 1;
        }
    }
  for (guint k = 0; k < s->n_members; k++)
    {
      const TnetStructureMember *mb = &s->members[k];
      if (mb->resolved || mb->from == mb->to)
        continue;
      Edge e = { local_of (c, mb->from), local_of (c, mb->to), TNET_ID_NONE, mb->from, mb->to,
                 FALSE, straight_m (c->net, mb->from, mb->to),
                 g_new0 (guint8, MAX (s->n_members, 1)) };
      e.members[k] = 1;
      g_array_append_val (c->edges, e);
    }
  c->adj = g_new0 (GArray *, c->nodes->len);
  for (guint v = 0; v < c->nodes->len; v++)
    c->adj[v] = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < c->edges->len; i++)
    {
      const Edge *e = &g_array_index (c->edges, Edge, i);
      g_array_append_val (c->adj[e->a], i);
      if (e->b != e->a)
        g_array_append_val (c->adj[e->b], i);
    }
}

static void
cost_add (Cost *c, const Edge *e)
{
  if (e->link == TNET_ID_NONE)
    c->breaks++;
  else if (!e->open)
    {
      c->closed++;
      c->closed_m += e->length_m;
    }
  c->total_m += e->length_m;
}

static int
cost_cmp (const Cost *x, const Cost *y)
{
  if (x->breaks != y->breaks)
    return x->breaks < y->breaks ? -1 : 1;
  if (x->closed != y->closed)
    return x->closed < y->closed ? -1 : 1;
  if (x->closed_m != y->closed_m)
    return x->closed_m < y->closed_m ? -1 : 1;
  if (x->total_m != y->total_m)
    return x->total_m < y->total_m ? -1 : 1;
  return 0;
}

/* Even-odd rule: is (x, y) inside the polygon of @n vertices? */
static gboolean
point_in_polygon (const double *px, const double *py, guint n, double x, double y)
{
  gboolean inside = FALSE;
  for (guint i = 0, j = n - 1; i < n; j = i++)
    if ((py[i] > y) != (py[j] > y)
        && x < (px[j] - px[i]) * (y - py[i]) / (py[j] - py[i]) + px[i])
      inside = !inside;
  return inside;
}

static void
judge_cycle (Ctx *c, guint closing)
{
  const TnetStructure *s = c->s;
  c->n_cycles++;
  if (c->n_cycles > MAX_CYCLES)
    {
      c->too_large = TRUE;
      return;
    }
  /* every member has a stretch on the cycle (members with no link at all
   * have nothing to contribute and are not required) */
  for (guint k = 0; k < s->n_members; k++)
    {
      if (s->members[k].resolved && s->members[k].n_links == 0)
        continue;
      gboolean hit = g_array_index (c->edges, Edge, closing).members[k];
      for (guint j = 0; j < c->path->len && !hit; j++)
        hit = g_array_index (c->edges, Edge, g_array_index (c->path, guint, j)).members[k];
      if (!hit)
        return;
    }
  c->any_covering = TRUE;
  guint n = c->path_nodes->len;
  g_autofree double *px = g_new (double, n);
  g_autofree double *py = g_new (double, n);
  for (guint j = 0; j < n; j++)
    {
      const TnetNode *nd = tnet_network_node (c->net, g_array_index (c->nodes, TnetId,
                                              g_array_index (c->path_nodes, guint, j)));
      px[j] = nd->lon;
      py[j] = nd->lat;
    }
  if (n < 3 || !point_in_polygon (px, py, n, s->centre_lon, s->centre_lat))
    return;
  Cost cost = { 0 };
  for (guint j = 0; j < c->path->len; j++)
    cost_add (&cost, &g_array_index (c->edges, Edge, g_array_index (c->path, guint, j)));
  cost_add (&cost, &g_array_index (c->edges, Edge, closing));
  if (c->have_best && cost_cmp (&cost, &c->best) >= 0)
    return;
  c->have_best = TRUE;
  c->best = cost;
  g_array_set_size (c->best_route, 0);
  g_array_append_vals (c->best_route, c->path->data, c->path->len);
  g_array_append_val (c->best_route, closing);
}

static void
dfs (Ctx *c, guint v)
{
  if (c->too_large || ++c->steps > MAX_STEPS)
    {
      c->too_large = TRUE;
      return;
    }
  guint first = c->path->len ? g_array_index (c->path, guint, 0) : G_MAXUINT;
  for (guint k = 0; k < c->adj[v]->len && !c->too_large; k++)
    {
      guint ei = g_array_index (c->adj[v], guint, k);
      const Edge *e = &g_array_index (c->edges, Edge, ei);
      guint w = e->a == v ? e->b : e->a;
      if (w == c->start)
        {
          if (c->path->len > 0 && first < ei)
            judge_cycle (c, ei);
          continue;
        }
      if (w < c->start || c->on_path[w])
        continue;
      c->on_path[w] = TRUE;
      g_array_append_val (c->path, ei);
      g_array_append_val (c->path_nodes, w);
      dfs (c, w);
      g_array_set_size (c->path, c->path->len - 1);
      g_array_set_size (c->path_nodes, c->path_nodes->len - 1);
      c->on_path[w] = FALSE;
    }
}

static gboolean
search_ring (Ctx *c, GError **error)
{
  guint n = c->nodes->len;
  c->on_path = g_new0 (gboolean, MAX (n, 1));
  c->path = g_array_new (FALSE, FALSE, sizeof (guint));
  c->path_nodes = g_array_new (FALSE, FALSE, sizeof (guint));
  for (c->start = 0; c->start < n && !c->too_large; c->start++)
    {
      g_array_set_size (c->path_nodes, 0);
      g_array_append_val (c->path_nodes, c->start);
      c->on_path[c->start] = TRUE;
      dfs (c, c->start);
      c->on_path[c->start] = FALSE;
    }
  g_free (c->on_path);
  g_array_unref (c->path);
  g_array_unref (c->path_nodes);
  if (c->too_large)
    {
      g_set_error (error, TNET_ERROR, TNET_ERROR_TOO_LARGE,
                   "structure \"%s\": its links hold more than %u cycles (declare the ring's "
                   "members as stretches between two nodes)", c->s->id, MAX_CYCLES);
      return FALSE;
    }
  return TRUE;
}

/* Cheapest path from any node of one end to any node of the other: a
 * search of the paths layer over each stretch's cost as a vector of the four
 * parts of Cost, in Cost's order. */
static void
search_axis (Ctx *c)
{
  guint m = c->edges->len;
  g_autofree guint *ea = g_new (guint, MAX (m, 1));
  g_autofree guint *eb = g_new (guint, MAX (m, 1));
  g_autofree double *ecost = g_new (double, MAX (m, 1) * 4);
  for (guint i = 0; i < m; i++)
    {
      const Edge *e = &g_array_index (c->edges, Edge, i);
      Cost one = { 0 };
      cost_add (&one, e);
      ea[i] = e->a;
      eb[i] = e->b;
      ecost[4 * i + 0] = one.breaks;
      ecost[4 * i + 1] = one.closed;
      ecost[4 * i + 2] = one.closed_m;
      ecost[4 * i + 3] = one.total_m;
    }
  g_autoptr (GArray) from = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr (GArray) to = g_array_new (FALSE, FALSE, sizeof (guint));
  GArray *ends[2] = { from, to };
  for (int e = 0; e < 2; e++)
    for (guint k = 0; k < c->s->n_end_nodes[e]; k++)
      {
        gpointer p = g_hash_table_lookup (c->local,
                                          GUINT_TO_POINTER (c->s->end_nodes[e][k] + 1));
        guint v = GPOINTER_TO_UINT (p) - 1;
        if (p)
          g_array_append_val (ends[e], v);
      }
  TnetILexGraph g = { c->nodes->len, m, ea, eb, 4, ecost,
                      (const guint *) from->data, from->len,
                      (const guint *) to->data, to->len };
  double best[4];
  if (tnet_i_lex_search (&g, best, c->best_route) == G_MAXUINT)
    return;
  c->have_best = TRUE;
  c->best = (Cost) { (guint) best[0], (guint) best[1], best[2], best[3] };
}

TnetStructureState *
tnet_structure_analyse (const TnetNetwork *net, const TnetStructure *s,
                        const TnetScenario *scen, GError **error)
{
  g_return_val_if_fail (net != NULL && s != NULL && scen != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  Ctx c = { .net = net, .s = s };
  c.nodes = g_array_new (FALSE, FALSE, sizeof (TnetId));
  c.local = g_hash_table_new (g_direct_hash, g_direct_equal);
  c.edges = g_array_new (FALSE, FALSE, sizeof (Edge));
  c.best_route = g_array_new (FALSE, FALSE, sizeof (guint));
  build (&c, scen);

  TnetStructureState *st = NULL;
  gboolean ok = TRUE;
  if (s->kind == TNET_STRUCTURE_RING)
    ok = search_ring (&c, error);
  else
    search_axis (&c);
  if (ok)
    {
      st = g_new0 (TnetStructureState, 1);
      for (guint i = 0; i < c.edges->len; i++)
        {
          const Edge *e = &g_array_index (c.edges, Edge, i);
          if (e->link == TNET_ID_NONE)
            continue;
          st->length_m += e->length_m;
          if (e->open)
            st->built_m += e->length_m;
          else
            st->pending_m[tnet_network_link (net, e->link)->status] += e->length_m;
        }
      st->share = st->length_m > 0 ? st->built_m / st->length_m : 0;
      if (c.have_best)
        st->verdict = c.best.breaks ? TNET_STRUCTURE_BREAK
                      : c.best.closed ? TNET_STRUCTURE_GAPS : TNET_STRUCTURE_COMPLETE;
      else
        st->verdict = c.any_covering ? TNET_STRUCTURE_OFF_CENTRE : TNET_STRUCTURE_DISCONNECTED;
      st->gaps = g_new0 (TnetStructureGap, MAX (c.best_route->len, 1));
      st->route = g_new0 (TnetId, MAX (c.best_route->len, 1));
      for (guint j = 0; j < c.best_route->len; j++)
        {
          const Edge *e = &g_array_index (c.edges, Edge, g_array_index (c.best_route, guint, j));
          if (e->link != TNET_ID_NONE)
            st->route[st->n_route++] = e->link;
          if (e->link == TNET_ID_NONE || !e->open)
            st->gaps[st->n_gaps++] = (TnetStructureGap) { e->link, e->from, e->to,
                                                          e->length_m };
        }
    }
  for (guint i = 0; i < c.edges->len; i++)
    g_free (g_array_index (c.edges, Edge, i).members);
  for (guint v = 0; c.adj && v < c.nodes->len; v++)
    g_array_unref (c.adj[v]);
  g_free (c.adj);
  g_array_unref (c.nodes);
  g_hash_table_unref (c.local);
  g_array_unref (c.edges);
  g_array_unref (c.best_route);
  return st;
}
