// Orchestration instances through the Durable Functions compatible management API, in the manner of Durable Functions
// Monitor: a filterable list with totals and a histogram, and one instance's history with the actions that apply.
import { api, adminKey, showSignIn, el, clear, formatTime, badge, pick, ask } from './app.js';

const root = '/runtime/webhooks/durabletask/instances';
/** The management API's largest page; the list follows continuation tokens up to `cap` instances. */
const pageSize = 100;
const cap = 2000;
const shownStep = 50;
/** Partner consultations are sub-orchestrations whose ids name their agreement: `{negotiationId}:partner:{partnerId}:{round}`. */
const partnerMarker = ':partner:';
const agreementOrchestrator = 'AgreementOrchestrator';
const finished = ['Completed', 'Failed', 'Terminated'];

const form = document.getElementById('filters');
const rows = document.getElementById('rows');
const more = document.getElementById('more');
const detail = document.getElementById('detail');
const statusLine = document.getElementById('status');
let selected = new URLSearchParams(location.search).get('id');
let loaded = { items: [], truncated: false };
let shown = shownStep;
let currentHistory = [];
/** The selected instance's sub-orchestrations, as its history and the loaded list show them. */
let currentChildren = [];
let currentInstance = null;

/** Announces the outcome of something the user did; refreshes never write here, so nothing is re-announced. */
function say(message, isError = false) {
  statusLine.textContent = message;
  statusLine.classList.toggle('error', isError);
}

function parentOf(instanceId) {
  const at = instanceId.indexOf(partnerMarker);
  return at > 0 ? instanceId.slice(0, at) : null;
}

/** The negotiation an instance belongs to: the agreement's own id, or its parent's for a consultation. */
function negotiationOf(instance) {
  const id = pick(instance, 'instanceId', 'id') || '';
  const parent = parentOf(id);
  if (parent) return parent;
  return pick(instance, 'name') === agreementOrchestrator ? id : null;
}

