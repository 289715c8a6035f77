import { createHash } from 'node:crypto';
import type { ContainerShell } from '../shell/container-shell';

/** One container as the node's container runtime lists it (what crictl prints). */
export interface CriContainer {
  /** 64 hex characters. */
  id: string;
  name: string;
  /** As the pod spec names it, and the image ID (`sha256:<hex>`). */
  image: string;
  imageId: string;
  state: 'Running' | 'Exited' | 'Created';
  createdAt: Date;
  startedAt?: string;
  finishedAt?: string;
  exitCode?: number;
  attempt: number;
  podSandboxId: string;
  podName: string;
  podNamespace: string;
  podUid: string;
  /** The process's command line, for ps. */
  commandLine: string;
  /** The container's log as `crictl logs` prints it. */
  log(): string;
  /** The running instance's shell (what `crictl exec` runs in); absent once it exited. */
  shell?(): ContainerShell | undefined;
}

/** One pod sandbox (`crictl pods`). */
export interface CriPod {
  id: string;
  createdAt: Date;
  state: 'Ready' | 'NotReady';
  name: string;
  namespace: string;
  uid: string;
}

/** A pod's sandbox ID: stable per pod uid, 64 hex characters as containerd's. */
export function sandboxId(podUid: string): string {
  return createHash('sha256').update(`sandbox/${podUid}`).digest('hex');
}

/** What a node's runtime holds, answered from the pod workers and the static pods. */
export interface NodeRuntimeView {
  containers(): CriContainer[];
  pods(): CriPod[];
  /** Canonical image references pulled on the node. */
  images(): string[];
}
