import { describe, expect, it } from 'vitest';
import { InvalidCursorError } from '#core/errors.ts';
import { PageCursorCodec } from '#core/tickets/page-cursor.ts';

describe('PageCursorCodec', () => {
  const codec = new PageCursorCodec('secret-1');

  it('round-trips a payload through an opaque, URL-safe cursor', () => {
    const payload = { f: 'open||', p: [['2025-03-01T09:00:00.000Z', 'MJ-4K7Q2X'], 'done', null] };
    const cursor = codec.encode(payload);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(codec.decode(cursor)).toEqual(payload);
  });

  it('rejects garbage, edited cursors and cursors signed with another secret', () => {
    const cursor = codec.encode({ a: 1 });
    const [body, signature] = cursor.split('.') as [string, string];
    const edited = Buffer.from(JSON.stringify({ a: 2 })).toString('base64url');
    const bad = [
      '',
      'garbage',
      body,
      `${edited}.${signature}`,
      `${cursor}.extra`,
      new PageCursorCodec('secret-2').encode({ a: 1 }),
      'x'.repeat(5000),
    ];
    for (const value of bad) expect(() => codec.decode(value)).toThrow(InvalidCursorError);
  });
});
