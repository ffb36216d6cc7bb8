#!/usr/bin/python3
"""`tnet serve` answers as the command-line program does: each endpoint's
JSON is compared with `tnet COMMAND --format json` for the same query; /table
cells with `tnet route` (Dijkstra, the independent oracle of the CH
many-to-many); /nodes and /scenarios with the test's own reading of the data
folder. Then malformed and hostile requests: each must get a 4xx and the
server stays up (the bounds of request heads: test-limits.py).
"""
import csv
import json
import os
import shutil
import socket
import subprocess
import tempfile
import threading
import urllib.parse

from serve_common import DATA, ROOT, TNET, Server, Tap, cli_json

tap = Tap()
srv = Server()
q = urllib.parse.urlencode


def same(path, cli_args, name):
    status, body = srv.get_json(path)
    rc, cli, _ = cli_json(*cli_args)
    tap.ok(status == 200 and rc == 0 and body == cli, f'{name}: {path} = tnet {" ".join(cli_args)}',
           f'status {status}, rc {rc}\nserver: {json.dumps(body)[:400]}\ncli: {json.dumps(cli)[:400]}')


# --- the same documents as the CLI
for scen in ('2020', '2025'):
    for a, b in (('z_weidu', 'xc_east_hsr'), ('z_yuzhou', 'zz_center'), ('z_xiangcheng', 'airport_center')):
        same('/route?' + q({'from': a, 'to': b, 'scenario': scen}),
             ('route', a, b, '--scenario', scen), f'route {scen}')
same('/route?' + q({'from': 'z_yuzhou', 'to': 'zz_center', 'metric': 'length'}),
     ('route', 'z_yuzhou', 'zz_center', '--metric', 'length'), 'route by length')
# transit (the timetable, and the frequency model) and park_and_ride,
# computed in the server's workers: the same documents as the command
transit_queries = []
for scen in ('2020', '2025'):
    day = f'{scen}-03-04'
    for a, b in (('z_weidu', 'zz_center'), ('z_changge', 'xc_east_hsr')):
        for opts in ({'profile': 'transit'},
                     {'profile': 'transit', 'depart': '07:40'},
                     {'profile': 'transit', 'depart': '17:05', 'date': day, 'window': '45'},
                     {'profile': 'transit', 'depart': '09:00', 'window': '30', 'percentiles': '10,50,90',
                      'max_walk': '20'},
                     {'profile': 'transit', 'model': 'frequency'},
                     {'profile': 'park_and_ride'},
                     {'profile': 'park_and_ride', 'depart': '07:40', 'window': '20'},
                     {'profile': 'park_and_ride', 'model': 'frequency'}):
            transit_queries.append(({'from': a, 'to': b, 'scenario': scen, **opts}, opts))
flag = {'model': None, 'max_walk': '--max-walk'}


def cli_route_args(query):
    args = ['route', query['from'], query['to'], '--scenario', query['scenario']]
    for k, v in query.items():
        if k in ('from', 'to', 'scenario'):
            continue
        if k == 'model':
            args.append('--frequency-model')
        else:
            args += [flag.get(k, '--' + k), v]
    return tuple(args)


for query, opts in transit_queries:
    same('/route?' + q(query), cli_route_args(query),
         f'route {query["scenario"]} {" ".join(f"{k}={v}" for k, v in opts.items())}')
# no path: 404 with the command's message
status, body = srv.get_json('/route?' + q({'from': 'z_kaifeng', 'to': 'z_nanyang', 'profile': 'transit'}))
cli = subprocess.run([TNET, 'route', 'z_kaifeng', 'z_nanyang', '--profile', 'transit', '--data', DATA,
                      '--format', 'json'], capture_output=True, text=True, timeout=300)
rc, err = cli.returncode, cli.stderr
tap.ok(status == 404 and rc == 1 and body['error'] in err, 'route by transit without a stop near: 404 as the '
       'command fails', f'{status} {body} / {rc} {err}')
