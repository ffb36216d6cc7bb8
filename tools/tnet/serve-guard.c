/* serve-guard.c: the listening socket of `tnet serve` and a guard in front
 * of libsoup that bounds request heads.
 *
 * Implementation notes: libsoup reads a request head of up to 64 KB and
 * drops the connection beyond it, without an answer; a 10 MB query string
 * would be read into memory first. The guard accepts the connections
 * itself (a GSocketService) and hands libsoup a GIOStream whose input is a
 * filter stream (TnetGuardInput). The filter buffers each request head (at
 * most TNET_SERVE_MAX_REQUEST_LINE + TNET_SERVE_MAX_HEADERS bytes) and
 * passes it on once complete. A head over a limit is read to its end and
 * thrown away as it arrives (constant memory), and libsoup receives in its
 * place a short request for a guard path that the handler answers with
 * 414 or 431 and a JSON error: libsoup writes the answer and keeps the
 * connection alive as for any other request. Requests never carry a body
 * here (the server answers 413), so a head that announces one ends the
 * guarding of its connection: the rest passes through unchanged and
 * libsoup's own limits apply. The filter is pollable, as libsoup reads
 * without blocking.
 *
 * libsoup keeps a connection alive after an answer only while the server
 * has a listening socket of its own. It gets one nobody can reach: a Unix
 * socket bound in a private temporary folder, its file then removed. */
#include "serve.h"
#include <gio/gnetworking.h>
#include <gio/gunixsocketaddress.h>
#include <glib/gstdio.h>
#include <string.h>

/* A head whose discarded part grows beyond this ends its connection. */
#define MAX_DISCARD (64u << 20)

typedef enum {
  GUARD_HEAD,        /* buffering a request head in @head */
  GUARD_DISCARD,     /* over a limit: dropping bytes up to the end of the head */
  GUARD_PASS,        /* a body was announced: no more guarding */
} GuardState;

typedef struct {
  GFilterInputStream parent;
  GIOStream *conn;       /* the accepted connection: closed with this stream */
  const char *prefix;    /* guard path prefix, owned by the guard (outlives us) */
  GuardState state;
  GByteArray *head;      /* the head read so far (GUARD_HEAD) */
  gsize line_start;      /* offset in @head of the line being read */
  gsize line_len;        /* GUARD_DISCARD: bytes of the current line, no line end */
  char line_first;       /* GUARD_DISCARD: the first of them */
  gsize head_len;        /* the request line's length with its end; 0 while incomplete */
  gsize discarded;       /* bytes dropped of the current head */
  guint status;          /* GUARD_DISCARD: 414 or 431 */
  gboolean http10;       /* the discarded request is HTTP/1.0 */
  char tail[8];          /* GUARD_DISCARD: the last bytes of the request line */
  gboolean in_line1;     /* GUARD_DISCARD: still in the request line */
  GByteArray *out;       /* bytes ready for libsoup, read from @out_pos */
  gsize out_pos;
  guint8 scratch[8192];  /* one read of the socket */
} TnetGuardInput;

typedef struct {
  GFilterInputStreamClass parent_class;
} TnetGuardInputClass;

static void guard_pollable_init (GPollableInputStreamInterface *iface);
GType tnet_guard_input_get_type (void);

G_DEFINE_TYPE_WITH_CODE (TnetGuardInput, tnet_guard_input, G_TYPE_FILTER_INPUT_STREAM,
                         G_IMPLEMENT_INTERFACE (G_TYPE_POLLABLE_INPUT_STREAM,
                                                guard_pollable_init))

static void
tnet_guard_input_init (TnetGuardInput *g)
{
  g->head = g_byte_array_new ();
  g->out = g_byte_array_new ();
}

static void
guard_finalize (GObject *object)
{
  TnetGuardInput *g = (TnetGuardInput *) object;
  g_byte_array_unref (g->head);
  g_byte_array_unref (g->out);
  g_clear_object (&g->conn);
  G_OBJECT_CLASS (tnet_guard_input_parent_class)->finalize (object);
}

/* The value of header @name in the head line @line (@len bytes, without
 * the line end) when it is that header, else NULL. */
