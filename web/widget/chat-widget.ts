/**
 * The chat widget: a launcher button and a chat panel in a shadow root. Keeps the session id
 * (sessionStorage), sends messages through ChatApi with one messageId per message (reused on
 * retry), and polls for staff replies while this session has an open ticket.
 */
import { h } from '../shared/dom.ts';
import { ChatApi, ChatApiError, newMessageId, type ChatRequest } from './chat-api.ts';
import { icon } from './icons.ts';
import { csatBubble } from './csat-stars.ts';
import { errorBubble, replyBubble, staffBubble, userBubble } from './message-views.ts';
import { uiStrings, type Strings, type UiLang } from './strings.ts';
import { WIDGET_CSS } from './styles.ts';

export interface WidgetConfig {
  /** API base URL without a trailing slash. */
  apiBase: string;
  lang: UiLang;
  /** How often to poll for staff replies while a ticket is open. */
  pollMs: number;
}

const SESSION_KEY = 'mujib.sessionId';
const TICKETS_KEY = 'mujib.tickets';

export class ChatWidget {
  private readonly api: ChatApi;
  private readonly t: Strings;
  private readonly launcher: HTMLButtonElement;
  private readonly panel: HTMLElement;
  private readonly log: HTMLElement;
  private readonly input: HTMLInputElement;
  private readonly sendButton: HTMLButtonElement;
  private pending = false;
  private pollTimer: ReturnType<typeof setInterval> | undefined;
  private polling = false;

