// One negotiation: where it stands, the actions its phase allows, the timetable chart, partners with their history,
// the timeline newest first, and the targets with what is disputed or revised.
import {
  api, el, clear, say, startPage, autoRefresh, pick, indicatorTitles, ask, phaseName, phaseBadge, partnerBadge,
  runtimeBadge, formatDate, daysFrom, TERMINAL_PHASES,
} from './app.js';
import { renderChart } from './timetable-chart.js';

const id = new URLSearchParams(location.search).get('id');
const base = `/api/negotiations/${encodeURIComponent(id || '')}`;
const OUTSTANDING = ['invited', 'reminded', 'escalated'];
const DISPUTING = ['objected', 'changesRequested'];
const TIMELINE_SHOWN = 12;
let current = null;
let lastRendered = '';
let wholeTimeline = false;

const isTerminal = n => TERMINAL_PHASES.includes(n.phase);
const nowOf = n => n.now || new Date().toISOString();
const partnerName = (n, pid) => (n.partners || []).find(p => p.id === pid)?.name || pid;

function daysText(n, at) {
  const days = daysFrom(nowOf(n), at);
  if (days === 0) return 'today';
  return days > 0 ? `in ${days} day${days === 1 ? '' : 's'}` : `${-days} day${days === -1 ? '' : 's'} ago`;
}

const isRefresh = n => Boolean(n.refreshOf);
const versionLink = (vid, text) => el('a', { href: `/negotiation.html?id=${encodeURIComponent(vid)}`, text });

function renderHeader(n) {
  document.getElementById('title').textContent = `${n.area} ${n.period || ''}${isRefresh(n) ? ` · ${n.versionLabel}` : ''}`.trim();
  document.title = `${n.area} · LaaWorkflow`;
  clear(document.getElementById('title-phase')).append(phaseBadge(n.phase));
  document.getElementById('lede').textContent =
    n.kind === 'multi-area'
      ? `Multi-area agreement of ${(n.authorities || []).length} authorities, led by ${n.responsibleAuthority}, with ${n.partners.length - (n.authorities || []).length} partners on ${n.targets.length} targets · ${(n.governmentOffices || []).map(o => `Government Office ${o.office}`).join(', ')} · started ${formatDate(n.createdAt, false)}`
      : `${n.responsibleAuthority} with ${n.partners.length} partners on ${n.targets.length} targets · Government Office ${n.governmentOffice} · started ${formatDate(n.createdAt, false)}`;
}

function renderFacts(n) {
  const facts = clear(document.getElementById('facts'));
  const add = (term, ...value) => facts.append(el('dt', { text: term }), el('dd', {}, ...(value.length ? value : ['—'])));
  add('Phase', phaseBadge(n.phase), n.phase === 'consultation' || n.phase === 'revision' ? ` round ${n.round}` : '');
  add('Waiting on', waitingOn(n));
  add('Next deadline', ...(n.nextDeadline && !isTerminal(n) ? [formatDate(n.nextDeadline), el('span', { class: 'muted' }, ` (${daysText(n, n.nextDeadline)})`)] : []));
  add('Sign-off deadline', formatDate(n.timetable?.signOffDeadline), isTerminal(n) ? '' : el('span', { class: 'muted' }, ` (${daysText(n, n.timetable?.signOffDeadline)})`));
  if (n.now) add('Rehearsal date now', formatDate(n.now));
  const outcome = n.outcome;
  if (outcome) {
    const reasons = [].concat(outcome.reasons || []).filter(r => !(outcome.summary || '').includes(r));
    add('Outcome', phaseBadge(outcome.phase), ` ${formatDate(outcome.at, false)}. ${outcome.summary || ''}`, ...reasons.map(r => el('div', { class: 'muted', text: r })));
  }
  add('Agreement document', n.documentUrl ? el('a', { href: n.documentUrl, text: 'Open the signed-off agreement' })
    : outcome ? 'None: the agreement was not signed off' : 'Not signed off yet');
  // Each yearly refresh is a version of its own; the versions link to one another.
  add('Version', `${n.versionLabel || 'Agreement'} (version ${n.version || 1})`,
    ...(n.refreshOf ? [el('div', {}, 'Refreshes ', versionLink(n.refreshOf, 'the previous version'))] : []),
    ...(n.refreshes || []).map(r => el('div', {}, 'Refreshed by ', versionLink(r, r.match(/refresh-(\d{4})$/) ? `the ${r.slice(-4)} refresh` : r))));
  add('Engine status', runtimeBadge(n.runtimeStatus), ' ', el('a', { href: `/orchestrations.html?id=${encodeURIComponent(n.id)}`, text: 'orchestration' }));
  add('Negotiation id', el('code', { text: n.id }));
}

