/**
 * A simulated week of hand-offs: customers on every channel ask a question, ask for a person,
 * sometimes nudge while they wait, and rate the help after their ticket closes; agents on shifts
 * (Asia/Riyadh, the sample's hours) take the oldest waiting ticket of the queues they watch,
 * claim it, reply once or twice and close it — or close it unanswered when the web customer is
 * long gone — and now and then reopen a ticket and answer again.
 *
 * Everything goes through the real app (the conversation core for customers' messages, the
 * ticket service for the desk, the satisfaction service for ratings) on a clock the simulation
 * moves, one event at a time. The simulation keeps its own log of what happened — when each
 * customer wrote, who replied when, who closed, what rating — from which ground-truth.ts
 * computes the numbers the dashboard must show. The only things it takes from the app are a
 * ticket's reference and the queue routing chose (routing is not what is measured; how often
 * it chose the topic's queue is reported).
 *
 * Deterministic for a seed: the same run gives the same log.
 */
import type { App } from '#app/create-app.ts';
import type { HandledMessage } from '#core/conversation/reply.ts';
import { sessionCustomerKey } from '#core/tickets/customer-key.ts';
import type { Channel, Lang } from '#core/types.ts';

export interface SimulationOptions {
  customers: number;
  /** Days over which customers arrive (agents keep working until the queues are empty). */
  days: number;
  /** Midnight in Riyadh of the first day, as an ISO instant. */
  start: string;
  seed: number;
  /** Called after every N processed events (progress). */
  progress?: (done: number, customers: number) => void;
}

export type Topic = 'returns' | 'payments' | 'account' | 'general';

/** One ticket as the simulation saw it happen (times in ms since the epoch). */
export interface SimTicket {
  ref: string;
  customer: number;
  channel: Channel;
  lang: Lang;
  topic: Topic;
  /** The queue routing chose (from the hand-off reply). */
  queue: string;
  createdAt: number;
  /** Every message the customer sent to the ticket: the hand-off request and any nudges. */
  customerMessages: number[];
  replies: { at: number; by: string }[];
  claimedBy?: string;
  status: 'open' | 'claimed' | 'answered' | 'closed';
  closedAt?: number;
  csat?: { rating: number; at: number };
  reopened: number;
}

