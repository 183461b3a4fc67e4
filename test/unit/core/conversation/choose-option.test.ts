import { describe, expect, it } from 'vitest';
import { interpretChoice } from '#core/conversation/choose-option.ts';

const OPTIONS = [
  { articleId: 'reset-password', title: 'Reset your password' },
  { articleId: 'locked-account', title: 'Unlock a locked account' },
];

describe('interpretChoice', () => {
  it.each([
    ['1', 'reset-password'],
    ['2', 'locked-account'],
    ['2.', 'locked-account'],
    ['#2', 'locked-account'],
    [' 2 ', 'locked-account'],
    ['١', 'reset-password'],
    ['٢', 'locked-account'],
    ['۲', 'locked-account'],
    ['the first', 'reset-password'],
    ['the second one', 'locked-account'],
    ['option 2 please', 'locked-account'],
    ['2nd', 'locked-account'],
    ['one', 'reset-password'],
    ['الأول', 'reset-password'],
    ['الثاني', 'locked-account'],
    ['الخيار رقم ٢', 'locked-account'],
    ['Unlock a locked account', 'locked-account'],
  ])('reads "%s" as %s', (text, articleId) => {
    expect(interpretChoice(text, OPTIONS)).toBe(articleId);
  });

  it.each([
    ['3'],
    ['0'],
    ['1 or 2'],
    ['how do I reset my password'],
    ['I have 2 orders missing'],
    [''],
    ['الثالث'],
  ])('does not take "%s" as a pick', (text) => {
    expect(interpretChoice(text, OPTIONS)).toBeUndefined();
  });

  it('takes nothing when there were no options', () => {
    expect(interpretChoice('1', [])).toBeUndefined();
  });
});
