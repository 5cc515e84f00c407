import { zMdocConfigurationInput, type MdocConfiguration } from '../../../../shared/api/z-mdoc-configuration';
import type { EngineContext, RequestInfo } from '../context';
import { conflict, notFound } from '../errors/management-error';
import { parseId, parseManagementInput } from '../errors/parse-input';

async function existing(ctx: EngineContext, id: string): Promise<MdocConfiguration> {
  const configuration = await ctx.stores.configurations.get(parseId(id, 'configuration'));
  if (!configuration) throw notFound('mDoc configuration not found');
  return configuration;
}

export const listConfigurations = async (ctx: EngineContext) => ({ data: await ctx.stores.configurations.list() });
export const getConfiguration = (ctx: EngineContext, id: string) => existing(ctx, id);

export function createConfiguration(ctx: EngineContext, input: unknown, request: RequestInfo): Promise<MdocConfiguration> {
  const data: Record<string, string> = {};
  return ctx.events.operation('MOBILE_CREDENTIAL_CONFIGURATION_CREATE', request, data, async () => {
    const configuration = { id: ctx.random.uuid(), ...parseManagementInput(zMdocConfigurationInput, input) };
    data.configurationId = configuration.id;
    await ctx.stores.configurations.insert(configuration, ctx.clock.now());
    return configuration;
  });
}

export function updateConfiguration(ctx: EngineContext, id: string, input: unknown, request: RequestInfo): Promise<MdocConfiguration> {
  return ctx.events.operation('MOBILE_CREDENTIAL_CONFIGURATION_UPDATE', request, { configurationId: id }, async () => {
    await existing(ctx, id);
    const configuration = { id, ...parseManagementInput(zMdocConfigurationInput, input) };
    // Open offers were checked against the configuration as it is; their mDocs must be built from it too.
    if ((await ctx.stores.offers.countOpenReferencing(id)) > 0)
      throw conflict('Open offers use this configuration; cancel them or wait for them to end');
    if (!(await ctx.stores.configurations.update(configuration, ctx.clock.now()))) throw notFound('mDoc configuration not found');
    return configuration;
  });
}

export function deleteConfiguration(ctx: EngineContext, id: string, request: RequestInfo): Promise<void> {
  return ctx.events.operation('MOBILE_CREDENTIAL_CONFIGURATION_DELETE', request, { configurationId: id }, async () => {
    await existing(ctx, id);
    // An open offer must stay redeemable: its wallet will ask for this configuration.
    if ((await ctx.stores.offers.countOpenReferencing(id)) > 0)
      throw conflict('Open offers use this configuration; cancel them or wait for them to end');
    await ctx.stores.configurations.delete(id);
  });
}
