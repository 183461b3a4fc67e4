/**
 * Routing through the real conversation core and index (in-memory stores): a hand-off goes to
 * the queue of the conversation's topic — the question's candidates, else the articles earlier
 * turns answered with — in the customer's language, and to the language's default queue when
 * nothing in the conversation names a topic a queue takes. A repeated request keeps the ticket's
 * queue.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Lang } from '#core/types.ts';
import { createTestApp, type TestApp } from '../../helpers/test-app.ts';

let app: TestApp;
/** Thursday 3 December 2026, 13:00 in Riyadh. */
const clock = { now: () => new Date('2026-12-03T10:00:00Z') };

beforeAll(async () => {
  app = await createTestApp({ clock });
});

/** Sends the messages in one conversation; the last reply's queue and kind. */
async function conversation(lang: Lang, ...texts: string[]) {
  const sessionId = randomUUID();
  let last;
  for (const text of texts) {
    last = await app.conversation.handle({
      sessionId,
      messageId: randomUUID(),
      channel: 'web',
      lang,
      text,
    });
  }
  const reply = last!.reply;
  return { kind: reply.kind, queue: reply.kind === 'escalate' ? reply.queue : undefined, reply };
}

describe('routing hand-offs by topic and language', () => {
  it('"a person about my refund" goes to returns (the refund article ranks after "talk to a person")', async () => {
    expect(await conversation('en', 'I want to talk to a person about my refund')).toMatchObject({
      kind: 'escalate',
      queue: 'returns',
    });
  });

  it('a request for a person after a refund answer goes to returns, in English and in Arabic', async () => {
    // Act
    const en = await conversation('en', 'when will I get my refund', 'I want to talk to a person');
    const ar = await conversation('ar', 'متى يصلني المبلغ المسترد', 'ابي اكلم موظف');

    // Assess
    expect(en).toMatchObject({ kind: 'escalate', queue: 'returns' });
    expect(ar).toMatchObject({ kind: 'escalate', queue: 'returns' });
  });

  it('a question the help centre cannot answer goes by its closest article (bitcoin → payments)', async () => {
    expect(await conversation('en', 'can I pay in bitcoin')).toMatchObject({
      kind: 'escalate',
      queue: 'payments',
    });
  });

  it('with no topic a queue takes, goes to the default queue of the customer’s language', async () => {
    // Act
    const en = await conversation('en', 'I want to talk to a person');
    const ar = await conversation('ar', 'ابي اكلم موظف');

    // Assess
    expect(en.queue).toBe('general-en');
    expect(ar.queue).toBe('general-ar');
  });

  it('a second request for a person in the conversation keeps the ticket and its queue', async () => {
    // Act
    const { reply } = await conversation(
      'en',
      'I want to talk to a person about my refund',
      'how do I reset my password',
      'agent please',
    );

    // Assess: the ticket from the first request, still in returns (not account)
    expect(reply).toMatchObject({ kind: 'escalate', queue: 'returns' });
    const ticket = await app.tickets.get((reply as { ticketRef: string }).ticketRef);
    expect(ticket.queue).toBe('returns');
    expect(ticket.messageIds).toHaveLength(2);
  });
});
