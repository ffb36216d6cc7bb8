#!/usr/bin/python3
"""A bounded load test of `tnet serve` on 127.0.0.1: wrk sends requests
(/route and /table, the answers checked against the CLI by test-api.py) over
32 connections for a fixed time (wrk stops by time, not by count); at
least 1,000 must be answered, every answer HTTP 200, with no
socket error, and the server's resident memory may not grow by more than
16 MB between a warm-up run and the measured run. Prints throughput and the
p50/p99 latencies.

Under AddressSanitizer (ASAN_OPTIONS set, as .ci/run does) freed memory is
held in a quarantine of up to 256 MB, so resident memory grows with the
request count whether or not anything leaks; the server then runs with the
quarantine off, which keeps the RSS check meaningful (leaks themselves are
LeakSanitizer's job when the server exits).
"""
import json
import os
import shutil
import subprocess

from serve_common import Server, Tap

HERE = os.path.dirname(os.path.abspath(__file__))
SECONDS, CONNECTIONS, THREADS = 8, 32, 2
PATHS = [
    '/route?from=z_weidu&to=zz_center',
    '/route?from=z_yuzhou&to=airport_center&scenario=2020',
    '/route?from=z_changge&to=z_xiangcheng&metric=length',
    '/table?sources=z_weidu;z_yuzhou;z_changge;z_yanling&destinations=zz_center;airport_center;z_weidu',
    '/nodes?search=xc&limit=5',
    '/health',
]

tap = Tap()
wrk = shutil.which('wrk')
tap.ok(wrk is not None, 'wrk is installed (tools/install-deps.sh)')
srv_env = None
if os.environ.get('ASAN_OPTIONS') is not None:
    srv_env = dict(os.environ)
    srv_env['ASAN_OPTIONS'] = ':'.join(filter(None, [os.environ['ASAN_OPTIONS'],
                                                    'quarantine_size_mb=0',
                                                    'thread_local_quarantine_size_kb=0']))
srv = Server(threads=2, env=srv_env)


def run(seconds):
    env = dict(os.environ, TNET_LOAD_PATHS='|'.join(PATHS))
    r = subprocess.run([wrk, '-t', str(THREADS), '-c', str(CONNECTIONS), '-d', f'{seconds}s',
                        '--timeout', '30s', '-s', os.path.join(HERE, 'load.lua'), srv.base + '/'],
                       capture_output=True, text=True, env=env, timeout=120)
    line = [l for l in r.stdout.splitlines() if l.startswith('{')]
    if r.returncode != 0 or not line:
        return None, r.stdout + r.stderr
    return json.loads(line[-1]), r.stdout


warm, out = run(2)
tap.ok(warm is not None, 'warm-up run', out)
rss0 = srv.rss_kb()
res, out = run(SECONDS)
rss1 = srv.rss_kb()
tap.ok(res is not None, 'measured run', out)
if res:
    rate = res['requests'] / res['seconds']
    tap.diag(f"{res['requests']} requests, {CONNECTIONS} connections, {THREADS} server threads: "
             f"{rate:.0f} requests/s, p50 {res['p50_ms']:.2f} ms, p99 {res['p99_ms']:.2f} ms, "
             f"max {res['max_ms']:.2f} ms; RSS {rss0} kB -> {rss1} kB")
    tap.ok(res['answered'] >= 1000 and res['non_200'] == 0,
           f"{res['answered']} answers, none other than 200")
    errs = sum(res[k] for k in ('connect_errors', 'read_errors', 'write_errors', 'timeouts',
                                'status_errors'))
    tap.ok(errs == 0, f'no socket errors or timeouts ({errs})', res)
tap.ok(rss1 - rss0 < 16 * 1024, f'memory stable: RSS grew {rss1 - rss0} kB (< 16 MB)')
tap.ok(srv.alive(), 'the server is up')
rc, err = srv.stop()
tap.ok(rc == 0, 'SIGTERM: exit status 0', err)
tap.done()
