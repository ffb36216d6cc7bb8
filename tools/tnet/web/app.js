// app.js: the web map of `tnet serve`. Everything comes from the server's
// JSON endpoints (docs/http.md); Leaflet is served by the same server.
'use strict';

const TEXT = {
  zh: {
    scenario: '情景', compare: '对比', none: '无', mode_route: '路径', mode_isochrone: '等时圈',
    minutes: '分钟', profile: '方式', car: '小汽车', transit: '公共交通', park_and_ride: '停车换乘',
    route: '路径', route_hint: '在地图上点击起点，再点击终点。', isochrone: '等时圈',
    iso_hint: '选择“等时圈”，再点击地图上的地点。', corridors: '走廊与关键路段', from: '从', to: '到',
    analyse: '分析', report: '规划指标', load_report: '计算指标', line: '线路', mode: '方式',
    km: '公里', min: '分钟', total: '合计', origin: '起点', click_destination: '请点击终点',
    reached: '可达节点', indicator: '指标', target: '目标', pass: '达标', confidence: '数据可信度',
    lines: '线路数', link_disjoint: '边不相交路径', node_disjoint: '点不相交路径',
    least_time: '最短时间备选', critical: '关键路段（断开后最大增时）', increase: '增时', link: '路段',
    loading: '计算中…', error: '错误', nodes: '节点', depart: '出发（公交）',
    draws: '不确定性抽样', spread: 'p5–p95', pass_probability: '达标概率', indeterminate: '不确定',
  },
  en: {
    scenario: 'Scenario', compare: 'Compare with', none: 'none', mode_route: 'Route',
    mode_isochrone: 'Isochrone', minutes: 'Minutes', profile: 'Profile', car: 'car',
    depart: 'Depart (transit)',
    transit: 'transit', park_and_ride: 'park and ride', route: 'Route',
    route_hint: 'Click an origin on the map, then a destination.', isochrone: 'Isochrone',
    iso_hint: 'Choose “Isochrone”, then click a place on the map.',
    corridors: 'Corridors and critical links', from: 'From', to: 'To', analyse: 'Analyse',
    report: 'Plan indicators', load_report: 'Compute indicators', line: 'Line', mode: 'Mode',
    km: 'km', min: 'min', total: 'Total', origin: 'Origin', click_destination: 'now click the destination',
    reached: 'nodes reached', indicator: 'Indicator', target: 'Target', pass: 'Pass',
    confidence: 'Data confidence', lines: 'Lines', link_disjoint: 'Link-disjoint paths',
    node_disjoint: 'Node-disjoint paths', least_time: 'Least-time alternatives',
    critical: 'Critical links (largest increase when cut)', increase: 'Increase', link: 'Link',
    loading: 'computing…', error: 'Error', nodes: 'nodes',
    draws: 'Uncertainty draws', spread: 'p5–p95', pass_probability: 'P(pass)',
    indeterminate: 'indeterminate',
  },
};
const MODE_COLOURS = {
  expressway: '#d0541b', trunk: '#e69b2e', road: '#b9a27a', hsr: '#7b2fa3', rail: '#4c5fb8',
  metro: '#1c8c8c', access: '#9aa4ad',
};
const BAND_COLOURS = ['#1a9850', '#91cf60', '#fee08b', '#fc8d59'];

const state = {
  lang: 'zh', map: null, network: null, nodes: [], names: {}, links: {}, routeFrom: null,
  routeLayer: null, isoLayers: [], critLayer: null, scenarios: null, report: null,
};

function t(key) { return TEXT[state.lang][key] || key; }
function esc(s) {
  return String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;',
    '"': '&quot;', "'": '&#39;' })[c]);
}
function label(id) {
  const n = state.names[id];
  if (!n) return id;
  return (state.lang === 'en' && n.name_en) ? n.name_en : (n.name || id);
}
function status(msg) { document.getElementById('status').textContent = msg || ''; }

async function getJSON(path, params) {
  const q = new URLSearchParams(params || {});
  const url = path + (q.toString() ? '?' + q.toString() : '');
  const r = await fetch(url);
  const body = await r.json();
  if (!r.ok) throw new Error(body.error || r.statusText);
  return body;
}

function applyLang() {
  document.documentElement.lang = state.lang;
  document.querySelectorAll('[data-i18n]').forEach((el) => { el.textContent = t(el.dataset.i18n); });
  document.getElementById('lang').textContent = state.lang === 'zh' ? 'English' : '中文';
  const s = state.scenarios;
  if (s) document.getElementById('title').textContent =
    (state.lang === 'en' ? s.title_en : s.title) || s.title || s.name;
  fillRegions();
  if (state.report) drawReport(state.report);
}

