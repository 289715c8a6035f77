import type { KubeObject } from '@drydock/util';
import { connectionAllowed, NetworkEndpoint, PolicyContext } from './network-policy.enforcer';

const pod = (namespace: string, name: string, ip: string, labels: Record<string, string>, ports: Array<{ name: string; containerPort: number }> = []): NetworkEndpoint => ({
  ip,
  pod: { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace, labels }, spec: { containers: [{ name: 'c', ports }] }, status: { podIP: ip } },
});
const policy = (namespace: string, name: string, spec: Record<string, unknown>): KubeObject => ({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace }, spec });
const namespaceLabels: Record<string, Record<string, string>> = { x: { team: 'x' }, y: { team: 'y' }, z: {} };
const context = (...policies: KubeObject[]): PolicyContext => ({ policies, namespaceLabels: (name) => ({ ...namespaceLabels[name], 'kubernetes.io/metadata.name': name }) });

// The pods of upstream's network policy e2e (test/e2e/network/netpol): pods a, b, c in namespaces x, y, z.
const xa = pod('x', 'a', '10.244.1.1', { pod: 'a' }, [{ name: 'serve-80-tcp', containerPort: 80 }, { name: 'serve-81-tcp', containerPort: 81 }]);
const xb = pod('x', 'b', '10.244.1.2', { pod: 'b' });
const xc = pod('x', 'c', '10.244.1.3', { pod: 'c' });
const ya = pod('y', 'a', '10.244.2.1', { pod: 'a' });
const yb = pod('y', 'b', '10.244.2.2', { pod: 'b' });
const za = pod('z', 'a', '10.244.3.1', { pod: 'a' });
const outside: NetworkEndpoint = { ip: '8.8.8.8' };
const denyAllIngress = policy('x', 'deny-all', { podSelector: {}, policyTypes: ['Ingress'] });

