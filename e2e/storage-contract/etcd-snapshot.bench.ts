import { loadavg } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { EtcdKeySpace, maintenanceService } from '@drydock/etcd';
import { openTestStore } from '@drydock/testing';

/**
 * What `etcdctl snapshot save` costs the API server's event loop (issue #13): BENCH_OBJECTS running pods
 * (default 10,000) in the store, then the etcd endpoint's Snapshot call as the API server runs it, while
 * a 1 ms timer stands for the requests the API server answers meanwhile. Prints the snapshot's time and
 * size, the longest the event loop was held (the timer's longest gap and perf_hooks' max delay: wall
 * clock, which a loaded machine stretches; and the most CPU time spent between two ticks, which it does
 * not) and the timer's ticks during the snapshot.
 * `node -r ./tools/register-typescript.js e2e/storage-contract/etcd-snapshot.bench.ts`
 */
const objects = Number(process.env.BENCH_OBJECTS ?? 10000);

/** CPU time of the process: unlike the wall clock it does not grow while a loaded machine runs others. */
const cpuMs = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
};

function pod(i: number) {
  const name = `web-7d4b9c6f5-${i.toString(36).padStart(5, '0')}`;
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: { name, namespace: 'default', labels: { app: 'web', 'pod-template-hash': '7d4b9c6f5' }, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-7d4b9c6f5', uid: '6f1c2f7e-0000-4000-8000-000000000001', controller: true, blockOwnerDeletion: true }] },
    spec: { nodeName: `node-${i % 1000}`, containers: [{ name: 'web', image: 'nginx:1.27', ports: [{ containerPort: 80, protocol: 'TCP' }], resources: { requests: { cpu: '100m', memory: '64Mi' } } }], restartPolicy: 'Always', terminationGracePeriodSeconds: 30, dnsPolicy: 'ClusterFirst', schedulerName: 'default-scheduler' },
    status: { phase: 'Running', podIP: `10.244.${Math.floor(i / 250)}.${i % 250}`, hostIP: `10.0.${Math.floor(i / 250000)}.${i % 250}`, conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: '2026-12-07T15:00:00Z' }], containerStatuses: [{ name: 'web', ready: true, restartCount: 0, image: 'nginx:1.27', imageID: 'docker.io/library/nginx@sha256:0000', started: true, state: { running: { startedAt: '2026-12-07T15:00:00Z' } } }] },
  };
}

async function main(): Promise<void> {
  const opened = await openTestStore();
  try {
    for (let i = 0; i < objects; i += 200) {
      await Promise.all(Array.from({ length: Math.min(200, objects - i) }, (_, j) => {
        const object = pod(i + j);
        return opened.store.create({ cluster: 'default', resource: 'pods', namespace: 'default', name: object.metadata.name }, object);
      }));
    }
    const space = new EtcdKeySpace(opened.store, opened.hub, () => [{ resource: 'pods', namespaced: true }]);
    await space.catchUp();
    const service = maintenanceService(space, async () => 0, { peerUrls: () => [], clientUrls: () => [] });
    for (let run = 1; run <= 3; run++) {
      const delay = monitorEventLoopDelay({ resolution: 1 });
      let ticks = 0;
      let longestGap = 0;
      let longestCpu = 0;
      let last = performance.now();
      let lastCpu = cpuMs();
      const timer = setInterval(() => {
        const [now, nowCpu] = [performance.now(), cpuMs()];
        longestGap = Math.max(longestGap, now - last);
        longestCpu = Math.max(longestCpu, nowCpu - lastCpu);
        [last, lastCpu] = [now, nowCpu];
        ticks++;
      }, 1);
      delay.enable();
      const started = performance.now();
      const bytes = await new Promise<number>((resolve, reject) => {
        let size = 0;
        const call = { destroyed: false, write: (message: { blob: Buffer }) => ((size += message.blob.length), true), end: () => resolve(size), destroy: reject };
        (service['Snapshot'] as (call: unknown) => void)(call);
      });
      const took = performance.now() - started;
      // The stretch from the last tick to the end counts too (with no yield at all there is no tick).
      longestGap = Math.max(longestGap, performance.now() - last);
      longestCpu = Math.max(longestCpu, cpuMs() - lastCpu);
      delay.disable();
      clearInterval(timer);
      console.log(`run ${run}: ${objects} pods, snapshot ${(bytes / 1024 / 1024).toFixed(1)} MiB in ${took.toFixed(0)} ms; event loop held at most ${longestGap.toFixed(0)} ms (1 ms timer's longest gap; perf_hooks max delay ${(delay.max / 1e6).toFixed(0)} ms), the most CPU between two ticks ${longestCpu.toFixed(0)} ms, ${ticks} timer ticks meanwhile; load ${loadavg()[0].toFixed(1)}`);
    }
  } finally {
    await opened.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
