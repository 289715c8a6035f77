import type { ResponseHeaderMessage } from '@drydock/kube';

/**
 * Drydock's store answers as a one-member etcd cluster: the member and cluster IDs a fresh kubeadm
 * etcd would show (hex as etcdctl prints them), the version kubeadm 1.35 runs, and a raft term that
 * never changes (there is no election).
 */
export const ETCD_MEMBER = {
  memberIdHex: '8e9e05c52164694d',
  clusterIdHex: 'cdf818194e3a8c32',
  name: 'controlplane',
  version: '3.6.5',
  raftTerm: 2,
} as const;

export const MEMBER_ID = BigInt(`0x${ETCD_MEMBER.memberIdHex}`).toString();
export const CLUSTER_ID = BigInt(`0x${ETCD_MEMBER.clusterIdHex}`).toString();

export function responseHeader(revision: number): ResponseHeaderMessage {
  return { cluster_id: CLUSTER_ID, member_id: MEMBER_ID, revision: String(revision), raft_term: String(ETCD_MEMBER.raftTerm) };
}