describe('connectionAllowed (NetworkPolicy as a CNI that enforces it)', () => {
  it('lets everything through while no policy selects either pod', () => {
    expect(connectionAllowed(context(), xb, xa, 80)).toBe(true);
    expect(connectionAllowed(context(policy('y', 'other', { podSelector: {} })), xb, xa, 80)).toBe(true);
  });

  it('denies all ingress to the pods a default-deny policy selects, in its namespace only; egress stays open', () => {
    const policies = context(denyAllIngress);
    expect(connectionAllowed(policies, xb, xa, 80)).toBe(false);
    expect(connectionAllowed(policies, ya, xa, 80)).toBe(false);
    expect(connectionAllowed(policies, xa, ya, 80)).toBe(true);
  });

  it('allows ingress from pods a podSelector picks in the policy\'s namespace only', () => {
    const allowFromB = policy('x', 'allow-b', { podSelector: { matchLabels: { pod: 'a' } }, ingress: [{ from: [{ podSelector: { matchLabels: { pod: 'b' } } }] }] });
    const policies = context(allowFromB);
    expect(connectionAllowed(policies, xb, xa, 80)).toBe(true);
    expect(connectionAllowed(policies, xc, xa, 80)).toBe(false);
    expect(connectionAllowed(policies, yb, xa, 80)).toBe(false);
    expect(connectionAllowed(policies, xa, xb, 80)).toBe(true);
  });

  it('ANDs namespaceSelector and podSelector in one peer, ORs separate peers', () => {
    const and = policy('x', 'and', { podSelector: { matchLabels: { pod: 'a' } }, ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: 'y' } }, podSelector: { matchLabels: { pod: 'b' } } }] }] });
    expect(connectionAllowed(context(and), yb, xa, 80)).toBe(true);
    expect(connectionAllowed(context(and), ya, xa, 80)).toBe(false);
    expect(connectionAllowed(context(and), xb, xa, 80)).toBe(false);
    const or = policy('x', 'or', { podSelector: { matchLabels: { pod: 'a' } }, ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: 'y' } } }, { podSelector: { matchLabels: { pod: 'b' } } }] }] });
    expect(connectionAllowed(context(or), ya, xa, 80)).toBe(true);
    expect(connectionAllowed(context(or), xb, xa, 80)).toBe(true);
    expect(connectionAllowed(context(or), za, xa, 80)).toBe(false);
  });

  it('selects namespaces by the kubernetes.io/metadata.name label the API server sets', () => {
    const fromZ = policy('x', 'from-z', { podSelector: {}, ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'z' } } }] }] });
    expect(connectionAllowed(context(fromZ), za, xa, 80)).toBe(true);
    expect(connectionAllowed(context(fromZ), ya, xa, 80)).toBe(false);
  });

  it('matches ports by number, by range (endPort), by the destination pod\'s named port, and by protocol', () => {
    const numbered = policy('x', 'p', { podSelector: {}, ingress: [{ ports: [{ port: 81 }] }] });
    expect([connectionAllowed(context(numbered), xb, xa, 80), connectionAllowed(context(numbered), xb, xa, 81)]).toEqual([false, true]);
    const range = policy('x', 'r', { podSelector: {}, ingress: [{ ports: [{ protocol: 'TCP', port: 80, endPort: 81 }] }] });
    expect([80, 81, 82].map((port) => connectionAllowed(context(range), xb, xa, port))).toEqual([true, true, false]);
    const named = policy('x', 'n', { podSelector: {}, ingress: [{ ports: [{ port: 'serve-81-tcp' }] }] });
    expect([connectionAllowed(context(named), xb, xa, 80), connectionAllowed(context(named), xb, xa, 81), connectionAllowed(context(named), xa, xb, 81)]).toEqual([false, true, false]);
    const udp = policy('x', 'u', { podSelector: {}, ingress: [{ ports: [{ protocol: 'UDP', port: 80 }] }] });
    expect([connectionAllowed(context(udp), xb, xa, 80), connectionAllowed(context(udp), xb, xa, 80, 'UDP')]).toEqual([false, true]);
  });

  it('adds policies up: what any one allows gets through', () => {
    const fromB = policy('x', 'b', { podSelector: { matchLabels: { pod: 'a' } }, ingress: [{ from: [{ podSelector: { matchLabels: { pod: 'b' } } }] }] });
    const fromC = policy('x', 'c', { podSelector: { matchLabels: { pod: 'a' } }, ingress: [{ from: [{ podSelector: { matchLabels: { pod: 'c' } } }] }] });
    const policies = context(denyAllIngress, fromB, fromC);
    expect([connectionAllowed(policies, xb, xa, 80), connectionAllowed(policies, xc, xa, 80), connectionAllowed(policies, ya, xa, 80)]).toEqual([true, true, false]);
  });

  it('isolates egress only with policyTypes Egress (or egress rules), and allows ipBlock CIDRs minus their except', () => {
    const denyEgress = policy('x', 'deny-egress', { podSelector: {}, policyTypes: ['Egress'] });
    expect(connectionAllowed(context(denyEgress), xa, ya, 80)).toBe(false);
    expect(connectionAllowed(context(denyEgress), ya, xa, 80)).toBe(true);
    const toBlock = policy('x', 'to-block', { podSelector: {}, egress: [{ to: [{ ipBlock: { cidr: '10.244.2.0/24', except: ['10.244.2.2/32'] } }] }] });
    expect([connectionAllowed(context(toBlock), xa, ya, 80), connectionAllowed(context(toBlock), xa, yb, 80), connectionAllowed(context(toBlock), xa, outside, 80)]).toEqual([true, false, false]);
    const world = policy('x', 'world', { podSelector: {}, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0' } }] }] });
    expect(connectionAllowed(context(world), xa, outside, 443)).toBe(true);
  });

  it('allows from an ingress ipBlock by the source pod\'s address', () => {
    const fromBlock = policy('x', 'from-block', { podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: '10.244.2.1/32' } }] }] });
    expect([connectionAllowed(context(fromBlock), ya, xa, 80), connectionAllowed(context(fromBlock), yb, xa, 80)]).toEqual([true, false]);
  });
});
