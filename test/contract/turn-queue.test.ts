/**
 * The TurnQueue contract, run against FileTurnQueue (a real file in a temporary folder),
 * SqsTurnQueue (the real AWS SDK against an SQS-compatible server in this process, npm
 * `local-aws-sqs`) and MemoryTurnQueue; then the flush built on it (QueueingSessionLog: receive,
 * write, remove, in batches) over each of them — batches of at most ten, and a turn delivered
 * twice (a flush that died before removing it, a duplicate send) written once. Plus what only the
 * file adds: it survives a reopen, skips a line torn by a crash mid-write, and empties itself.
 */
import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemorySessionLog } from '#adapters/memory/memory-session-log.ts';
import { MemoryLogger } from '#adapters/log/json-logger.ts';
import { FileTurnQueue } from '#adapters/turn-queue/file-turn-queue.ts';
import { MemoryTurnQueue } from '#adapters/turn-queue/memory-turn-queue.ts';
import { QueueingSessionLog } from '#adapters/turn-queue/queueing-session-log.ts';
import { SqsTurnQueue } from '#adapters/turn-queue/sqs-turn-queue.ts';
import { StoreUnavailableError } from '#core/errors.ts';
import { SessionLog, TurnQueue, type Feedback, type ReceivedTurn, type Turn } from '#core/ports.ts';
import { startLocalSqs, type LocalSqs } from '../helpers/local-sqs.ts';

let dir: string;
let sqs: LocalSqs;
let n = 0;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'mujib-queue-'));
  sqs = await startLocalSqs();
});
afterAll(async () => {
  await sqs?.close();
  await rm(dir, { recursive: true, force: true });
});

const file = () => path.join(dir, `queue-${++n}.jsonl`);

function turn(messageId: string, text = `text of ${messageId}`, sessionId = 's-1'): Turn {
  return {
    sessionId,
    messageId,
    at: '2025-03-01T09:00:00.000Z',
    channel: 'web',
    lang: 'en',
    text,
    outcome: 'answer',
    reply: 'ok',
  };
}

const idsOf = (received: ReceivedTurn[]) => received.map((r) => r.turn.messageId).sort();

/** Receives until `check` holds for a batch (a shared queue gives a turn out again only later). */
async function receiveUntil(
  queue: TurnQueue,
  check: (received: ReceivedTurn[]) => boolean,
  timeoutMs = 10_000,
): Promise<ReceivedTurn[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const received = await queue.receive(10);
    if (check(received)) return received;
    if (Date.now() > deadline) throw new Error('the queue did not give out what was expected');
    await new Promise((resolve) => setImmediate(resolve));
  }
}

type Factory = () => Promise<TurnQueue>;

/**
 * SQS: a received message comes back after 2 s (the flush that died), long polls of 1 s (shorter
 * than the visibility timeout, or one poll could see a message twice).
 */
const sqsQueue: Factory = async () => {
  const queueUrl = await sqs.createQueue();
  const queue = new SqsTurnQueue({
    queueUrl,
    client: sqs.client,
    waitSeconds: 1,
    visibilityTimeoutSeconds: 2,
  });
  sqsUrls.set(queue, queueUrl);
  return queue;
};
const sqsUrls = new WeakMap<TurnQueue, string>();

/**
 * True when the queue holds nothing, received or not. SQS: its message count (receiving would
 * hide the messages); a process-local queue: a receive (which hides nothing).
 */
async function isEmpty(queue: TurnQueue): Promise<boolean> {
  const url = sqsUrls.get(queue);
  return url ? (await sqs.depth(url)) === 0 : (await queue.receive(1)).length === 0;
}
const adapters: [string, Factory][] = [
  ['FileTurnQueue', async () => new FileTurnQueue({ file: file() })],
  ['SqsTurnQueue', sqsQueue],
  ['MemoryTurnQueue', async () => new MemoryTurnQueue()],
];

