import { queryFlag } from '@drydock/kube';
import type { KubeObject } from '@drydock/util';
import { StatusError, isPlainObject } from '@drydock/util';
import { ResourceDefinition, apiVersionOf } from '@drydock/registry';
import type { RequestInfo } from '../http/request-info';
import type { GenericStore, WriteResult } from './generic-store';
import { resetFieldsOf, schemaOf } from './managed-fields';
import { applyServerSide, parsePatchBody } from './patch-helpers';
import type { WriteParams } from './request-context';

/**
 * `PATCH` with `application/apply-patch+yaml`: merges the applied configuration into the live object
 * (creating it when missing, as helm relies on) and records the manager's fields in managedFields.
 */
export async function applyServerSidePatch(generic: GenericStore, def: ResourceDefinition, info: RequestInfo, namespace: string, body: Buffer, params: WriteParams, query: URLSearchParams): Promise<WriteResult & { created: boolean }> {
  if (!query.get('fieldManager')) {
    throw StatusError.invalid(def.group, def.kind, info.name, [{ type: 'FieldValueRequired', field: 'fieldManager', detail: 'is required for apply requests' }]);
  }
  const applied = parsePatchBody('application/apply-patch+yaml', body) as KubeObject;
  if (!isPlainObject(applied)) throw StatusError.badRequest('the applied configuration must be an object');
  if (applied.apiVersion !== apiVersionOf(def) || applied.kind !== def.kind) {
    throw StatusError.badRequest(`apiVersion and kind of the applied configuration (${String(applied.apiVersion)}, ${String(applied.kind)}) must match the request (${apiVersionOf(def)}, ${def.kind})`);
  }
  const name = (applied.metadata as { name?: string } | undefined)?.name;
  if (name !== undefined && name !== info.name) {
    throw StatusError.badRequest(`the name of the object (${name}) does not match the name on the URL (${info.name})`);
  }
  const force = queryFlag(query, 'force');
  return generic.update(
    def,
    info.cluster,
    namespace,
    info.name,
    params,
    (live) => {
      const subresource = info.subresource || undefined;
      const { object } = applyServerSide({ live, applied, manager: params.fieldManager, force, now: new Date(), apiVersion: apiVersionOf(def), subresource, resetFields: resetFieldsOf(def, subresource), ...schemaOf(def) });
      const result = object as KubeObject;
      result.metadata ??= {};
      if (!live) result.metadata.name = info.name;
      else if (result.metadata.resourceVersion === live.metadata.resourceVersion) delete result.metadata.resourceVersion;
      return result;
    },
    { createIfMissing: !info.subresource, subresource: info.subresource || undefined, operation: 'Apply' },
  );
}
