/* tnet-internal.h: included first by every library source file. */
#pragma once

#ifndef TNET_COMPILATION
#define TNET_COMPILATION 1
#endif
#include <tnet/tnet.h>
#include <string.h>
#include <math.h>

/* Internal symbols shared between files are named tnet_i_* and are not
 * exported (the library is built with hidden visibility). */

/* network.c: a copy sharing all but the link records (uncertainty draws). */
TnetNetwork *tnet_i_network_shallow_copy (const TnetNetwork *net);
void tnet_i_network_shallow_free (TnetNetwork *copy);
TnetLink *tnet_i_network_link_mutable (TnetNetwork *net, TnetId i);
