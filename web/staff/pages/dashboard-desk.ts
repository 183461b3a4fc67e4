/**
 * The dashboard's desk sections: first-response time (per queue and agent), agents (who is on
 * shift, tickets handled), customer satisfaction, abandonment, conversation duration and where
 * chats start — charts per period and tables, each table with a CSV download of the same numbers
 * by period (GET /api/staff/analytics.csv, fetched with the desk's credentials).
 */
import { h } from '../../shared/dom.ts';
import { duration, lineChart, percent, stackedBarChart } from '../charts.ts';
import type { PageContext } from '../context.ts';
import { showError } from '../show-error.ts';
import type { AnalyticsFilter } from '../staff-api.ts';
import type {
  AnalyticsReport,
  CsatSummary,
  DurationSummary,
  FirstResponseSummary,
} from './dashboard-api.ts';

type Cell = string | number;

const AGENT_COLORS = [
  '#0f6b4f',
  '#3d6fb6',
  '#e0a100',
  '#a1241b',
  '#6a4fb3',
  '#2a9d8f',
  '#b5651d',
  '#5c6b73',
];

/** What every section needs: the report, the filters it was made with, and how to export. */
export interface DeskContext {
  report: AnalyticsReport;
  filter: AnalyticsFilter;
  context: PageContext;
  alert: HTMLElement;
}

/** The desk's sections, in reading order. */
export function deskSections(desk: DeskContext): HTMLElement[] {
  return [
    firstResponseSection(desk),
    agentsSection(desk),
    csatSection(desk),
    abandonmentSection(desk),
    conversationsSection(desk),
    startPagesSection(desk),
  ];
}

/** "per day", "per week", "per month". */
export function perPeriod(report: AnalyticsReport): string {
  return `per ${report.desk.period}`;
}

/** A button that downloads one of the report's tables as CSV. */
export function csvButton(desk: DeskContext, name: string, label = 'Download CSV'): HTMLElement {
  const button = h('button', { type: 'button', className: 'csv', 'data-export': name }, label);
  button.addEventListener('click', async () => {
    button.setAttribute('disabled', '');
    try {
      const file = await desk.context.api.analyticsCsv(name, desk.filter);
      const url = URL.createObjectURL(file.data);
      const link = h('a', { href: url, download: file.fileName, hidden: true });
      document.body.append(link);
      link.click();
      link.remove();
      // The download has started from the link; the object URL is not needed for long.
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (error) {
      showError(error, desk.alert);
    } finally {
      button.removeAttribute('disabled');
    }
  });
  return button;
}

/** A simple table (a caption for screen readers, a header row, one row per entry). */
export function dataTable(
  className: string,
  caption: string,
  columns: string[],
  rows: Cell[][],
  empty: string,
): HTMLElement {
  if (rows.length === 0) return h('p', { className: `muted ${className}` }, empty);
  return h(
    'table',
    { className: `queue desk-table ${className}` },
    h('caption', { className: 'sr' }, caption),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        columns.map((c) => h('th', { scope: 'col' }, c)),
      ),
    ),
    h(
      'tbody',
      {},
      rows.map((row) =>
        h(
          'tr',
          {},
          row.map((cell) => h('td', {}, String(cell))),
        ),
      ),
    ),
  );
}

function section(name: string, title: string, ...children: (HTMLElement | null)[]): HTMLElement {
  return h(
    'section',
    { className: 'desk-section', 'data-section': name },
    h('h2', {}, title),
    ...children.filter((c): c is HTMLElement => c !== null),
  );
}

function tiles(...items: [label: string, value: string, name: string][]): HTMLElement {
  return h(
    'div',
    { className: 'tiles' },
    items.map(([label, value, name]) =>
      h(
        'div',
        { className: 'tile', 'data-metric': name },
        h('span', { className: 'value' }, value),
        h('span', { className: 'label' }, label),
      ),
    ),
  );
}

function toolbar(...buttons: HTMLElement[]): HTMLElement {
  return h('div', { className: 'exports' }, buttons);
}

const time = (v: number | null) => (v === null ? '–' : duration(v));
const share = (v: number | null) => (v === null ? '–' : percent(v));
const rating = (v: number | null) => (v === null ? '–' : v.toFixed(2));
const durationCells = (d: DurationSummary): Cell[] => [
  d.count,
  time(d.medianSeconds),
  time(d.p90Seconds),
];
const firstResponseCells = (d: FirstResponseSummary): Cell[] => [
  ...durationCells(d),
  time(d.meanSeconds),
];
const csatCells = (c: CsatSummary): Cell[] => [
  c.ratings,
  rating(c.average),
  share(c.satisfiedShare),
];

function chartSpec(report: AnalyticsReport) {
  const range = `${report.query.from} to ${report.query.to}`;
  const labels = report.desk.periods;
  const heading = report.desk.period[0]!.toUpperCase() + report.desk.period.slice(1);
  return { range, labels, labelHeading: heading };
}

