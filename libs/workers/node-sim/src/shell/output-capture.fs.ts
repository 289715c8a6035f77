import type { IFileSystem } from 'just-bash';

import { STDERR_PATH, STDOUT_PATH } from './stream-output.transform';

/**
 * The shell's stdout and stderr as streams: a script rewritten by streamOutput appends each
 * command's output to two reserved paths as the command finishes; this wrapper turns those appends
 * into calls. Every other call reaches the container's filesystem unchanged; the reserved paths are
 * never stored and never listed.
 */

export type OutputSink = (stream: 1 | 2, chunk: Buffer) => void;

export function captureOutput(fs: IFileSystem, sink: OutputSink): IFileSystem {
  const streamOf = (path: string): 1 | 2 | undefined => (path === STDOUT_PATH ? 1 : path === STDERR_PATH ? 2 : undefined);
  const write = (stream: 1 | 2, content: unknown, options: unknown) => {
    const encoding = typeof options === 'string' ? options : (options as { encoding?: string } | undefined)?.encoding;
    const chunk = typeof content === 'string' ? Buffer.from(content, encoding === 'binary' || encoding === 'latin1' ? 'latin1' : 'utf8') : Buffer.from(content as Uint8Array);
    if (chunk.length > 0) sink(stream, chunk);
  };
  return new Proxy(fs, {
    get(target, property, receiver) {
      if (property === 'writeFile' || property === 'appendFile') {
        return async (path: string, content: unknown, options?: unknown) => {
          const stream = streamOf(path);
          if (stream === undefined) return (target[property] as (...args: unknown[]) => Promise<void>).call(target, path, content, options);
          write(stream, content, options);
        };
      }
      const value = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