  constructor(private readonly config: WidgetConfig) {
    this.api = new ChatApi(config.apiBase);
    this.t = uiStrings(config.lang);
    const t = this.t;
    this.launcher = h('button', {
      type: 'button',
      className: 'launcher',
      'aria-label': t.open,
      'aria-expanded': 'false',
      'aria-controls': 'mujib-panel',
    });
    this.launcher.append(icon('chat'));
    this.log = h('div', {
      className: 'log',
      role: 'log',
      'aria-live': 'polite',
      'aria-relevant': 'additions',
      'aria-label': t.log,
    });
    this.input = h('input', {
      type: 'text',
      name: 'question',
      autocomplete: 'off',
      maxlength: 2000,
      placeholder: t.placeholder,
      'aria-label': t.inputLabel,
      dir: 'auto',
    });
    this.sendButton = h('button', { type: 'submit', className: 'send' }, t.send);
    const uiDir = config.lang === 'ar' ? 'rtl' : 'ltr';
    const close = h('button', { type: 'button', className: 'close', 'aria-label': t.close }, '×');
    const form = h('form', { className: 'ask' }, this.input, this.sendButton);
    this.panel = h(
      'section',
      {
        id: 'mujib-panel',
        className: 'panel',
        role: 'dialog',
        'aria-label': t.title,
        dir: uiDir,
        lang: config.lang,
        hidden: true,
      },
      h('header', {}, h('h2', {}, t.title), close),
      this.log,
      form,
    );
    this.log.append(h('div', { className: 'msg bot', dir: uiDir }, t.welcome));

    this.launcher.addEventListener('click', () => (this.isOpen ? this.close() : this.open()));
    close.addEventListener('click', () => this.close());
    this.panel.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') {
        event.stopPropagation();
        this.close();
      }
    });
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const text = this.input.value.trim();
      if (!text || this.pending) return;
      this.input.value = '';
      this.ask({ text, messageId: newMessageId() });
    });
  }

  /** Attaches the widget to the page inside its own shadow root. */
  mount(parent: HTMLElement): HTMLElement {
    const host = h('div', { id: 'mujib-chat', dir: this.config.lang === 'ar' ? 'rtl' : 'ltr' });
    const root = host.attachShadow({ mode: 'open' });
    adoptStyles(root, WIDGET_CSS);
    root.append(this.launcher, this.panel);
    parent.append(host);
    if (this.tickets.length > 0) this.startPolling();
    return host;
  }

  get isOpen(): boolean {
    return !this.panel.hidden;
  }

  open(): void {
    this.panel.hidden = false;
    this.launcher.setAttribute('aria-expanded', 'true');
    this.setUnread(false);
    // replies that arrived while the panel was hidden could not scroll it: show the newest now
    this.revealNewest();
    this.input.focus({ preventScroll: true });
    if (this.tickets.length > 0) void this.poll();
  }

  close(): void {
    this.panel.hidden = true;
    this.launcher.setAttribute('aria-expanded', 'false');
    this.launcher.focus();
  }

  private ask(request: Omit<ChatRequest, 'sessionId' | 'lang'>, echo = true): void {
    if (echo) this.append(userBubble(request.text, this.t, this.config.lang));
    const thinking = h('div', { className: 'thinking', 'aria-hidden': 'true' }, this.t.thinking);
    this.append(thinking);
    this.setPending(true);
    // the session id is made here, not by the server, so that even a retried first message
    // carries the same (sessionId, messageId) idempotency key
    const sessionId = this.sessionId ?? newMessageId();
    this.sessionId = sessionId;
    const lang = langHint(request.text, this.config.lang);
    this.api
      .send({ ...request, sessionId, ...(lang ? { lang } : {}) })
      .then(
        (response) => {
          this.sessionId = response.sessionId;
          this.append(
            replyBubble(response.reply, this.config.apiBase, this.t, this.config.lang, {
              feedback: (value) => this.api.feedback(response.sessionId, response.messageId, value),
              choose: (option) => {
                this.input.focus();
                this.ask({
                  text: option.title,
                  choice: option.articleId,
                  messageId: newMessageId(),
                });
              },
              contact: (ref, email) => this.api.contact(response.sessionId, ref, email),
            }),
          );
          if (response.reply.ticketRef) this.addTicket(response.reply.ticketRef);
        },
        (error: unknown) => {
          const retryable = !(error instanceof ChatApiError) || error.retryable;
          const message =
            error instanceof ChatApiError && !retryable ? error.message : this.t.networkError;
          // the retry resends the same messageId, so the server handles the message only once
          this.append(
            errorBubble(
              message,
              this.t,
              this.config.lang,
              retryable ? () => this.ask(request, false) : undefined,
            ),
          );
        },
      )
      .finally(() => {
        thinking.remove();
        this.setPending(false);
      });
  }

  private append(node: HTMLElement): void {
    this.log.append(node);
    this.revealNewest();
  }

  /**
   * Scrolls the log so the newest message shows: to the bottom, or to the message's top when it
   * is taller than the log (a long answer is read from its start). Smooth unless the customer
   * asked for reduced motion. Nothing to do while the panel is hidden (open() calls it again).
   */
  private revealNewest(): void {
    const newest = this.log.lastElementChild;
    if (this.panel.hidden || !newest) return;
    const log = this.log;
    const bottom = log.scrollHeight - log.clientHeight;
    const padding = parseFloat(getComputedStyle(log).paddingTop) || 0;
    const newestTop =
      log.scrollTop +
      newest.getBoundingClientRect().top -
      log.getBoundingClientRect().top -
      padding;
    const top = Math.max(0, Math.min(bottom, newestTop));
    if (Math.abs(log.scrollTop - top) < 1) return;
    log.scrollTo({ top, behavior: prefersReducedMotion() ? 'auto' : 'smooth' });
  }

  private setPending(pending: boolean): void {
    this.pending = pending;
    this.sendButton.disabled = pending;
    this.log.setAttribute('aria-busy', String(pending));
  }

  private setUnread(unread: boolean): void {
    this.launcher.querySelector('.dot')?.remove();
    if (unread) this.launcher.append(h('span', { className: 'dot', 'aria-hidden': 'true' }));
    this.launcher.setAttribute('aria-label', unread ? this.t.openUnread : this.t.open);
  }

  private addTicket(ref: string): void {
    const tickets = this.tickets;
    if (!tickets.includes(ref)) store(TICKETS_KEY, JSON.stringify([...tickets, ref]));
    this.startPolling();
  }

  private startPolling(): void {
    if (this.pollTimer === undefined) {
      this.pollTimer = setInterval(() => void this.poll(), this.config.pollMs);
    }
  }

  private async poll(): Promise<void> {
    const sessionId = this.sessionId;
    if (!sessionId || this.polling) return;
    this.polling = true;
    try {
      const updates = await this.api.updates(sessionId);
      for (const notice of updates.replies) {
        this.append(staffBubble(notice, this.config.apiBase, this.t, this.config.lang));
        if (!this.isOpen) this.setUnread(true);
      }
      // A closed ticket's stars come after its last staff reply (the server asks once).
      for (const ask of updates.csat) {
        this.append(
          csatBubble(ask.ticketRef, this.t, this.config.lang, (rating) =>
            this.api.rate(sessionId, ask.ticketRef, rating),
          ),
        );
        if (!this.isOpen) this.setUnread(true);
      }
    } catch {
      // a failed poll is retried on the next tick
    } finally {
      this.polling = false;
    }
  }

  private get sessionId(): string | undefined {
    return load(SESSION_KEY) ?? undefined;
  }

  private set sessionId(value: string) {
    store(SESSION_KEY, value);
  }

  private get tickets(): string[] {
    try {
      const parsed: unknown = JSON.parse(load(TICKETS_KEY) ?? '[]');
      return Array.isArray(parsed) ? parsed.filter((x): x is string => typeof x === 'string') : [];
    } catch {
      return [];
    }
  }
}

/**
 * Styles the shadow root with a constructable stylesheet: a host page whose CSP says
 * `style-src 'self'` (as Mujib's own pages do) allows it, where a `<style>` element would need
 * 'unsafe-inline'. Browsers without constructable stylesheets (Safari before 16.4) get the
 * `<style>` element instead, so the widget still looks right on pages that allow it.
 */
function adoptStyles(root: ShadowRoot, css: string): void {
  if ('adoptedStyleSheets' in root) {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = [sheet];
  } else {
    (root as ShadowRoot).append(h('style', {}, css));
  }
}

function prefersReducedMotion(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
}

/** Lets the server detect the language from the script; the UI language only breaks ties. */
function langHint(text: string, uiLang: UiLang): UiLang | undefined {
  return /[\u0600-\u06ff]|[a-z]/i.test(text) ? undefined : uiLang;
}

// sessionStorage can be missing or throw (sandboxed frames, privacy modes): fall back to memory
const memory = new Map<string, string>();
function load(key: string): string | null {
  try {
    return sessionStorage.getItem(key);
  } catch {
    return memory.get(key) ?? null;
  }
}
function store(key: string, value: string): void {
  try {
    sessionStorage.setItem(key, value);
  } catch {
    memory.set(key, value);
  }
}
