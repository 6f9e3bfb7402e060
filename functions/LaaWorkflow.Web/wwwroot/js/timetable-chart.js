// The timetable chart of one negotiation: its milestones, a line at "now", the negotiation's own events and each
// partner's history on one time axis, with a legend and the same dates as a table for those who cannot see the chart.
import { el, clear, formatDate, partnerStatusName } from './app.js';

const SVG = 'http://www.w3.org/2000/svg';
const COLOURS = { opens: '#1f5fa8', due: '#5b6475', signOff: '#b3261e', now: '#14213d', ok: '#1f7a3a', bad: '#b3261e', warn: '#9a6200', info: '#49578a' };

function svg(tag, attrs = {}, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined && v !== null) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

/** A marker's shape, centred on x, y; a shape as well as a colour tells each kind apart. */
function shape(kind, x, y, colour) {
  const r = 6;
  switch (kind) {
    case 'triangle': return svg('path', { d: `M${x} ${y - r}L${x + r} ${y + r - 1}L${x - r} ${y + r - 1}Z`, fill: colour });
    case 'triangle-down': return svg('path', { d: `M${x - r} ${y - r + 1}L${x + r} ${y - r + 1}L${x} ${y + r}Z`, fill: colour });
    case 'diamond': return svg('path', { d: `M${x} ${y - r}L${x + r} ${y}L${x} ${y + r}L${x - r} ${y}Z`, fill: colour });
    case 'square': return svg('rect', { x: x - r + 1, y: y - r + 1, width: 2 * r - 2, height: 2 * r - 2, fill: colour });
    case 'ring': return svg('circle', { cx: x, cy: y, r: r - 1.5, fill: '#fff', stroke: colour, 'stroke-width': 2 });
    case 'cross': return svg('path', { d: `M${x - r + 1} ${y - r + 1}L${x + r - 1} ${y + r - 1}M${x + r - 1} ${y - r + 1}L${x - r + 1} ${y + r - 1}`, stroke: colour, 'stroke-width': 2.5 });
    case 'bar': return svg('rect', { x: x - 1.5, y: y - r - 2, width: 3, height: 2 * r + 4, fill: colour });
    default: return svg('circle', { cx: x, cy: y, r: r - 2, fill: colour });
  }
}

/** How each timeline kind is drawn on a partner's row, and what the legend calls it. */
const EVENT_STYLES = {
  invited: { shape: 'ring', colour: COLOURS.info, label: 'Invited' },
  'invitation-resent': { shape: 'ring', colour: COLOURS.info, label: 'Invitation resent' },
  reminded: { shape: 'dot', colour: COLOURS.warn, label: 'Reminded' },
  escalated: { shape: 'triangle-down', colour: COLOURS.bad, label: 'Escalated' },
  'no-response': { shape: 'cross', colour: COLOURS.bad, label: 'No response' },
  'deadline-extended': { shape: 'bar', colour: COLOURS.info, label: 'Deadline extended' },
};

function answerStyle(entry) {
  const text = entry.text || '';
  if (text.includes(' endorsed')) return { shape: 'square', colour: COLOURS.ok, label: 'Endorsed' };
  if (text.includes(' objected')) return { shape: 'square', colour: COLOURS.bad, label: 'Objected' };
  return { shape: 'square', colour: COLOURS.warn, label: 'Asked for changes' };
}

function styleOf(entry) {
  if (entry.kind === 'answered') return answerStyle(entry);
  return EVENT_STYLES[entry.kind] || null;
}

const LEGEND = [
  ['triangle', COLOURS.opens, 'Consultation opens'],
  ['diamond', COLOURS.due, 'Response deadline'],
  ['square', COLOURS.signOff, 'Sign-off deadline'],
  ['line', COLOURS.now, 'Now'],
  ['bar', COLOURS.due, "A partner's answer deadline"],
  ['ring', COLOURS.info, 'Invited'],
  ['dot', COLOURS.warn, 'Reminded'],
  ['triangle-down', COLOURS.bad, 'Escalated'],
  ['square', COLOURS.ok, 'Endorsed'],
  ['square', COLOURS.warn, 'Asked for changes'],
  ['square', COLOURS.bad, 'Objected'],
  ['cross', COLOURS.bad, 'No response'],
  ['diamond', COLOURS.info, 'Revision or phase change'],
];

function renderLegend() {
  const legend = document.getElementById('legend');
  if (!legend || legend.childElementCount) return;
  for (const [kind, colour, label] of LEGEND) {
    const icon = svg('svg', { width: 16, height: 16, viewBox: '0 0 16 16', 'aria-hidden': 'true', focusable: 'false' });
    icon.append(kind === 'line' ? svg('line', { x1: 8, x2: 8, y1: 0, y2: 16, stroke: colour, 'stroke-width': 2, 'stroke-dasharray': '3 2' }) : shape(kind, 8, 8, colour));
    legend.append(el('li', {}, icon, label));
  }
}

