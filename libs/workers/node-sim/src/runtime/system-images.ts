import { klogLine } from '@drydock/util';
import type { ContainerProgram, ContainerSpec, ProgramLine } from './container-program';
import { parseImageReference } from './image-rules';

/**
 * The images of a kubeadm cluster's add-ons (kube-proxy, CoreDNS): servers that run until stopped and
 * print what the real ones print when they start (kube-proxy in klog's format, CoreDNS its banner).
 */

function klog(file: string, message: string): (at: Date) => string {
  return (at) => klogLine(file, message, { at });
}

function kubeProxyBanner(version: string): ProgramLine[] {
  const lines: Array<[string, string]> = [
    ['server_linux.go:53', '"Using iptables proxy"'],
    ['server_linux.go:144', '"Using iptables Proxier"'],
    ['proxier.go:243', '"Setting route_localnet=1 to allow node-ports on localhost; to change this either disable iptables.localhostNodePorts (--iptables-localhost-nodeports) or set nodePortAddresses (--nodeport-addresses) to filter loopback addresses" ipFamily="IPv4"'],
    ['server.go:527', `"Version info" version="${version}"`],
    ['server.go:529', '"Golang settings" GOGC="" GOMAXPROCS="" GOTRACEBACK=""'],
    ['config.go:200', '"Starting service config controller"'],
    ['shared_informer.go:349', '"Waiting for caches to sync" controller="service config"'],
    ['config.go:106', '"Starting endpoint slice config controller"'],
    ['shared_informer.go:349', '"Waiting for caches to sync" controller="endpoint slice config"'],
    ['config.go:329', '"Starting node config controller"'],
    ['shared_informer.go:349', '"Waiting for caches to sync" controller="node config"'],
    ['shared_informer.go:356', '"Caches are synced" controller="node config"'],
    ['shared_informer.go:356', '"Caches are synced" controller="service config"'],
    ['shared_informer.go:356', '"Caches are synced" controller="endpoint slice config"'],
  ];
  return lines.map(([file, message], position) => ({ atMs: position < 5 ? 10 : 100, stream: 'stderr', text: klog(file, message) }));
}

function coreDnsBanner(version: string): ProgramLine[] {
  const lines = ['.:53', '[INFO] plugin/reload: Running configuration SHA512 = 1b226df79860026c6a52e67daa10d7f0d57ec5b023288ec00c5e05f93523c894564e15b91770d3a07ae1cfbe861d15b37d4a0027e69c546ab112970993a3b03b', `CoreDNS-${version.replace(/^v/, '')}`, 'linux/amd64, go1.24.1, 707c7c1'];
  return lines.map((text) => ({ atMs: 50, stream: 'stdout', text }));
}

function ingressNginxBanner(version: string): ProgramLine[] {
  const rule = '-------------------------------------------------------------------------------';
  const lines = [rule, 'NGINX Ingress controller', `  Release:       ${version}`, '  Build:         drydock', '  Repository:    https://github.com/kubernetes/ingress-nginx', '  nginx version: nginx/1.25.5', '', rule, ''];
  return lines.map((text) => ({ atMs: 20, stream: 'stdout', text }));
}

/** The program of an add-on image run with its own binary (or the image's entrypoint); undefined otherwise. */
export function systemImageProgram(container: ContainerSpec): ContainerProgram | undefined {
  const reference = parseImageReference(container.image ?? '');
  if (reference.registry !== 'registry.k8s.io') return undefined;
  const binary = container.command?.[0]?.split('/').pop();
  const version = reference.tag ?? 'latest';
  if (reference.repository === 'kube-proxy' && (binary === undefined || binary === 'kube-proxy')) return { output: kubeProxyBanner(version), handlesSigterm: true };
  if (reference.repository === 'coredns/coredns' && (binary === undefined || binary === 'coredns' || binary === '/coredns')) return { output: coreDnsBanner(version), handlesSigterm: true };
  if (reference.repository === 'ingress-nginx/controller') return { output: ingressNginxBanner(version), handlesSigterm: true };
  return undefined;
}
