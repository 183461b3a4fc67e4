/**
 * The TurnQueue contract, run against FileTurnQueue (a real file in a temporary folder) and
 * MemoryTurnQueue; plus what only the file adds: it survives a reopen, skips a line torn by a
 * crash mid-write, and empties itself once nothing is pending.
 */
import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileTurnQueue } from '#adapters/turn-queue/file-turn-queue.ts';
import { MemoryTurnQueue } from '#adapters/turn-queue/memory-turn-queue.ts';
import type { Turn, TurnQueue } from '#core/ports.ts';

let dir: string;
let n = 0;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'mujib-queue-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const file = () => path.join(dir, `queue-${++n}.jsonl`);

function turn(messageId: string, text = `text of ${messageId}`): Turn {
  return {
    sessionId: 's-1',
    messageId,
    at: '2025-03-01T09:00:00.000Z',
    channel: 'web',
    lang: 'en',
    text,
    outcome: 'answer',
    reply: 'ok',
  };
}

function turnQueueContract(name: string, factory: () => TurnQueue) {
  describe(`TurnQueue contract: ${name}`, () => {
    it('keeps turns in the order they were added until they are removed', async () => {
      const queue = factory();
      await queue.add(turn('m-1'));
      await queue.add(turn('m-2'));
      await queue.add(turn('m-3'));
      await queue.remove([{ sessionId: 's-1', messageId: 'm-2' }]);
      expect((await queue.pending()).map((t) => t.messageId)).toEqual(['m-1', 'm-3']);
    });

    it('adding a turn with a key already queued keeps the first one', async () => {
      const queue = factory();
      await queue.add(turn('m-1', 'first'));
      await queue.add(turn('m-1', 'second'));
      expect((await queue.pending()).map((t) => t.text)).toEqual(['first']);
    });

    it('ignores unknown keys on remove', async () => {
      const queue = factory();
      await queue.add(turn('m-1'));
      await queue.remove([{ sessionId: 'other', messageId: 'm-1' }]);
      expect(await queue.pending()).toHaveLength(1);
    });
  });
}

turnQueueContract('FileTurnQueue', () => new FileTurnQueue({ file: file() }));
turnQueueContract('MemoryTurnQueue', () => new MemoryTurnQueue());

describe('FileTurnQueue on disk', () => {
  it('a new instance on the same file finds what an earlier one queued and did not remove', async () => {
    const name = file();
    const first = new FileTurnQueue({ file: name });
    await first.add(turn('m-1'));
    await first.add(turn('m-2'));
    await first.remove([{ sessionId: 's-1', messageId: 'm-1' }]);
    await first.close();

    const second = new FileTurnQueue({ file: name });
    expect((await second.pending()).map((t) => t.messageId)).toEqual(['m-2']);
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

    expect((await third.pending()).map((t) => t.messageId)).toEqual(['m-1', 'm-2']);
    await third.close();
  });

  it('empties the file once every queued turn is removed', async () => {
    const name = file();
    const queue = new FileTurnQueue({ file: name });
    await queue.add(turn('m-1'));
    expect(await readFile(name, 'utf8')).toContain('m-1');
    await queue.remove([turn('m-1')]);
    expect(await readFile(name, 'utf8')).toBe('');
    await queue.close();
  });
});
