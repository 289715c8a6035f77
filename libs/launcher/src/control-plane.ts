import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { ComponentState, controlPlaneManifests, nodeInternalIP, nodesFromEnv, staticPodDirectory, withControlPlaneNode, writeComponentState, CONTROL_PLANE_NODE } from '@drydock/node-sim';

/** The worker apps whose processes are control-plane components, by kubeadm's component name. */
export const COMPONENT_OF_APP: Record<string, string> = { apiserver: 'kube-apiserver', 'controller-manager': 'kube-controller-manager', scheduler: 'kube-scheduler' };

/**
 * What `kubeadm init` leaves on the control-plane node, done by `npm start`: the static pod manifests of
 * etcd (Drydock's store), the API server, the controller-manager and the scheduler in the node's
 * /etc/kubernetes/manifests (written on every start, so their flags follow the configuration), and a
 * record per running process (see ComponentState) that the node simulator reports as the pods' status.
 */
export class ControlPlaneRecord {
  private readonly states = new Map<string, ComponentState>();

  constructor(private readonly dataDir: string, private readonly logDir: string) {}

  writeManifests(apiPort: number, env: NodeJS.ProcessEnv = process.env): void {
    const node = withControlPlaneNode(nodesFromEnv(env)).find((n) => n.name === CONTROL_PLANE_NODE)!;
    const directory = staticPodDirectory(this.dataDir, CONTROL_PLANE_NODE);
    mkdirSync(directory, { recursive: true });
    for (const [file, pod] of Object.entries(controlPlaneManifests({ advertiseAddress: nodeInternalIP(node.index), apiPort }))) {
      // As kubeadm marshals them: keys in order, an empty status and a null creationTimestamp.
      const document = { ...pod, metadata: { ...pod.metadata, creationTimestamp: null }, status: {} };
      writeFileSync(join(directory, file), stringify(document, { sortMapEntries: true, indentSeq: false }));
    }
  }

  /** A process (re)started: its pid, and where its output starts in its log file. */
  started(component: string, logName: string, pid: number | undefined, commandLine: string): void {
    const logFile = join(this.logDir, `${logName}.log`);
    const before = this.states.get(component);
    const state: ComponentState = {
      component,
      pid,
      running: true,
      startedAt: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
      restartCount: before ? before.restartCount + 1 : 0,
      logFile,
      logOffset: existsSync(logFile) ? statSync(logFile).size : 0,
      ...(before ? { previousLogOffset: before.logOffset, lastExit: before.lastExit } : {}),
      commandLine,
    };
    this.record(state);
  }

  /** A process exited on its own (the launcher will start it again). */
  exited(component: string, exitCode: number | null): void {
    const state = this.states.get(component);
    if (!state) return;
    this.record({ ...state, running: false, pid: undefined, lastExit: { exitCode: exitCode ?? 137, startedAt: state.startedAt, finishedAt: new Date().toISOString().replace(/\.\d+Z$/, 'Z') } });
  }

  private record(state: ComponentState): void {
    this.states.set(state.component, state);
    writeComponentState(this.dataDir, state);
  }
}