describe.each(adapters)('TurnQueue contract: %s', (_name, factory) => {
  it('gives out every added turn until it is removed', async () => {
    const queue = await factory();
    for (const id of ['m-1', 'm-2', 'm-3']) await queue.add(turn(id));

    const received = await queue.receive(10);
    await queue.remove(received);

    expect(idsOf(received)).toEqual(['m-1', 'm-2', 'm-3']);
    expect(received[0]?.turn).toEqual(turn(received[0]?.turn.messageId as string));
    expect(await queue.receive(10)).toEqual([]);
  });

  it('gives out at most the number asked for', async () => {
    const queue = await factory();
    for (const id of ['m-1', 'm-2', 'm-3']) await queue.add(turn(id));

    expect(await queue.receive(2)).toHaveLength(2);
  });

  it('gives a turn out again when it was received but not removed (the flush died)', async () => {
    const queue = await factory();
    await queue.add(turn('m-1'));
    expect(idsOf(await queue.receive(10))).toEqual(['m-1']);

    const again = await receiveUntil(queue, (r) => r.length > 0);

    expect(idsOf(again)).toEqual(['m-1']);
    await queue.remove(again);
    expect(await queue.receive(10)).toEqual([]);
  });
});

describe.each(adapters.filter(([name]) => name !== 'SqsTurnQueue'))(
  'a process-local TurnQueue: %s',
  (_name, factory) => {
    it('gives turns out in the order they were added, one per key', async () => {
      const queue = await factory();
      await queue.add(turn('m-2'));
      await queue.add(turn('m-1', 'first'));
      await queue.add(turn('m-1', 'second'));

      const received = await queue.receive(10);

      expect(received.map((r) => r.turn.text)).toEqual(['text of m-2', 'first']);
    });

    it("forgets an erased customer's sessions and keeps the others", async () => {
      const queue = await factory();
      await queue.add(turn('m-1', 'a', 'erased-1'));
      await queue.add(turn('m-2', 'b', 'kept'));
      await queue.add(turn('m-3', 'c', 'erased-2'));

      const forgotten = await queue.forgetSessions(['erased-1', 'erased-2', 'unknown']);

      expect(forgotten).toBe(2);
      expect((await queue.receive(10)).map((r) => r.turn.sessionId)).toEqual(['kept']);
    });
  },
);

describe('SqsTurnQueue', () => {
  it('cannot pick out an erased session (SQS has no selective delete): says so', async () => {
    const queue = await sqsQueue();
    await queue.add(turn('m-1', 'a', 'erased-1'));

    expect(await queue.forgetSessions(['erased-1'])).toBeUndefined();
  });

  it('leaves a message that is not a turn for the dead-letter queue', async () => {
    const queueUrl = await sqs.createQueue({ maxReceiveCount: 1 });
    const queue = new SqsTurnQueue({ queueUrl, client: sqs.client, waitSeconds: 0 });
    const { SendMessageCommand } = await import('@aws-sdk/client-sqs');
    await sqs.client.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: '{"v":9}' }));
    await queue.add(turn('m-1'));

    const received = await queue.receive(10);

    expect(idsOf(received)).toEqual(['m-1']);
  });
});

/** The session log's store, with an outage switch (the real store's failure: StoreUnavailableError). */
class StoreWithOutage extends SessionLog {
  readonly inner = new MemorySessionLog();
  down = false;
  writes = 0;
  override recordTurn(t: Turn) {
    this.writes++;
    return this.check(() => this.inner.recordTurn(t));
  }
  override getTurn(sessionId: string, messageId: string) {
    return this.check(() => this.inner.getTurn(sessionId, messageId));
  }
  override listTurns(sessionId: string, options?: { limit?: number }) {
    return this.check(() => this.inner.listTurns(sessionId, options));
  }
  override setFeedback(sessionId: string, messageId: string, feedback: Feedback) {
    return this.check(() => this.inner.setFeedback(sessionId, messageId, feedback));
  }
  private check<T>(call: () => Promise<T>): Promise<T> {
    if (this.down) return Promise.reject(new StoreUnavailableError('store down'));
    return call();
  }
}

/** The queue, recording each batch it gives out; `failRemoveOnce` is a flush dying mid-way. */
class WatchedQueue extends TurnQueue {
  readonly batches: number[] = [];
  failRemoveOnce = false;
  constructor(private readonly inner: TurnQueue) {
    super();
  }
  override add(t: Turn) {
    return this.inner.add(t);
  }
  override async receive(max: number) {
    const received = await this.inner.receive(max);
    if (received.length > 0) this.batches.push(received.length);
    return received;
  }
  override remove(received: readonly ReceivedTurn[]) {
    if (this.failRemoveOnce) {
      this.failRemoveOnce = false;
      return Promise.reject(new Error('the flush died before removing the batch'));
    }
    return this.inner.remove(received);
  }
  override forgetSessions(sessionIds: readonly string[]) {
    return this.inner.forgetSessions(sessionIds);
  }
}

