/**
 * The chat bubbles: the customer's message, Mujib's replies (answer with article link and thumbs,
 * "did you mean" options, escalation with ticket reference and email form), staff replies and
 * errors. Text goes in through text nodes or the safe Markdown renderer only.
 *
 * Directions: a bubble is laid out in the direction of its message's language (the bot's
 * languages are known; a customer's or staff member's text goes by its script), and the widget's
 * own labels in it ("Your reference", "Nakheel assistant") in the widget's language, so an
 * English question in the Arabic widget ends with its "?" on the right. References, links and
 * words of the other script inside a line are isolated (bidi-text.ts).
 */
import { h } from '../shared/dom.ts';
import { helpLinkResolver, renderMarkdown } from '../shared/render-tree.ts';
import { dirOfLang, isolateText, isolatedNodes, textDirection, type Dir } from './bidi-text.ts';
import { icon } from './icons.ts';
import type { StaffReplyNotice, WebReply } from './chat-api.ts';
import type { Strings, UiLang } from './strings.ts';

export interface ReplyActions {
  /** Thumbs up/down on an answer; resolves when logged, rejects to re-enable the buttons. */
  feedback(value: 'up' | 'down'): Promise<unknown>;
  /** A "did you mean" option was picked. */
  choose(option: { articleId: string; title: string }): void;
  /** The customer left an email for the ticket's reply. */
  contact(ticketRef: string, email: string): Promise<unknown>;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function userBubble(text: string, t: Strings, ui: UiLang): HTMLElement {
  const dir = textDirection(text) ?? dirOfLang(ui);
  return h(
    'div',
    { className: 'msg user', dir },
    h('span', { className: 'sr', ...uiAttrs(ui) }, `${t.you}: `),
    isolatedNodes(text, dir),
  );
}

/** `lang` and `dir` of the widget's own words, set on every label inside a bubble. */
function uiAttrs(ui: UiLang): { lang: UiLang; dir: Dir } {
  return { lang: ui, dir: dirOfLang(ui) };
}

/** A template's text with `{ref}` as an isolated reference that stays on one line. */
function withRef(template: string, ref: string): (Node | string)[] {
  const [before = '', ...after] = template.split('{ref}');
  if (after.length === 0) return [template];
  return [before, h('bdi', { className: 'ref', dir: 'ltr' }, ref), after.join(ref)];
}

export function replyBubble(
  reply: WebReply,
  apiBase: string,
  t: Strings,
  ui: UiLang,
  actions: ReplyActions,
): HTMLElement {
  const resolve = helpLinkResolver(apiBase);
  const articleUrl = reply.article ? resolve(reply.article.url) : undefined;
  // The bot's words are in the customer's language (reply.lang); an answer is in its article's,
  // which differs when the answer exists only in the other language.
  const textLang = reply.article?.lang ?? reply.lang;
  const textDir = dirOfLang(textLang);
  const foreign = textLang !== reply.lang ? { lang: textLang, dir: textDir } : {};
  const body = h(
    'div',
    { className: 'body', lang: textLang, dir: textDir },
    renderMarkdown(reply.text, resolve),
  );
  isolateText(body, textDir);
  const bubble = h(
    'div',
    { className: `msg bot ${reply.kind}`, dir: textDir, lang: reply.lang },
    h('span', { className: 'who', ...uiAttrs(ui) }, t.bot),
    reply.notice
      ? h(
          'p',
          { className: 'notice', dir: dirOfLang(reply.lang) },
          isolatedNodes(reply.notice, dirOfLang(reply.lang)),
        )
      : null,
    body,
  );
  if (reply.article && articleUrl) {
    bubble.append(
      h(
        'a',
        {
          className: 'article',
          href: articleUrl,
          target: '_blank',
          rel: 'noopener noreferrer',
          ...uiAttrs(ui),
        },
        `${t.readArticle}: `,
        h('bdi', foreign, reply.article.title),
      ),
    );
  }
  if (reply.kind === 'answer') bubble.append(thumbs(t, ui, actions));
  if (reply.options?.length) bubble.append(options(reply.options, t, actions));
  if (reply.ticketRef) {
    bubble.append(
      h(
        'p',
        { className: 'note', ...uiAttrs(ui) },
        withRef(`${t.ticketRef}: {ref}`, reply.ticketRef),
      ),
    );
    if (reply.askEmail) bubble.append(emailForm(reply.ticketRef, t, ui, actions));
  }
  return bubble;
}

function thumbs(t: Strings, ui: UiLang, actions: ReplyActions): HTMLElement {
  const row = h('div', { className: 'row feedback', ...uiAttrs(ui) });
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
    const button = h(
      'button',
      { type: 'button', className: 'chip', dir: textDirection(option.title) ?? 'auto' },
      option.title,
    );
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

function emailForm(ticketRef: string, t: Strings, ui: UiLang, actions: ReplyActions): HTMLElement {
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
    { className: 'email', ...uiAttrs(ui) },
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

/**
 * A staff member's reply. Its language is the ticket's, but people mix languages, so each
 * paragraph takes the direction of its own text.
 */
export function staffBubble(
  notice: StaffReplyNotice,
  apiBase: string,
  t: Strings,
  ui: UiLang,
): HTMLElement {
  const dir = textDirection(notice.text) ?? dirOfLang(notice.lang);
  const body = h(
    'div',
    { className: 'body', dir },
    renderMarkdown(notice.text, helpLinkResolver(apiBase)),
  );
  isolateText(body, dir, true);
  return h(
    'div',
    { className: 'msg staff', dir, lang: notice.lang },
    h('span', { className: 'who', ...uiAttrs(ui) }, withRef(t.staffReplyAbout, notice.ticketRef)),
    body,
  );
}

export function errorBubble(
  message: string,
  t: Strings,
  ui: UiLang,
  retry?: () => void,
): HTMLElement {
  const dir = textDirection(message) ?? dirOfLang(ui);
  const bubble = h(
    'div',
    { className: 'msg error', role: 'alert', ...uiAttrs(ui) },
    h('p', { dir }, isolatedNodes(message, dir)),
  );
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
