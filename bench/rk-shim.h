/* rk-shim.h: C interface to the peer contraction hierarchy (rk-shim.cpp).
 * Weights and distances are unsigned; the peer's "unreachable" is
 * RK_INF (2^31 - 1, the same value as TNET_WEIGHT_INF). */
#pragma once

#define RK_INF 2147483647u

typedef struct RkCH RkCH;
typedef struct RkQuery RkQuery;

RkCH *rk_ch_build (unsigned n, unsigned m, const unsigned *tails, const unsigned *heads,
                   const unsigned *weights);
unsigned long long rk_ch_arcs (const RkCH *c);
void rk_ch_free (RkCH *c);
RkQuery *rk_query_new (const RkCH *c);
void rk_query_free (RkQuery *q);
unsigned rk_query_distance (RkQuery *q, unsigned s, unsigned t);
void rk_query_pin_targets (RkQuery *q, const unsigned *targets, unsigned n);
void rk_query_to_pinned (RkQuery *q, unsigned s, unsigned *dist);