export interface SimulationLog {
  tickets: SimTicket[];
  /** Customers' messages sent, replies written, etc. (for the report). */
  counts: Record<string, number>;
  /** First and last instant anything happened. */
  from: number;
  to: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Riyadh is UTC+3 all year. */
const RIYADH_OFFSET = 3 * HOUR;

const CHANNEL_MIX: [Channel, number][] = [
  ['web', 0.4],
  ['whatsapp', 0.3],
  ['sms', 0.2],
  ['alexa', 0.1],
];
/** Arrivals by hour of the day in Riyadh (relative). */
const HOURLY = [2, 1, 1, 0.5, 0.5, 0.5, 1, 2, 4, 5, 6, 6, 6, 6, 6, 6, 7, 8, 9, 10, 10, 9, 6, 4];
const TOPICS: Topic[] = ['returns', 'payments', 'account', 'general'];
const QUESTIONS: Record<Lang, Record<Topic, string>> = {
  en: {
    returns: 'How do I return an item and get a refund?',
    payments: 'My card payment failed at checkout',
    account: 'I cannot sign in to my account',
    general: 'Do you deliver to Jeddah?',
  },
  ar: {
    returns: 'كيف أرجع منتج وأسترد المبلغ؟',
    payments: 'فشل الدفع بالبطاقة عند إتمام الطلب',
    account: 'لا أستطيع تسجيل الدخول إلى حسابي',
    general: 'هل توصلون إلى جدة؟',
  },
};
const ASK_FOR_PERSON: Record<Lang, string> = {
  en: 'I want to talk to a person',
  ar: 'أبي أكلم موظف',
};
const NUDGE: Record<Lang, string> = {
  en: 'Hello? I still want to talk to a person',
  ar: 'لو سمحت ما زلت أبي أكلم موظف',
};

/** Who works when: Riyadh hours [from, to), days 0 = Sunday … 6 = Saturday, queues watched. */
interface Agent {
  name: string;
  days: number[];
  from: number;
  to: number;
  queues: string[] | 'all';
}
const WEEKDAYS = [0, 1, 2, 3, 4];
const WEEKEND = [5, 6];
const AGENTS: Agent[] = [
  { name: 'Huda', days: WEEKDAYS, from: 8, to: 16, queues: ['general-ar', 'returns', 'account'] },
  { name: 'Omar', days: WEEKDAYS, from: 8, to: 16, queues: ['general-en', 'payments', 'account'] },
  { name: 'Lina', days: WEEKDAYS, from: 8, to: 16, queues: 'all' },
  { name: 'Faisal', days: WEEKEND, from: 8, to: 16, queues: 'all' },
  { name: 'Sara', days: WEEKDAYS, from: 16, to: 24, queues: ['general-ar', 'returns', 'payments'] },
  { name: 'Yousef', days: WEEKDAYS, from: 16, to: 24, queues: 'all' },
  { name: 'Maha', days: WEEKDAYS, from: 16, to: 24, queues: ['general-en', 'account', 'payments'] },
  { name: 'Nora', days: WEEKEND, from: 16, to: 24, queues: 'all' },
];
/** Tickets an agent works on at once. */
const CHATS_PER_AGENT = 2;

/** A small seeded generator (mulberry32). */
function random(seed: number) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return {
    next,
    between: (a: number, b: number) => a + (b - a) * next(),
    chance: (p: number) => next() < p,
    pick<T>(weighted: [T, number][]): T {
      const total = weighted.reduce((n, [, w]) => n + w, 0);
      let x = next() * total;
      for (const [value, weight] of weighted) {
        x -= weight;
        if (x < 0) return value;
      }
      return weighted.at(-1)![0];
    },
  };
}

type Event =
  | { kind: 'arrive'; customer: number }
  | { kind: 'ask-for-person'; customer: number }
  | { kind: 'nudge'; ticket: SimTicket }
  | { kind: 'agent-free'; agent: Agent }
  | { kind: 'reply'; ticket: SimTicket; agent: Agent; last: boolean }
  | { kind: 'close'; ticket: SimTicket; agent: Agent }
  | { kind: 'reopen'; ticket: SimTicket; agent: Agent }
  | { kind: 'rate'; ticket: SimTicket; rating: number };

/** Events by time, then in the order they were scheduled (a binary heap). */
class Agenda {
  private heap: { at: number; seq: number; event: Event }[] = [];
  private seq = 0;
  get size() {
    return this.heap.length;
  }
  push(at: number, event: Event) {
    const heap = this.heap;
    heap.push({ at: Math.round(at), seq: this.seq++, event });
    for (let i = heap.length - 1; i > 0;) {
      const parent = (i - 1) >> 1;
      if (!this.before(i, parent)) break;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  }
  pop(): { at: number; event: Event } | undefined {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    if (top && last && heap.length > 0) {
      heap[0] = last;
      for (let i = 0; ;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && this.before(l, m)) m = l;
        if (r < heap.length && this.before(r, m)) m = r;
        if (m === i) break;
        [heap[i], heap[m]] = [heap[m]!, heap[i]!];
        i = m;
      }
    }
    return top;
  }
  private before(a: number, b: number) {
    const x = this.heap[a]!;
    const y = this.heap[b]!;
    return x.at < y.at || (x.at === y.at && x.seq < y.seq);
  }
}

interface Customer {
  id: number;
  channel: Channel;
  lang: Lang;
  topic: Topic;
  sessionId: string;
  messages: number;
  ticket?: SimTicket;
}

/**
 * Runs the simulation against `app`, whose clock must read `clock.now` (the simulation sets it
 * before every action).
 */