function waitingOn(n) {
  switch (n.phase) {
    case 'draft': return `Consultation opens ${formatDate(n.timetable?.consultationOpens)}`;
    case 'consultation': {
      const names = n.partners.filter(p => OUTSTANDING.includes(p.status)).map(p => p.name);
      if (!names.length) return 'The round to close';
      const named = names.length > 3 ? `${names.slice(0, 3).join(', ')} and ${names.length - 3} more` : names.join(', ');
      return `${names.length} partner${names.length === 1 ? '' : 's'} to answer: ${named}`;
    }
    case 'revision': return "The LSP lead's revision of the disputed targets";
    case 'governmentOffice': return n.kind === 'multi-area'
      ? `The decisions of ${(n.governmentOffices || []).filter(o => o.decision === 'waiting').map(o => `the Government Office ${o.office}`).join(' and ') || 'the Government Offices'}`
      : "The Government Office's decision";
    default: return 'Nobody: the negotiation has ended';
  }
}

const OFFICE_DECISIONS = { approved: ['Approved', 'ok'], rejected: ['Sent back', 'bad'], waiting: ['Deciding', 'warn'], none: ['Nothing to decide now', 'neutral'] };

/** A multi-area agreement's authorities with their endorsements, and each Government Office's decision. */
function renderMultiArea(n) {
  const section = document.getElementById('maa');
  section.hidden = n.kind !== 'multi-area';
  if (section.hidden) return;
  document.getElementById('maa-themes').textContent = `Themes: ${(n.themes || []).join(', ')}.`;
  const body = clear(document.getElementById('authorities'));
  for (const a of n.authorities || []) {
    body.append(el('tr', { 'data-authority': a.id },
      el('th', { scope: 'row', 'data-label': 'Authority' }, a.name, a.lead ? el('span', { class: 'muted', text: ' (lead authority)' }) : null),
      el('td', { 'data-label': 'Government Office', text: a.governmentOffice }),
      el('td', { 'data-label': 'Endorsement' }, partnerBadge(a.endorsement)),
      el('td', { 'data-label': 'Answered' }, a.answeredAt ? formatDate(a.answeredAt) : el('span', { class: 'muted', text: '—' }))));
  }
  const offices = clear(document.getElementById('offices'));
  for (const o of n.governmentOffices || []) {
    const [text, tone] = OFFICE_DECISIONS[o.decision] || [o.decision, 'neutral'];
    offices.append(el('li', { 'data-office': o.office }, `Government Office ${o.office}: `, el('span', { class: `badge tone-${tone}`, text })));
  }
}

async function act(description, path, body) {
  try {
    await api(path, { method: 'POST', body: body ?? {} });
    say(`${description}: done.`);
    await load(true);
  } catch (error) {
    say(`${description} failed. ${error.message}`, true);
  }
}

/** Only what the API would accept now: the same phase and partner rules as the service. */
function allowed(n) {
  const open = !isTerminal(n);
  const outstanding = n.partners.filter(p => OUTSTANDING.includes(p.status));
  return {
    revise: ['consultation', 'revision'].includes(n.phase),
    extend: n.phase === 'consultation' && outstanding.length > 0,
    signOff: open,
    withdraw: open,
    // The yearly refresh is an LAA's; a multi-area agreement is not refreshed here.
    refresh: n.phase === 'finalised' && n.kind !== 'multi-area' && !(n.refreshes || []).length,
    partner: p => n.phase === 'consultation' && OUTSTANDING.includes(p.status),
  };
}

