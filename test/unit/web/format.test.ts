/** The staff desk's display helpers: waiting time and confidence. */
import { describe, expect, it } from 'vitest';
import { formatConfidence, formatWaiting } from '../../../web/staff/format.ts';

describe('staff desk formatting', () => {
  const now = new Date('2026-05-03T14:00:00Z');

  it('shows how long a ticket has waited in minutes, hours and days', () => {
    // Assess
    expect(formatWaiting('2026-05-03T13:59:40Z', now)).toBe('waiting < 1 min');
    expect(formatWaiting('2026-05-03T13:48:00Z', now)).toBe('waiting 12 min');
    expect(formatWaiting('2026-05-03T11:55:00Z', now)).toBe('waiting 2 h 5 min');
    expect(formatWaiting('2026-04-30T10:00:00Z', now)).toBe('waiting 3 d 4 h');
    expect(formatWaiting('not a date', now)).toBe('waiting (unknown)');
  });

  it('shows confidences as whole percentages within 0–100', () => {
    // Assess
    expect(formatConfidence(0.876)).toBe('88%');
    expect(formatConfidence(1.2)).toBe('100%');
    expect(formatConfidence(-1)).toBe('0%');
  });
});
