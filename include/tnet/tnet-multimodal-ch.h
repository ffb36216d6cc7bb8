/* tnet-multimodal-ch.h: the contraction hierarchy kept with a multimodal
 * graph, built once or customised from the customizable hierarchy of a base
 * graph (the paths layer's side of #TnetMultimodal). */
#pragma once

#if !defined(TNET_INSIDE) && !defined(TNET_COMPILATION)
#error "Only <tnet/tnet.h> can be included directly."
#endif

#include <tnet/tnet-multimodal.h>
#include <tnet/tnet-ch.h>

G_BEGIN_DECLS

/**
 * tnet_multimodal_ref_ch:
 * @progress: (nullable): progress of the build, when this call builds
 * @progress_data: passed to @progress
 * @cancellable: (nullable): stops the build, when this call builds
 *
 * The contraction hierarchy of tnet_multimodal_get_metric() (default
 * options), built by the first call and kept with @mm for every later
 * one: a program that answers many queries on one graph — many-to-many
 * commute matrices, a server, a worker of a distributed run — contracts
 * it once. Thread-safe; concurrent first callers wait for one build. A
 * build stopped by @cancellable (G_IO_ERROR_CANCELLED) is not kept: the
 * next caller builds again.
 * After tnet_multimodal_set_ch_base() the hierarchy is not built but
 * customised from the base's #TnetCCH for @mm's metric (@progress is not
 * called and @cancellable not checked then).
 * Errors: as tnet_ch_build() or tnet_cch_customize_closed().
 * Time complexity: a build (or a customisation) the first time, then O(1).
 *
 * Returns: (transfer full) (nullable): a reference, or NULL with @error.
 */
TNET_API TnetCH *tnet_multimodal_ref_ch (TnetMultimodal *mm, TnetProgressFunc progress,
                                         gpointer progress_data, GCancellable *cancellable,
                                         GError **error);

/**
 * tnet_multimodal_ref_cch:
 *
 * The customizable hierarchy of @mm's graph (tnet_cch_new()), built by the
 * first call and kept with @mm: the nested-dissection order every scenario
 * that closes links of this graph customises (tnet_multimodal_set_ch_base()).
 * Thread-safe, like tnet_multimodal_ref_ch().
 * Returns: (transfer full) (nullable): a reference, or NULL with @error
 * (as tnet_cch_new()).
 * Time complexity: tnet_cch_new() once, then O(1).
 */
TNET_API TnetCCH *tnet_multimodal_ref_cch (TnetMultimodal *mm, GError **error);

/**
 * tnet_multimodal_set_ch_base:
 * @base: the graph of the same profile and year without the closures
 *   (referenced by @mm)
 *
 * Makes tnet_multimodal_ref_ch() customise @base's cached CCH
 * (tnet_multimodal_ref_cch(), built once for all the scenarios that share
 * @base) instead of building a hierarchy: @base's arcs that @mm lacks
 * (closed links) are left out by tnet_cch_customize_closed() (a mask, not
 * a weight: an open arc at TNET_WEIGHT_MAX stays open), the others take
 * @mm's weights. The
 * result gives exactly @mm's distances and paths; its queries are slower
 * than a built hierarchy's (bench/README.md), and it costs a small
 * fraction of a build once @base's CCH exists. Applies when @mm's graph is
 * @base's with arcs left out: the same profile, nodes and zone terminals,
 * and @mm's arcs found in @base's in the same order (each with the same
 * ends, kind and link or pattern). Returns %FALSE and changes nothing
 * otherwise (a scenario that opens links @base lacks, or another
 * profile): tnet_multimodal_ref_ch() then builds as before. Call it before
 * the first tnet_multimodal_ref_ch(); a hierarchy already made is kept.
 * Errors: none (%FALSE is an answer, not an error).
 * Thread-safety: as tnet_multimodal_ref_ch().
 * Time complexity: O(n + m of @base).
 */
TNET_API gboolean tnet_multimodal_set_ch_base (TnetMultimodal *mm, TnetMultimodal *base);

/* Whether @mm's hierarchy exists and was customised from a base's CCH
 * (tnet_multimodal_set_ch_base()) rather than built. Errors: none.
 * Thread-safe. Time complexity: O(1). */
TNET_API gboolean tnet_multimodal_ch_customized (TnetMultimodal *mm);

G_END_DECLS
