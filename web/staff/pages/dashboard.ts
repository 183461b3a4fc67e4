/**
 * The dashboard: how much the bot resolves, how the desk is doing, and what writers should write
 * next. Filters (date range, channel, language, queue, period) live in the hash
 * (`#/dashboard?from=&to=&channel=&lang=&queue=&period=`); the page reads the analytics API and
 * the gap clusters and draws small accessible SVG charts (each with a data table), tiles for the
 * totals, tables for top articles and gap clusters, and the desk sections (dashboard-desk.ts:
 * first response, agents, CSAT, abandonment, conversation duration, start pages). Tables can be
 * downloaded as CSV.
 */
import { h } from '../../shared/dom.ts';
import { duration, lineChart, percent, stackedBarChart } from '../charts.ts';
import type { PageContext } from '../context.ts';
import { formatConfidence } from '../format.ts';
import { go } from '../router.ts';
import { alertArea, showError } from '../show-error.ts';
import type { AnalyticsFilter } from '../staff-api.ts';
import type { AnalyticsReport } from './dashboard-api.ts';
import { csvButton, deskSections, type DeskContext } from './dashboard-desk.ts';
import { addDashboardStyles } from './dashboard-styles.ts';
import { gapClustersTable } from './gap-clusters.ts';

/** Colours of the channels the charts know; another channel gets the fallback. */
const CHANNEL_COLORS: Record<string, string> = {
  web: '#0f6b4f',
  sms: '#e0a100',
  whatsapp: '#25744a',
  alexa: '#3d6fb6',
};
const OTHER_CHANNEL_COLOR = '#6b7771';
const FILTERS = ['from', 'to', 'channel', 'lang', 'queue', 'period'] as const;

export async function dashboardPage(
  container: HTMLElement,
  params: Record<string, string>,
  context: PageContext,
): Promise<void> {
  addDashboardStyles();
  const alert = alertArea();
  const body = h('div', { className: 'dashboard', 'aria-busy': 'true' });
  container.append(h('h1', {}, 'Dashboard'), filters(params), alert, body);
  try {
    const [report, gaps] = await Promise.all([
      context.api.analytics(filterOf(params)),
      context.api.gapClusters({ lang: params.lang, days: daysOf(params) }),
    ]);
    for (const name of ['from', 'to'] as const) {
      const field = container.querySelector<HTMLInputElement>(`input[name="${name}"]`);
      if (field && !field.value) field.value = report.query[name];
    }
    addQueueChoices(container, report, params.queue ?? '');
    // The exports use the range the report was made for (the server's default included).
    const filter: AnalyticsFilter = {
      ...filterOf(params),
      from: report.query.from,
      to: report.query.to,
      period: report.desk.period,
    };
    const desk: DeskContext = { report, filter, context, alert };
    body.append(
      tiles(report),
      h('h2', {}, 'Questions'),
      charts(report),
      h('div', { className: 'exports' }, csvButton(desk, 'traffic', 'CSV of the traffic')),
      h('h2', {}, 'Top articles'),
      articlesTable(report),
      h('div', { className: 'exports' }, csvButton(desk, 'articles')),
      ...deskSections(desk),
      h('h2', {}, `What to write next (gaps ${gaps.from} to ${gaps.to})`),
      gapClustersTable(gaps.clusters),
    );
  } catch (error) {
    showError(error, alert);
  } finally {
    body.setAttribute('aria-busy', 'false');
  }
}

function filters(params: Record<string, string>): HTMLElement {
  const input = (name: string, label: string) =>
    h(
      'label',
      { className: 'filter' },
      `${label} `,
      h('input', { type: 'date', name, value: params[name] ?? '' }),
    );
  const select = (name: string, label: string, values: string[]) =>
    h(
      'label',
      { className: 'filter' },
      `${label} `,
      h(
        'select',
        { name },
        values.map((v) =>
          h('option', { value: v, selected: (params[name] ?? '') === v }, v || 'all'),
        ),
      ),
    );
  const form = h(
    'form',
    { className: 'filters', 'aria-label': 'Dashboard filters' },
    input('from', 'From'),
    input('to', 'To'),
    select('channel', 'Channel', ['', 'web', 'sms', 'whatsapp', 'alexa']),
    select('lang', 'Language', ['', 'en', 'ar']),
    // Filled with the configured queues once the report names them.
    select('queue', 'Queue', params.queue ? ['', params.queue] : ['']),
    select('period', 'By', ['day', 'week', 'month']),
    h('button', { type: 'submit', className: 'primary' }, 'Show'),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const query = new URLSearchParams();
    for (const [key, value] of new FormData(form))
      if (typeof value === 'string' && value) query.set(key, value);
    go(`#/dashboard${query.size ? `?${query}` : ''}`);
  });
  return form;
}

/** The report's filters from the page's parameters (nothing else goes to the API). */
function filterOf(params: Record<string, string>): AnalyticsFilter {
  const filter: AnalyticsFilter = {};
  for (const name of FILTERS) if (params[name]) filter[name] = params[name];
  return filter;
}

/** The queue filter's choices: every configured queue, by name. */
function addQueueChoices(container: HTMLElement, report: AnalyticsReport, current: string): void {
  const select = container.querySelector<HTMLSelectElement>('select[name="queue"]');
  if (!select) return;
  select.replaceChildren(
    h('option', { value: '', selected: current === '' }, 'all'),
    ...report.desk.queues.map((q) =>
      h('option', { value: q.id, selected: current === q.id }, q.name),
    ),
  );
}