function scenario() { return document.getElementById('scenario').value; }

async function loadNetwork() {
  const gj = await getJSON('/network', { scenario: scenario() });
  if (state.network) state.map.removeLayer(state.network);
  state.nodes = [];
  state.links = {};
  state.network = L.geoJSON(gj, {
    style: (f) => ({ color: MODE_COLOURS[f.properties.mode] || '#777',
                     weight: f.properties.mode === 'access' ? 1 : 2.5,
                     opacity: f.properties.mode === 'access' ? 0.5 : 0.9 }),
    pointToLayer: (f, latlng) => L.circleMarker(latlng, {
      radius: f.properties.kind === 'zone' ? 6 : 4, weight: 1, color: '#233',
      fillColor: f.properties.kind === 'zone' ? '#ffffff' : '#233', fillOpacity: 0.9,
      className: 'node-marker node-' + f.properties.kind,
    }),
    onEachFeature: (f, layer) => {
      const p = f.properties;
      if (f.geometry.type === 'Point') {
        state.nodes.push({ id: p.id, latlng: layer.getLatLng() });
        state.names[p.id] = p;
        layer.bindTooltip(() => label(p.id));
        layer.on('click', (e) => { L.DomEvent.stopPropagation(e); onPlace(p.id); });
      } else {
        state.links[p.id] = f.geometry.coordinates.map((c) => [c[1], c[0]]);
      }
    },
  });
  if (!state.map._loaded) state.map.fitBounds(state.network.getBounds(), { padding: [10, 10] });
  state.network.addTo(state.map);
  // points above lines, zones (the places one clicks) above stations
  const points = [];
  state.network.eachLayer((l) => { if (l.feature.geometry.type === 'Point') points.push(l); });
  points.sort((a, b) => (a.feature.properties.kind === 'zone') - (b.feature.properties.kind === 'zone'));
  points.forEach((l) => {
    l.bringToFront();
    const el = l.getElement();
    if (el) el.setAttribute('data-node', l.feature.properties.id);
  });
}

function nearestNode(latlng) {
  let best = null, bestD = Infinity;
  for (const n of state.nodes) {
    const d = state.map.distance(latlng, n.latlng);
    if (d < bestD) { bestD = d; best = n.id; }
  }
  return best;
}

function mode() { return document.querySelector('input[name=mode]:checked').value; }

function onPlace(id) {
  if (!id) return;
  if (mode() === 'route') {
    if (state.routeFrom === null) {
      state.routeFrom = id;
      document.getElementById('route-body').innerHTML =
        `<p>${esc(t('origin'))}: <b>${esc(label(id))}</b> — ${esc(t('click_destination'))}</p>`;
    } else {
      const from = state.routeFrom;
      state.routeFrom = null;
      route(from, id);
    }
  } else {
    isochrone(id);
  }
}

async function route(from, to) {
  document.body.dataset.route = from + ' ' + to;
  status(t('loading'));
  try {
    const r = await getJSON('/route', { from, to, scenario: scenario(),
                                        profile: document.getElementById('profile').value });
    status('');
    drawRoute(r);
  } catch (e) { status(t('error') + ': ' + e.message); }
}

function drawRoute(r) {
  if (state.routeLayer) state.map.removeLayer(state.routeLayer);
  state.routeLayer = L.layerGroup().addTo(state.map);
  const rows = [];
  for (const leg of r.legs) {
    const coords = [];
    for (const id of (leg.links || [])) if (state.links[id]) coords.push(state.links[id]);
    if (coords.length)
      L.polyline(coords, { color: '#e0115f', weight: 6, opacity: 0.8, className: 'route-line' })
        .addTo(state.routeLayer);
    const name = leg.line || leg.trip || leg.kind || leg.mode || '';
    rows.push(`<tr class="leg"><td>${esc(name)}</td><td>${esc(t(leg.mode) || leg.mode || leg.kind)}</td>
      <td>${esc(label(leg.from))} → ${esc(label(leg.to))}</td>
      <td class="num">${leg.km ?? ''}</td><td class="num">${leg.min ?? ''}</td></tr>`);
  }
  document.getElementById('route-body').innerHTML =
    `<p><b>${esc(label(r.from))}</b> → <b>${esc(label(r.to))}</b></p>
     <table id="route-legs"><tr><th>${t('line')}</th><th>${t('mode')}</th><th></th>
     <th>${t('km')}</th><th>${t('min')}</th></tr>${rows.join('')}
     <tr><th colspan="3">${t('total')}</th><th class="num">${r.total_km ?? ''}</th>
     <th class="num">${r.total_min}</th></tr></table>`;
}

