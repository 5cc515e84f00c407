// Request bodies (JSON, malformed, binary, BOM, huge, text; maybe chunked) and content types.
import fc from 'fast-check';
import { anyJson } from './nasty-values';

export type BodyKind = 'json' | 'malformed' | 'none' | 'binary' | 'bom' | 'huge' | 'text';
export interface BodySpec {
  kind: BodyKind;
  value: unknown;
  cut: number;
  bytes: Uint8Array;
  chunked: boolean;
}
const HUGE_BODY = JSON.stringify({ x: 'A'.repeat(600 * 1024) });

export function bodyArb(structured: fc.Arbitrary<unknown>): fc.Arbitrary<BodySpec> {
  return fc.record({
    kind: fc.oneof(
      { arbitrary: fc.constant<BodyKind>('json'), weight: 12 },
      { arbitrary: fc.constantFrom<BodyKind>('malformed', 'none', 'binary', 'bom', 'text'), weight: 3 },
      { arbitrary: fc.constant<BodyKind>('huge'), weight: 1 },
    ),
    value: fc.oneof({ arbitrary: structured, weight: 3 }, { arbitrary: anyJson, weight: 1 }),
    cut: fc.nat(),
    bytes: fc.uint8Array({ maxLength: 64 }),
    chunked: fc.boolean(),
  });
}

export function renderBody(spec: BodySpec): string | Buffer | undefined {
  const json = JSON.stringify(spec.value) ?? 'null';
  switch (spec.kind) {
    case 'json':
      return json;
    case 'malformed':
      return json.length > 1 ? json.slice(0, spec.cut % json.length) + (spec.cut % 2 ? '' : ',}') : '{';
    case 'none':
      return undefined;
    case 'binary':
      return Buffer.concat([Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from(spec.bytes)]);
    case 'bom':
      return `\ufeff${json}`;
    case 'huge':
      return HUGE_BODY;
    case 'text':
      return typeof spec.value === 'string' ? spec.value : `text: ${json}`;
  }
}

export const contentTypeArb = fc.oneof(
  { arbitrary: fc.constant('application/json'), weight: 10 },
  {
    arbitrary: fc.constantFrom(
      undefined,
      'application/json; charset=utf-8',
      'APPLICATION/JSON',
      'application/vnd.api+json',
      'application/jsonx',
      'application/x-www-form-urlencoded',
      'text/plain',
      'multipart/form-data; boundary=xyz',
      'application/json; charset=latin1',
      '*/*',
      '',
      'application/json\u00ff',
    ),
    weight: 4,
  },
  { arbitrary: fc.string({ unit: 'binary-ascii', maxLength: 30 }), weight: 1 },
);