# the workers share the kept timetables and graphs: the same answers under
# concurrency, on a fresh server (the first requests load them at once)
srv2 = Server(threads=4)
want = {q(query): cli_json(*cli_route_args(query))[1] for query, _ in transit_queries}
paths = [query for query, _ in transit_queries] * 3
got, lock = [], threading.Lock()


def fetch(chunk):
    for query in chunk:
        r = srv2.get_json('/route?' + q(query))
        with lock:
            got.append((q(query), r))


workers = [threading.Thread(target=fetch, args=(paths[i::8],)) for i in range(8)]
for w in workers:
    w.start()
for w in workers:
    w.join()
wrong = [k for k, (status, body) in got if status != 200 or body != want[k]]
tap.ok(len(got) == len(paths) and not wrong, f'{len(paths)} transit routes from 8 clients at once, '
       '4 workers: the command\'s documents', wrong[:5])
# more service dates than the server keeps timetables for: still the same
dates = [f'2025-{m:02d}-{d:02d}' for m in (4, 5) for d in range(1, 11)]
wrong, n_ok = [], 0
for d in dates:
    query = {'from': 'z_weidu', 'to': 'zz_center', 'profile': 'transit', 'scenario': '2025', 'date': d}
    status, body = srv2.get_json('/route?' + q(query))
    rc, cli, _ = cli_json(*cli_route_args(query))
    # on a day without service neither finds a journey
    if not ((status == 200 and rc == 0 and body == cli) or (status == 404 and rc == 1)):
        wrong.append((d, status, rc))
    n_ok += status == 200
tap.ok(not wrong and n_ok >= len(dates) // 2, f'{len(dates)} service dates (more than the timetables kept, '
       f'{n_ok} with a journey): the command\'s answers', wrong)
rc, err = srv2.stop()
tap.ok(rc == 0, 'the second server stops with 0', err)
for scen in ('2020', '2025'):
    same('/isochrone?' + q({'from': 'z_weidu', 'minutes': 45, 'scenario': scen}),
         ('isochrone', 'z_weidu', '--minutes', '45', '--scenario', scen), f'isochrone {scen}')
same('/isochrone?' + q({'from': 'z_changge', 'minutes': 60, 'profile': 'transit'}),
     ('isochrone', 'z_changge', '--minutes', '60', '--profile', 'transit'), 'isochrone by transit')
same('/report', ('report',), 'report')
same('/report?scenario=2020', ('report', '--scenario', '2020'), 'report 2020')
same('/report?baseline=2020&scenario=2020', ('report', '--baseline', '2020', '--scenario', '2020'),
     'report 2020 against 2020')
same('/report?uncertainty=12&seed=5', ('report', '--uncertainty', '12', '--seed', '5'),
     'report with 12 uncertainty draws (in blocks on a worker) as the command draws them')
same('/corridors?from=xuchang&to=zhengzhou', ('corridors', 'xuchang', 'zhengzhou'), 'corridors')
same('/corridors?from=xuchang&to=airport&modes=rail&scenario=2020',
     ('corridors', 'xuchang', 'airport', '--modes', 'rail', '--scenario', '2020'), 'corridors rail 2020')
same('/criticality?from=xuchang&to=zhengzhou&top=5',
     ('criticality', 'xuchang', 'zhengzhou', '--top', '5'), 'criticality')
# /criticality follows the timetable for transit and park_and_ride, as the
# command does by default (same options, same defaults); model=frequency is
# the command's --frequency-model
same('/criticality?from=xuchang&to=airport&profile=transit&by=line&budget=90&scenario=2020'
     '&model=frequency',
     ('criticality', 'xuchang', 'airport', '--profile', 'transit', '--by', 'line', '--budget', '90',
      '--scenario', '2020', '--frequency-model'), 'criticality by line, transit, 2020, frequency')
