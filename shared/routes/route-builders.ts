import type { z } from 'zod';

// Shorthands for route table entries (route-table.ts and its parts).
export const json = <S extends z.ZodType>(schema: S, status: 200 | 201 = 200) => ({ kind: 'json', status, schema }) as const;
export const jsonBody = <S extends z.ZodType>(schema: S) => ({ type: 'json', schema }) as const;
