import type { z } from 'zod';
import { zForm } from '../api/z-wallet';

// Shorthands for route table entries (route-table.ts and its parts).
export const json = <S extends z.ZodType>(schema: S, status: 200 | 201 = 200) => ({ kind: 'json', status, schema }) as const;
export const jsonBody = <S extends z.ZodType>(schema: S) => ({ type: 'json', schema }) as const;
export const empty = { kind: 'empty' } as const;
export const events = <S extends z.ZodType>(event: string, schema: S) => ({ kind: 'events', event, schema }) as const;
export const page = { kind: 'page' } as const;
export const formBody = { type: 'form', schema: zForm } as const;
