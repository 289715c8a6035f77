import { useRobustDrydock, type Answer } from './support/robust-drydock';

// A small server, so that one user's flood saturates its priority level (global-default gets 2 seats of
// 13) and waits in queues, where fair queuing must keep another user's requests moving. Read by the API
// server the launcher starts for this file.
process.env.DRYDOCK_MAX_REQUESTS_INFLIGHT = '13';
process.env.DRYDOCK_APF_QUEUE_LENGTH_LIMIT = '50';
process.env.DRYDOCK_APF_QUEUE_WAIT_SECONDS = '60';

/** Upstream's API call latency SLO: p99 of single-object reads within 1 s (printed beside the measurement). */
const SLO_MS = 1000;
const NAMESPACE = 'flooded';

function p99(latencies: number[]): number {
  const sorted = [...latencies].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)];
}

/**
 * Fairness (issue 16, part 2): one user's flood of expensive lists does not raise another user's p99
 * past the SLO. API Priority and Fairness queues each user apart (shuffle sharding) and serves the
 * queues in turn; in one FIFO the quiet user would wait behind the whole flood.
 */
/** The leader-election Leases in kube-system whose renewals must go on through the flood (upstream's leader-election priority level). */
const LEADER_LEASES = ['kube-controller-manager', 'kube-scheduler'];

interface LeaseSample { at: number; holder?: string; renewTime?: string; transitions?: number; durationSeconds?: number }

