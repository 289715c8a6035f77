import type { PodEntry } from '../kubelet/pod-workers.service';
import type { ContainerRuntime } from '../lifecycle/lifecycle.types';
import { imageDigest, parseImageReference } from '../runtime/image-rules';
import { renderInstanceLog } from '../server/container-log.renderer';
import type { ContainerShell } from '../shell/container-shell';
import { CriContainer, CriPod, sandboxId } from './cri-view';

/** PID 1's command line of a container, as ps on the node shows it. */
function commandLine(container: ContainerRuntime): string {
  const argv = [...(container.spec.command ?? []), ...(container.spec.args ?? [])];
  return argv.length ? argv.join(' ') : parseImageReference(container.spec.image ?? '').repository.split('/').pop() ?? '';
}

/**
 * The containers of the simulated pods on one node as containerd lists them: the running instance of
 * each container and the instances that exited before it (`crictl ps -a`), with their logs.
 */
export function criContainers(entries: PodEntry[], realMs: (simulatedMs: number) => number, shellOf?: (entry: PodEntry, container: ContainerRuntime) => ContainerShell): CriContainer[] {
  const result: CriContainer[] = [];
  for (const entry of entries) {
    if (!entry.runtime) continue;
    const { name = '', namespace = 'default', uid = '' } = entry.pod.metadata;
    for (const container of [...entry.runtime.initContainers, ...entry.runtime.containers]) {
      const reference = parseImageReference(container.spec.image ?? '');
      container.instances.forEach((instance, attempt) => {
        const running = container.running?.id === instance.id;
        const ended = container.terminated?.containerID === `drydock://${instance.id}` ? container.terminated : container.lastTerminated?.containerID === `drydock://${instance.id}` ? container.lastTerminated : undefined;
        result.push({
          id: instance.id,
          name: container.spec.name,
          image: container.spec.image ?? '',
          imageId: `sha256:${imageDigest(reference.canonical)}`,
          state: running ? 'Running' : 'Exited',
          createdAt: new Date(instance.startedAtReal),
          startedAt: new Date(instance.startedAtReal).toISOString(),
          finishedAt: ended?.finishedAt,
          exitCode: ended?.exitCode,
          attempt,
          podSandboxId: sandboxId(uid),
          podName: name,
          podNamespace: namespace,
          podUid: uid,
          commandLine: commandLine(container),
          log: () => renderInstanceLog(instance, Date.now(), realMs).map((line) => `${line.text}\n`).join(''),
          shell: running && shellOf ? () => shellOf(entry, container) : undefined,
        });
      });
    }
  }
  return result;
}

export function criPods(entries: PodEntry[]): CriPod[] {
  return entries.filter((entry) => entry.runtime && !entry.gone).map((entry) => ({
    id: sandboxId(entry.pod.metadata.uid ?? ''),
    createdAt: new Date(entry.runtime!.startTime),
    state: entry.runtime!.terminalPhase ? 'NotReady' : 'Ready',
    name: entry.pod.metadata.name ?? '',
    namespace: entry.pod.metadata.namespace ?? 'default',
    uid: entry.pod.metadata.uid ?? '',
  }));
}
