import { builtinResources } from '@drydock/registry';
import { StatusError, type KubeObject } from '@drydock/util';
import type { AdmissionRequest } from './admission';
import { ClusterLimitsAdmission } from './cluster-limits.admission';

const definition = (resource: string) => builtinResources().find((def) => def.resource === resource && def.group !== 'metrics.k8s.io')!;

function plugin(counts: Record<string, number>, limits?: Record<string, number>): ClusterLimitsAdmission {
  const lab: KubeObject = { apiVersion: 'drydock.dev/v1', kind: 'Cluster', metadata: { name: 'lab' }, spec: { owner: { user: 'alice' }, limits } };
  return new ClusterLimitsAdmission({
    cached: (key) => (key.cluster === 'default' && key.resource === 'clusters.drydock.dev' && key.name === 'lab' ? lab : undefined),
    count: (cluster, resource) => (cluster === 'lab' ? (counts[resource ?? 'all'] ?? 0) : 1_000_000),
  });
}

const create = (resource: string, cluster = 'lab', operation: AdmissionRequest['operation'] = 'CREATE'): AdmissionRequest => ({
  operation,
  def: definition(resource),
  cluster,
  object: { metadata: { name: 'x', namespace: 'default' } },
  old: null,
});

async function refusal(promise: Promise<void>): Promise<StatusError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  if (!(error instanceof StatusError)) throw new Error(`expected a StatusError, got ${String(error)}`);
  return error;
}

describe('ClusterLimitsAdmission', () => {
  it('refuses a pod past the cluster\'s pod limit as upstream refuses a quota, 403 exceeded', async () => {
    const error = await refusal(plugin({ all: 10, pods: 5 }, { pods: 5 }).validate(create('pods')));
    expect(error.code).toBe(403);
    expect(error.message).toBe('pods "x" is forbidden: exceeded cluster limits: lab, requested: pods=1, used: pods=5, limited: pods=5');
  });

  it('counts objects of every kind, and names each limit passed', async () => {
    const error = await refusal(plugin({ all: 3, nodes: 2 }, { objects: 3, nodes: 2 }).validate(create('nodes')));
    expect(error.message).toBe('nodes "x" is forbidden: exceeded cluster limits: lab, requested: nodes=1,objects=1, used: nodes=2,objects=3, limited: nodes=2,objects=3');
    await expect(plugin({ all: 3 }, { objects: 3 }).validate(create('configmaps'))).rejects.toThrow('configmaps "x" is forbidden: exceeded cluster limits: lab, requested: objects=1');
  });

  it('admits what fits, updates, and anything in the default cluster', async () => {
    await expect(plugin({ all: 9999, pods: 499 }).validate(create('pods'))).resolves.toBeUndefined();
    await expect(plugin({ all: 10000 }).validate(create('configmaps', 'lab', 'UPDATE'))).resolves.toBeUndefined();
    await expect(plugin({}).validate(create('pods', 'default'))).resolves.toBeUndefined();
    await expect(plugin({ all: 10000 }).validate(create('configmaps'))).rejects.toThrow('limited: objects=10000');
  });
});
