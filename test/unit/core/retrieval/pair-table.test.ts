import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CommonRows } from '#core/retrieval/common-rows.ts';
import { PairTable } from '#core/retrieval/pair-table.ts';

const table = PairTable.fromRecord({
  'c:#ab': [0, 5, 3, 7],
  'c:abc': [1, 2],
  'reset my': [2, 40, 4, 9, 6, 1],
  reset: [0, 1],
  'w:ab': [5, 3],
  é: [1, 1],
});

describe('PairTable', () => {
  it('finds a key given in parts as indexOf finds it whole, including absent keys and prefixes (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 3 }),
        fc.string({ maxLength: 8 }),
        fc.nat(8),
        fc.nat(8),
        (head, text, a, b) => {
          const from = Math.min(a, b, text.length);
          const to = Math.min(Math.max(a, b), text.length);
          for (const tail of ['', ' my', 'b']) {
            const key = head + text.slice(from, to) + tail;
            expect(table.indexOfJoined(head, text, from, to, tail)).toBe(table.indexOf(key));
          }
        },
      ),
    );
    expect(table.indexOfJoined('c:', '#abc#', 0, 3)).toBe(table.indexOf('c:#ab'));
    expect(table.indexOfJoined('reset', ' ', 0, 1, 'my')).toBe(table.indexOf('reset my'));
    expect(table.indexOfJoined('w:', 'abc', 0, 2)).toBe(table.indexOf('w:ab'));
    expect(table.indexOfJoined('w:', 'abc', 0, 3)).toBe(-1);
  });

  it('decodes a row into its reused buffer as row() decodes it', () => {
    // Arrange
    const position = table.indexOf('reset my');

    // Act
    const length = table.decodeRow(position);
    const decoded = [...table.rowBuffer.subarray(0, length)];
    const again = table.decodeRow(table.indexOf('c:abc'));

    // Assert
    expect(decoded).toEqual([...table.row(position)]);
    expect([...table.rowBuffer.subarray(0, again)]).toEqual([1, 2]);
    expect([...table.rowView(position)]).toEqual([2, 40, 4, 9, 6, 1]);
  });
});

describe('CommonRows', () => {
  it('sums a row through a function of the value and two parameters, cached per key', () => {
    // Arrange
    const rows = new CommonRows(table);
    const position = table.indexOf('reset my');
    const scaled = (v: number, a: number, b: number): number => v * a + b;

    // Act
    const first = rows.sum(position, 'x', scaled, 2, 1);
    const cached = rows.sum(position, 'x', scaled, 100, 100);
    const other = rows.sum(position, 'y', scaled, 1);

    // Assert
    expect(first).toBe(40 * 2 + 1 + (9 * 2 + 1) + (1 * 2 + 1));
    expect(cached).toBe(first);
    expect(other).toBe(50);
  });
});
