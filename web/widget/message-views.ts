/**
 * The chat bubbles: the customer's message, Mujib's replies (answer with article link and thumbs,
 * "did you mean" options, escalation with ticket reference and email form), staff replies and
 * errors. Text goes in through text nodes or the safe Markdown renderer only.
 */
import { h } from '../shared/dom.ts';
import { helpLinkResolver, renderMarkdown } from '../shared/render-tree.ts';
import { icon } from './icons.ts';
import type { StaffReplyNotice, WebReply } from './chat-api.ts';
import type { Strings } from './strings.ts';

export interface ReplyActions {
  /** Thumbs up/down on an answer; resolves when logged, rejects to re-enable the buttons. */
  feedback(value: 'up' | 'down'): Promise<unknown>;
  /** A "did you mean" option was picked. */
  choose(option: { articleId: string; title: string }): void;
  /** The customer left an email for the ticket's reply. */
  contact(ticketRef: string, email: string): Promise<unknown>;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function userBubble(text: string, t: Strings): HTMLElement {
  return h(
    'div',
    { className: 'msg user', dir: 'auto' },
    h('span', { className: 'sr' }, `${t.you}: `),
    text,
  );
}

export function replyBubble(
  reply: WebReply,
  apiBase: string,
  t: Strings,
  actions: ReplyActions,
): HTMLElement {
  const resolve = helpLinkResolver(apiBase);
  const articleUrl = reply.article ? resolve(reply.article.url) : undefined;
  // An answer in the other language: the notice follows the customer's language, the answer and
  // its title are marked with their own language and direction.
  const textLang = reply.article?.lang ?? reply.lang;
  const foreign = textLang !== reply.lang ? { lang: textLang, dir: dirOf(textLang) } : {};
  const bubble = h(
    'div',
    { className: `msg bot ${reply.kind}`, dir: 'auto', lang: reply.lang },
    h('span', { className: 'who' }, t.bot),
    reply.notice ? h('p', { className: 'notice', dir: dirOf(reply.lang) }, reply.notice) : null,
    h('div', { className: 'body', ...foreign }, renderMarkdown(reply.text, resolve)),
  );
  if (reply.article && articleUrl) {
    bubble.append(
      h(
        'a',
        { className: 'article', href: articleUrl, target: '_blank', rel: 'noopener noreferrer' },
        `${t.readArticle}: `,
        h('bdi', foreign, reply.article.title),
      ),
    );
  }
  if (reply.kind === 'answer') bubble.append(thumbs(t, actions));
  if (reply.options?.length) bubble.append(options(reply.options, t, actions));
  if (reply.ticketRef) {
    bubble.append(
      h(
        'p',
        { className: 'note' },
        `${t.ticketRef}: `,
        h('span', { className: 'ref' }, reply.ticketRef),
      ),
    );
    if (reply.askEmail) bubble.append(emailForm(reply.ticketRef, t, actions));
  }
  return bubble;
}

function dirOf(lang: string): 'rtl' | 'ltr' {
  return lang === 'ar' ? 'rtl' : 'ltr';
}

function thumbs(t: Strings, actions: ReplyActions): HTMLElement {
  const row = h('div', { className: 'row feedback' });
  const vote = async (value: 'up' | 'down', pressed: HTMLButtonElement) => {
    buttons.forEach((b) => (b.disabled = true));
    pressed.setAttribute('aria-pressed', 'true');
    try {
      await actions.feedback(value);
      row.append(h('span', { className: 'note', role: 'status' }, t.thanksFeedback));
    } catch {
      pressed.setAttribute('aria-pressed', 'false');
      buttons.forEach((b) => (b.disabled = false));
    }
  };
  const make = (value: 'up' | 'down', label: string): HTMLButtonElement => {
    const button: HTMLButtonElement = h(
      'button',
      {
        type: 'button',
        className: 'thumb',
        'aria-label': label,
        title: label,
        'aria-pressed': 'false',
      },
      icon('thumb', value === 'down'),
    );
    button.addEventListener('click', () => void vote(value, button));
    return button;
  };
  const buttons = [make('up', t.helpful), make('down', t.notHelpful)];
  row.append(...buttons);
  return row;
}

function options(
  list: { articleId: string; title: string }[],
  t: Strings,
  actions: ReplyActions,
): HTMLElement {
  const row = h('div', { className: 'row options', role: 'group', 'aria-label': t.options });
  const buttons = list.map((option) => {
    const button = h('button', { type: 'button', className: 'chip', dir: 'auto' }, option.title);
    button.addEventListener('click', () => {
      buttons.forEach((b) => (b.disabled = true));
      button.setAttribute('aria-pressed', 'true');
      actions.choose(option);
    });
    return button;
  });
  row.append(...buttons);
  return row;
}

function emailForm(ticketRef: string, t: Strings, actions: ReplyActions): HTMLElement {
  const id = `mujib-email-${ticketRef.replace(/\W/g, '')}`;
  const input = h('input', {
    id,
    type: 'email',
    name: 'email',
    autocomplete: 'email',
    placeholder: t.emailPlaceholder,
    dir: 'ltr',
  });
  const status = h('span', { className: 'note', role: 'status' });
  const submit = h('button', { type: 'submit', className: 'small' }, t.emailSend);
  const form = h(
    'form',
    { className: 'email' },
    h('label', { for: id }, t.emailLabel),
    input,
    h('div', { className: 'row' }, submit, status),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const email = input.value.trim();
    if (!EMAIL.test(email)) {
      status.textContent = t.emailInvalid;
      input.focus();
      return;
    }
    submit.disabled = true;
    actions.contact(ticketRef, email).then(
      () => form.replaceWith(h('p', { className: 'note', role: 'status' }, t.emailSaved)),
      (error: Error) => {
        submit.disabled = false;
        status.textContent = error.message;
      },
    );
  });
  return form;
}

export function staffBubble(notice: StaffReplyNotice, apiBase: string, t: Strings): HTMLElement {
  return h(
    'div',
    { className: 'msg staff', dir: 'auto', lang: notice.lang },
    h('span', { className: 'who' }, t.staffReplyAbout.replace('{ref}', notice.ticketRef)),
    h('div', { className: 'body' }, renderMarkdown(notice.text, helpLinkResolver(apiBase))),
  );
}

export function errorBubble(message: string, t: Strings, retry?: () => void): HTMLElement {
  const bubble = h('div', { className: 'msg error', role: 'alert' }, h('p', {}, message));
  if (retry) {
    const button = h('button', { type: 'button', className: 'small' }, t.retry);
    button.addEventListener('click', () => {
      bubble.remove();
      retry();
    });
    bubble.append(button);
  }
  return bubble;
}
