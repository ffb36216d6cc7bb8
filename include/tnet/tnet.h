/* tnet.h: the umbrella header. Applications include this one only. */
#pragma once

#define TNET_INSIDE
#include <tnet/tnet-version.h>
#include <tnet/tnet-core.h>
#include <tnet/tnet-network.h>
#include <tnet/tnet-scenario.h>
#include <tnet/tnet-graph.h>
#include <tnet/tnet-search.h>
#include <tnet/tnet-io.h>
#include <tnet/tnet-osm.h>
#include <tnet/tnet-ch.h>
#include <tnet/tnet-kernels.h>
#include <tnet/tnet-corridors.h>
#include <tnet/tnet-scenario-file.h>
#include <tnet/tnet-render.h>
#include <tnet/tnet-geojson.h>
#include <tnet/tnet-transit.h>
#include <tnet/tnet-timetable.h>
#include <tnet/tnet-analysis.h>
#include <tnet/tnet-commute.h>
#include <tnet/tnet-hubs.h>
#undef TNET_INSIDE
