/**
 * The queue page's overview of support queues (GET /api/staff/queues): per queue its backlog
 * (open, claimed, oldest waiting), whether it is open now, who is on shift and what a customer
 * handed over now is told; a "Watch" box per queue (kept in localStorage, sent with the desk's
 * heartbeat: watching a queue puts you on shift for it) and a link that filters the tickets.
 */
import type { QueueOverview } from '#core/support/support-desk.ts';
import { clear, h } from '../../shared/dom.ts';
import { formatTime, formatWaiting } from '../format.ts';
import { onPresence, setWatchedQueues, watchedQueues } from '../presence.ts';
import { showError } from '../show-error.ts';
import type { StaffApi } from '../staff-api.ts';

export type { QueueOverview };

/** `GET /api/staff/queues`. */
export function fetchQueues(api: StaffApi): Promise<{ timeZone: string; items: QueueOverview[] }> {
  return api.request('GET', '/api/staff/queues');
}

/**
 * The overview section; `load()` (re)reads it and resolves with the queues (also for the
 * page's queue filter). It stops following the heartbeat once it has left the page.
 */
export function queueOverview(
  api: StaffApi,
  name: string,
  alert: HTMLElement,
): { element: HTMLElement; load(): Promise<QueueOverview[]> } {
  const list = h('ul', { className: 'items queue-overview', 'aria-label': 'Support queues' });
  const shift = h('p', { className: 'muted shift-status', role: 'status' });
  const element = h(
    'section',
    { className: 'queues', 'aria-labelledby': 'queues-heading' },
    h('h2', { id: 'queues-heading' }, 'Queues'),
    shift,
    list,
  );
  let queues: QueueOverview[] = [];
  let timeZone: string | undefined;

  let shown = false;
  const stop = onPresence((state) => {
    if (shown && !element.isConnected) return void stop();
    if (state.error) {
      shift.textContent = `Not on shift: ${state.error}`;
    } else if (state.queues.length === 0) {
      shift.textContent =
        'You are not on shift: tick the queues you watch. Customers are told when the team is back.';
    } else {
      const names = state.queues.map((id) => queues.find((q) => q.id === id)?.name ?? id);
      const until = state.until ? ` (until ${formatTime(state.until)}, renewed every minute)` : '';
      shift.textContent = `On shift for ${names.join(', ')}${until}.`;
    }
  });

  const render = (now: Date) => {
    const watching = new Set(watchedQueues(name));
    clear(list);
    list.append(
      ...queues.map((queue) => {
        const box = h('input', {
          type: 'checkbox',
          id: `watch-${queue.id}`,
          className: 'watch',
          'data-queue': queue.id,
          checked: watching.has(queue.id),
        });
        box.addEventListener('change', () => {
          const next = new Set(watchedQueues(name));
          if (box.checked) next.add(queue.id);
          else next.delete(queue.id);
          void setWatchedQueues(name, [...next])
            .then(() => load())
            .then(() => document.getElementById(`watch-${queue.id}`)?.focus());
        });
        const waiting = queue.oldestWaitingSince
          ? `oldest ${formatWaiting(queue.oldestWaitingSince, now)}`
          : 'nothing waiting';
        const hours = queue.openNow
          ? `open now · ${queue.onShift.length ? `on shift: ${queue.onShift.join(', ')}` : 'nobody on shift'}`
          : `closed${queue.nextOpening ? ` · opens ${storeTime(queue.nextOpening, timeZone)}` : ''}`;
        const told =
          queue.promise === 'minutes'
            ? 'customers hear: within minutes'
            : queue.promise === 'when-free'
              ? 'customers hear: as soon as someone is free'
              : 'customers hear: when the team is back';
        return h(
          'li',
          { 'data-queue': queue.id },
          h('label', { for: `watch-${queue.id}` }, box, ' Watch '),
          h('a', { href: `#/queue?queue=${encodeURIComponent(queue.id)}` }, queue.name),
          ' ',
          h('span', { className: 'badge backlog-open' }, `${queue.open} open`),
          h('span', { className: 'badge backlog-claimed' }, `${queue.claimed} claimed`),
          h('span', { className: 'badge backlog-oldest' }, waiting),
          h('div', { className: 'muted' }, `${hours}; ${told}`),
        );
      }),
    );
  };

  const load = async (): Promise<QueueOverview[]> => {
    try {
      const answer = await fetchQueues(api);
      queues = answer.items;
      timeZone = answer.timeZone;
      // Queues removed from support.json are no longer watched (the server would refuse them).
      const known = watchedQueues(name).filter((id) => queues.some((q) => q.id === id));
      if (known.length !== watchedQueues(name).length) await setWatchedQueues(name, known);
      render(new Date());
      shown = true;
    } catch (error) {
      showError(error, alert);
    }
    return queues;
  };

  return { element, load };
}

/** A time as the store's clock shows it ("3 Dec, 08:00 Asia/Riyadh"): queue hours are the store's. */
function storeTime(iso: string, timeZone: string | undefined): string {
  if (!timeZone) return formatTime(iso);
  try {
    const text = new Date(iso).toLocaleString(undefined, {
      timeZone,
      day: 'numeric',
      month: 'short',
      hour: '2-digit',
      minute: '2-digit',
    });
    return `${text} ${timeZone}`;
  } catch {
    return formatTime(iso);
  }
}