async function queueingLog(factory: Factory) {
  const store = new StoreWithOutage();
  const inner = await factory();
  const queue = new WatchedQueue(inner);
  const log = new QueueingSessionLog(store, queue, new MemoryLogger(), { flushWhenBack: false });
  /** Flushes until the queue holds nothing (a shared queue gives a turn out again only later). */
  const flushUntilEmpty = async () => {
    const deadline = Date.now() + 10_000;
    while (!(await isEmpty(inner))) {
      expect(await log.flush()).toBe(0);
      if (Date.now() > deadline) throw new Error('the queue did not empty');
    }
  };
  return { store, queue, inner, log, flushUntilEmpty };
}

describe.each(adapters)('the flush over %s', (name, factory) => {
  it('writes turns queued while the store was down, in batches of at most ten, each once', async () => {
    const { store, queue, inner, log } = await queueingLog(factory);
    store.down = true;
    const ids = Array.from({ length: 23 }, (_, i) => `m-${String(i).padStart(2, '0')}`);
    for (const id of ids) {
      await expect(log.recordTurn(turn(id))).rejects.toBeInstanceOf(StoreUnavailableError);
    }

    expect(await log.flush()).toBeGreaterThan(0); // still down: nothing written, all kept
    store.down = false;
    const left = await log.flush();

    expect(left).toBe(0);
    expect(queue.batches.every((size) => size <= 10)).toBe(true);
    if (name !== 'SqsTurnQueue') expect(queue.batches.slice(-3)).toEqual([10, 10, 3]);
    const written = await store.inner.listTurns('s-1', { limit: 100 });
    expect(written.map((t) => t.messageId).sort()).toEqual(ids);
    expect(await isEmpty(inner)).toBe(true);
  });

  it('writes a turn delivered again after its write (the flush died before removing it) once', async () => {
    const { store, queue, log, flushUntilEmpty } = await queueingLog(factory);
    store.down = true;
    await expect(log.recordTurn(turn('m-1'))).rejects.toBeInstanceOf(StoreUnavailableError);
    store.down = false;
    queue.failRemoveOnce = true;

    await expect(log.flush()).rejects.toThrow(/died/);
    await flushUntilEmpty();

    expect(store.writes).toBeGreaterThanOrEqual(3); // the failed one, the first flush, the replay
    expect(await store.inner.listTurns('s-1')).toEqual([
      expect.objectContaining({ messageId: 'm-1', text: 'text of m-1' }),
    ]);
  });

  it('writes a turn queued twice (a retried send) once', async () => {
    const { store, queue, flushUntilEmpty } = await queueingLog(factory);
    await queue.add(turn('m-1'));
    await queue.add(turn('m-1'));

    await flushUntilEmpty();

    expect(await store.inner.listTurns('s-1')).toHaveLength(1);
  });
});

describe('FileTurnQueue on disk', () => {
  it('a new instance on the same file finds what an earlier one queued and did not remove', async () => {
    const name = file();
    const first = new FileTurnQueue({ file: name });
    await first.add(turn('m-1'));
    await first.add(turn('m-2'));
    await first.remove((await first.receive(1)) as ReceivedTurn[]);
    await first.close();

    const second = new FileTurnQueue({ file: name });
    expect(idsOf(await second.receive(10))).toEqual(['m-2']);
    await second.close();
  });

  it('skips a line torn by a crash mid-write and keeps appending after it', async () => {
    const name = file();
    const first = new FileTurnQueue({ file: name });
    await first.add(turn('m-1'));
    await first.close();
    await appendFile(name, '{"op":"add","turn":{"sessionId":"s-1","mess');

    const second = new FileTurnQueue({ file: name });
    await second.add(turn('m-2'));
    await second.close();
    const third = new FileTurnQueue({ file: name });

    expect((await third.receive(10)).map((r) => r.turn.messageId)).toEqual(['m-1', 'm-2']);
    await third.close();
  });

  it('empties the file once every queued turn is removed', async () => {
    const name = file();
    const queue = new FileTurnQueue({ file: name });
    await queue.add(turn('m-1'));
    expect(await readFile(name, 'utf8')).toContain('m-1');
    await queue.remove(await queue.receive(10));
    expect(await readFile(name, 'utf8')).toBe('');
    await queue.close();
  });
});