function firstResponseSection(desk: DeskContext): HTMLElement {
  const { report } = desk;
  const fr = report.desk.firstResponse;
  const { range, labels, labelHeading } = chartSpec(report);
  return section(
    'first-response',
    'First response',
    tiles(
      ['Tickets answered', String(fr.total.count), 'first-response-count'],
      ['First response (median)', time(fr.total.medianSeconds), 'first-response-median'],
      ['First response (p90)', time(fr.total.p90Seconds), 'first-response-p90'],
      ['First response (mean)', time(fr.total.meanSeconds), 'first-response-mean'],
    ),
    h(
      'div',
      { className: 'charts' },
      lineChart({
        id: 'first-response-period',
        title: `Time to first staff reply ${perPeriod(report)}`,
        description: `Median and 90th percentile time from a ticket opening to its first staff reply, by the ${report.desk.period} of the reply, ${range}.`,
        labels,
        labelHeading,
        format: duration,
        series: [
          { name: 'median', color: '#3d6fb6', values: fr.series.map((p) => p.medianSeconds) },
          { name: 'p90', color: '#a1241b', values: fr.series.map((p) => p.p90Seconds) },
        ],
      }),
    ),
    toolbar(csvButton(desk, 'first-response', `CSV ${perPeriod(report)}`)),
    h('h3', {}, 'By queue'),
    dataTable(
      'first-response-queues',
      'First response by queue',
      ['Queue', 'Answered', 'Median', 'p90', 'Mean'],
      fr.byQueue.map((q) => [q.name, ...firstResponseCells(q)]),
      'No ticket was answered in this period.',
    ),
    toolbar(csvButton(desk, 'first-response-by-queue')),
    h('h3', {}, 'By agent'),
    dataTable(
      'first-response-agents',
      'First response by agent',
      ['Agent', 'Answered', 'Median', 'p90', 'Mean'],
      fr.byAgent.map((a) => [a.agent, ...firstResponseCells(a)]),
      'No ticket was answered in this period.',
    ),
    toolbar(csvButton(desk, 'first-response-by-agent')),
  );
}

function agentsSection(desk: DeskContext): HTMLElement {
  const { report } = desk;
  const agents = report.desk.agents;
  const { range, labels, labelHeading } = chartSpec(report);
  const onShift =
    agents.onShift === null
      ? h('p', { className: 'muted on-shift' }, 'Who is on shift is not available.')
      : agents.onShift.length === 0
        ? h('p', { className: 'muted on-shift' }, 'Nobody is on shift right now.')
        : h(
            'ul',
            { className: 'on-shift', 'aria-label': 'On shift now' },
            agents.onShift.map((p) =>
              h(
                'li',
                {},
                h('strong', {}, p.staff),
                p.queues.length ? ` (${p.queues.join(', ')})` : ' (no queue watched)',
              ),
            ),
          );
  return section(
    'agents',
    'Agents',
    h('h3', {}, 'On shift now'),
    onShift,
    agents.series.length
      ? h(
          'div',
          { className: 'charts' },
          stackedBarChart({
            id: 'handled',
            title: `Tickets handled ${perPeriod(report)} by agent`,
            description: `Distinct tickets each agent replied to or closed, per day, added up ${perPeriod(report)}, ${range}; the ${agents.series.length} busiest agents.`,
            labels,
            labelHeading,
            series: agents.series.map((s, i) => ({
              name: s.agent,
              color: AGENT_COLORS[i % AGENT_COLORS.length]!,
              values: s.handled,
            })),
          }),
        )
      : null,
    dataTable(
      'agents',
      'Agent activity',
      [
        'Agent',
        'On shift',
        'Tickets handled',
        'Tickets replied',
        'Replies',
        'Closed',
        'First response (median)',
        'CSAT',
        'Last active',
      ],
      agents.rows.map((a) => [
        a.agent,
        a.onShift ? 'yes' : 'no',
        a.handled,
        a.ticketsReplied,
        a.replies,
        a.closes,
        time(a.firstResponse.medianSeconds),
        rating(a.csat.average),
        a.lastActive ?? '–',
      ]),
      'No agent activity in this period.',
    ),
    toolbar(csvButton(desk, 'agent-activity')),
  );
}

