/* osm-parking-count.c: see osm-parking-count.h. A reader of the PBF format
 * written for the tests from the format's description (fileformat.proto,
 * osmformat.proto), sharing nothing with readosm or lib/io: length-prefixed
 * BlobHeader + Blob, zlib or raw payloads, PrimitiveBlocks with a string
 * table, plain and dense nodes and ways (relations are skipped). */
#include "osm-parking-count.h"

#include <string.h>
#include <zlib.h>

typedef struct {
  const guint8 *p, *end;
} Buf;

static gboolean
varint (Buf *b, guint64 *out)
{
  guint64 v = 0;
  for (guint shift = 0; shift < 64 && b->p < b->end; shift += 7)
    {
      guint8 c = *b->p++;
      v |= (guint64) (c & 0x7f) << shift;
      if (!(c & 0x80))
        {
          *out = v;
          return TRUE;
        }
    }
  return FALSE;
}

static gint64
zigzag (guint64 v)
{
  return (gint64) (v >> 1) ^ -(gint64) (v & 1);
}

/* The next field: its number, wire type, and for wire type 2 its bytes,
 * else its varint (fixed 32/64-bit fields are skipped). */
static gboolean
field (Buf *b, guint *num, guint *wt, Buf *sub, guint64 *val)
{
  guint64 key;
  if (b->p >= b->end || !varint (b, &key))
    return FALSE;
  *num = (guint) (key >> 3);
  *wt = (guint) (key & 7);
  switch (*wt)
    {
    case 0:
      return varint (b, val);
    case 1:
      b->p += 8;
      return b->p <= b->end;
    case 5:
      b->p += 4;
      return b->p <= b->end;
    case 2:
      {
        guint64 len;
        if (!varint (b, &len) || len > (guint64) (b->end - b->p))
          return FALSE;
        sub->p = b->p;
        sub->end = b->p + len;
        b->p += len;
        return TRUE;
      }
    default:
      return FALSE;
    }
}

typedef struct {
  GPtrArray *strings;      /* the block's string table (borrowed bytes as char*) */
  gint64 granularity, lat_off, lon_off;
} Block;

typedef struct {
  GHashTable *node_pos;    /* node id (gint64*) -> double[2] */
  GHashTable *out;         /* "parking:nID"/"parking:wID" -> double[2] */
} Count;

static const char *
str_at (const Block *blk, guint64 i)
{
  return i < blk->strings->len ? g_ptr_array_index (blk->strings, i) : "";
}

/* The rule of the import, written again: amenity=parking|park_ride or
 * park_ride other than "no"; not when motorcar, motor_vehicle or access
 * (the first present) is private or no. */
static gboolean
is_parking (const char *const *k, const char *const *v, guint n)
{
  const char *amenity = NULL, *pr = NULL, *car = NULL, *mv = NULL, *acc = NULL;
  for (guint i = 0; i < n; i++)
    {
      if (!strcmp (k[i], "amenity"))
        amenity = v[i];
      else if (!strcmp (k[i], "park_ride"))
        pr = v[i];
      else if (!strcmp (k[i], "motorcar"))
        car = v[i];
      else if (!strcmp (k[i], "motor_vehicle"))
        mv = v[i];
      else if (!strcmp (k[i], "access"))
        acc = v[i];
    }
  gboolean yes = (amenity && (!strcmp (amenity, "parking") || !strcmp (amenity, "park_ride")))
                 || (pr && strcmp (pr, "no"));
  const char *deny = car ? car : mv ? mv : acc;
  return yes && !(deny && (!strcmp (deny, "private") || !strcmp (deny, "no")));
}

static void
add_node (Count *c, gint64 id, double lon, double lat, gboolean parking)
{
  gint64 *key = g_new (gint64, 1);
  double *ll = g_new (double, 2);
  *key = id;
  ll[0] = lon;
  ll[1] = lat;
  g_hash_table_insert (c->node_pos, key, ll);
  if (parking)
    g_hash_table_insert (c->out, g_strdup_printf ("parking:n%" G_GINT64_FORMAT, id),
                         g_memdup2 (ll, 2 * sizeof (double)));
}

