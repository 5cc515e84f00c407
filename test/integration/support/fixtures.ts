import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CounterServer } from './counter-server';

export const PORTRAIT_BASE64 = readFileSync(resolve(import.meta.dirname, '../../../resources/sample/portrait.jpg')).toString('base64');

export const MDL_CLAIMS = {
  family_name: 'Tāwhiri',
  given_name: 'Aroha',
  birth_date: '1990-02-14',
  issue_date: '2026-11-23',
  expiry_date: '2031-11-23',
  document_number: 'DL-0042',
  portrait: PORTRAIT_BASE64,
  age_over_18: true,
};

export async function configurationId(server: CounterServer, docType: string): Promise<string> {
  const response = await server.api('/v2/credentials/mobile/configurations');
  const { data } = (await response.json()) as { data: { id: string; type: string }[] };
  const found = data.find((c) => c.type === docType);
  if (!found) throw new Error(`no configuration for ${docType}`);
  return found.id;
}

export interface CreatedOffer {
  id: string;
  uri: string;
  expiresAt: string;
  transactionCode?: number | string;
}

export async function createMdlOffer(server: CounterServer, overrides: Record<string, unknown> = {}): Promise<CreatedOffer> {
  const response = await server.api('/v1/openid/offers/pre-authorized', {
    method: 'POST',
    json: {
      credentials: [await configurationId(server, 'org.iso.18013.5.1.mDL')],
      claims: MDL_CLAIMS,
      transactionCodeConfiguration: { inputMode: 'numeric' },
      ...overrides,
    },
  });
  if (response.status !== 201) throw new Error(`offer creation failed: ${response.status} ${await response.text()}`);
  return (await response.json()) as CreatedOffer;
}

/** The offer JSON inside a by-value offer URI. */
export function offerFromUri(uri: string): { credential_issuer: string; grants: Record<string, { 'pre-authorized_code': string }> } {
  return JSON.parse(new URL(uri).searchParams.get('credential_offer')!);
}

export const preAuthorizedCode = (uri: string) =>
  offerFromUri(uri).grants['urn:ietf:params:oauth:grant-type:pre-authorized_code']!['pre-authorized_code'];

/** A raw token request, as a wallet would send it. */
export function tokenRequest(server: CounterServer, params: Record<string, string>): Promise<Response> {
  return fetch(`${server.url}/v1/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:pre-authorized_code', ...params }),
  });
}
