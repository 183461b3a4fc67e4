/**
 * Staff replies under WhatsApp's rules, on the real local adapters (in-memory session and
 * opt-out stores, the outbox): free text within 24 hours of the customer's last message, the
 * template or nothing after it, nothing at all after STOP.
 */
import { describe, expect, it } from 'vitest';
import type { Ticket } from '#core/ports.ts';
import { MemorySmsOptOutStore } from '#adapters/sms/sms-opt-out-store.ts';
import { OutboxSms } from '#adapters/sms/outbox-sms.ts';
import { phoneCustomerKey, smsCustomerKey } from '#adapters/sms/sms-session.ts';
import { MemorySmsSessionStore, smsSessionFor } from '#adapters/sms/sms-sessions.ts';
import { WhatsAppStaffReplies } from '#adapters/whatsapp/whatsapp-staff-replies.ts';
import { OUTSIDE_WINDOW, withinWindow } from '#adapters/whatsapp/whatsapp-reach.ts';

const SECRET = 'unit-secret';
const PHONE = '+966501234567';
const LAST_WROTE = '2026-11-23T10:00:00.000Z';

function ticket(over: Partial<Ticket> = {}): Ticket {
  return {
    ref: 'MJ-4K7Q2X',
    sourceKey: 'k',
    status: 'answered',
    question: 'where is my parcel',
    lang: 'en',
    channel: 'whatsapp',
    sessionId: 's',
    customerKey: 'whatsapp:x',
    reason: 'asked-for-human',
    transcript: [],
    candidates: [],
    contact: { phone: PHONE },
    createdAt: LAST_WROTE,
    updatedAt: LAST_WROTE,
    replies: [],
    version: 1,
    ...over,
  };
}

const notice = {
  ticketRef: 'MJ-4K7Q2X',
  lang: 'en' as const,
  channel: 'whatsapp' as const,
  text: 'It ships today.',
  at: '',
};

async function setUp(options: { templateSid?: string; now: string }) {
  const sessions = new MemorySmsSessionStore();
  const optOut = new MemorySmsOptOutStore();
  const outbox = new OutboxSms({ channel: 'whatsapp' });
  // The customer wrote on WhatsApp at LAST_WROTE (as the inbound handling records it).
  await smsSessionFor(
    sessions,
    { phone: PHONE, secret: SECRET, messageId: 'SM1', channel: 'whatsapp' },
    { idleHours: 24, retentionDays: 90, now: new Date(LAST_WROTE) },
  );
  const replies = new WhatsAppStaffReplies({
    sender: outbox,
    sessions,
    optOut,
    secret: SECRET,
    clock: { now: () => new Date(options.now) },
    helpUrl: 'https://help.nakheel.example',
    ...(options.templateSid ? { templateSid: options.templateSid } : {}),
  });
  return { replies, outbox, optOut, sessions };
}

describe('withinWindow', () => {
  it('is open until 24 hours after the customer’s last message, and shut when they never wrote', () => {
    expect(withinWindow(LAST_WROTE, new Date('2026-11-24T09:59:59.999Z'))).toBe(true);
    expect(withinWindow(LAST_WROTE, new Date('2026-11-24T10:00:00.000Z'))).toBe(false);
    expect(withinWindow(LAST_WROTE, new Date('2026-11-23T09:59:59.000Z'))).toBe(true);
    expect(withinWindow(undefined, new Date(LAST_WROTE))).toBe(false);
    expect(withinWindow('not a time', new Date(LAST_WROTE))).toBe(false);
  });
});

describe('WhatsAppStaffReplies', () => {
  it('sends the reply as free text inside the window', async () => {
    const { replies, outbox } = await setUp({ now: '2026-11-24T09:00:00.000Z' });

    const sent = await replies.send(ticket(), notice);

    expect(sent.status).toBe('sent');
    expect(outbox.sent).toMatchObject([
      {
        channel: 'whatsapp',
        to: PHONE,
        body: 'A reply from our support team about MJ-4K7Q2X:\nIt ships today.',
      },
    ]);
  });

  it('sends nothing outside the window and says why', async () => {
    const { replies, outbox } = await setUp({ now: '2026-11-24T10:00:00.000Z' });

    const sent = await replies.send(ticket(), notice);

    expect(sent).toEqual({ id: '', status: 'failed', detail: OUTSIDE_WINDOW });
    expect(outbox.sent).toEqual([]);
  });

  it('sends the pre-approved template with the ticket reference outside the window when one is set', async () => {
    const templateSid = 'HX' + 'c'.repeat(32);
    const { replies, outbox } = await setUp({ now: '2026-11-26T10:00:00.000Z', templateSid });

    const sent = await replies.send(ticket(), notice);

    expect(sent).toMatchObject({
      status: 'sent',
      detail: `template ${templateSid} (${OUTSIDE_WINDOW})`,
    });
    expect(outbox.sent).toMatchObject([
      { to: PHONE, template: { contentSid: templateSid, variables: { '1': 'MJ-4K7Q2X' } } },
    ]);
  });

  it('sends nothing to a number that said STOP on WhatsApp, but a STOP on SMS is not one', async () => {
    const { replies, outbox, optOut } = await setUp({ now: '2026-11-23T11:00:00.000Z' });
    await optOut.optOut(smsCustomerKey(PHONE, SECRET), LAST_WROTE);

    const afterSmsStop = await replies.send(ticket(), notice);
    await optOut.optOut(phoneCustomerKey('whatsapp', PHONE, SECRET), LAST_WROTE);
    const afterWhatsAppStop = await replies.send(ticket(), notice);

    expect(afterSmsStop.status).toBe('sent');
    expect(afterWhatsAppStop).toEqual({ id: '', status: 'failed', detail: 'opted-out' });
    expect(outbox.sent).toHaveLength(1);
  });

  it('counts only the number’s WhatsApp messages: an SMS conversation opens no window', async () => {
    const { replies, sessions } = await setUp({ now: '2026-11-25T09:00:00.000Z' });
    await smsSessionFor(
      sessions,
      { phone: PHONE, secret: SECRET, messageId: 'SM2' },
      { idleHours: 24, retentionDays: 90, now: new Date('2026-11-25T08:00:00.000Z') },
    );

    expect((await replies.send(ticket(), notice)).detail).toBe(OUTSIDE_WINDOW);
    expect(await replies.send(ticket({ contact: {} }), notice)).toMatchObject({
      status: 'failed',
      detail: 'no phone number on the ticket',
    });
  });
});
