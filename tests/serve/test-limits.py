#!/usr/bin/python3
"""`tnet serve` bounds request heads before libsoup reads them: a request
line over 20,480 bytes (a 10 MB query string among them) is answered 414,
header fields over 32,768 bytes 431, each with the JSON error document; the
connection stays usable (keep-alive) for the next request, the limits hold
at their exact byte counts, across reads split anywhere, and for pipelined
requests; a head past 64 MB ends its connection; the server stays up and
exits 0 on SIGTERM.
"""
import json
import re
import socket
import time

from serve_common import Server, Tap

MAX_LINE, MAX_HEADERS = 20480, 32768
HEALTH = b'GET /health HTTP/1.1\r\nHost: t\r\n\r\n'

tap = Tap()
srv = Server()


class Conn:
    """One client connection reading whole answers (Content-Length)."""
    def __init__(self):
        self.s = socket.create_connection(('127.0.0.1', srv.port))
        self.s.settimeout(60)
        self.buf = b''

    def send(self, data, pieces=1, pause=0.0):
        step = max(1, -(-len(data) // pieces))
        for i in range(0, len(data), step):
            self.s.sendall(data[i:i + step])
            if pause:
                time.sleep(pause)

    def answer(self):
        """(status, HTTP version, body) of the next answer, or None when the
        server closed the connection first."""
        try:
            while b'\r\n\r\n' not in self.buf:
                d = self.s.recv(65536)
                if not d:
                    return None
                self.buf += d
            head, self.buf = self.buf.split(b'\r\n\r\n', 1)
            m = re.search(rb'\r\ncontent-length: *(\d+)', head, re.I)
            n = int(m.group(1)) if m else 0
            while len(self.buf) < n:
                d = self.s.recv(65536)
                if not d:
                    return None
                self.buf += d
            body, self.buf = self.buf[:n], self.buf[n:]
        except OSError:
            return None
        line = head.split(b'\r\n', 1)[0].decode('latin-1').split(' ')
        return int(line[1]), line[0], body

    def closed(self):
        try:
            return self.s.recv(1) == b''
        except OSError:
            return True

    def close(self):
        self.s.close()


def error_doc(body):
    try:
        doc = json.loads(body)
    except ValueError:
        return None
    return doc if set(doc) == {'error', 'parameter'} else None


def check(name, request, status, words, pieces=1, pause=0.0):
    """Sends @request, expects @status with a JSON error containing @words,
    then /health answered on the same connection."""
    c = Conn()
    c.send(request, pieces, pause)
    a = c.answer()
    doc = error_doc(a[2]) if a else None
    tap.ok(a is not None and a[0] == status and doc is not None and words in doc['error'],
           f'{name} -> {status}', repr(a)[:300])
    c.send(HEALTH)
    b = c.answer()
    tap.ok(b is not None and b[0] == 200 and json.loads(b[2])['status'] == 'ok',
           f'{name}: the connection is kept alive for the next request', repr(b)[:300])
    c.close()


def line_of(n, version=b'HTTP/1.1'):
    """A GET request line of exactly @n bytes with its CRLF."""
    fixed = len(b'GET /route?from= ') + len(version) + 2
    return b'GET /route?from=' + b'a' * (n - fixed) + b' ' + version + b'\r\n'


def headers_of(n):
    """Header fields of exactly @n bytes, the final empty line included."""
    fixed = len(b'Host: t\r\nX-Pad: \r\n\r\n')
    return b'Host: t\r\nX-Pad: ' + b'p' * (n - fixed) + b'\r\n\r\n'


# --- request line
check('10 MB query string', b'GET /route?from=' + b'a' * (10 << 20) + b' HTTP/1.1\r\nHost: t\r\n\r\n',
      414, 'request line exceeds the limit of 20480 bytes')
check('request line of the limit + 1 byte', line_of(MAX_LINE + 1) + b'Host: t\r\n\r\n', 414,
      'request line exceeds')
# at the limit the guard passes the request on; the handler refuses its query
check('request line at the limit (query over 16384 bytes)', line_of(MAX_LINE) + b'Host: t\r\n\r\n',
      414, 'query string exceeds the limit of 16384 bytes')
check('40 kB path', b'GET /' + b'x' * 40000 + b' HTTP/1.1\r\nHost: t\r\n\r\n', 414, 'request line')
check('over-long request line sent in 7 pieces', line_of(3 * MAX_LINE) + b'Host: t\r\n\r\n', 414,
      'request line', pieces=7, pause=0.05)

# --- header fields
check('one 40 kB header', b'GET /health HTTP/1.1\r\nHost: t\r\nX-Big: ' + b'b' * 40000 + b'\r\n\r\n',
      431, 'header fields exceed the limit of 32768 bytes')
check('400 headers of 100 bytes', b'GET /health HTTP/1.1\r\nHost: t\r\n'
      + b''.join(b'X-%d: %s\r\n' % (i, b'c' * 100) for i in range(400)) + b'\r\n', 431, 'header fields')
check('header fields of the limit + 1 byte', b'GET /health HTTP/1.1\r\n' + headers_of(MAX_HEADERS + 1),
      431, 'header fields')
check('header fields split in 11 pieces', b'GET /health HTTP/1.1\r\n' + headers_of(2 * MAX_HEADERS),
      431, 'header fields', pieces=11, pause=0.02)
c = Conn()
c.send(b'GET /health HTTP/1.1\r\n' + headers_of(MAX_HEADERS))
a = c.answer()
tap.ok(a is not None and a[0] == 200, 'header fields of exactly the limit are accepted', repr(a)[:200])
c.close()
c = Conn()
c.send(b'GET /health HTTP/1.1\r\n' + headers_of(MAX_HEADERS), pieces=13, pause=0.01)
a = c.answer()
tap.ok(a is not None and a[0] == 200, 'the same, sent in 13 pieces', repr(a)[:200])
c.close()

# --- pipelined: a refused request between two good ones, answered in order
c = Conn()
c.send(HEALTH + line_of(MAX_LINE * 2) + b'Host: t\r\n\r\n' + b'GET /scenarios HTTP/1.1\r\nHost: t\r\n\r\n')
got = [c.answer() for _ in range(3)]
tap.ok(all(got) and [g[0] for g in got] == [200, 414, 200] and b'"scenarios"' in got[2][2],
       'pipelined 200, 414, 200 in order', repr(got)[:400])
c.close()

# --- HTTP/1.0: the answer is HTTP/1.0 and the connection closes
c = Conn()
c.send(line_of(MAX_LINE + 100, b'HTTP/1.0') + b'\r\n')
a = c.answer()
tap.ok(a is not None and a[0] == 414 and a[1] == 'HTTP/1.0' and c.closed(),
       'HTTP/1.0 over-long request: 414 in HTTP/1.0, then closed', repr(a)[:200])
c.close()

# --- a head without end: the connection ends past 64 MB, the server stays
c = Conn()
chunk = b'a' * (1 << 20)
sent = 0
try:
    c.send(b'GET /route?from=')
    while sent < (80 << 20):
        c.s.sendall(chunk)
        sent += len(chunk)
except OSError:
    pass
tap.ok(c.answer() is None and (64 << 20) <= sent + (1 << 20),
       f'endless request line: connection closed after {sent >> 20} MB')
c.close()

status, health = srv.get_json('/health')
tap.ok(srv.alive() and status == 200 and health['status'] == 'ok', 'the server is still up')
rc, err = srv.stop()
tap.ok(rc == 0, 'SIGTERM: exit status 0', err)
tap.done()
