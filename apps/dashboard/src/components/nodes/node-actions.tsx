'use client';
import Link from 'next/link';
import { useState } from 'react';
import { DeniedNote } from '@/components/access/denied-note';
import { useMutation } from '@/lib/graphql';
import { deniedReasons, usePermissions } from '@/lib/permissions';
import { NODE_FIELDS, RESOURCES_FIELDS, podKey } from '@/components/overview/cluster-model';
import type {
  CordonNodeMutation,
  CordonNodeMutationVariables,
  DrainNodeMutation,
  DrainNodeMutationVariables,
  PowerOffNodeMutation,
  PowerOffNodeMutationVariables,
  PowerOnNodeMutation,
  PowerOnNodeMutationVariables,
  UncordonNodeMutation,
  UncordonNodeMutationVariables,
} from '@/lib/graphql-types.generated';
import { ErrorState } from '@/components/ui/states';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { DrainOutcome, DrainPlan, type DrainResult } from './drain-plan';
import type { NodeDetail, NodePod } from './use-live-node';

const CORDON = /* GraphQL */ `mutation CordonNode($name: String!) { cordonNode(name: $name) { ...NodeSummary } }
${NODE_FIELDS}
${RESOURCES_FIELDS}`;
const UNCORDON = /* GraphQL */ `mutation UncordonNode($name: String!) { uncordonNode(name: $name) { ...NodeSummary } }
${NODE_FIELDS}
${RESOURCES_FIELDS}`;
const POWER_OFF = /* GraphQL */ `mutation PowerOffNode($name: String!) { powerOffNode(name: $name) { ...NodeSummary } }
${NODE_FIELDS}
${RESOURCES_FIELDS}`;
const POWER_ON = /* GraphQL */ `mutation PowerOnNode($name: String!) { powerOnNode(name: $name) { ...NodeSummary } }
${NODE_FIELDS}
${RESOURCES_FIELDS}`;
const DRAIN = /* GraphQL */ `mutation DrainNode($name: String!) { drainNode(name: $name) { evicted errors node { ...NodeSummary } } }
${NODE_FIELDS}
${RESOURCES_FIELDS}`;

type Dialog = 'drain' | 'powerOff' | 'powerOn' | undefined;
type Outcome = { kind: 'message'; text: string } | { kind: 'drain'; result: DrainResult } | undefined;

const button = 'rounded-md border px-3 py-1.5 text-sm font-medium disabled:cursor-not-allowed disabled:opacity-50';
const plain = `${button} border-slate-300 bg-white hover:bg-slate-50 dark:border-slate-700 dark:bg-slate-900 dark:hover:bg-slate-800`;
const danger = `${button} border-red-300 bg-white text-red-700 hover:bg-red-50 dark:border-red-800 dark:bg-slate-900 dark:text-red-300 dark:hover:bg-red-950`;

/**
 * Cordon, uncordon, drain, power off and on. Each runs its GraphQL mutation with a pending state,
 * shows errors where they happened, and says what happens next (the page itself updates live).
 */
