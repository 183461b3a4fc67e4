/**
 * The widget's split of a line into plain text and isolated pieces (web/widget/bidi-text.ts):
 * ticket references, links, numbers with units and runs of the other script are isolated, each
 * whole, so the bidi algorithm cannot reorder or split them; the base direction of a customer's
 * text goes by the script most of its letters are in.
 */
import { describe, expect, it } from 'vitest';
import { splitBidi, textDirection, type BidiPiece } from '../../../web/widget/bidi-text.ts';

const piece = (
  kind: 'ref' | 'link' | 'unit' | 'run',
  dir: 'ltr' | 'rtl' | 'auto',
  ...pieces: BidiPiece[]
): BidiPiece => ({ kind, dir, pieces });

describe('splitBidi', () => {
  it('isolates the ticket reference in the Arabic hand-off text, whole', () => {
    expect(splitBidi('رقم تذكرتك MJ-K2FYFQ. سيرد عليك أحد الموظفين.', 'rtl')).toEqual([
      'رقم تذكرتك ',
      piece('ref', 'ltr', 'MJ-K2FYFQ'),
      '. سيرد عليك أحد الموظفين.',
    ]);
  });

  it('isolates English product names in Arabic text, leaving the Arabic punctuation outside', () => {
    expect(splitBidi('هل يمكنني الدفع بـ Apple Pay أو STC Pay؟', 'rtl')).toEqual([
      'هل يمكنني الدفع بـ ',
      piece('run', 'ltr', 'Apple Pay'),
      ' أو ',
      piece('run', 'ltr', 'STC Pay'),
      '؟',
    ]);
  });

  it('keeps a reference inside the English sentence it belongs to', () => {
    expect(splitBidi('Your reference is MJ-K2FYFQ داخل', 'rtl')).toEqual([
      piece('run', 'ltr', 'Your reference is ', piece('ref', 'ltr', 'MJ-K2FYFQ')),
      ' داخل',
    ]);
  });

  it('isolates links, emails and numbers with units without the sentence punctuation', () => {
    expect(
      splitBidi('افتح https://help.nakheel.example/track أو راسل support@nakheel.example.', 'rtl'),
    ).toEqual([
      'افتح ',
      piece('link', 'ltr', 'https://help.nakheel.example/track'),
      ' أو راسل ',
      piece('link', 'ltr', 'support@nakheel.example'),
      '.',
    ]);
    expect(splitBidi('مجاني فوق 200 SAR، خلال 15 دقيقة.', 'rtl')).toEqual([
      'مجاني فوق ',
      piece('unit', 'auto', '200 SAR'),
      '، خلال ',
      piece('unit', 'auto', '15 دقيقة'),
      '.',
    ]);
  });

  it('isolates Arabic words, with the number between them, in English text', () => {
    expect(splitBidi('It is called وسادة 2 قطعة؟ and costs 89 SAR.', 'ltr')).toEqual([
      'It is called ',
      piece('run', 'rtl', 'وسادة 2 قطعة؟'),
      ' and costs ',
      piece('unit', 'auto', '89 SAR'),
      '.',
    ]);
  });

  it('leaves a line of one script alone', () => {
    expect(splitBidi('How do I track my order?', 'ltr')).toEqual(['How do I track my order?']);
    expect(splitBidi('من 2 إلى 5', 'rtl')).toEqual(['من 2 إلى 5']);
  });
});

describe('textDirection', () => {
  it('goes by the script most letters are in, not the first letter', () => {
    expect(textDirection('Apple Pay ما يشتغل عندي')).toBe('rtl');
    expect(textDirection('How do I pay with مدى?')).toBe('ltr');
    expect(textDirection('ab كي')).toBe('ltr'); // a tie: the first letter decides
    expect(textDirection('12345 ?')).toBeUndefined();
  });
});
