import type { KubeObject } from '@drydock/util';
import { ingressNginxIngresses } from './ingress-routes';
import { connectionAllowed, NetworkEndpoint } from './network-policy.enforcer';
import type { TrafficMeter } from './traffic-meter';

/**
 * The cluster's network as a pod sees it, answered from the simulator's informer caches: cluster
 * DNS (`web`, `web.shop`, `web.shop.svc.cluster.local`), Service ClusterIPs and their ready
 * endpoints, pod IPs. What answers on the far end is the backend pod's image (see http-backends).
 */
export interface Backend {
  ip: string;
  image: string;
  /** The pod at that address (for NetworkPolicy and named ports). */
  pod?: KubeObject;
}

export interface Destination {
  /** The name as DNS answers it (`web.shop.svc.cluster.local`), or the address itself. */
  fqdn: string;
  address: string;
  /** The Service behind the address, if any: its ports and ready backends. */
  service?: { ports: Array<{ port: number; targetPort?: number | string; name?: string }>; backends: Backend[] };
  /** A pod's own address: its image. */
  pod?: Backend;
}

export interface NetworkSources {
  service(namespace: string, name: string): KubeObject | undefined;
  services(): KubeObject[];
  endpoints(namespace: string, name: string): KubeObject | undefined;
  pod(namespace: string, name: string): KubeObject | undefined;
  pods(): KubeObject[];
  /** Every NetworkPolicy (none: nothing is isolated). */
  networkPolicies?(): KubeObject[];
  namespace?(name: string): KubeObject | undefined;
  ingresses?(): KubeObject[];
  ingressClasses?(): KubeObject[];
}

