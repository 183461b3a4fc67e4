/**
 * The numbers the dashboard must show for a simulated week, computed from the simulation's own
 * log (simulation.ts) — what the customers and agents did and when — never from the store. The
 * definitions are the product's, as documented in functions/core/analytics/ticket-counters.ts
 * (first response, abandonment, CSAT and close credit, UTC days); they are applied here to the
 * log independently. Only the windows of abandonment are taken from the product (30 minutes on
 * the web, 24 hours elsewhere): they are the definition, not a computation.
 */
import { abandonAfterSeconds } from '#core/analytics/ticket-counters.ts';
import type { Channel } from '#core/types.ts';
import type { SimTicket, SimulationLog } from './simulation.ts';

export interface FirstResponseTruth {
  count: number;
  /** Exact sum of the waits in ms. */
  totalMs: number;
  /** Exact mean in seconds (totalMs / count / 1000), null without responses. */
  meanSeconds: number | null;
  /** Every wait in seconds, ascending (for exact percentiles). */
  waits: number[];
}

export interface AbandonmentTruth {
  closed: number;
  abandoned: number;
}

export interface CsatTruth {
  distribution: [number, number, number, number, number];
}

export interface Slice {
  firstResponse: FirstResponseTruth;
  abandonment: AbandonmentTruth;
  csat: CsatTruth;
}

export interface AgentTruth {
  replies: number;
  closes: number;
  firstResponse: FirstResponseTruth;
  csat: CsatTruth;
}

export interface GroundTruth {
  total: Slice;
  byQueue: Map<string, Slice>;
  byChannel: Map<Channel, Slice>;
  byDay: Map<string, Slice>;
  byAgent: Map<string, AgentTruth>;
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Nothing counted yet. */
export function emptySlice(): Slice {
  return {
    firstResponse: { count: 0, totalMs: 0, meanSeconds: null, waits: [] },
    abandonment: { closed: 0, abandoned: 0 },
    csat: { distribution: [0, 0, 0, 0, 0] },
  };
}

function addWait(fr: FirstResponseTruth, ms: number) {
  fr.count++;
  fr.totalMs += ms;
  fr.waits.push(ms / 1000);
}

/** The customer left before a person replied (the definition in ticket-counters.ts). */
export function leftBeforeReply(t: SimTicket): boolean {
  const first = t.replies[0];
  if (!first) return true;
  const lastBefore = Math.max(...t.customerMessages.filter((m) => m <= first.at));
  return (first.at - lastBefore) / 1000 > abandonAfterSeconds(t.channel);
}

/**
 * Tickets whose first reply came later than the window after the hand-off but within it after
 * a later message of the customer's (a nudge kept them waiting): not abandoned.
 */
export function keptWaitingByANudge(t: SimTicket): boolean {
  const first = t.replies[0];
  if (!first) return false;
  return (first.at - t.createdAt) / 1000 > abandonAfterSeconds(t.channel) && !leftBeforeReply(t);
}

/** The desk's numbers for events on UTC days `from`…`to` (inclusive), from the log. */
export function groundTruth(log: SimulationLog, from: string, to: string): GroundTruth {
  const inRange = (ms: number) => day(ms) >= from && day(ms) <= to;
  const truth: GroundTruth = {
    total: emptySlice(),
    byQueue: new Map(),
    byChannel: new Map(),
    byDay: new Map(),
    byAgent: new Map(),
  };
  const slices = (t: SimTicket, at: number): Slice[] => {
    const get = <K>(map: Map<K, Slice>, key: K) => {
      let slice = map.get(key);
      if (!slice) map.set(key, (slice = emptySlice()));
      return slice;
    };
    return [
      truth.total,
      get(truth.byQueue, t.queue),
      get(truth.byChannel, t.channel),
      get(truth.byDay, day(at)),
    ];
  };
  const agent = (name: string) => {
    let a = truth.byAgent.get(name);
    if (!a) {
      const { firstResponse, csat } = emptySlice();
      a = { replies: 0, closes: 0, firstResponse, csat };
      truth.byAgent.set(name, a);
    }
    return a;
  };

  for (const t of log.tickets) {
    const first = t.replies[0];
    if (first && inRange(first.at)) {
      const wait = Math.max(0, first.at - t.createdAt);
      for (const slice of slices(t, first.at)) addWait(slice.firstResponse, wait);
      addWait(agent(first.by).firstResponse, wait);
    }
    for (const reply of t.replies) if (inRange(reply.at)) agent(reply.by).replies++;
    if (t.status === 'closed' && t.closedAt !== undefined && inRange(t.closedAt)) {
      const abandoned = leftBeforeReply(t);
      for (const slice of slices(t, t.closedAt)) {
        slice.abandonment.closed++;
        if (abandoned) slice.abandonment.abandoned++;
      }
      const closer = t.claimedBy ?? t.replies.at(-1)?.by;
      if (closer) agent(closer).closes++;
    }
    if (t.csat && inRange(t.csat.at)) {
      const index = t.csat.rating - 1;
      for (const slice of slices(t, t.csat.at)) slice.csat.distribution[index]!++;
      const rater = t.replies.filter((r) => r.at <= t.csat!.at).at(-1)?.by ?? t.claimedBy;
      if (rater) agent(rater).csat.distribution[index]!++;
    }
  }
  const finish = (fr: FirstResponseTruth) => {
    fr.waits.sort((a, b) => a - b);
    fr.meanSeconds = fr.count > 0 ? fr.totalMs / fr.count / 1000 : null;
  };
  for (const slice of [
    truth.total,
    ...truth.byQueue.values(),
    ...truth.byChannel.values(),
    ...truth.byDay.values(),
  ]) {
    finish(slice.firstResponse);
  }
  for (const a of truth.byAgent.values()) finish(a.firstResponse);
  return truth;
}

/** The `p`-th percentile by nearest rank of ascending `values`, exactly; null when empty. */
export function exactPercentile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  return values[Math.max(1, Math.ceil(p * values.length)) - 1]!;
}
