import type { KubeObject } from '@drydock/util';
import { explainReason, schedulingView } from './scheduling.presenter';

describe("a Pending pod's scheduling record", () => {
  const pending: KubeObject = {
    apiVersion: 'v1', kind: 'Pod',
    metadata: { name: 'p', annotations: { 'scheduler.drydock.dev/node-reasons': JSON.stringify({ b: ['node(s) were unschedulable'], a: ['Insufficient cpu', 'node(s) had untolerated taint {gpu: true}'] }) } },
    spec: { containers: [] },
    status: { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: '0/2 nodes are available: …' }] },
  };

  it("gives each node's reasons, sorted by node, with an explanation in plain words", () => {
    expect(schedulingView(pending)).toEqual({
      message: '0/2 nodes are available: …',
      nodes: [
        { node: 'a', reasons: ['Insufficient cpu', 'node(s) had untolerated taint {gpu: true}'], explanation: "a: not enough unreserved CPU left for the pod's CPU request; it has the taint {gpu: true} and the pod has no toleration for it." },
        { node: 'b', reasons: ['node(s) were unschedulable'], explanation: 'b: it is cordoned (unschedulable).' },
      ],
    });
  });

  it('is null for a scheduled pod, and keeps unknown reasons as they are', () => {
    expect(schedulingView({ ...pending, spec: { nodeName: 'a' } })).toBeNull();
    expect(explainReason('something new')).toBe('something new');
    expect(explainReason("node(s) didn't match Pod's node affinity/selector")).toBe("its labels do not match the pod's nodeSelector or node affinity");
  });
});
