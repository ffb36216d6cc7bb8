/* ch-file.c: saving and loading contraction hierarchies.
 *
 * Layout (all integers little-endian):
 *   0  magic "TNETCH\r\n" (8 bytes; the CR LF catches text-mode mangling)
 *   8  u32 format version (2; version 1 had no middle nodes)
 *  12  u32 header size (48)
 *  16  u64 n_nodes
 *  24  u64 n_entries
 *  32  u64 FNV-1a 64 checksum of the payload
 *  40  u64 flags: bit 0 = the arrival map follows the entries
 *  48  payload: rank[n_nodes] u32, first[n_nodes + 1] u32,
 *      entries[n_entries] × (head, wf, wb) u32,
 *      middles[n_entries] × (mf, mb) u32, [arrive[n_nodes] u32]
 * A loaded file is checked in full before a TnetCH is made from it: in
 * particular every middle node ranks below its arc's lower end and the two
 * arcs through it exist with weights adding up to the arc's, so that path
 * unpacking always terminates and never looks up a missing arc.
 */
#include "tnet-internal.h"
#include "ch-private.h"
#include <gio/gio.h>
#include <errno.h>

#define CH_MAGIC "TNETCH\r\n"
#define CH_VERSION 2u
#define CH_HEADER 48u

static guint64
fnv1a (const guint8 *p, gsize len)
{
  guint64 h = G_GUINT64_CONSTANT (0xcbf29ce484222325);
  for (gsize i = 0; i < len; i++)
    {
      h ^= p[i];
      h *= G_GUINT64_CONSTANT (0x100000001b3);
    }
  return h;
}

static void
put32 (guint8 *p, guint32 v)
{
  p[0] = (guint8) v;
  p[1] = (guint8) (v >> 8);
  p[2] = (guint8) (v >> 16);
  p[3] = (guint8) (v >> 24);
}

static void
put64 (guint8 *p, guint64 v)
{
  put32 (p, (guint32) v);
  put32 (p + 4, (guint32) (v >> 32));
}

static guint32
get32 (const guint8 *p)
{
  return (guint32) p[0] | (guint32) p[1] << 8 | (guint32) p[2] << 16 | (guint32) p[3] << 24;
}

static guint64
get64 (const guint8 *p)
{
  return (guint64) get32 (p) | (guint64) get32 (p + 4) << 32;
}

gboolean
tnet_ch_save (const TnetCH *ch, const char *path, GError **error)
{
  g_return_val_if_fail (ch != NULL && path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);
  gsize n = ch->n_nodes, ne = ch->n_entries;
  gsize payload = 4 * n + 4 * (n + 1) + 20 * ne + (ch->arrive ? 4 * n : 0);
  gsize size = CH_HEADER + payload;
  guint8 *buf = g_malloc0 (size);
  guint8 *p = buf + CH_HEADER;
  for (gsize i = 0; i < n; i++, p += 4)
    put32 (p, ch->rank[i]);
  for (gsize i = 0; i <= n; i++, p += 4)
    put32 (p, ch->first[i]);
  for (gsize i = 0; i < ne; i++, p += 12)
    {
      put32 (p, ch->up[i].head);
      put32 (p + 4, ch->up[i].wf);
      put32 (p + 8, ch->up[i].wb);
    }
  for (gsize i = 0; i < ne; i++, p += 8)
    {
      put32 (p, ch->mid[i].mf);
      put32 (p + 4, ch->mid[i].mb);
    }
  for (gsize i = 0; ch->arrive && i < n; i++, p += 4)
    put32 (p, ch->arrive[i]);
  memcpy (buf, CH_MAGIC, 8);
  put32 (buf + 8, CH_VERSION);
  put32 (buf + 12, CH_HEADER);
  put64 (buf + 16, n);
  put64 (buf + 24, ne);
  put64 (buf + 32, fnv1a (buf + CH_HEADER, payload));
  put64 (buf + 40, ch->arrive ? 1 : 0);
  GError *local = NULL;
  gboolean ok = g_file_set_contents (path, (const char *) buf, (gssize) size, &local);
  g_free (buf);
  if (!ok)
    {
      g_set_error (error, TNET_ERROR, TNET_ERROR_IO, "%s: cannot write the CH: %s", path,
                   local->message);
      g_error_free (local);
    }
  return ok;
}

