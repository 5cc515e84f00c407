// The status of an index as @owf/token-status-list (an independent implementation of the IETF
// Token Status List) reads it from a Status List Token in CWT form. Keep it out of test files that
// use @owf/mdoc: @owf/cose, under it, registers its own cbor-x class for tag 24, process-wide, and
// @owf/mdoc's IssuerSigned decoding then fails ("Expected DataItem").
//
// Its StatusListCwt.fromToken (0.3.0-alpha) refuses any status list without `aggregation_uri`,
// which §4.3 makes OPTIONAL, so the CWT is opened here with ./cbor-lite and the library reads the
// list itself (inflate and bit order) from `lst`.
import { StatusList } from '@owf/token-status-list';
import { Tagged, decodeCbor } from './cbor-lite';

function claims(token: Uint8Array): Map<unknown, unknown> {
  const outer = decodeCbor(token);
  if (!(outer instanceof Tagged) || outer.tag !== 18) throw new Error('not a COSE_Sign1_Tagged');
  return decodeCbor((outer.value as Uint8Array[])[2]!) as Map<unknown, unknown>;
}

export function statusByLibrary(token: Uint8Array, idx: number): number {
  const list = claims(token).get(65533) as Map<string, unknown>;
  return StatusList.decompressStatusListFromBytes(list.get('lst') as Uint8Array, list.get('bits') as 1).getStatus(idx);
}

export function subjectByLibrary(token: Uint8Array): string {
  return claims(token).get(2) as string;
}