function renderActions(n) {
  const may = allowed(n);
  document.getElementById('act-revise').hidden = !may.revise;
  document.getElementById('act-extend').hidden = !may.extend;
  document.getElementById('act-signoff').hidden = !may.signOff;
  document.getElementById('act-withdraw').hidden = !may.withdraw;
  document.getElementById('act-refresh').hidden = !may.refresh;
  document.getElementById('actions-note').textContent = may.refresh
    ? 'The agreement is signed off; it can be refreshed for the next year, as a new version that consults only the partners its changes concern.'
    : isTerminal(n)
    ? `The negotiation has ended (${phaseName(n.phase).toLowerCase()}); nothing more can be done to it.`
    : n.phase === 'consultation'
      ? 'Partners still to answer can be reminded, sent their invitation again, or have an answer recorded for them in the partners table.'
      : `In this phase (${phaseName(n.phase).toLowerCase()}) partners are not being consulted, so there are no partner actions.`;
}

function partnerEntries(n, pid) {
  return (n.timeline || []).filter(e => e.partnerId === pid).slice().reverse();
}

function renderPartners(n) {
  const body = clear(document.getElementById('partners'));
  const may = allowed(n);
  for (const p of n.partners) {
    const partnerBase = `${base}/partners/${encodeURIComponent(p.id)}`;
    const history = partnerEntries(n, p.id);
    // The latest event in view, the earlier ones a click away: a row stays short however long the history.
    const historyList = el('ol', { class: 'history' }, history.slice(0, 1).map(entryItem));
    const more = history.length > 1
      ? el('details', {}, el('summary', { text: `${history.length - 1} earlier` }), el('ol', { class: 'history' }, history.slice(1).map(entryItem)))
      : null;
    const buttons = may.partner(p) ? [
      el('button', { type: 'button', class: 'secondary', 'aria-label': `Resend invitation to ${p.name}`, text: 'Resend invitation', onclick: () => act(`Resend invitation to ${p.name}`, `${partnerBase}/resend-invitation`) }),
      el('button', { type: 'button', class: 'secondary', 'aria-label': `Remind ${p.name} now`, text: 'Remind', onclick: () => act(`Remind ${p.name}`, `${partnerBase}/remind`) }),
      el('button', { type: 'button', class: 'secondary', 'aria-label': `Record answer for ${p.name}`, text: 'Record answer', onclick: () => recordAnswer(p, partnerBase) }),
    ] : [];
    body.append(el('tr', { 'data-partner': p.id, class: DISPUTING.includes(p.status) ? 'disputed' : '' },
      el('th', { scope: 'row' }, p.name, el('div', { class: 'small muted', text: p.body || '' })),
      el('td', { 'data-label': 'Status', class: 'partner-status' },
        isRefresh(n) && p.status === 'pending' ? el('span', { class: 'badge tone-muted', text: 'Not concerned by the refresh' }) : partnerBadge(p.status),
        isTerminal(n) && OUTSTANDING.includes(p.status) ? el('div', { class: 'small muted', text: 'Not answered before the end' }) : null,
        p.escalationLevel > 0 ? el('div', { class: 'small', text: `Escalation level ${p.escalationLevel}` }) : null,
        p.deliveryProblem ? el('div', { class: 'flag flag-bad', text: 'Last email bounced' }) : null),
      el('td', { 'data-label': 'Answer due' }, p.deadline && OUTSTANDING.includes(p.status) && !isTerminal(n) ? [formatDate(p.deadline), el('div', { class: 'small muted', text: daysText(n, p.deadline) })] : '—'),
      el('td', { 'data-label': 'Latest answer' }, p.answeredAt ? [el('div', { class: 'small muted', text: formatDate(p.answeredAt) }), p.comment || ''] : 'None yet'),
      el('td', { 'data-label': 'History' }, history.length ? [historyList, more] : el('span', { class: 'muted', text: 'Nothing yet' })),
      el('td', { 'data-label': 'Actions' }, buttons.length ? el('div', { class: 'actions' }, buttons) : el('span', { class: 'muted', text: 'None now' }))));
  }
}

