/**
 * Integer arrays in compact form: each integer zigzag-encoded (small negatives stay small) as a
 * LEB128 varint. Callers delta-encode sorted lists first, so most integers take one byte. In the
 * binary artifact (artifact-container.ts) the bytes are stored as they are; in the JSON form of
 * an artifact they are base64 text (`PackedInts#toJSON`). Decoding is one pass over the bytes
 * into an Int32Array: no per-number JSON parsing and no boxed numbers on the heap.
 *
 * @example
 *   packInts([3, -1, 300]).toJSON(); // 'BgHYBA=='
 *   unpackInts('BgHYBA==');          // Int32Array [3, -1, 300]
 */

/** Varint bytes of a list of integers; JSON-serialises as base64. */
export class PackedInts {
  constructor(readonly bytes: Uint8Array) {}

  /** Packed integers from their wire form: base64 text (JSON) or the bytes themselves. */
  static from(wire: PackedInts | Uint8Array | string): PackedInts {
    if (wire instanceof PackedInts) return wire;
    if (wire instanceof Uint8Array) return new PackedInts(wire);
    if (typeof wire !== 'string') throw new TypeError('packed integers must be bytes or base64');
    return new PackedInts(Buffer.from(wire, 'base64'));
  }

  toJSON(): string {
    const b = this.bytes;
    return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('base64');
  }
}

/** Wire form of packed integers: PackedInts in memory and in the binary artifact, base64 in JSON. */
export type PackedWire = PackedInts | string;

/** Integers (each within ±2^31) → their zigzag varints. */
export function packInts(values: ArrayLike<number>): PackedInts {
  const bytes = new Uint8Array(values.length * 5);
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (!Number.isInteger(v) || v > 2147483647 || v < -2147483648) {
      throw new RangeError(`packInts: ${v} is not a 32-bit integer`);
    }
    let z = v >= 0 ? v * 2 : -v * 2 - 1;
    while (z >= 0x80) {
      bytes[n++] = (z % 0x80) | 0x80;
      z = Math.floor(z / 0x80);
    }
    bytes[n++] = z;
  }
  return new PackedInts(bytes.slice(0, n));
}

/** The inverse of packInts; `expected`, when given, is checked (a malformed artifact throws). */
export function unpackInts(
  packed: PackedInts | Uint8Array | string,
  expected?: number,
): Int32Array {
  const bytes = PackedInts.from(packed).bytes;
  // Every value takes at least one byte: a count beyond that is a malformed artifact, refused
  // before an array of that size is allocated.
  if (expected !== undefined && !(Number.isInteger(expected) && expected >= 0)) {
    throw new RangeError(`packed integers: ${expected} is not a count`);
  }
  if (expected !== undefined && expected > bytes.length) {
    throw new RangeError(`packed integers: ${bytes.length} bytes cannot hold ${expected} values`);
  }
  const out = new Int32Array(expected ?? countVarints(bytes));
  const end = readVarints(bytes, 0, out, 0, out.length);
  if (end !== bytes.length) throw new RangeError('packed integers: more values than expected');
  return out;
}

/**
 * Decodes `count` varints starting at byte `at` into `out` from `outAt`; returns the byte
 * offset after them. Throws RangeError when the bytes end first.
 */
export function readVarints(
  bytes: Uint8Array,
  at: number,
  out: Int32Array,
  outAt: number,
  count: number,
): number {
  let i = at;
  const end = outAt + count;
  for (let n = outAt; n < end; n++) {
    let z = 0;
    let scale = 1;
    for (;;) {
      if (i >= bytes.length) throw new RangeError('packed integers: truncated data');
      const b = bytes[i++] as number;
      z += (b & 0x7f) * scale;
      if ((b & 0x80) === 0) break;
      scale *= 0x80;
      if (scale > 2 ** 35) throw new RangeError('packed integers: value too long');
    }
    out[n] = z % 2 === 0 ? z / 2 : -(z + 1) / 2;
  }
  return i;
}

/** Byte offset after `count` varints starting at byte `at` (no decoding). */
export function skipVarints(bytes: Uint8Array, at: number, count: number): number {
  let i = at;
  for (let n = 0; n < count; n++) {
    while (i < bytes.length && ((bytes[i] as number) & 0x80) !== 0) i++;
    if (i >= bytes.length) throw new RangeError('packed integers: truncated data');
    i++;
  }
  return i;
}

function countVarints(bytes: Uint8Array): number {
  let count = 0;
  for (let i = 0; i < bytes.length; i++) if (((bytes[i] as number) & 0x80) === 0) count++;
  return count;
}
