// cbor-lite against cbor-x's encoder (round trips) and a few malformed inputs.
import { describe, expect, it } from 'vitest';
import { Encoder, Tag } from 'cbor-x';
import { Tagged, decodeCbor } from './cbor-lite';

const enc = new Encoder({ mapsAsObjects: false, useRecords: false, tagUint8Array: false });

describe('decodeCbor', () => {
  it('decodes the usual types', () => {
    const value = new Map<unknown, unknown>([
      ['s', 'héllo'],
      [1, -70000],
      [-2, new Uint8Array([1, 2, 3])],
      ['a', [true, false, null, 1.5, 2 ** 40]],
    ]);
    expect(decodeCbor(enc.encode(value))).toEqual(value);
  });

  it('keeps tags and their exact bytes', () => {
    const bytes = enc.encode(new Tag('1990-05-17', 1004));
    const t = decodeCbor(bytes) as Tagged;
    expect(t).toBeInstanceOf(Tagged);
    expect(t).toMatchObject({ tag: 1004, value: '1990-05-17' });
    expect(Buffer.from(t.raw!).equals(Buffer.from(bytes))).toBe(true);
  });

  it('reads indefinite lengths and half floats', () => {
    expect(decodeCbor(Uint8Array.from([0x9f, 0x01, 0x02, 0xff]))).toEqual([1, 2]);
    expect(decodeCbor(Uint8Array.from([0xbf, 0x61, 0x61, 0x01, 0xff]))).toEqual(new Map([['a', 1]]));
    expect(decodeCbor(Uint8Array.from([0xf9, 0x3c, 0x00]))).toBe(1);
  });

  it('rejects malformed input', () => {
    expect(() => decodeCbor(Uint8Array.from([0x82, 0x01]))).toThrow(/end of input/);
    expect(() => decodeCbor(Uint8Array.from([0x01, 0x02]))).toThrow(/trailing/);
    expect(() => decodeCbor(Uint8Array.from([0xa2, 0x01, 0x01, 0x01, 0x02]))).toThrow(/duplicate/);
    expect(() => decodeCbor(Uint8Array.from([0x82, 0x01, 0xff]))).toThrow(/break/);
  });
});
