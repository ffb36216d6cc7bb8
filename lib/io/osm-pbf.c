/* osm-pbf.c: the check an .osm.pbf file passes before readosm reads it.
 *
 * Implementation notes: readosm reads PBF with a parser of its own that
 * trusts the data. It allocates the sizes the block headers announce; it
 * reads a field's tag as one byte, so field numbers above 15 are misread
 * and the fields after them with it; it looks every string index of a way
 * or dense node up in the block's string table without a bound, so an
 * index past the table, or a block without a table (or with its table
 * after the groups), reads a wild pointer; a packed field given twice
 * leaves its array longer than the values it holds; a Blob whose raw_size
 * exceeds its raw bytes makes it parse past the block; and it ignores
 * granularity and coordinate offsets, and stops reading a block at its
 * granularity field. So the whole file is walked here first, the way
 * readosm will read it, and only what readosm reads safely and correctly
 * passes:
 *  - framing: block header at most 64 KiB, blob and uncompressed block at
 *    most 32 MiB, blocks tiling the file, an OSMHeader block first and
 *    OSMData blocks after it;
 *  - blob: exactly one raw or zlib payload, raw_size equal to the raw bytes
 *    or to what the zlib stream inflates to (inflated here with zlib, as
 *    readosm will again: each block is inflated twice);
 *  - every message readosm parses: one-byte tags of the wire type readosm
 *    expects, varints and lengths inside their message, fields the format
 *    does not repeat given once;
 *  - primitive block: one string table, before every group; granularity
 *    100, offsets 0, nothing after the granularity field but offsets;
 *  - dense nodes: as many latitudes and longitudes (and DenseInfo entries)
 *    as ids; every key/value index and every (delta-decoded) user index
 *    inside the string table;
 *  - ways: as many values as keys, every index inside the string table.
 * Plain nodes, relations and changesets are skipped by readosm in this
 * import (no callback), so only their framing is checked.
 */
#include "osm-pbf.h"

#include <stdarg.h>
#include <stdio.h>
#include <zlib.h>

#define PBF_MAX_HEADER (64u << 10)
#define PBF_MAX_BLOB (32u << 20)

typedef struct {
  gboolean bad;
  gsize at;             /* offset of the fault in the buffer checked */
  char what[200];
} Check;

static gboolean fail (Check *c, gsize at, const char *fmt, ...) G_GNUC_PRINTF (3, 4);

static gboolean
fail (Check *c, gsize at, const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  g_vsnprintf (c->what, sizeof c->what, fmt, ap);
  va_end (ap);
  c->bad = TRUE;
  c->at = at;
  return FALSE;
}

/* Reads a varint of at most @max bytes from p[0..end); returns the bytes
 * used, 0 when it is malformed, runs past @end or is longer. */
static guint
varint (const guint8 *p, const guint8 *end, guint max, guint64 *out)
{
  guint64 v = 0;
  for (guint i = 0; i < max && p + i < end; i++)
    {
      v |= (guint64) (p[i] & 0x7f) << (7 * i);
      if (!(p[i] & 0x80))
        {
          *out = v;
          return i + 1;
        }
    }
  return 0;
}

typedef struct {
  const guint8 *base;   /* the buffer, for offsets */
  const guint8 *p, *end;
} Msg;

typedef struct {
  guint field, wire, tag_len;
  guint64 v;            /* wire type 0 */
  const guint8 *data;   /* wire type 2 */
  gsize size;
  gsize at;             /* offset of the tag in the buffer */
} Field;

static Msg
sub_msg (const Msg *parent, const Field *f)
{
  Msg m = { parent->base, f->data, f->data + f->size };
  return m;
}

/* TRUE with the next field of @m in @f; FALSE at the end of @m or, with
 * @c set, when the field is malformed. Lengths are read as readosm reads
 * them (at most 5 bytes); only varint and length-delimited fields occur in
 * the messages readosm parses. */
static gboolean
next_field (Msg *m, Field *f, Check *c)
{
  if (m->p >= m->end)
    return FALSE;
  f->at = (gsize) (m->p - m->base);
  guint64 key;
  guint n = varint (m->p, m->end, 5, &key);
  if (n == 0 || (key >> 3) == 0)
    return fail (c, f->at, "malformed field tag");
  f->tag_len = n;
  f->field = (guint) (key >> 3);
  f->wire = (guint) (key & 7);
  m->p += n;
  switch (f->wire)
    {
    case 0:
      n = varint (m->p, m->end, 10, &f->v);
      if (n == 0)
        return fail (c, f->at, "field %u: malformed varint", f->field);
      m->p += n;
      return TRUE;
    case 2:
      {
        guint64 len;
        n = varint (m->p, m->end, 5, &len);
        if (n == 0 || len > (guint64) (m->end - m->p - n))
          return fail (c, f->at, "field %u: length runs past the end of its message", f->field);
        f->data = m->p + n;
        f->size = (gsize) len;
        m->p += n + len;
        return TRUE;
      }
    default:
      return fail (c, f->at, "field %u: wire type %u is not read", f->field, f->wire);
    }
}