static const char *
header_value (const char *line, gsize len, const char *name, gsize *value_len)
{
  gsize n = strlen (name);
  if (len <= n || line[n] != ':' || g_ascii_strncasecmp (line, name, n) != 0)
    return NULL;
  const char *v = line + n + 1, *end = line + len;
  while (v < end && (*v == ' ' || *v == '\t'))
    v++;
  while (end > v && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r'))
    end--;
  *value_len = (gsize) (end - v);
  return v;
}

/* TRUE when the complete head in @g->head announces a request body. */
static gboolean
head_has_body (TnetGuardInput *g)
{
  const char *s = (const char *) g->head->data;
  gsize n = g->head->len, i = 0;
  while (i < n)
    {
      const char *nl = memchr (s + i, '\n', n - i);
      gsize len = nl ? (gsize) (nl - (s + i)) : n - i, vlen;
      const char *v;
      if (header_value (s + i, len, "transfer-encoding", &vlen))
        return TRUE;
      if ((v = header_value (s + i, len, "content-length", &vlen))
          && !(vlen == 1 && v[0] == '0'))
        return TRUE;
      i += len + 1;
    }
  return FALSE;
}

/* Leaves GUARD_HEAD for GUARD_DISCARD with @status: the current line's
 * bytes so far are in @g->head from @g->line_start (no line end yet). */
static void
start_discard (TnetGuardInput *g, guint status, gboolean in_line1)
{
  const char *s = (const char *) g->head->data;
  g->state = GUARD_DISCARD;
  g->status = status;
  g->in_line1 = in_line1;
  g->line_len = g->head->len - g->line_start;
  g->line_first = g->line_len ? s[g->line_start] : '\0';
  memset (g->tail, 0, sizeof g->tail);
  if (in_line1)
    {
      gsize k = MIN (g->head->len, sizeof g->tail);
      if (k > 0)
        memcpy (g->tail + sizeof g->tail - k, s + g->head->len - k, k);
    }
  else
    {
      /* the request line is complete: its version ends it */
      gsize end = g->head_len;
      while (end > 0 && (s[end - 1] == '\n' || s[end - 1] == '\r'))
        end--;
      g->http10 = end >= 8 && memcmp (s + end - 8, "HTTP/1.0", 8) == 0;
    }
  g->discarded = g->head->len;
  g_byte_array_set_size (g->head, 0);
}

/* The request libsoup reads in place of a head over a limit. */
static void
emit_substitute (TnetGuardInput *g)
{
  g_autofree char *req = g_strdup_printf ("GET %s%u HTTP/1.%c\r\nHost: localhost\r\n\r\n",
                                          g->prefix, g->status, g->http10 ? '0' : '1');
  g_byte_array_append (g->out, (const guint8 *) req, (guint) strlen (req));
}

/* Runs @n bytes read from the socket through the state machine, appending
 * what libsoup is to read to @g->out. FALSE (with @error) when a head
 * grows beyond every bound. */
static gboolean
guard_feed (TnetGuardInput *g, const guint8 *p, gsize n, GError **error)
{
  gsize i = 0;
  while (i < n)
    {
      if (g->state == GUARD_PASS)
        {
          g_byte_array_append (g->out, p + i, (guint) (n - i));
          return TRUE;
        }
      const guint8 *nl = memchr (p + i, '\n', n - i);
      gsize take = nl ? (gsize) (nl - (p + i)) + 1 : n - i;
      if (g->state == GUARD_HEAD)
        {
          gboolean line1 = g->head_len == 0;
          if (line1 && g->head->len + take > TNET_SERVE_MAX_REQUEST_LINE)
            {
              start_discard (g, 414, TRUE);
              continue;   /* the bytes at @i are GUARD_DISCARD's */
            }
          if (!line1 && g->head->len + take - g->head_len > TNET_SERVE_MAX_HEADERS)
            {
              start_discard (g, 431, FALSE);
              continue;
            }
          g_byte_array_append (g->head, p + i, (guint) take);
          i += take;
          if (!nl)
            continue;
          gsize len = g->head->len - g->line_start;   /* with its '\n' */
          gboolean empty = len == 1 || (len == 2 && g->head->data[g->line_start] == '\r');
          if (line1 && empty)
            {
              /* a blank line between requests: libsoup skips it */
              g_byte_array_append (g->out, g->head->data, g->head->len);
              g_byte_array_set_size (g->head, 0);
              g->line_start = 0;
              continue;
            }
          g->line_start = g->head->len;
          if (line1)
            g->head_len = g->head->len;
          if (!empty || line1)
            continue;
          /* the end of the head: on to libsoup */
          g_byte_array_append (g->out, g->head->data, g->head->len);
          if (head_has_body (g))
            g->state = GUARD_PASS;
          g_byte_array_set_size (g->head, 0);
          g->line_start = 0;
          g->head_len = 0;
          continue;
        }
      /* GUARD_DISCARD: drop bytes up to the empty line that ends the head */
      gsize content = nl ? take - 1 : take;   /* of this line, in this chunk */
      if (g->in_line1)
        {
          /* the last bytes of the request line tell its HTTP version */
          gsize c = content;
          if (nl && c > 0 && p[i + c - 1] == '\r')
            c--;
          if (c >= sizeof g->tail)
            memcpy (g->tail, p + i + c - sizeof g->tail, sizeof g->tail);
          else if (c > 0)
            {
              memmove (g->tail, g->tail + c, sizeof g->tail - c);
              memcpy (g->tail + sizeof g->tail - c, p + i, c);
            }
          if (nl)
            {
              g->in_line1 = FALSE;
              g->http10 = memcmp (g->tail, "HTTP/1.0", 8) == 0;
            }
        }
      if (g->line_len == 0 && content > 0)
        g->line_first = (char) p[i];
      g->line_len += content;
      g->discarded += take;
      i += take;
      if (g->discarded > MAX_DISCARD)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
                       "request head beyond %u bytes", MAX_DISCARD);
          return FALSE;
        }
      if (!nl)
        continue;
      gboolean empty = g->line_len == 0 || (g->line_len == 1 && g->line_first == '\r');
      g->line_len = 0;
      if (empty)
        {
          emit_substitute (g);
          g->state = GUARD_HEAD;
          g->line_start = 0;
          g->head_len = 0;
        }
    }
  return TRUE;
}

