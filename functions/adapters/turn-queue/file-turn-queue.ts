/**
 * A durable turn queue in one append-only file (JSON lines), for local mode: each change is
 * appended and fsync'd before it counts, so a `kill -9` right after a customer got their answer
 * loses nothing. On open the file is replayed (adds minus removes; a torn last line from a crash
 * mid-write is skipped) and rewritten with only the pending turns, atomically (temporary file,
 * fsync, rename). When nothing is pending the file is truncated, so it never grows unbounded.
 *
 * One process owns the file (the local server); operations are serialised within it.
 */
import { mkdir, open, rename, readFile, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { TurnQueue, type ReceivedTurn, type Turn } from '#core/ports.ts';
import { turnKeyOf as keyOf } from './turn-key.ts';

type QueueRecord = { op: 'add'; turn: Turn } | { op: 'done'; key: [string, string] };

export interface FileTurnQueueOptions {
  /** The queue file (created with its folder if missing; readable by the owner only). */
  file: string;
}

export class FileTurnQueue extends TurnQueue {
  private readonly file: string;
  private readonly turns = new Map<string, Turn>();
  private handle: FileHandle | undefined;
  private chain: Promise<unknown>;

  constructor(options: FileTurnQueueOptions) {
    super();
    this.file = path.resolve(options.file);
    this.chain = this.load();
  }

  override add(turn: Turn): Promise<void> {
    return this.serial(async () => {
      const key = keyOf(turn);
      if (this.turns.has(key)) return;
      await this.append([{ op: 'add', turn }]);
      this.turns.set(key, structuredClone(turn));
    });
  }

  /** The first `max` turns still queued; the receipt is the turn's key. */
  override receive(max: number): Promise<ReceivedTurn[]> {
    return this.serial(async () =>
      [...this.turns]
        .slice(0, Math.max(0, max))
        .map(([receipt, turn]) => ({ turn: structuredClone(turn), receipt })),
    );
  }

  override remove(received: readonly ReceivedTurn[]): Promise<void> {
    return this.serial(() => this.drop(received.map((r) => r.receipt)));
  }

  override forgetSessions(sessionIds: readonly string[]): Promise<number> {
    return this.serial(async () => {
      const sessions = new Set(sessionIds);
      const doomed = [...this.turns].filter(([, t]) => sessions.has(t.sessionId)).map(([k]) => k);
      await this.drop(doomed);
      return doomed.length;
    });
  }

  /** Closes the file (tests; the process exiting closes it too). */
  close(): Promise<void> {
    return this.serial(async () => {
      await this.handle?.close();
      this.handle = undefined;
    });
  }

  private async load(): Promise<void> {
    await mkdir(path.dirname(this.file), { recursive: true });
    let text = '';
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    for (const line of text.split('\n')) {
      const record = parseRecord(line);
      if (record?.op === 'add') this.turns.set(keyOf(record.turn), record.turn);
      if (record?.op === 'done')
        this.turns.delete(keyOf({ sessionId: record.key[0], messageId: record.key[1] }));
    }
    // Rewrite with only what is pending: drops removed turns and any torn line, atomically.
    const temporary = `${this.file}.${process.pid}.tmp`;
    const out = await open(temporary, 'w', 0o600);
    try {
      const body = [...this.turns.values()].map((turn) => line({ op: 'add', turn })).join('');
      await out.writeFile(body, 'utf8');
      await out.sync();
    } finally {
      await out.close();
    }
    await rename(temporary, this.file);
    await syncFolder(path.dirname(this.file));
    this.handle = await open(this.file, 'a', 0o600);
  }

  /** Appends a `done` record for each queued key (unknown ones are ignored), durably. */
  private async drop(keys: readonly string[]): Promise<void> {
    const known = [...new Set(keys)].filter((k) => this.turns.has(k));
    if (known.length === 0) return;
    await this.append(
      known.map((k) => ({ op: 'done', key: JSON.parse(k) as [string, string] }) as const),
    );
    for (const k of known) this.turns.delete(k);
    if (this.turns.size === 0) {
      await this.file_().truncate(0);
      await this.file_().sync();
    }
  }

  private async append(records: QueueRecord[]): Promise<void> {
    await this.file_().appendFile(records.map(line).join(''), 'utf8');
    await this.file_().sync();
  }

  private file_(): FileHandle {
    if (!this.handle) throw new Error(`turn queue ${this.file} is closed`);
    return this.handle;
  }

  /** Runs `task` after every earlier one (and after loading), whatever they ended with. */
  private serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.chain.then(task, task);
    this.chain = run.catch(() => undefined);
    return run;
  }
}

function line(record: QueueRecord): string {
  return `${JSON.stringify(record)}\n`;
}

function parseRecord(text: string): QueueRecord | undefined {
  if (text.trim() === '') return undefined;
  try {
    const record = JSON.parse(text) as QueueRecord;
    if (record.op === 'add' && typeof record.turn?.sessionId === 'string') return record;
    if (record.op === 'done' && Array.isArray(record.key)) return record;
  } catch {
    // a torn line: the process died while appending it, before the fsync that would make it count
  }
  return undefined;
}

/** fsync of the folder, so the rename itself survives a power cut (not supported everywhere). */
async function syncFolder(folder: string): Promise<void> {
  try {
    const handle = await open(folder, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // some platforms cannot fsync a directory; the rename is still atomic
  }
}