/* Checks that @f has a one-byte tag and wire type @wire and, unless
 * @repeated, that @seen has not had it yet. */
static gboolean
expect (const Field *f, guint wire, gboolean repeated, guint32 *seen, const char *msg,
        Check *c)
{
  if (f->tag_len != 1)
    return fail (c, f->at, "%s: unexpected field %u", msg, f->field);
  if (f->wire != wire)
    return fail (c, f->at, "%s: field %u has wire type %u, expected %u", msg, f->field,
                 f->wire, wire);
  if (!repeated)
    {
      if (*seen & (1u << f->field))
        return fail (c, f->at, "%s: field %u given twice", msg, f->field);
      *seen |= 1u << f->field;
    }
  return TRUE;
}

/* next_field(), then expect() for a message whose fields are numbered @lo
 * to @hi (any other number fails as unexpected, as a two-byte tag does):
 * FALSE at the end of @m or, with @c bad, on the first failure. */
static gboolean
next_expected (Msg *m, Field *f, guint lo, guint hi, guint wire, gboolean repeated,
               guint32 *seen, const char *msg, Check *c)
{
  if (!next_field (m, f, c))
    return FALSE;
  if (f->field < lo || f->field > hi)
    return fail (c, f->at, "%s: unexpected field %u", msg, f->field);
  return expect (f, wire, repeated, seen, msg, c);
}

/* Walks the packed varints of @f (each at most @max bytes); counts them in
 * *count and, when @n_strings is not NULL, checks each nonzero one is an
 * index into a table of *n_strings strings. */
static gboolean
packed (const Field *f, const guint8 *base, guint max, const guint32 *n_strings, gsize *count,
        const char *msg, Check *c)
{
  const guint8 *p = f->data, *end = f->data + f->size;
  gsize n = 0;
  while (p < end)
    {
      guint64 v;
      guint k = varint (p, end, max, &v);
      if (k == 0)
        return fail (c, (gsize) (p - base), "%s: field %u: malformed packed varint", msg, f->field);
      if (n_strings && v != 0 && v >= *n_strings)
        return fail (c, (gsize) (p - base), "%s: string index %" G_GUINT64_FORMAT
                     " past the string table (%u strings)", msg, v, *n_strings);
      p += k;
      n++;
    }
  *count = n;
  return TRUE;
}

static gboolean
check_string_table (Msg m, guint32 *n_strings, Check *c)
{
  Field f;
  guint32 n = 0, seen = 0;
  while (next_expected (&m, &f, 1, 1, 2, TRUE, &seen, "string table", c))
    n++;
  *n_strings = n;
  return !c->bad;
}

/* DenseInfo: one entry per node in every array given; user names are
 * delta-coded string indices. */
static gboolean
check_dense_info (Msg m, gsize n_nodes, guint32 n_strings, Check *c)
{
  Field f;
  guint32 seen = 0;
  while (next_expected (&m, &f, 1, 6, 2, FALSE, &seen, "dense info", c))
    {
      gsize n = 0;
      if (f.field == 5)
        {
          /* sint32 deltas (at most 5 bytes; 2^32-1 is left out, it does not
           * decode the same everywhere); every running sum is an index */
          gint64 sum = 0;
          for (const guint8 *p = f.data, *end = f.data + f.size; p < end; n++)
            {
              guint64 v;
              guint k = varint (p, end, 5, &v);
              if (k == 0 || v >= G_MAXUINT32)
                return fail (c, (gsize) (p - m.base), "dense info: malformed user index");
              sum += (v & 1) ? -(gint64) (v >> 1) - 1 : (gint64) (v >> 1);
              if (sum < 0 || sum >= n_strings)
                return fail (c, (gsize) (p - m.base), "dense info: user index %" G_GINT64_FORMAT
                             " past the string table (%u strings)", sum, n_strings);
              p += k;
            }
        }
      else if (!packed (&f, m.base, 10, NULL, &n, "dense info", c))
        return FALSE;
      if (n != n_nodes)
        return fail (c, f.at, "dense info: field %u has %" G_GSIZE_FORMAT " entries for %"
                     G_GSIZE_FORMAT " nodes", f.field, n, n_nodes);
    }
  return !c->bad;
}

