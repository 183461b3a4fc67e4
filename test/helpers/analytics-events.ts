/** Test helper: analytics events as the conversation core emits them. */
import type { AnalyticsEvent } from '#core/analytics/analytics-events.ts';

/** A small-talk web turn on 1 June 2026, in session `s-<n>`. */
export const turnEvent = (n: number): AnalyticsEvent => ({
  type: 'turn-recorded',
  turn: {
    sessionId: `s-${n}`,
    messageId: 'm-1',
    at: '2026-06-01T10:00:00.000Z',
    channel: 'web',
    lang: 'en',
    text: 'hello',
    outcome: 'smalltalk',
    reply: 'hi',
  },
});
