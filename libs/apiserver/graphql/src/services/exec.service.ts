import { Injectable } from '@nestjs/common';
import { ApiError, resourcePath, resources } from '@drydock/client';
import { StatusError } from '@drydock/util';
import WebSocket from 'ws';
import type { GraphqlContext } from '../graphql-context';

export interface ExecOutcome {
  stdout: string;
  stderr: string;
  exitCode: number;
}

const EXEC_TIMEOUT_MS = 30_000;
const STDOUT = 1;
const STDERR = 2;
const STATUS = 3;

/** The exit code a v5.channel.k8s.io status message reports (Success: 0; NonZeroExitCode: its ExitCode cause). */
export function exitCodeOf(status: { status?: string; reason?: string; message?: string; details?: { causes?: { reason?: string; message?: string }[] } }): number {
  if (status.status === 'Success') return 0;
  const cause = status.details?.causes?.find((c) => c.reason === 'ExitCode');
  if (status.reason === 'NonZeroExitCode' && cause?.message !== undefined) return Number(cause.message);
  throw new StatusError(500, 'InternalError', status.message ?? 'the command failed without an exit code');
}

/** A non-interactive exec through the API server's pods/exec WebSocket (v5.channel.k8s.io) as the caller, like `kubectl exec POD -- CMD`. */
@Injectable()
export class ExecService {
  run(ctx: GraphqlContext, namespace: string, pod: string, container: string | undefined, command: string[]): Promise<ExecOutcome> {
    if (command.length === 0) throw StatusError.badRequest('command must not be empty');
    const target = ctx.kube.websocketTarget(resourcePath(resources.pods, namespace, pod, 'exec'), { command, container, stdout: true, stderr: true });
    return new Promise<ExecOutcome>((resolve, reject) => {
      const socket = new WebSocket(target.url, ['v5.channel.k8s.io', 'v4.channel.k8s.io'], { headers: target.headers, ca: target.ca });
      const stdout: Buffer[] = [];
      const stderr: Buffer[] = [];
      let exitCode: number | undefined;
      let failure: Error | undefined;
      let refused = false;
      const timer = setTimeout(() => {
        failure = new StatusError(504, 'Timeout', `the command did not finish within ${EXEC_TIMEOUT_MS / 1000} s`);
        socket.terminate();
      }, EXEC_TIMEOUT_MS);
      socket.on('unexpected-response', (_req, res) => {
        refused = true;
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          clearTimeout(timer);
          reject(ApiError.fromResponse(res.statusCode ?? 500, Buffer.concat(chunks).toString('utf8')));
        });
      });
      socket.on('message', (data: Buffer) => {
        const frame = Buffer.isBuffer(data) ? data : Buffer.from(data as ArrayBuffer);
        if (frame.length === 0) return;
        const payload = frame.subarray(1);
        if (frame[0] === STDOUT) stdout.push(payload);
        else if (frame[0] === STDERR) stderr.push(payload);
        else if (frame[0] === STATUS && payload.length > 0) {
          try {
            exitCode = exitCodeOf(JSON.parse(payload.toString('utf8')));
          } catch (error) {
            failure = error as Error;
          }
        }
      });
      socket.on('error', (error) => {
        failure ??= error;
      });
      socket.on('close', () => {
        if (refused) return;
        clearTimeout(timer);
        if (failure) return reject(failure);
        resolve({ stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8'), exitCode: exitCode ?? 0 });
      });
    });
  }
}
