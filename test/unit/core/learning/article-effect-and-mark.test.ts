import { describe, expect, it } from 'vitest';
import { MemoryStatsStore } from '#adapters/stats/memory-stats-store.ts';
import { MemorySuggestionStore } from '#adapters/memory/memory-suggestion-store.ts';
import { ValidationError } from '#core/errors.ts';
import { LearningService } from '#core/learning/learning-service.ts';
import type { Ticket } from '#core/ports.ts';
import { markAnsweredBy } from '#core/tickets/ticket-lifecycle.ts';

const NOW = new Date('2025-03-10T12:00:00.000Z');

async function serviceWith(counts: { day: string; answers?: number; escalations?: number }[]) {
  const stats = new MemoryStatsStore();
  await stats.increment(
    counts.map((c) => ({
      scope: 'article' as const,
      day: c.day,
      lang: 'en' as const,
      articleId: 'reset-password',
      counts: { answers: c.answers ?? 0, escalations: c.escalations ?? 0 },
    })),
  );
  return new LearningService({
    store: new MemorySuggestionStore(),
    gapReport: {
      clusters: async () => ({
        days: 0,
        from: '',
        to: '',
        generatedAt: '',
        questionCount: 0,
        clusters: [],
      }),
    },
    stats,
    clock: { now: () => NOW },
  });
}

describe('article effect', () => {
  it('compares containment in equal windows before and after the day', async () => {
    const service = await serviceWith([
      { day: '2025-03-01', answers: 1, escalations: 3 }, // before the window: ignored
      { day: '2025-03-05', answers: 2, escalations: 2 },
      { day: '2025-03-08', answers: 6, escalations: 1 },
      { day: '2025-03-10', answers: 3 },
    ]);

    const effect = await service.effect('reset-password', '2025-03-08');

    expect(effect.before).toMatchObject({
      from: '2025-03-05',
      to: '2025-03-07',
      answers: 2,
      escalations: 2,
      containment: 0.5,
    });
    expect(effect.after).toMatchObject({
      from: '2025-03-08',
      to: '2025-03-10',
      answers: 9,
      escalations: 1,
      containment: 0.9,
    });
    expect(effect.containmentChange).toBe(0.4);
  });

  it('refuses a missing, malformed or future day and a bad article id', async () => {
    const service = await serviceWith([]);
    for (const since of [undefined, '2025-3-1', '2025-02-30', '2025-03-11']) {
      await expect(service.effect('reset-password', since)).rejects.toBeInstanceOf(ValidationError);
    }
    await expect(service.effect('a b', '2025-03-01')).rejects.toBeInstanceOf(ValidationError);
  });
});

describe('answered by article', () => {
  const ticket = { ref: 'MJ-ABC123', version: 2, updatedAt: '2025-03-01T00:00:00.000Z' } as Ticket;

  it('records the article, who and when, as a new version', () => {
    const marked = markAnsweredBy(ticket, 'Huda', 'reset-password', NOW);
    expect(marked).toMatchObject({
      version: 3,
      answeredBy: { articleId: 'reset-password', by: 'Huda', at: NOW.toISOString() },
    });
    expect(markAnsweredBy(marked, 'Omar', 'reset-password', NOW)).toBe(marked);
  });

  it('refuses an article id that is not one', () => {
    expect(() => markAnsweredBy(ticket, 'Huda', '../etc', NOW)).toThrow(ValidationError);
    expect(() => markAnsweredBy(ticket, '', 'reset-password', NOW)).toThrow(ValidationError);
  });
});
