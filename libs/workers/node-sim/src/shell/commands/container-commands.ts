import type { Command } from 'just-bash';
import type { KubeObject } from '@drydock/util';
import type { ClusterNetwork } from '../../kubelet/cluster-network';
import { imageFamily, imageLayout } from '../../runtime/image-layouts';
import { nginxVersion } from '../../runtime/server-images';
import type { ContainerShell } from '../container-shell';
import { chrootCommand } from './chroot.command';
import { curlCommand } from './curl.command';
import { envCommands } from './env.command';
import { identityCommands } from './identity.command';
import { killCommand, Signal } from './kill.command';
import { ncCommand } from './nc.command';
import { nginxCommand } from './nginx.command';
import { nslookupCommand } from './nslookup.command';
import { psCommand } from './ps.command';
import { redisCliCommand } from './redis-cli.command';
import { tarCommand } from './tar.command';
import { whichCommand } from './which.command';
import { wgetCommand } from './wget.command';

/** What the container's commands may know of it and of the cluster. */
export interface ContainerCommandContext {
  hostname: string;
  namespace: string;
  image: string;
  network: ClusterNetwork;
  /** The pod the container belongs to (its labels and address are what NetworkPolicy judges). */
  pod?: () => KubeObject | undefined;
  /** PID 1's command line, for ps. */
  mainCommand(): string;
  /** A signal sent to PID 1 by `kill 1`. */
  signalMain(signal: Signal): void;
  now(): Date;
  /** The node's shell when `path` is a hostPath mount of the node's `/` in this container (chroot). */
  hostShell?(path: string): ContainerShell | undefined;
}

/**
 * The commands of our own a container has, by what its image ships: busybox applets (ps, wget,
 * nslookup, nc) in busybox and alpine, curl in the server and language images, the server's own
 * binary (nginx, redis-cli). A command the image lacks is `not found`, as it would be.
 */
export function containerCommands(context: ContainerCommandContext): Command[] {
  const layout = imageLayout(context.image);
  const known = imageFamily(context.image);
  const network = { network: context.network, namespace: context.namespace, image: context.image, pod: context.pod };
  const commands = [...identityCommands(context.hostname), ...envCommands(), tarCommand(), whichCommand(layout.binDirectory), killCommand((signal) => context.signalMain(signal))];
  if (layout.distribution === 'busybox' || layout.distribution === 'alpine') commands.push(psCommand(() => context.mainCommand()), wgetCommand(network), nslookupCommand(network), ncCommand(network));
  if (known && !['busybox', 'alpine', 'debian', 'ubuntu'].includes(known)) commands.push(curlCommand(network));
  if (known === 'nginx') commands.push(nginxCommand(nginxVersion(context.image), () => context.now()));
  if (known === 'redis') commands.push(redisCliCommand(network));
  if (context.hostShell) commands.push(chrootCommand(context.hostShell));
  return commands;
}
