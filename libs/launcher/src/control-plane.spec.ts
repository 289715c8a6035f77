import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { readComponentState } from '@drydock/node-sim';
import { ControlPlaneRecord } from './control-plane';

describe('what npm start leaves for the control-plane node, as kubeadm init would', () => {
  it('writes kubeadm\'s four static pod manifests with Drydock\'s API port', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'drydock-cp-'));
    new ControlPlaneRecord(dataDir, join(dataDir, 'logs')).writeManifests(7443, { DRYDOCK_NODES: '2' });
    const manifests = join(dataDir, 'nodes', 'controlplane', 'etc', 'kubernetes', 'manifests');
    const text = readFileSync(join(manifests, 'kube-apiserver.yaml'), 'utf8');
    // sigs.k8s.io/yaml's layout, as kubeadm writes it: a sequence's dashes at its key's indentation.
    expect(text).toContain('\nspec:\n  containers:\n  - command:\n    - kube-apiserver\n');
    const apiserver = parse(text);
    expect(apiserver).toMatchObject({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'kube-apiserver', namespace: 'kube-system', creationTimestamp: null }, status: {} });
    expect(apiserver.spec.containers[0].command).toEqual(expect.arrayContaining(['kube-apiserver', '--secure-port=7443', '--advertise-address=10.0.0.3']));
    for (const file of ['etcd.yaml', 'kube-controller-manager.yaml', 'kube-scheduler.yaml']) expect(parse(readFileSync(join(manifests, file), 'utf8')).spec.priorityClassName).toBe('system-node-critical');
  });

  it('records each start with the log offset where it begins, and counts restarts with the exit before', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'drydock-cp-'));
    const logDir = dataDir;
    const record = new ControlPlaneRecord(dataDir, logDir);
    record.started('kube-scheduler', 'scheduler', 100, 'node scheduler');
    expect(readComponentState(dataDir, 'kube-scheduler')).toMatchObject({ pid: 100, running: true, restartCount: 0, logOffset: 0, logFile: join(logDir, 'scheduler.log') });
    writeFileSync(join(logDir, 'scheduler.log'), 'first run\n');
    record.exited('kube-scheduler', 1);
    expect(readComponentState(dataDir, 'kube-scheduler')).toMatchObject({ running: false, lastExit: { exitCode: 1 } });
    record.started('kube-scheduler', 'scheduler', 200, 'node scheduler');
    expect(readComponentState(dataDir, 'kube-scheduler')).toMatchObject({ pid: 200, running: true, restartCount: 1, logOffset: 10, previousLogOffset: 0, lastExit: { exitCode: 1 } });
  });
});