for prof in ('transit', 'park_and_ride'):
    same(f'/criticality?from=xuchang&to=zhengzhou&profile={prof}&top=20',
         ('criticality', 'xuchang', 'zhengzhou', '--profile', prof, '--top', '20'),
         f'criticality {prof} by the timetable')
    same(f'/criticality?from=xuchang&to=zhengzhou&profile={prof}&by=line&depart=07:30&window=15'
         '&percentile=80&max_walk=10&date=2025-03-04',
         ('criticality', 'xuchang', 'zhengzhou', '--profile', prof, '--by', 'line', '--depart',
          '07:30', '--window', '15', '--percentile', '80', '--max-walk', '10', '--date',
          '2025-03-04'), f'criticality {prof} by the timetable with every option')
    same(f'/criticality?from=xuchang&to=zhengzhou&profile={prof}&model=frequency',
         ('criticality', 'xuchang', 'zhengzhou', '--profile', prof, '--frequency-model'),
         f'criticality {prof} by the frequency approximation')
status, body = srv.get_json('/criticality?from=xuchang&to=zhengzhou&profile=park_and_ride')
tap.ok(status == 200 and body.get('model') == 'timetable' and body.get('profile') == 'park_and_ride'
       and 'park_and_ride' in body.get('timetable', {}),
       '/criticality park_and_ride names its model and options', json.dumps(body)[:300])
status, body = srv.get_json('/criticality?from=xuchang&to=zhengzhou&depart=07:00')
tap.ok(status == 400 and 'depart' in json.dumps(body),
       '/criticality: depart by car is a 400 naming it', f'{status} {json.dumps(body)[:300]}')
same('/corridors?from=xuchang&to=zhengzhou&modes=road&k=3&budget=50&factor=1.5',
     ('corridors', 'xuchang', 'zhengzhou', '--modes', 'road', '-k', '3', '--budget', '50', '--factor',
      '1.5'), 'corridors with every option')


def same_geojson(path, cli_args, name):
    """format=geojson: byte for byte `tnet ARGS --format geojson`, served
    as application/geo+json."""
    status, ctype, body = srv.get(path)
    r = subprocess.run([TNET, *cli_args, '--data', DATA, '--format', 'geojson'],
                       capture_output=True, timeout=300)
    tap.ok(status == 200 and r.returncode == 0 and body == r.stdout
           and ctype.startswith('application/geo+json'),
           f'{name}: {path} = tnet {" ".join(cli_args)} --format geojson',
           f'status {status} {ctype}, rc {r.returncode}\nserver: {body[:300]!r}\n'
           f'cli: {r.stdout[:300]!r}')


# isochrone polygons: the bands of tnet isochrone --polygons (GEOS), by car
# and by the timetable
for path, args in (
        ('/isochrone?from=z_weidu&minutes=15,30,45&polygons=true',
         ('isochrone', 'z_weidu', '--minutes', '15,30,45', '--polygons')),
        ('/isochrone?from=z_weidu,z_yuzhou&minutes=30,60&polygons=1&scenario=2020',
         ('isochrone', 'z_weidu,z_yuzhou', '--minutes', '30,60', '--polygons', '--scenario', '2020')),
        ('/isochrone?from=z_weidu&minutes=30,60&polygons=1&profile=transit&depart=07:30&window=30',
         ('isochrone', 'z_weidu', '--minutes', '30,60', '--polygons', '-p', 'transit', '--depart',
          '07:30', '--window', '30'))):
    status, ctype, body = srv.get(path)
    r = subprocess.run([TNET, *args, '--data', DATA], capture_output=True, timeout=300)
    doc = json.loads(body) if status == 200 else {}
    tap.ok(status == 200 and r.returncode == 0 and body == r.stdout
           and ctype.startswith('application/geo+json')
           and {f['geometry']['type'] for f in doc.get('features', [])} == {'MultiPolygon'},
           f'{path} = tnet {" ".join(args)} (MultiPolygons)',
           f'{status} {ctype} {body[:200]!r} / {r.stdout[:200]!r}')
same_geojson('/corridors?from=xuchang&to=zhengzhou&format=geojson',
             ('corridors', 'xuchang', 'zhengzhou'), 'corridors as GeoJSON')
same_geojson('/criticality?from=xuchang&to=airport&profile=transit&by=line&format=geojson'
             '&model=frequency',
             ('criticality', 'xuchang', 'airport', '--profile', 'transit', '--by', 'line',
              '--frequency-model'), 'criticality by line, transit, as GeoJSON')