const time = at => new Date(at).getTime();

/** Draws the chart into #chart and its dates into #chart-table. */
export function renderChart(n) {
  renderLegend();
  const holder = clear(document.getElementById('chart'));
  const timetable = n.timetable || {};
  const now = n.now || new Date().toISOString();
  const milestones = [
    { mark: 'consultation-opens', label: 'Consultation opens', at: timetable.consultationOpens, shape: 'triangle', colour: COLOURS.opens },
    { mark: 'response-deadline', label: 'Response deadline', at: timetable.responseDeadline, shape: 'diamond', colour: COLOURS.due },
    { mark: 'sign-off-deadline', label: 'Sign-off deadline', at: timetable.signOffDeadline, shape: 'square', colour: COLOURS.signOff },
  ].filter(m => m.at);
  const agreementEvents = (n.timeline || []).filter(e => !e.partnerId && ['revised', 'phase', 'signoff-extended'].includes(e.kind));
  const partnerEvents = (n.timeline || []).filter(e => e.partnerId && styleOf(e));
  const partners = n.partners || [];

  const times = [n.createdAt, now, ...milestones.map(m => m.at), ...agreementEvents.map(e => e.at), ...partnerEvents.map(e => e.at),
    ...partners.map(p => p.deadline)].filter(Boolean).map(time).filter(t => !Number.isNaN(t));
  if (times.length === 0) { holder.append(el('p', { class: 'muted', text: 'No dates yet.' })); return; }
  const span = Math.max(...times) - Math.min(...times);
  const pad = Math.max(span * 0.03, 86_400_000);
  const start = Math.min(...times) - pad, end = Math.max(...times) + pad;
  const width = 1000, left = 200, right = 16, rowHeight = 28, axis = 22;
  const labelLines = 3, milestoneTop = axis + 6, milestoneHeight = labelLines * 15 + 22;
  const eventsTop = milestoneTop + milestoneHeight;
  const partnersTop = eventsTop + rowHeight;
  const nowTagTop = partnersTop + partners.length * rowHeight + 4;
  const height = nowTagTop + 18;
  const x = t => left + ((t - start) / (end - start)) * (width - left - right);

  const chart = svg('svg', { viewBox: `0 0 ${width} ${height}`, width: '100%', 'aria-hidden': 'true', focusable: 'false' });

  // Month ticks, labelled every month or every few on a long span.
  const months = Math.max(1, Math.round((end - start) / (30 * 86_400_000)));
  const every = months > 14 ? 3 : months > 7 ? 2 : 1;
  const tick = new Date(start); tick.setUTCDate(1); tick.setUTCHours(0, 0, 0, 0); tick.setUTCMonth(tick.getUTCMonth() + 1);
  for (let i = 0; tick.getTime() <= end; i++, tick.setUTCMonth(tick.getUTCMonth() + 1)) {
    const tx = x(tick.getTime());
    chart.append(svg('line', { x1: tx, x2: tx, y1: axis - 4, y2: nowTagTop, stroke: '#e6e9ef' }));
    if (i % every === 0 && tx < width - 40) {
      chart.append(svg('text', { x: tx + 3, y: 14, fill: '#5b6475' }, tick.toLocaleString('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' })));
    }
  }

  // Row labels and guides.
  const rowLabel = (text, y, full) => {
    const label = svg('text', { x: 6, y: y + 4 }, text);
    if (full && full !== text) label.append(svg('title', {}, full));
    chart.append(label);
  };
  rowLabel('Timetable', milestoneTop + milestoneHeight - 12);
  rowLabel('Negotiation', eventsTop + rowHeight / 2);
  partners.forEach((p, i) => {
    const y = partnersTop + i * rowHeight + rowHeight / 2;
    if (i % 2 === 0) chart.append(svg('rect', { x: 0, y: y - rowHeight / 2, width, height: rowHeight, fill: '#f7f8fa' }));
    const name = p.name.length > 27 ? `${p.name.slice(0, 26)}\u2026` : p.name;
    rowLabel(name, y, p.name);
  });
  chart.append(svg('line', { x1: left, x2: left, y1: axis - 4, y2: nowTagTop, stroke: '#c9ced8' }));

  // Milestones: a guide through every row, the marker, and a label on one of three lines so neighbours do not collide.
  const lineEnds = Array(labelLines).fill(-Infinity);
  const markerY = milestoneTop + milestoneHeight - 12;
  for (const m of [...milestones].sort((a, b) => time(a.at) - time(b.at))) {
    const mx = x(time(m.at));
    chart.append(svg('line', { x1: mx, x2: mx, y1: markerY, y2: nowTagTop, stroke: m.colour, 'stroke-dasharray': '4 3', 'stroke-opacity': 0.6 }));
    const group = svg('g', { 'data-mark': m.mark });
    group.append(shape(m.shape, mx, markerY, m.colour));
    const text = `${m.label}, ${formatDate(m.at, false)}`;
    const textWidth = text.length * 6.4;
    const anchorEnd = mx + textWidth > width - right;
    const from = anchorEnd ? mx - textWidth : mx - 4;
    let line = lineEnds.findIndex(e => e < from - 6);
    if (line < 0) line = labelLines - 1;
    lineEnds[line] = from + textWidth;
    const ly = milestoneTop + 10 + line * 15;
    group.append(svg('line', { x1: mx, x2: mx, y1: ly + 3, y2: markerY - 7, stroke: m.colour, 'stroke-width': 1 }));
    group.append(svg('text', { x: anchorEnd ? mx + 3 : mx - 3, y: ly, 'text-anchor': anchorEnd ? 'end' : 'start', fill: m.colour }, text));
    chart.append(group);
  }

  // The negotiation's own events: revisions, phase changes, a moved sign-off deadline.
  for (const e of agreementEvents) {
    const mark = shape('diamond', x(time(e.at)), eventsTop + rowHeight / 2, COLOURS.info);
    mark.setAttribute('data-event', e.kind);
    mark.append(svg('title', {}, `${formatDate(e.at)}: ${e.text}`));
    chart.append(mark);
  }

  // Each partner's answer deadline and whole history, not only the latest answer.
  partners.forEach((p, i) => {
    const y = partnersTop + i * rowHeight + rowHeight / 2;
    if (p.deadline) {
      const mark = shape('bar', x(time(p.deadline)), y, COLOURS.due);
      mark.append(svg('title', {}, `${p.name}: answer due ${formatDate(p.deadline)}`));
      chart.append(mark);
    }
    for (const e of partnerEvents.filter(e => e.partnerId === p.id)) {
      const style = styleOf(e);
      const mark = shape(style.shape, x(time(e.at)), y, style.colour);
      mark.setAttribute('data-event', e.kind);
      mark.append(svg('title', {}, `${formatDate(e.at)}: ${e.text}`));
      chart.append(mark);
    }
  });

  // Now, on the negotiation's own calendar.
  const nx = x(time(now));
  const nowGroup = svg('g', { 'data-mark': 'now' });
  // Its tag sits under the rows, clear of the milestones' labels above.
  nowGroup.append(svg('line', { x1: nx, x2: nx, y1: axis - 4, y2: nowTagTop, stroke: COLOURS.now, 'stroke-width': 2, 'stroke-dasharray': '6 3' }));
  nowGroup.append(svg('rect', { x: nx - 18, y: nowTagTop, width: 36, height: 16, rx: 3, fill: COLOURS.now }));
  nowGroup.append(svg('text', { x: nx, y: nowTagTop + 12, 'text-anchor': 'middle', fill: '#fff' }, 'Now'));
  chart.append(nowGroup);
  holder.append(chart);

  renderDates(n, now, milestones, agreementEvents, partnerEvents);
}

