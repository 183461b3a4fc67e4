/**
 * What a new turn counts for conversations as a whole (pure), from fields on the turn only:
 *  - Conversation duration: the time from a session's first turn to its latest, as a histogram
 *    (`cd_<bucket>`) on the day the session started, in the slices of its channel and first
 *    language. The first turn counts the session at 0 s; each later turn moves it from the
 *    duration it had reached (`session.previousAt`) to the one it reaches now — so once every
 *    turn is counted, the session sits in the bucket of (last turn − first turn). Turns without
 *    `session` (the history could not be read, or the session began before it was recorded)
 *    count nothing here.
 *  - Where chats start: a session's first turn with a `startPage` counts one conversation for
 *    that page (keyed family `page`), on the turn's day, in the turn's slices.
 * Known limit: two turns of one session handled at the same moment (each reading the history
 * without the other) both move the session from the same point; its count then stays one but may
 * sit between two buckets.
 */
import type { Turn } from '../ports.ts';
import { dayOf } from './days.ts';
import { bucketOf } from './duration-histogram.ts';
import { C, CONVERSATION_DURATION_PREFIX } from './stats-events.ts';
import { dimensionKey, keyedDimension, type CounterUpdate, type Counts } from './stats-store.ts';
import { latest, startPageOf } from './turn-session.ts';
import { LANGS } from '../types.ts';

/** The conversation-duration and start-page counters of a newly recorded turn. */
export function sessionUpdates(turn: Turn): CounterUpdate[] {
  const updates: CounterUpdate[] = [];
  const session = turn.session;
  if (session && isTime(session.startedAt) && isTime(turn.at)) {
    const start = Date.parse(session.startedAt);
    const bucket = (at: string) =>
      `${CONVERSATION_DURATION_PREFIX}${bucketOf((Date.parse(at) - start) / 1000)}`;
    const counts: Counts = {};
    const before =
      session.previousAt && isTime(session.previousAt) ? session.previousAt : undefined;
    const reached = latest(turn.at, before);
    counts[bucket(reached)] = 1;
    if (before) counts[bucket(before)] = (counts[bucket(before)] ?? 0) - 1;
    // The session's first language (the turn's own if the stored one is unreadable).
    const lang = LANGS.includes(session.lang) ? session.lang : turn.lang;
    if (Object.values(counts).some((n) => n !== 0)) {
      for (const slice of slicesOf(turn.channel, lang)) {
        updates.push({
          scope: 'day',
          day: dayOf(session.startedAt),
          dimension: dimensionKey(slice),
          counts,
        });
      }
    }
  }
  // Only a page the chat route would take (a stored one is checked again: a bad key would make
  // the whole batch fail).
  const page = turn.firstOfSession === true ? startPageOf(turn.startPage) : undefined;
  if (page && isTime(turn.at)) {
    for (const slice of slicesOf(turn.channel, turn.lang)) {
      updates.push({
        scope: 'keyed',
        family: 'page',
        day: dayOf(turn.at),
        dimension: keyedDimension(slice),
        key: page,
        counts: { [C.startedConversations]: 1 },
      });
    }
  }
  return updates;
}

function slicesOf(channel: Turn['channel'], lang: Turn['lang']) {
  return [{}, { channel }, { lang }, { channel, lang }];
}

function isTime(value: unknown): value is string {
  return typeof value === 'string' && !Number.isNaN(Date.parse(value));
}