static gboolean
check_dense (Msg m, guint32 n_strings, Check *c)
{
  Field f, info = { 0 };
  guint32 seen = 0;
  gsize n_ids = 0, n_lats = 0, n_lons = 0, n_kv = 0;
  while (next_field (&m, &f, c))
    {
      switch (f.field)
        {
        case 1:
        case 8:
        case 9:
          if (!expect (&f, 2, FALSE, &seen, "dense nodes", c) ||
              !packed (&f, m.base, 10, NULL,
                       f.field == 1 ? &n_ids : f.field == 8 ? &n_lats : &n_lons,
                       "dense nodes", c))
            return FALSE;
          break;
        case 5:
          if (!expect (&f, 2, FALSE, &seen, "dense nodes", c))
            return FALSE;
          info = f;
          break;
        case 10:
          if (!expect (&f, 2, FALSE, &seen, "dense nodes", c) ||
              !packed (&f, m.base, 5, &n_strings, &n_kv, "dense nodes: keys_vals", c))
            return FALSE;
          break;
        default:
          return fail (c, f.at, "dense nodes: unexpected field %u", f.field);
        }
    }
  if (c->bad)
    return FALSE;
  if (n_lats != n_ids || n_lons != n_ids)
    return fail (c, (gsize) (m.end - m.base), "dense nodes: %" G_GSIZE_FORMAT " ids, %"
                 G_GSIZE_FORMAT " latitudes, %" G_GSIZE_FORMAT " longitudes",
                 n_ids, n_lats, n_lons);
  if (info.data)
    return check_dense_info (sub_msg (&m, &info), n_ids, n_strings, c);
  return TRUE;
}

static gboolean
check_info (Msg m, guint32 n_strings, Check *c)
{
  Field f;
  guint32 seen = 0;
  while (next_expected (&m, &f, 1, 6, 0, FALSE, &seen, "way info", c))
    {
      if (f.field == 5 && f.v >= n_strings)
        return fail (c, f.at, "way info: user index %" G_GUINT64_FORMAT
                     " past the string table (%u strings)", f.v, n_strings);
    }
  return !c->bad;
}

static gboolean
check_way (Msg m, guint32 n_strings, Check *c)
{
  Field f;
  guint32 seen = 0;
  gsize n_keys = 0, n_vals = 0, n_refs = 0;
  while (next_field (&m, &f, c))
    {
      switch (f.field)
        {
        case 1:
          if (!expect (&f, 0, FALSE, &seen, "way", c))
            return FALSE;
          break;
        case 2:
        case 3:
          if (!expect (&f, 2, FALSE, &seen, "way", c) ||
              !packed (&f, m.base, 5, &n_strings, f.field == 2 ? &n_keys : &n_vals,
                       f.field == 2 ? "way: keys" : "way: vals", c))
            return FALSE;
          /* packed() lets 0 through (the dense delimiter); a way's 0 is the
           * table's first string, there whenever the table is not empty */
          if (f.size > 0 && n_strings == 0)
            return fail (c, f.at, "way: tags without a string table entry");
          break;
        case 4:
          if (!expect (&f, 2, FALSE, &seen, "way", c) ||
              !check_info (sub_msg (&m, &f), n_strings, c))
            return FALSE;
          break;
        case 8:
          if (!expect (&f, 2, FALSE, &seen, "way", c) ||
              !packed (&f, m.base, 10, NULL, &n_refs, "way: refs", c))
            return FALSE;
          break;
        default:
          return fail (c, f.at, "way: unexpected field %u", f.field);
        }
    }
  if (c->bad)
    return FALSE;
  if (n_keys != n_vals)
    return fail (c, (gsize) (m.end - m.base), "way: %" G_GSIZE_FORMAT " keys but %"
                 G_GSIZE_FORMAT " values", n_keys, n_vals);
  return TRUE;
}

static gboolean
check_group (Msg m, guint32 n_strings, Check *c)
{
  Field f;
  guint32 seen = 0;
  while (next_expected (&m, &f, 1, 5, 2, TRUE, &seen, "primitive group", c))
    {
      if (f.field == 2 && !check_dense (sub_msg (&m, &f), n_strings, c))
        return FALSE;
      if (f.field == 3 && !check_way (sub_msg (&m, &f), n_strings, c))
        return FALSE;
    }
  return !c->bad;
}

