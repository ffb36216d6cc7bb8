#!/usr/bin/python3
"""Requests per second of `tnet serve` for /route by transit (the timetable,
RAPTOR) on the bundled data folder, warm.

Usage: bench/bench-serve-transit.py TNET [SECONDS] [ROUNDS] [THREADS]
TNET is the program to run (compare two builds by running this twice).
The server runs THREADS workers (default 2) and wrk 2 × THREADS
connections; after a warm-up run (the timetables are loaded on first use),
ROUNDS (default 5) runs of SECONDS (default 8) each, each starting once the
server has computed what the previous run left queued; the median
throughput is printed with every run's figure. The queries: of 600
random (from, to, scenario) of the zone and station nodes, those with a
journey at 08:00 (asked once beforehand, of another server process of
TNET), each then asked at random departures between 06:00 and 20:59: 3,000
distinct queries, so that a cache of answers of a few hundred entries is
rarely hit. The few without a journey at their hour count as non-2xx.
"""
import csv
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import urllib.error
import urllib.request

tnet = sys.argv[1]
seconds = int(sys.argv[2]) if len(sys.argv) > 2 else 8
rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 5
threads = int(sys.argv[4]) if len(sys.argv) > 4 else 2
data = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'data', 'xuchang')
with open(os.path.join(data, 'nodes.csv'), encoding='utf-8') as f:
    ids = [n['id'] for n in csv.DictReader(line for line in f if not line.startswith('#'))
           if n['kind'] in ('zone', 'station')]
years = sorted(d[5:] for d in os.listdir(data) if d.startswith('gtfs-'))
rng = random.Random(7)
pairs = set()
while len(pairs) < 600:
    pairs.add((*rng.sample(ids, 2), rng.choice(years)))
pairs = sorted(pairs)
paths = [f'/route?from={a}&to={b}&profile=transit&scenario={y}' for a, b, y in pairs]


def start():
    srv = subprocess.Popen([tnet, 'serve', '--data', data, '--port', '0', '--threads', str(threads),
                            '--quiet'], stdout=subprocess.PIPE, text=True)
    return srv, int(re.search(r':(\d+)/', srv.stdout.readline()).group(1))


def has_journey(port, path):
    try:
        return urllib.request.urlopen(f'http://127.0.0.1:{port}{path}', timeout=600).status == 200
    except urllib.error.HTTPError:
        return False


srv, port = start()
keep = [False] * len(paths)


def ask(k):
    for i in range(k, len(paths), 2 * threads):
        keep[i] = has_journey(port, paths[i])


# as many at once as wrk's connections (a server may refuse more)
askers = [threading.Thread(target=ask, args=(k,)) for k in range(2 * threads)]
for a in askers:
    a.start()
for a in askers:
    a.join()
srv.terminate()
srv.wait()
n_all = len(paths)
good = [pair for pair, k in zip(pairs, keep) if k]
paths = set()
while len(paths) < 3000:
    a, b, y = rng.choice(good)
    paths.add(f'/route?from={a}&to={b}&profile=transit&depart={rng.randrange(6, 21):02d}:'
              f'{rng.randrange(60):02d}&scenario={y}')
paths = sorted(paths)
rng.shuffle(paths)
tmp = tempfile.TemporaryDirectory(prefix='tnet-bench-')
lua = os.path.join(tmp.name, 'paths.lua')
with open(lua, 'w') as f:
    f.write('local paths = {' + ','.join(f'"{p}"' for p in paths) + '}\n'
            'local i = 0\nfunction request()\n  i = i + 1\n'
            '  return wrk.format("GET", paths[(i % #paths) + 1])\nend\n')


def wrk(port, secs):
    out = subprocess.run(['wrk', '-t', '2', '-c', str(2 * threads), '-d', f'{secs}s', '--timeout', '60s',
                          '--latency', '-s', lua, f'http://127.0.0.1:{port}/'],
                         capture_output=True, text=True).stdout
    rate = float(re.search(r'Requests/sec:\s+([\d.]+)', out).group(1))
    p50 = re.search(r'^\s*50%\s+(\S+)', out, re.M).group(1)
    non2xx = re.search(r'Non-2xx or 3xx responses: (\d+)', out)
    return rate, p50, int(non2xx.group(1)) if non2xx else 0


srv, port = start()
print(f'/route by transit, {len(paths)} distinct queries of {len(good)} (from, to, scenario) with a journey '
      f'(of {n_all}), {threads} workers, '
      f'{2 * threads} connections; '
      f'{rounds} runs of {seconds} s; load average {os.getloadavg()[0]:.1f}')
wrk(port, 3)
rates, bad = [], 0
for _ in range(rounds):
    urllib.request.urlopen(f'http://127.0.0.1:{port}/health', timeout=600).read()
    rate, p50, nb = wrk(port, seconds)
    rates.append(rate)
    bad += nb
    print(f'  run: {rate:.1f}/s  p50 {p50}  non-2xx {nb}')
print(f'median {statistics.median(rates):.1f} requests/s (runs {min(rates):.1f}..{max(rates):.1f}); '
      f'non-2xx {bad}; load average {os.getloadavg()[0]:.1f}')
srv.terminate()
srv.wait()