same_geojson('/criticality?from=xuchang&to=zhengzhou&profile=park_and_ride&format=geojson',
             ('criticality', 'xuchang', 'zhengzhou', '--profile', 'park_and_ride'),
             'criticality park_and_ride by the timetable, as GeoJSON')
same_geojson('/criticality?from=xuchang&to=zhengzhou&top=5&format=geojson',
             ('criticality', 'xuchang', 'zhengzhou', '--top', '5'), 'criticality as GeoJSON')
same('/transfers', ('transfers',), 'transfers')
hubs = cli_json('transfers')[1]
hub = hubs['hubs'][0]['id'] if isinstance(hubs, dict) and hubs.get('hubs') else None
tap.ok(hub is not None, f'a hub to ask for: {hub}', str(hubs)[:200])
same('/transfers?' + q({'hub': hub, 'scenario': '2020'}), ('transfers', hub, '--scenario', '2020'),
     'transfers of one hub')
# the bundled folder has no zones.csv: the zones are the zone nodes of
# nodes.csv and their one column is population
same('/accessibility?opportunities=population', ('accessibility', '--opportunities', 'population'),
     'accessibility over the zone nodes')
same('/accessibility?opportunities=population&profile=transit&cutoffs=45,90&scenario=2020',
     ('accessibility', '--opportunities', 'population', '--profile', 'transit', '--cutoffs', '45,90',
      '--scenario', '2020'), 'accessibility by transit over the zone nodes')
status, body = srv.get_json('/accessibility?opportunities=jobs')
rc, _, _ = cli_json('accessibility', '--opportunities', 'jobs')
tap.ok(status == 400 and rc == 1 and 'zones.csv' in body['error'] and 'jobs' in body['error'],
       'accessibility to a column the zone nodes lack: 400 as the CLI fails', body)

# --- /table against tnet route, cell by cell
zones = ['z_weidu', 'z_yuzhou', 'z_changge', 'zz_center']
dests = ['xc_east_hsr', 'z_yanling', 'airport_center', 'z_weidu', 'z_xiangcheng']
status, table = srv.get_json('/table?' + q({'sources': ';'.join(zones), 'destinations': ';'.join(dests),
                                             'scenario': '2020'}))
tap.ok(status == 200 and table['sources'] == zones and table['destinations'] == dests, 'table ids echoed')
bad = []
for i, a in enumerate(zones):
    for j, b in enumerate(dests):
        rc, r, _ = cli_json('route', a, b, '--scenario', '2020')
        want = r['total_min'] if rc == 0 else None
        if table['durations_min'][i][j] != want:
            bad.append((a, b, table['durations_min'][i][j], want))
tap.ok(not bad, f'table {len(zones)}x{len(dests)} = tnet route for every cell', bad)

# --- /accessibility over the zone nodes against its definition, from the
# /table cells (themselves checked against tnet route above) and nodes.csv
with open(os.path.join(DATA, 'nodes.csv'), encoding='utf-8') as f:
    zone_rows = [n for n in csv.DictReader(line for line in f if not line.startswith('#'))
                 if n['kind'] == 'zone']
zids = [z['id'] for z in zone_rows]
pop = [float(z['population'] or 0) for z in zone_rows]
cut = [20, 45, 75]
for scen in ('2020', '2025'):
    status, acc = srv.get_json('/accessibility?' + q({'opportunities': 'population', 'scenario': scen,
                                                      'cutoffs': ','.join(map(str, cut))}))
    _, m = srv.get_json('/table?' + q({'sources': ';'.join(zids), 'destinations': ';'.join(zids),
                                       'scenario': scen}))
    want = [[sum(pop[d] for d in range(len(zids)) if o == d or (m['durations_min'][o][d] is not None
                                                                 and m['durations_min'][o][d] <= c))
             for c in cut] for o in range(len(zids))]
    got = {z['id']: z['accessibility'] for z in acc['zones']}
    mean = [sum(pop[o] * want[o][k] for o in range(len(zids))) / sum(pop) for k in range(len(cut))]
    tap.ok(status == 200 and [z['id'] for z in acc['zones']] == zids
           and all(got[zids[o]] == want[o] for o in range(len(zids)))
           and all(abs(a - b) <= 1e-6 * b for a, b in zip(acc['mean_population_weighted'], mean))
           and acc['total'] == sum(pop),
           f'accessibility {scen}: {len(zids)} zone nodes, sums and mean as the /table cells give',
           f'{acc}\nwant {want}')

