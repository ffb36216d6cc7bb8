// rk-shim.cpp: a C interface to the peer library's contraction hierarchy
// (build, point-to-point, pinned-target one-to-many), so that
// bench-routingkit.c can time it next to tnet on the same arcs. Built only
// when meson is given -Droutingkit=PATH (a built checkout).
#include <routingkit/contraction_hierarchy.h>
#include <vector>

using namespace RoutingKit;

extern "C" {
#include "rk-shim.h"
}

struct RkCH {
  ContractionHierarchy ch;
};

struct RkQuery {
  ContractionHierarchyQuery q;
  std::vector<unsigned> buf;
};

RkCH *
rk_ch_build (unsigned n, unsigned m, const unsigned *tails, const unsigned *heads,
             const unsigned *weights)
{
  std::vector<unsigned> t (tails, tails + m), h (heads, heads + m), w (weights, weights + m);
  RkCH *c = new RkCH;
  c->ch = ContractionHierarchy::build (n, std::move (t), std::move (h), std::move (w));
  return c;
}

unsigned long long
rk_ch_arcs (const RkCH *c)
{
  return (unsigned long long) c->ch.forward.head.size () + c->ch.backward.head.size ();
}

void
rk_ch_free (RkCH *c)
{
  delete c;
}

RkQuery *
rk_query_new (const RkCH *c)
{
  RkQuery *q = new RkQuery;
  q->q = ContractionHierarchyQuery (c->ch);
  return q;
}

void
rk_query_free (RkQuery *q)
{
  delete q;
}

unsigned
rk_query_distance (RkQuery *q, unsigned s, unsigned t)
{
  return q->q.reset ().add_source (s).add_target (t).run ().get_distance ();
}

void
rk_query_pin_targets (RkQuery *q, const unsigned *targets, unsigned n)
{
  q->q.reset ().pin_targets (std::vector<unsigned> (targets, targets + n));
}

void
rk_query_to_pinned (RkQuery *q, unsigned s, unsigned *dist)
{
  q->q.reset_source ().add_source (s).run_to_pinned_targets ().get_distances_to_targets (dist);
}