export async function simulateHandOffs(
  app: App,
  clock: { now: number },
  options: SimulationOptions,
): Promise<SimulationLog> {
  const rng = random(options.seed);
  const start = Date.parse(options.start);
  const agenda = new Agenda();
  const counts: Record<string, number> = {};
  const count = (name: string) => {
    counts[name] = (counts[name] ?? 0) + 1;
  };
  const customers: Customer[] = [];
  const tickets: SimTicket[] = [];
  /** Tickets waiting for an agent, oldest first. */
  const waiting: SimTicket[] = [];

  const say = async (customer: Customer, text: string) => {
    const messageId = `m${customer.messages++}`;
    count('customer messages');
    return app.conversation.handle({
      sessionId: customer.sessionId,
      messageId,
      text,
      channel: customer.channel,
      lang: customer.lang,
    });
  };
  const lastCustomerMessage = (t: SimTicket) => Math.max(...t.customerMessages);
  const watches = (agent: Agent, queue: string) =>
    agent.queues === 'all' || agent.queues.includes(queue);
  const onShift = (agent: Agent, at: number) => {
    const local = new Date(at + RIYADH_OFFSET);
    const hour = local.getUTCHours() + local.getUTCMinutes() / 60;
    return agent.days.includes(local.getUTCDay()) && hour >= agent.from && hour < agent.to;
  };
  /** Events other than agents looking for work still to come (the run ends when none are). */
  let pending = 0;
  const schedule = (at: number, event: Event) => {
    if (event.kind !== 'agent-free') pending++;
    agenda.push(at, event);
  };
  const handedOff = (customer: Customer, reply: HandledMessage['reply'], at: number) => {
    if (reply.kind !== 'escalate' || reply.ticketFailed || !reply.ticketRef || !reply.queue) {
      throw new Error(`customer ${customer.id} was not handed off: ${JSON.stringify(reply)}`);
    }
    const ticket: SimTicket = {
      ref: reply.ticketRef,
      customer: customer.id,
      channel: customer.channel,
      lang: customer.lang,
      topic: customer.topic,
      queue: reply.queue,
      createdAt: at,
      customerMessages: [at],
      replies: [],
      status: 'open',
      reopened: 0,
    };
    customer.ticket = ticket;
    tickets.push(ticket);
    waiting.push(ticket);
    // A third of customers write again while they wait (web: within the hour, while the tab is
    // open; elsewhere within the day), some of them twice.
    if (rng.chance(0.35)) {
      const delay =
        customer.channel === 'web'
          ? rng.between(10 * MINUTE, 50 * MINUTE)
          : rng.between(2 * HOUR, 20 * HOUR);
      schedule(at + delay, { kind: 'nudge', ticket });
    }
  };
  /** Agents keep looking for work while customers are still to come or tickets wait. */
  const workLeft = () => pending > 0 || waiting.length > 0;
  for (let id = 0; id < options.customers; id++) {
    const day = Math.floor(rng.next() * options.days);
    const hour = rng.pick(HOURLY.map((w, h) => [h, w] as [number, number]));
    const at = start + day * DAY + hour * HOUR + rng.next() * HOUR;
    const lang: Lang = rng.chance(0.55) ? 'ar' : 'en';
    customers.push({
      id,
      channel: rng.pick(CHANNEL_MIX),
      lang,
      topic: TOPICS[Math.floor(rng.next() * TOPICS.length)]!,
      sessionId: `sim-${options.seed}-${id}`,
      messages: 0,
    });
    schedule(at, { kind: 'arrive', customer: id });
  }
  // Each agent works on up to CHATS_PER_AGENT tickets at a time (one "free" event per chat).
  for (const agent of AGENTS) {
    for (let chat = 0; chat < CHATS_PER_AGENT; chat++) {
      agenda.push(nextShiftStart(agent, start), { kind: 'agent-free', agent });
    }
  }

  let from = Number.POSITIVE_INFINITY;
  let to = 0;
  let processed = 0;

  for (let item = agenda.pop(); item; item = agenda.pop()) {
    const { at, event } = item;
    if (event.kind !== 'agent-free') pending--;
    clock.now = at;
    from = Math.min(from, at);
    processed++;
    if (options.progress && processed % 500 === 0) options.progress(processed, tickets.length);
    switch (event.kind) {
      case 'arrive': {
        const customer = customers[event.customer]!;
        const { reply } = await say(customer, QUESTIONS[customer.lang][customer.topic]);
        if (reply.kind === 'escalate') {
          // The bot could not answer and handed over at once.
          handedOff(customer, reply, at);
          count('handed over on the question');
          break;
        }
        schedule(at + rng.between(20_000, 120_000), {
          kind: 'ask-for-person',
          customer: customer.id,
        });
        break;
      }
      case 'ask-for-person': {
        const customer = customers[event.customer]!;
        const { reply } = await say(customer, ASK_FOR_PERSON[customer.lang]);
        handedOff(customer, reply, at);
        count('asked for a person');
        break;
      }
      case 'nudge': {
        const { ticket } = event;
        if (ticket.replies.length > 0 || ticket.status === 'closed') break; // a person answered
        const customer = customers[ticket.customer]!;
        const { reply } = await say(customer, NUDGE[customer.lang]);
        if (reply.kind !== 'escalate' || reply.ticketRef !== ticket.ref) {
          throw new Error(`a nudge on ${ticket.ref} went elsewhere: ${JSON.stringify(reply)}`);
        }
        ticket.customerMessages.push(at);
        count('nudges');
        // Some keep asking: web customers every few minutes while the tab is open.
        if (rng.chance(ticket.channel === 'web' ? 0.6 : 0.3)) {
          const again = ticket.channel === 'web' ? rng.between(10 * MINUTE, 25 * MINUTE) : 6 * HOUR;
          schedule(at + again, { kind: 'nudge', ticket });
        }
        break;
      }
      case 'agent-free': {
        const { agent } = event;
        if (!onShift(agent, at)) {
          const next = nextShiftStart(agent, at);
          if (workLeft()) agenda.push(next, { kind: 'agent-free', agent });
          break;
        }
        const index = waiting.findIndex((t) => watches(agent, t.queue));
        if (index < 0) {
          if (workLeft()) agenda.push(at + 2 * MINUTE, { kind: 'agent-free', agent });
          break;
        }
        const [ticket] = waiting.splice(index, 1);
        await app.tickets.claim(ticket!.ref, agent.name);
        ticket!.claimedBy = agent.name;
        ticket!.status = 'claimed';
        count('claims');
        const gone = ticket!.channel === 'web' && at - lastCustomerMessage(ticket!) > 2 * HOUR;
        if (gone || rng.chance(0.04)) {
          // The web customer left long ago, or a duplicate: closed without a reply.
          schedule(at + rng.between(30_000, 3 * MINUTE), {
            kind: 'close',
            ticket: ticket!,
            agent,
          });
          count(gone ? 'closed unanswered (customer gone)' : 'closed unanswered (duplicate)');
        } else {
          schedule(at + rng.between(MINUTE, 6 * MINUTE), {
            kind: 'reply',
            ticket: ticket!,
            agent,
            last: !rng.chance(0.3),
          });
        }
        break;
      }
      case 'reply': {
        const { ticket, agent, last } = event;
        await app.tickets.reply(
          ticket.ref,
          agent.name,
          'Thank you for waiting — here is what we found.',
        );
        ticket.replies.push({ at, by: agent.name });
        ticket.status = 'answered';
        count('replies');
        schedule(
          at + (last ? rng.between(2 * MINUTE, 15 * MINUTE) : rng.between(5 * MINUTE, 20 * MINUTE)),
          last ? { kind: 'close', ticket, agent } : { kind: 'reply', ticket, agent, last: true },
        );
        break;
      }
      case 'close': {
        const { ticket, agent } = event;
        await app.tickets.close(ticket.ref, agent.name);
        ticket.status = 'closed';
        ticket.closedAt = at;
        count('closes');
        if (ticket.replies.length > 0 && ticket.reopened === 0 && rng.chance(0.03)) {
          // The agent spots a mistake: reopens, answers again and closes again.
          schedule(at + rng.between(3 * MINUTE, 20 * MINUTE), { kind: 'reopen', ticket, agent });
          break;
        }
        agenda.push(at + rng.between(MINUTE, 3 * MINUTE), { kind: 'agent-free', agent });
        scheduleRating(ticket, at);
        break;
      }
      case 'reopen': {
        const { ticket, agent } = event;
        await app.tickets.reopen(ticket.ref, agent.name);
        await app.tickets.claim(ticket.ref, agent.name);
        ticket.status = 'claimed';
        ticket.claimedBy = agent.name;
        delete ticket.closedAt;
        ticket.reopened++;
        count('reopened');
        schedule(at + rng.between(MINUTE, 5 * MINUTE), {
          kind: 'reply',
          ticket,
          agent,
          last: true,
        });
        break;
      }
      case 'rate': {
        const { ticket, rating } = event;
        const customer = customers[ticket.customer]!;
        const key = sessionCustomerKey(customer.channel, customer.sessionId);
        await app.csat.rate(ticket.ref, key, rating);
        ticket.csat = { rating, at };
        count('ratings');
        break;
      }
    }
    to = Math.max(to, at);
  }

  /** Whether and how the customer rates: fast answers please, waiting and silence do not. */
  function scheduleRating(ticket: SimTicket, closedAt: number) {
    const first = ticket.replies[0];
    const waited = first ? (first.at - ticket.createdAt) / MINUTE : Number.POSITIVE_INFINITY;
    const answeredInTime = first !== undefined && waited < 24 * 60;
    const willing =
      { web: 0.5, whatsapp: 0.45, sms: 0.3, alexa: 0.25 }[ticket.channel] *
      (answeredInTime ? 1 : 0.2);
    if (!rng.chance(willing)) return;
    const weights: [number, number][] = !first
      ? [
          [1, 6],
          [2, 3],
          [3, 1],
          [4, 0.3],
          [5, 0.2],
        ]
      : waited < 15
        ? [
            [1, 0.3],
            [2, 0.4],
            [3, 1],
            [4, 3],
            [5, 6],
          ]
        : waited < 240
          ? [
              [1, 1],
              [2, 1.5],
              [3, 3],
              [4, 3],
              [5, 2],
            ]
          : [
              [1, 3],
              [2, 3],
              [3, 2],
              [4, 1],
              [5, 0.5],
            ];
    const delay = {
      web: rng.between(30_000, 10 * MINUTE),
      whatsapp: rng.between(2 * MINUTE, 3 * HOUR),
      sms: rng.between(2 * MINUTE, 3 * HOUR),
      alexa: rng.between(2 * HOUR, 2 * DAY), // on the next launch
    }[ticket.channel];
    schedule(closedAt + delay, { kind: 'rate', ticket, rating: rng.pick(weights) });
  }

  return { tickets, counts, from, to };
}

/** The next instant at or after `at` when `agent`'s shift starts (Riyadh time). */
function nextShiftStart(agent: Agent, at: number): number {
  const localMidnight = Math.floor((at + RIYADH_OFFSET) / DAY) * DAY - RIYADH_OFFSET;
  for (let d = 0; d < 8; d++) {
    const dayStart = localMidnight + d * DAY;
    const weekday = new Date(dayStart + RIYADH_OFFSET).getUTCDay();
    const shiftStart = dayStart + agent.from * HOUR;
    if (agent.days.includes(weekday) && shiftStart >= at) return shiftStart;
  }
  throw new Error(`agent ${agent.name} has no shift`);
}
