import { Injectable } from '@nestjs/common';
import { ApiError, resources } from '@drydock/client';
import type { KubeObject } from '@drydock/util';
import type { GraphqlContext } from '../graphql-context';
import { controllerOf } from '../presenters/kube-fields';
import { POWER_ANNOTATION } from '../presenters/node.presenter';

const MIRROR_POD_ANNOTATION = 'kubernetes.io/config.mirror';

export interface DrainOutcome {
  node: KubeObject;
  evicted: string[];
  errors: string[];
}

/** kubectl cordon / uncordon / drain and the node simulator's power switch, as REST writes by the caller. */
@Injectable()
export class NodeOperationsService {
  setUnschedulable(ctx: GraphqlContext, name: string, unschedulable: boolean): Promise<KubeObject> {
    return ctx.kube.patch(resources.nodes, undefined, name, { spec: { unschedulable: unschedulable ? true : null } }, 'merge');
  }

  /** `sim.drydock.dev/power: "off"` stops the simulated kubelet; "on" starts it again (docs/node-sim.md). */
  setPower(ctx: GraphqlContext, name: string, on: boolean): Promise<KubeObject> {
    return ctx.kube.patch(resources.nodes, undefined, name, { metadata: { annotations: { [POWER_ANNOTATION]: on ? 'on' : 'off' } } }, 'merge');
  }

  /**
   * `kubectl debug node/NAME -it --image=IMAGE` (its legacy profile, kubectl's generateNodeDebugPod): a pod
   * `node-debugger-NAME-xxxxx` in the default namespace, bound to the node, tolerating every taint, in the
   * host's PID, network and IPC namespaces, with the node's `/` at `/host`; the caller then attaches to it
   * (the dashboard's terminal execs `sh` in it). The node must exist, as kubectl reads it first.
   */
  async debug(ctx: GraphqlContext, name: string, image: string): Promise<KubeObject> {
    await ctx.kube.read(resources.nodes, undefined, name);
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { generateName: `node-debugger-${name}-` },
      spec: {
        containers: [{ name: 'debugger', image, stdin: true, tty: true, terminationMessagePolicy: 'File', volumeMounts: [{ name: 'host-root', mountPath: '/host' }] }],
        nodeName: name,
        restartPolicy: 'Never',
        tolerations: [{ operator: 'Exists' }],
        hostIPC: true,
        hostNetwork: true,
        hostPID: true,
        volumes: [{ name: 'host-root', hostPath: { path: '/' } }],
      },
    };
    return ctx.kube.post<KubeObject>(resources.pods, 'default', undefined, pod);
  }

  /**
   * kubectl drain --ignore-daemonsets: cordon, then evict every pod on the node through pods/eviction
   * (so PodDisruptionBudgets apply) except DaemonSet-owned and mirror pods. A refusal (429 from a
   * budget, or any other error) is reported per pod instead of failing the whole drain.
   */
  async drain(ctx: GraphqlContext, name: string): Promise<DrainOutcome> {
    await this.setUnschedulable(ctx, name, true);
    const pods = (await ctx.kube.list(resources.pods, { fieldSelector: `spec.nodeName=${name}` })).items;
    const evicted: string[] = [];
    const errors: string[] = [];
    const candidates = pods.filter((pod) => controllerOf(pod)?.kind !== 'DaemonSet' && pod.metadata.annotations?.[MIRROR_POD_ANNOTATION] === undefined && !pod.metadata.deletionTimestamp);
    await Promise.all(
      candidates.map(async (pod) => {
        const id = `${pod.metadata.namespace}/${pod.metadata.name}`;
        try {
          await ctx.kube.post(resources.pods, pod.metadata.namespace, pod.metadata.name, { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name: pod.metadata.name, namespace: pod.metadata.namespace } }, 'eviction');
          evicted.push(id);
        } catch (error) {
          if (error instanceof ApiError && error.code === 404) return;
          const why = error instanceof ApiError && error.code === 429 ? `cannot evict pod as it would violate the pod's disruption budget (${error.message})` : (error as Error).message;
          errors.push(`${id}: ${why}`);
        }
      }),
    );
    evicted.sort();
    errors.sort();
    return { node: await ctx.kube.read(resources.nodes, undefined, name), evicted, errors };
  }
}
