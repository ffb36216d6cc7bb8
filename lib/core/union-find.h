/* union-find.h: the root of a node in a union-find forest, for the analyses
 * that join the ends of links (corridor lines, structure lines).
 * Internal: not installed, not part of the API. */
#pragma once

#include <glib.h>

/*
 * tnet_i_union_find_root:
 * @parent: the forest: parent[v] == v for a root; shortened in place
 * @v: a node, < the forest's size
 *
 * Returns @v's root, halving the path on the way (each node visited points
 * to its grandparent afterwards). Join two trees by setting one root's
 * parent to the other. Amortised O(log n) per call; O(α(n)) when joins are
 * by size. Not thread-safe on a shared forest. Cannot fail.
 */
static inline guint32
tnet_i_union_find_root (guint32 *parent, guint32 v)
{
  while (parent[v] != v)
    v = parent[v] = parent[parent[v]];
  return v;
}
