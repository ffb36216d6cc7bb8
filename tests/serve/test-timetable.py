#!/usr/bin/python3
"""/isochrone and /accessibility time transit by the timetable as `tnet
isochrone` and `tnet accessibility` do: each answer is compared byte for
byte with the command's standard output for the same options (the command
is the independent computation: its own process, loading the feed itself),
on the bundled data (two feeds) and on a folder built from the São Paulo
extract and feed. Then the rule (which parameters select the timetable),
the 400s naming a bad parameter, a folder without a feed (the frequency
approximation as the command gives it; the timetable refused naming the
parameter that asked for it; with a feed the timetable is the default and
model=frequency the approximation), and the deadline: a query over a wide window
is stopped (503) long before it would end, and the server still answers.
"""
import os
import shutil
import subprocess
import tempfile
import time
import urllib.parse

from serve_common import DATA, ROOT, TNET, Server, Tap

tap = Tap()
q = urllib.parse.urlencode
tmp = tempfile.mkdtemp(prefix='tnet-serve-tt-')

# query parameter -> option of the commands
FLAGS = {'minutes': '--minutes', 'profile': '--profile', 'scenario': '--scenario',
         'depart': '--depart', 'date': '--date', 'window': '--window',
         'percentile': '--percentile', 'max_walk': '--max-walk', 'cutoffs': '--cutoffs',
         'opportunities': '--opportunities', 'population': '--population'}


def cli_args(endpoint, query):
    args = [endpoint]
    if endpoint == 'isochrone':
        args.append(query['from'])
    for k, v in query.items():
        if k == 'from':
            continue
        if k == 'model':
            # model=frequency is --frequency-model; model=timetable has no
            # flag: the command follows the timetable by default, with the
            # defaults the server takes too (the plan's)
            args += ['--frequency-model'] if v == 'frequency' else []
            continue
        args += [FLAGS[k], v]
    return args


def cli_text(data, args):
    r = subprocess.run([TNET, *args, '--data', data, '--format', 'json', '-q'],
                       capture_output=True, timeout=600)
    return r.returncode, r.stdout, r.stderr.decode(errors='replace')


def same(srv, data, endpoint, query, name):
    """The answer is 200 and the bytes of the command's output."""
    path = f'/{endpoint}?' + q(query)
    status, _, body = srv.get(path, timeout=300)
    rc, out, err = cli_text(data, cli_args(endpoint, query))
    tap.ok(status == 200 and rc == 0 and body == out, f'{name}: {path}',
           f'status {status}, rc {rc} {err}\nserver: {body[:300]!r}\ncli: {out[:300]!r}')
    return body


def model_of(body):
    """The model a document names ("properties"/"model" or "model")."""
    import json
    doc = json.loads(body)
    return doc.get('properties', doc).get('model')


def refused(srv, path, parameter, name):
    status, body = srv.get_json(path)
    tap.ok(status == 400 and body.get('parameter') == parameter, f'{name}: {path} is 400 '
           f'naming {parameter}', f'status {status}: {body}')