/* The entry of rank @x with head @h (entries sorted by head), or NULL. */
static const TnetCHEntry *
find_entry (const TnetCHEntry *up, const uint32_t *first, uint32_t x, uint32_t h)
{
  guint32 lo = first[x], hi = first[x + 1];
  while (lo < hi)
    {
      guint32 mid = lo + (hi - lo) / 2;
      if (up[mid].head < h)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo < first[x + 1] && up[lo].head == h ? &up[lo] : NULL;
}

static TnetCH *
invalid (GError **error, const char *path, const char *fmt, ...) G_GNUC_PRINTF (3, 4);

static TnetCH *
invalid (GError **error, const char *path, const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  char *msg = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  g_set_error (error, TNET_ERROR, TNET_ERROR_INVALID_INPUT, "%s: %s", path, msg);
  g_free (msg);
  return NULL;
}

/* A CH file being read: the cursor in its payload and the arrays read so
 * far (NULL until then; owned until handed to the hierarchy). */
typedef struct {
  const char *path;
  const guint8 *p;              /* the next field of the payload */
  guint64 n, ne, flags;         /* nodes, upward entries, 1: arrival twins follow */
  uint32_t *rank, *first, *arrive;
  TnetCHEntry *up;
  TnetCHMid *mid;
} ChFile;

/* The header of the @size bytes at @buf: magic, version, sizes, flags,
 * the length they announce and the payload's checksum. */
static gboolean
ch_read_header (ChFile *f, const guint8 *buf, gsize size, GError **error)
{
  const char *path = f->path;
  if (size < CH_HEADER || memcmp (buf, CH_MAGIC, 8) != 0)
    {
      invalid (error, path, "offset 0: not a tnet CH file (magic \"TNETCH\" expected)");
      return FALSE;
    }
  if (get32 (buf + 8) != CH_VERSION || get32 (buf + 12) != CH_HEADER)
    {
      invalid (error, path, "offset 8: CH format version %u (header %u bytes); this library reads version %u",
               get32 (buf + 8), get32 (buf + 12), CH_VERSION);
      return FALSE;
    }
  guint64 n = f->n = get64 (buf + 16), ne = f->ne = get64 (buf + 24);
  if (n >= (1u << 31) || ne >= G_MAXUINT32)
    {
      invalid (error, path, "offset 16: sizes out of range (%" G_GUINT64_FORMAT " nodes, %"
               G_GUINT64_FORMAT " entries)", n, ne);
      return FALSE;
    }
  guint64 flags = f->flags = get64 (buf + 40);
  if (flags > 1)
    {
      invalid (error, path, "offset 40: unknown flags %" G_GUINT64_FORMAT, flags);
      return FALSE;
    }
  guint64 payload = 4 * n + 4 * (n + 1) + 20 * ne + (flags ? 4 * n : 0);
  if (size != CH_HEADER + payload)
    {
      invalid (error, path, "the file has %" G_GSIZE_FORMAT " bytes; its header announces %"
               G_GUINT64_FORMAT " (truncated or corrupt)", size, CH_HEADER + payload);
      return FALSE;
    }
  if (fnv1a (buf + CH_HEADER, payload) != get64 (buf + 32))
    {
      invalid (error, path, "offset 32: checksum mismatch (the payload is corrupt)");
      return FALSE;
    }
  f->p = buf + CH_HEADER;
  return TRUE;
}

/* The ranks (a permutation of 0..n-1) and the arc index by rank. */
static gboolean
ch_read_ranks (ChFile *f, GError **error)
{
  const guint64 n = f->n;
  f->rank = g_new (uint32_t, MAX (n, 1));
  f->first = g_new (uint32_t, n + 1);
  g_autofree uint32_t *seen = g_new0 (uint32_t, MAX (n, 1));
  for (guint64 i = 0; i < n; i++, f->p += 4)
    {
      f->rank[i] = get32 (f->p);
      if (f->rank[i] >= n || seen[f->rank[i]]++)
        {
          invalid (error, f->path, "rank of node %" G_GUINT64_FORMAT ": %u is out of range or repeated (ranks must be a permutation)",
                   i, f->rank[i]);
          return FALSE;
        }
    }
  uint32_t *first = f->first;
  for (guint64 i = 0; i <= n; i++, f->p += 4)
    {
      first[i] = get32 (f->p);
      if ((i == 0 && first[i] != 0) || (i > 0 && first[i] < first[i - 1])
          || first[i] > f->ne || (i == n && first[i] != f->ne))
        {
          invalid (error, f->path, "offset of rank %" G_GUINT64_FORMAT ": %u breaks the arc index",
                   i, first[i]);
          return FALSE;
        }
    }
  return TRUE;
}

/* The upward arcs of each rank: heads above it and increasing, weights in
 * range and not both infinite. */
static gboolean
ch_read_arcs (ChFile *f, GError **error)
{
  const guint64 n = f->n;
  const uint32_t *first = f->first;
  TnetCHEntry *up = f->up = g_new (TnetCHEntry, MAX (f->ne, 1));
  for (guint64 r = 0; r < n; r++)
    for (guint32 k = first[r]; k < first[r + 1]; k++, f->p += 12)
      {
        TnetCHEntry e = { get32 (f->p), get32 (f->p + 4), get32 (f->p + 8) };
        if (e.head <= r || e.head >= n)
          {
            invalid (error, f->path, "arc %u of rank %" G_GUINT64_FORMAT " points to rank %u (arcs must point upwards, below %" G_GUINT64_FORMAT ")",
                     k, r, e.head, n);
            return FALSE;
          }
        if (k > first[r] && e.head <= up[k - 1].head)
          {
            invalid (error, f->path, "arc %u of rank %" G_GUINT64_FORMAT ": heads must increase within a node",
                     k, r);
            return FALSE;
          }
        if (e.wf > TNET_WEIGHT_INF || e.wb > TNET_WEIGHT_INF
            || (e.wf == TNET_WEIGHT_INF && e.wb == TNET_WEIGHT_INF))
          {
            invalid (error, f->path, "arc %u of rank %" G_GUINT64_FORMAT ": weights %u/%u out of range",
                     k, r, e.wf, e.wb);
            return FALSE;
          }
        up[k] = e;
      }
  return TRUE;
}

/* The middle nodes of the shortcuts: each one ranks below the arc's tail
 * and joins both ends by entries whose weights add up to the arc's. */
static gboolean
ch_read_mids (ChFile *f, GError **error)
{
  const uint32_t *first = f->first;
  const TnetCHEntry *up = f->up;
  TnetCHMid *mid = f->mid = g_new (TnetCHMid, MAX (f->ne, 1));
  for (guint64 k = 0; k < f->ne; k++, f->p += 8)
    mid[k] = (TnetCHMid) { get32 (f->p), get32 (f->p + 4) };
  for (guint64 r = 0; r < f->n; r++)
    for (guint32 k = first[r]; k < first[r + 1]; k++)
      for (int dir = 0; dir < 2; dir++)
        {
          uint32_t m = dir ? mid[k].mb : mid[k].mf;
          uint32_t w = dir ? up[k].wb : up[k].wf;
          if (m == TNET_CH_NO_MID)
            continue;
          /* arc a → b through m: a → m and m → b are entries of m */
          uint32_t a = dir ? up[k].head : (uint32_t) r, b = dir ? (uint32_t) r : up[k].head;
          uint64_t w1 = G_MAXUINT64, w2 = G_MAXUINT64;
          if (m < r && w != TNET_WEIGHT_INF)
            {
              const TnetCHEntry *ea = find_entry (up, first, m, a);
              const TnetCHEntry *eb = find_entry (up, first, m, b);
              if (ea && eb)
                w1 = ea->wb, w2 = eb->wf;
            }
          if (m >= r || w == TNET_WEIGHT_INF || w1 + w2 != w)
            {
              invalid (error, f->path, "middle node of arc %u of rank %" G_GUINT64_FORMAT
                       " (%s): rank %u is not a node the arc bypasses (it must rank below %"
                       G_GUINT64_FORMAT " and join both ends with weights adding up to %u)",
                       k, r, dir ? "backward" : "forward", m, r, w);
              return FALSE;
            }
        }
  return TRUE;
}

/* The arrival twin of each node, when the flags announce them. */
static gboolean
ch_read_arrivals (ChFile *f, GError **error)
{
  if (!f->flags)
    return TRUE;
  f->arrive = g_new (uint32_t, MAX (f->n, 1));
  for (guint64 i = 0; i < f->n; i++, f->p += 4)
    {
      f->arrive[i] = get32 (f->p);
      if (f->arrive[i] >= f->n)
        {
          invalid (error, f->path, "arrival node of node %" G_GUINT64_FORMAT ": %u is out of range",
                   i, f->arrive[i]);
          return FALSE;
        }
    }
  return TRUE;
}

TnetCH *
tnet_ch_load (const char *path, GError **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  char *data = NULL;
  gsize size = 0;
  if (!tnet_i_read_file (path, NULL, "the CH", &data, &size, error))
    return NULL;
  ChFile f = { .path = path };
  TnetCH *ch = NULL;
  if (ch_read_header (&f, (const guint8 *) data, size, error) && ch_read_ranks (&f, error)
      && ch_read_arcs (&f, error) && ch_read_mids (&f, error) && ch_read_arrivals (&f, error))
    {
      ch = tnet_i_ch_new_take ((guint) f.n, (guint) f.ne, f.rank, f.first, f.up, f.mid,
                               f.arrive);
      f.rank = f.first = f.arrive = NULL;
      f.up = NULL;
      f.mid = NULL;
    }
  g_free (f.rank);
  g_free (f.first);
  g_free (f.up);
  g_free (f.mid);
  g_free (f.arrive);
  g_free (data);
  return ch;
}
