import { zMdocConfigurationInput } from '../../../../shared/api/z-mdoc-configuration';
import mdl from '../../../../resources/configurations/mdl.json';
import pid from '../../../../resources/configurations/eu-pid.json';
import type { EngineContext } from '../context';

/** Elements whose seeded default is the country (DESIGN §10: from the IACA, one setting, never a literal here). */
const COUNTRY_ELEMENTS = ['issuing_country', 'un_distinguishing_sign'];

/**
 * DESIGN §3: an mDL and an EU PID exist on first start; deleting them later is the branch's choice.
 * Their country defaults are the signing IACA's country. (A UN distinguishing sign is usually the
 * alpha-2 code, e.g. NZ, but not always, e.g. D for Germany: edit the configuration where it differs.)
 */
export async function seedConfigurations(ctx: Pick<EngineContext, 'stores' | 'random' | 'clock'>, country: string): Promise<void> {
  const seeds = [mdl, pid].map((seed) => {
    const configuration = zMdocConfigurationInput.parse(seed);
    for (const elements of Object.values(configuration.claimMappings)) {
      for (const [element, mapping] of Object.entries(elements)) {
        if (COUNTRY_ELEMENTS.includes(element) && mapping.defaultValue === undefined) mapping.defaultValue = country;
      }
    }
    return { id: ctx.random.uuid(), ...configuration };
  });
  await ctx.stores.configurations.seedOnce(seeds, ctx.clock.now());
}
