import { kubeTime } from '@drydock/kube';
import type { KubeObject } from '@drydock/util';
import { StatusError, fieldErrors, isPlainObject } from '@drydock/util';
import type { ObjectStore } from '@drydock/storage';
import type { SubresourceCall, SubresourceReply, SubresourceRest } from '@drydock/registry';
import { tokenClaims } from '../serviceaccount/service-account-claims';
import type { ServiceAccountKeys } from '../serviceaccount/service-account-keys';

/** SetDefaults_TokenRequestSpec: an hour. */
const defaultExpirationSeconds = 3600;
/** ValidateTokenRequest's bounds. */
const minExpirationSeconds = 600;
const maxExpirationSeconds = 2 ** 32;
/** serviceaccount.WarnOnlyBoundTokenExpirationSeconds: what the ServiceAccount admission plugin projects. */
export const projectedTokenExpirationSeconds = 3607;
/** ExpirationExtensionSeconds: how long such a projected token really lives (--service-account-extend-token-expiration). */
const extendedExpirationSeconds = 24 * 365 * 60 * 60;

interface BoundObjectReference {
  kind?: string;
  apiVersion?: string;
  name?: string;
  uid?: string;
}

interface TokenRequestSpec {
  audiences?: string[];
  expirationSeconds?: number;
  boundObjectRef?: BoundObjectReference;
}

const invalid = (name: string, field: string, value: unknown, detail: string) => StatusError.invalid('authentication.k8s.io', 'TokenRequest', name, [fieldErrors.invalid(field, value, detail)]);

/**
 * `POST serviceaccounts/NAME/token` (authentication.k8s.io/v1 TokenRequest), upstream's TokenREST
 * (pkg/registry/core/serviceaccount/storage/token.go): a signed JWT for the ServiceAccount, for the
 * requested audiences (the API server's by default) and duration (an hour by default, ten minutes at
 * least), optionally bound to a Pod, Secret or Node so that it dies with that object.
 */
export class ServiceAccountTokenRest implements SubresourceRest {
  constructor(
    private readonly store: ObjectStore,
    private readonly keys: ServiceAccountKeys,
  ) {}

  async create({ cluster, namespace, name }: SubresourceCall, body: KubeObject): Promise<SubresourceReply> {
    if (body.kind !== undefined && body.kind !== 'TokenRequest') throw StatusError.badRequest(`${String(body.kind)} cannot be handled as a TokenRequest`);
    if (body.metadata?.name && body.metadata.name !== name) throw invalid(name, 'metadata.name', body.metadata.name, 'must match the service account name if specified');
    if (body.metadata?.namespace && body.metadata.namespace !== namespace) throw invalid(name, 'metadata.namespace', body.metadata.namespace, 'must match the service account namespace if specified');
    const account = await this.existing(cluster, 'serviceaccounts', namespace, name);
    const spec: TokenRequestSpec = isPlainObject(body.spec) ? { ...(body.spec as TokenRequestSpec) } : {};
    if (!spec.audiences?.length) spec.audiences = [...this.keys.audiences];
    spec.expirationSeconds ??= defaultExpirationSeconds;
    if (typeof spec.expirationSeconds !== 'number' || spec.expirationSeconds < minExpirationSeconds) throw invalid('', 'spec.expirationSeconds', spec.expirationSeconds, 'may not specify a duration less than 10 minutes');
    if (spec.expirationSeconds > maxExpirationSeconds) throw invalid('', 'spec.expirationSeconds', spec.expirationSeconds, 'may not specify a duration larger than 2^32 seconds');
    const bound = spec.boundObjectRef ? await this.boundObject(cluster, namespace, name, spec.boundObjectRef) : {};
    const now = new Date();
    // Upstream's safe rollout of bound tokens: the projected 3607 s token of a pod lives a year, warning after 3607 s.
    const extended = !!bound.pod && spec.expirationSeconds === projectedTokenExpirationSeconds && spec.audiences.every((audience) => this.keys.audiences.includes(audience));
    const claims = tokenClaims({
      issuer: this.keys.issuer, serviceAccount: account, ...bound, audiences: spec.audiences, now, cluster,
      expirationSeconds: extended ? extendedExpirationSeconds : spec.expirationSeconds,
      warnAfterSeconds: extended ? spec.expirationSeconds : undefined,
    });
    const token = await this.keys.sign(claims);
    const expirationTimestamp = kubeTime(new Date(now.getTime() + spec.expirationSeconds * 1000));
    const metadata = { name, namespace, uid: account.metadata.uid, creationTimestamp: kubeTime(now) };
    return { code: 201, body: { kind: 'TokenRequest', apiVersion: 'authentication.k8s.io/v1', metadata, spec, status: { token, expirationTimestamp } } };
  }

  private async existing(cluster: string, resource: string, namespace: string, name: string): Promise<KubeObject> {
    const object = await this.store.get({ cluster, resource, namespace, name });
    if (!object) throw StatusError.notFound({ group: '', resource }, name);
    return object;
  }

  /** The object a token is bound to (Pod, Secret or Node of core/v1), with the pod's node for its claims. */
  private async boundObject(cluster: string, namespace: string, account: string, ref: BoundObjectReference): Promise<{ pod?: KubeObject; secret?: KubeObject; node?: { name: string; uid?: string } }> {
    const group = (ref.apiVersion ?? '').includes('/') ? ref.apiVersion!.split('/')[0] : '';
    const version = (ref.apiVersion ?? '').split('/').pop() ?? '';
    let bound: { pod?: KubeObject; secret?: KubeObject; node?: { name: string; uid?: string } };
    let object: KubeObject;
    if (group === '' && ref.kind === 'Pod') {
      object = await this.existing(cluster, 'pods', namespace, ref.name ?? '');
      const spec = (object.spec ?? {}) as { serviceAccountName?: string; nodeName?: string };
      if (spec.serviceAccountName !== account) throw StatusError.badRequest(`cannot bind token for serviceaccount "${account}" to pod running with different serviceaccount name.`);
      const node = spec.nodeName ? await this.store.get({ cluster, resource: 'nodes', namespace: '', name: spec.nodeName }) : null;
      bound = { pod: object, node: spec.nodeName ? { name: spec.nodeName, uid: node?.metadata.uid } : undefined };
    } else if (group === '' && ref.kind === 'Secret') {
      object = await this.existing(cluster, 'secrets', namespace, ref.name ?? '');
      bound = { secret: object };
    } else if (group === '' && ref.kind === 'Node') {
      object = await this.existing(cluster, 'nodes', '', ref.name ?? '');
      bound = { node: { name: object.metadata.name!, uid: object.metadata.uid } };
    } else {
      throw StatusError.badRequest(`cannot bind token to object of type ${group}/${version}, Kind=${ref.kind ?? ''}`);
    }
    if (ref.uid && ref.uid !== object.metadata.uid) {
      throw StatusError.conflict({ group, resource: ref.kind ?? '' }, ref.name ?? '', `the UID in the bound object reference (${ref.uid}) does not match the UID in record. The object might have been deleted and then recreated`);
    }
    return bound;
  }
}
