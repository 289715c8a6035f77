import type { KubeObject } from '@drydock/util';
import { StatusError, isPlainObject } from '@drydock/util';
import { SubresourceCall, SubresourceReply, SubresourceRest, apiVersionOf } from '@drydock/registry';
import type { GenericStore } from '../rest/generic-store';
import { parseWriteParams } from '../rest/write-params';

/**
 * `PUT namespaces/NAME/finalize`, upstream's FinalizeREST: an update of the namespace through the
 * finalize strategy (status stays as stored), the way to release a namespace stuck in Terminating by
 * emptying spec.finalizers. Once a terminating namespace has no finalizers left it is removed.
 */
export class FinalizeRest implements SubresourceRest {
  constructor(private readonly generic: GenericStore) {}

  async update({ def, cluster, name, query, req }: SubresourceCall, body: KubeObject): Promise<SubresourceReply> {
    if (body.kind !== undefined && body.kind !== def.kind) {
      throw StatusError.badRequest(`${String(body.kind)} in version "${String(body.apiVersion ?? '')}" cannot be handled as a ${def.kind}: the kind in the body does not match the URL`);
    }
    if (body.apiVersion !== undefined && body.apiVersion !== apiVersionOf(def)) {
      throw StatusError.badRequest(`the API version in the data (${String(body.apiVersion)}) does not match the expected API version (${apiVersionOf(def)})`);
    }
    if (!isPlainObject(body.metadata)) throw StatusError.badRequest('metadata must be an object');
    const params = parseWriteParams(query, String(req.headers['user-agent'] ?? ''));
    const result = await this.generic.update(def, cluster, '', name, params, (current) => ({ ...body, status: current!.status }), { subresource: 'finalize' });
    return { code: 200, body: result.object };
  }
}
