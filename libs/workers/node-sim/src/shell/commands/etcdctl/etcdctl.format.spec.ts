import { parseEtcdctlArgs } from './etcdctl.args';
import { goDuration, goJson, humanBytes, table, Uint64 } from './etcdctl.format';

describe("etcdctl's output, as etcdctl 3.5 prints it", () => {
  it('prints JSON as Go does: uint64 IDs as bare numbers, bytes in base64', () => {
    expect(goJson({ header: { cluster_id: new Uint64('14841639068965178418'), revision: new Uint64('7') }, kvs: [{ key: Buffer.from('foo'), version: new Uint64('1') }], count: new Uint64('1') }))
      .toBe('{"header":{"cluster_id":14841639068965178418,"revision":7},"kvs":[{"key":"Zm9v","version":1}],"count":1}');
    expect(goJson({ endpoint: 'a<b', skipped: undefined })).toBe('{"endpoint":"a\\u003cb"}');
  });

  it('sizes as go-humanize and durations as time.Duration', () => {
    expect([humanBytes(7), humanBytes(346_112), humanBytes(9_830_400), humanBytes(11_000_000)]).toEqual(['7 B', '346 kB', '9.8 MB', '11 MB']);
    expect([goDuration(1_840_623), goDuration(512_300), goDuration(999), goDuration(2_500_000_000)]).toEqual(['1.840623ms', '512.3µs', '999ns', '2.5s']);
  });

  it('lays out tables as tablewriter with centred upper-case headers and right-aligned cells', () => {
    expect(table(['ID', 'Is Learner'], [['8e9e05c52164694d', 'false']])).toBe(
      '+------------------+------------+\n' +
      '|        ID        | IS LEARNER |\n' +
      '+------------------+------------+\n' +
      '| 8e9e05c52164694d |      false |\n' +
      '+------------------+------------+\n',
    );
  });

  it('reads flags anywhere, with = or a separate value, and the global ones from ETCDCTL_* variables', () => {
    const parsed = parseEtcdctlArgs(['get', '--cacert', '/ca.crt', '/', '--prefix', '--keys-only', '-w=json', '--limit=10'], { ETCDCTL_ENDPOINTS: 'https://127.0.0.1:2379' });
    expect(parsed).toEqual({ positional: ['get', '/'], flags: new Map([['--endpoints', 'https://127.0.0.1:2379'], ['--cacert', '/ca.crt'], ['--prefix', 'true'], ['--keys-only', 'true'], ['--write-out', 'json'], ['--limit', '10']]) });
    expect(parseEtcdctlArgs(['get', '--key'], {})).toEqual({ error: 'flag needs an argument: --key' });
  });
});
