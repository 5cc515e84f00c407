// Generic generators: strings, numbers and JSON that tend to break things, and mutations of
// valid-looking objects.
import fc from 'fast-check';
import { isObject } from './response-checks';

/** Strings that tend to break things: unicode, control characters, lone surrogates, pollution keys. */
export const nastyShort = fc.oneof(
  { arbitrary: fc.string({ maxLength: 20 }), weight: 4 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }), weight: 3 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 20 }), weight: 2 },
  {
    arbitrary: fc.string({ unit: fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)), minLength: 1, maxLength: 3 }),
    weight: 1,
  },
  {
    arbitrary: fc.constantFrom(
      '',
      ' ',
      '\u0000',
      '__proto__',
      'constructor',
      'prototype',
      'toString',
      'null',
      'undefined',
      'NaN',
      '-1',
      '1e309',
      '../../etc/passwd',
      '%00',
      '${x}',
      "'; DROP TABLE offers; --",
      '\u202e',
      '\ufeff',
    ),
    weight: 3,
  },
  { arbitrary: fc.integer({ min: 200, max: 2_000 }).map((n) => 'x'.repeat(n)), weight: 1 },
);
/** …and huge ones, for bodies (headers and URLs stay under node's 16 KB header limit, tested on its own in public-and-paths). */
export const nastyString = fc.oneof(
  { arbitrary: nastyShort, weight: 14 },
  { arbitrary: fc.integer({ min: 2_000, max: 40_000 }).map((n) => 'x'.repeat(n)), weight: 1 },
);

/** encodeURIComponent, except that a lone surrogate becomes its (invalid) three UTF-8 bytes instead of throwing. */
export function enc(value: string): string {
  return Array.from(value, (ch) => {
    const c = ch.charCodeAt(0);
    if (ch.length === 1 && c >= 0xd800 && c <= 0xdfff)
      return [0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f)].map((b) => `%${b.toString(16).toUpperCase()}`).join('');
    return encodeURIComponent(ch);
  }).join('');
}

export const nastyNumber = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(0, -0, -1, 1.5, 2 ** 53, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2),
);

/** Any JSON value, leaning on the nasty strings. */
export const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: fc.jsonValue({ maxDepth: 4 }), weight: 3 },
  { arbitrary: nastyString, weight: 1 },
  { arbitrary: nastyNumber, weight: 1 },
  { arbitrary: fc.constantFrom(null, true, false, [], {}), weight: 1 },
);

/** An object with own `__proto__` / `constructor` / `prototype` keys (JSON.stringify writes them). */
export function withKeys(base: unknown, keys: [string, unknown][]): unknown {
  if (!isObject(base)) return base;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of keys) Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  return out;
}
export const pollution = fc.array(
  fc.tuple(fc.constantFrom('__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString'), anyJson),
  { maxLength: 2 },
);

/** Drops, retypes or garbles some fields of a valid-looking object. */
export function mutated(valid: fc.Arbitrary<Record<string, unknown>>): fc.Arbitrary<unknown> {
  return fc
    .tuple(valid, fc.array(fc.tuple(fc.nat(), fc.constantFrom('drop', 'retype', 'null'), anyJson), { maxLength: 3 }), pollution)
    .map(([object, edits, extra]) => {
      const out: Record<string, unknown> = { ...object };
      const keys = Object.keys(out);
      for (const [index, edit, value] of edits) {
        const key = keys[index % Math.max(1, keys.length)];
        if (key === undefined) continue;
        if (edit === 'drop') delete out[key];
        else out[key] = edit === 'null' ? null : value;
      }
      return withKeys(out, extra);
    });
}
