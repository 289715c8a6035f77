import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LineWriter } from './line-writer';

describe('LineWriter', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'line-writer-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes every line, in order, without writing inside the call', async () => {
    const file = join(dir, 'log');
    const fd = openSync(file, 'w');
    const writer = new LineWriter(fd);
    for (let i = 0; i < 5000; i++) writer.line(`line ${i}`);
    expect(readFileSync(file, 'utf8').split('\n').length).toBeLessThan(5001);
    await writer.idle();
    writer.close();
    closeSync(fd);
    const lines = readFileSync(file, 'utf8').split('\n');
    expect(lines).toHaveLength(5001);
    expect(lines.slice(0, 5000)).toEqual(Array.from({ length: 5000 }, (_, i) => `line ${i}`));
  });
});
