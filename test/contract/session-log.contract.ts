/**
 * The SessionLog contract: every adapter (DynamoDB on dynalite, memory) must pass it.
 * Call `sessionLogContract(name, factory)` from a *.test.ts file; the factory gives a fresh log.
 */
import { describe, expect, it } from 'vitest';
import { NotFoundError, ValidationError } from '#core/errors.ts';
import type { Feedback, SessionLog, Turn } from '#core/ports.ts';

export type SessionLogFactory = (options?: { retentionDays?: number }) => Promise<SessionLog>;

const T0 = Date.parse('2025-03-01T09:00:00.000Z');

function turn(overrides: Partial<Turn> & { messageId: string }): Turn {
  return {
    sessionId: 'web:session-1',
    at: new Date(T0).toISOString(),
    channel: 'web',
    lang: 'en',
    text: 'how do I reset my password?',
    outcome: 'answer',
    reply: 'Open Settings → Security → Reset password.',
    ...overrides,
  };
}

export function sessionLogContract(name: string, factory: SessionLogFactory): void {
  describe(`SessionLog contract: ${name}`, () => {
    it('lists a session’s turns in the order they happened, the last `limit` of them', async () => {
      // Prepare: message ids sort the opposite way to time, so only the time index orders them.
      const log = await factory();
      for (let i = 0; i < 5; i++) {
        const at = new Date(T0 + i * 1000).toISOString();
        await log.recordTurn(turn({ messageId: `m-${9 - i}`, at, reply: `reply ${i}` }));
      }
      await log.recordTurn(turn({ sessionId: 'web:other', messageId: 'm-x' }));
      // Act
      const all = await log.listTurns('web:session-1');
      const lastTwo = await log.listTurns('web:session-1', { limit: 2 });
      // Assess
      expect(all.map((t) => t.reply)).toEqual([0, 1, 2, 3, 4].map((i) => `reply ${i}`));
      expect(lastTwo.map((t) => t.reply)).toEqual(['reply 3', 'reply 4']);
      expect(await log.listTurns('web:nobody')).toEqual([]);
    });

    it('a retried message returns the stored turn and changes nothing', async () => {
      const log = await factory();
      const first = await log.recordTurn(turn({ messageId: 'SM1', reply: 'first answer' }));
      const retry = await log.recordTurn(turn({ messageId: 'SM1', reply: 'another answer' }));
      expect(first.created).toBe(true);
      expect(retry.created).toBe(false);
      expect(retry.turn.reply).toBe('first answer');
      expect(await log.listTurns('web:session-1')).toHaveLength(1);
    });

    it('ten concurrent deliveries of one message record exactly one turn', async () => {
      const log = await factory();
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          log.recordTurn(turn({ messageId: 'same-message', reply: `attempt ${i}` })),
        ),
      );
      const created = results.filter((r) => r.created);
      expect(created).toHaveLength(1);
      const stored = await log.getTurn('web:session-1', 'same-message');
      expect(results.every((r) => r.turn.reply === stored?.reply)).toBe(true);
    });

    it('gets a stored turn by message, and nothing for an unknown one', async () => {
      const log = await factory();
      await log.recordTurn(
        turn({ messageId: 'm1', articleId: 'reset-password', confidence: 0.91 }),
      );
      const found = await log.getTurn('web:session-1', 'm1');
      expect(found).toMatchObject({
        messageId: 'm1',
        articleId: 'reset-password',
        confidence: 0.91,
      });
      expect(await log.getTurn('web:session-1', 'missing')).toBeUndefined();
      expect(await log.getTurn('web:other', 'm1')).toBeUndefined();
    });

    it('keeps structured fields (options, ticket ref, payload) as they were', async () => {
      const log = await factory();
      const options = [
        { articleId: 'reset-password', title: 'Reset your password' },
        { articleId: 'two-step-verification', title: 'Two-step verification' },
      ];
      await log.recordTurn(
        turn({
          messageId: 'm1',
          outcome: 'clarify',
          options,
          ticketRef: 'MJ-4K7Q2X',
          payload: '{"kind":"clarify"}',
        }),
      );
      const stored = await log.getTurn('web:session-1', 'm1');
      expect(stored?.options).toEqual(options);
      expect(stored?.ticketRef).toBe('MJ-4K7Q2X');
      expect(stored?.payload).toBe('{"kind":"clarify"}');
    });

    it('sets the TTL attribute from the configured retention', async () => {
      const log = await factory({ retentionDays: 7 });
      const at = '2025-03-01T09:00:00.000Z';
      const { turn: stored } = await log.recordTurn(turn({ messageId: 'm1', at }));
      const read = await log.getTurn('web:session-1', 'm1');
      const expected = Date.parse(at) / 1000 + 7 * 86_400;
      expect(stored.expiresAt).toBe(expected);
      expect(read?.expiresAt).toBe(expected);
    });

    it('defaults the retention to 90 days and keeps an expiry the caller set', async () => {
      const log = await factory();
      const at = '2025-03-01T09:00:00.000Z';
      await log.recordTurn(turn({ messageId: 'm1', at }));
      await log.recordTurn(turn({ messageId: 'm2', at, expiresAt: 1_900_000_000 }));
      expect((await log.getTurn('web:session-1', 'm1'))?.expiresAt).toBe(
        Date.parse(at) / 1000 + 90 * 86_400,
      );
      expect((await log.getTurn('web:session-1', 'm2'))?.expiresAt).toBe(1_900_000_000);
    });

    it('never stores phone numbers or emails in the clear', async () => {
      const log = await factory();
      await log.recordTurn(
        turn({ messageId: 'm1', text: 'text me on +44 7700 900123 or mail jo@example.com' }),
      );
      const stored = await log.getTurn('web:session-1', 'm1');
      expect(stored?.text).toBe('text me on [phone] or mail [email]');
    });

    it('records feedback on a turn', async () => {
      const log = await factory();
      await log.recordTurn(turn({ messageId: 'm1' }));
      await log.setFeedback('web:session-1', 'm1', 'down');
      expect((await log.getTurn('web:session-1', 'm1'))?.feedback).toBe('down');
      await log.setFeedback('web:session-1', 'm1', 'up');
      expect((await log.getTurn('web:session-1', 'm1'))?.feedback).toBe('up');
    });

    it('feedback on a turn that does not exist is a NotFoundError and creates nothing', async () => {
      const log = await factory();
      await expect(log.setFeedback('web:session-1', 'ghost', 'up')).rejects.toBeInstanceOf(
        NotFoundError,
      );
      expect(await log.getTurn('web:session-1', 'ghost')).toBeUndefined();
    });

    it('rejects bad input with a ValidationError', async () => {
      const log = await factory();
      await log.recordTurn(turn({ messageId: 'm1' }));
      await expect(log.recordTurn(turn({ messageId: '' }))).rejects.toBeInstanceOf(ValidationError);
      await expect(
        log.recordTurn(turn({ messageId: 'm2', at: 'yesterday' })),
      ).rejects.toBeInstanceOf(ValidationError);
      await expect(
        log.setFeedback('web:session-1', 'm1', 'meh' as Feedback),
      ).rejects.toBeInstanceOf(ValidationError);
      await expect(log.listTurns('web:session-1', { limit: 0 })).rejects.toBeInstanceOf(
        ValidationError,
      );
    });
  });
}
