/**
 * Clustering gap questions: similar questions end up together (English and Arabic), unrelated
 * ones apart, and the result does not depend on the input order.
 */
import { describe, expect, it } from 'vitest';
import { clusterQuestions, clusterTerms } from '#core/analytics/cluster-questions.ts';

const at = (i: number) => `2026-11-${String(10 + i).padStart(2, '0')}T10:00:00.000Z`;
const items = (texts: string[]) => texts.map((text, i) => ({ id: `q${i}`, text, at: at(i) }));

const texts = (clusters: { members: { text: string }[] }[]) =>
  clusters.map((c) => c.members.map((m) => m.text).sort());

describe('clusterQuestions', () => {
  it('groups questions about the same topic and keeps other topics apart', () => {
    const input = items([
      'Can I pay with crypto currency?',
      'do you accept crypto currency like bitcoin?',
      'My parcel locker code does not work',
      'is crypto currency payment possible?',
      'the locker code is not working',
      'Is there a student discount?',
    ]);

    const clusters = clusterQuestions(input);

    expect(texts(clusters)).toEqual([
      [
        'Can I pay with crypto currency?',
        'do you accept crypto currency like bitcoin?',
        'is crypto currency payment possible?',
      ],
      ['My parcel locker code does not work', 'the locker code is not working'],
      ['Is there a student discount?'],
    ]);
  });

  it('groups Arabic questions that share stems', () => {
    const clusters = clusterQuestions(
      items([
        'هل يمكنني الدفع بالعملات الرقمية؟',
        'الدفع بالعملة الرقمية',
        'متى يفتح الفرع الجديد؟',
      ]),
    );

    expect(clusters).toHaveLength(2);
    expect(clusters[0]!.members).toHaveLength(2);
  });

  it('gives the same clusters whatever order the questions arrive in', () => {
    const input = items([
      'refund for cancelled concert tickets',
      'gift wrapping options',
      'concert tickets refund',
      'can you gift wrap my order',
      'refund tickets concert cancelled',
    ]);

    const forward = texts(clusterQuestions(input));
    const backward = texts(clusterQuestions([...input].reverse()));

    expect(backward).toEqual(forward);
    expect(forward).toHaveLength(2);
  });

  it('drops English stop words from the compared terms', () => {
    expect(clusterTerms('How do I get a student discount?')).toEqual(['student', 'discount']);
  });

  it('handles no input and texts without words', () => {
    expect(clusterQuestions([])).toEqual([]);
    expect(clusterQuestions(items(['???', '!!!']))).toHaveLength(2);
  });
});
