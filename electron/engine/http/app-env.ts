/** Per-request values every route can read. */
export type AppEnv = { Variables: { requestId: string; routeId?: string } };
