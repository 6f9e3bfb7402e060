// One negotiation: where it stands, partners, targets, timeline, the timetable chart and admin actions.
import { api, el, clear, say, formatTime, badge, startPage, autoRefresh, pick, indicatorTitles, ask } from './app.js';

const id = new URLSearchParams(location.search).get('id');
const base = `/api/negotiations/${encodeURIComponent(id || '')}`;
let current = null;

function deadlineParts(value) {
  if (!value) return { at: null, what: '' };
  if (typeof value === 'object') return { at: pick(value, 'at', 'dueAt', 'time'), what: pick(value, 'name', 'kind', 'what', 'description') || '' };
  return { at: value, what: '' };
}

function renderFacts(n) {
  const facts = clear(document.getElementById('facts'));
  const next = deadlineParts(pick(n, 'nextDeadline'));
  const add = (term, value) => facts.append(el('dt', { text: term }), el('dd', {}, value ?? '—'));
  add('Area', pick(n, 'area'));
  add('Responsible authority', pick(n, 'responsibleAuthority'));
  add('Government Office', pick(n, 'governmentOffice'));
  add('Phase', badge(pick(n, 'phase')));
  add('Runtime status', badge(pick(n, 'runtimeStatus')));
  add('Next deadline', next.at ? `${formatTime(next.at)}${next.what ? ` (${next.what})` : ''}` : '—');
  const outcome = pick(n, 'outcome');
  add('Outcome', !outcome ? '—' : typeof outcome === 'object'
    ? el('span', {}, badge(pick(outcome, 'phase')), ` ${pick(outcome, 'summary') || ''}`, ...[].concat(pick(outcome, 'reasons') || []).map(r => el('div', { class: 'muted', text: r })))
    : badge(outcome));
  add('Round', pick(n, 'round'));
  const documentUrl = pick(n, 'documentUrl');
  const ended = outcome && typeof outcome === 'object' && pick(outcome, 'phase') !== 'finalised';
  add('Agreement document', documentUrl ? el('a', { href: documentUrl, text: 'Open the agreement' })
    : ended ? `None: the agreement was not signed off (${pick(outcome, 'phase')}, see the outcome above)` : 'Not signed off yet');
  add('Instance', el('a', { href: `/orchestrations.html?id=${encodeURIComponent(id)}`, text: id }));
}

function partnerAction(label, run) {
  return el('button', { type: 'button', class: 'secondary', onclick: run, text: label });
}

async function act(description, path, body) {
  try {
    await api(path, { method: 'POST', body: body ?? {} });
    say(`${description}: done.`);
    await load();
  } catch (error) {
    say(`${description} failed. ${error.message}`, true);
  }
}

function renderPartners(n) {
  const body = clear(document.getElementById('partners'));
  for (const p of pick(n, 'partners') || []) {
    const pid = pick(p, 'id', 'partnerId');
    const name = pick(p, 'name') || pid;
    const partnerBase = `${base}/partners/${encodeURIComponent(pid)}`;
    body.append(el('tr', { 'data-partner': pid },
      el('th', { scope: 'row' }, name, el('div', { class: 'muted', text: pick(p, 'body') || '' })),
      el('td', { class: 'partner-status' }, badge(pick(p, 'status'))),
      el('td', { text: String(pick(p, 'escalationLevel') ?? 0) }),
      el('td', { text: formatTime(pick(p, 'answeredAt')) || '—' }),
      el('td', { text: `${pick(p, 'comment') || ''}${pick(p, 'deliveryProblem') ? ' (last email bounced)' : ''}` }),
      el('td', {}, el('div', { class: 'actions' },
        partnerAction(`Resend invitation`, () => act(`Resend invitation to ${name}`, `${partnerBase}/resend-invitation`)),
        partnerAction(`Remind now`, () => act(`Remind ${name}`, `${partnerBase}/remind`)),
        partnerAction(`Record answer`, async () => {
          const values = await ask(`Record an answer for ${name}`, [
            { name: 'decision', label: 'Decision', type: 'select', options: ['endorse', 'object', 'request-changes'], required: true },
            { name: 'comment', label: 'Comment', type: 'textarea' },
            { name: 'reason', label: 'Why it is recorded on their behalf (audited)', type: 'textarea', required: true },
            { name: 'admin', label: 'Your name (audited)', required: true, value: sessionStorage.getItem('laaworkflow.adminName') || '' },
          ]);
          if (values) sessionStorage.setItem('laaworkflow.adminName', values.admin);
          if (values) await act(`Record answer for ${name}`, `${partnerBase}/answer`, values);
        })))));
  }
}