/* Moves up to @count bytes of @g->out into @buffer. */
static gssize
guard_take (TnetGuardInput *g, void *buffer, gsize count)
{
  gsize n = MIN (count, g->out->len - g->out_pos);
  memcpy (buffer, g->out->data + g->out_pos, n);
  g->out_pos += n;
  if (g->out_pos == g->out->len)
    {
      g_byte_array_set_size (g->out, 0);
      g->out_pos = 0;
    }
  return (gssize) n;
}

static GInputStream *
base_of (TnetGuardInput *g)
{
  return g_filter_input_stream_get_base_stream (G_FILTER_INPUT_STREAM (g));
}

static gssize
guard_read (GInputStream *stream, void *buffer, gsize count, GCancellable *cancellable,
            GError **error)
{
  TnetGuardInput *g = (TnetGuardInput *) stream;
  while (g->out->len == g->out_pos)
    {
      gssize n = g_input_stream_read (base_of (g), g->scratch, sizeof g->scratch, cancellable,
                                      error);
      if (n <= 0)
        return n;
      if (!guard_feed (g, g->scratch, (gsize) n, error))
        return -1;
    }
  return guard_take (g, buffer, count);
}

static gssize
guard_read_nonblocking (GPollableInputStream *stream, void *buffer, gsize count,
                        GError **error)
{
  TnetGuardInput *g = (TnetGuardInput *) stream;
  while (g->out->len == g->out_pos)
    {
      gssize n = g_pollable_input_stream_read_nonblocking (
        G_POLLABLE_INPUT_STREAM (base_of (g)), g->scratch, sizeof g->scratch, NULL, error);
      if (n <= 0)
        return n;
      if (!guard_feed (g, g->scratch, (gsize) n, error))
        return -1;
    }
  return guard_take (g, buffer, count);
}

static gboolean
guard_can_poll (GPollableInputStream *stream)
{
  TnetGuardInput *g = (TnetGuardInput *) stream;
  return g_pollable_input_stream_can_poll (G_POLLABLE_INPUT_STREAM (base_of (g)));
}

static gboolean
guard_is_readable (GPollableInputStream *stream)
{
  TnetGuardInput *g = (TnetGuardInput *) stream;
  return g->out->len > g->out_pos
         || g_pollable_input_stream_is_readable (G_POLLABLE_INPUT_STREAM (base_of (g)));
}

static GSource *
guard_create_source (GPollableInputStream *stream, GCancellable *cancellable)
{
  TnetGuardInput *g = (TnetGuardInput *) stream;
  /* bytes already waiting: ready at once */
  g_autoptr (GSource) child = g->out->len > g->out_pos
    ? g_timeout_source_new (0)
    : g_pollable_input_stream_create_source (G_POLLABLE_INPUT_STREAM (base_of (g)), NULL);
  return g_pollable_source_new_full (stream, child, cancellable);
}

static gboolean
guard_close (GInputStream *stream, GCancellable *cancellable, GError **error)
{
  TnetGuardInput *g = (TnetGuardInput *) stream;
  /* libsoup closes its stream to end the connection: close the socket */
  return g->conn == NULL || g_io_stream_close (g->conn, cancellable, error);
}

static void
tnet_guard_input_class_init (TnetGuardInputClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = guard_finalize;
  GInputStreamClass *in = G_INPUT_STREAM_CLASS (klass);
  in->read_fn = guard_read;
  in->close_fn = guard_close;
}

static void
guard_pollable_init (GPollableInputStreamInterface *iface)
{
  iface->can_poll = guard_can_poll;
  iface->is_readable = guard_is_readable;
  iface->create_source = guard_create_source;
  iface->read_nonblocking = guard_read_nonblocking;
}

/* ------------------------------------------------------------- listener */

