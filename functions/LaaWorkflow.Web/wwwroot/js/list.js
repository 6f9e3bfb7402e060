// The negotiations list: counts per phase (each a filter), filters kept in the address, nearest deadlines first.
import {
  api, el, clear, say, startPage, autoRefresh, pick, phaseName, phaseBadge, runtimeBadge, formatDate, daysFrom, TERMINAL_PHASES,
} from './app.js';

const form = document.getElementById('filters');
const phaseSelect = document.getElementById('f-phase');
const rows = document.getElementById('rows');
const counts = document.getElementById('counts');
const PHASE_ORDER = ['draft', 'consultation', 'revision', 'governmentOffice', 'finalised', 'deadlineMissed', 'withdrawn'];
const AT_RISK_DAYS = 14;
let all = [];
let lastRendered = '';

for (const phase of PHASE_ORDER) phaseSelect.append(el('option', { value: phase, text: phaseName(phase) }));

async function loadAll() {
  const items = [];
  let token = null;
  // The list pages newest first; the dashboard wants every negotiation to count phases.
  for (let page = 0; page < 20; page++) {
    const query = new URLSearchParams({ top: '100' });
    if (token) query.set('continuationToken', token);
    const result = await api(`/api/negotiations?${query}`);
    items.push(...(result?.items ?? []));
    token = result?.continuationToken;
    if (!token) break;
  }
  return items;
}

/** The filters as the address holds them, so a reload, a shared link or Back shows the same list. */
function filtersFromUrl() {
  const query = new URLSearchParams(location.search);
  return { phase: query.get('phase') || '', area: query.get('area') || '', attention: query.get('attention') || '' };
}

function showFilters(filters) {
  phaseSelect.value = filters.phase;
  form.elements.area.value = filters.area;
  form.elements.attention.value = filters.attention;
}

function applyFilters(filters) {
  const query = new URLSearchParams(Object.entries(filters).filter(([, v]) => v));
  const search = query.size ? `?${query}` : '';
  if (location.search !== search) history.pushState(null, '', search || location.pathname);
  showFilters(filters);
  render(true);
}

/** Business time now for the row: a rehearsal's own calendar, real time otherwise. */
function nowOf(item) { return pick(item, 'now') || new Date().toISOString(); }

function isTerminal(item) { return TERMINAL_PHASES.includes(item.phase); }

/** Overdue, at risk (sign-off within a fortnight) or fine, with the days left to the next deadline. */
function urgency(item) {
  if (isTerminal(item)) return { level: 'none' };
  const now = nowOf(item);
  const next = item.nextDeadline ? daysFrom(now, item.nextDeadline) : null;
  const signOff = item.signOffDeadline ? daysFrom(now, item.signOffDeadline) : null;
  if ((next !== null && next < 0) || (signOff !== null && signOff < 0)) return { level: 'overdue', next, signOff };
  if (signOff !== null && signOff <= AT_RISK_DAYS) return { level: 'at-risk', next, signOff };
  return { level: 'fine', next, signOff };
}

// A yearly refresh is a later version of its area's agreement, not a second negotiation of it.
function duplicateKey(item) { return `${String(item.area).trim().toLowerCase()}|${String(item.period || '').trim()}|${item.year || 'agreement'}`; }

const versionLink = (id, text) => el('a', { href: `/negotiation.html?id=${encodeURIComponent(id)}`, text });

/** Which version a row is, linked to the version it refreshes and to its own refreshes. */
function versionLine(item) {
  const refreshes = [].concat(item.refreshes || []);
  if (!item.refreshOf && !refreshes.length) return null;
  const line = el('div', { class: 'small version' });
  if (item.refreshOf) line.append(`Version ${item.version}: ${item.year} refresh of `, versionLink(item.refreshOf, 'the previous version'));
  for (const r of refreshes) {
    const later = all.find(i => i.id === r);
    line.append(line.childNodes.length ? ' · ' : '', 'Refreshed: ', versionLink(r, later?.year ? `${later.year} refresh` : r));
  }
  return line;
}