async function isochrone(id) {
  document.body.dataset.isochrone = id;
  const minutes = Number(document.getElementById('minutes').value) || 60;
  const profile = document.getElementById('profile').value;
  const cmp = document.getElementById('compare').value;
  // transit follows the timetable from the departure time (HH:MM) given,
  // without one from the server's default, 08:00 (docs/http.md)
  const depart = document.getElementById('depart').value;
  const query = (scen) => Object.assign({ from: id, minutes, profile, scenario: scen },
    profile === 'transit' && depart ? { depart: depart.slice(0, 5) } : {});
  status(t('loading'));
  try {
    const runs = [getJSON('/isochrone', query(scenario()))];
    if (cmp) runs.push(getJSON('/isochrone', query(cmp)));
    const res = await Promise.all(runs);
    status('');
    for (const l of state.isoLayers) state.map.removeLayer(l);
    state.isoLayers = res.map((gj, k) => drawIso(gj, minutes, k === 1));
    const counts = res.map((gj, k) => `${esc(k ? cmp : scenario())}: ${
      gj.features.filter((f) => f.geometry.type === 'Point').length} ${t('reached')}`);
    document.getElementById('iso-body').innerHTML =
      `<p><b>${esc(label(id))}</b>, ${minutes} ${t('min')}, ${esc(t(profile))}</p><p>${counts.join('<br>')}</p>`;
    document.getElementById('iso-legend').innerHTML = BAND_COLOURS.map((c, b) =>
      `<span><span class="legend-swatch" style="background:${c}"></span>≤ ${
        Math.round(minutes * (b + 1) / 4)} ${t('min')}</span>`).join(' ');
  } catch (e) { status(t('error') + ': ' + e.message); }
}

function band(m, minutes) { return Math.min(3, Math.floor(4 * m / minutes - 1e-9)); }

function drawIso(gj, minutes, hollow) {
  return L.geoJSON(gj, {
    style: (f) => ({ color: BAND_COLOURS[band(f.properties.to_minutes ?? 0, minutes)],
                     weight: hollow ? 2 : 5, opacity: 0.8, dashArray: hollow ? '4 4' : null,
                     className: 'iso-band' }),
    pointToLayer: (f, latlng) => L.circleMarker(latlng, {
      radius: hollow ? 10 : 7, weight: 2, color: BAND_COLOURS[band(f.properties.minutes, minutes)],
      fill: !hollow, fillOpacity: 0.6, className: 'iso-band',
    }),
    onEachFeature: (f, layer) => {
      if (f.geometry.type === 'Point')
        layer.bindTooltip(() => `${label(f.properties.id)}: ${f.properties.minutes} ${t('min')}`);
    },
  }).addTo(state.map);
}

function fillRegions() {
  const s = state.scenarios;
  if (!s) return;
  for (const [sel, k] of [['corr-from', 0], ['corr-to', 1]]) {
    const el = document.getElementById(sel);
    const keep = el.value;
    el.innerHTML = s.regions.map((r) => `<option value="${esc(r.id)}">${
      esc(state.lang === 'en' ? (r.name_en || r.name) : r.name)}</option>`).join('');
    el.value = keep || (s.regions[k] || s.regions[0] || {}).id || '';
  }
}

async function corridors() {
  const from = document.getElementById('corr-from').value;
  const to = document.getElementById('corr-to').value;
  status(t('loading'));
  try {
    const [c, k] = await Promise.all([
      getJSON('/corridors', { from, to, scenario: scenario() }),
      getJSON('/criticality', { from, to, scenario: scenario(), top: 5 })]);
    status('');
    if (state.critLayer) state.map.removeLayer(state.critLayer);
    state.critLayer = L.layerGroup().addTo(state.map);
    const rows = k.ranked.map((r) => {
      if (state.links[r.link])
        L.polyline(state.links[r.link], { color: '#000', weight: 7, opacity: 0.6,
                                          className: 'critical-link' }).addTo(state.critLayer);
      return `<tr><td>${esc(r.link || r.line)}</td><td class="num">${r.max_increase_min}</td></tr>`;
    });
    document.getElementById('corr-body').innerHTML =
      `<table><tr><td>${t('lines')}</td><td class="num">${c.line_count}</td></tr>
       <tr><td>${t('link_disjoint')}</td><td class="num">${c.link_disjoint.count}</td></tr>
       <tr><td>${t('node_disjoint')}</td><td class="num">${c.node_disjoint.count}</td></tr>
       <tr><td>${t('least_time')}</td><td class="num">${c.least_time.count}</td></tr></table>
       <p>${t('critical')}</p><table><tr><th>${t('link')}</th><th>${t('increase')} (${t('min')})</th></tr>
       ${rows.join('')}</table>`;
  } catch (e) { status(t('error') + ': ' + e.message); }
}