async function recordAnswer(p, partnerBase) {
  const values = await ask(`Record an answer for ${p.name}`, [
    { name: 'decision', label: 'Decision', type: 'select', options: [{ value: 'endorse', label: 'Endorse' }, { value: 'object', label: 'Object' }, { value: 'request-changes', label: 'Request changes' }], required: true },
    { name: 'comment', label: 'Comment', type: 'textarea' },
    { name: 'reason', label: 'Why it is recorded on their behalf (audited)', type: 'textarea', required: true },
    { name: 'admin', label: 'Your name (audited)', required: true, value: sessionStorage.getItem('laaworkflow.adminName') || '' },
  ]);
  if (!values) return;
  sessionStorage.setItem('laaworkflow.adminName', values.admin);
  await act(`Record answer for ${p.name}`, `${partnerBase}/answer`, values);
}

function entryItem(entry) {
  return el('li', { 'data-kind': entry.kind }, el('time', { datetime: entry.at, text: formatDate(entry.at) }), entry.text);
}

function renderTimeline(n) {
  const entries = (n.timeline || []).slice().reverse();
  const list = clear(document.getElementById('timeline'));
  for (const entry of wholeTimeline ? entries : entries.slice(0, TIMELINE_SHOWN)) list.append(entryItem(entry));
  const more = clear(document.getElementById('timeline-more'));
  if (entries.length > TIMELINE_SHOWN) {
    more.append(el('button', {
      type: 'button', class: 'secondary', 'aria-expanded': String(wholeTimeline),
      text: wholeTimeline ? `Show the latest ${TIMELINE_SHOWN} only` : `Show all ${entries.length} entries`,
      onclick: () => { wholeTimeline = !wholeTimeline; renderTimeline(current); document.querySelector('#timeline-more button')?.focus(); },
    }));
  }
}

/** The indicators named in the latest revision's timeline entry, which says what it revised. */
function revisedIndicators(n) {
  const latest = (n.timeline || []).filter(e => e.kind === 'revised').at(-1);
  if (!latest) return { entry: null, indicators: new Set() };
  // Whole names only: "NI 1" is not named by an entry that revised "NI 16".
  const named = i => new RegExp(`(^|[^\\w])${i.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w])`).test(latest.text);
  return { entry: latest, indicators: new Set((n.targets || []).map(t => t.indicator).filter(named)) };
}

async function renderTargets(n) {
  const titles = await indicatorTitles();
  const body = clear(document.getElementById('targets'));
  const disputing = n.partners.filter(p => DISPUTING.includes(p.status));
  const revised = revisedIndicators(n);
  let marked = 0;
  for (const t of n.targets || []) {
    const leads = [].concat(t.leadPartners || []);
    const against = disputing.filter(p => leads.includes(p.id));
    const marks = [
      ...against.map(p => el('span', { class: 'mark mark-disputed' }, el('span', { 'aria-hidden': 'true', text: '\u2716 ' }),
        `${p.status === 'objected' ? 'Objected to' : 'Changes asked'} by ${p.name}`)),
      revised.indicators.has(t.indicator)
        ? el('span', { class: 'mark mark-revised' }, el('span', { 'aria-hidden': 'true', text: '\u270E ' }), `Changed in the revision of ${formatDate(revised.entry.at, false)}`)
        : null,
    ];
    if (against.length || revised.indicators.has(t.indicator)) marked++;
    body.append(el('tr', { class: against.length ? 'disputed' : '' },
      el('th', { scope: 'row' }, t.indicator, el('div', {}, marks)),
      el('td', { 'data-label': 'Title', text: t.title || titles[t.indicator]?.title || '' }),
      el('td', { 'data-label': 'Kind', text: t.kind ? t.kind[0].toUpperCase() + t.kind.slice(1) : '' }),
      el('td', { 'data-label': 'Lead partners', text: leads.map(l => partnerName(n, l)).join(', ') || '—' }),
      el('td', { 'data-label': 'Baseline', text: t.baseline ?? '—' }),
      el('td', { 'data-label': 'Trajectory', text: trajectoryText(t, t.trajectory || {}) })));
  }
  document.getElementById('targets-count').textContent =
    ` (${(n.targets || []).length}${marked ? `, ${marked} disputed or revised` : ''})`;
  // Closed at first, since the list is long; opened when a target becomes disputed or revised, else the reader decides.
  const fold = document.getElementById('targets-fold');
  if (marked > Number(fold.dataset.marked || 0)) fold.open = true;
  fold.dataset.marked = String(marked);
}