struct _TnetServeGuard {
  SoupServer *server;     /* where accepted connections go */
  GSocketService *service;
  char *prefix;           /* "/.guard-TOKEN/": the substitute requests' path */
};

static gboolean
on_incoming (GSocketService *service, GSocketConnection *conn, GObject *source, gpointer data)
{
  (void) service, (void) source;
  TnetServeGuard *guard = data;
  GSocket *sock = g_socket_connection_get_socket (conn);
  /* small answers on kept-alive connections: no Nagle delay */
  g_socket_set_option (sock, IPPROTO_TCP, TCP_NODELAY, TRUE, NULL);
  g_autoptr (GSocketAddress) local = g_socket_connection_get_local_address (conn, NULL);
  g_autoptr (GSocketAddress) remote = g_socket_connection_get_remote_address (conn, NULL);
  if (local == NULL || remote == NULL)
    {
      g_io_stream_close (G_IO_STREAM (conn), NULL, NULL);
      return TRUE;
    }
  TnetGuardInput *in = g_object_new (tnet_guard_input_get_type (), "base-stream",
                                     g_io_stream_get_input_stream (G_IO_STREAM (conn)),
                                     "close-base-stream", FALSE, NULL);
  in->conn = G_IO_STREAM (g_object_ref (conn));
  in->prefix = guard->prefix;
  g_autoptr (GIOStream) io = g_simple_io_stream_new (
    G_INPUT_STREAM (in), g_io_stream_get_output_stream (G_IO_STREAM (conn)));
  g_object_unref (in);
  g_autoptr (GError) error = NULL;
  if (!soup_server_accept_iostream (guard->server, io, local, remote, &error))
    g_io_stream_close (G_IO_STREAM (conn), NULL, NULL);
  return TRUE;
}

/* Gives @server a listening socket no client can reach (see the notes). */
static gboolean
add_unreachable_listener (SoupServer *server, GError **error)
{
  g_autofree char *dir = g_dir_make_tmp ("tnet-serve-XXXXXX", error);
  if (dir == NULL)
    return FALSE;
  g_autofree char *path = g_build_filename (dir, "s", NULL);
  g_autoptr (GSocket) sock = g_socket_new (G_SOCKET_FAMILY_UNIX, G_SOCKET_TYPE_STREAM,
                                           G_SOCKET_PROTOCOL_DEFAULT, error);
  g_autoptr (GSocketAddress) addr = g_unix_socket_address_new (path);
  gboolean ok = sock && g_socket_bind (sock, addr, FALSE, error) && g_socket_listen (sock, error)
                && soup_server_listen_socket (server, sock, 0, error);
  g_unlink (path);
  g_rmdir (dir);
  return ok;
}

TnetServeGuard *
tnet_serve_guard_listen (SoupServer *server, GInetAddress *host, guint16 port,
                         guint16 *bound_port, GError **error)
{
  TnetServeGuard *guard = g_new0 (TnetServeGuard, 1);
  guard->server = g_object_ref (server);
  guard->prefix = g_strdup_printf ("/.guard-%08x%08x/", g_random_int (), g_random_int ());
  guard->service = g_socket_service_new ();
  if (!add_unreachable_listener (server, error))
    {
      tnet_serve_guard_free (guard);
      return NULL;
    }
  g_autoptr (GSocketAddress) addr = g_inet_socket_address_new (host, port);
  g_autoptr (GSocketAddress) effective = NULL;
  if (!g_socket_listener_add_address (G_SOCKET_LISTENER (guard->service), addr,
                                      G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL,
                                      &effective, error))
    {
      tnet_serve_guard_free (guard);
      return NULL;
    }
  *bound_port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective));
  g_signal_connect (guard->service, "incoming", G_CALLBACK (on_incoming), guard);
  g_socket_service_start (guard->service);
  return guard;
}

guint
tnet_serve_guard_status (const TnetServeGuard *guard, const char *path)
{
  if (!g_str_has_prefix (path, guard->prefix))
    return 0;
  const char *code = path + strlen (guard->prefix);
  return strcmp (code, "414") == 0 ? 414 : strcmp (code, "431") == 0 ? 431 : 0;
}

void
tnet_serve_guard_stop (TnetServeGuard *guard)
{
  if (guard && g_socket_service_is_active (guard->service))
    {
      g_socket_service_stop (guard->service);
      g_socket_listener_close (G_SOCKET_LISTENER (guard->service));
    }
}

void
tnet_serve_guard_free (TnetServeGuard *guard)
{
  if (guard == NULL)
    return;
  tnet_serve_guard_stop (guard);
  g_signal_handlers_disconnect_by_data (guard->service, guard);
  g_object_unref (guard->service);
  g_object_unref (guard->server);
  g_free (guard->prefix);
  g_free (guard);
}
