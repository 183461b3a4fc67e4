/**
 * The CustomerDataStore contract, through the "erase my data" service it exists for: every
 * adapter (DynamoDB on dynalite, memory) must find a customer by phone, email or session and
 * erase their turns, gap questions, content gaps and tickets' personal fields — and nobody
 * else's — and audit each erasure without the erased values.
 */
import { describe, expect, it } from 'vitest';
import type { StatsStore } from '#core/analytics/stats-store.ts';
import { ValidationError } from '#core/errors.ts';
import type { ContentGapStore, SessionLog, Ticket, TicketStore, Turn } from '#core/ports.ts';
import type { CustomerDataStore } from '#core/privacy/customer-data-store.ts';
import { CustomerErasure, ERASED } from '#core/privacy/customer-erasure.ts';
import { newContentGap } from '#core/tickets/new-content-gap.ts';
import { newTicket } from '#core/tickets/new-ticket.ts';
import { claimTicket, replyToTicket } from '#core/tickets/ticket-lifecycle.ts';
import { smsCustomerKey } from '#adapters/sms/sms-session.ts';

export interface ErasureStores {
  customerData: CustomerDataStore;
  sessionLog: SessionLog;
  tickets: TicketStore;
  gaps: ContentGapStore;
  stats: StatsStore;
}