function daysOf(params: Record<string, string>): string | undefined {
  if (!params.from) return undefined;
  const days = Math.round((Date.now() - Date.parse(params.from)) / 86_400_000) + 1;
  return String(Math.min(366, Math.max(1, days)));
}

function tiles(report: AnalyticsReport): HTMLElement {
  const t = report.totals;
  const rate = (v: number | null) => (v === null ? '–' : percent(v));
  const time = (v: number | null) => (v === null ? '–' : duration(v));
  const tile = (label: string, value: string, name: string) =>
    h(
      'div',
      { className: 'tile', 'data-metric': name },
      h('span', { className: 'value' }, value),
      h('span', { className: 'label' }, label),
    );
  return h(
    'div',
    { className: 'tiles' },
    tile('Conversations', String(t.conversations), 'conversations'),
    tile('Questions', String(t.questions), 'questions'),
    tile('Contained (no ticket)', rate(t.containment), 'containment'),
    tile('Clarified', rate(t.clarifyRate), 'clarify'),
    tile('Escalated', rate(t.escalationRate), 'escalation'),
    tile('Thumbs up / down', `${t.up} / ${t.down}`, 'feedback'),
    tile('Tickets opened / closed', `${t.ticketsOpened} / ${t.ticketsClosed}`, 'tickets'),
    tile(
      'First reply (median / p90)',
      `${time(t.timeToFirstReply.medianSeconds)} / ${time(t.timeToFirstReply.p90Seconds)}`,
      'first-reply',
    ),
    tile('Close (median)', time(t.timeToClose.medianSeconds), 'close'),
    tile(
      'Waiting now',
      `${report.backlog.open + report.backlog.claimed}${report.backlog.oldestWaitingSeconds !== null ? ` · oldest ${duration(report.backlog.oldestWaitingSeconds)}` : ''}`,
      'backlog',
    ),
  );
}

function charts(report: AnalyticsReport): HTMLElement {
  const labels = report.days.map((d) => d.day);
  const channels = (
    Object.keys(
      report.totals.questionsByChannel,
    ) as (keyof typeof report.totals.questionsByChannel)[]
  ).filter((c) => !report.query.channel || report.query.channel === c);
  const range = `${report.query.from} to ${report.query.to}`;
  return h(
    'div',
    { className: 'charts' },
    stackedBarChart({
      id: 'questions',
      title: 'Questions per day by channel',
      description: `Questions asked each day from ${range}, stacked by channel; ${report.totals.questions} in total.`,
      labels,
      series: channels.map((c) => ({
        name: c,
        color: CHANNEL_COLORS[c] ?? OTHER_CHANNEL_COLOR,
        values: report.days.map((d) => d.questionsByChannel[c]),
      })),
    }),
    lineChart({
      id: 'rates',
      title: 'Containment, clarification and escalation',
      description: `Share of each day's questions that were contained, clarified or escalated, ${range}.`,
      labels,
      minMax: 1,
      format: percent,
      series: [
        { name: 'contained', color: '#0f6b4f', values: report.days.map((d) => d.containment) },
        { name: 'clarified', color: '#e0a100', values: report.days.map((d) => d.clarifyRate) },
        { name: 'escalated', color: '#a1241b', values: report.days.map((d) => d.escalationRate) },
      ],
    }),
    stackedBarChart({
      id: 'feedback',
      title: 'Feedback per day',
      description: `Thumbs up and down given on answers each day, ${range}.`,
      labels,
      series: [
        { name: 'thumbs up', color: '#0f6b4f', values: report.days.map((d) => d.up) },
        { name: 'thumbs down', color: '#a1241b', values: report.days.map((d) => d.down) },
      ],
    }),
    lineChart({
      id: 'tickets',
      title: 'Tickets opened and closed per day',
      description: `Tickets opened and closed each day, ${range}.`,
      labels,
      series: [
        { name: 'opened', color: '#e0a100', values: report.days.map((d) => d.ticketsOpened) },
        { name: 'closed', color: '#3d6fb6', values: report.days.map((d) => d.ticketsClosed) },
      ],
    }),
  );
}

function articlesTable(report: AnalyticsReport): HTMLElement {
  if (report.articles.length === 0)
    return h('p', { className: 'muted' }, 'No answers in this period.');
  return h(
    'table',
    { className: 'queue articles' },
    h('caption', { className: 'sr' }, 'Most used articles'),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        ['Article', 'Lang', 'Answers', 'Avg confidence', 'Up', 'Down'].map((l) =>
          h('th', { scope: 'col' }, l),
        ),
      ),
    ),
    h(
      'tbody',
      {},
      report.articles.slice(0, 20).map((a) =>
        h(
          'tr',
          {},
          h(
            'td',
            {},
            h(
              'a',
              {
                href: `/help/${a.lang}/${encodeURIComponent(a.articleId)}`,
                target: '_blank',
                rel: 'noopener',
              },
              a.articleId,
            ),
          ),
          h('td', {}, a.lang),
          h('td', {}, String(a.answers)),
          h('td', {}, a.averageConfidence === null ? '–' : formatConfidence(a.averageConfidence)),
          h('td', {}, String(a.up)),
          h('td', {}, String(a.down)),
        ),
      ),
    ),
  );
}
