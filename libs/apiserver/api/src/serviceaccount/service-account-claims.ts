import { randomUUID } from 'node:crypto';
import type { KubeObject } from '@drydock/util';
import type { UserInfo } from '../rest/request-context';
import { CREDENTIAL_CLUSTER_EXTRA } from '../pipeline/authentication';

/** apiserverserviceaccount.MakeUsername: `system:serviceaccount:<namespace>:<name>`. */
export function serviceAccountUsername(namespace: string, name: string): string {
  return `system:serviceaccount:${namespace}:${name}`;
}

/** MakeGroupNames: every ServiceAccount is in these groups (authenticated added by the authenticator, as upstream). */
export function serviceAccountGroups(namespace: string): string[] {
  return ['system:serviceaccounts', `system:serviceaccounts:${namespace}`];
}

interface Ref {
  name: string;
  uid: string;
}

/** The private claims of a bound token (pkg/serviceaccount/claims.go privateClaims). */
export interface KubernetesClaims {
  namespace: string;
  serviceaccount: Ref;
  pod?: Ref;
  secret?: Ref;
  node?: Ref;
  warnafter?: number;
}

/** A ServiceAccount token's claims, exactly the fields upstream's Claims() writes. */
export interface ServiceAccountClaims {
  iss: string;
  sub: string;
  aud: string[];
  exp: number;
  iat: number;
  nbf: number;
  jti: string;
  'kubernetes.io': KubernetesClaims;
  /** Drydock's: the logical cluster that issued the token (absent: the default cluster). */
  'drydock.dev/cluster'?: string;
}

export interface ClaimsInput {
  issuer: string;
  serviceAccount: KubeObject;
  /** The object the token is bound to: a pod, a secret, or (without a pod) a node. */
  pod?: KubeObject;
  secret?: KubeObject;
  /** The bound node, or the bound pod's node (ServiceAccountTokenPodNodeInfo: a name alone when the Node is gone). */
  node?: { name: string; uid?: string };
  audiences: string[];
  expirationSeconds: number;
  /** The projected token's 3607 s: recorded as warnafter, as upstream's extended-expiration transition. */
  warnAfterSeconds?: number;
  now: Date;
  /** The logical cluster of the account (default: the default cluster, which writes no claim). */
  cluster?: string;
}

const ref = (object: KubeObject): Ref => ({ name: object.metadata.name ?? '', uid: object.metadata.uid ?? '' });

/** serviceaccount.Claims: the public and private claims of a new token. Pure apart from the jti. */
export function tokenClaims(input: ClaimsInput): ServiceAccountClaims {
  const seconds = Math.floor(input.now.getTime() / 1000);
  const { serviceAccount } = input;
  const kubernetes: KubernetesClaims = { namespace: serviceAccount.metadata.namespace ?? '', serviceaccount: ref(serviceAccount) };
  if (input.pod) kubernetes.pod = ref(input.pod);
  else if (input.secret) kubernetes.secret = ref(input.secret);
  if (input.node && !input.secret) kubernetes.node = input.node.uid ? { name: input.node.name, uid: input.node.uid } : ({ name: input.node.name } as Ref);
  if (input.warnAfterSeconds) kubernetes.warnafter = seconds + input.warnAfterSeconds;
  const claims: ServiceAccountClaims = {
    iss: input.issuer,
    sub: serviceAccountUsername(kubernetes.namespace, serviceAccount.metadata.name ?? ''),
    aud: input.audiences,
    exp: seconds + input.expirationSeconds,
    iat: seconds,
    nbf: seconds,
    jti: randomUUID(),
    'kubernetes.io': kubernetes,
  };
  if (input.cluster && input.cluster !== 'default') claims['drydock.dev/cluster'] = input.cluster;
  return claims;
}

/** ServiceAccountInfo.UserInfo(): the user a validated token stands for, with the pod and node as extra. */
export function serviceAccountUser(claims: KubernetesClaims, jti?: string, cluster = 'default'): UserInfo {
  // The account is one of this cluster's: its token authenticates no one in another (CREDENTIAL_CLUSTER_EXTRA).
  const extra: Record<string, string[]> = { [CREDENTIAL_CLUSTER_EXTRA]: [cluster] };
  if (claims.pod) {
    extra['authentication.kubernetes.io/pod-name'] = [claims.pod.name];
    extra['authentication.kubernetes.io/pod-uid'] = [claims.pod.uid];
  }
  if (claims.node) {
    extra['authentication.kubernetes.io/node-name'] = [claims.node.name];
    if (claims.node.uid) extra['authentication.kubernetes.io/node-uid'] = [claims.node.uid];
  }
  if (jti) extra['authentication.kubernetes.io/credential-id'] = [`JTI=${jti}`];
  return {
    name: serviceAccountUsername(claims.namespace, claims.serviceaccount.name),
    uid: claims.serviceaccount.uid,
    groups: [...serviceAccountGroups(claims.namespace), 'system:authenticated'],
    extra,
  };
}
