/**
 * Opaque, signed paging cursors for ticket lists: base64url(JSON) + "." + base64url(HMAC-SHA256).
 * A store hands one out with a page and accepts back only cursors it signed; anything else —
 * garbage, a truncated or edited cursor, one from another list — is an `InvalidCursorError`.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { InvalidCursorError } from '../errors.ts';

/** Longest cursor accepted (a few partition positions fit easily). */
const MAX_CURSOR_LENGTH = 4096;

export class PageCursorCodec {
  /** @param secret HMAC key; stores sharing it accept each other's cursors. */
  constructor(private readonly secret: string) {}

  encode(payload: unknown): string {
    const body = Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
    return `${body}.${this.sign(body)}`;
  }

  /** The payload of a cursor this codec signed; throws `InvalidCursorError` otherwise. */
  decode(cursor: string): unknown {
    if (typeof cursor !== 'string' || cursor.length > MAX_CURSOR_LENGTH) throw invalid();
    const [body, signature, ...rest] = cursor.split('.');
    if (!body || !signature || rest.length > 0) throw invalid();
    const expected = Buffer.from(this.sign(body));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw invalid();
    try {
      return JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as unknown;
    } catch (cause) {
      throw new InvalidCursorError('invalid paging cursor', {}, { cause });
    }
  }

  private sign(body: string): string {
    return createHmac('sha256', this.secret).update(body).digest('base64url');
  }
}

function invalid(): InvalidCursorError {
  return new InvalidCursorError('invalid paging cursor');
}