# --- /nodes, /scenarios, /network against the data folder read here
with open(os.path.join(DATA, 'nodes.csv'), encoding='utf-8') as f:
    nodes = list(csv.DictReader(line for line in f if not line.startswith('#')))
needle = '许昌'
want = [n['id'] for n in nodes if any(needle in (n.get(k) or '') for k in ('id', 'name', 'name_en'))]
status, got = srv.get_json('/nodes?' + q({'search': needle, 'limit': 1000}))
tap.ok(status == 200 and [n['id'] for n in got] == want, f'nodes matching {needle}: {len(want)}', got)
by_id = {n['id']: n for n in nodes}
tap.ok(all(abs(n['lon'] - float(by_id[n['id']]['lon'])) < 1e-9 and n['kind'] == by_id[n['id']]['kind']
           and n['name'] == by_id[n['id']]['name'] and n['region'] == by_id[n['id']]['region']
           for n in got),
       'nodes: kind, name and lon of nodes.csv')
# one serializer: /nodes is the document of `tnet nodes`
same('/nodes?' + q({'search': needle, 'limit': 1000}), ('nodes', '--search', needle, '--limit', '1000'),
     'nodes')
same('/nodes?' + q({'search': 'z', 'limit': 3}), ('nodes', '--search', 'z', '--limit', '3'), 'nodes limit')
same('/nodes?' + q({'place': 'zones:xuchang', 'limit': 1000}), ('nodes', 'zones:xuchang', '--limit', '1000'),
     'nodes of a place')
status, got = srv.get_json('/nodes')
tap.ok(status == 200 and len(got) == min(20, len(nodes)), '/nodes: 20 nodes by default', len(got))
years = sorted(d[5:] for d in os.listdir(DATA) if d.startswith('gtfs-'))
status, sc = srv.get_json('/scenarios')
tap.ok([s['name'] for s in sc['scenarios']] == years and sc['default'] == years[-1],
       f'scenarios: the feed years {years}', sc)
with open(os.path.join(DATA, 'links.csv'), encoding='utf-8') as f:
    links = {l['id']: l for l in csv.DictReader(line for line in f if not line.startswith('#'))}
status, net = srv.get_json('/network?scenario=2020')
ids = [f['properties']['id'] for f in net['features'] if f['geometry']['type'] == 'LineString']
late = [i for i in ids if links.get(i) and links[i]['open_year'] and int(links[i]['open_year']) > 2020]
tap.ok(status == 200 and ids and all(i in links for i in ids) and not late,
       f'network 2020: {len(ids)} links of links.csv, none opening after 2020', late)
points = {f['properties']['id'] for f in net['features'] if f['geometry']['type'] == 'Point'}
tap.ok(points == {n['id'] for n in nodes if n['kind'] in ('zone', 'station')},
       'network points: the zones and stations of nodes.csv')
status, health = srv.get_json('/health')
tap.ok(status == 200 and health['status'] == 'ok' and health['requests'] == 0, 'health: ok, no request in flight', health)

