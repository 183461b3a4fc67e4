import { describe, expect, it } from 'vitest';
import { markdownToSentences, markdownToText } from '#core/render/markdown-to-text.ts';
import { escapeSsml, speakableText, trimToWords } from '#core/render/speech-text.ts';

describe('markdownToText (shared by voice and SMS)', () => {
  it('strips emphasis and code, keeps link text, drops link targets', () => {
    expect(
      markdownToText(
        'Go to **Account > Orders** and see [refund timing](refund-timing.md#card) or `Settings`.',
      ),
    ).toBe('Go to Account > Orders and see refund timing or Settings.');
  });

  it('turns list items into lines and a pipe table into one short sentence per row', () => {
    const md =
      '- First step\n- Second **step**\n\n| How you paid | When |\n| --- | --- |\n| Card, Apple Pay | 5 to 10 days |\n| Wallet | Instantly |';
    expect(markdownToText(md)).toBe(
      'First step\nSecond step\nCard, Apple Pay: 5 to 10 days.\nWallet: Instantly.',
    );
    expect(markdownToSentences(md)).toBe(
      'First step. Second step. Card, Apple Pay: 5 to 10 days. Wallet: Instantly.',
    );
  });

  it('joins Arabic table cells with an Arabic comma', () => {
    const md =
      '| الطريقة | المدة | الرسوم |\n| --- | --- | --- |\n| الشحن العادي | 2 إلى 5 أيام | 15 ريالًا |';
    expect(markdownToText(md)).toBe('الشحن العادي: 2 إلى 5 أيام، 15 ريالًا.');
  });

  it("drops a cell's own closing mark so a row never reads '.،' or '.;'", () => {
    const ar =
      '| الحالة | المعنى | ماذا تفعل |\n| --- | --- | --- |\n| قيد التجهيز | نجهز طلبك. | انتظر. |';
    expect(markdownToText(ar)).toBe('قيد التجهيز: نجهز طلبك، انتظر.');
    const en = '| Status | Meaning |\n| --- | --- |\n| Shipped. | On its way; track it. |';
    expect(markdownToText(en)).toBe('Shipped: On its way; track it.');
  });
});

describe('speech text', () => {
  it('replaces web addresses with words and keeps emails', () => {
    expect(
      speakableText(
        'Or go to https://help.nakheel.example/track and enter your number. Email help@nakheel.example.',
      ),
    ).toBe('Or go to our website and enter your number. Email help@nakheel.example.');
    expect(speakableText('افتح https://help.nakheel.example/track الآن', 'ar')).toBe(
      'افتح موقعنا الآن.',
    );
  });

  it('escapes every XML special character', () => {
    expect(escapeSsml(`a & b < c > d " e ' f`)).toBe('a &amp; b &lt; c &gt; d &quot; e &apos; f');
  });

  it('trims to whole sentences, and cuts a single over-long sentence at a word', () => {
    expect(trimToWords('One two three. Four five six. Seven.', 6)).toBe(
      'One two three. Four five six.',
    );
    expect(trimToWords('كيف أتتبع طلبي؟ افتح طلباتي.', 3)).toBe('كيف أتتبع طلبي؟');
    expect(trimToWords('a b c d e f g h', 3)).toBe('a b c.');
  });
});