static void
dense (Count *c, const Block *blk, Buf b)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GArray *lats = g_array_new (FALSE, FALSE, sizeof (gint64));
  GArray *lons = g_array_new (FALSE, FALSE, sizeof (gint64));
  GArray *kv = g_array_new (FALSE, FALSE, sizeof (guint64));
  guint num, wt;
  Buf sub;
  guint64 val;
  while (field (&b, &num, &wt, &sub, &val))
    {
      if (wt != 2 || (num != 1 && num != 8 && num != 9 && num != 10))
        continue;
      gint64 acc = 0;
      while (sub.p < sub.end && varint (&sub, &val))
        {
          if (num == 10)
            {
              g_array_append_val (kv, val);
              continue;
            }
          acc += zigzag (val);
          g_array_append_val (num == 1 ? ids : num == 8 ? lats : lons, acc);
        }
    }
  guint k = 0;
  for (guint i = 0; i < ids->len && i < lats->len && i < lons->len; i++)
    {
      const char *keys[64], *vals[64];
      guint n = 0;
      while (k < kv->len && g_array_index (kv, guint64, k) != 0)
        {
          if (n < 64 && k + 1 < kv->len)
            {
              keys[n] = str_at (blk, g_array_index (kv, guint64, k));
              vals[n] = str_at (blk, g_array_index (kv, guint64, k + 1));
              n++;
            }
          k += 2;
        }
      k++;   /* the 0 that ends the node's pairs */
      double lat = 1e-9 * (double) (blk->lat_off + blk->granularity * g_array_index (lats, gint64, i));
      double lon = 1e-9 * (double) (blk->lon_off + blk->granularity * g_array_index (lons, gint64, i));
      add_node (c, g_array_index (ids, gint64, i), lon, lat, is_parking (keys, vals, n));
    }
  g_array_unref (ids);
  g_array_unref (lats);
  g_array_unref (lons);
  g_array_unref (kv);
}

/* A plain Node (1) or a Way (3) of a PrimitiveGroup. */
static void
element (Count *c, const Block *blk, Buf b, gboolean is_way)
{
  gint64 id = 0, lat = 0, lon = 0;
  GArray *keys = g_array_new (FALSE, FALSE, sizeof (guint64));
  GArray *vals = g_array_new (FALSE, FALSE, sizeof (guint64));
  GArray *refs = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint num, wt;
  Buf sub;
  guint64 val;
  while (field (&b, &num, &wt, &sub, &val))
    {
      if (num == 1 && wt == 0)
        id = is_way ? (gint64) val : zigzag (val);
      else if (!is_way && num == 8 && wt == 0)
        lat = zigzag (val);
      else if (!is_way && num == 9 && wt == 0)
        lon = zigzag (val);
      else if ((num == 2 || num == 3) && wt == 2)
        while (sub.p < sub.end && varint (&sub, &val))
          g_array_append_val (num == 2 ? keys : vals, val);
      else if (is_way && num == 8 && wt == 2)
        {
          gint64 acc = 0;
          while (sub.p < sub.end && varint (&sub, &val))
            {
              acc += zigzag (val);
              g_array_append_val (refs, acc);
            }
        }
    }
  guint n = MIN (MIN (keys->len, vals->len), 64u);
  const char *k[64], *v[64];
  for (guint i = 0; i < n; i++)
    {
      k[i] = str_at (blk, g_array_index (keys, guint64, i));
      v[i] = str_at (blk, g_array_index (vals, guint64, i));
    }
  gboolean parking = is_parking (k, v, n);
  if (!is_way)
    add_node (c, id, 1e-9 * (double) (blk->lon_off + blk->granularity * lon),
              1e-9 * (double) (blk->lat_off + blk->granularity * lat), parking);
  else if (parking && refs->len >= 4
           && g_array_index (refs, gint64, 0) == g_array_index (refs, gint64, refs->len - 1))
    {
      double sum[2] = { 0, 0 };
      gboolean all = TRUE;
      for (guint i = 0; i + 1 < refs->len && all; i++)
        {
          const double *ll = g_hash_table_lookup (c->node_pos, &g_array_index (refs, gint64, i));
          all = ll != NULL;
          if (ll)
            {
              sum[0] += ll[0];
              sum[1] += ll[1];
            }
        }
      if (all)
        {
          double *ll = g_new (double, 2);
          ll[0] = sum[0] / (refs->len - 1);
          ll[1] = sum[1] / (refs->len - 1);
          g_hash_table_insert (c->out, g_strdup_printf ("parking:w%" G_GINT64_FORMAT, id), ll);
        }
    }
  g_array_unref (keys);
  g_array_unref (vals);
  g_array_unref (refs);
}

