/**
 * One ticket: the question, where a web chat started, the transcript, candidate articles with
 * confidences, how to reach the customer, staff replies with delivery status, and the actions
 * (claim, reply, close, reopen, answered by article…, suggest an article). A refused action (409)
 * shows the server's message and the fresh ticket.
 *
 * Each transcript line and staff reply is laid out in its own direction (an Arabic ticket's
 * transcript may hold English lines and the other way round), with ticket references, links and
 * emails isolated so that "MJ-K2FYFQ" never shows as "-MJ / K2FYFQ" inside Arabic text.
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
        // Where the web chat started, as the widget sent it (a path): text, never markup.
        ticket.startPage ? pair('Started on', ticket.startPage, 'start-page') : '',
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
        csatText(ticket) ? pair('Customer rating', csatText(ticket)!, 'csat') : '',
      ),
      h('h2', {}, 'Transcript'),
      list(ticket.transcript, 'No transcript.', (entry) =>
        h(
          'li',
          { className: `turn ${entry.from}` },
          h('span', { className: 'who' }, `${entry.from} · ${formatTime(entry.at)}`),
          h(
            'div',
            { className: 'turn-text', dir: lineDirection(entry.text, ticket.lang) },
            isolateReferences(entry.text),
          ),
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
          h(
            'div',
            { className: 'turn-text', dir: lineDirection(r.text, ticket.lang) },
            isolateReferences(r.text),
          ),
          ...deliveryNote(r.deliveryDetail),
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

/** Why a reply did not go out as written, in words, for the reasons a channel gives (WhatsApp). */
const DELIVERY_NOTES: Record<string, string> = {
  'outside-24h-window':
    "Not sent: the customer last wrote on WhatsApp more than 24 hours ago, and WhatsApp allows free-text replies only within 24 hours of the customer's last message. Send it again once they write, or reach them another way.",
  'opted-out': 'Not sent: the customer opted out of messages (STOP).',
};

function deliveryNote(detail: string | undefined): HTMLElement[] {
  if (detail?.startsWith('template ') && detail.includes('outside-24h-window')) {
    return [
      h(
        'p',
        { className: 'delivery-note' },
        'Sent as the pre-approved WhatsApp template (more than 24 hours since the customer last wrote): they see the ticket reference, not this text.',
      ),
    ];
  }
  const note = detail ? DELIVERY_NOTES[detail] : undefined;
  return note ? [h('p', { className: 'delivery-note' }, note)] : [];
}

function pair(label: string, value: string, className?: string): DocumentFragment {
  const fragment = document.createDocumentFragment();
  fragment.append(h('dt', {}, label), h('dd', { dir: 'auto', className }, value));
  return fragment;
}

/** The customer's satisfaction rating ("★★★★☆ 4/5 on sms, …"), or that they were asked. */
function csatText(ticket: Ticket): string | undefined {
  const { csat, csatAskedAt } = ticket;
  if (csat) {
    const stars = '★'.repeat(csat.rating) + '☆'.repeat(5 - csat.rating);
    return `${stars} ${csat.rating}/5 on ${csat.channel}, ${formatTime(csat.at)}`;
  }
  return csatAskedAt ? `asked ${formatTime(csatAskedAt)}, not rated yet` : undefined;
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

const RTL_LETTER = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}]/u;
const LETTER = /\p{L}/gu;
const REFERENCE = String.raw`\b[A-Z]{1,4}(?:-[0-9A-Z]{2,})+\b`;
const LINK = String.raw`https?:\/\/[^\s<>"'،؛]*[^\s<>"'.,;:!?؟،؛)]|[\w.+-]+@[\w-]+(?:\.[\w-]+)+`;
/** Ticket references (MJ-K2FYFQ), links and emails: left-to-right pieces inside any line. */
const ISOLATED = new RegExp(`(${REFERENCE})|${LINK}`, 'gu');

/**
 * The direction of one transcript line or reply: the script most of its letters are written in (so
 * "Apple Pay ما يشتغل عندي" is right to left, where `dir="auto"` would look at the first letter
 * only), else the ticket's language (a line of digits or emoji).
 */
function lineDirection(text: string, lang: string): 'ltr' | 'rtl' {
  let rtl = 0;
  let ltr = 0;
  for (const [letter] of text.matchAll(LETTER)) {
    if (RTL_LETTER.test(letter)) rtl += 1;
    else ltr += 1;
  }
  if (rtl === ltr) return /^(ar|he|fa|ur)\b/i.test(lang) ? 'rtl' : 'ltr';
  return rtl > ltr ? 'rtl' : 'ltr';
}

/** `text` as text pieces and `<bdi dir="ltr">` around each reference, link and email. */
function isolateReferences(text: string): (string | HTMLElement)[] {
  const pieces: (string | HTMLElement)[] = [];
  let at = 0;
  for (const match of text.matchAll(ISOLATED)) {
    if (match.index > at) pieces.push(text.slice(at, match.index));
    pieces.push(h('bdi', { dir: 'ltr', className: match[1] ? 'ref' : 'link' }, match[0]));
    at = match.index + match[0].length;
  }
  if (at < text.length) pieces.push(text.slice(at));
  return pieces;
}
