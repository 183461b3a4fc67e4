/**
 * A page object for the chat widget in e2e tests: open it, ask, wait for the next reply. Locators
 * pierce the widget's open shadow root. Also direct API calls the tests use to set things up.
 */
import type { Locator, Page } from 'playwright-core';

export const WAIT_MS = 15_000;

export interface ChatReplyJson {
  sessionId: string;
  messageId: string;
  duplicate: boolean;
  reply: {
    kind: string;
    text: string;
    article?: { id: string; title: string; url: string };
    options?: { articleId: string; title: string }[];
    ticketRef?: string;
  };
}

export class WidgetPage {
  constructor(readonly page: Page) {}

  get launcher(): Locator {
    return this.page.locator('#mujib-chat .launcher');
  }
  get panel(): Locator {
    return this.page.locator('#mujib-chat .panel');
  }
  get input(): Locator {
    return this.page.locator('#mujib-chat form.ask input');
  }
  get log(): Locator {
    return this.page.locator('#mujib-chat [role="log"]');
  }
  botReplies(kind?: string): Locator {
    return this.page.locator(`#mujib-chat .msg.bot${kind ? `.${kind}` : ''}`);
  }

  async open(): Promise<void> {
    await this.launcher.click();
    await this.input.waitFor({ state: 'visible', timeout: WAIT_MS });
  }

  /** Types a question, sends it with Enter, and returns the API response and the new bubble. */
  async ask(text: string): Promise<{ json: ChatReplyJson; bubble: Locator }> {
    const before = await this.botReplies().count();
    await this.input.fill(text);
    const [response] = await Promise.all([
      this.page.waitForResponse((r) => new URL(r.url()).pathname === '/api/chat', {
        timeout: WAIT_MS,
      }),
      this.input.press('Enter'),
    ]);
    const json = (await response.json()) as ChatReplyJson;
    const bubble = this.botReplies().nth(before + 0);
    await this.botReplies().nth(before).waitFor({ state: 'visible', timeout: WAIT_MS });
    return { json, bubble };
  }

  sessionId(): Promise<string | null> {
    return this.page.evaluate(() => sessionStorage.getItem('mujib.sessionId'));
  }

  /** Whether the element focused inside the widget's shadow root matches `selector`. */
  focusedInWidget(selector: string): Promise<boolean> {
    return this.page.evaluate((sel) => {
      const host = document.getElementById('mujib-chat');
      const active = host?.shadowRoot?.activeElement;
      return document.activeElement === host && !!active && active.matches(sel);
    }, selector);
  }
}

/** POSTs a chat message straight to the API (a fresh session unless one is given). */
export async function askApi(
  base: string,
  text: string,
  extra: Record<string, unknown> = {},
): Promise<ChatReplyJson> {
  const response = await fetch(`${base}/api/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ text, messageId: crypto.randomUUID(), ...extra }),
  });
  if (!response.ok) throw new Error(`POST /api/chat ${response.status}: ${await response.text()}`);
  return (await response.json()) as ChatReplyJson;
}

/** Calls the staff API with the bearer token as `name`. */
export async function staffApi<T>(
  server: { url: string; staffToken: string },
  method: string,
  path: string,
  body?: unknown,
  name = 'Test Staff',
): Promise<{ status: number; json: T }> {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${server.staffToken}`,
      'x-staff-name': name,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, json: (await response.json()) as T };
}

/** The first of `questions` the live index answers with a clarification ("did you mean"). */
export async function findAmbiguousQuestion(base: string, questions: string[]): Promise<string> {
  for (const question of questions) {
    const { reply } = await askApi(base, question);
    if (reply.kind === 'clarify' && (reply.options?.length ?? 0) >= 2) return question;
  }
  throw new Error(`none of ${JSON.stringify(questions)} produces a clarification any more`);
}