describe('API Priority and Fairness: one user flooding expensive lists', () => {
  // The controller-manager and scheduler run too: their Lease renewals are the third party of the flood.
  const drydock = useRobustDrydock({ name: 'fairness', controlLoop: true });
  const as = (user: string) => ({ 'Impersonate-User': user, 'Impersonate-Group': 'system:authenticated' });

  beforeAll(async () => {
    const send = drydock().send;
    await send({ method: 'POST', path: '/api/v1/namespaces', body: JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: NAMESPACE } }) });
    const role = JSON.stringify({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'fairness-reader' }, rules: [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'list'] }] });
    expect((await send({ method: 'POST', path: '/apis/rbac.authorization.k8s.io/v1/clusterroles', body: role })).status).toBe(201);
    const binding = (user: string) => JSON.stringify({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: `fairness-${user}` }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'fairness-reader' }, subjects: [{ kind: 'User', name: user, apiGroup: 'rbac.authorization.k8s.io' }] });
    for (const user of ['flood', 'quiet']) expect((await send({ method: 'POST', path: '/apis/rbac.authorization.k8s.io/v1/clusterrolebindings', body: binding(user) })).status).toBe(201);
    // 300 ConfigMaps of 8 KiB: each list of them is 2.4 MB of JSON, tens of milliseconds of a seat.
    const data = { value: 'x'.repeat(8 * 1024) };
    for (let i = 0; i < 300; i += 30) {
      await Promise.all(Array.from({ length: 30 }, (_, j) => send({ method: 'POST', path: `/api/v1/namespaces/${NAMESPACE}/configmaps`, body: JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `c${i + j}` }, data }) })));
    }
  });

  /** `count` reads of one object by the quiet user, one after another; their latencies. */
  async function quietReads(count: number, budgetMs = 30_000, user: string | undefined = 'quiet'): Promise<{ latencies: number[]; statuses: number[] }> {
    const latencies: number[] = [];
    const statuses: number[] = [];
    const deadline = Date.now() + budgetMs;
    for (let i = 0; i < count && Date.now() < deadline; i++) {
      const answer = await drydock().send({ method: 'GET', path: `/api/v1/namespaces/${NAMESPACE}/configmaps/c${i % 300}`, headers: user ? as(user) : undefined }, 60_000);
      latencies.push(answer.elapsedMs);
      statuses.push(answer.status);
    }
    return { latencies, statuses };
  }

  /** The Leases as the exempt admin reads them, once a second until `stop()`. */
  function sampleLeases(): { samples: Map<string, LeaseSample[]>; stop(): Promise<void> } {
    const samples = new Map<string, LeaseSample[]>(LEADER_LEASES.map((name) => [name, []]));
    let sampling = true;
    const loop = (async () => {
      while (sampling) {
        await Promise.all(LEADER_LEASES.map(async (name) => {
          // When the read was sent: the Lease read was at least that fresh, so a slow answer does not age it.
          const at = Date.now();
          const answer = await drydock().send({ method: 'GET', path: `/apis/coordination.k8s.io/v1/namespaces/kube-system/leases/${name}` }, 30_000).catch(() => undefined);
          const spec = answer?.status === 200 ? answer.json.spec : undefined;
          samples.get(name)!.push({ at, holder: spec?.holderIdentity, renewTime: spec?.renewTime, transitions: spec?.leaseTransitions, durationSeconds: spec?.leaseDurationSeconds });
        }));
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    })();
    return { samples, stop: async () => { sampling = false; await loop; } };
  }

  /** What broke the leadership of one Lease during the flood: a new holder, a transition, or a renewal older than the lease's duration. */
  function leadershipLost(name: string, samples: LeaseSample[]): string[] {
    const read = samples.filter((sample) => sample.renewTime);
    // Reads are few when the machine is slow (each waits behind the flood's CPU): two suffice to compare.
    if (read.length < 2) return [`${name}: only ${read.length} reads of the Lease during the flood`];
    const problems: string[] = [];
    const first = read[0];
    for (const sample of read) {
      if (sample.holder !== first.holder || sample.transitions !== first.transitions) problems.push(`${name}: holder ${first.holder} (${first.transitions} transitions) became ${sample.holder} (${sample.transitions})`);
      const age = sample.at - Date.parse(sample.renewTime!);
      if (age > (sample.durationSeconds ?? 15) * 1000) problems.push(`${name}: renewed ${age} ms before it was read, past its ${sample.durationSeconds} s duration`);
    }
    const renewals = new Set(read.map((sample) => sample.renewTime)).size;
    if (renewals < 2) problems.push(`${name}: renewed only ${renewals} times in ${Math.round((read[read.length - 1].at - first.at) / 1000)} s`);
    return [...new Set(problems)];
  }

  it('never refuses a quiet user\'s reads while one user floods lists, keeps its p99 within the SLO (scaled by the unqueued admin\'s at the same moments), and the flood still progresses; the controller-manager\'s and scheduler\'s leader Leases keep renewing', async () => {
    const baseline = await quietReads(100);
    let flooding = true;
    const floodAnswers: Answer[] = [];
    const flooder = async () => {
      while (flooding) {
        const answer = await drydock().send({ method: 'GET', path: `/api/v1/namespaces/${NAMESPACE}/configmaps`, headers: as('flood') }, 120_000).catch(() => undefined);
        if (answer) floodAnswers.push({ ...answer, text: '' });
      }
    };
    const flood = Array.from({ length: 20 }, flooder);
    await new Promise((resolve) => setTimeout(resolve, 2000)); // let the flood fill its queues
    const leases = sampleLeases();
    // The quiet user and the admin (system:masters: the exempt level, never queued) read in turns, so
    // both see the same moments of the flood: the admin's latency is what the flood costs without any
    // queueing (the event loop's own delay), the quiet user's adds what fair queuing lets it wait.
    const underFlood: { latencies: number[]; statuses: number[] } = { latencies: [], statuses: [] };
    const exempt: { latencies: number[]; statuses: number[] } = { latencies: [], statuses: [] };
    const turnsEnd = Date.now() + 30_000;
    for (let i = 0; i < 100 && Date.now() < turnsEnd; i++) {
      for (const [user, into] of [['quiet', underFlood], [undefined, exempt]] as const) {
        const answer = await drydock().send({ method: 'GET', path: `/api/v1/namespaces/${NAMESPACE}/configmaps/c${i % 300}`, headers: user ? as(user) : undefined }, 60_000);
        into.latencies.push(answer.elapsedMs);
        into.statuses.push(answer.status);
      }
    }
    // The leases are watched for 20 s of flood at least (more than a lease's 15 s), whatever the turns took.
    while (Date.now() < turnsEnd - 10_000) await new Promise((resolve) => setTimeout(resolve, 500));
    await leases.stop();
    flooding = false;
    await Promise.all(flood);
    const lost = LEADER_LEASES.flatMap((name) => leadershipLost(name, leases.samples.get(name)!));
    const renewalsOf = (name: string) => new Set(leases.samples.get(name)!.map((sample) => sample.renewTime).filter(Boolean)).size;
    process.stdout.write(`[fairness] leader Leases during the flood: ${LEADER_LEASES.map((name) => `${name} ${leases.samples.get(name)!.length} reads, ${renewalsOf(name)} renewals, holder ${leases.samples.get(name)![0]?.holder}`).join('; ')}; ${lost.length ? lost.join('; ') : 'no leadership lost'}\n`);
    const codes = floodAnswers.reduce<Record<number, number>>((counts, a) => ({ ...counts, [a.status]: (counts[a.status] ?? 0) + 1 }), {});
    const floodP99 = p99(floodAnswers.filter((a) => a.status === 200).map((a) => a.elapsedMs));
    const p50 = (l: number[]) => Math.round([...l].sort((a, b) => a - b)[Math.floor(l.length / 2)]);
    process.stdout.write(`[fairness] quiet: ${baseline.latencies.length} reads alone p50 ${p50(baseline.latencies)} p99 ${Math.round(p99(baseline.latencies))} ms; ${underFlood.latencies.length} under the flood p50 ${p50(underFlood.latencies)} p99 ${Math.round(p99(underFlood.latencies))} ms (SLO ${SLO_MS} ms); flood answers ${JSON.stringify(codes)}, flood p50 ${p50(floodAnswers.filter((a) => a.status === 200).map((a) => a.elapsedMs))} p99 ${Math.round(floodP99)} ms; exempt admin under the flood p50 ${p50(exempt.latencies)} p99 ${Math.round(p99(exempt.latencies))} ms\n`);
    expect(underFlood.statuses.every((status) => status === 200)).toBe(true);
    expect(floodAnswers.length).toBeGreaterThan(0);
    // The flood saturated its level and was served (not starved); the quiet user was never refused.
    expect(codes[200]).toBeGreaterThan(0);
    // Fairness asserted: the flood does not raise the quiet user's p99 past the SLO, where the SLO is
    // scaled to this machine by what the unqueued admin sees at the same moments (on a shared 2-core
    // machine the API server's one event loop alone can take longer than 1 s). In one FIFO the quiet
    // user would wait behind the whole flood's queue: seconds more than the admin.
    const allowedMs = Math.max(SLO_MS, 2 * p99(exempt.latencies));
    expect(p99(underFlood.latencies)).toBeLessThanOrEqual(allowedMs);
    // Upstream's leader-election priority level: the flood never costs the control plane its leaders.
    expect(lost).toEqual([]);
  }, 240_000);
});
