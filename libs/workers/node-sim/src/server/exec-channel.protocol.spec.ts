import { chooseExecProtocol, exitStatus, frame, parseFrame } from './exec-channel.protocol';

describe('exec channel protocol', () => {
  it('takes the first protocol the client offers that the kubelet serves, binary with none', () => {
    expect(chooseExecProtocol(['v5.channel.k8s.io', 'v4.channel.k8s.io'])).toBe('v5.channel.k8s.io');
    expect(chooseExecProtocol(['v4.channel.k8s.io', 'v5.channel.k8s.io'])).toBe('v4.channel.k8s.io');
    expect(chooseExecProtocol(['v3.channel.k8s.io', 'channel.k8s.io'])).toBe('channel.k8s.io');
    expect(chooseExecProtocol(['base64.channel.k8s.io'])).toBe('base64.channel.k8s.io');
    expect(chooseExecProtocol([])).toBe('');
    expect(chooseExecProtocol(['v3.channel.k8s.io'])).toBeUndefined();
  });

  it('prefixes the channel byte and parses frames back', () => {
    expect([...frame(1, 'hi')]).toEqual([1, 104, 105]);
    expect(parseFrame(Buffer.from([0, 108, 115, 10]))).toEqual({ kind: 'data', channel: 0, data: Buffer.from('ls\n') });
    expect(parseFrame(Buffer.from([255, 0]))).toEqual({ kind: 'close', channel: 0 });
  });

  it('reports a non-zero exit as NonZeroExitCode with the code as the ExitCode cause', () => {
    expect(exitStatus(0, ['env'])).toEqual({ status: 'Success' });
    const failure = exitStatus(2, ['sh', '-c', 'exit 2']);
    expect(failure).toMatchObject({ status: 'Failure', reason: 'NonZeroExitCode', details: { causes: [{ reason: 'ExitCode', message: '2' }] } });
  });
});
