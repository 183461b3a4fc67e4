/**
 * The ticket queue: oldest first, with how long each has waited, filters for status, language,
 * channel and support queue (kept in the URL: #/queue?status=open&lang=ar&queue=returns) and a
 * "More" button for the next page. Above it, the support queues (queue-overview.ts): backlog,
 * oldest waiting, who is on shift, and the queues you watch.
 */
import { clear, h } from '../../shared/dom.ts';
import type { PageContext } from '../context.ts';
import { formatWaiting } from '../format.ts';
import { go } from '../router.ts';
import { alertArea, showError } from '../show-error.ts';
import type { Ticket } from '../types.ts';
import { queueOverview, type QueueOverview } from './queue-overview.ts';

const FILTERS = {
  status: ['open', 'claimed', 'answered', 'closed'],
  lang: ['', 'en', 'ar'],
  channel: ['', 'web', 'sms', 'whatsapp', 'alexa'],
} as const;

export async function queuePage(
  container: HTMLElement,
  params: Record<string, string>,
  { api, name }: PageContext,
): Promise<void> {
  const filter = {
    status: params.status || 'open',
    lang: params.lang ?? '',
    channel: params.channel ?? '',
    queue: params.queue ?? '',
  };
  const alert = alertArea();
  const body = h('tbody');
  const more = h('button', { type: 'button', className: 'more', hidden: true }, 'More');
  const empty = h('p', { className: 'muted', hidden: true }, 'No tickets match these filters.');

  const selects = (Object.keys(FILTERS) as (keyof typeof FILTERS)[]).map((key) => {
    const select = h(
      'select',
      { id: `filter-${key}`, name: key },
      FILTERS[key].map((value) =>
        h('option', { value, selected: value === filter[key] }, value === '' ? 'any' : value),
      ),
    );
    select.addEventListener('change', () => {
      const next = new URLSearchParams({ ...filter, [key]: select.value });
      for (const [k, v] of [...next]) if (!v) next.delete(k);
      go(`#/queue?${next}`);
    });
    return h('label', { className: 'filter' }, `${key} `, select);
  });
  // Support queue filter: its options come with the overview (support.json's queues).
  const queueSelect = h(
    'select',
    { id: 'filter-queue', name: 'queue' },
    h('option', { value: '' }, 'any'),
    filter.queue ? h('option', { value: filter.queue, selected: true }, filter.queue) : null,
  );
  queueSelect.addEventListener('change', () => {
    const next = new URLSearchParams({ ...filter, queue: queueSelect.value });
    for (const [k, v] of [...next]) if (!v) next.delete(k);
    go(`#/queue?${next}`);
  });
  selects.push(h('label', { className: 'filter' }, 'queue ', queueSelect));
  const overview = queueOverview(api, name, alert);
  const fillQueues = (queues: QueueOverview[]) => {
    clear(queueSelect);
    queueSelect.append(
      h('option', { value: '' }, 'any'),
      ...queues.map((q) => h('option', { value: q.id, selected: q.id === filter.queue }, q.name)),
    );
  };

  container.append(
    h('h1', {}, 'Ticket queue'),
    overview.element,
    h('div', { className: 'filters', role: 'group', 'aria-label': 'Filters' }, selects),
    alert,
    h(
      'table',
      { className: 'queue' },
      h('caption', { className: 'sr' }, `Tickets with status ${filter.status}, oldest first`),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ['Ref', 'Question', 'Lang', 'Channel', 'Queue', 'Reason', 'Status', 'Waiting'].map((c) =>
            h('th', { scope: 'col' }, c),
          ),
        ),
      ),
      body,
    ),
    empty,
    more,
  );

  let cursor: string | undefined;
  const load = async () => {
    more.disabled = true;
    try {
      const page = await api.listTickets({ ...filter, ...(cursor ? { cursor } : {}) });
      const now = new Date();
      body.append(...page.items.map((ticket) => row(ticket, now)));
      cursor = page.nextCursor;
      more.hidden = !cursor;
      empty.hidden = body.rows.length > 0;
    } catch (error) {
      showError(error, alert);
    } finally {
      more.disabled = false;
    }
  };
  more.addEventListener('click', () => void load());
  clear(body);
  await Promise.all([load(), overview.load().then(fillQueues)]);
}

function row(ticket: Ticket, now: Date): HTMLTableRowElement {
  const href = `#/tickets/${encodeURIComponent(ticket.ref)}`;
  return h(
    'tr',
    { 'data-ref': ticket.ref },
    h('td', {}, h('a', { href, className: 'ref' }, ticket.ref)),
    h('td', { dir: 'auto', className: 'question' }, ticket.question),
    // data-label: the column's name, shown before the value when a row is a card (phone width)
    h('td', { 'data-label': 'Lang' }, ticket.lang),
    h('td', { 'data-label': 'Channel' }, ticket.channel),
    h('td', { 'data-label': 'Queue' }, ticket.queue ?? 'default'),
    h('td', { 'data-label': 'Reason' }, ticket.reason),
    h('td', {}, h('span', { className: `status ${ticket.status}` }, ticket.status)),
    h('td', { title: ticket.createdAt }, formatWaiting(ticket.createdAt, now)),
  );
}