# --- the bundled data: two scenario years, each with its feed
srv = Server()
for scen in ('2020', '2025'):
    day = f'{scen}-03-04'
    for opts in ({'depart': '07:30', 'window': '30', 'percentile': '90'},
                 {'depart': '17:05', 'date': day, 'window': '45', 'max_walk': '20'},
                 {'model': 'timetable'},
                 {'percentile': '25', 'window': '20'}):
        body = same(srv, DATA, 'isochrone', {'from': 'z_weidu', 'minutes': '60',
                                             'profile': 'transit', 'scenario': scen, **opts},
                    f'isochrone by the timetable {scen}')
        tap.ok(model_of(body) == 'timetable', f'  names the timetable ({scen}, {opts})')
        body = same(srv, DATA, 'accessibility', {'opportunities': 'population',
                                                 'cutoffs': '30,60', 'profile': 'transit',
                                                 'scenario': scen, **opts},
                    f'accessibility by the timetable {scen}')
        tap.ok(model_of(body) == 'timetable', f'  names the timetable ({scen}, {opts})')
    # no option of the timetable: the timetable with the commands'
    # defaults, those of the plan's first [commute] group (depart 07:00,
    # window 120, walks up to its 60-min budget), the bytes of the command
    # given those values explicitly; an option given overrides its key
    plan = {'depart': '07:00', 'window': '120', 'max_walk': '60'}
    for opts in ({}, {'window': '0'}, {'max_walk': '15'}):
        iq = {'from': 'z_changge', 'minutes': '45', 'profile': 'transit', 'scenario': scen,
              **opts}
        body = same(srv, DATA, 'isochrone', iq, f'isochrone by default {scen}')
        tap.ok(model_of(body) == 'timetable', f'  names the timetable ({scen}, {opts})')
        rc, out, err = cli_text(DATA, cli_args('isochrone', {**iq, **plan, **opts}))
        tap.ok(rc == 0 and out == body, f'  the command with the plan\'s values named '
               f'({scen}, {opts})', err)
        if 'window' not in opts and 'max_walk' not in opts:
            aq = {'opportunities': 'population', 'profile': 'transit', 'scenario': scen}
            body = same(srv, DATA, 'accessibility', aq, f'accessibility by default {scen}')
            tap.ok(model_of(body) == 'timetable', f'  names the timetable ({scen}, {opts})')
            rc, out, err = cli_text(DATA, cli_args('accessibility', {**aq, **plan}))
            tap.ok(rc == 0 and out == body,
                   f'  the command with the plan\'s values named ({scen}, {opts})', err)
    # model=frequency: the frequency approximation, asked by name
    body = same(srv, DATA, 'isochrone', {'from': 'z_changge', 'minutes': '45',
                                         'profile': 'transit', 'scenario': scen,
                                         'model': 'frequency'},
                f'isochrone by the frequency approximation {scen}')
    tap.ok(model_of(body) == 'frequency approximation',
           f'  names the frequency approximation ({scen})')
    body = same(srv, DATA, 'accessibility', {'opportunities': 'population',
                                             'profile': 'transit', 'scenario': scen,
                                             'model': 'frequency'},
                f'accessibility by the frequency approximation {scen}')
    tap.ok(model_of(body) == 'frequency approximation',
           f'  names the frequency approximation ({scen})')
    body = same(srv, DATA, 'isochrone', {'from': 'z_weidu', 'minutes': '50',
                                         'profile': 'park_and_ride', 'scenario': scen},
                f'isochrone by park_and_ride {scen}')
    tap.ok(model_of(body) == 'timetable', '  park_and_ride names the timetable')
    body = same(srv, DATA, 'isochrone', {'from': 'z_weidu', 'minutes': '50',
                                         'profile': 'park_and_ride', 'scenario': scen,
                                         'percentile': '50', 'window': '10'},
                f'isochrone by park_and_ride over a window {scen}')
    tap.ok(model_of(body) == 'timetable', '  park_and_ride names the timetable')
    body = same(srv, DATA, 'isochrone', {'from': 'z_weidu', 'minutes': '50',
                                         'profile': 'park_and_ride', 'scenario': scen,
                                         'model': 'frequency'},
                f'isochrone by park_and_ride, frequency approximation {scen}')
    tap.ok(model_of(body) == 'frequency approximation', '  park_and_ride names its model')
    body = same(srv, DATA, 'isochrone', {'from': 'z_weidu', 'minutes': '50', 'scenario': scen},
                f'isochrone by car {scen}')
    tap.ok(model_of(body) is None, '  by car: no model (the network)')

# the departure is honoured: by the timetable the reach differs between a
# departure in the timetable's service and one in the small hours
_, _, a = srv.get('/isochrone?' + q({'from': 'z_weidu', 'minutes': '60', 'profile': 'transit',
                                     'depart': '08:00'}))