/** The cluster DNS as a peer when no DNS add-on runs (the simulator answers at the kube-dns address). */
const BUILT_IN_DNS: NetworkEndpoint = { ip: '10.96.0.10', pod: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'coredns', namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns' } } } };

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

export class ClusterNetwork {
  /** The next backend each Service address hands a connection to (kube-proxy's round robin). */
  private readonly turns = new Map<string, number>();

  constructor(
    private readonly sources: NetworkSources,
    private readonly traffic?: TrafficMeter,
  ) {}

  /** The backend of a Service destination the next connection goes to; undefined without ready endpoints. */
  nextBackend(destination: Destination): Backend | undefined {
    const backends = destination.service?.backends ?? [];
    if (backends.length === 0) return undefined;
    const turn = this.turns.get(destination.address) ?? 0;
    this.turns.set(destination.address, (turn + 1) % backends.length);
    return backends[turn % backends.length];
  }

  /** A request reached the pod at `podIP` (counted for its simulated CPU usage). */
  delivered(podIP: string): void {
    this.traffic?.record(podIP);
  }

  /**
   * Whether the cluster DNS answers: with the DNS add-on installed (the Service kube-system/kube-dns, as
   * npm start's kubeadm-like set-up creates it), only while it has a ready endpoint (CoreDNS scaled to
   * zero: every lookup times out). Without the add-on the simulator itself answers as the cluster DNS.
   */
  dnsReachable(): boolean {
    const dns = this.sources.service('kube-system', 'kube-dns');
    return !dns || this.destination(dns).service!.backends.length > 0;
  }

  /**
   * Whether a new connection from the pod `from` to `to` on `port` (after DNAT) gets through the
   * NetworkPolicies (see network-policy.enforcer); a denied one is dropped, so the client times out.
   */
  allows(from: KubeObject | undefined, to: NetworkEndpoint, port: number, protocol = 'TCP'): boolean {
    const policies = this.sources.networkPolicies?.() ?? [];
    if (policies.length === 0 || !from) return true;
    const source = { ip: (from.status as { podIP?: string } | undefined)?.podIP ?? '', pod: from };
    return connectionAllowed({ policies, namespaceLabels: (name) => this.namespaceLabels(name) }, source, to, port, protocol);
  }

  /** Whether `from`'s DNS queries (UDP 53) get an answer: the DNS reachable and NetworkPolicy letting them through. */
  dnsAnswers(from: KubeObject | undefined): boolean {
    if (!this.dnsReachable()) return false;
    const dns = this.sources.service('kube-system', 'kube-dns');
    const servers: NetworkEndpoint[] = dns ? this.destination(dns).service!.backends : [BUILT_IN_DNS];
    return servers.some((server) => this.allows(from, server, 53, 'UDP'));
  }

  /** The Ingresses the simulated ingress-nginx controller serves. */
  ingressNginxIngresses(): KubeObject[] {
    return ingressNginxIngresses(this.sources.ingresses?.() ?? [], this.sources.ingressClasses?.() ?? []);
  }

  private namespaceLabels(name: string): Record<string, string> {
    return { ...this.sources.namespace?.(name)?.metadata.labels, 'kubernetes.io/metadata.name': name };
  }

  /** Resolves `host` as a pod in `namespace` would; undefined is NXDOMAIN (or no DNS server answering). */
  resolve(host: string, namespace: string): Destination | undefined {
    const name = host.replace(/\.$/, '').toLowerCase();
    if (IPV4.test(name)) return this.byAddress(name);
    if (!this.dnsReachable()) return undefined;
    const podRecord = this.podRecord(name, namespace);
    if (podRecord) return podRecord;
    const service = this.serviceByName(name, namespace);
    if (!service) return undefined;
    return this.destination(service);
  }

  /**
   * CoreDNS's pod records: `1-2-3-4.ns.pod.cluster.local` (the kubernetes plugin's `pods insecure`, as
   * kubeadm configures it) and `hostname.subdomain.ns.svc.cluster.local` for a pod whose hostname and
   * subdomain name it and a headless Service of that subdomain (a StatefulSet's `web-0.nginx`); the
   * search list makes `web-0.nginx` and `web-0.nginx.ns` find the latter from the pod's namespace.
   */
  private podRecord(name: string, namespace: string): Destination | undefined {
    const dashed = /^(\d{1,3})-(\d{1,3})-(\d{1,3})-(\d{1,3})\.([a-z0-9-]+)\.pod(\.cluster\.local)?$/.exec(name);
    if (dashed) return { ...this.byAddress(dashed.slice(1, 5).join('.')), fqdn: `${dashed.slice(1, 5).join('-')}.${dashed[5]}.pod.cluster.local` };
    // A qualified name (`….svc`, `….svc.cluster.local`) names its namespace; a short one is tried in the pod's first.
    const qualified = /\.svc(\.cluster\.local)?$/.test(name);
    const parts = name.replace(/\.svc(\.cluster\.local)?$/, '').split('.');
    if (qualified ? parts.length !== 3 : parts.length < 2 || parts.length > 3) return undefined;
    const [hostname, subdomain, podNamespace = namespace] = parts;
    const service = this.sources.service(podNamespace, subdomain);
    if ((service?.spec as { clusterIP?: string } | undefined)?.clusterIP !== 'None') return undefined;
    const pod = this.sources.pods().find((candidate) => {
      const spec = (candidate.spec ?? {}) as { hostname?: string; subdomain?: string };
      return candidate.metadata.namespace === podNamespace && spec.hostname === hostname && spec.subdomain === subdomain && (candidate.status as { podIP?: string } | undefined)?.podIP;
    });
    const ip = (pod?.status as { podIP?: string } | undefined)?.podIP;
    return ip ? { ...this.byAddress(ip), fqdn: `${hostname}.${subdomain}.${podNamespace}.svc.cluster.local` } : undefined;
  }

  private serviceByName(name: string, namespace: string): KubeObject | undefined {
    const parts = name.replace(/\.cluster\.local$/, '').replace(/\.svc$/, '').split('.');
    if (parts.length === 1) return this.sources.service(namespace, parts[0]);
    if (parts.length === 2) return this.sources.service(parts[1], parts[0]);
    return undefined;
  }

  private byAddress(address: string): Destination {
    // A ClusterIP, or a LoadBalancer's external address (kube-proxy answers both inside the cluster).
    const service = this.sources.services().find((s) => (s.spec as { clusterIP?: string } | undefined)?.clusterIP === address)
      ?? this.sources.services().find((s) => ((s.status as { loadBalancer?: { ingress?: Array<{ ip?: string }> } } | undefined)?.loadBalancer?.ingress ?? []).some((entry) => entry.ip === address));
    if (service) return { ...this.destination(service), fqdn: address, address };
    const pod = this.sources.pods().find((p) => (p.status as { podIP?: string } | undefined)?.podIP === address);
    return { fqdn: address, address, pod: pod ? { ip: address, image: firstImage(pod), pod } : undefined };
  }

  private destination(service: KubeObject): Destination {
    const { namespace = 'default', name = '' } = service.metadata;
    const spec = (service.spec ?? {}) as { clusterIP?: string; ports?: Array<{ port: number; targetPort?: number | string; name?: string }> };
    const endpoints = this.sources.endpoints(namespace, name) as { subsets?: Array<{ addresses?: Array<{ ip: string; targetRef?: { name?: string; namespace?: string } }> }> } | undefined;
    const backends = (endpoints?.subsets ?? []).flatMap((subset) => subset.addresses ?? []).map((address) => {
      const pod = address.targetRef?.name ? this.sources.pod(address.targetRef.namespace ?? namespace, address.targetRef.name) : undefined;
      return { ip: address.ip, image: pod ? firstImage(pod) : '', pod };
    });
    return { fqdn: `${name}.${namespace}.svc.cluster.local`, address: spec.clusterIP ?? '', service: { ports: spec.ports ?? [], backends } };
  }
}

function firstImage(pod: KubeObject): string {
  return ((pod.spec as { containers?: Array<{ image?: string }> } | undefined)?.containers ?? [])[0]?.image ?? '';
}