static void
primitive_block (Count *c, Buf b)
{
  Block blk = { g_ptr_array_new_with_free_func (g_free), 100, 0, 0 };
  GArray *groups = g_array_new (FALSE, FALSE, sizeof (Buf));
  guint num, wt;
  Buf sub;
  guint64 val;
  while (field (&b, &num, &wt, &sub, &val))
    {
      if (num == 1 && wt == 2)
        {
          guint n2, w2;
          Buf s;
          guint64 v2;
          while (field (&sub, &n2, &w2, &s, &v2))
            if (n2 == 1 && w2 == 2)
              g_ptr_array_add (blk.strings, g_strndup ((const char *) s.p, (gsize) (s.end - s.p)));
        }
      else if (num == 2 && wt == 2)
        g_array_append_val (groups, sub);
      else if (num == 17 && wt == 0)
        blk.granularity = (gint64) val;
      else if (num == 19 && wt == 0)
        blk.lat_off = (gint64) val;
      else if (num == 20 && wt == 0)
        blk.lon_off = (gint64) val;
    }
  for (guint g = 0; g < groups->len; g++)
    {
      Buf gb = g_array_index (groups, Buf, g);
      while (field (&gb, &num, &wt, &sub, &val))
        if (wt == 2 && num == 1)
          element (c, &blk, sub, FALSE);
        else if (wt == 2 && num == 2)
          dense (c, &blk, sub);
        else if (wt == 2 && num == 3)
          element (c, &blk, sub, TRUE);
    }
  g_array_unref (groups);
  g_ptr_array_unref (blk.strings);
}

GHashTable *
osm_parking_count (const char *path)
{
  gchar *data;
  gsize len;
  if (!g_file_get_contents (path, &data, &len, NULL))
    return NULL;
  Count c = { g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free),
              g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free) };
  gsize at = 0;
  while (at + 4 <= len)
    {
      const guint8 *u = (const guint8 *) data + at;
      guint32 hlen = (guint32) u[0] << 24 | (guint32) u[1] << 16 | (guint32) u[2] << 8 | u[3];
      at += 4;
      Buf h = { (const guint8 *) data + at, (const guint8 *) data + at + hlen };
      at += hlen;
      char type[32] = "";
      guint64 datasize = 0, val;
      guint num, wt;
      Buf sub;
      while (field (&h, &num, &wt, &sub, &val))
        if (num == 1 && wt == 2)
          g_strlcpy (type, (const char *) sub.p, MIN (sizeof type, (gsize) (sub.end - sub.p) + 1));
        else if (num == 3 && wt == 0)
          datasize = val;
      Buf blob = { (const guint8 *) data + at, (const guint8 *) data + at + datasize };
      at += datasize;
      if (strcmp (type, "OSMData") != 0)
        continue;
      Buf raw = { NULL, NULL }, z = { NULL, NULL };
      guint64 raw_size = 0;
      while (field (&blob, &num, &wt, &sub, &val))
        if (num == 1 && wt == 2)
          raw = sub;
        else if (num == 3 && wt == 2)
          z = sub;
        else if (num == 2 && wt == 0)
          raw_size = val;
      if (raw.p)
        primitive_block (&c, raw);
      else if (z.p)
        {
          guint8 *out = g_malloc (raw_size + 1);
          uLongf out_len = (uLongf) raw_size;
          if (uncompress (out, &out_len, z.p, (uLong) (z.end - z.p)) == Z_OK)
            primitive_block (&c, (Buf) { out, out + out_len });
          g_free (out);
        }
    }
  g_free (data);
  g_hash_table_unref (c.node_pos);
  return c.out;
}
