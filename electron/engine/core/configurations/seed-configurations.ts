import { zMdocConfigurationInput } from '../../../../shared/api/z-mdoc-configuration';
import mdl from '../../../../resources/configurations/mdl.json';
import pid from '../../../../resources/configurations/eu-pid.json';
import { withCountryDefaults } from '../../../../shared/claims/country-defaults';
import type { EngineContext } from '../context';

/**
 * DESIGN §3: an mDL and an EU PID exist on first start; deleting them later is the branch's choice.
 * Their country defaults are the signing IACA's country (DESIGN §10).
 */
export async function seedConfigurations(ctx: Pick<EngineContext, 'stores' | 'random' | 'clock'>, country: string): Promise<void> {
  const seeds = [mdl, pid].map((seed) => ({ id: ctx.random.uuid(), ...withCountryDefaults(zMdocConfigurationInput.parse(seed), country) }));
  await ctx.stores.configurations.seedOnce(seeds, ctx.clock.now());
}
