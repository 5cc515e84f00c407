import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import type { OperationObserver } from '../core/events/event-log';

// Prometheus metrics of one engine (DESIGN §13 operations), with prom-client. Each process has its
// own registry and answers for itself at /metrics; a scraper sums the processes of a region.

const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export interface EngineMetrics {
  registry: Registry;
  observeOperation: OperationObserver;
  observeRequest(route: string, method: string, status: number, seconds: number): void;
}

export function createEngineMetrics(): EngineMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'counter_' }); // counter_process_cpu_seconds_total, counter_nodejs_eventloop_lag_seconds, …
  const offers = new Counter({
    name: 'counter_offers_created_total',
    help: 'Credential offers created: pre-authorized ones by the management API, authorization-code ones by a clerk approving',
    labelNames: ['kind'],
    registers: [registry],
  });
  const tokens = new Counter({
    name: 'counter_tokens_issued_total',
    help: 'Access tokens issued, by grant type',
    labelNames: ['grant'],
    registers: [registry],
  });
  const credentials = new Counter({
    name: 'counter_credentials_issued_total',
    help: 'mDocs issued',
    registers: [registry],
  });
  const failures = new Counter({
    name: 'counter_failures_total',
    help: 'Operations that failed, by operation and error code (invalid_grant, StorageUnavailable, …)',
    labelNames: ['operation', 'error'],
    registers: [registry],
  });
  const operations = new Histogram({
    name: 'counter_operation_duration_seconds',
    help: 'Time to complete an operation (offer create, token, credential, …), by outcome',
    labelNames: ['operation', 'outcome'],
    buckets: SECONDS,
    registers: [registry],
  });
  const requests = new Histogram({
    name: 'counter_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by route (its id in the route table), method and status',
    labelNames: ['route', 'method', 'status'],
    buckets: SECONDS,
    registers: [registry],
  });
  return {
    registry,
    observeOperation: ({ name, outcome, error, data, seconds }) => {
      operations.observe({ operation: name, outcome }, seconds);
      if (outcome === 'fail') {
        failures.inc({ operation: name, error: error ?? 'unknown' });
        return;
      }
      if (name === 'OPENID_PRE_AUTHORIZED_OFFER_CREATE') offers.inc({ kind: 'pre_authorized' });
      if (name === 'OPENID_AUTHORIZATION_APPROVE') offers.inc({ kind: 'authorization_code' });
      if (name === 'OPENID_TOKEN') tokens.inc({ grant: typeof data.grantType === 'string' ? data.grantType : 'unknown' });
      if (name === 'OPENID_CREDENTIAL') credentials.inc();
    },
    observeRequest: (route, method, status, seconds) => requests.observe({ route, method, status: String(status) }, seconds),
  };
}
