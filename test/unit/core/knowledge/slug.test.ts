import { describe, expect, it } from 'vitest';
import { createSlugger, slugify } from '#core/knowledge/slug.ts';

describe('slugify', () => {
  it('lowercases Latin, turns spaces into hyphens and drops punctuation like GitHub', () => {
    expect(slugify('Reset your password!')).toBe('reset-your-password');
    expect(slugify("What's new in v2.0?")).toBe('whats-new-in-v20');
    expect(slugify('snake_case stays')).toBe('snake_case-stays');
  });

  it('keeps Arabic letters and drops Arabic punctuation', () => {
    expect(slugify('كيف أغير كلمة المرور؟')).toBe('كيف-أغير-كلمة-المرور');
  });
});

describe('createSlugger', () => {
  it('de-duplicates repeated headings with -1, -2', () => {
    const slug = createSlugger();
    expect([slug('Steps'), slug('Steps'), slug('Steps'), slug('Steps 1')]).toEqual([
      'steps',
      'steps-1',
      'steps-2',
      'steps-1-1',
    ]);
  });
});
