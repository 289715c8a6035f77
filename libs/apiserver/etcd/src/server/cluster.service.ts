import type { sendUnaryData, ServerUnaryCall, UntypedServiceImplementation } from '@grpc/grpc-js';
import { ETCD_MEMBER, MEMBER_ID, responseHeader } from '../etcd-member';

/** The one member, advertised where kubeadm's etcd advertises itself: the control-plane node's address. */
export interface MemberUrls {
  peerUrls: () => string[];
  clientUrls: () => string[];
}

/** etcd's Cluster API: MemberList answers the one member; changing membership is not served (UNIMPLEMENTED). */
export function clusterService(revision: () => number, urls: MemberUrls): UntypedServiceImplementation {
  return {
    MemberList: (_call: ServerUnaryCall<unknown, unknown>, callback: sendUnaryData<unknown>) =>
      callback(null, { header: responseHeader(revision()), members: [{ ID: MEMBER_ID, name: ETCD_MEMBER.name, peerURLs: urls.peerUrls(), clientURLs: urls.clientUrls(), isLearner: false }] }),
  };
}
