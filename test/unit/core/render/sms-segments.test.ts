import { describe, expect, it } from 'vitest';
import { isGsm7, smsSegments, toGsmFriendly } from '#core/render/sms-segments.ts';

describe('smsSegments', () => {
  it('fits 160 GSM-7 characters in one segment and splits the 161st into two', () => {
    expect(smsSegments('a'.repeat(160))).toEqual({ encoding: 'GSM-7', segments: 1, units: 160 });
    expect(smsSegments('a'.repeat(161))).toEqual({ encoding: 'GSM-7', segments: 2, units: 161 });
  });

  it('packs concatenated GSM-7 segments by 153', () => {
    expect(smsSegments('a'.repeat(306)).segments).toBe(2);
    expect(smsSegments('a'.repeat(307)).segments).toBe(3);
    expect(smsSegments('a'.repeat(459)).segments).toBe(3);
    expect(smsSegments('a'.repeat(460)).segments).toBe(4);
  });

  it('counts extension-table characters as two septets', () => {
    const text = `${'a'.repeat(158)}€`;
    expect(smsSegments(text)).toEqual({ encoding: 'GSM-7', segments: 1, units: 160 });
    expect(smsSegments(`${'a'.repeat(159)}[`)).toEqual({
      encoding: 'GSM-7',
      segments: 2,
      units: 161,
    });
    expect(smsSegments('{}[]~|^\\')).toMatchObject({ units: 16 });
  });

  it('never splits an escape pair across segments', () => {
    // 152 plain + "€" (2 septets) would straddle the 153 boundary: the pair moves to segment 2.
    // 306 septets would fit 2 × 153 if the pair could be split; it cannot, so 3 segments.
    const text = `${'a'.repeat(152)}€${'b'.repeat(152)}`;
    expect(smsSegments(text)).toMatchObject({ units: 306, segments: 3 });
  });

  it('switches to UCS-2 for Arabic: 70 code units single, 67 concatenated', () => {
    expect(smsSegments('ا'.repeat(70))).toEqual({ encoding: 'UCS-2', segments: 1, units: 70 });
    expect(smsSegments('ا'.repeat(71))).toEqual({ encoding: 'UCS-2', segments: 2, units: 71 });
    expect(smsSegments('ا'.repeat(134)).segments).toBe(2);
    expect(smsSegments('ا'.repeat(135)).segments).toBe(3);
  });

  it('counts an emoji as two UTF-16 code units and forces UCS-2 on English text', () => {
    expect(smsSegments('Thanks 🙂')).toEqual({ encoding: 'UCS-2', segments: 1, units: 9 });
    expect(smsSegments(`${'a'.repeat(68)}🙂`)).toEqual({
      encoding: 'UCS-2',
      segments: 1,
      units: 70,
    });
  });

  it('takes no segment for an empty text', () => {
    expect(smsSegments('')).toEqual({ encoding: 'GSM-7', segments: 0, units: 0 });
  });
});

describe('toGsmFriendly', () => {
  it('replaces typographic quotes, dashes and ellipses so English stays GSM-7', () => {
    const text = toGsmFriendly('It’s “easy” – really…');
    expect(text).toBe('It\'s "easy" - really...');
    expect(isGsm7(text)).toBe(true);
  });

  it('leaves text that needs UCS-2 anyway unchanged', () => {
    expect(toGsmFriendly('مرحبًا… “هنا”')).toBe('مرحبًا… “هنا”');
  });
});