const SECRET = 'contract-secret';
const PHONE = '+971501234567';
const EMAIL = 'Layla@Example.com';
const T0 = Date.parse('2025-03-01T09:00:00.000Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();
const smsSession = (start: string) => `${smsCustomerKey(PHONE, SECRET)}:${start}`;

function turn(sessionId: string, messageId: string, minutes: number, text: string): Turn {
  return {
    sessionId,
    messageId,
    at: at(minutes),
    channel: sessionId.startsWith('sms:') ? 'sms' : 'web',
    lang: 'en',
    text,
    outcome: 'escalate',
    reply: 'A colleague will get back to you.',
    confidence: 0.1,
  };
}

/** The SMS customer (two conversations, a ticket with a staff reply and a content gap), a web
 * customer who left an email, and a bystander who must be left alone. */
async function seed(stores: ErasureStores) {
  const turns = [
    turn(smsSession('a1'), 'SM1', 1, 'my card was charged twice'),
    turn(smsSession('a2'), 'SM2', 2, 'still charged twice, call me'),
    turn('web-layla', 'w1', 3, 'where is my order'),
    turn('web-other', 'o1', 4, 'how do refunds work'),
  ];
  for (const t of turns) {
    await stores.sessionLog.recordTurn(t);
    await stores.stats.addGapQuestion({ ...t, outcome: 'escalate', text: t.text });
  }
  const open = async (sessionId: string, n: number, contact: Ticket['contact']) => {
    const input = {
      sourceKey: `x:${sessionId}:${n}`,
      question: `question from ${sessionId}`,
      lang: 'en' as const,
      channel: sessionId.startsWith('sms:') ? ('sms' as const) : ('web' as const),
      sessionId,
      customerKey: `k-${sessionId}`,
      reason: 'no-match',
      transcript: [{ at: at(n), from: 'customer' as const, text: `words of ${sessionId}` }],
      candidates: [],
      contact,
    };
    return (await stores.tickets.create(newTicket(input, new Date(at(n))))).ticket;
  };
  let sms = await open(smsSession('a2'), 2, { phone: PHONE });
  sms = await stores.tickets.update(claimTicket(sms, 'sara', new Date(at(5))), sms.version);
  sms = await stores.tickets.update(
    replyToTicket(sms, 'sara', 'we refunded the second charge', new Date(at(6))),
    sms.version,
  );
  const web = await open('web-layla', 3, { email: 'layla@example.com' });
  const other = await open('web-other', 4, { email: 'other@example.com' });
  for (const [i, t] of [sms, web, other].entries()) {
    await stores.gaps.add(
      newContentGap(
        { lang: 'en', question: t.question, ticketRef: t.ref },
        new Date(at(10 + i)),
        `g${i}`,
      ),
    );
  }
  return { sms, web, other };
}

function erasure(stores: ErasureStores) {
  let n = 0;
  return new CustomerErasure({
    store: stores.customerData,
    tickets: stores.tickets,
    clock: { now: () => new Date(T0 + 3_600_000) },
    ids: { next: () => `id-${++n}` },
    logger: { info: () => {}, warn: () => {}, error: () => {} },
    smsSessionPrefix: (phone) => `${smsCustomerKey(phone, SECRET)}:`,
  });
}

async function gapQuestionTexts(stats: StatsStore): Promise<string[]> {
  return (await stats.gapQuestions('en', '2025-01-01', '2025-12-31', 100)).map((q) => q.text);
}

export function customerDataStoreContract(name: string, factory: () => Promise<ErasureStores>) {
  describe(`CustomerDataStore contract (erase my data): ${name}`, () => {
    it('erasing by phone removes every SMS conversation of the number and its ticket’s personal fields, and nothing else', async () => {
      const stores = await factory();
      const { sms, other } = await seed(stores);

      const record = await erasure(stores).erase({ phone: '+971 50 123 4567' }, 'sara');

      expect(await stores.sessionLog.listTurns(smsSession('a1'))).toEqual([]);
      expect(await stores.sessionLog.listTurns(smsSession('a2'))).toEqual([]);
      expect(await stores.sessionLog.listTurns('web-other')).toHaveLength(1);
      const ticket = (await stores.tickets.get(sms.ref)) as Ticket;
      expect(ticket).toMatchObject({ question: ERASED, transcript: [], contact: {} });
      expect(ticket.replies.map((r) => r.text)).toEqual([ERASED]);
      expect(JSON.stringify(ticket)).not.toContain(PHONE);
      expect(JSON.stringify(ticket)).not.toContain(smsCustomerKey(PHONE, SECRET));
      expect(await stores.tickets.get(other.ref)).toMatchObject({ question: other.question });
      expect((await stores.gaps.list()).map((g) => g.ticketRef).sort()).toEqual(
        [other.ref, expect.any(String)].sort(),
      );
      expect((await stores.gaps.list()).some((g) => g.ticketRef === sms.ref)).toBe(false);
      expect(await gapQuestionTexts(stores.stats)).toEqual(
        expect.not.arrayContaining(['my card was charged twice', 'still charged twice, call me']),
      );
      expect(await gapQuestionTexts(stores.stats)).toContain('how do refunds work');
      expect(record).toMatchObject({
        by: 'sara',
        subject: 'phone',
        sessions: 2,
        turns: 2,
        gapQuestions: 2,
        contentGaps: 1,
        tickets: [sms.ref],
      });
    });

    it('erasing by email finds the web ticket (any case) and the turns of its session', async () => {
      const stores = await factory();
      const { web } = await seed(stores);

      const record = await erasure(stores).erase({ email: EMAIL }, 'omar');

      expect(await stores.sessionLog.listTurns('web-layla')).toEqual([]);
      expect(await stores.tickets.get(web.ref)).toMatchObject({ contact: {}, question: ERASED });
      expect(record).toMatchObject({ subject: 'email', turns: 1, tickets: [web.ref] });
    });

    it('erasing by session id removes that session only, and a second erasure finds nothing more', async () => {
      const stores = await factory();
      const { other } = await seed(stores);
      const service = erasure(stores);

      const first = await service.erase({ sessionId: 'web-other' }, 'sara');
      const second = await service.erase({ sessionId: 'web-other' }, 'sara');

      expect(first).toMatchObject({
        turns: 1,
        gapQuestions: 1,
        contentGaps: 1,
        tickets: [other.ref],
      });
      expect(second).toMatchObject({ turns: 0, gapQuestions: 0, contentGaps: 0, tickets: [] });
      expect(await stores.sessionLog.listTurns('web-layla')).toHaveLength(1);
    });

    it('audits who erased what and when, without the erased values', async () => {
      const stores = await factory();
      await seed(stores);
      const service = erasure(stores);
      await service.erase({ phone: PHONE }, 'sara');
      await service.erase({ email: EMAIL }, 'omar');

      const audit = await service.list();

      expect(audit.map((r) => [r.by, r.subject])).toEqual([
        ['omar', 'email'],
        ['sara', 'phone'],
      ]);
      expect(audit[0]?.at).toBe(new Date(T0 + 3_600_000).toISOString());
      const text = JSON.stringify(audit).toLowerCase();
      for (const secret of [
        PHONE,
        '501234567',
        EMAIL.toLowerCase(),
        'web-layla',
        'charged twice',
      ]) {
        expect(text).not.toContain(secret.toLowerCase());
      }
      expect(text).not.toContain(smsCustomerKey(PHONE, SECRET));
    });

    it('needs exactly one way to identify the customer', async () => {
      const stores = await factory();
      const service = erasure(stores);
      await expect(service.erase({}, 'sara')).rejects.toBeInstanceOf(ValidationError);
      await expect(service.erase({ phone: PHONE, email: EMAIL }, 'sara')).rejects.toBeInstanceOf(
        ValidationError,
      );
      await expect(service.erase({ phone: 'call me' }, 'sara')).rejects.toBeInstanceOf(
        ValidationError,
      );
      expect(await service.list()).toEqual([]);
    });
  });
}
