"""Starts and stops `tnet serve` for the HTTP tests (tests/serve/*.py).

The server listens on 127.0.0.1 on a port the kernel picks (--port 0); its
first line on standard output names the port. stop() sends SIGTERM and
checks that the server drains and exits with status 0.
"""
import json
import os
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request

TNET = os.environ.get('TNET_EXE', 'tnet')
ROOT = os.environ.get('TNET_SOURCE_ROOT', '.')
DATA = os.path.join(ROOT, 'data', 'xuchang')


class Server:
    def __init__(self, *args, threads=2, env=None, data=DATA, quiet=True):
        cmd = [TNET, 'serve', '--data', data, '--port', '0', '--threads', str(threads),
               *(['--quiet'] if quiet else []), *args]
        self.proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                     text=True, env=env)
        line = self.proc.stdout.readline()
        m = re.search(r'http://127\.0\.0\.1:(\d+)/', line)
        if not m:
            err = self.proc.stderr.read()
            raise RuntimeError(f'tnet serve did not start: {line!r} {err!r}')
        self.port = int(m.group(1))
        self.base = f'http://127.0.0.1:{self.port}'

    def get(self, path, timeout=60):
        """(status, content type, body bytes) of GET path."""
        req = urllib.request.Request(self.base + path)
        try:
            with urllib.request.urlopen(req, timeout=timeout) as r:
                return r.status, r.headers.get('Content-Type', ''), r.read()
        except urllib.error.HTTPError as e:
            return e.code, e.headers.get('Content-Type', ''), e.read()

    def get_json(self, path):
        status, _, body = self.get(path)
        return status, json.loads(body)

    def alive(self):
        return self.proc.poll() is None

    def rss_kb(self):
        with open(f'/proc/{self.proc.pid}/status') as f:
            for line in f:
                if line.startswith('VmRSS:'):
                    return int(line.split()[1])
        return -1

    def stop(self):
        """SIGTERM; returns the exit status (0 expected) and standard error."""
        self.proc.send_signal(signal.SIGTERM)
        try:
            rc = self.proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            rc = self.proc.wait()
        err = self.proc.stderr.read()
        self.proc.stdout.close()
        self.proc.stderr.close()
        return rc, err


def cli_json(*args):
    """The standard output of `tnet ARGS --data DATA --format json`, parsed, and
    the exit status."""
    r = subprocess.run([TNET, *args, '--data', DATA, '--format', 'json'],
                       capture_output=True, text=True, timeout=300)
    return r.returncode, (json.loads(r.stdout) if r.returncode == 0 else None), r.stdout


class Tap:
    """A minimal TAP producer."""
    def __init__(self):
        self.n = 0
        self.failed = 0

    def ok(self, cond, name, diag=''):
        self.n += 1
        if not cond:
            self.failed += 1
            print(f'not ok {self.n} - {name}')
            for line in str(diag).splitlines()[:20]:
                print(f'# {line}')
        else:
            print(f'ok {self.n} - {name}')
        sys.stdout.flush()
        return cond

    def diag(self, text):
        for line in str(text).splitlines():
            print(f'# {line}')
        sys.stdout.flush()

    def done(self):
        print(f'1..{self.n}')
        sys.exit(1 if self.failed else 0)