function waitingOn(item) {
  switch (item.phase) {
    case 'draft': return 'Consultation to open';
    case 'consultation': {
      // A refresh asks only the partners its changes concern; the list does not know how many that is.
      if (item.refreshOf) return 'Partners concerned to endorse';
      const left = (item.partners ?? 0) - (item.endorsed ?? 0);
      if (isMultiArea(item)) {
        const authorities = item.authorities.filter(a => a.endorsement !== 'endorsed').length;
        const partners = left - authorities;
        const parts = [authorities ? `${authorities} authorit${authorities === 1 ? 'y' : 'ies'}` : '', partners > 0 ? `${partners} partner${partners === 1 ? '' : 's'}` : ''].filter(Boolean);
        return parts.length ? `${parts.join(' and ')} to endorse` : 'Partners';
      }
      return left > 0 ? `${left} partner${left === 1 ? '' : 's'} to endorse` : 'Partners';
    }
    case 'revision': return "LSP lead's revision";
    case 'governmentOffice': return isMultiArea(item) ? "Government Offices' decisions" : "Government Office's decision";
    default: return 'Nobody: ended';
  }
}

function daysText(days) {
  if (days === null || days === undefined) return '';
  if (days === 0) return 'due today';
  return days > 0 ? `${days} day${days === 1 ? '' : 's'} left` : `${-days} day${days === -1 ? '' : 's'} overdue`;
}

function deadlineCell(item) {
  const u = urgency(item);
  const cell = el('td', { 'data-label': 'Next deadline' });
  if (isTerminal(item) || !item.nextDeadline) {
    cell.append(isTerminal(item) ? el('span', { class: 'muted', text: 'None: ended' }) : el('span', { class: 'muted', text: '—' }));
    return cell;
  }
  cell.append(el('time', { datetime: item.nextDeadline, text: formatDate(item.nextDeadline) }));
  cell.append(el('div', { class: 'small', text: daysText(u.next) }));
  if (u.level === 'overdue') cell.append(el('span', { class: 'flag flag-bad' }, el('span', { 'aria-hidden': 'true', text: '\u2716 ' }), 'Overdue'));
  else if (u.level === 'at-risk') cell.append(el('span', { class: 'flag flag-warn' }, el('span', { 'aria-hidden': 'true', text: '\u25B2 ' }), `At risk: sign-off in ${u.signOff} day${u.signOff === 1 ? '' : 's'}`));
  return cell;
}

const ENDORSEMENT = { endorsed: '\u2714 endorsed', objected: 'objected', changesRequested: 'changes asked', noResponse: 'no response', pending: 'not asked yet' };

/** A multi-area agreement's areas, each authority with where its endorsement stands. */
function authoritiesLine(item) {
  return el('ul', { class: 'areas small', 'aria-label': 'Participating authorities' },
    item.authorities.map(a => el('li', {},
      a.lead ? el('strong', { text: a.name }) : a.name,
      a.lead ? ' (lead)' : '',
      el('span', { class: a.endorsement === 'endorsed' ? 'ok' : 'muted', text: ` · ${ENDORSEMENT[a.endorsement] || 'to endorse'}` }))));
}

function isMultiArea(item) { return item.kind === 'multi-area' && Array.isArray(item.authorities); }

function areaCell(item, duplicates) {
  const id = item.id;
  const maa = isMultiArea(item);
  const cell = el('th', { scope: 'row', 'data-label': 'Area' },
    el('a', { href: `/negotiation.html?id=${encodeURIComponent(id)}`, class: 'area-link', text: item.area || id }),
    maa ? el('span', { class: 'tag-maa', title: 'Multi-area agreement' }, 'MAA') : null,
    maa ? authoritiesLine(item) : null,
    el('div', { class: 'small muted' }, `${item.period ? `${item.period} · ` : ''}${maa && item.themes?.length ? `${item.themes.join(', ')} · ` : ''}${item.governmentOffice || ''}`),
    el('div', { class: 'small muted' }, `Started ${formatDate(item.createdAt, false)} · `, el('code', { text: id })),
    versionLine(item));
  if (duplicates > 1) {
    cell.append(el('span', { class: 'flag flag-warn', title: 'Another negotiation has the same area and period' },
      `Duplicate: ${duplicates} for this area and period`));
  }
  return cell;
}

