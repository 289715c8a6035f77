import { InMemoryFs, type IFileSystem } from 'just-bash';

/** Directories every Linux image has; image layouts (and files) come on top. */
const ROOT_DIRECTORIES = ['/bin', '/dev', '/etc', '/home', '/lib', '/media', '/mnt', '/opt', '/proc', '/root', '/run', '/sbin', '/srv', '/sys', '/tmp', '/usr/bin', '/usr/local/bin', '/usr/sbin', '/var/log', '/var/tmp'];

/**
 * Each container's filesystem, made on first use (an exec, a script) and kept for as long as that
 * container instance runs: a restart is a new container ID and starts from the image again, as the
 * writable layer of a real container is lost. Pods nobody opens cost nothing.
 */
export class ContainerFilesystems {
  private readonly byContainer = new Map<string, { podKey: string; fs: IFileSystem }>();

  /** The filesystem of container instance `containerId`, made from `files` the first time. */
  get(podKey: string, containerId: string, files: () => Map<string, string>): IFileSystem {
    const existing = this.byContainer.get(containerId);
    if (existing) return existing.fs;
    const fs = new InMemoryFs();
    for (const directory of ROOT_DIRECTORIES) fs.mkdirSync(directory, { recursive: true });
    for (const [path, content] of files()) {
      fs.mkdirSync(path.slice(0, path.lastIndexOf('/')) || '/', { recursive: true });
      fs.writeFileSync(path, content);
    }
    this.byContainer.set(containerId, { podKey, fs });
    return fs;
  }

  /** Forgets the pod's container instances other than `keep` (restarted or gone). */
  retain(podKey: string, keep: Set<string>): void {
    for (const [id, held] of this.byContainer) if (held.podKey === podKey && !keep.has(id)) this.byContainer.delete(id);
  }

  get size(): number {
    return this.byContainer.size;
  }
}
