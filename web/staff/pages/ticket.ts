/**
 * One ticket: the question, transcript, candidate articles with confidences, how to reach the
 * customer, staff replies with delivery status, and the actions (claim, reply, close, reopen,
 * answered by article…, suggest an article). A refused action (409) shows the server's message
 * and the fresh ticket.
 */
import { clear, h } from '../../shared/dom.ts';
import type { PageContext } from '../context.ts';
import { formatConfidence, formatTime, formatWaiting } from '../format.ts';
import { alertArea, showError } from '../show-error.ts';
import type { TicketAction } from '../staff-api.ts';
import type { Ticket } from '../types.ts';
import { answeredByForm } from './answered-by-form.ts';
import { suggestForm } from './suggest-form.ts';

const ACTIONS: { action: TicketAction; label: string; when: Ticket['status'][] }[] = [
  { action: 'claim', label: 'Claim', when: ['open'] },
  { action: 'close', label: 'Close', when: ['open', 'claimed', 'answered'] },
  { action: 'reopen', label: 'Reopen', when: ['answered', 'closed'] },
];

export async function ticketPage(
  container: HTMLElement,
  params: Record<string, string>,
  { api }: PageContext,
): Promise<void> {
  const ref = params.ref ?? '';
  const alert = alertArea();
  const status = h('p', { className: 'ok', role: 'status' });
  const details = h('div', { className: 'ticket' });
  container.append(
    h('p', {}, h('a', { href: '#/queue' }, '← Back to the queue')),
    h('h1', {}, 'Ticket ', h('span', { className: 'ref' }, ref)),
    alert,
    status,
    details,
  );

  const run = async (label: string, act: () => Promise<Ticket>) => {
    alert.hidden = true;
    status.textContent = '';
    try {
      show(await act());
      status.textContent = label;
    } catch (error) {
      showError(error, alert);
      // show what the ticket looks like now (someone else may have changed it)
      await api.getTicket(ref).then(show, () => undefined);
    }
  };

  const show = (ticket: Ticket) => {
    clear(details);
    const buttons = ACTIONS.map(({ action, label, when }) => {
      const button = h('button', { type: 'button', className: `action ${action}` }, label);
      button.disabled = !when.includes(ticket.status);
      button.addEventListener('click', () => {
        button.disabled = true;
        void run(`${label}: done.`, () => api.act(ref, action));
      });
      return button;
    });
    const replyText = h('textarea', { id: 'reply-text', rows: 4, maxlength: 4000, dir: 'auto' });
    const replyForm = h(
      'form',
      { className: 'reply' },
      h('label', { for: 'reply-text' }, 'Reply to the customer (sent on their channel)'),
      replyText,
      h('button', { type: 'submit', className: 'primary' }, 'Send reply'),
    );
    replyForm.addEventListener('submit', (event) => {
      event.preventDefault();
      const text = replyText.value.trim();
      if (!text) return replyText.focus();
      void run('Reply sent.', () => api.reply(ref, text));
    });

    details.append(
      h(
        'p',
        { className: 'status-line' },
        h('span', { className: `status ${ticket.status}` }, ticket.status),
        ticket.claimedBy ? ` claimed by ${ticket.claimedBy}` : '',
        ` · ${formatWaiting(ticket.createdAt, new Date())}`,
      ),
      h('div', { className: 'actions', role: 'group', 'aria-label': 'Ticket actions' }, buttons),
      h('h2', {}, 'Question'),
      h('blockquote', { className: 'question', dir: 'auto', lang: ticket.lang }, ticket.question),
      h(
        'dl',
        { className: 'meta' },
        pair('Language', ticket.lang),
        pair('Channel', ticket.channel),
        pair('Reason', ticket.reason),
        pair('Created', formatTime(ticket.createdAt)),
        pair('Contact', contactText(ticket)),
        ticket.answeredBy
          ? pair(
              'Answered by',
              `${ticket.answeredBy.articleId} (marked by ${ticket.answeredBy.by}, ${formatTime(ticket.answeredBy.at)})`,
              'answered-by-article',
            )
          : '',
      ),
      h('h2', {}, 'Transcript'),
      list(ticket.transcript, 'No transcript.', (entry) =>
        h(
          'li',
          { className: `turn ${entry.from}` },
          h('span', { className: 'who' }, `${entry.from} · ${formatTime(entry.at)}`),
          h('span', { dir: 'auto' }, entry.text),
        ),
      ),
      h('h2', {}, 'Candidate articles'),
      list(ticket.candidates, 'No article came close.', (c) =>
        h(
          'li',
          {},
          h('span', { dir: 'auto' }, c.title),
          ` (${c.articleId}) `,
          h('span', { className: 'confidence' }, formatConfidence(c.confidence)),
        ),
      ),
      h('h2', {}, 'Replies'),
      list(ticket.replies, 'No replies yet.', (r) =>
        h(
          'li',
          { className: 'staff-reply' },
          h(
            'span',
            { className: 'who' },
            `${r.by} · ${formatTime(r.at)} · `,
            h('span', { className: `delivery ${r.delivery}` }, r.delivery),
            r.deliveryDetail ? ` (${r.deliveryDetail})` : '',
          ),
          h('div', { dir: 'auto' }, r.text),
        ),
      ),
      replyForm,
      answeredByForm(
        ticket,
        (articleId) =>
          void run(`Marked as answered by ${articleId}.`, () => api.answeredBy(ref, articleId)),
      ),
      suggestForm(api, { lang: ticket.lang, question: ticket.question, ticketRef: ticket.ref }),
    );
  };

  show(await api.getTicket(ref));
}

function pair(label: string, value: string, className?: string): DocumentFragment {
  const fragment = document.createDocumentFragment();
  fragment.append(h('dt', {}, label), h('dd', { dir: 'auto', className }, value));
  return fragment;
}

function contactText(ticket: Ticket): string {
  const { email, phone, alexaUserId } = ticket.contact ?? {};
  const parts = [`replies go back by ${ticket.channel}`];
  if (phone) parts.push(`phone ${phone}`);
  if (email) parts.push(`email ${email}`);
  if (alexaUserId) parts.push('Alexa user');
  return parts.join(' · ');
}

function list<T>(
  items: T[] | undefined,
  none: string,
  item: (value: T) => HTMLElement,
): HTMLElement {
  if (!items?.length) return h('p', { className: 'muted' }, none);
  return h('ul', { className: 'items' }, items.map(item));
}
