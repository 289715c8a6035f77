import type { KubeObject } from '@drydock/util';
import { ClusterNetwork } from '../../kubelet/cluster-network';
import { TrafficMeter } from '../../kubelet/traffic-meter';
import { connect } from './http-backends';

const object = (kind: string, name: string, rest: Record<string, unknown>): KubeObject => ({ apiVersion: 'v1', kind, metadata: { name, namespace: 'default' }, ...rest });
const php = (name: string, ip: string) => object('Pod', name, { spec: { containers: [{ name: 'php-apache', image: 'registry.k8s.io/hpa-example' }] }, status: { podIP: ip } });
const objects = [
  object('Service', 'php-apache', { spec: { clusterIP: '10.96.0.40', ports: [{ port: 80 }] } }),
  object('Endpoints', 'php-apache', { subsets: [{ addresses: [{ ip: '10.244.1.4', targetRef: { name: 'php-a' } }, { ip: '10.244.2.4', targetRef: { name: 'php-b' } }] }] }),
  php('php-a', '10.244.1.4'),
  php('php-b', '10.244.2.4'),
];
const find = (kind: string) => (_ns: string, name: string) => objects.find((o) => o.kind === kind && o.metadata.name === name);

describe('connect', () => {
  it('hands each connection to a Service to its ready backends in turn, and counts it as a request to that pod', () => {
    const traffic = new TrafficMeter();
    const network = new ClusterNetwork({ service: find('Service'), services: () => [objects[0]], endpoints: find('Endpoints'), pod: find('Pod'), pods: () => objects.slice(2) }, traffic);
    const context = { network, namespace: 'default', image: 'busybox' };
    const pages = Array.from({ length: 6 }, () => connect(context, 'php-apache', 80));
    expect(pages.map((connection) => (connection.kind === 'open' ? connection.server.page : connection.kind))).toEqual(Array(6).fill('OK!'));
    expect(connect(context, '10.244.1.4', 80).kind).toBe('open');
    expect(traffic.ratePerSecond('10.244.1.4') * 10).toBe(4);
    expect(traffic.ratePerSecond('10.244.2.4') * 10).toBe(3);
    expect(connect(context, 'php-apache', 8080).kind).toBe('refused');
    expect(traffic.ratePerSecond('10.244.2.4') * 10).toBe(3);
  });
});