/** The chart's content as a table: every date it draws, in order. */
function renderDates(n, now, milestones, agreementEvents, partnerEvents) {
  const rows = [
    ...milestones.map(m => ({ at: m.at, what: m.label, who: 'Timetable' })),
    { at: now, what: n.now ? 'Now (the rehearsal\'s calendar)' : 'Now', who: '' },
    ...agreementEvents.map(e => ({ at: e.at, what: e.text, who: 'Negotiation' })),
    ...(n.partners || []).filter(p => p.deadline).map(p => ({ at: p.deadline, what: `Answer due (${partnerStatusName(p.status).toLowerCase()} now)`, who: p.name })),
    ...partnerEvents.map(e => ({ at: e.at, what: e.text, who: (n.partners || []).find(p => p.id === e.partnerId)?.name || e.partnerId })),
  ].sort((a, b) => time(a.at) - time(b.at));
  const table = el('table', { class: 'responsive' },
    el('caption', { class: 'sr-only', text: 'Dates on the timetable chart, earliest first' }),
    el('thead', {}, el('tr', {}, el('th', { scope: 'col', text: 'When' }), el('th', { scope: 'col', text: 'Who' }), el('th', { scope: 'col', text: 'What' }))),
    el('tbody', {}, rows.map(r => el('tr', {},
      el('td', { 'data-label': 'When' }, el('time', { datetime: r.at, text: formatDate(r.at) })),
      el('td', { 'data-label': 'Who', text: r.who || '—' }),
      el('td', { 'data-label': 'What', text: r.what })))));
  clear(document.getElementById('chart-table')).append(table);
}
