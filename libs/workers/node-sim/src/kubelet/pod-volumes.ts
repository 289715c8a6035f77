import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { InMemoryFs, ReadWriteFs, type IFileSystem, type MountConfig } from 'just-bash';
import type { KubeObject } from '@drydock/util';
import type { ContainerSpec } from '../runtime/container-program';
import { AtomicVolume } from './atomic-volume';
import type { ObjectLookup } from './container-environment';
import { isAtomicVolume, Volume, volumeContent } from './volume-sources';

interface PodVolume extends Volume {
  emptyDir?: object;
  hostPath?: { path: string; type?: string };
  persistentVolumeClaim?: { claimName: string };
}

export interface PodVolumeContext {
  /** The pod as last seen (labels and annotations for downwardAPI). */
  pod(): KubeObject;
  podIP(): string;
  /** The node's allocatable: the downward API's value of a limit the container does not set. */
  nodeAllocatable?(): Record<string, string>;
  lookup: ObjectLookup;
  now(): Date;
  /** Where PVC-backed volumes keep their files (`<data dir>/node-sim/volumes`); in memory when unset. */
  volumesDirectory?: string;
  /** The node's own root directory (its files made on first use), for hostPath volumes; none when unset. */
  nodeRoot?: () => string;
}

/** hostPath types that name a single file or device, which a mount of a directory cannot back. */
const FILE_TYPES = new Set(['File', 'FileOrCreate', 'Socket', 'CharDevice', 'BlockDevice']);

/** PVC data kept in memory when the simulator has no data directory (tests), shared by every pod. */
const claimsInMemory = new Map<string, IFileSystem>();

/**
 * The volumes of one pod, made when a container first needs them and shared by its containers:
 * an `emptyDir` lives as long as the pod; configMap/secret/downwardAPI/projected volumes follow
 * their sources (AtomicVolume); a `persistentVolumeClaim` is a directory on disk per claim, kept
 * across pods and restarts of the simulator.
 */
export class PodVolumes {
  private readonly volumes = new Map<string, IFileSystem | undefined>();

  constructor(private readonly context: PodVolumeContext) {}

  /** The container's volumeMounts as mounts of its filesystem (volumes this simulator cannot back are left out). */
  mounts(container: ContainerSpec): MountConfig[] {
    const mounts: MountConfig[] = [];
    for (const mount of (container.volumeMounts ?? []) as Array<{ name: string; mountPath: string }>) {
      const filesystem = this.volume(mount.name);
      if (filesystem) mounts.push({ mountPoint: mount.mountPath.replace(/(.)\/+$/, '$1'), filesystem });
    }
    return mounts;
  }

  private volume(name: string): IFileSystem | undefined {
    if (this.volumes.has(name)) return this.volumes.get(name);
    const spec = ((this.context.pod().spec as { volumes?: PodVolume[] } | undefined)?.volumes ?? []).find((v) => v.name === name);
    const filesystem = spec ? this.make(spec) : undefined;
    this.volumes.set(name, filesystem);
    return filesystem;
  }

  private make(volume: PodVolume): IFileSystem | undefined {
    const { context } = this;
    if (volume.emptyDir) return new InMemoryFs();
    if (isAtomicVolume(volume)) return new AtomicVolume(() => volumeContent(context.pod(), volume, context.lookup, context.podIP(), context.nodeAllocatable?.()), context.now).view();
    if (volume.persistentVolumeClaim) return this.claim(volume.persistentVolumeClaim.claimName);
    if (volume.hostPath) return this.hostPath(volume.hostPath);
    return undefined;
  }

  /** A directory of the node's own filesystem (`/` for `kubectl debug node/…`'s /host), made when missing. */
  private hostPath(source: { path: string; type?: string }): IFileSystem | undefined {
    if (!this.context.nodeRoot || FILE_TYPES.has(source.type ?? '')) return undefined;
    const nodeRoot = this.context.nodeRoot();
    const root = join(nodeRoot, source.path);
    // A path that climbs out of the node (`/../..`) would reach the real machine's files: refuse it.
    if (root !== nodeRoot && !root.startsWith(`${nodeRoot}/`)) return undefined;
    mkdirSync(root, { recursive: true });
    return new ReadWriteFs({ root });
  }

  private claim(claimName: string): IFileSystem {
    const namespace = this.context.pod().metadata.namespace ?? 'default';
    if (!this.context.volumesDirectory) {
      const key = `${namespace}/${claimName}`;
      if (!claimsInMemory.has(key)) claimsInMemory.set(key, new InMemoryFs());
      return claimsInMemory.get(key)!;
    }
    const root = join(this.context.volumesDirectory, namespace, claimName);
    mkdirSync(root, { recursive: true });
    return new ReadWriteFs({ root });
  }
}
