import { containerProgram, ContainerProgram } from '../runtime/container-program';
import { formatLog, renderInstanceLog } from './container-log.renderer';

const START = Date.parse('2026-11-22T03:00:00Z');

describe('container log rendering', () => {
  it('shows output only once its simulated time has come (clock scale 10)', () => {
    // What `sh -c 'echo one; sleep 10; echo two'` leaves in its instance (see ContainerProcesses).
    const program: ContainerProgram = { output: [{ atMs: 0, stream: 'stdout', text: 'one' }, { atMs: 10_000, stream: 'stdout', text: 'two' }], handlesSigterm: false };
    const instance = { id: '1', program, startedAtReal: START };
    const realMs = (ms: number) => ms / 10;
    expect(renderInstanceLog(instance, START + 500, realMs).map((l) => l.text)).toEqual(['one']);
    expect(renderInstanceLog(instance, START + 1000, realMs).map((l) => l.text)).toEqual(['one', 'two']);
  });

  it('repeats a server\'s periodic lines and stops at the end of the instance', () => {
    const program = containerProgram({ name: 'web', image: 'nginx:1.27' });
    const instance = { id: '1', program, startedAtReal: START, endedAfterMs: 35_000 };
    const lines = renderInstanceLog(instance, START + 3_600_000, (ms) => ms);
    expect(lines.filter((l) => l.text.includes('kube-probe'))).toHaveLength(3);
    expect(lines.some((l) => l.text.includes('nginx/1.27.0'))).toBe(true);
  });

  it('applies tailLines, timestamps and limitBytes', () => {
    const lines = [1, 2, 3].map((n) => ({ at: new Date(START + n), stream: 'stdout' as const, text: `line ${n}` }));
    expect(formatLog(lines, { tailLines: 2, timestamps: false }, START)).toBe('line 2\nline 3\n');
    expect(formatLog(lines, { tailLines: 1, timestamps: true }, START)).toBe('2026-11-22T03:00:00.003000000Z line 3\n');
    expect(formatLog(lines, { timestamps: false, limitBytes: 4 }, START)).toBe('line');
  });
});