_, _, b = srv.get('/isochrone?' + q({'from': 'z_weidu', 'minutes': '60', 'profile': 'transit',
                                     'depart': '03:00'}))
tap.ok(a.count(b'"Point"') > b.count(b'"Point"'), 'more nodes reached at 08:00 than at 03:00',
       f'{a.count(b"Point")} vs {b.count(b"Point")}')

# each bad value is a 400 naming its parameter
base = {'from': 'z_weidu', 'profile': 'transit'}
abase = {'opportunities': 'population', 'profile': 'transit'}
for endpoint, b0 in (('isochrone', base), ('accessibility', abase)):
    for extra, parameter in (({'depart': '7:3x'}, 'depart'), ({'depart': '48:00'}, 'depart'),
                             ({'date': '2025-02-30'}, 'date'), ({'date': 'soon'}, 'date'),
                             ({'date': '2001-01-01'}, 'date'),
                             ({'window': '-1'}, 'window'), ({'window': '1441'}, 'window'),
                             ({'window': '5.5'}, 'window'), ({'max_walk': 'x'}, 'max_walk'),
                             ({'percentile': '101'}, 'percentile'),
                             ({'percentile': '5,50'}, 'percentile'),
                             ({'model': 'exact'}, 'model'),
                             ({'model': 'frequency', 'depart': '08:00'}, 'depart'),
                             ({'model': 'frequency', 'window': '10'}, 'window'),
                             ({'profile': 'car', 'depart': '08:00'}, 'depart'),
                             ({'profile': 'car', 'model': 'timetable'}, 'model')):
        refused(srv, f'/{endpoint}?' + q({**b0, **extra}), parameter, endpoint)
refused(srv, '/isochrone?' + q({**base, 'profile': 'park_and_ride', 'model': 'frequency',
                                 'percentile': '50'}), 'percentile', 'isochrone')
rc, err = srv.stop()
tap.ok(rc == 0, 'the server exits with 0', err)

# --- a folder without a feed: the frequency approximation as the command
# gives it; the timetable asked for is 400 naming what asked for it
nofeed = os.path.join(tmp, 'nofeed')
shutil.copytree(DATA, nofeed, ignore=shutil.ignore_patterns('gtfs-*', 'src'))
srv = Server(data=nofeed)
same(srv, nofeed, 'isochrone', {'from': 'z_weidu', 'minutes': '60', 'profile': 'transit'},
     'no feed: isochrone by the frequency approximation')
same(srv, nofeed, 'accessibility', {'opportunities': 'population', 'profile': 'transit'},
     'no feed: accessibility by the frequency approximation')
same(srv, nofeed, 'isochrone', {'from': 'z_weidu', 'minutes': '60', 'profile': 'transit',
                                'model': 'frequency'}, 'no feed: model=frequency')
for endpoint, b0 in (('isochrone', base), ('accessibility', abase)):
    refused(srv, f'/{endpoint}?' + q({**b0, 'depart': '07:00'}), 'depart', f'no feed {endpoint}')
    refused(srv, f'/{endpoint}?' + q({**b0, 'window': '30', 'percentile': '80'}), 'window',
            f'no feed {endpoint}')
    refused(srv, f'/{endpoint}?' + q({**b0, 'model': 'timetable', 'depart': '07:00'}), 'model',
            f'no feed {endpoint}')
status, _, _ = srv.get('/health')
tap.ok(status == 200, 'no feed: still answering')
rc, err = srv.stop()
tap.ok(rc == 0, 'the server exits with 0', err)

# --- São Paulo: a street network from OpenStreetMap, a feed and a zone
# grid, as the examples build it
spo_src = os.path.join(ROOT, 'tests', 'data', 'sao-paulo')
zones = os.path.join(tmp, 'zones.csv')
with open(os.path.join(spo_src, 'spo_hexgrid.csv'), encoding='utf-8') as f, \
        open(zones, 'w', encoding='utf-8') as g:
    for i, line in enumerate(f):
        line = line.rstrip('\n')
        if i == 0:
            g.write(line + ',district\n')
        else:
            g.write(line + ',' + ('west' if float(line.split(',')[1]) < -46.645 else 'east')
                    + '\n')
