import { kubeMicroTime } from '@drydock/kube';
import type { KubeObject } from '@drydock/util';

/** A coordination.k8s.io/v1 Lease's spec as leader election reads and writes it. */
export interface LeaseSpec {
  holderIdentity?: string;
  leaseDurationSeconds?: number;
  acquireTime?: string;
  renewTime?: string;
  leaseTransitions?: number;
}

export interface Lease extends KubeObject {
  spec?: LeaseSpec;
}


/** The record this elector writes: a renewal keeps acquireTime and transitions, a take-over counts one. */
export function nextLeaseSpec(current: LeaseSpec | undefined, identity: string, leaseDurationSeconds: number, now: Date): LeaseSpec {
  const time = kubeMicroTime(now);
  if (current && current.holderIdentity === identity) return { ...current, leaseDurationSeconds, renewTime: time };
  const transitions = current ? (current.leaseTransitions ?? 0) + 1 : 0;
  return { holderIdentity: identity, leaseDurationSeconds, acquireTime: time, renewTime: time, leaseTransitions: transitions };
}

/** Whether two records are the same observation (client-go compares the whole record). */
export function sameRecord(a: LeaseSpec | undefined, b: LeaseSpec | undefined): boolean {
  return (a?.holderIdentity ?? '') === (b?.holderIdentity ?? '') && a?.renewTime === b?.renewTime && a?.acquireTime === b?.acquireTime && a?.leaseTransitions === b?.leaseTransitions;
}