export function NodeActions({ node, pods, onNode }: { node: NodeDetail; pods: NodePod[]; onNode: (node: Partial<NodeDetail>) => void }) {
  const cordon = useMutation<CordonNodeMutation, CordonNodeMutationVariables>(CORDON);
  const uncordon = useMutation<UncordonNodeMutation, UncordonNodeMutationVariables>(UNCORDON);
  const powerOff = useMutation<PowerOffNodeMutation, PowerOffNodeMutationVariables>(POWER_OFF);
  const powerOn = useMutation<PowerOnNodeMutation, PowerOnNodeMutationVariables>(POWER_ON);
  const drain = useMutation<DrainNodeMutation, DrainNodeMutationVariables>(DRAIN);
  const [dialog, setDialog] = useState<Dialog>();
  const [outcome, setOutcome] = useState<Outcome>();
  const variables = { name: node.name };
  // Cordon and the power switch patch the Node; drain also evicts its pods, in whatever namespaces they run.
  const [canPatch, canEvict] = usePermissions([{ verb: 'patch', resource: 'nodes' }, { verb: 'create', resource: 'pods', subresource: 'eviction' }]);
  const patchDenied = canPatch && !canPatch.allowed ? canPatch.reason : undefined;
  const drainDenied = patchDenied ?? (canEvict && !canEvict.allowed ? canEvict.reason : undefined);
  const busy = cordon.pending || uncordon.pending || powerOff.pending || powerOn.pending || drain.pending;
  const error = cordon.error ?? uncordon.error ?? (dialog ? undefined : (powerOff.error ?? powerOn.error ?? drain.error));

  function clearErrors() {
    for (const m of [cordon, uncordon, powerOff, powerOn, drain]) m.reset();
  }

  async function runCordon() {
    clearErrors();
    const result = node.unschedulable ? (await uncordon.run(variables))?.uncordonNode : (await cordon.run(variables))?.cordonNode;
    if (!result) return setOutcome(undefined);
    onNode(result);
    setOutcome({ kind: 'message', text: result.unschedulable ? `${node.name} is cordoned: the scheduler places no new pods on it; the pods already there keep running.` : `${node.name} is schedulable again: new pods may land on it.` });
  }

  async function runDrain() {
    const result = (await drain.run(variables))?.drainNode;
    if (!result) return;
    onNode(result.node);
    setDialog(undefined);
    setOutcome({ kind: 'drain', result });
  }

  async function runPower(off: boolean) {
    const result = off ? (await powerOff.run(variables))?.powerOffNode : (await powerOn.run(variables))?.powerOnNode;
    if (!result) return;
    onNode(result);
    setDialog(undefined);
    setOutcome({
      kind: 'message',
      text: off
        ? `${node.name} is powered off. Its kubelet stops reporting: after the node-monitor grace period the node turns NotReady, and its pods are evicted when their not-ready toleration runs out (300 s by default), then recreated elsewhere by their controllers.`
        : `${node.name} is powered on. Its kubelet reports again: the node turns Ready within a few heartbeats and its pods' status is rewritten.`,
    });
  }

  // As the API's drain: every pod but DaemonSet-owned and already terminating ones.
  const evictable = pods.filter((pod) => !pod.deletionTimestamp && pod.ownerChain?.[0]?.kind !== 'DaemonSet');
  return (
    <section aria-label="Node actions" className="space-y-3">
      <div className="flex flex-wrap gap-2">
        <button type="button" className={plain} title={patchDenied} disabled={busy || !!patchDenied} onClick={() => void runCordon()}>
          {cordon.pending ? 'Cordoning…' : uncordon.pending ? 'Uncordoning…' : node.unschedulable ? 'Uncordon' : 'Cordon'}
        </button>
        <button type="button" className={plain} title={drainDenied} disabled={busy || !!drainDenied} onClick={() => (clearErrors(), setDialog('drain'))}>
          {drain.pending ? 'Draining…' : 'Drain…'}
        </button>
        {node.poweredOff ? (
          <button type="button" className={plain} title={patchDenied} disabled={busy || !!patchDenied} onClick={() => (clearErrors(), setDialog('powerOn'))}>
            {powerOn.pending ? 'Powering on…' : 'Power on…'}
          </button>
        ) : (
          <button type="button" className={danger} title={patchDenied} disabled={busy || !!patchDenied} onClick={() => (clearErrors(), setDialog('powerOff'))}>
            {powerOff.pending ? 'Powering off…' : 'Power off…'}
          </button>
        )}
      </div>
      <DeniedNote reasons={deniedReasons([canPatch, canEvict])} />
      {error && <ErrorState error={error} title="The action failed" />}
      {outcome && (
        <div role="status" data-testid="action-outcome" className="rounded-lg border border-sky-200 bg-sky-50 p-3 text-sm text-sky-900 dark:border-sky-900 dark:bg-sky-950/50 dark:text-sky-100">
          {outcome.kind === 'drain' ? <DrainOutcome result={outcome.result} /> : <p>{outcome.text}</p>}
          <p className="mt-2 flex gap-4">
            <Link href={`/?q=${encodeURIComponent(node.name)}`} className="font-medium text-sky-700 underline dark:text-sky-300">
              Watch it on the Overview
            </Link>
            <button type="button" onClick={() => setOutcome(undefined)} className="text-sky-700 hover:underline dark:text-sky-300">
              Dismiss
            </button>
          </p>
        </div>
      )}

      <ConfirmDialog open={dialog === 'drain'} title={`Drain ${node.name}?`} confirmLabel={`Drain (evict ${evictable.length})`} pendingLabel="Draining…" danger pending={drain.pending} onConfirm={() => void runDrain()} onClose={() => setDialog(undefined)}>
        <DrainPlan node={node.name} pods={pods} evictable={evictable.map(podKey)} />
        {drain.error && <ErrorState error={drain.error} title="The drain failed" />}
      </ConfirmDialog>
      <ConfirmDialog open={dialog === 'powerOff'} title={`Power off ${node.name}?`} confirmLabel="Power off" pendingLabel="Powering off…" danger pending={powerOff.pending} onConfirm={() => void runPower(true)} onClose={() => setDialog(undefined)}>
        <p>
          The simulated machine stops: its kubelet no longer reports and its {pods.length} pod{pods.length === 1 ? '' : 's'} become unreachable. After the node-monitor grace period the node turns <strong>NotReady</strong>; its pods are evicted when their not-ready toleration runs out (300 s by default) and their controllers recreate them on other nodes.
        </p>
        <p>To move the pods now and gracefully, drain the node first.</p>
        {powerOff.error && <ErrorState error={powerOff.error} title="Powering off failed" />}
      </ConfirmDialog>
      <ConfirmDialog open={dialog === 'powerOn'} title={`Power on ${node.name}?`} confirmLabel="Power on" pendingLabel="Powering on…" pending={powerOn.pending} onConfirm={() => void runPower(false)} onClose={() => setDialog(undefined)}>
        <p>The kubelet starts reporting again and the node turns Ready. {node.unschedulable ? 'It stays cordoned until you uncordon it.' : ''}</p>
        {powerOn.error && <ErrorState error={powerOn.error} title="Powering on failed" />}
      </ConfirmDialog>
    </section>
  );
}
