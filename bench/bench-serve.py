#!/usr/bin/python3
"""Requests per second of `tnet serve` on the Porto car graph: /route for
random node pairs over 32 connections, and /table 100 × 100 over 4
connections, with wrk for a fixed time each.

Usage: bench/bench-serve.py BUILD_DIR [SECONDS]
The Porto network folder is imported from
$TNET_SHARED_DATA (default ../shared/data)/osm-porto-r5/porto_portugal.osm.pbf
into a temporary folder with `tnet import osm`.
"""
import os
import random
import re
import subprocess
import sys
import tempfile

build = sys.argv[1]
seconds = int(sys.argv[2]) if len(sys.argv) > 2 else 10
tnet = os.path.join(build, 'tools', 'tnet', 'tnet')
shared = os.environ.get('TNET_SHARED_DATA', os.path.join(os.path.dirname(__file__), '..', '..', 'shared', 'data'))
pbf = os.path.join(shared, 'osm-porto-r5', 'porto_portugal.osm.pbf')
tmp = tempfile.TemporaryDirectory(prefix='tnet-porto-')
folder = os.path.join(tmp.name, 'porto')
subprocess.run([tnet, 'import', 'osm', pbf, '-o', folder], check=True, capture_output=True)
with open(os.path.join(folder, 'nodes.csv'), encoding='utf-8') as f:
    ids = [line.split(',', 1)[0] for line in f if not line.startswith('#')][1:]
rng = random.Random(42)
srv = subprocess.Popen([tnet, 'serve', '--data', folder, '--scenario', '2025', '--port', '0',
                        '--threads', '2', '--quiet'], stdout=subprocess.PIPE, text=True)
port = int(re.search(r':(\d+)/', srv.stdout.readline()).group(1))
lua = os.path.join(tmp.name, 'paths.lua')


def wrk(paths, connections):
    with open(lua, 'w') as f:
        f.write('local paths = {' + ','.join(f'"{p}"' for p in paths) + '}\n'
                'local i = 0\nfunction request()\n  i = i + 1\n'
                '  return wrk.format("GET", paths[(i % #paths) + 1])\nend\n')
    out = subprocess.run(['wrk', '-t', '2', '-c', str(connections), '-d', f'{seconds}s',
                          '--timeout', '60s', '--latency', '-s', lua, f'http://127.0.0.1:{port}/'],
                         capture_output=True, text=True).stdout
    rate = re.search(r'Requests/sec:\s+([\d.]+)', out).group(1)
    p50 = re.search(r'50%\s+(\S+)', out).group(1)
    p99 = re.search(r'99%\s+(\S+)', out).group(1)
    non2xx = re.search(r'Non-2xx or 3xx responses: (\d+)', out)
    return float(rate), p50, p99, int(non2xx.group(1)) if non2xx else 0


routes = [f'/route?from={rng.choice(ids)}&to={rng.choice(ids)}' for _ in range(1000)]
tables = [f'/table?sources={";".join(rng.sample(ids, 100))}&destinations={";".join(rng.sample(ids, 100))}'
          for _ in range(20)]
print(f'porto car graph: {len(ids)} nodes; server: 2 threads; wrk: 2 threads, {seconds} s')
for name, paths, conns in (('/route (Dijkstra + legs JSON)', routes, 32), ('/table 100x100 (CH)', tables, 4)):
    rate, p50, p99, bad = wrk(paths, conns)
    print(f'{name:32s} {rate:9.1f} requests/s  p50 {p50:>8s}  p99 {p99:>8s}  non-2xx {bad}')
srv.terminate()
srv.wait()
