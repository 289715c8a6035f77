import { fieldSchema } from '@drydock/openapi';
import { SchemaNavigator } from './schema-navigator';

/** The real navigator: upstream's models as served by @drydock/openapi (no patch tags there; see patch-strategies.table). */
export const openApiNavigator: SchemaNavigator = { fieldSchema };
