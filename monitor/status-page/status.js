// The monitor's status page: state arrives over WebSocket /live (hello, then round and
// event messages); the page redraws from it. Plain DOM and SVG, no framework, no network
// beyond its own server. Stable ids and data attributes are for people and tests alike.
'use strict';

const windowMs = 5 * 60 * 1000;
const maxEvents = 100;
const palette = ['#2f6fde', '#d97706', '#7c3aed', '#0d9488', '#db2777', '#4b5563', '#65a30d', '#0891b2', '#b45309'];
const severities = {
  master_reelected: 'warning', no_master: 'critical', split_brain: 'critical', member_down: 'warning', member_up: 'info',
  lag_high: 'warning', lag_recovered: 'info', heartbeat_missed: 'warning', views_disagree: 'warning',
};
const svgNs = 'http://www.w3.org/2000/svg';

let snapshot = null;
let points = [];
let events = [];

function el(tag, attributes, text) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes || {})) node.setAttribute(key, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

function svg(tag, attributes, text) {
  const node = document.createElementNS(svgNs, tag);
  for (const [key, value] of Object.entries(attributes || {})) node.setAttribute(key, String(value));
  if (text !== undefined) node.textContent = text;
  return node;
}

function colourOf(instance) {
  const index = snapshot ? snapshot.members.findIndex((m) => m.instance === instance) : 0;
  return palette[Math.max(0, index) % palette.length];
}

function clock(at) {
  return new Date(at).toLocaleTimeString([], { hour12: false });
}

function renderHeader() {
  document.getElementById('cluster').textContent = snapshot.cluster || '';
  const master = document.getElementById('master');
  const text = snapshot.master || (snapshot.masters.length > 1 ? `split brain: ${snapshot.masters.join(', ')}` : 'none');
  master.textContent = text;
  master.dataset.master = snapshot.master || '';
  document.getElementById('epoch').textContent = snapshot.epoch === null ? '–' : String(snapshot.epoch);
  const views = document.getElementById('views');
  views.textContent = snapshot.viewsAgree ? 'agree' : 'disagree';
  views.dataset.agree = String(snapshot.viewsAgree);
  document.getElementById('updated').textContent = snapshot.at === null ? 'waiting for the first round' : clock(snapshot.at);
}

function renderMembers() {
  const body = document.querySelector('#members tbody');
  body.replaceChildren(
    ...snapshot.members.map((m) => {
      const row = el('tr', { 'data-member': m.instance, 'data-role': m.role, 'data-up': String(m.up), 'data-lag-high': String(m.lagHigh) });
      row.append(
        el('td', {}, m.instance),
        el('td', {}).appendChild(el('span', { class: 'badge', 'data-role': m.role }, m.role)).parentNode,
        el('td', {}, m.up ? 'yes' : 'no'),
        el('td', { class: 'num' }, m.lastCommittedTxId === null ? '–' : String(m.lastCommittedTxId)),
        el('td', { class: 'num lag', 'data-lag-tx': m.lagTx === null ? '' : String(m.lagTx) }, m.lagTx === null ? '–' : String(m.lagTx)),
        el('td', { class: 'num lag' }, m.lagSeconds === null ? '–' : `${m.lagSecondsLowerBound ? '≥ ' : ''}${m.lagSeconds.toFixed(1)}`),
        el('td', { class: 'muted' }, m.error || ''),
      );
      return row;
    }),
  );
}

// Lag per slave: one polyline per member that was a slave in the window, over the last 5 minutes.
function renderChart() {
  const chart = document.getElementById('lag-chart');
  const width = 600, height = 220, left = 44, bottom = 20, top = 8;
  const now = snapshot.at || Date.now();
  const from = now - windowMs;
  const series = new Map();
  for (const point of points) {
    for (const m of point.members) {
      if (m.role !== 'slave' || m.lagTx === null) continue;
      if (!series.has(m.instance)) series.set(m.instance, []);
      series.get(m.instance).push([point.at, m.lagTx]);
    }
  }
  let max = 10;
  for (const values of series.values()) for (const [, lag] of values) max = Math.max(max, lag);
  const x = (at) => left + ((at - from) / windowMs) * (width - left - 4);
  const y = (lag) => top + (1 - lag / max) * (height - top - bottom);
  const nodes = [];
  for (const fraction of [0, 0.5, 1]) {
    const lag = Math.round(max * fraction);
    nodes.push(svg('line', { class: 'grid', x1: left, x2: width, y1: y(lag), y2: y(lag) }));
    nodes.push(svg('text', { x: left - 6, y: y(lag) + 4, 'text-anchor': 'end' }, String(lag)));
  }
  for (const minutesAgo of [5, 4, 3, 2, 1, 0]) {
    const anchor = minutesAgo === 0 ? 'end' : minutesAgo === 5 ? 'start' : 'middle';
    nodes.push(svg('text', { x: x(now - minutesAgo * 60000), y: height - 4, 'text-anchor': anchor }, minutesAgo === 0 ? 'now' : `-${minutesAgo}m`));
  }
  for (const [instance, values] of series) {
    const coordinates = values.map(([at, lag]) => `${x(at).toFixed(1)},${y(lag).toFixed(1)}`).join(' ');
    nodes.push(svg('polyline', { 'data-member': instance, stroke: colourOf(instance), points: coordinates }));
  }
  chart.replaceChildren(...nodes);
  const legend = document.getElementById('lag-legend');
  legend.replaceChildren(
    ...[...series.keys()].map((instance) => {
      const item = el('span', { 'data-member': instance });
      item.append(el('span', { class: 'swatch', style: `background:${colourOf(instance)}` }), document.createTextNode(instance));
      return item;
    }),
  );
  chart.dataset.series = String(series.size);
}

// Roles: one row per member, a coloured span per run of rounds in the same role.
function renderTimeline() {
  const now = snapshot.at || Date.now();
  const from = now - windowMs;
  const percent = (at) => `${(Math.max(0, at - from) / windowMs) * 100}%`;
  const rows = snapshot.members.map((member) => {
    const track = el('div', { class: 'track' });
    let start = null, role = null, last = null;
    const close = (end) => {
      if (role === null) return;
      const span = el('span', { class: 'span', 'data-role': role, title: `${role} from ${clock(start)} to ${clock(end)}` });
      span.style.left = percent(start);
      span.style.width = `calc(${percent(end)} - ${percent(start)})`;
      track.append(span);
    };
    for (const point of points) {
      const m = point.members.find((candidate) => candidate.instance === member.instance);
      if (!m) continue;
      if (m.role !== role) {
        close(point.at);
        start = point.at;
        role = m.role;
      }
      last = point.at;
    }
    if (last !== null) close(now);
    const row = el('div', { class: 'row', 'data-member': member.instance });
    row.append(el('span', { class: 'name' }, member.instance), track);
    return row;
  });
  document.getElementById('timeline').replaceChildren(...rows);
}

function renderEvents() {
  const list = document.getElementById('events');
  list.replaceChildren(
    ...events
      .slice()
      .reverse()
      .map((event) => {
        const item = el('li', { 'data-event': event.event, 'data-severity': severities[event.event] || 'info' });
        if (event.instance) item.dataset.instance = event.instance;
        item.append(el('time', { datetime: new Date(event.at).toISOString() }, clock(event.at)), el('span', { class: 'name' }, event.event), el('span', {}, event.message));
        return item;
      }),
  );
}

function render() {
  if (snapshot === null) return;
  renderHeader();
  renderMembers();
  renderChart();
  renderTimeline();
  renderEvents();
}

function receive(message) {
  if (message.type === 'hello') {
    snapshot = message.snapshot;
    points = message.history.slice();
    events = snapshot.lastEvents.slice(-maxEvents);
  } else if (message.type === 'round') {
    snapshot = message.snapshot;
    points.push(message.point);
    const oldest = message.point.at - windowMs;
    while (points.length > 0 && points[0].at < oldest) points.shift();
  } else if (message.type === 'event') {
    events.push(message.event);
    if (events.length > maxEvents) events.shift();
  }
  render();
}

let retryMs = 500;

function connect() {
  const status = document.getElementById('connection');
  const socket = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/live`);
  socket.onopen = () => {
    retryMs = 500;
    status.textContent = 'live';
    status.dataset.state = 'live';
  };
  socket.onmessage = (message) => receive(JSON.parse(message.data));
  socket.onclose = () => {
    status.textContent = `reconnecting in ${Math.round(retryMs / 1000)} s`;
    status.dataset.state = 'reconnecting';
    setTimeout(connect, retryMs);
    retryMs = Math.min(retryMs * 2, 10000);
  };
}

connect();
