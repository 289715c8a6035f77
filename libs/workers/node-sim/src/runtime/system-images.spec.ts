import { containerProgram } from './container-program';

describe('the add-on images of a kubeadm cluster', () => {
  it('runs kube-proxy with its own binary as a server printing klog lines', () => {
    const program = containerProgram({ name: 'kube-proxy', image: 'registry.k8s.io/kube-proxy:v1.35.0', command: ['/usr/local/bin/kube-proxy', '--config=/var/lib/kube-proxy/config.conf'] });
    expect(program.exit).toBeUndefined();
    expect(program.script).toBeUndefined();
    const first = program.output[0].text as (at: Date) => string;
    expect(first(new Date('2026-12-07T01:02:03.456Z'))).toBe('I1207 01:02:03.456000       1 server_linux.go:53] "Using iptables proxy"');
  });

  it('runs CoreDNS from its entrypoint with its banner', () => {
    const program = containerProgram({ name: 'coredns', image: 'registry.k8s.io/coredns/coredns:v1.12.1', args: ['-conf', '/etc/coredns/Corefile'] });
    expect(program.output.map((line) => line.text)).toContain('CoreDNS-1.12.1');
  });

  it('leaves another command in those images to the shell', () => {
    expect(containerProgram({ name: 'x', image: 'registry.k8s.io/kube-proxy:v1.35.0', command: ['sh', '-c', 'exit 3'] }).script).toEqual(['sh', '-c', 'exit 3']);
  });
});
