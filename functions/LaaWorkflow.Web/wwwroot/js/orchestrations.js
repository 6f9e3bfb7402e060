// Orchestration instances through the Durable Functions compatible management API.
import { api, el, clear, say, formatTime, badge, startPage, autoRefresh, pick, ask } from './app.js';

const root = '/runtime/webhooks/durabletask/instances';
const form = document.getElementById('filters');
const rows = document.getElementById('rows');
const more = document.getElementById('more');
const detail = document.getElementById('detail');
let selected = new URLSearchParams(location.search).get('id');
let continuation = null;
let extraPages = 0;

function listQuery() {
  const filter = new FormData(form);
  const query = new URLSearchParams({ top: '50' });
  for (const name of ['runtimeStatus', 'instanceIdPrefix']) if (filter.get(name)) query.set(name, String(filter.get(name)));
  for (const name of ['createdTimeFrom', 'createdTimeTo']) {
    if (filter.get(name)) query.set(name, new Date(`${filter.get(name)}Z`).toISOString());
  }
  return query;
}

async function fetchPage(token) {
  const headers = token ? { 'x-ms-continuation-token': token } : {};
  const response = await api(`${root}?${listQuery()}`, { headers, raw: true });
  if (!response.ok) throw new Error(`The management API answered ${response.status}.`);
  return { items: await response.json(), next: response.headers.get('x-ms-continuation-token') };
}

function row(instance) {
  const instanceId = pick(instance, 'instanceId', 'id');
  const link = el('a', { href: `?id=${encodeURIComponent(instanceId)}`, text: instanceId });
  link.addEventListener('click', event => { event.preventDefault(); select(instanceId); });
  return el('tr', { 'aria-selected': instanceId === selected ? 'true' : 'false' },
    el('th', { scope: 'row' }, link),
    el('td', { text: pick(instance, 'name') || '' }),
    el('td', {}, badge(pick(instance, 'runtimeStatus'))),
    el('td', { text: formatTime(pick(instance, 'createdTime')) }),
    el('td', { text: formatTime(pick(instance, 'lastUpdatedTime')) }));
}

async function loadList() {
  try {
    // Refreshing keeps the pages already loaded with "Load more".
    let page = await fetchPage(null);
    const items = [...page.items];
    for (let i = 0; i < extraPages && page.next; i++) { page = await fetchPage(page.next); items.push(...page.items); }
    continuation = page.next;
    clear(rows).append(...items.map(row));
    if (items.length === 0) rows.append(el('tr', {}, el('td', { colspan: 5, text: 'No instances match.' })));
    more.hidden = !continuation;
    document.getElementById('list-caption').textContent = `${items.length} instances${continuation ? ' (more available)' : ''}`;
  } catch (error) {
    say(error.message, true);
  }
}

function json(value) {
  if (value === undefined || value === null) return '—';
  if (typeof value === 'string') { try { return JSON.stringify(JSON.parse(value), null, 2); } catch { return value; } }
  return JSON.stringify(value, null, 2);
}

async function loadDetail() {
  if (!selected) { detail.hidden = true; return; }
  try {
    const response = await api(`${root}/${encodeURIComponent(selected)}?showHistory=true&showHistoryOutput=true&showInput=true`, { raw: true });
    if (response.status === 404) { say(`Instance ${selected} was not found.`, true); detail.hidden = true; return; }
    const instance = await response.json();
    detail.hidden = false;
    document.getElementById('detail-h').textContent = `Instance ${selected}`;
    const facts = clear(document.getElementById('detail-facts'));
    const add = (term, value) => facts.append(el('dt', { text: term }), el('dd', {}, value ?? '—'));
    add('Name', pick(instance, 'name'));
    add('Status', badge(pick(instance, 'runtimeStatus')));
    add('Created', formatTime(pick(instance, 'createdTime')));
    add('Last updated', formatTime(pick(instance, 'lastUpdatedTime')));
    document.getElementById('d-custom').textContent = json(pick(instance, 'customStatus'));
    document.getElementById('d-input').textContent = json(pick(instance, 'input'));
    document.getElementById('d-output').textContent = json(pick(instance, 'output'));
    const history = clear(document.getElementById('d-history'));
    for (const event of pick(instance, 'historyEvents') || []) {
      const rest = { ...event };
      for (const k of ['EventType', 'Timestamp', 'FunctionName', 'Name']) delete rest[k];
      history.append(el('tr', {},
        el('td', { text: formatTime(pick(event, 'Timestamp', 'timestamp')) }),
        el('td', { text: pick(event, 'EventType', 'eventType') || '' }),
        el('td', { text: pick(event, 'FunctionName', 'Name', 'name') || '' }),
        el('td', {}, el('code', { text: Object.keys(rest).length ? JSON.stringify(rest) : '' }))));
    }
  } catch (error) {
    say(error.message, true);
  }
}

function select(instanceId) {
  selected = instanceId;
  history.replaceState(null, '', `?id=${encodeURIComponent(instanceId)}`);
  loadDetail().then(() => document.getElementById('detail-h').focus?.());
}

async function operate(op) {
  const instance = `${root}/${encodeURIComponent(selected)}`;
  try {
    if (op === 'purge') {
      if (!(await ask(`Purge ${selected}? Its history is deleted.`, []))) return;
      await api(instance, { method: 'DELETE' });
      say(`Purged ${selected}.`);
      selected = null; detail.hidden = true;
    } else if (op === 'raiseEvent') {
      const values = await ask('Raise an event', [
        { name: 'name', label: 'Event name', required: true },
        { name: 'data', label: 'Event data (JSON)', type: 'textarea', value: '{}' },
      ]);
      if (!values) return;
      await api(`${instance}/raiseEvent/${encodeURIComponent(values.name)}`, { method: 'POST', body: values.data || 'null' });
      say(`Raised ${values.name} on ${selected}.`);
    } else {
      const values = await ask(`${op[0].toUpperCase()}${op.slice(1)} ${selected}`, [{ name: 'reason', label: 'Reason' }]);
      if (!values) return;
      await api(`${instance}/${op}?reason=${encodeURIComponent(values.reason || '')}`, { method: 'POST' });
      say(`${op} sent to ${selected}.`);
    }
    await Promise.all([loadList(), loadDetail()]);
  } catch (error) {
    say(`${op} failed. ${error.message}`, true);
  }
}

for (const button of detail.querySelectorAll('button[data-op]')) button.addEventListener('click', () => operate(button.dataset.op));
form.addEventListener('submit', event => { event.preventDefault(); extraPages = 0; loadList(); });
more.addEventListener('click', () => { extraPages++; loadList(); });
document.getElementById('detail-h').setAttribute('tabindex', '-1');
startPage();
autoRefresh(async () => { await loadList(); await loadDetail(); }, 4000);
