export interface ShellTarget {
  namespace: string;
  pod: string;
  container: string;
  /** The logical cluster the pod is in (the switcher's); `default` or absent: the cluster at `/`. */
  cluster?: string;
}

/** The pod's exec path on the dashboard's origin: `/clusters/<name>` first for a sandbox cluster, as kubectl's server URL has it. */
export function execPath(target: ShellTarget, query: URLSearchParams): string {
  const prefix = target.cluster && target.cluster !== 'default' ? `/clusters/${encodeURIComponent(target.cluster)}` : '';
  return `${prefix}/api/v1/namespaces/${encodeURIComponent(target.namespace)}/pods/${encodeURIComponent(target.pod)}/exec?${query}`;
}
/** What the session needs of xterm (so this file never imports it: xterm loads only in the browser). */
export interface TerminalLike {
  readonly cols: number;
  readonly rows: number;
  write(data: string | Uint8Array): void;
  onData(listener: (data: string) => void): { dispose(): void };
  onResize(listener: (size: { cols: number; rows: number }) => void): { dispose(): void };
}

/** The channels of the Kubernetes exec WebSocket (v5.channel.k8s.io), as kubectl speaks them. */
const STDIN = 0;
const STDOUT = 1;
const STDERR = 2;
const STATUS = 3;
const RESIZE = 4;
const PROTOCOL = 'v5.channel.k8s.io';

const RED = '\x1b[31m';
const DIM = '\x1b[2m';
const RESET = '\x1b[0m';

/** What the final status on channel 3 says: `exit code N`, or the error's message. */
export function describeStatus(text: string): string {
  try {
    const status = JSON.parse(text) as { status?: string; message?: string; details?: { causes?: { reason?: string; message?: string }[] } };
    if (status.status === 'Success') return 'exit code 0';
    const code = status.details?.causes?.find((cause) => cause.reason === 'ExitCode')?.message;
    return code ? `exit code ${code}` : (status.message ?? text);
  } catch {
    return text;
  }
}

/**
 * `kubectl exec -it <pod> -c <container> -- sh` from the browser: a WebSocket to the API server's
 * pods/exec (through the dashboard server, which adds the signed-in user's token), keystrokes on
 * stdin, the terminal's size on the resize channel, the shell's output written to xterm as it comes.
 * The shell, its line editing, history and Ctrl-C are the container's own, as in a real terminal.
 * When the shell ends, Enter starts a new one.
 */
export class ShellSession {
  private socket?: WebSocket;
  private ended = true;
  private readonly subscriptions: { dispose(): void }[];
  private readonly encoder = new TextEncoder();

  constructor(
    private readonly term: TerminalLike,
    private readonly target: () => ShellTarget,
  ) {
    this.subscriptions = [term.onData((data) => this.input(data)), term.onResize(() => this.sendResize())];
  }

  start(): void {
    this.connect();
  }

  /** The container changed (picker): end this shell and open one in the new container. */
  switched(): void {
    this.close();
    this.term.write(`\r\n${DIM}— container ${this.target().container} —${RESET}\r\n`);
    this.connect();
  }

  dispose(): void {
    this.subscriptions.forEach((subscription) => subscription.dispose());
    this.close();
  }

  private connect(): void {
    const target = this.target();
    const query = new URLSearchParams({ container: target.container, stdin: 'true', stdout: 'true', stderr: 'true', tty: 'true', command: 'sh' });
    const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
    const socket = new WebSocket(`${scheme}://${window.location.host}${execPath(target, query)}`, [PROTOCOL]);
    socket.binaryType = 'arraybuffer';
    this.socket = socket;
    this.ended = false;
    let status: string | undefined;
    socket.onopen = () => this.sendResize();
    socket.onmessage = (event) => {
      const bytes = new Uint8Array(event.data as ArrayBuffer);
      if (bytes[0] === STDOUT || bytes[0] === STDERR) this.term.write(bytes.subarray(1));
      else if (bytes[0] === STATUS) status = new TextDecoder().decode(bytes.subarray(1));
    };
    socket.onclose = () => {
      if (this.socket !== socket) return;
      this.ended = true;
      const how = status ? describeStatus(status) : 'the connection to the API server closed';
      const color = status && describeStatus(status) === 'exit code 0' ? DIM : RED;
      this.term.write(`\r\n${color}[shell ended: ${how}]${RESET} ${DIM}press Enter for a new shell${RESET}\r\n`);
    };
  }

  private close(): void {
    const socket = this.socket;
    this.socket = undefined;
    this.ended = true;
    socket?.close();
  }

  private input(data: string): void {
    if (this.ended) {
      if (data.includes('\r')) this.connect();
      return;
    }
    this.send(STDIN, this.encoder.encode(data));
  }

  private sendResize(): void {
    this.send(RESIZE, this.encoder.encode(JSON.stringify({ Width: this.term.cols, Height: this.term.rows })));
  }

  private send(channel: number, data: Uint8Array): void {
    if (this.socket?.readyState !== WebSocket.OPEN) return;
    const frame = new Uint8Array(data.length + 1);
    frame[0] = channel;
    frame.set(data, 1);
    this.socket.send(frame);
  }
}
