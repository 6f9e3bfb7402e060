// The negotiations list: counts per phase, filters, nearest deadlines first.
import { api, el, clear, say, formatTime, badge, startPage, autoRefresh, pick } from './app.js';

const form = document.getElementById('filters');
const phaseSelect = document.getElementById('f-phase');
const outcomeSelect = document.getElementById('f-outcome');
const rows = document.getElementById('rows');
const counts = document.getElementById('counts');

async function loadAll() {
  const items = [];
  let token = null;
  // The list pages newest first; the dashboard wants every negotiation to count phases.
  for (let page = 0; page < 20; page++) {
    const query = new URLSearchParams({ top: '100' });
    if (token) query.set('continuationToken', token);
    const result = await api(`/api/negotiations?${query}`);
    items.push(...(Array.isArray(result) ? result : (result?.items ?? [])));
    token = Array.isArray(result) ? null : result?.continuationToken;
    if (!token) break;
  }
  return items;
}

function deadlineOf(item) {
  const value = pick(item, 'nextDeadline');
  const at = value && typeof value === 'object' ? pick(value, 'at', 'dueAt', 'time') : value;
  return at ? new Date(at).getTime() : Number.POSITIVE_INFINITY;
}

function deadlineText(item) {
  const value = pick(item, 'nextDeadline');
  if (!value) return '—';
  if (typeof value === 'object') {
    const what = pick(value, 'name', 'kind', 'what', 'description');
    return `${formatTime(pick(value, 'at', 'dueAt', 'time'))}${what ? ` (${what})` : ''}`;
  }
  return formatTime(value);
}

const TERMINAL = ['finalised', 'deadlineMissed', 'withdrawn'];

/** How the negotiation ended: the outcome's phase, or a terminal phase; empty while it runs. */
function outcomeOf(item) {
  const outcome = pick(item, 'outcome');
  if (outcome && typeof outcome === 'object') return pick(outcome, 'phase') || '';
  if (outcome) return String(outcome);
  return TERMINAL.includes(pick(item, 'phase')) ? pick(item, 'phase') : '';
}

function partnerSummary(item) {
  const partners = pick(item, 'partners');
  if (typeof partners === 'number') return `${pick(item, 'endorsed') ?? 0} of ${partners} endorsed`;
  if (Array.isArray(partners)) {
    const answered = partners.filter(p => ['endorsed', 'objected', 'changesRequested'].includes(p.status)).length;
    return `${answered} of ${partners.length} answered`;
  }
  const counts = pick(item, 'counts', 'partnerCounts');
  if (counts && typeof counts === 'object') return Object.entries(counts).map(([k, v]) => `${k}: ${v}`).join(', ');
  return '';
}

function fillOptions(select, values) {
  const current = select.value;
  const known = new Set([...select.options].map(o => o.value));
  for (const value of values) if (value && !known.has(value)) select.append(el('option', { value, text: value }));
  select.value = current;
}

async function load() {
  try {
    const all = await loadAll();
    const phases = [...new Set(all.map(i => pick(i, 'phase')).filter(Boolean))].sort();
    fillOptions(phaseSelect, phases);
    fillOptions(outcomeSelect, [...new Set(all.map(outcomeOf).filter(Boolean))].sort());

    clear(counts);
    for (const phase of phases) {
      const n = all.filter(i => pick(i, 'phase') === phase).length;
      counts.append(el('li', {}, el('strong', { text: String(n) }), phase));
    }
    counts.append(el('li', {}, el('strong', { text: String(all.length) }), 'all'));

    const filter = new FormData(form);
    const area = String(filter.get('area') || '').toLowerCase();
    const shown = all
      .filter(i => !filter.get('phase') || pick(i, 'phase') === filter.get('phase'))
      .filter(i => !filter.get('outcome') || outcomeOf(i) === filter.get('outcome'))
      .filter(i => !area || String(pick(i, 'area') || '').toLowerCase().includes(area))
      .sort((a, b) => deadlineOf(a) - deadlineOf(b));

    clear(rows);
    for (const item of shown) {
      const id = pick(item, 'id', 'instanceId');
      rows.append(el('tr', {},
        el('th', { scope: 'row' }, el('a', { href: `/negotiation.html?id=${encodeURIComponent(id)}`, text: pick(item, 'area') || id })),
        el('td', {}, badge(pick(item, 'phase'))),
        el('td', { text: deadlineText(item) }),
        el('td', { text: partnerSummary(item) }),
        el('td', {}, outcomeOf(item) ? badge(outcomeOf(item)) : '—'),
        el('td', {}, badge(pick(item, 'runtimeStatus')))));
    }
    if (shown.length === 0) rows.append(el('tr', {}, el('td', { colspan: 6, text: 'No negotiations match.' })));
    say(`${shown.length} of ${all.length} negotiations shown.`);
  } catch (error) {
    say(error.message, true);
  }
}

form.addEventListener('submit', event => { event.preventDefault(); load(); });
form.addEventListener('reset', () => setTimeout(load));
startPage();
autoRefresh(load, 3000);
