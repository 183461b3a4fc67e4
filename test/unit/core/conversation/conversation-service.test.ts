/**
 * The conversation policy on the real index (sample help centre) with in-memory stores:
 * clarifications, picks, hand-off after failed clarifications, small talk, retried deliveries.
 */
import { describe, expect, it } from 'vitest';
import type { InboundMessage } from '#core/conversation/reply.ts';
import { createTestApp } from '../../../helpers/test-app.ts';

/** Thresholds that make every non-certain question a close call, so the policy is exercised. */
const ALWAYS_CLARIFY = {
  MUJIB_THRESHOLD_ANSWER: '1',
  MUJIB_THRESHOLD_CLARIFY: '0.0001',
  MUJIB_THRESHOLD_CLARIFY_MARGIN: '1',
};

let n = 0;
const message = (
  sessionId: string,
  text: string,
  extra: Partial<InboundMessage> = {},
): InboundMessage => ({
  sessionId,
  messageId: `m-${++n}`,
  channel: 'web',
  text,
  ...extra,
});

describe('conversation policy', () => {
  it('answers the option a customer picks with a button, by number or in Arabic digits', async () => {
    const app = await createTestApp({ env: ALWAYS_CLARIFY });

    const first = await app.conversation.handle(message('pick-1', 'refund for my order'));
    expect(first.reply.kind).toBe('clarify');
    const options = first.reply.kind === 'clarify' ? first.reply.options : [];
    expect(options.length).toBeGreaterThanOrEqual(2);
    const byButton = await app.conversation.handle(
      message('pick-1', options[1]!.title, { choice: options[1]!.articleId }),
    );

    expect(byButton.reply.kind).toBe('answer');
    expect(byButton.reply.kind === 'answer' && byButton.reply.article.articleId).toBe(
      options[1]!.articleId,
    );

    await app.conversation.handle(message('pick-2', 'refund for my order'));
    const byDigit = await app.conversation.handle(message('pick-2', '٢', { channel: 'sms' }));
    expect(byDigit.reply.kind === 'answer' && byDigit.reply.article.articleId).toBe(
      options[1]!.articleId,
    );
  });

  it('hands over to a person when a clarification fails twice, with the transcript on the ticket', async () => {
    const app = await createTestApp({ env: ALWAYS_CLARIFY });

    const a = await app.conversation.handle(message('fail-1', 'problem with delivery'));
    const b = await app.conversation.handle(message('fail-1', 'something about payment'));
    const c = await app.conversation.handle(message('fail-1', 'account trouble'));

    expect([a.reply.kind, b.reply.kind, c.reply.kind]).toEqual(['clarify', 'clarify', 'escalate']);
    expect(c.reply.kind === 'escalate' && c.reply.reason).toBe('clarify-failed');
    const ref = c.reply.kind === 'escalate' ? c.reply.ticketRef : undefined;
    const ticket = await app.tickets.get(ref ?? '');
    expect(ticket.transcript.filter((e) => e.from === 'customer').map((e) => e.text)).toEqual([
      'problem with delivery',
      'something about payment',
      'account trouble',
    ]);
    expect(ticket.candidates.length).toBeGreaterThan(0);
  });

  it('answers small talk without a ticket and a hand-off request with one', async () => {
    const app = await createTestApp();

    const hello = await app.conversation.handle(message('talk-1', 'hello!'));
    const thanks = await app.conversation.handle(message('talk-1', 'شكرا'));
    const human = await app.conversation.handle(message('talk-1', 'can I talk to a real person'));

    expect(hello.reply).toMatchObject({ kind: 'smalltalk', intent: 'greeting', lang: 'en' });
    expect(thanks.reply).toMatchObject({ kind: 'smalltalk', intent: 'thanks', lang: 'ar' });
    expect(human.reply).toMatchObject({
      kind: 'escalate',
      reason: 'asked-for-human',
      ticketFailed: false,
    });
    const open = await app.tickets.list({ status: 'open' }, { limit: 10 });
    expect(open.items.map((t) => t.sessionId)).toEqual(['talk-1']);
  });

  it('attaches the closest articles to a hand-off ticket that names its topic', async () => {
    const app = await createTestApp();

    const handled = await app.conversation.handle(
      message('topic-1', 'I want to talk to a human about my refund'),
    );

    const ref = handled.reply.kind === 'escalate' ? handled.reply.ticketRef : undefined;
    const ticket = await app.tickets.get(ref ?? '');
    expect(ticket.reason).toBe('asked-for-human');
    expect(ticket.candidates.map((c) => c.articleId)).toContain('refund-timing');
  });

  it('gives a retried delivery the stored reply without opening a second ticket', async () => {
    const app = await createTestApp();
    const asked = message('retry-1', 'I need an agent');

    const first = await app.conversation.handle(asked);
    const again = await app.conversation.handle({ ...asked });

    expect(again.duplicate).toBe(true);
    expect(again.reply).toEqual(
      JSON.parse(JSON.stringify({ ...first.reply, decision: undefined })),
    );
    expect((await app.tickets.list({ status: 'open' }, { limit: 10 })).items).toHaveLength(1);
    expect(await app.sessionLog.listTurns('retry-1')).toHaveLength(1);
  });

  it('never stores a phone number or email from the question in the session log', async () => {
    const app = await createTestApp();

    await app.conversation.handle(
      message(
        'pii-1',
        'my number is +966 50 123 4567 and mail sara@example.com, where is my order',
      ),
    );

    const [turn] = await app.sessionLog.listTurns('pii-1');
    expect(turn?.text).not.toMatch(/123 4567|sara@example\.com/);
    expect(turn?.text).toMatch(/\[phone\].*\[email\]/);
  });
});
