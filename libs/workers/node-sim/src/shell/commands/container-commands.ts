import type { Command } from 'just-bash';
import type { KubeObject } from '@drydock/util';
import type { ClusterNetwork } from '../../kubelet/cluster-network';
import { imageFamily, imageLayout } from '../../runtime/image-layouts';
import { nginxVersion } from '../../runtime/server-images';
import type { ContainerShell } from '../container-shell';
import { chrootCommand } from './chroot.command';
import { curlCommand } from './curl.command';
import { dateCommand } from './date.command';
import { digCommand } from './dig.command';
import { envCommands } from './env.command';
import { getentCommand } from './getent.command';
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
  /** The time on the simulated clock (what `date` prints; `sleep` waits on the same clock). Default: now(). */
  simulatedNow?(): Date;
  /** The node's shell when `path` is a hostPath mount of the node's `/` in this container (chroot). */
  hostShell?(path: string): ContainerShell | undefined;
}

/** The DNS debugging images (upstream's dnsutils pod, netshoot): BIND's dig and nslookup. */
const DNS_UTILS = /(^|\/)(jessie-)?dnsutils(:|@|$)|(^|\/)netshoot(:|@|$)/;

/**
 * The commands of our own a container has, by what its image ships: busybox applets (ps, wget,
 * nslookup, nc) in busybox and alpine, glibc's getent in the Debian-based images, dig in the DNS
 * debugging images, curl in the server and language images, the server's own binary (nginx,
 * redis-cli). A command the image lacks is `not found`, as it would be.
 */
export function containerCommands(context: ContainerCommandContext): Command[] {
  const layout = imageLayout(context.image);
  const known = imageFamily(context.image);
  const network = { network: context.network, namespace: context.namespace, image: context.image, pod: context.pod };
  const busybox = layout.distribution === 'busybox' || layout.distribution === 'alpine';
  const clock = () => context.simulatedNow?.() ?? context.now();
  const commands = [...identityCommands(context.hostname), ...envCommands(), tarCommand(), whichCommand(layout.binDirectory), killCommand((signal) => context.signalMain(signal)), dateCommand(clock, busybox)];
  if (busybox) commands.push(psCommand(() => context.mainCommand()), wgetCommand(network), nslookupCommand(network), ncCommand(network));
  if (layout.distribution === 'debian' || layout.distribution === 'ubuntu') commands.push(getentCommand(network));
  if (DNS_UTILS.test(context.image)) commands.push(digCommand(network, clock), nslookupCommand(network, 'bind'));
  if (known && !['busybox', 'alpine', 'debian', 'ubuntu'].includes(known)) commands.push(curlCommand(network));
  if (known === 'nginx') commands.push(nginxCommand(nginxVersion(context.image), () => context.now()));
  if (known === 'redis') commands.push(redisCliCommand(network));
  if (context.hostShell) commands.push(chrootCommand(context.hostShell));
  return commands;
}
