/** Paths whose errors are in the management family's shape; every other path is OAuth-shaped (DESIGN §4). */
export const MANAGEMENT_PREFIXES = ['/v1/openid/offers', '/v1/openid/authorizations', '/v2/credentials', '/v1/analytics', '/v1/counter'];

export const isManagementPath = (path: string) =>
  MANAGEMENT_PREFIXES.some((prefix) => path === prefix || path.startsWith(`${prefix}/`) || path.startsWith(`${prefix}?`));
