// Query strings, path segments and header values.
import fc from 'fast-check';
import { enc, nastyShort } from './nasty-values';

/** Header values node will send: no CR/LF or other control characters. */
export const headerSafe = (value: string) => value.replace(/[^\t\x20-\x7e\x80-\xff]/g, '');

export function queryArb(keys: string[]): fc.Arbitrary<string> {
  const key = fc.oneof(
    { arbitrary: fc.constantFrom(...keys), weight: 4 },
    { arbitrary: fc.constantFrom('__proto__', 'constructor', '', 'limit[]', 'a[b]'), weight: 1 },
    { arbitrary: nastyShort, weight: 1 },
  );
  const value = fc.oneof(
    {
      arbitrary: fc.constantFrom(
        '1',
        '0',
        '-1',
        '1000',
        '1001',
        '1e3',
        '0x10',
        'NaN',
        'Infinity',
        '1.5',
        ' 5 ',
        'pending',
        'claimed',
        'OPENID_TOKEN_FAIL',
        'MTA',
        'AAAA',
        '@@@',
      ),
      weight: 4,
    },
    { arbitrary: nastyShort, weight: 2 },
    { arbitrary: fc.nat().map(String), weight: 1 },
  );
  const raw = fc.constantFrom('%', '%zz', '%E0%A4%A', '%ED%A0%80', '%C0%AF', '&&', '=', '==', '+', '%2B', '%00');
  return fc
    .array(fc.oneof({ arbitrary: fc.tuple(key, value).map(([k, v]) => `${enc(k)}=${enc(v)}`), weight: 6 }, { arbitrary: raw, weight: 1 }), {
      maxLength: 4,
    })
    .map((parts) => (parts.length ? `?${parts.join('&')}` : ''));
}

/**
 * Path segment text: usually encoded, sometimes raw but still a legal request target. (A raw
 * backslash is rejected before the app by @hono/node-server; that has its own test in public-and-paths.)
 */
export function segment(value: string, raw: boolean): string {
  return raw ? Array.from(value, (ch) => (/^[\x21-\x7e]$/.test(ch) && !'/?#\\'.includes(ch) ? ch : enc(ch))).join('') : enc(value);
}
