/* fuzz-gtfs.h: what the two GTFS targets check on a feed that loads. */
#pragma once

#include "fuzz-common.h"

/* Checks the feed's invariants (indices in range, patterns consistent) and
 * builds a transit multimodal graph of the bundled network with it; aborts
 * on a broken invariant. */
void fz_check_feed (const TnetFeed *feed);
