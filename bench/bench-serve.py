#!/usr/bin/python3
"""Requests per second of `tnet serve` on the Porto car graph against the
same library calls in-process (bench-serve-kernel), for /table 100 × 100
and /route.

Usage: bench/bench-serve.py BUILD_DIR [SECONDS] [ROUNDS]
(BUILD_DIR configured with -Dbenchmarks=true.) The Porto network folder is
imported from $TNET_SHARED_DATA (default ../shared/data)/osm-porto-r5/
porto_portugal.osm.pbf into a temporary folder with `tnet import osm`.

Overhead: the server runs one worker (--threads 1) and wrk one connection,
so requests follow each other and each pays the whole HTTP path (parse,
validation, computation, JSON, write, client); the kernel runs the same
queries on one thread. ROUNDS (default 5) rounds alternate a kernel pass
and a wrk run of SECONDS (default 8) after a warm-up of both; the ratio
kernel queries/s ÷ server requests/s is taken per round and its median
printed with the median throughputs. Then the throughput with 2 workers
(wrk: 4 connections for /table, 32 for /route), for reference. Each
measured run starts once the server has computed what the previous run left
queued. Random /route pairs without a car path are answered 404 (counted as
non-2xx).
"""
import json
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import urllib.request

build = sys.argv[1]
seconds = int(sys.argv[2]) if len(sys.argv) > 2 else 8
rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 5
tnet = os.path.join(build, 'tools', 'tnet', 'tnet')
kernel = os.path.join(build, 'bench', 'bench-serve-kernel')
shared = os.environ.get('TNET_SHARED_DATA', os.path.join(os.path.dirname(__file__), '..', '..', 'shared', 'data'))
pbf = os.path.join(shared, 'osm-porto-r5', 'porto_portugal.osm.pbf')
if not os.path.exists(pbf):
    print(f'bench-serve: {pbf} is missing (set TNET_SHARED_DATA)')
    sys.exit(77)
tmp = tempfile.TemporaryDirectory(prefix='tnet-porto-')
folder = os.path.join(tmp.name, 'porto')
subprocess.run([tnet, 'import', 'osm', pbf, '-o', folder], check=True, capture_output=True)
with open(os.path.join(folder, 'nodes.csv'), encoding='utf-8') as f:
    ids = [line.split(',', 1)[0] for line in f if not line.startswith('#')][1:]
rng = random.Random(42)
routes = [f'/route?from={rng.choice(ids)}&to={rng.choice(ids)}' for _ in range(1000)]
tables = [f'/table?sources={";".join(rng.sample(ids, 100))}&destinations={";".join(rng.sample(ids, 100))}'
          for _ in range(20)]
lua = os.path.join(tmp.name, 'paths.lua')


def start(threads):
    srv = subprocess.Popen([tnet, 'serve', '--data', folder, '--scenario', '2025', '--port', '0',
                            '--threads', str(threads), '--quiet'], stdout=subprocess.PIPE, text=True)
    return srv, int(re.search(r':(\d+)/', srv.stdout.readline()).group(1))


def wrk(port, paths, connections, secs):
    with open(lua, 'w') as f:
        f.write('local paths = {' + ','.join(f'"{p}"' for p in paths) + '}\n'
                'local i = 0\nfunction request()\n  i = i + 1\n'
                '  return wrk.format("GET", paths[(i % #paths) + 1])\nend\n')
    out = subprocess.run(['wrk', '-t', '1' if connections == 1 else '2', '-c', str(connections),
                          '-d', f'{secs}s', '--timeout', '60s', '--latency', '-s', lua,
                          f'http://127.0.0.1:{port}/'], capture_output=True, text=True).stdout
    rate = float(re.search(r'Requests/sec:\s+([\d.]+)', out).group(1))
    p50 = re.search(r'^\s*50%\s+(\S+)', out, re.M).group(1)
    p99 = re.search(r'^\s*99%\s+(\S+)', out, re.M).group(1)
    non2xx = re.search(r'Non-2xx or 3xx responses: (\d+)', out)
    return rate, p50, p99, int(non2xx.group(1)) if non2xx else 0


def drained(port):
    """Waits until the requests wrk left behind are computed: /health is
    answered by a worker after them."""
    urllib.request.urlopen(f'http://127.0.0.1:{port}/health', timeout=600).read()


def kernel_rate(paths, passes):
    path_file = os.path.join(tmp.name, 'paths.txt')
    with open(path_file, 'w') as f:
        f.write('\n'.join(paths) + '\n')
    out = subprocess.run([kernel, folder, '2025', path_file, str(passes)], check=True,
                         capture_output=True, text=True).stdout
    return json.loads(out.splitlines()[-1])['per_second']


print(f'porto car graph: {len(ids)} nodes; {rounds} rounds of {seconds} s; '
      f'load average {os.getloadavg()[0]:.1f}')
srv, port = start(1)
for name, paths, kpaths, kpasses in (('/table 100x100 (CH many-to-many)', tables, tables, 5),
                                     ('/route (Dijkstra + legs)', routes, routes[:100], 1)):
    kernel_rate(kpaths, 1)
    wrk(port, paths, 1, 2)
    ks, ss, ratios, bad = [], [], [], 0
    for _ in range(rounds):
        k = kernel_rate(kpaths, kpasses)
        drained(port)
        s, p50, p99, nb = wrk(port, paths, 1, seconds)
        ks.append(k)
        ss.append(s)
        ratios.append(k / s)
        bad += nb
    print(f'{name:34s} kernel {statistics.median(ks):8.1f}/s  server {statistics.median(ss):8.1f}/s '
          f'(1 worker, 1 connection)  overhead x{statistics.median(ratios):.2f} '
          f'(rounds {min(ratios):.2f}..{max(ratios):.2f})  non-2xx {bad}')
srv.terminate()
srv.wait()
srv, port = start(2)
for name, paths, conns in (('/table 100x100', tables, 4), ('/route', routes, 32)):
    wrk(port, paths, conns, 2)
    drained(port)
    rate, p50, p99, bad = wrk(port, paths, conns, seconds)
    print(f'{name:34s} server {rate:8.1f}/s (2 workers, {conns} connections)  p50 {p50}  p99 {p99}  '
          f'non-2xx {bad}')
srv.terminate()
srv.wait()
