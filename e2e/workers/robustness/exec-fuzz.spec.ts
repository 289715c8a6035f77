import fc from 'fast-check';
import WebSocket from 'ws';
import { useRobustDrydock } from './support/robust-drydock';
import { hostileString, urlEncode } from './support/fuzz-inputs';

/**
 * WebSocket frames of pods/exec and pods/attach fuzzed (issue 16, part 3): hostile commands and flags in
 * the query, then frames on every channel (stdin, resize with broken JSON, close, unknown channels, text
 * where binary belongs, empty and large frames). The invariants: the upgrade is a 101 or a 4xx, never a
 * 5xx or silence; an upgraded connection ends or keeps answering; the API server does not exit; and a
 * plain `exec echo` still works afterwards (the simulated kubelet survived too).
 */
const seed = Number(process.env.FUZZ_SEED ?? 1);
const runs = Number(process.env.FUZZ_RUNS ?? 2) * 20;

describe('exec and attach WebSocket frames: never a 5xx, a hang or a crash', () => {
  const drydock = useRobustDrydock({ name: 'exec-fuzz', controlLoop: true });
  const pods = '/api/v1/namespaces/default/pods';

  beforeAll(async () => {
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'shell' }, spec: { containers: [{ name: 'main', image: 'nginx:1.27' }] } };
    expect((await drydock().send({ method: 'POST', path: pods, body: JSON.stringify(pod) })).status).toBe(201);
    const deadline = Date.now() + 120_000;
    while ((await drydock().send({ method: 'GET', path: `${pods}/shell` })).json?.status?.phase !== 'Running') {
      if (Date.now() > deadline) throw new Error('pod shell did not reach Running');
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }, 150_000);

  /** Opens the WebSocket, sends the frames, and says how it went. */
  function session(path: string, protocol: string, frames: (string | Buffer)[]): Promise<{ outcome: string; received: Buffer[] }> {
    return new Promise((resolve) => {
      const received: Buffer[] = [];
      const ws = new WebSocket(drydock().server.replace(/^https/, 'wss') + path, protocol ? [protocol] : [], { ca: drydock().caCert, headers: { Authorization: `Bearer ${drydock().token}` } });
      const finish = (outcome: string) => {
        clearTimeout(timer);
        ws.terminate();
        resolve({ outcome, received });
      };
      const timer = setTimeout(() => finish(ws.readyState === WebSocket.OPEN ? 'open' : 'hang'), 5_000);
      ws.on('unexpected-response', (_req, res) => finish(`refused ${res.statusCode}`));
      ws.on('error', (error) => finish(`error ${error.message}`));
      ws.on('message', (data: Buffer) => received.push(data));
      ws.on('close', (code) => finish(`closed ${code}`));
      ws.on('open', () => {
        for (const frame of frames) if (ws.readyState === WebSocket.OPEN) ws.send(frame);
        setTimeout(() => finish(ws.readyState === WebSocket.OPEN ? 'open' : 'closed'), 300);
      });
    });
  }

  const channel = fc.oneof(fc.constantFrom(0, 1, 2, 3, 4, 255), fc.integer({ min: 0, max: 255 }));
  const frame: fc.Arbitrary<string | Buffer> = fc.oneof(
    fc.tuple(channel, fc.uint8Array({ maxLength: 256 })).map(([c, bytes]) => Buffer.concat([Buffer.from([c]), Buffer.from(bytes)])),
    fc.tuple(fc.constant(4), fc.oneof(fc.record({ Width: fc.integer(), Height: fc.integer() }).map((v) => JSON.stringify(v)), hostileString)).map(([c, text]) => Buffer.concat([Buffer.from([c]), Buffer.from(text)])),
    fc.constantFrom(Buffer.from([0]), Buffer.alloc(0), Buffer.from([255, 0]), Buffer.concat([Buffer.from([0]), Buffer.alloc(512 * 1024, 0x61)]), Buffer.from('0ZXhpdAo=', 'utf8')),
    fc.string({ maxLength: 40 }),
  );
  const command = fc.array(fc.oneof(fc.constantFrom('sh', '-c', 'echo', 'cat', 'ls', 'exit 3', 'sleep 100', 'yes', 'kill -9 1', 'true'), hostileString), { maxLength: 3 });
  const flags = fc.record({ stdin: fc.constantFrom('true', 'false', '1', 'x'), stdout: fc.constantFrom('true', 'false'), stderr: fc.constantFrom('true', 'false'), tty: fc.constantFrom('true', 'false', 'maybe'), container: fc.constantFrom('main', 'main', 'missing', '') }, { requiredKeys: [] });

  it('answers every hostile exec and attach session without a 5xx, a hang or a crash, and exec still works afterwards', async () => {
    const findings: string[] = [];
    let frames = 0;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('exec', 'attach'), command, flags, fc.constantFrom('v5.channel.k8s.io', 'v4.channel.k8s.io', 'v4.base64.channel.k8s.io', 'base64.channel.k8s.io', 'channel.k8s.io', 'bogus'), fc.array(frame, { maxLength: 5 }), async (kind, words, flag, protocol, sent) => {
        const query = [...words.map((w) => `command=${urlEncode(w)}`), ...Object.entries(flag).map(([k, v]) => `${k}=${v}`)].join('&');
        const { outcome } = await session(`${pods}/shell/${kind}?${query}`, protocol, sent);
        frames += sent.length;
        if (outcome === 'hang' || /^refused 5/.test(outcome) || /closed 10(06|11)/.test(outcome)) findings.push(`${kind}?${query} protocol=${protocol} frames=${sent.length}: ${outcome}`);
        return true;
      }),
      { seed, numRuns: runs, endOnFailure: true },
    );
    const { received } = await session(`${pods}/shell/exec?command=echo&command=still-here&stdout=true`, 'v5.channel.k8s.io', []);
    const stdout = Buffer.concat(received.filter((m) => m[0] === 1).map((m) => m.subarray(1))).toString();
    process.stdout.write(`[exec-fuzz] seed ${seed}: ${runs} sessions, ${frames} frames; ${findings.length} findings${findings.length ? `\n  ${findings.slice(0, 20).join('\n  ')}` : ''}\n`);
    expect(findings).toEqual([]);
    expect(drydock().crashed()).toBeUndefined();
    expect(stdout).toContain('still-here');
  }, 300_000);
});
