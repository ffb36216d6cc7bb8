/* tnet-transit.h: the transit headers together — feeds (tnet-feed.h), the
 * multimodal graphs (tnet-multimodal.h) and their journeys
 * (tnet-journey.h). */
#pragma once

#if !defined(TNET_INSIDE) && !defined(TNET_COMPILATION)
#error "Only <tnet/tnet.h> can be included directly."
#endif

#include <tnet/tnet-feed.h>
#include <tnet/tnet-multimodal.h>
#include <tnet/tnet-journey.h>