/** The values by year, the direction that counts as better, and why a trajectory that gets worse does. */
function trajectoryText(t, trajectory) {
  const higher = pick(t, 'higherIsBetter');
  const direction = higher === true ? ' (higher is better)' : higher === false ? ' (lower is better)' : '';
  const why = pick(t, 'justification');
  return Object.entries(trajectory).map(([year, value]) => `${year}: ${value}`).join('; ')
    + direction + (why ? `. Gets worse before it improves, because: ${why}` : '');
}

/** A refresh's changes from the previous version: what was added, changed or dropped, and whose decision it needed. */
function renderChanges(n) {
  const section = document.getElementById('changes-section');
  section.hidden = !n.changes;
  if (!n.changes) return;
  const changed = n.changes.filter(c => c.change !== 'unchanged');
  const unchanged = n.changes.length - changed.length;
  const designated = changed.filter(c => c.kind === 'designated').length;
  document.getElementById('changes-count').textContent = ` (${changed.length} changed, ${unchanged} unchanged)`;
  document.getElementById('changes-lede').textContent = designated
    ? `${designated} designated target${designated === 1 ? '' : 's'} changed, for the Government Office to decide; the other changes need only the partners concerned. Unchanged targets stay agreed.`
    : 'No designated target changed: the partners concerned agree the changes without the Government Office. Unchanged targets stay agreed.';
  const body = clear(document.getElementById('changes'));
  const values = t => t ? `baseline ${t.baseline ?? '—'}; ${Object.entries(t.trajectory || {}).map(([y, v]) => `${y}: ${v}`).join('; ')}` : '—';
  for (const c of changed) {
    body.append(el('tr', { 'data-change': c.change },
      el('th', { scope: 'row', text: c.indicator }),
      el('td', { 'data-label': 'Kind', text: c.kind === 'designated' ? 'Designated (Government Office decides)' : `${c.kind[0].toUpperCase()}${c.kind.slice(1)} (partners agree)` }),
      el('td', { 'data-label': 'Change' }, el('span', { class: `mark mark-${c.change === 'dropped' ? 'disputed' : 'revised'}`, text: c.change[0].toUpperCase() + c.change.slice(1) })),
      el('td', { 'data-label': 'Before', text: values(c.before) }),
      el('td', { 'data-label': 'After', text: values(c.after) })));
  }
}

async function load(announce = false) {
  if (!id) { say('No negotiation id in the address.', true); return; }
  try {
    current = await api(base);
    // The chart's "now" moves on every read; the rest is rebuilt only when it changed, so focus and open sections stay.
    renderChart(current);
    const { now, ...rest } = current;
    const signature = JSON.stringify(rest);
    if (signature === lastRendered && !announce) return;
    lastRendered = signature;
    renderHeader(current);
    renderFacts(current);
    renderActions(current);
    renderMultiArea(current);
    renderChanges(current);
    renderPartners(current);
    renderTimeline(current);
    await renderTargets(current);
  } catch (error) {
    if (error.status === 401) return;
    say(error.status === 404 ? 'There is no negotiation with that id.' : error.message, true);
  }
}

/** The targets as the revisions route takes them, from the negotiation as it stands. */
function targetsForRevision(n) {
  return (n.targets || []).map(t => {
    const target = { indicator: t.indicator, kind: t.kind, leadPartners: t.leadPartners, baseline: t.baseline, trajectory: t.trajectory };
    if (t.higherIsBetter !== undefined && t.higherIsBetter !== null) target.higherIsBetter = t.higherIsBetter;
    if (t.justification) target.justification = t.justification;
    return target;
  });
}

document.getElementById('act-revise').addEventListener('click', async () => {
  const values = await ask("Submit the LSP lead's revision", [
    { name: 'targets', label: 'Targets as JSON, as they stand now: change what the revision changes (a trajectory that gets worse needs a "justification")', type: 'textarea', rows: 20, required: true, value: JSON.stringify(targetsForRevision(current), null, 2) },
  ]);
  if (!values) return;
  let targets;
  try {
    targets = JSON.parse(values.targets);
  } catch (error) {
    say(`The revision was not sent: the targets are not valid JSON (${error.message}).`, true);
    return;
  }
  await act('Submit revision', `${base}/revisions`, { targets });
});