# --- hostile and malformed requests: 4xx naming the parameter
hostile = [
    ('/route?from=nope&to=z_weidu', 400, 'from'),
    ('/route?from=z_weidu', 400, 'to'),
    ('/route?from=z_weidu&to=z_weidu&metric=NaN', 400, 'metric'),
    ('/route?from=z_weidu&to=z_weidu&scenario=1999', 400, 'scenario'),
    ('/route?from=z_weidu&to=z_weidu&scenario=..%2F..%2Fetc%2Fpasswd', 400, 'scenario'),
    ('/route?from=-h&to=z_weidu', 400, 'from'),
    ('/route?from=z_weidu&to=z_weidu&profile=transit&depart=99:99', 400, 'depart'),
    ('/route?from=z_weidu&to=z_weidu&profile=transit&date=2025-02-30', 400, 'date'),
    ('/route?from=z_weidu&to=z_weidu&profile=transit&date=20250301', 400, 'date'),
    ('/route?from=z_weidu&to=z_weidu&profile=transit&date=1999-01-01', 400, 'date'),
    ('/route?from=z_weidu&to=z_weidu&profile=transit&window=1441', 400, 'window'),
    ('/route?from=z_weidu&to=z_weidu&profile=transit&window=NaN', 400, 'window'),
    ('/route?from=z_weidu&to=z_weidu&profile=transit&percentiles=50,101', 400, 'percentiles'),
    ('/route?from=z_weidu&to=z_weidu&profile=transit&max_walk=-1', 400, 'max_walk'),
    ('/route?from=z_weidu&to=z_weidu&profile=transit&model=teleport', 400, 'model'),
    ('/route?from=z_weidu&to=z_weidu&profile=park_and_ride&model=frequency&date=2025-03-04', 400, 'date'),
    ('/route?from=z_weidu&to=z_weidu&profile=transit&model=frequency&window=30', 400, 'window'),
    ('/route?from=z_weidu&to=z_weidu&window=30', 400, 'window'),
    ('/route?from=z_weidu&to=z_weidu&profile=car&model=timetable', 400, 'model'),
    ('/route?from=nope&to=z_weidu&profile=transit', 400, 'from'),
    ('/route?from=z_weidu&to=nope&profile=park_and_ride', 400, 'to'),
    ('/isochrone?from=z_weidu&minutes=NaN', 400, 'minutes'),
    ('/isochrone?from=z_weidu&minutes=inf', 400, 'minutes'),
    ('/isochrone?from=z_weidu&minutes=1e400', 400, 'minutes'),
    ('/isochrone?from=z_weidu&minutes=-5', 400, 'minutes'),
    ('/isochrone?from=z_weidu&minutes=99999999999999999999999', 400, 'minutes'),
    ('/isochrone?from=nowhere', 400, 'from'),
    ('/table?sources=z_weidu&destinations=nope', 400, 'destinations'),
    ('/table?sources=' + ';'.join(['z_weidu'] * 1001) + '&destinations=z_weidu', 400, 'sources'),
    ('/table?sources=' + ';'.join(['z_weidu'] * 600) + '&destinations=' + ';'.join(['z_weidu'] * 600),
     400, 'destinations'),
    ('/corridors?from=xuchang&to=zhengzhou&k=99999999999999999999', 400, 'k'),
    ('/corridors?from=xuchang&to=zhengzhou&format=csv', 400, 'format'),
    ('/isochrone?from=z_weidu&minutes=30,20&polygons=true', 400, 'minutes'),
    ('/isochrone?from=z_weidu&minutes=' + ','.join(str(k) for k in range(1, 18)) + '&polygons=1',
     400, 'minutes'),
    ('/isochrone?from=z_weidu&minutes=15,30', 400, 'minutes'),
    ('/isochrone?from=z_weidu&polygons=yes', 400, 'polygons'),
    ('/criticality?from=xuchang&to=zhengzhou&format=', 400, 'format'),
    ('/corridors?from=xuchang&to=mars', 400, 'to'),
    ('/criticality?from=xuchang&to=zhengzhou&top=-1', 400, 'top'),
    ('/criticality?from=xuchang&to=zhengzhou&profile=car&modes=rail', 400, 'modes'),
    ('/report?baseline=1e9', 400, 'baseline'),
    ('/report?baseline=1999', 400, 'baseline'),
    ('/report?uncertainty=1001', 400, 'uncertainty'),
    ('/report?uncertainty=-1', 400, 'uncertainty'),
    ('/report?uncertainty=12&seed=abc', 400, 'seed'),
    ('/nodes?limit=0', 400, 'limit'),
    ('/nodes?place=nowhere', 400, 'place'),
    ('/route?from=z_weidu&to=z_weidu&evil=1', 400, 'evil'),
    ('/accessibility?opportunities=population&cutoffs=30,NaN', 400, 'cutoffs'),
    ('/transfers?hub=%01%02', 400, 'hub'),
    ('/transfers?hub=nowhere', 400, 'hub'),
]
for path, code, parameter in hostile:
    status, ctype, body = srv.get(path)
    try:
        doc = json.loads(body)
    except ValueError:
        doc = {}
    tap.ok(status == code and doc.get('parameter') == parameter and 'error' in doc,
           f'{path[:70]} -> {code} naming {parameter}', f'{status} {body[:300]!r}')
