import { InMemoryFs, MountableFs, type IFileSystem, type MountConfig } from 'just-bash';
import type { KubeObject } from '@drydock/util';
import type { ContainerSpec } from '../runtime/container-program';
import { imageLayout } from '../runtime/image-layouts';
import { PodVolumeContext, PodVolumes } from './pod-volumes';

/**
 * Each container's filesystem, made on first use (an exec, a script) and kept for as long as that
 * container instance runs: the image's layout plus a writable layer in memory, the files the kubelet
 * writes (/etc/hosts, /etc/hostname, /etc/resolv.conf) and the pod's volumes mounted where the
 * container asks. A restart is a new container ID and starts from the image again, as a real
 * container's writable layer is lost; the pod's volumes stay until the pod goes. Pods nobody opens
 * cost nothing.
 */
export class ContainerFilesystems {
  private readonly byContainer = new Map<string, { podKey: string; fs: IFileSystem }>();
  private readonly volumes = new Map<string, PodVolumes>();

  /** The filesystem of container instance `containerId` of the pod at `podKey`. */
  get(podKey: string, containerId: string, container: ContainerSpec, pod: PodVolumeContext): IFileSystem {
    const existing = this.byContainer.get(containerId);
    if (existing) return existing.fs;
    if (!this.volumes.has(podKey)) this.volumes.set(podKey, new PodVolumes(pod));
    const base = imageFilesystem(container.image ?? '', pod.pod(), pod.podIP());
    const fs = new ContainerFs(base, nestedMounts(this.volumes.get(podKey)!.mounts(container)));
    this.byContainer.set(containerId, { podKey, fs });
    return fs;
  }

  /** Forgets the pod's container instances other than `keep` (restarted or gone). */
  retain(podKey: string, keep: Set<string>): void {
    for (const [id, held] of this.byContainer) if (held.podKey === podKey && !keep.has(id)) this.byContainer.delete(id);
  }

  /** The pod is gone: its containers' files and its volumes (emptyDir content is lost; PVCs stay on disk). */
  dropPod(podKey: string): void {
    this.retain(podKey, new Set());
    this.volumes.delete(podKey);
  }

  get size(): number {
    return this.byContainer.size;
  }
}

/**
 * The mounted whole. just-bash writes a stub for each command it can run into /bin and /usr/bin (so
 * PATH lookup and `ls /bin` find them) through `writeFileSync`, which only the image layer has.
 */
class ContainerFs extends MountableFs {
  constructor(private readonly image: InMemoryFs, mounts: MountConfig[]) {
    super({ base: image, mounts });
  }

  writeFileSync(path: string, content: string): void {
    this.image.writeFileSync(path, content);
  }
}

/**
 * A volume mounted inside another (an emptyDir at /data and a Secret at /data/pki, which Kubernetes
 * allows) as just-bash can hold it: its MountableFs refuses a mount inside a mount, so the inner one is
 * mounted in a MountableFs over the outer volume, at its path relative to it. Deepest paths last, as
 * the kubelet mounts them; a mount at `/` (which would hide the image) is left out.
 */
export function nestedMounts(mounts: MountConfig[]): MountConfig[] {
  type Node = { path: string; filesystem: IFileSystem; children: Node[] };
  const roots: Node[] = [];
  const placed: Node[] = [];
  const byDepth = mounts.filter((m) => m.mountPoint.startsWith('/') && m.mountPoint !== '/').sort((a, b) => a.mountPoint.length - b.mountPoint.length);
  for (const mount of byDepth) {
    if (placed.some((p) => p.path === mount.mountPoint)) continue; // a second mount at one path: the first stays
    const node: Node = { path: mount.mountPoint, filesystem: mount.filesystem, children: [] };
    const parent = placed.filter((p) => mount.mountPoint.startsWith(`${p.path}/`)).sort((a, b) => b.path.length - a.path.length)[0];
    (parent ? parent.children : roots).push(node);
    placed.push(node);
  }
  const build = (node: Node, under: string): MountConfig => ({
    mountPoint: node.path.slice(under.length),
    filesystem: node.children.length ? new MountableFs({ base: node.filesystem, mounts: node.children.map((child) => build(child, node.path)) }) : node.filesystem,
  });
  return roots.map((root) => build(root, ''));
}

function imageFilesystem(image: string, pod: KubeObject, podIP: string): InMemoryFs {
  const layout = imageLayout(image);
  const fs = new InMemoryFs();
  for (const directory of [...layout.directories, '/usr/bin', '/usr/local/bin', '/var/log', '/var/tmp']) fs.mkdirSync(directory, { recursive: true });
  for (const [path, content] of [...Object.entries(layout.files), ...kubeletFiles(pod, podIP)]) {
    fs.mkdirSync(path.slice(0, path.lastIndexOf('/')) || '/', { recursive: true });
    fs.writeFileSync(path, content);
  }
  return fs;
}

/** The files the kubelet writes into every container, as it words them. */
export function kubeletFiles(pod: KubeObject, podIP: string): Array<[string, string]> {
  const spec = (pod.spec ?? {}) as { hostname?: string; subdomain?: string; hostNetwork?: boolean };
  const namespace = pod.metadata.namespace ?? 'default';
  const hostname = spec.hostname ?? pod.metadata.name ?? '';
  const fqdn = spec.subdomain ? `${hostname}.${spec.subdomain}.${namespace}.svc.cluster.local\t${hostname}` : hostname;
  const hosts = ['# Kubernetes-managed hosts file.', '127.0.0.1\tlocalhost', '::1\tlocalhost ip6-localhost ip6-loopback', 'fe00::0\tip6-localnet', 'fe00::0\tip6-mcastprefix', 'fe00::1\tip6-allnodes', 'fe00::2\tip6-allrouters', `${podIP}\t${fqdn}`];
  return [
    ['/etc/hostname', `${hostname}\n`],
    ['/etc/hosts', `${hosts.join('\n')}\n`],
    ['/etc/resolv.conf', `search ${namespace}.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n`],
  ];
}