/* A PrimitiveBlock, data[0..size). */
static gboolean
check_block (const guint8 *data, gsize size, Check *c)
{
  Msg m = { data, data, data + size };
  Field f;
  guint32 seen = 0, n_strings = 0;
  gboolean have_table = FALSE, after_granularity = FALSE;
  while (next_field (&m, &f, c))
    {
      /* fields 17-20 have two-byte tags: readosm stops reading the block at
       * granularity (17) and misreads the others before it */
      if (f.tag_len == 2 && f.field >= 17 && f.field <= 20 && f.wire == 0)
        {
          if (f.field == 17)
            {
              if (after_granularity)
                return fail (c, f.at, "granularity given twice");
              if (f.v != 100)
                return fail (c, f.at, "granularity %" G_GUINT64_FORMAT
                             " nanodegrees (only 100 is read)", f.v);
              after_granularity = TRUE;
            }
          else if (!after_granularity)
            return fail (c, f.at, "field %u before the granularity field is not read", f.field);
          else if (f.field >= 19 && f.v != 0)
            return fail (c, f.at, "coordinate offset %" G_GINT64_FORMAT " (only 0 is read)",
                         (gint64) f.v);
          continue;
        }
      if (after_granularity)
        return fail (c, f.at, "field %u after the granularity field is not read", f.field);
      switch (f.field)
        {
        case 1:
          if (!expect (&f, 2, FALSE, &seen, "primitive block", c) ||
              !check_string_table (sub_msg (&m, &f), &n_strings, c))
            return FALSE;
          have_table = TRUE;
          break;
        case 2:
          if (!expect (&f, 2, TRUE, &seen, "primitive block", c))
            return FALSE;
          if (!have_table)
            return fail (c, f.at, "primitive group before the string table");
          if (!check_group (sub_msg (&m, &f), n_strings, c))
            return FALSE;
          break;
        default:
          return fail (c, f.at, "primitive block: unexpected field %u", f.field);
        }
    }
  if (c->bad)
    return FALSE;
  if (!have_table)
    return fail (c, 0, "primitive block without a string table");
  return TRUE;
}

/* A Blob, blob[0..size): its payload, inflated into *buf when compressed,
 * and for an OSMData block (@is_data) the PrimitiveBlock in it. Faults in
 * the blob itself are at offsets in the blob (*in_block FALSE), faults in
 * the block at offsets in the uncompressed block (*in_block TRUE). */
static gboolean
check_blob (const guint8 *blob, gsize size, gboolean is_data, guint8 **buf, gsize *cap,
            gboolean *in_block, Check *c)
{
  static const char *const compressions[] = { "LZMA", "bzip2", "LZ4", "Zstandard" };
  Msg m = { blob, blob, blob + size };
  Field f, raw = { 0 }, zdata = { 0 };
  guint32 seen = 0;
  guint64 raw_size = 0;
  gboolean have_raw_size = FALSE;
  *in_block = FALSE;
  while (next_field (&m, &f, c))
    {
      switch (f.field)
        {
        case 1:
        case 3:
          if (!expect (&f, 2, FALSE, &seen, "blob", c))
            return FALSE;
          if (f.field == 1)
            raw = f;
          else
            zdata = f;
          break;
        case 2:
          if (!expect (&f, 0, FALSE, &seen, "blob", c))
            return FALSE;
          raw_size = f.v;
          have_raw_size = TRUE;
          break;
        case 4:
        case 5:
        case 6:
        case 7:
          return fail (c, f.at, "%s-compressed blocks are not supported (zlib or none)",
                       compressions[f.field - 4]);
        default:
          return fail (c, f.at, "blob: unexpected field %u", f.field);
        }
    }
  if (c->bad)
    return FALSE;
  if ((raw.data != NULL) == (zdata.data != NULL))
    return fail (c, 0, raw.data ? "blob with both raw and zlib data" : "blob without data");
  const guint8 *data;
  gsize n;
  if (raw.data)
    {
      if (raw.size == 0)
        return fail (c, raw.at, "empty block");
      if (have_raw_size && raw_size != raw.size)
        return fail (c, raw.at, "raw_size %" G_GUINT64_FORMAT " but %" G_GSIZE_FORMAT
                     " raw bytes", raw_size, raw.size);
      data = raw.data;
      n = raw.size;
    }
  else
    {
      if (!have_raw_size || raw_size == 0 || raw_size > PBF_MAX_BLOB)
        return fail (c, zdata.at, "uncompressed block size missing or out of range "
                     "(1 .. 32 MiB)");
      if (!is_data)
        return TRUE;   /* readosm skips the header block unread */
      if (*cap < raw_size)
        {
          *cap = (gsize) raw_size;
          *buf = g_realloc (*buf, *cap);
        }
      uLongf out = (uLongf) raw_size;
      if (uncompress (*buf, &out, zdata.data, (uLong) zdata.size) != Z_OK || out != raw_size)
        return fail (c, zdata.at, "zlib data does not inflate to raw_size (%"
                     G_GUINT64_FORMAT ") bytes", raw_size);
      data = *buf;
      n = (gsize) raw_size;
    }
  if (!is_data)
    return TRUE;
  *in_block = TRUE;
  return check_block (data, n, c);
}

