import { chooseExecProtocol, exitStatus, frame, parseFrame } from './exec-channel.protocol';

describe('exec channel protocol', () => {
  it('prefers v5 and accepts v4', () => {
    expect(chooseExecProtocol(['v4.channel.k8s.io', 'v5.channel.k8s.io'])).toBe('v5.channel.k8s.io');
    expect(chooseExecProtocol(['v4.channel.k8s.io'])).toBe('v4.channel.k8s.io');
    expect(chooseExecProtocol(['channel.k8s.io'])).toBeUndefined();
  });

  it('prefixes the channel byte and parses frames back', () => {
    expect([...frame(1, 'hi')]).toEqual([1, 104, 105]);
    expect(parseFrame(Buffer.from([0, 108, 115, 10]))).toEqual({ kind: 'data', channel: 0, data: Buffer.from('ls\n') });
    expect(parseFrame(Buffer.from([255, 0]))).toEqual({ kind: 'close', channel: 0 });
  });

  it('reports a non-zero exit as NonZeroExitCode with the code as the ExitCode cause', () => {
    expect(JSON.parse(exitStatus(0, ['env']))).toEqual({ metadata: {}, status: 'Success' });
    const failure = JSON.parse(exitStatus(2, ['sh', '-c', 'exit 2']));
    expect(failure).toMatchObject({ status: 'Failure', reason: 'NonZeroExitCode', details: { causes: [{ reason: 'ExitCode', message: '2' }] } });
  });
});
