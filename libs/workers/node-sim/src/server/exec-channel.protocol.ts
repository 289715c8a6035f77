import type { WebSocket } from 'ws';

/**
 * The Kubernetes remote-command WebSocket framing, as the kubelet serves it for exec and attach:
 * every message starts with its channel (stdin 0, stdout 1, stderr 2, error 3, resize 4). Binary
 * protocols put the channel as a byte before the raw data; the base64 ones send text messages of
 * the channel as an ASCII digit followed by the data in base64. `v4`/`v5` write the final Status as
 * JSON on channel 3; the older ones write only a failure's message. `v5` adds the close signal
 * `[255, channel]` (the client closing stdin).
 */
export const Channel = { stdin: 0, stdout: 1, stderr: 2, error: 3, resize: 4, close: 255 } as const;

/** What the kubelet accepts, with `''` for a client that names no subprotocol (binary, plain errors). */
export const CHANNEL_PROTOCOLS = ['v5.channel.k8s.io', 'v4.channel.k8s.io', 'v4.base64.channel.k8s.io', 'channel.k8s.io', 'base64.channel.k8s.io'] as const;

/** The first protocol the client offers that we speak (the client's order decides, as wsstream's handshake). */
export function chooseExecProtocol(offered: Iterable<string>): string | undefined {
  const list = [...offered].map((p) => p.trim()).filter((p) => p !== '');
  if (list.length === 0) return '';
  return list.find((p) => (CHANNEL_PROTOCOLS as readonly string[]).includes(p));
}

export type ExecFrame = { kind: 'data'; channel: number; data: Buffer } | { kind: 'close'; channel: number } | { kind: 'empty' };

/** A binary frame (the v4/v5 form): the channel byte, then the data. */
export function frame(channel: number, data: string | Buffer): Buffer {
  const payload = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  return Buffer.concat([Buffer.from([channel]), payload]);
}

export function parseFrame(message: Buffer): ExecFrame {
  if (message.length === 0) return { kind: 'empty' };
  if (message[0] === Channel.close) return { kind: 'close', channel: message[1] ?? Channel.stdin };
  return { kind: 'data', channel: message[0], data: message.subarray(1) };
}

/** The channels of one exec or attach WebSocket, in the protocol the handshake chose. */
export class ChannelSocket {
  private readonly base64: boolean;
  private readonly jsonStatus: boolean;

  constructor(private readonly ws: WebSocket) {
    this.base64 = ws.protocol.includes('base64');
    this.jsonStatus = ws.protocol.startsWith('v4.') || ws.protocol.startsWith('v5.');
  }

  get open(): boolean {
    return this.ws.readyState === this.ws.OPEN;
  }

  send(channel: number, data: string | Buffer): void {
    if (!this.open) return;
    const payload = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    if (this.base64) this.ws.send(`${channel}${payload.toString('base64')}`);
    else this.ws.send(frame(channel, payload));
  }

  /** Every frame the client sends, decoded. */
  onFrame(listener: (frame: ExecFrame) => void): void {
    this.ws.on('message', (message: Buffer, isBinary: boolean) => {
      const bytes = Buffer.isBuffer(message) ? message : Buffer.from(message as ArrayBuffer);
      if (this.base64 && !isBinary) {
        const text = bytes.toString('utf8');
        return listener(text.length ? { kind: 'data', channel: Number(text[0]), data: Buffer.from(text.slice(1), 'base64') } : { kind: 'empty' });
      }
      listener(parseFrame(bytes));
    });
  }

  /** Closes the WebSocket normally (port-forward has no final status). */
  close(): void {
    if (this.open) this.ws.close(1000);
  }

  /** The final status (JSON on v4/v5; the older protocols say only what failed), then a normal close. */
  finish(status: ExitStatus): void {
    if (!this.open) return;
    if (this.jsonStatus) this.send(Channel.error, JSON.stringify({ metadata: {}, ...status }));
    else if (status.status === 'Failure') this.send(Channel.error, status.message ?? '');
    this.ws.close(1000);
  }
}

export type ExitStatus = { metadata?: Record<string, never>; status: 'Success' | 'Failure'; message?: string; reason?: string; details?: unknown };

/** The final status of an exec: Success, or NonZeroExitCode with the code as a cause (kubectl's exit code). */
export function exitStatus(exitCode: number, argv: string[]): ExitStatus {
  if (exitCode === 0) return { status: 'Success' };
  return {
    status: 'Failure',
    message: `command terminated with non-zero exit code: error executing command [${argv.join(' ')}], exit code ${exitCode}`,
    reason: 'NonZeroExitCode',
    details: { causes: [{ reason: 'ExitCode', message: String(exitCode) }] },
  };
}

/** A resize frame: `{"Width":80,"Height":24}` (remotecommand's TerminalSize). */
export function resizeTerminal(data: Buffer, resize: (columns: number, lines: number) => void): void {
  try {
    const size = JSON.parse(data.toString('utf8')) as { Width?: unknown; Height?: unknown };
    if (Number.isInteger(size.Width) && Number.isInteger(size.Height)) resize(size.Width as number, size.Height as number);
  } catch {
    // not a size: ignored, as the kubelet logs and goes on
  }
}