/* The BlobHeader hdr[0..len) of block @index: its datasize. */
static gboolean
check_blob_header (const guint8 *hdr, gsize len, guint index, guint64 *datasize, Check *c)
{
  Msg m = { hdr, hdr, hdr + len };
  Field f, type = { 0 };
  guint32 seen = 0;
  gboolean have_size = FALSE;
  while (next_field (&m, &f, c))
    {
      if (f.field == 1 || f.field == 2)
        {
          if (!expect (&f, 2, FALSE, &seen, "block header", c))
            return FALSE;
          if (f.field == 1)
            type = f;
        }
      else if (f.field == 3)
        {
          if (!expect (&f, 0, FALSE, &seen, "block header", c))
            return FALSE;
          *datasize = f.v;
          have_size = TRUE;
        }
      else
        return fail (c, f.at, "block header: unexpected field %u", f.field);
    }
  if (c->bad)
    return FALSE;
  const char *want = index == 0 ? "OSMHeader" : "OSMData";
  if (type.data == NULL || type.size != strlen (want) || memcmp (type.data, want, type.size) != 0)
    return fail (c, 0, "block type is not %s", want);
  if (!have_size || *datasize == 0 || *datasize > PBF_MAX_BLOB)
    return fail (c, 0, "blob size missing or out of range (1 .. 32 MiB)");
  return TRUE;
}

gboolean
tnet_i_osm_pbf_check (const char *path, GError **error)
{
  FILE *f = fopen (path, "rb");
  if (f == NULL)
    return TRUE;   /* readosm reports it */
  guint8 *buf = NULL, *inflated = NULL;
  gsize cap = 0, inflated_cap = 0;
  guint64 offset = 0;
  guint index = 0;
  gboolean in_block = FALSE;
  Check c = { 0 };
  for (;; index++)
    {
      guint8 len4[4];
      gsize got = fread (len4, 1, 4, f);
      if (got == 0 && index > 0)
        break;   /* the blocks tile the file */
      if (got < 4)
        {
          fail (&c, 0, index == 0 ? "empty file" : "truncated block length");
          break;
        }
      guint32 hlen = (guint32) len4[0] << 24 | (guint32) len4[1] << 16 |
                     (guint32) len4[2] << 8 | len4[3];
      if (hlen == 0 || hlen > PBF_MAX_HEADER)
        {
          fail (&c, 0, "block header size out of range (1 .. 64 KiB)");
          break;
        }
      if (cap < PBF_MAX_HEADER)
        {
          cap = PBF_MAX_HEADER;
          buf = g_realloc (buf, cap);
        }
      if (fread (buf, 1, hlen, f) != hlen)
        {
          fail (&c, 0, "truncated block header");
          break;
        }
      guint64 datasize = 0;
      if (!check_blob_header (buf, hlen, index, &datasize, &c))
        break;
      if (cap < datasize)
        {
          cap = (gsize) datasize;
          buf = g_realloc (buf, cap);
        }
      if (fread (buf, 1, datasize, f) != datasize)
        {
          fail (&c, 0, "truncated blob");
          break;
        }
      if (!check_blob (buf, (gsize) datasize, index > 0, &inflated, &inflated_cap, &in_block, &c))
        break;
      offset += 4 + hlen + datasize;
    }
  g_free (buf);
  g_free (inflated);
  fclose (f);
  if (!c.bad)
    return TRUE;
  if (in_block)
    g_set_error (error, TNET_ERROR, TNET_ERROR_INVALID_INPUT,
                 "%s: not a readable OSM file: byte %" G_GUINT64_FORMAT ": block %u, "
                 "uncompressed byte %" G_GSIZE_FORMAT ": %s", path, offset, index, c.at, c.what);
  else
    g_set_error (error, TNET_ERROR, TNET_ERROR_INVALID_INPUT,
                 "%s: not a readable OSM file: byte %" G_GUINT64_FORMAT ": %s", path, offset,
                 c.what);
  return FALSE;
}