async function report() {
  status(t('loading'));
  try {
    const draws = document.getElementById('report-draws').value;
    const params = { scenario: scenario() };
    if (draws !== '0') { params.uncertainty = draws; params.seed = '1'; }
    state.report = await getJSON('/report', params);
    status('');
    drawReport(state.report);
  } catch (e) { status(t('error') + ': ' + e.message); }
}

function confidenceText(ev) {
  const c = ev && ev.inputs && ev.inputs.confidence;
  if (!c) return '';
  const parts = Object.entries(c).filter(([, n]) => n > 0).map(([k, n]) => `${k} ${n}`);
  return parts.join(', ') + (ev.calibrated ? ' (calibrated)' : '');
}

// The spread of an indicator over the uncertainty draws (the report's
// evidence carries p05, p95 and pass_probability when draws were made).
function spreadCells(ev) {
  if (!ev || typeof ev.p05 !== 'number') return '<td>—</td><td>—</td>';
  const p = typeof ev.pass_probability === 'number'
    ? `${Math.round(ev.pass_probability * 100)} %${ev.indeterminate ? ` <small class="indeterminate">${t('indeterminate')}</small>` : ''}`
    : '—';
  return `<td class="num spread">${ev.p05}–${ev.p95}</td><td class="num">${p}</td>`;
}

function drawReport(rep) {
  const years = Object.keys(rep.scenarios);
  const last = rep.scenarios[years[years.length - 1]];
  const drawn = !!rep.uncertainty;
  const rows = Object.entries(rep.targets || {}).map(([key, tg]) => {
    const vals = years.map((y) => {
      const v = rep.scenarios[y].indicators[key];
      return `<td class="num">${typeof v === 'number' ? v : (v === null || v === undefined ? '—' : '…')}</td>`;
    });
    const ok = last.pass ? last.pass[key] : null;
    const mark = ok === true ? '<span class="pass">✓</span>' : ok === false ? '<span class="fail">✗</span>' : '—';
    const ev = last.evidence && last.evidence[key];
    return `<tr class="indicator"><td>${esc(tg.name || key)}<br><small>${esc(key)}</small></td>${vals.join('')}
      <td class="num">${tg.target_2025 ?? '—'} ${esc(tg.unit || '')}</td><td>${mark}</td>
      ${drawn ? spreadCells(ev) : ''}
      <td><small>${esc(confidenceText(ev))}</small></td></tr>`;
  });
  const spreadHead = drawn
    ? `<th>${esc(years[years.length - 1])} ${t('spread')} (${rep.uncertainty.draws})</th><th>${t('pass_probability')}</th>`
    : '';
  document.getElementById('report-body').innerHTML =
    `<table id="report-table"><tr><th>${t('indicator')}</th>${years.map((y) => `<th>${esc(y)}</th>`).join('')}
     <th>${t('target')}</th><th>${t('pass')}</th>${spreadHead}<th>${t('confidence')}</th></tr>${rows.join('')}</table>`;
}

async function init() {
  state.map = L.map('map', { preferCanvas: false, zoomSnap: 0.25 });
  state.map.on('click', (e) => onPlace(nearestNode(e.latlng)));
  state.scenarios = await getJSON('/scenarios');
  const sel = document.getElementById('scenario');
  const cmp = document.getElementById('compare');
  for (const s of state.scenarios.scenarios) {
    sel.add(new Option(s.name, s.name));
    cmp.add(new Option(s.name, s.name));
  }
  sel.value = state.scenarios.default;
  sel.addEventListener('change', () => { state.report = null; loadNetwork(); });
  document.getElementById('lang').addEventListener('click', () => {
    state.lang = state.lang === 'zh' ? 'en' : 'zh';
    applyLang();
  });
  document.getElementById('corr-go').addEventListener('click', corridors);
  document.getElementById('report-go').addEventListener('click', report);
  applyLang();
  await loadNetwork();
  document.body.dataset.ready = 'true';
}

window.addEventListener('DOMContentLoaded', () => {
  if (typeof L === 'undefined') { status('Leaflet is not available'); return; }
  init().catch((e) => status(t('error') + ': ' + e.message));
});
