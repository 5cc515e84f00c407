// The trust API (DESIGN §10, MATTR VII shapes) as an integrator calls it, over real HTTP.
import type { CounterServer } from './counter-server';

export interface IacaView {
  id: string;
  active: boolean;
  managed: boolean;
  certificatePem: string;
  certificateData: { notBefore: string; notAfter: string; country: string; commonName: string; serialNumber: string };
  certificateFingerprint: string;
  crlUri?: string;
}

export interface DocumentSignerView {
  id: string;
  iacaId: string;
  active: boolean;
  managed: boolean;
  status: string;
  keyCustody: 'file' | 'pkcs11';
  csrPem: string;
  certificatePem?: string;
  current: boolean;
  renewBy?: string;
  revoked?: boolean;
}

export interface ApiAnswer<T> {
  status: number;
  body: T & { code?: string; message?: string; details?: { msg: string; param: string; value?: string }[] };
}

async function call<T>(server: CounterServer, method: string, path: string, json?: unknown): Promise<ApiAnswer<T>> {
  const response = await server.api(path, { method, ...(json !== undefined ? { json } : {}) });
  return { status: response.status, body: (await response.json()) as ApiAnswer<T>['body'] };
}

/** The signer collections: Document Signers (DESIGN §10) and status-list signers (DESIGN §11), one shape. */
export type SignerCollection = 'document-signers' | 'status-list-signers';

export const trustApi = (server: CounterServer, signers: SignerCollection = 'document-signers') => ({
  listIacas: () => call<{ data: IacaView[] }>(server, 'GET', '/v2/credentials/mobile/iacas'),
  registerIaca: (certificatePem: string) => call<IacaView>(server, 'POST', '/v2/credentials/mobile/iacas', { certificatePem }),
  createManagedIaca: (body: Record<string, unknown> = {}) => call<IacaView>(server, 'POST', '/v2/credentials/mobile/iacas', body),
  setIacaActive: (id: string, active: boolean) => call<IacaView>(server, 'PUT', `/v2/credentials/mobile/iacas/${id}`, { active }),
  listSigners: () => call<{ data: DocumentSignerView[] }>(server, 'GET', `/v2/credentials/mobile/${signers}`),
  createSigner: (iacaId: string) => call<DocumentSignerView>(server, 'POST', `/v2/credentials/mobile/${signers}`, { iacaId }),
  install: (id: string, certificatePem: string) =>
    call<DocumentSignerView>(server, 'PUT', `/v2/credentials/mobile/${signers}/${id}`, { certificatePem }),
  setSignerActive: (id: string, active: boolean) =>
    call<DocumentSignerView>(server, 'PUT', `/v2/credentials/mobile/${signers}/${id}`, { active }),
  revoke: (id: string) =>
    call<{ revoked: boolean; revocationDate: string }>(server, 'POST', `/v2/credentials/mobile/${signers}/${id}/revoke`),
});

/** The public list behind metadata's mdoc_iacas_uri. */
export async function publicIacaPems(server: CounterServer): Promise<string[]> {
  const { iacas } = (await (await fetch(`${server.url}/v1/mdoc/iacas`)).json()) as { iacas: { certificatePem: string }[] };
  return iacas.map((i) => i.certificatePem);
}