# every endpoint that takes a place reads the place grammar: a misspelt
# region, kind, node id or node name is a 400 naming the parameter with the
# intended name (written out by hand) as its did-you-mean; and the grammar's
# other forms are places there too
pq = urllib.parse.quote
for path, parameter, want in (
        ('/corridors?from=xuchnag&to=zhengzhou', 'from', 'xuchang'),
        ('/corridors?from=xuchang&to=' + pq('长葛是'), 'to', '长葛市'),
        ('/criticality?from=xuchang&to=kind:staton', 'to', 'station'),
        ('/criticality?from=z_wiedu,xuchang&to=zhengzhou', 'from', 'z_weidu'),
        ('/isochrone?from=z_wiedu', 'from', 'z_weidu'),
        ('/route?from=z_weidu&to=node:zz_centre', 'to', 'zz_center'),
        ('/table?sources=z_weidu&destinations=zz_centre', 'destinations', 'zz_center'),
        ('/nodes?place=region:zhengzou', 'place', 'zhengzhou')):
    status, ctype, body = srv.get(path)
    doc = json.loads(body) if status == 400 else {}
    tap.ok(status == 400 and doc.get('parameter') == parameter
           and f"did you mean '{want}'?" in doc.get('error', ''),
           f'{path[:70]} -> 400 suggesting {want}', f'{status} {body[:300]!r}')
status, ctype, body = srv.get('/corridors?from=zones:xuchang&to=' + pq('郑州市中心') + '&k=2')
tap.ok(status == 200, '/corridors from zones:R to a node name', f'{status} {body[:300]!r}')
for path in ('/nowhere', '/../../etc/passwd', '/leaflet/../../../etc/passwd', '/leaflet/leaflet.min.js',
             '/app.js/../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/index.html'):
    status, ctype, body = srv.get(path)
    tap.ok(status == 404 and b'root:' not in body, f'{path} -> 404', f'{status} {body[:200]!r}')


def raw(request, timeout=30):
    """Sends @request on a fresh connection while reading; the status line, or
    '' when the server closed the connection without an answer."""
    s = socket.create_connection(('127.0.0.1', srv.port))
    s.settimeout(timeout)
    got = bytearray()

    def read():
        try:
            while True:
                d = s.recv(65536)
                if not d:
                    break
                got.extend(d)
        except OSError:
            pass
    th = threading.Thread(target=read)
    th.start()
    try:
        s.sendall(request)
    except OSError:
        pass
    th.join(timeout)
    s.close()
    return bytes(got).split(b'\r\n', 1)[0].decode('latin-1')


line = raw(b'GET /route?from=' + b'a' * 20000 + b' HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n')
tap.ok(' 414 ' in line, f'20 kB query string -> 414 ({line})')
line = raw(b'GET /route?from=' + b'a' * (10 << 20) + b' HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n')
tap.ok(' 414 ' in line, f'10 MB query string -> 414 ({line})')
line = raw(b'POST /route HTTP/1.1\r\nHost: t\r\nConnection: close\r\nContent-Length: 10485760\r\n\r\n'
           + b'x' * (10 << 20))