spo = os.path.join(tmp, 'spo')
r = subprocess.run([TNET, 'init', spo, '--osm', os.path.join(spo_src, 'spo_osm.pbf'), '--gtfs',
                    os.path.join(spo_src, 'spo.zip'), '--zones', zones, '--region-column',
                    'district', '-q'], capture_output=True, text=True, timeout=600)
tap.ok(r.returncode == 0, 'tnet init builds the São Paulo folder', r.stderr)
zone = '89a8100c603ffff'
srv = Server(data=spo)
for opts in ({'depart': '07:00', 'window': '30', 'percentile': '90'},
             {'depart': '18:10', 'max_walk': '8'}):
    body = same(srv, spo, 'isochrone', {'from': zone, 'minutes': '30', 'profile': 'transit',
                                        **opts}, 'São Paulo: isochrone by the timetable')
    tap.ok(model_of(body) == 'timetable', '  names the timetable')
    body = same(srv, spo, 'accessibility', {'opportunities': 'jobs', 'cutoffs': '20,40',
                                            'profile': 'transit', **opts},
                'São Paulo: accessibility by the timetable')
    tap.ok(model_of(body) == 'timetable', '  names the timetable')
same(srv, spo, 'isochrone', {'from': zone, 'minutes': '30', 'profile': 'transit'},
     'São Paulo: isochrone by the frequency approximation')

# the time of the wide queries unstopped (the timetable is kept by now)
wide_iso = '/isochrone?' + q({'from': 'region:east', 'minutes': '1', 'profile': 'transit',
                              'depart': '00:00', 'window': '1440', 'max_walk': '60'})
wide_acc = '/accessibility?' + q({'opportunities': 'jobs', 'profile': 'transit',
                                  'depart': '04:00', 'window': '900'})


def timed(server, path):
    t0 = time.monotonic()
    status, _, _ = server.get(path, timeout=600)
    return status, time.monotonic() - t0


s_iso, t_iso = timed(srv, wide_iso)
s_acc, t_acc = timed(srv, wide_acc)
tap.ok(s_iso == 200 and s_acc == 200, 'the wide queries are answered within 30 s',
       f'{s_iso} {s_acc}')
tap.diag(f'unstopped: isochrone {t_iso:.2f} s, accessibility {t_acc:.2f} s')
rc, err = srv.stop()
tap.ok(rc == 0, 'the server exits with 0', err)

# the deadline: 0.1 s. The first request loads the timetable (kept even if
# it is answered 503); then each wide query is stopped inside its kernel
# (the isochrone's range query every RAPTOR round, the accessibility's
# matrix before each origin) and answered 503 in a fraction of its time.
srv = Server('--time-limit', '0.1', threads=1, data=spo)
srv.get('/isochrone?' + q({'from': zone, 'minutes': '1', 'profile': 'transit', 'window': '2'}))
for path, full, name in ((wide_iso, t_iso, 'isochrone'), (wide_acc, t_acc, 'accessibility')):
    status, t = timed(srv, path)
    tap.ok(status == 503, f'{name} over a wide window past the time limit: 503', status)
    # (a query of under 0.6 s could not show it: that is a failure too).
    # The isochrone's walks before its first RAPTOR round (about half its
    # time on a quiet machine) are stopped too, so a stopped query takes
    # under half; one that ran its walks or rounds to the end would not.
    tap.ok(full >= 0.6 and t < full * 0.5, f'  stopped early: {t:.2f} s of {full:.2f} s')
    status, _, body = srv.get('/health')
    tap.ok(status == 200 and b'"ok"' in body, '  the server still answers /health', body)
rc, err = srv.stop()
tap.ok(rc == 0, 'the server exits with 0', err)
shutil.rmtree(tmp, ignore_errors=True)
tap.done()
