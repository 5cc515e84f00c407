import type { MdocConfiguration } from '../../../../shared/api/z-mdoc-configuration';
import type { ErrorDetail } from '../../../../shared/api/z-management-error';
import { claimFields } from '../../../../shared/claims/claim-fields';
import { checkClaimRules, ruleMessage } from '../../../../shared/claims/claim-rules';
import { claimsSchemaFor } from '../../../../shared/claims/claims-schema';
import { localFullDate } from '../../../../shared/claims/full-date';
import type { EngineContext } from '../context';
import { badRequest } from '../errors/management-error';
import { detailsFromZod } from '../errors/zod-details';
import { mapClaims } from './map-claims';

/** Configuration ids from a request → configurations; unknown or repeated ids are a 400 naming each. */
export async function resolveConfigurations(ctx: EngineContext, ids: string[], param: string): Promise<MdocConfiguration[]> {
  const details: ErrorDetail[] = [];
  const found: MdocConfiguration[] = [];
  for (const [index, id] of ids.entries()) {
    const configuration = await ctx.stores.configurations.get(id);
    if (!configuration) details.push({ value: id, msg: 'unknown mDoc configuration id', param: `${param}.${index}`, location: 'body' });
    else if (ids.indexOf(id) !== index) details.push({ value: id, msg: 'listed twice', param: `${param}.${index}`, location: 'body' });
    else found.push(configuration);
  }
  if (details.length > 0) throw badRequest('Invalid request', details);
  return found;
}

/** Cross-field rules (expiry after issue, plausible ages, derived ages) as MATTR details (DESIGN §14). */
function ruleDetails(configuration: MdocConfiguration, claims: Record<string, unknown>, nowMs: number): ErrorDetail[] {
  const context = { today: localFullDate(new Date(nowMs)), expiresIn: configuration.expiresIn };
  return checkClaimRules(claimFields(configuration), claims, context).map((issue) => ({
    ...(typeof issue.value === 'object' ? {} : { value: issue.value }),
    msg: ruleMessage(issue.problem),
    param: ['claims', ...issue.path].join('.'),
    location: 'body',
  }));
}

/** The holder's data must satisfy every configuration it will be issued under (shared/claims). */
export function validateClaims(configurations: MdocConfiguration[], claims: Record<string, unknown>, nowMs: number): void {
  const details = configurations.flatMap((configuration) => {
    const result = claimsSchemaFor(configuration).safeParse(claims);
    return result.success ? ruleDetails(configuration, claims, nowMs) : detailsFromZod(result.error, claims, 'body', 'claims');
  });
  if (details.length > 0) throw badRequest('The claims do not match the credential configuration', dedupe(details));
  // The mDoc must have something in it, and the values must convert as they will at issuance.
  for (const configuration of configurations) {
    let nameSpaces: Record<string, Record<string, unknown>>;
    try {
      nameSpaces = mapClaims(configuration, claims);
    } catch (error) {
      throw badRequest('The claims do not match the credential configuration', [
        { msg: (error as Error).message, param: 'claims', location: 'body' },
      ]);
    }
    if (Object.values(nameSpaces).every((elements) => Object.keys(elements).length === 0)) {
      throw badRequest('There is nothing to issue', [
        { msg: `no claim maps to an element of ${configuration.type}`, param: 'claims', location: 'body' },
      ]);
    }
  }
}

const dedupe = (details: ErrorDetail[]) => [...new Map(details.map((d) => [`${d.param}:${d.msg}`, d])).values()];
