import { describe, expect, it } from 'vitest';
import { StorageUnavailableError } from '../core/store-errors';
import { createLogger } from './logger';

describe('logger', () => {
  it('writes one JSON object per line in json format, with the error described', () => {
    const lines: string[] = [];
    const log = createLogger('json', (line) => lines.push(line));
    log('TLS certificate reloaded');
    log('wallet request refused: storage unavailable', new StorageUnavailableError('disk_full', 'Storage unavailable: the disk is full'));
    log.entry({ msg: 'request', method: 'POST', route: 'token', status: 200, ms: 3.2 });
    const parsed = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(parsed[0]).toMatchObject({ level: 'info', msg: 'TLS certificate reloaded', time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
    expect(parsed[1]).toMatchObject({
      level: 'error',
      error: { name: 'StorageUnavailableError', fault: 'disk_full', message: 'Storage unavailable: the disk is full' },
    });
    expect(parsed[2]).toMatchObject({ level: 'info', msg: 'request', route: 'token', status: 200 });
  });

  it('writes plain lines in text format', () => {
    const lines: string[] = [];
    const log = createLogger('text', (line) => lines.push(line));
    log('expiry sweep failed', new Error('boom'));
    log.entry({ msg: 'request', status: 200 });
    expect(lines[0]).toMatch(/^\[counter\] expiry sweep failed Error: boom/);
    expect(lines[1]).toBe('[counter] request status=200');
  });
});
