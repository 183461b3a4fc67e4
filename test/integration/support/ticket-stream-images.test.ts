/**
 * The tickets table's stream images, as the analytics consumer reads them: a ticket's support
 * queue reaches the `ticket-changed` events as `ticket.queue` (the item keeps it as
 * `supportQueue`; its own `queue` attribute is the byQueue index key and never leaks through),
 * with the promise and, after the first staff reply, firstResponseAt.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ticket } from '#core/ports.ts';
import { eventsOfRecord } from '#adapters/stats/stream-events.ts';
import { localClient, startTestDynamo, type TestDynamo } from '../../helpers/dynalite.ts';
import { createTestApp, type TestApp } from '../../helpers/test-app.ts';
import { StreamRecorder } from '../analytics/stream-recorder.ts';

let dynamo: TestDynamo;
let recorder: StreamRecorder;
let app: TestApp;
/** Thursday 3 December 2026, 13:00 in Riyadh: open, nobody on shift until a heartbeat. */
const clock = { now: () => new Date('2026-12-03T10:00:00Z') };

beforeAll(async () => {
  dynamo = await startTestDynamo();
  const tables = await dynamo.freshTables();
  const appClient = localClient(dynamo.server.endpoint);
  recorder = new StreamRecorder(dynamo.client, [{ table: tables.tickets, keys: ['ref'] }]);
  recorder.attach(appClient);
  app = await createTestApp({ dynamo: appClient, tables, clock });
});
afterAll(() => dynamo?.close());

/** The tickets of every `ticket-changed` event the recorded stream carries, in order. */
function ticketsInStream(): { before?: Ticket; after: Ticket }[] {
  const changes: { before?: Ticket; after: Ticket }[] = [];
  for (const shard of recorder.shards.values()) {
    for (const record of shard.records) {
      const result = eventsOfRecord(record);
      if (!('events' in result)) continue;
      for (const event of result.events) {
        if (event.type === 'ticket-changed') changes.push(event);
      }
    }
  }
  return changes;
}

describe('ticket stream images', () => {
  it('carry the support queue, the promise and the first response, not the index key', async () => {
    // Prepare
    await app.support.heartbeat('Huda', ['returns']);
    const asked = await app.conversation.handle({
      sessionId: 'stream-s1',
      messageId: 'm1',
      channel: 'web',
      lang: 'en',
      text: 'I want to talk to a person about my refund',
    });
    const ref = asked.reply.kind === 'escalate' ? (asked.reply.ticketRef ?? '') : '';

    // Act
    await app.tickets.claim(ref, 'Huda');
    await app.tickets.reply(ref, 'Huda', 'Your refund left us today.');
    const changes = ticketsInStream().filter((c) => c.after.ref === ref);

    // Assess
    expect(changes.length).toBe(3);
    for (const { before, after } of changes) {
      expect(after.queue).toBe('returns');
      expect(after.promise).toEqual({ kind: 'minutes' });
      if (before) expect(before.queue).toBe('returns');
      expect(Object.keys(after)).not.toContain('supportQueue');
      expect(Object.keys(after)).not.toContain('pendingCount');
    }
    expect(changes.at(-1)?.after.firstResponseAt).toBe('2026-12-03T10:00:00.000Z');
  });
});