document.getElementById('act-extend').addEventListener('click', async () => {
  const outstanding = current.partners.filter(p => OUTSTANDING.includes(p.status));
  const values = await ask('Extend the answer deadline', [
    { name: 'partnerId', label: 'For partner', type: 'select', options: [{ value: '', label: 'Every partner still to answer' }, ...outstanding.map(p => ({ value: p.id, label: p.name }))] },
    { name: 'to', label: 'New deadline (UTC, ISO 8601, e.g. 2008-05-01T17:00:00Z)', required: true, value: current.nextDeadline || '' },
  ]);
  if (values) await act('Extend deadline', `${base}/extend-deadline`, values);
});
document.getElementById('act-signoff').addEventListener('click', async () => {
  const values = await ask('Move the sign-off deadline (with the Government Office\'s agreement)', [
    { name: 'signOffDeadline', label: 'New sign-off deadline (UTC, ISO 8601, e.g. 2008-07-31T17:00:00Z)', required: true, value: current.timetable?.signOffDeadline || '' },
    { name: 'reason', label: 'Why (recorded on the timeline)', type: 'textarea', required: true },
    { name: 'agreedBy', label: 'Agreed for the Government Office by', required: true },
    { name: 'by', label: 'Your name (recorded)', required: true, value: sessionStorage.getItem('laaworkflow.adminName') || '' },
  ]);
  if (values) await act('Move the sign-off deadline', `${base}/sign-off-deadline`, values);
});
document.getElementById('act-refresh').addEventListener('click', async () => {
  const year = String(Number(String(current.versionLabel || '').slice(0, 4)) + 1);
  const values = await ask(`Start the ${year} refresh of the ${current.area} agreement`, [
    { name: 'year', label: 'Year of the refresh', required: true, value: year },
    { name: 'targets', label: 'Targets as JSON, as agreed now: change, add or drop what the refresh changes', type: 'textarea', rows: 16, required: true, value: JSON.stringify(targetsForRevision(current), null, 2) },
    { name: 'consultationOpens', label: 'Consultation opens (UTC, ISO 8601)', required: true, value: `${year}-01-12T09:00:00Z` },
    { name: 'responseDeadline', label: 'Answers due', required: true, value: `${year}-02-13T17:00:00Z` },
    { name: 'signOffDeadline', label: 'Sign-off deadline', required: true, value: `${year}-03-31T17:00:00Z` },
  ]);
  if (!values) return;
  let targets;
  try {
    targets = JSON.parse(values.targets);
  } catch (error) {
    say(`The refresh was not started: the targets are not valid JSON (${error.message}).`, true);
    return;
  }
  const timetable = { consultationOpens: values.consultationOpens, responseDeadline: values.responseDeadline, signOffDeadline: values.signOffDeadline };
  // A rehearsal's refresh is a rehearsal too, at the same speed, its calendar starting a week before it opens.
  const pace = current.pace
    ? { anchor: new Date(new Date(values.consultationOpens).getTime() - 7 * 86400000).toISOString(), secondsPerDay: current.pace.secondsPerDay }
    : undefined;
  try {
    const started = await api(`${base}/refreshes`, { method: 'POST', body: { year: values.year, targets, timetable, ...(pace ? { pace } : {}) } });
    location.href = `/negotiation.html?id=${encodeURIComponent(started.id)}`;
  } catch (error) {
    say(`The refresh was not started. ${error.message}`, true);
  }
});

document.getElementById('act-withdraw').addEventListener('click', async () => {
  const values = await ask(`Withdraw the ${current.area} negotiation`, [
    { name: 'reason', label: 'Reason (recorded)', type: 'textarea', required: true },
    { name: 'by', label: 'Your name (recorded)', required: true, value: sessionStorage.getItem('laaworkflow.adminName') || '' },
  ]);
  if (values) await act('Withdraw', `${base}/withdraw`, values);
});

startPage();
autoRefresh(load, 3000);