function formatDuration(ms) {
  if (!Number.isFinite(ms) || ms < 0) return '';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const seconds = ms / 1000;
  if (seconds < 60) return `${seconds.toFixed(seconds < 10 ? 1 : 0)} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${Math.round(seconds % 60)} s`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h ${minutes % 60} min`;
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}

function durationOf(instance) {
  const created = Date.parse(pick(instance, 'createdTime'));
  const status = pick(instance, 'runtimeStatus');
  const end = finished.includes(status) ? Date.parse(pick(instance, 'lastUpdatedTime')) : Date.now();
  const text = formatDuration(end - created);
  return text && !finished.includes(status) ? `${text} so far` : text;
}

function serverQuery() {
  const filter = new FormData(form);
  const query = new URLSearchParams({ top: String(pageSize) });
  for (const name of ['runtimeStatus', 'instanceIdPrefix']) if (filter.get(name)) query.set(name, String(filter.get(name)).trim());
  for (const name of ['createdTimeFrom', 'createdTimeTo']) {
    if (filter.get(name)) query.set(name, new Date(`${filter.get(name)}Z`).toISOString());
  }
  return query;
}

/** Every instance the server-side filters match, up to the cap, following continuation tokens. */
async function fetchAll() {
  const query = serverQuery();
  const items = [];
  let token = null;
  do {
    const headers = token ? { 'x-ms-continuation-token': token } : {};
    const response = await api(`${root}?${query}`, { headers, raw: true });
    if (!response.ok) throw new Error(`The management API answered ${response.status}.`);
    items.push(...await response.json());
    token = response.headers.get('x-ms-continuation-token');
  } while (token && items.length < cap);
  return { items, truncated: Boolean(token) };
}

/** The filters the management API does not have: the orchestrator's name and whether sub-orchestrations show. */
function visible(instances) {
  const filter = new FormData(form);
  const name = String(filter.get('name') || '');
  const children = filter.get('children') === 'on';
  return instances.filter(i => (!name || pick(i, 'name') === name) && (children || !parentOf(pick(i, 'instanceId', 'id') || '')));
}

function renderTotals(instances, truncated) {
  const counts = new Map();
  for (const instance of instances) counts.set(pick(instance, 'runtimeStatus'), (counts.get(pick(instance, 'runtimeStatus')) || 0) + 1);
  const totals = clear(document.getElementById('totals'));
  totals.append(el('li', { class: 'total' }, el('strong', { text: `${instances.length}${truncated ? '+' : ''}` }), 'instances shown'));
  for (const status of ['Running', 'Pending', 'Suspended', 'Completed', 'Failed', 'Terminated']) {
    totals.append(el('li', { class: `s-${status.toLowerCase()}` }, el('strong', { text: String(counts.get(status) || 0) }), status));
  }
}

const steps = [
  ['10 seconds', 10e3], ['minute', 60e3], ['5 minutes', 300e3], ['15 minutes', 900e3], ['hour', 3600e3], ['6 hours', 21600e3],
  ['day', 86400e3], ['week', 604800e3], ['30 days', 2592000e3],
];
const fewestBars = 12;
const mostBars = 48;

/**
 * Instances created per interval, between the filter's dates when given, else from the first instance until now; at
 * least a dozen intervals, so a burst reads as a burst rather than one bar filling the chart.
 */
function buckets(instances) {
  const filter = new FormData(form);
  const times = instances.map(i => Date.parse(pick(i, 'createdTime'))).filter(Number.isFinite);
  if (times.length === 0) return null;
  const from = filter.get('createdTimeFrom') ? Date.parse(`${filter.get('createdTimeFrom')}Z`) : Math.min(...times);
  const to = filter.get('createdTimeTo') ? Date.parse(`${filter.get('createdTimeTo')}Z`) : Math.max(Date.now(), ...times);
  const [unit, size] = steps.find(([, ms]) => (to - from) / ms <= mostBars) || steps.at(-1);
  const end = Math.floor(to / size) * size;
  const count = Math.min(mostBars * 2, Math.max(fewestBars, Math.floor((end - Math.floor(from / size) * size) / size) + 1));
  const start = end - (count - 1) * size;
  const values = Array.from({ length: count }, (_, i) => ({ at: start + i * size, count: 0 }));
  for (const time of times) {
    const index = Math.floor((time - start) / size);
    if (index >= 0 && index < count) values[index].count++;
  }
  return { unit, values };
}

const svgNs = 'http://www.w3.org/2000/svg';
function svg(tag, attrs = {}, ...children) {
  const node = document.createElementNS(svgNs, tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, String(value));
  node.append(...children);
  return node;
}

/** Bars in SVG, scaled to the width; the axis labels are HTML so they stay legible at any width. */
function renderHistogram(instances) {
  const chart = clear(document.getElementById('histogram-chart'));
  const body = clear(document.querySelector('#histogram-table tbody'));
  const summary = document.getElementById('histogram-summary');
  const data = buckets(instances);
  if (!data) {
    summary.textContent = 'No instances to chart.';
    return;
  }
  const peak = data.values.reduce((best, v) => (v.count > best.count ? v : best), data.values[0]);
  summary.textContent = `${instances.length} instances, counted per ${data.unit} from ${formatTime(data.values[0].at)}; `
    + `the busiest ${data.unit}, from ${formatTime(peak.at)}, had ${peak.count}.`;
  const width = 1000;
  const height = 160;
  const top = Math.max(1, peak.count);
  const slot = width / data.values.length;
  const plot = svg('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-labelledby': 'histogram-h histogram-summary', preserveAspectRatio: 'none' });
  for (const fraction of [0.5, 1]) plot.append(svg('line', { x1: 0, x2: width, y1: height * (1 - fraction) + 1, y2: height * (1 - fraction) + 1, class: 'grid' }));
  data.values.forEach((value, i) => {
    const barHeight = ((height - 2) * value.count) / top;
    const barWidth = Math.min(slot * 0.8, 60);
    const bar = svg('rect', { x: i * slot + (slot - barWidth) / 2, y: height - barHeight, width: barWidth, height: barHeight, class: 'bar' });
    bar.append(svg('title', {}, `${formatTime(value.at)}: ${value.count}`));
    plot.append(bar);
    body.append(el('tr', {}, el('td', { text: formatTime(value.at) }), el('td', { text: String(value.count) })));
  });
  chart.append(
    el('div', { class: 'axis-y', 'aria-hidden': 'true' }, el('span', { text: String(top) }), el('span', { text: String(Math.round(top / 2)) }), el('span', { text: '0' })),
    el('div', { class: 'plot' }, plot),
    el('div', { class: 'axis-x', 'aria-hidden': 'true' }, el('span', { text: formatTime(data.values[0].at) }), el('span', { text: formatTime(data.values.at(-1).at) })));
}

function instanceLink(instanceId, text = instanceId) {
  const link = el('a', { href: `?id=${encodeURIComponent(instanceId)}`, text, class: 'id' });
  link.addEventListener('click', event => { event.preventDefault(); select(instanceId, true); });
  return link;
}

function row(instance, childCounts) {
  const instanceId = pick(instance, 'instanceId', 'id');
  const parent = parentOf(instanceId);
  const notes = [];
  if (parent) notes.push(el('span', { class: 'muted' }, 'Consultation in ', instanceLink(parent)));
  if (childCounts.get(instanceId)) notes.push(el('span', { class: 'muted', text: `${childCounts.get(instanceId)} partner consultations` }));
  return el('tr', { 'aria-current': instanceId === selected ? 'true' : null, 'data-instance': instanceId },
    el('th', { scope: 'row', 'data-label': 'Instance' }, instanceLink(instanceId), ...notes.map(n => el('div', {}, n))),
    el('td', { 'data-label': 'Orchestrator', text: pick(instance, 'name') || '' }),
    el('td', { 'data-label': 'Status' }, badge(pick(instance, 'runtimeStatus'))),
    el('td', { 'data-label': 'Created', text: formatTime(pick(instance, 'createdTime')) }),
    el('td', { 'data-label': 'Duration', text: durationOf(instance) }));
}

function renderList() {
  const all = visible(loaded.items);
  const childCounts = new Map();
  for (const instance of loaded.items) {
    const parent = parentOf(pick(instance, 'instanceId', 'id') || '');
    if (parent) childCounts.set(parent, (childCounts.get(parent) || 0) + 1);
  }
  const names = new Set(loaded.items.map(i => pick(i, 'name')).filter(Boolean));
  const nameSelect = document.getElementById('f-name');
  for (const name of names) if (![...nameSelect.options].some(o => o.value === name)) nameSelect.append(el('option', { text: name }));
  all.sort((a, b) => Date.parse(pick(b, 'createdTime')) - Date.parse(pick(a, 'createdTime')));
  clear(rows).append(...all.slice(0, shown).map(i => row(i, childCounts)));
  if (all.length === 0) rows.append(el('tr', {}, el('td', { colspan: 5, text: 'No instances match these filters.' })));
  more.hidden = all.length <= shown;
  document.getElementById('list-caption').textContent = `Orchestration instances: ${Math.min(shown, all.length)} of ${all.length} shown, newest first`;
  renderTotals(all, loaded.truncated);
  renderHistogram(all);
  return all.length;
}

/** Counts loads, so an answer to an older query never replaces the newer one's. */
let generation = 0;

async function loadList(announce = false) {
  const mine = ++generation;
  try {
    const result = await fetchAll();
    if (mine !== generation) return;
    loaded = result;
    const count = renderList();
    if (announce) say(`${count} instances match${loaded.truncated ? ` (the first ${cap} loaded)` : ''}.`);
  } catch (error) {
    say(error.message, true);
  }
}

function json(value) {
  if (value === undefined || value === null) return '—';
  if (typeof value === 'string') { try { return JSON.stringify(JSON.parse(value), null, 2); } catch { return value; } }
  return JSON.stringify(value, null, 2);
}

/** What can be done to an instance in each runtime status, as the management API allows it. */
const operations = {
  Pending: ['raiseEvent', 'suspend', 'terminate'],
  Running: ['raiseEvent', 'suspend', 'terminate'],
  Suspended: ['resume', 'raiseEvent', 'terminate'],
  Completed: ['restart', 'purge'],
  Failed: ['rewind', 'restart', 'purge'],
  Terminated: ['restart', 'purge'],
};
const labels = {
  raiseEvent: 'Raise event', suspend: 'Suspend', resume: 'Resume', terminate: 'Terminate', rewind: 'Rewind', restart: 'Restart', purge: 'Purge',
};
const dangerous = new Set(['terminate', 'purge']);

function renderActions(instanceId, status) {
  const holder = clear(document.getElementById('detail-actions'));
  for (const op of operations[status] || []) {
    const button = el('button', { type: 'button', class: dangerous.has(op) ? 'danger' : 'secondary', 'data-op': op },
      labels[op], el('span', { class: 'sr-only', text: ` instance ${instanceId}` }));
    button.addEventListener('click', () => operate(op));
    holder.append(button);
  }
}

function renderLinks(instance, history) {
  const instanceId = pick(instance, 'instanceId', 'id');
  const holder = clear(document.getElementById('detail-links'));
  const list = el('ul', { class: 'links' });
  const negotiation = negotiationOf(instance);
  if (negotiation) list.append(el('li', {}, el('a', { href: `negotiation.html?id=${encodeURIComponent(negotiation)}`, text: `Negotiation page for ${negotiation}` })));
  const parent = parentOf(instanceId);
  if (parent) list.append(el('li', {}, 'Parent orchestration: ', instanceLink(parent)));
  const children = new Set();
  for (const event of history) {
    const type = pick(event, 'EventType');
    if (type && type.startsWith('SubOrchestrationInstance') && pick(event, 'InstanceId')) children.add(pick(event, 'InstanceId'));
  }
  for (const other of loaded.items || []) if (parentOf(pick(other, 'instanceId', 'id') || '') === instanceId) children.add(pick(other, 'instanceId', 'id'));
  currentChildren = [...children].sort();
  if (currentChildren.length > 0) {
    list.append(el('li', {}, `Sub-orchestrations (${currentChildren.length}):`,
      el('ul', { class: 'children' }, currentChildren.map(child => el('li', {}, instanceLink(child))))));
  }
  if (list.children.length) holder.append(el('h4', { text: 'Related' }), list);
}

const shownKeys = new Set(['EventType', 'Timestamp', 'FunctionName', 'Name', 'EventId', 'ScheduledTime', 'InstanceId']);

/** The rest of an event: short values inline, payloads folded away so a long result never widens the table. */
function eventDetail(event) {
  const parts = [];
  if (pick(event, 'InstanceId')) parts.push(el('div', {}, 'Instance ', instanceLink(pick(event, 'InstanceId'))));
  for (const [key, value] of Object.entries(event)) {
    if (shownKeys.has(key) || value === null || value === undefined) continue;
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    if (typeof value !== 'object' && text.length <= 60) {
      parts.push(el('div', {}, el('span', { class: 'muted', text: `${key}: ` }), key.endsWith('At') || key === 'FireAt' ? formatTime(value) : text));
    } else {
      parts.push(el('details', { class: 'payload' }, el('summary', { text: `${key} (${text.length.toLocaleString('en-GB')} characters)` }), el('pre', { class: 'json', text: json(value) })));
    }
  }
  return parts;
}

function tookOf(event) {
  const scheduled = Date.parse(pick(event, 'ScheduledTime'));
  const at = Date.parse(pick(event, 'Timestamp'));
  return Number.isFinite(scheduled) && Number.isFinite(at) ? formatDuration(at - scheduled) : '';
}

function renderHistory() {
  const type = document.getElementById('h-type').value;
  const events = currentHistory.filter(e => !type || pick(e, 'EventType') === type);
  const body = clear(document.getElementById('d-history'));
  for (const event of events) {
    body.append(el('tr', {},
      el('td', { 'data-label': 'Time', text: formatTime(pick(event, 'Timestamp')) }),
      el('td', { 'data-label': 'Event', text: pick(event, 'EventType') || '' }),
      el('td', { 'data-label': 'Name', text: pick(event, 'FunctionName', 'Name') || '' }),
      el('td', { 'data-label': 'Took', text: tookOf(event) }),
      el('td', { 'data-label': 'Detail', class: 'detail-cell' }, eventDetail(event))));
  }
  if (events.length === 0) body.append(el('tr', {}, el('td', { colspan: 5, text: 'No events of this type.' })));
  renderGantt(events);
}

/** Each activity, sub-orchestration and timer as a bar from when it was scheduled to when it finished. */
function renderGantt(events) {
  const holder = clear(document.getElementById('gantt'));
  const spans = [];
  for (const event of events) {
    const type = pick(event, 'EventType');
    const end = Date.parse(pick(event, 'Timestamp'));
    let start = Date.parse(pick(event, 'ScheduledTime'));
    let label = pick(event, 'FunctionName', 'Name') || type;
    if (type === 'TimerCreated' && pick(event, 'FireAt')) { start = end; label = `Timer to ${formatTime(pick(event, 'FireAt'))}`; }
    if (Number.isFinite(start) && Number.isFinite(end) && type !== 'TimerCreated') spans.push({ label, type, start, end });
  }
  if (spans.length === 0) { holder.append(el('p', { class: 'muted', text: 'No activities or sub-orchestrations among these events.' })); return; }
  const from = Math.min(...spans.map(s => s.start));
  const to = Math.max(...spans.map(s => s.end), from + 1);
  holder.append(el('p', { class: 'muted', text: `From ${formatTime(from)} to ${formatTime(to)} (${formatDuration(to - from)}).` }));
  const list = el('ol', { class: 'gantt-rows' });
  for (const span of spans) {
    const left = ((span.start - from) / (to - from)) * 100;
    const width = Math.max(0.5, ((span.end - span.start) / (to - from)) * 100);
    list.append(el('li', {},
      el('span', { class: 'g-label' }, span.label, el('span', { class: 'muted', text: ` ${formatDuration(span.end - span.start)}` })),
      el('span', { class: 'g-track', 'aria-hidden': 'true' },
        el('span', { class: `g-bar ${span.type.startsWith('SubOrchestration') ? 'sub' : ''}`, style: `left:${left.toFixed(2)}%;width:${Math.min(width, 100 - left).toFixed(2)}%` }))));
  }
  holder.append(list);
}

/** Shows the selected instance; one that has just been purged (`expectGone`) leaves quietly. */
async function loadDetail(expectGone = false) {
  if (!selected) { detail.hidden = true; return; }
  try {
    const response = await api(`${root}/${encodeURIComponent(selected)}?showHistory=true&showHistoryOutput=true&showInput=true`, { raw: true });
    if (response.status === 404) {
      if (!expectGone) say(`Instance ${selected} was not found.`, true);
      selected = null;
      detail.hidden = true;
      history.replaceState(null, '', location.pathname);
      return;
    }
    const instance = await response.json();
    currentInstance = instance;
    detail.hidden = false;
    const status = pick(instance, 'runtimeStatus');
    document.getElementById('detail-h').textContent = `Instance ${selected}`;
    const facts = clear(document.getElementById('detail-facts'));
    const add = (term, value) => facts.append(el('dt', { text: term }), el('dd', {}, value || '—'));
    add('Orchestrator', pick(instance, 'name'));
    add('Status', badge(status));
    add('Created', formatTime(pick(instance, 'createdTime')));
    add('Last updated', formatTime(pick(instance, 'lastUpdatedTime')));
    add('Duration', durationOf(instance));
    document.getElementById('d-custom').textContent = json(pick(instance, 'customStatus'));
    document.getElementById('d-input').textContent = json(pick(instance, 'input'));
    document.getElementById('d-output').textContent = json(pick(instance, 'output'));
    currentHistory = pick(instance, 'historyEvents') || [];
    const typeSelect = document.getElementById('h-type');
    const chosen = typeSelect.value;
    const types = [...new Set(currentHistory.map(e => pick(e, 'EventType')).filter(Boolean))].sort();
    clear(typeSelect).append(el('option', { value: '', text: `All events (${currentHistory.length})` }),
      ...types.map(t => el('option', { value: t, text: `${t} (${currentHistory.filter(e => pick(e, 'EventType') === t).length})` })));
    typeSelect.value = types.includes(chosen) ? chosen : '';
    renderActions(selected, status);
    renderLinks(instance, currentHistory);
    renderHistory();
    for (const tr of rows.querySelectorAll('tr[data-instance]')) tr.toggleAttribute('aria-current', tr.dataset.instance === selected);
  } catch (error) {
    say(error.message, true);
  }
}

function select(instanceId, focus = false) {
  selected = instanceId;
  history.replaceState(null, '', `?id=${encodeURIComponent(instanceId)}`);
  loadDetail().then(() => {
    if (!focus) return;
    const heading = document.getElementById('detail-h');
    heading.scrollIntoView({ block: 'start' });
    heading.focus({ preventScroll: true });
  });
}

async function operate(op) {
  const instance = `${root}/${encodeURIComponent(selected)}`;
  const label = labels[op];
  try {
    if (op === 'purge') {
      if (!(await ask(`Purge ${selected}? Its history is deleted for good.`, []))) return;
      await api(instance, { method: 'DELETE' });
      say(`Purged ${selected}.`);
      selected = null;
      detail.hidden = true;
      history.replaceState(null, '', location.pathname);
    } else if (op === 'raiseEvent') {
      const values = await ask(`Raise an event on ${selected}`, [
        { name: 'name', label: 'Event name', required: true },
        { name: 'data', label: 'Event data (JSON)', type: 'textarea', value: '{}' },
      ]);
      if (!values) return;
      await api(`${instance}/raiseEvent/${encodeURIComponent(values.name)}`, { method: 'POST', body: values.data || 'null' });
      say(`Raised ${values.name} on ${selected}.`);
    } else if (op === 'terminate') {
      const children = currentChildren;
      const also = children.length ? ` and its ${children.length} sub-orchestration(s)` : '';
      const values = await ask(`Terminate ${selected}${also}`, [{ name: 'reason', label: 'Reason (recorded with each instance)' }]);
      if (!values) return;
      const reason = encodeURIComponent(values.reason || '');
      await api(`${instance}/terminate?reason=${reason}`, { method: 'POST' });
      const ended = await terminateChildren(children, reason);
      say(`Terminate: sent to ${selected}${children.length ? ` and to ${ended} of its ${children.length} sub-orchestration(s) still running` : ''}.`);
    } else {
      const values = await ask(`${label} ${selected}`, [{ name: 'reason', label: 'Reason (recorded with the instance)' }]);
      if (!values) return;
      await api(`${instance}/${op}?reason=${encodeURIComponent(values.reason || '')}`, { method: 'POST' });
      say(`${label}: sent to ${selected}.`);
    }
    await Promise.all([loadList(), loadDetail()]);
  } catch (error) {
    say(`${label} failed. ${error.message}`, true);
  }
}

/**
 * Terminates an agreement's partner consultations with it. The Durable Functions extension's terminate route stops the
 * parent alone, and a consultation left running would go on reminding partners about an agreement that has ended. A
 * child that has already finished answers 410 and is not counted. Returns how many were terminated here.
 */
async function terminateChildren(children, reason) {
  let ended = 0;
  for (const child of children) {
    const response = await api(`${root}/${encodeURIComponent(child)}/terminate?reason=${reason}`, { method: 'POST', raw: true });
    if (response.status === 202) ended += 1;
    else if (response.status !== 410 && response.status !== 404) throw new Error(`Terminating ${child} answered ${response.status}.`);
  }
  return ended;
}

/** The bulk purge of the management API: finished instances by creation time and status, whatever their name. */
async function purgeMany() {
  const filter = new FormData(form);
  const chosen = String(filter.get('runtimeStatus') || '').split(',').filter(s => finished.includes(s));
  const statuses = chosen.length ? chosen : finished;
  const from = filter.get('createdTimeFrom') ? new Date(`${filter.get('createdTimeFrom')}Z`) : new Date(0);
  const to = filter.get('createdTimeTo') ? new Date(`${filter.get('createdTimeTo')}Z`) : null;
  const query = new URLSearchParams({ createdTimeFrom: from.toISOString(), runtimeStatus: statuses.join(',') });
  if (to) query.set('createdTimeTo', to.toISOString());
  try {
    const preview = new URLSearchParams(query);
    preview.set('top', String(pageSize));
    let count = 0;
    let token = null;
    do {
      const response = await api(`${root}?${preview}`, { headers: token ? { 'x-ms-continuation-token': token } : {}, raw: true });
      if (!response.ok) throw new Error(`The management API answered ${response.status}.`);
      count += (await response.json()).length;
      token = response.headers.get('x-ms-continuation-token');
    } while (token && count < cap * 5);
    if (count === 0) { say('No finished instance matches these filters: nothing to purge.'); return; }
    const range = `created ${filter.get('createdTimeFrom') ? `from ${formatTime(from)}` : 'at any time'}${to ? ` to ${formatTime(to)}` : ''}`;
    const question = `Purge ${count} ${statuses.join(', ').toLowerCase()} instances ${range}? `
      + 'Every orchestrator and every sub-orchestration in that range goes; their history is deleted for good.';
    if (!(await ask(question, []))) return;
    const result = await api(`${root}?${query}`, { method: 'DELETE', raw: true });
    let outcome = 'Nothing was purged: no finished instance matched by then.';
    if (result.ok) outcome = `Purged ${pick(await result.json(), 'instancesDeleted') ?? count} instances.`;
    else if (result.status !== 404) throw new Error(`The management API answered ${result.status}.`);
    await loadList();
    await loadDetail(true);
    say(outcome);
  } catch (error) {
    say(`The purge failed. ${error.message}`, true);
  }
}

let timer = null;
function setAutoRefresh(on) {
  clearInterval(timer);
  timer = on ? setInterval(() => { if (!document.hidden) { loadList(); loadDetail(); } }, 10_000) : null;
}

form.addEventListener('submit', event => { event.preventDefault(); shown = shownStep; loadList(true); });
form.addEventListener('reset', () => setTimeout(() => { shown = shownStep; loadList(true); }));
for (const id of ['f-name', 'f-children']) document.getElementById(id).addEventListener('change', () => { shown = shownStep; if (loaded.items) renderList(); });
document.getElementById('refresh').addEventListener('click', () => { loadList(true); loadDetail(); });
document.getElementById('f-auto').addEventListener('change', event => setAutoRefresh(event.target.checked));
document.getElementById('purge-many').addEventListener('click', purgeMany);
document.getElementById('h-type').addEventListener('change', renderHistory);
for (const radio of document.querySelectorAll('input[name="h-view"]')) {
  radio.addEventListener('change', () => {
    const gantt = document.getElementById('h-view-gantt').checked;
    document.getElementById('history').hidden = gantt;
    document.getElementById('gantt').hidden = !gantt;
  });
}
more.addEventListener('click', () => { shown += shownStep; renderList(); });

async function start() {
  await loadList();
  await loadDetail();
}
window.addEventListener('laa:signed-in', start);
if (adminKey()) start(); else showSignIn('Enter the admin key to see orchestrations.');