function renderCounts(filters) {
  clear(counts);
  const tile = (value, label, n) => el('li', {}, el('button', {
    type: 'button', class: 'tile', 'aria-pressed': String(filters.phase === value),
    onclick: () => applyFilters({ ...filterValues(), phase: filters.phase === value && value ? '' : value }),
  }, el('strong', { text: String(n) }), label));
  counts.append(tile('', 'All', all.length));
  for (const phase of PHASE_ORDER) {
    const n = all.filter(i => i.phase === phase).length;
    if (n > 0 || !TERMINAL_PHASES.includes(phase)) counts.append(tile(phase, phaseName(phase), n));
  }
}

function filterValues() {
  const data = new FormData(form);
  return { phase: String(data.get('phase') || ''), area: String(data.get('area') || '').trim(), attention: String(data.get('attention') || '') };
}

function render(announce = false) {
  const filters = filtersFromUrl();
  const groups = new Map();
  for (const item of all) groups.set(duplicateKey(item), (groups.get(duplicateKey(item)) || 0) + 1);
  const area = filters.area.toLowerCase();
  const shown = all
    .filter(i => !filters.phase || i.phase === filters.phase)
    // A multi-area agreement is found by its name or by any of its authorities.
    .filter(i => !area || [i.area, ...(isMultiArea(i) ? i.authorities.map(a => a.name) : [])].some(n => String(n || '').toLowerCase().includes(area)))
    .filter(i => {
      if (filters.attention === 'overdue') return urgency(i).level === 'overdue';
      if (filters.attention === 'at-risk') return ['overdue', 'at-risk'].includes(urgency(i).level);
      if (filters.attention === 'duplicate') return groups.get(duplicateKey(i)) > 1;
      return true;
    })
    .sort((a, b) => deadlineSort(a) - deadlineSort(b));

  // Rebuilt only when something changed, so focus and the reader's place survive the page's own refreshes.
  const signature = JSON.stringify([filters, shown.map(i => [i, groups.get(duplicateKey(i))])]);
  if (signature === lastRendered) return;
  lastRendered = signature;
  renderCounts(filters);
  clear(rows);
  for (const item of shown) {
    rows.append(el('tr', { 'data-id': item.id },
      areaCell(item, groups.get(duplicateKey(item))),
      el('td', { 'data-label': 'Phase' }, phaseBadge(item.phase)),
      deadlineCell(item),
      el('td', { 'data-label': 'Waiting on', text: waitingOn(item) }),
      el('td', { 'data-label': 'Partners', text: item.refreshOf ? `${item.endorsed ?? 0} endorsed; only the partners concerned are asked` : `${item.endorsed ?? 0} of ${item.partners ?? 0} endorsed` }),
      el('td', { 'data-label': 'Engine status', class: 'runtime-status' }, runtimeBadge(item.runtimeStatus))));
  }
  if (shown.length === 0) {
    rows.append(el('tr', {}, el('td', { colspan: 6, text: all.length ? 'No negotiations match these filters.' : 'No negotiations yet.' })));
  }
  if (announce) say(`${shown.length} of ${all.length} negotiations shown.`);
}

function deadlineSort(item) {
  if (isTerminal(item)) return Number.MAX_SAFE_INTEGER;
  return item.nextDeadline ? new Date(item.nextDeadline).getTime() : Number.MAX_SAFE_INTEGER - 1;
}

let first = true;
async function load() {
  try {
    all = await loadAll();
    render(first);
    first = false;
  } catch (error) {
    if (error.status !== 401) say(error.message, true);
  }
}

form.addEventListener('submit', event => { event.preventDefault(); applyFilters(filterValues()); });
form.addEventListener('reset', () => setTimeout(() => applyFilters({ phase: '', area: '', attention: '' })));
window.addEventListener('popstate', () => { showFilters(filtersFromUrl()); render(true); });
showFilters(filtersFromUrl());
startPage();
autoRefresh(load, 5000);
