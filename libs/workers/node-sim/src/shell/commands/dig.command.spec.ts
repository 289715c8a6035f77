import { Bash } from 'just-bash';
import type { KubeObject } from '@drydock/util';
import { ClusterNetwork } from '../../kubelet/cluster-network';
import { digCommand } from './dig.command';

const objects: KubeObject[] = [{ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default' }, spec: { clusterIP: '10.96.0.20', ports: [{ port: 80 }] } }];
const find = (kind: string) => (ns: string, name: string) => objects.find((o) => o.kind === kind && o.metadata.namespace === ns && o.metadata.name === name);
const network = new ClusterNetwork({ service: find('Service'), services: () => objects, endpoints: () => undefined, pod: () => undefined, pods: () => [] });

async function run(script: string) {
  const bash = new Bash({ customCommands: [digCommand({ network, namespace: 'default', image: 'registry.k8s.io/e2e-test-images/jessie-dnsutils:1.3' }, () => new Date('2026-12-07T06:05:09Z'))] });
  const result = await bash.exec(script);
  return { code: result.exitCode, stdout: result.stdout.replace(/id: \d+/, 'id: ID'), stderr: result.stderr };
}

describe('dig', () => {
  it('answers an A record in dig\'s sections', async () => {
    expect(await run('dig web.default.svc.cluster.local')).toEqual({ code: 0, stderr: '', stdout: `
; <<>> DiG 9.9.5-9+deb8u19-Debian <<>> web.default.svc.cluster.local
;; global options: +cmd
;; Got answer:
;; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: ID
;; flags: qr aa rd; QUERY: 1, ANSWER: 1, AUTHORITY: 0, ADDITIONAL: 1
;; WARNING: recursion requested but not available

;; OPT PSEUDOSECTION:
; EDNS: version: 0, flags:; udp: 4096
;; QUESTION SECTION:
;web.default.svc.cluster.local.\tIN\tA

;; ANSWER SECTION:
web.default.svc.cluster.local. 30 IN\tA\t10.96.0.20

;; Query time: 0 msec
;; SERVER: 10.96.0.10#53(10.96.0.10)
;; WHEN: Mon Dec 07 06:05:09 UTC 2026
;; MSG SIZE  rcvd: 74

` });
  });

  it('prints only the addresses with +short, and uses the search list only with +search', async () => {
    expect(await run('dig +short web.default.svc.cluster.local')).toEqual({ code: 0, stdout: '10.96.0.20\n', stderr: '' });
    expect((await run('dig +short web')).stdout).toBe('');
    expect((await run('dig +search +short web')).stdout).toBe('10.96.0.20\n');
  });

  it('says NXDOMAIN with the zone\'s SOA for a name cluster DNS does not know, exiting 0 as dig does', async () => {
    const { code, stdout } = await run('dig nope.default.svc.cluster.local');
    expect(code).toBe(0);
    expect(stdout).toContain(';; ->>HEADER<<- opcode: QUERY, status: NXDOMAIN, id: ID\n;; flags: qr aa rd; QUERY: 1, ANSWER: 0, AUTHORITY: 1, ADDITIONAL: 1\n');
    expect(stdout).toContain(';; AUTHORITY SECTION:\ncluster.local.\t\t30\tIN\tSOA\tns.dns.cluster.local. hostmaster.cluster.local. 1700000000 7200 1800 86400 30\n');
  });
});
