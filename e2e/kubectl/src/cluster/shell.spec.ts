process.env.DRYDOCK_CLOCK_SCALE = '10';

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { expectSuccess, lines } from '../harness/expectations';
import { kubectlBinaries } from '../harness/kubectl-binaries';
import { eventually, nodesReady, useClusterDrydock } from './support/cluster';
import { Terminal } from './support/terminal';

/** What a learner types into a pod's shell (issue 11), through the real kubectl and the kubelet exec endpoint. */
describe('the shell inside a simulated container: redirections, pipes, here-docs, exit codes, kubectl cp', () => {
  const drydock = useClusterDrydock();
  const kubectl = (...args: string[]) => drydock().run(args);
  const exec = (...command: string[]) => kubectl('exec', 's', '--', ...command);

  beforeAll(async () => {
    await nodesReady(drydock());
    expectSuccess(await kubectl('run', 's', '--image=busybox', '--restart=Never', '--', 'sleep', '3600'));
    expectSuccess(await drydock().run(['wait', '--for=condition=Ready', 'pod/s', '--timeout=60s'], { timeoutMs: 90_000 }));
  });

  it('writes a file with > and reads it back, in the same exec and the next', async () => {
    expect(expectSuccess(await exec('sh', '-c', 'echo a > /tmp/x; cat /tmp/x'))).toBe('a\n');
    expect(expectSuccess(await exec('cat', '/tmp/x'))).toBe('a\n');
  });

  it('runs pipes, here-docs and 2>&1 as busybox sh does', async () => {
    const script = 'echo hello | tr a-z A-Z\ncat <<EOF\nhost=$HOSTNAME\nEOF\nls /nope 2>&1\nfor i in 1 2 3; do echo $i; done | wc -l';
    expect(expectSuccess(await exec('sh', '-c', script))).toBe('HELLO\nhost=s\nls: /nope: No such file or directory\n3\n');
  });

  it('returns the exit code of the command (kubectl exits with it)', async () => {
    const result = await exec('sh', '-c', 'exit 3');
    expect(result.code).toBe(3);
    const missing = await exec('sh', '-c', 'frobnicate');
    expect({ code: missing.code, stderr: missing.stderr }).toEqual({ code: 127, stderr: 'sh: frobnicate: not found\ncommand terminated with exit code 127\n' });
  });

  it('feeds stdin to the command (exec -i)', async () => {
    expect(expectSuccess(await drydock().run(['exec', '-i', 's', '--', 'sh', '-c', 'wc -l; cat > /tmp/in'], { stdin: 'one\ntwo\n' }))).toBe('2\n');
  });

  it('copies a file into the container and back out with kubectl cp', async () => {
    const local = mkdtempSync(path.join(tmpdir(), 'drydock-cp-'));
    writeFileSync(path.join(local, 'notes.txt'), 'copied in\nline two\n');
    expectSuccess(await kubectl('cp', path.join(local, 'notes.txt'), 's:/tmp/notes.txt'));
    expect(expectSuccess(await exec('cat', '/tmp/notes.txt'))).toBe('copied in\nline two\n');
    expectSuccess(await exec('sh', '-c', 'echo made inside > /tmp/out.txt'));
    expectSuccess(await kubectl('cp', 's:/tmp/out.txt', path.join(local, 'out.txt')));
    expect(readFileSync(path.join(local, 'out.txt'), 'utf8')).toBe('made inside\n');
  });

  it('shows the container\'s identity and its image\'s tools: hostname, id, ps, which sh, os-release', async () => {
    expect(expectSuccess(await exec('sh', '-c', 'hostname; id; ps; which sh'))).toBe('s\nuid=0(root) gid=0(root) groups=0(root)\nPID   USER     TIME  COMMAND\n    1 root      0:00 sleep 3600\n    7 root      0:00 ps\n/bin/sh\n');
    const missing = await exec('cat', '/etc/os-release');
    expect({ code: missing.code, stderr: missing.stderr }).toEqual({ code: 1, stderr: "cat: can't open '/etc/os-release': No such file or directory\ncommand terminated with exit code 1\n" });
  });

  it('reaches a Service by name with wget and nslookup; an unknown name fails as busybox says', async () => {
    expectSuccess(await kubectl('create', 'deployment', 'web', '--image=nginx:1.27'));
    expectSuccess(await kubectl('expose', 'deployment', 'web', '--port=80'));
    const page = await eventually('wget to reach the Service', async () => {
      const result = await exec('wget', '-qO-', 'http://web');
      return result.code === 0 ? result.stdout : undefined;
    }, 60_000);
    expect(page).toContain('<title>Welcome to nginx!</title>');
    expect(expectSuccess(await exec('nslookup', 'web'))).toMatch(/^Server:\t\t10\.96\.0\.10\nAddress:\t10\.96\.0\.10:53\n\nName:\tweb\.default\.svc\.cluster\.local\nAddress: \d+\.\d+\.\d+\.\d+\n\n$/);
    const unknown = await exec('wget', '-qO-', 'http://nope');
    expect({ code: unknown.code, stderr: unknown.stderr }).toEqual({ code: 1, stderr: "wget: bad address 'nope'\ncommand terminated with exit code 1\n" });
    const pod = expectSuccess(await kubectl('get', 'pods', '-l', 'app=web', '-o', 'jsonpath={.items[0].metadata.name}'));
    expect((await kubectl('exec', pod, '--', 'nginx', '-v')).stderr).toBe('nginx version: nginx/1.27.0\n');
  });

  it('resolves names with getent (glibc images) and dig (the dnsutils image) from cluster DNS', async () => {
    expectSuccess(await kubectl('create', 'service', 'clusterip', 'names', '--tcp=80:80'));
    const clusterIP = expectSuccess(await kubectl('get', 'service', 'names', '-o', 'jsonpath={.spec.clusterIP}'));
    expectSuccess(await kubectl('run', 'py', '--image=python:3.12', '--restart=Never', '--', 'sleep', '3600'));
    expectSuccess(await kubectl('run', 'dnsutils', '--image=registry.k8s.io/e2e-test-images/jessie-dnsutils:1.3', '--restart=Never', '--', 'sleep', 'infinity'));
    expectSuccess(await drydock().run(['wait', '--for=condition=Ready', 'pod/py', 'pod/dnsutils', '--timeout=60s'], { timeoutMs: 90_000 }));
    const hosts = await eventually('getent to know the Service', async () => {
      const result = await kubectl('exec', 'py', '--', 'getent', 'hosts', 'names');
      return result.code === 0 ? result.stdout : undefined;
    }, 60_000);
    expect(hosts).toBe(`${clusterIP.padEnd(15)} names.default.svc.cluster.local\n`);
    // A pod with hostname and subdomain under a headless Service of that name, as a StatefulSet's pods.
    expectSuccess(await kubectl('create', 'service', 'clusterip', 'hl', '--clusterip=None'));
    expectSuccess(await kubectl('run', 'member', '--image=nginx:1.27', '--restart=Never', '--overrides={"spec":{"hostname":"member-0","subdomain":"hl"}}'));
    expectSuccess(await drydock().run(['wait', '--for=condition=Ready', 'pod/member', '--timeout=60s'], { timeoutMs: 90_000 }));
    const memberIP = expectSuccess(await kubectl('get', 'pod', 'member', '-o', 'jsonpath={.status.podIP}'));
    const member = await eventually('getent to know the pod record', async () => {
      const result = await kubectl('exec', 'py', '--', 'getent', 'hosts', 'member-0.hl');
      return result.code === 0 ? result.stdout : undefined;
    }, 60_000);
    expect(member).toBe(`${memberIP.padEnd(15)} member-0.hl.default.svc.cluster.local\n`);
    expect(await kubectl('exec', 'py', '--', 'getent', 'hosts', 'nope')).toMatchObject({ code: 2, stdout: '', stderr: 'command terminated with exit code 2\n' });
    expect((await exec('getent', 'hosts', 'names')).code).toBe(127);
    expect(expectSuccess(await kubectl('exec', 'dnsutils', '--', 'dig', '+short', 'names.default.svc.cluster.local'))).toBe(`${clusterIP}\n`);
    const answer = expectSuccess(await kubectl('exec', 'dnsutils', '--', 'dig', 'names.default.svc.cluster.local'));
    expect(answer).toContain(`;; ANSWER SECTION:\nnames.default.svc.cluster.local. 30 IN\tA\t${clusterIP}\n`);
    expect(expectSuccess(await kubectl('exec', 'dnsutils', '--', 'dig', 'nope.default.svc.cluster.local'))).toContain('status: NXDOMAIN');
  });

  it('tells the time on the simulated clock: date after sleep 5 is 5 simulated seconds later, and the issue\'s date loop logs every 5 s', async () => {
    const [before, after] = lines(expectSuccess(await exec('sh', '-c', 'date +%s; sleep 5; date +%s'))).map(Number);
    // At clock scale 10 the sleep takes half a real second; on the real clock date would have moved 0 or 1 s.
    expect(after - before).toBeGreaterThanOrEqual(5);
    expectSuccess(await kubectl('run', 'clock', '--image=busybox', '--restart=Never', '--', 'sh', '-c', 'while true; do date; sleep 5; done'));
    const logged = await eventually('three dates in the log', async () => {
      const out = lines((await kubectl('logs', 'clock')).stdout);
      return out.length >= 3 ? out : undefined;
    }, 90_000);
    const times = logged.map((line) => Date.parse(line.replace(/ UTC /, ' ') + ' UTC'));
    expect(logged[0]).toMatch(/^[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d UTC \d{4}$/);
    for (let i = 1; i < times.length; i++) expect(times[i] - times[i - 1]).toBeGreaterThanOrEqual(5000);
  });

  it('edits a line with the arrow keys in `kubectl exec -it` (a real terminal, through script(1))', async () => {
    // `echo ac`, ← , `b`, Enter: the shell runs `echo abc`; ↑ recalls it; then exit.
    const terminal = new Terminal(`${kubectlBinaries().kubectl} exec -it s -- sh`, drydock().kubectlEnv());
    await terminal.waitFor(/\/ # $/);
    terminal.type('echo ac\u001b[Db\r');
    await terminal.waitFor(/^abc\r?\n\/ # $/m);
    terminal.type('\u001b[A\r');
    await terminal.waitFor(/abc\r?\n[^]*abc\r?\n\/ # $/);
    terminal.type('exit 4\r');
    expect(terminal.output().match(/^abc\r?$/gm)).toHaveLength(2);
    expect(await terminal.exit()).toBe(4);
  });

  it('reads a line typed at the prompt with read, and with read -s without echoing it, in `kubectl exec -it`', async () => {
    const terminal = new Terminal(`${kubectlBinaries().kubectl} exec -it s -- sh`, drydock().kubectlEnv());
    await terminal.waitFor(/\/ # $/);
    terminal.type('read -p "name? " name; echo "hello $name"\r');
    await terminal.waitFor(/name\? $/);
    terminal.type('ada\r');
    await terminal.waitFor(/name\? ada\r\nhello ada\r\n\/ # $/);
    terminal.type('read -s -p "Password: " pw; echo; echo "${#pw} characters"\r');
    await terminal.waitFor(/Password: $/);
    terminal.type('hunter2\r');
    await terminal.waitFor(/Password: \r\n7 characters\r\n\/ # $/);
    terminal.type('exit\r');
    expect(await terminal.exit()).toBe(0);
    expect(terminal.output()).not.toContain('hunter2');
  });

  it('is one shell session in `kubectl exec -it`: state across lines, the terminal size, Ctrl-C stops sleep, Ctrl-D exits with the status', async () => {
    const terminal = new Terminal(`stty cols 100 rows 30; ${kubectlBinaries().kubectl} exec -it s -- sh`, drydock().kubectlEnv());
    await terminal.waitFor(/\/ # $/);
    terminal.type('cd /tmp; greet() { echo hi-$1; }; X=5\r');
    await terminal.waitFor(/\/tmp # $/);
    terminal.type('greet $X; echo $TERM $COLUMNS $LINES\r');
    await terminal.waitFor(/hi-5\r\nxterm 100 30\r\n\/tmp # $/);
    terminal.type('sleep 1000; echo not-reached\r');
    await terminal.waitFor(/sleep 1000; echo not-reached\r\n$/);
    terminal.type('\u0003');
    await terminal.waitFor(/\^C\r\n\/tmp # $/);
    terminal.type('echo $? $X\r');
    await terminal.waitFor(/\r\n130 5\r\n\/tmp # $/);
    terminal.type('false\r');
    await terminal.waitFor(/false\r\n\/tmp # $/);
    terminal.type('\u0004');
    expect(await terminal.exit()).toBe(1);
    expect(terminal.output()).not.toMatch(/\nnot-reached/);
    expect(terminal.output()).toContain('command terminated with exit code 1');
  });
});