async function renderTargets(n) {
  const titles = await indicatorTitles();
  const body = clear(document.getElementById('targets'));
  for (const t of pick(n, 'targets') || []) {
    const indicator = pick(t, 'indicator') || '';
    const trajectory = pick(t, 'trajectory') || {};
    body.append(el('tr', {},
      el('th', { scope: 'row', text: indicator }),
      el('td', { text: pick(t, 'title', 'indicatorTitle') || titles[indicator]?.title || '' }),
      el('td', { text: pick(t, 'kind') || '' }),
      el('td', { text: [].concat(pick(t, 'leadPartners') || []).join(', ') }),
      el('td', { text: pick(t, 'baseline') ?? '' }),
      el('td', { text: trajectoryText(t, trajectory) })));
  }
}

/** The values by year, the direction that counts as better, and why a trajectory that gets worse does. */
function trajectoryText(t, trajectory) {
  const higher = pick(t, 'higherIsBetter');
  const direction = higher === true ? ' (higher is better)' : higher === false ? ' (lower is better)' : '';
  const why = pick(t, 'justification');
  return Object.entries(trajectory).map(([year, value]) => `${year}: ${value}`).join('; ')
    + direction + (why ? `. Gets worse before it improves, because: ${why}` : '');
}

function timelineEntries(n) {
  return (pick(n, 'timeline') || []).map(entry => ({
    at: pick(entry, 'at', 'time', 'timestamp', 'occurredAt'),
    text: pick(entry, 'description', 'text', 'summary', 'event', 'kind', 'what') || JSON.stringify(entry),
  }));
}

function renderTimeline(n) {
  const list = clear(document.getElementById('timeline'));
  for (const entry of timelineEntries(n)) {
    list.append(el('li', {}, el('time', { datetime: entry.at || '', text: formatTime(entry.at) }), entry.text));
  }
}

const SVG = 'http://www.w3.org/2000/svg';
function svg(tag, attrs = {}, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

/** The whole negotiation on one time axis: timetable milestones, events, and each partner's answer. */
function renderChart(n) {
  const holder = clear(document.getElementById('chart'));
  const timetable = pick(n, 'timetable') || {};
  const milestones = [
    ['Started', pick(n, 'createdAt')],
    ['Consultation opens', pick(timetable, 'consultationOpens')],
    ['Response deadline', pick(timetable, 'responseDeadline')],
    ['Sign-off deadline', pick(timetable, 'signOffDeadline')],
    ['Next deadline', deadlineParts(pick(n, 'nextDeadline')).at],
  ].filter(([, at]) => at);
  const events = timelineEntries(n).filter(e => e.at);
  const partners = pick(n, 'partners') || [];
  const times = [...milestones.map(([, at]) => at), ...events.map(e => e.at), ...partners.flatMap(p => [pick(p, 'answeredAt'), pick(p, 'deadline')]).filter(Boolean)]
    .map(at => new Date(at).getTime()).filter(t => !Number.isNaN(t));
  if (times.length === 0) { holder.append(el('p', { class: 'muted', text: 'No dates yet.' })); return; }
  const start = Math.min(...times), end = Math.max(...times, start + 86400000);
  const width = 1000, left = 180, right = 20, rowHeight = 22, top = 34;
  const height = top + (partners.length + 2) * rowHeight + 20;
  const x = t => left + ((t - start) / (end - start)) * (width - left - right);
  const chart = svg('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-labelledby': 'chart-title chart-desc', width: '100%' });
  chart.append(svg('title', { id: 'chart-title' }, 'Timetable of the negotiation'));
  chart.append(svg('desc', { id: 'chart-desc' },
    `From ${formatTime(new Date(start))} to ${formatTime(new Date(end))}: ${milestones.map(([name, at]) => `${name} ${formatTime(at)}`).join('; ')}.`));
  // Month ticks.
  const tick = new Date(start); tick.setUTCDate(1); tick.setUTCHours(0, 0, 0, 0);
  while (tick.getTime() <= end) {
    if (tick.getTime() >= start) {
      const tx = x(tick.getTime());
      chart.append(svg('line', { x1: tx, x2: tx, y1: top - 8, y2: height - 10, stroke: '#e1e5ec' }));
      chart.append(svg('text', { x: tx + 2, y: 12 }, tick.toISOString().slice(0, 7)));
    }
    tick.setUTCMonth(tick.getUTCMonth() + 1);
  }
  for (const [name, at] of milestones) {
    const mx = x(new Date(at).getTime());
    chart.append(svg('line', { x1: mx, x2: mx, y1: top - 8, y2: height - 10, stroke: '#b3261e', 'stroke-dasharray': '4 3' }));
    chart.append(svg('text', { x: mx + 3, y: 26, fill: '#b3261e' }, name));
  }
  chart.append(svg('text', { x: 4, y: top + rowHeight * 0.7 }, 'Events'));
  for (const e of events) {
    const circle = svg('circle', { cx: x(new Date(e.at).getTime()), cy: top + rowHeight / 2, r: 4, fill: '#1f5fa8' });
    circle.append(svg('title', {}, `${formatTime(e.at)} ${e.text}`));
    chart.append(circle);
  }
  partners.forEach((p, i) => {
    const y = top + (i + 1) * rowHeight;
    chart.append(svg('text', { x: 4, y: y + rowHeight * 0.7 }, String(pick(p, 'name', 'id')).slice(0, 26)));
    chart.append(svg('line', { x1: left, x2: width - right, y1: y + rowHeight / 2, y2: y + rowHeight / 2, stroke: '#eef0f4' }));
    const deadline = pick(p, 'deadline');
    if (deadline) {
      const dx = x(new Date(deadline).getTime());
      const mark = svg('line', { x1: dx, x2: dx, y1: y + 3, y2: y + rowHeight - 3, stroke: '#5b6475', 'stroke-width': 2 });
      mark.append(svg('title', {}, `${pick(p, 'name')}: answer due ${formatTime(deadline)}`));
      chart.append(mark);
    }
    const answered = pick(p, 'answeredAt');
    if (answered) {
      const status = String(pick(p, 'status'));
      const colour = status === 'endorsed' ? '#1f7a3a' : status === 'objected' ? '#b3261e' : '#9a6200';
      const mark = svg('rect', { x: x(new Date(answered).getTime()) - 5, y: y + rowHeight / 2 - 5, width: 10, height: 10, fill: colour });
      mark.append(svg('title', {}, `${pick(p, 'name')}: ${status} ${formatTime(answered)}`));
      chart.append(mark);
    }
  });
  holder.append(chart);
}

