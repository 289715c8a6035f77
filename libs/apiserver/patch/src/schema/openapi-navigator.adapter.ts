import { fieldSchema, modelNameForKind } from '@drydock/openapi';
import { SchemaNavigator } from './schema-navigator';

/** The real navigator: upstream's models as served by @drydock/openapi (no patch tags there; see patch-strategies.table). */
export const openApiNavigator: SchemaNavigator = { fieldSchema };

/** The upstream model of an object's kind (`apps/v1` Deployment → `io.k8s.api.apps.v1.Deployment`); undefined for custom resources. */
export function modelNameOf(object: { apiVersion?: unknown; kind?: unknown }): string | undefined {
  if (typeof object.apiVersion !== 'string' || typeof object.kind !== 'string') return undefined;
  const [group, version] = object.apiVersion.includes('/') ? object.apiVersion.split('/', 2) : ['', object.apiVersion];
  return modelNameForKind({ group, version, kind: object.kind });
}