function csatSection(desk: DeskContext): HTMLElement {
  const { report } = desk;
  const csat = report.desk.csat;
  const { range, labels, labelHeading } = chartSpec(report);
  return section(
    'csat',
    'Customer satisfaction',
    tiles(
      ['Ratings', String(csat.total.ratings), 'csat-ratings'],
      ['Average (1–5)', rating(csat.total.average), 'csat-average'],
      ['Satisfied (4–5)', share(csat.total.satisfiedShare), 'csat-satisfied'],
    ),
    h(
      'div',
      { className: 'charts' },
      lineChart({
        id: 'csat',
        title: `Satisfied customers ${perPeriod(report)}`,
        description: `Share of the ratings given that were 4 or 5, ${perPeriod(report)}, ${range}.`,
        labels,
        labelHeading,
        minMax: 1,
        format: percent,
        series: [
          {
            name: 'satisfied (4–5)',
            color: '#0f6b4f',
            values: csat.series.map((p) => p.satisfiedShare),
          },
        ],
      }),
    ),
    toolbar(csvButton(desk, 'csat', `CSV ${perPeriod(report)}`)),
    h('h3', {}, 'By queue'),
    dataTable(
      'csat-queues',
      'CSAT by queue',
      ['Queue', 'Ratings', 'Average', 'Satisfied'],
      csat.byQueue.map((q) => [q.name, ...csatCells(q)]),
      'No ratings in this period.',
    ),
    toolbar(csvButton(desk, 'csat-by-queue')),
    h('h3', {}, 'By agent'),
    dataTable(
      'csat-agents',
      'CSAT by agent',
      ['Agent', 'Ratings', 'Average', 'Satisfied'],
      csat.byAgent.map((a) => [a.agent, ...csatCells(a)]),
      'No ratings in this period.',
    ),
    toolbar(csvButton(desk, 'csat-by-agent')),
  );
}

function abandonmentSection(desk: DeskContext): HTMLElement {
  const { report } = desk;
  const ab = report.desk.abandonment;
  const { range, labels, labelHeading } = chartSpec(report);
  return section(
    'abandonment',
    'Abandonment',
    h(
      'p',
      { className: 'muted definition' },
      'A closed ticket counts as abandoned when nobody replied to it, or when the first reply came more than 30 minutes (web chat) or 24 hours (other channels) after the customer’s last message. Counted on the day the ticket was closed.',
    ),
    tiles(
      ['Abandoned', share(ab.total.rate), 'abandonment-rate'],
      ['Abandoned / closed', `${ab.total.abandoned} / ${ab.total.closed}`, 'abandonment-count'],
    ),
    h(
      'div',
      { className: 'charts' },
      lineChart({
        id: 'abandonment',
        title: `Abandoned tickets ${perPeriod(report)}`,
        description: `Share of the tickets closed ${perPeriod(report)} whose customer left before a person replied, ${range}.`,
        labels,
        labelHeading,
        minMax: 1,
        format: percent,
        series: [{ name: 'abandoned', color: '#a1241b', values: ab.series.map((p) => p.rate) }],
      }),
    ),
    toolbar(csvButton(desk, 'abandonment', `CSV ${perPeriod(report)}`)),
    dataTable(
      'abandonment-queues',
      'Abandonment by queue',
      ['Queue', 'Closed', 'Abandoned', 'Rate'],
      ab.byQueue.map((q) => [q.name, q.closed, q.abandoned, share(q.rate)]),
      'No ticket was closed in this period.',
    ),
    toolbar(csvButton(desk, 'abandonment-by-queue')),
  );
}

function conversationsSection(desk: DeskContext): HTMLElement {
  const { report } = desk;
  const cd = report.desk.conversationDuration;
  const { range, labels, labelHeading } = chartSpec(report);
  return section(
    'conversation-duration',
    'Conversation duration',
    tiles(
      ['Conversations timed', String(cd.total.count), 'duration-count'],
      ['Duration (median)', time(cd.total.medianSeconds), 'duration-median'],
      ['Duration (p90)', time(cd.total.p90Seconds), 'duration-p90'],
    ),
    h(
      'div',
      { className: 'charts' },
      stackedBarChart({
        id: 'duration-bands',
        title: 'Conversations by duration',
        description: `How long conversations lasted, from the first message to the last, for conversations that started ${range}.`,
        labels: cd.bands.map((b) => b.label),
        labelHeading: 'Duration',
        axisLabel: (label) => label,
        series: [
          {
            name: 'conversations',
            color: '#3d6fb6',
            values: cd.bands.map((b) => b.conversations),
          },
        ],
      }),
      lineChart({
        id: 'duration-period',
        title: `Conversation duration ${perPeriod(report)} (median)`,
        description: `Median time from a conversation's first message to its last, by the ${report.desk.period} it started, ${range}.`,
        labels,
        labelHeading,
        format: duration,
        series: [
          { name: 'median', color: '#0f6b4f', values: cd.series.map((p) => p.medianSeconds) },
        ],
      }),
    ),
    toolbar(csvButton(desk, 'conversation-duration', `CSV ${perPeriod(report)}`)),
  );
}

function startPagesSection(desk: DeskContext): HTMLElement {
  const sp = desk.report.desk.startPages;
  return section(
    'start-pages',
    'Where chats start',
    h(
      'p',
      { className: 'muted' },
      `${sp.conversations} web conversations named the page the chat was opened on (${sp.pages} pages).`,
    ),
    dataTable(
      'start-pages',
      'Pages where chats started',
      ['Page', 'Conversations'],
      sp.rows.map((r) => [r.page, r.conversations]),
      'No chat named its start page in this period.',
    ),
    toolbar(csvButton(desk, 'start-pages')),
  );
}