async function load() {
  if (!id) { say('No negotiation id in the address.', true); return; }
  try {
    current = await api(base);
    document.getElementById('title').textContent = `${pick(current, 'area') || id} negotiation`;
    document.title = `${pick(current, 'area') || id} · LaaWorkflow`;
    renderFacts(current);
    renderPartners(current);
    await renderTargets(current);
    renderTimeline(current);
    renderChart(current);
  } catch (error) {
    say(error.status === 404 ? 'There is no negotiation with that id.' : error.message, true);
  }
}

/** The targets as the revisions route takes them, from the negotiation as it stands. */
function targetsForRevision(n) {
  return (pick(n, 'targets') || []).map(t => {
    const target = { indicator: pick(t, 'indicator'), kind: pick(t, 'kind'), leadPartners: pick(t, 'leadPartners'), baseline: pick(t, 'baseline'), trajectory: pick(t, 'trajectory') };
    if (pick(t, 'higherIsBetter') !== undefined) target.higherIsBetter = pick(t, 'higherIsBetter');
    if (pick(t, 'justification')) target.justification = pick(t, 'justification');
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
  const partners = (pick(current, 'partners') || []).map(p => pick(p, 'id'));
  const values = await ask('Extend the answer deadline', [
    { name: 'partnerId', label: 'For partner (empty: every partner still to answer)', type: 'select', options: ['', ...partners] },
    { name: 'to', label: 'New deadline (UTC, ISO 8601, e.g. 2008-05-01T17:00:00Z)', required: true, value: deadlineParts(pick(current, 'nextDeadline')).at || '' },
  ]);
  if (values) await act('Extend deadline', `${base}/extend-deadline`, values);
});
document.getElementById('act-signoff').addEventListener('click', async () => {
  const values = await ask('Move the sign-off deadline (with the Government Office\'s agreement)', [
    { name: 'signOffDeadline', label: 'New sign-off deadline (UTC, ISO 8601, e.g. 2008-07-31T17:00:00Z)', required: true, value: pick(pick(current, 'timetable') || {}, 'signOffDeadline') || '' },
    { name: 'reason', label: 'Why (recorded on the timeline)', type: 'textarea', required: true },
    { name: 'agreedBy', label: 'Agreed for the Government Office by', required: true },
    { name: 'by', label: 'Your name (recorded)', required: true, value: sessionStorage.getItem('laaworkflow.adminName') || '' },
  ]);
  if (values) await act('Move the sign-off deadline', `${base}/sign-off-deadline`, values);
});
document.getElementById('act-withdraw').addEventListener('click', async () => {
  const values = await ask('Withdraw this negotiation', [
    { name: 'reason', label: 'Reason (recorded)', type: 'textarea', required: true },
    { name: 'by', label: 'Your name (recorded)', required: true, value: sessionStorage.getItem('laaworkflow.adminName') || '' },
  ]);
  if (values) await act('Withdraw', `${base}/withdraw`, values);
});

startPage();
autoRefresh(load, 3000);