tap.ok(' 413 ' in line, f'10 MB body -> 413 ({line})')
line = raw(b'DELETE /health HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n')
tap.ok(' 405 ' in line, f'DELETE -> 405 ({line})')
line = raw(b'GARBAGE\r\n\r\n')
tap.ok(line == '' or ' 4' in line, f'garbage request line -> refused ({line or "connection closed"})')
status, health = srv.get_json('/health')
tap.ok(srv.alive() and status == 200, 'the server is still up after the hostile requests')
rc, err = srv.stop()
tap.ok(rc == 0, 'SIGTERM: exit status 0', err)

# --- the scenario files of the folder join the picker (no --scenario):
# DIR/scenarios/*.ini naming no network or this one; one made for another
# network and one that does not fit the network are left out, and the
# default stays the last feed year
with tempfile.TemporaryDirectory(prefix='tnet-serve-') as tmp:
    folder = os.path.join(tmp, 'xc')
    shutil.copytree(DATA, folder)
    os.makedirs(os.path.join(folder, 'scenarios'))
    with open(os.path.join(ROOT, 'examples', 'scenarios', 'g4-closure-changge.ini'),
              encoding='utf-8') as f:
        g4 = [l for l in f if not l.startswith('network')]
    with open(os.path.join(folder, 'scenarios', 'g4.ini'), 'w', encoding='utf-8') as f:
        f.writelines(g4)
    with open(os.path.join(folder, 'scenarios', 'elsewhere.ini'), 'w', encoding='utf-8') as f:
        f.write('[scenario]\nnetwork = ' + os.path.join(ROOT, 'examples', 'data', 'minimal')
                + '\nyear = 2025\n')
    # 2025 without the 市区 access link to 许昌东站: the timetable's walks follow
    # the scenario, so it must not share the plain 2025 timetable
    with open(os.path.join(folder, 'scenarios', 'no-access.ini'), 'w', encoding='utf-8') as f:
        f.write('[scenario]\nyear = 2025\n[closures]\nlinks = a_z_weidu__xc_east_hsr\n')
    with open(os.path.join(folder, 'scenarios', 'unfit.ini'), 'w', encoding='utf-8') as f:
        f.write('[scenario]\nyear = 2025\n[closures]\nlinks = no_such_link\n')
    srv = Server(data=folder)
    status, sc = srv.get_json('/scenarios')
    names = [x['name'] for x in sc.get('scenarios', [])]
    tap.ok(status == 200 and names == ['2020', '2025', 'g4', 'no-access']
           and sc.get('default') == '2025',
           f'scenario picker: {names}, default {sc.get("default")}', sc)
    status, body = srv.get_json('/route?from=z_changge&to=zz_center&scenario=g4')
    r = subprocess.run([TNET, 'route', 'z_changge', 'zz_center', '--data', folder, '--scenario',
                        os.path.join(folder, 'scenarios', 'g4.ini'), '--format', 'json'],
                       capture_output=True, text=True, timeout=120)
    tap.ok(status == 200 and r.returncode == 0 and body == json.loads(r.stdout),
           'scenario=g4 routes as tnet route --scenario scenarios/g4.ini',
           (status, body.get('total_min'), r.stdout[:200]))
    transit = {'from': 'z_weidu', 'to': 'zz_east_station', 'profile': 'transit', 'depart': '07:00'}
    docs = []
    for name, spec in (('2025', '2025'),
                       ('no-access', os.path.join(folder, 'scenarios', 'no-access.ini'))):
        status, body = srv.get_json('/route?' + q(dict(transit, scenario=name)))
        r = subprocess.run([TNET, 'route', 'z_weidu', 'zz_east_station', '--profile', 'transit',
                            '--depart', '07:00', '--data', folder, '--scenario', spec,
                            '--format', 'json'], capture_output=True, text=True, timeout=120)
        tap.ok(status == 200 and r.returncode == 0 and body == json.loads(r.stdout),
               f'/route by the timetable, scenario {name} = tnet route --scenario {name}',
               (status, body.get('total_min'), r.stdout[:200]))
        docs.append(body.get('total_min'))
    tap.ok(docs[0] != docs[1], f'the closed access link changes the journey: {docs}', docs)
    rc, err = srv.stop()
    tap.ok(rc == 0 and 'unfit.ini not served' in err, 'the unfit file named on standard error',
           err)
tap.done()
