/** The resources every cluster serves, and the CRD helpers, from the registry's one table. */
export { builtinResources, customResourceDefinitionResources, establishCrd } from '@drydock/registry';
