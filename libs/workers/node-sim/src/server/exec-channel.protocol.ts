/**
 * The Kubernetes remote-command WebSocket framing (v4/v5.channel.k8s.io): every binary message starts
 * with its channel byte. v5 adds the close signal `[255, channel]` (the client closing stdin).
 */
export const Channel = { stdin: 0, stdout: 1, stderr: 2, error: 3, resize: 4, close: 255 } as const;

export const EXEC_PROTOCOLS = ['v5.channel.k8s.io', 'v4.channel.k8s.io'] as const;

/** Picks the newest protocol the client offers, or undefined when it offers none we speak. */
export function chooseExecProtocol(offered: Iterable<string>): string | undefined {
  const list = [...offered].map((p) => p.trim());
  return EXEC_PROTOCOLS.find((p) => list.includes(p));
}

export function frame(channel: number, data: string | Buffer): Buffer {
  const payload = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  return Buffer.concat([Buffer.from([channel]), payload]);
}

export type ExecFrame = { kind: 'data'; channel: number; data: Buffer } | { kind: 'close'; channel: number } | { kind: 'empty' };

export function parseFrame(message: Buffer): ExecFrame {
  if (message.length === 0) return { kind: 'empty' };
  if (message[0] === Channel.close) return { kind: 'close', channel: message[1] ?? Channel.stdin };
  return { kind: 'data', channel: message[0], data: message.subarray(1) };
}

/** The final status on channel 3: Success, or NonZeroExitCode with the code as a cause (kubectl's exit code). */
export function exitStatus(exitCode: number, argv: string[]): string {
  if (exitCode === 0) return JSON.stringify({ metadata: {}, status: 'Success' });
  return JSON.stringify({
    metadata: {},
    status: 'Failure',
    message: `command terminated with non-zero exit code: error executing command [${argv.join(' ')}], exit code ${exitCode}`,
    reason: 'NonZeroExitCode',
    details: { causes: [{ reason: 'ExitCode', message: String(exitCode) }] },
  });
}
