import { Injectable } from '@nestjs/common';
import type { GraphqlContext } from '../graphql-context';
import { RestMapper } from '../kube/rest-mapper.service';

/** kubectl delete: background propagation, answered with kubectl's words (`deployment.apps "web" deleted`). */
@Injectable()
export class DeleteService {
  constructor(private readonly discovery: RestMapper) {}

  async delete(ctx: GraphqlContext, apiVersion: string, kind: string, namespace: string | undefined, name: string): Promise<string> {
    const ref = await this.discovery.resolve(ctx.kube, apiVersion, kind);
    await ctx.kube.delete(ref, ref.namespaced ? namespace || 'default' : undefined, name, { propagationPolicy: 'Background' });
    const qualified = ref.group ? `${kind.toLowerCase()}.${ref.group}` : kind.toLowerCase();
    return `${qualified} "${name}" deleted`;
  }
}
