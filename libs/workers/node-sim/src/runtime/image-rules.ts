/**
 * Which images the simulated registry can pull. The rule (docs/node-sim.md): an image of a well-known
 * Docker Hub repository (nginx, busybox, redis, …) exists only with a tag it really has — `latest`, a
 * version-like tag (`1.27`, `1.27.3`, `v2`, `7-alpine`, `3.19`), a named flavour (`alpine`, `stable`,
 * `bookworm`…) or a digest. Anything else (`nginx:no-such-tag`) is "not found". Images the simulator
 * cannot know (private registries, unknown repositories such as `ghcr.io/org/app:1.0.0`) always pull.
 */

export interface ImageReference {
  /** As written in the pod spec. */
  image: string;
  /** Fully qualified, as containerd reports it: `docker.io/library/nginx:latest`. */
  canonical: string;
  registry: string;
  repository: string;
  tag?: string;
  digest?: string;
}

export const WELL_KNOWN_IMAGES = [
  'nginx', 'busybox', 'redis', 'postgres', 'alpine', 'ubuntu', 'debian', 'httpd', 'mysql', 'mariadb', 'mongo',
  'node', 'python', 'golang', 'memcached', 'rabbitmq', 'traefik', 'caddy', 'haproxy', 'centos', 'fedora', 'registry', 'hello-world',
] as const;

const FLAVOURS = /^(latest|stable|mainline|alpine|slim|bookworm|bullseye|buster|jammy|noble|focal|glibc|musl|uclibc|perl|otel|unprivileged|management|trixie)$/;
const VERSION_TAG = /^v?\d+(\.\d+){0,3}([-_.][a-z0-9]+)*$/;
const FLAVOURED_TAG = /^(alpine|slim|bookworm|bullseye|jammy|noble|stable|mainline)[-.a-z0-9]*$/;

/** Parses an image reference the way containerd normalises it (docker.io, library/, :latest). */
export function parseImageReference(image: string): ImageReference {
  let rest = image;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  const slash = rest.indexOf('/');
  const first = slash >= 0 ? rest.slice(0, slash) : '';
  const hasRegistry = slash >= 0 && (first.includes('.') || first.includes(':') || first === 'localhost');
  const registry = hasRegistry ? first : 'docker.io';
  let path = hasRegistry ? rest.slice(slash + 1) : rest;
  let tag: string | undefined;
  const colon = path.lastIndexOf(':');
  if (colon >= 0) {
    tag = path.slice(colon + 1);
    path = path.slice(0, colon);
  }
  if (!tag && !digest) tag = 'latest';
  const repository = registry === 'docker.io' && !path.includes('/') ? `library/${path}` : path;
  const canonical = `${registry}/${repository}${tag ? `:${tag}` : ''}${digest ? `@${digest}` : ''}`;
  return { image, canonical, registry, repository, tag, digest };
}

/** The well-known short name (`nginx`) when the reference is one of Docker Hub's official images. */
export function wellKnownName(reference: ImageReference): string | undefined {
  if (reference.registry !== 'docker.io' || !reference.repository.startsWith('library/')) return undefined;
  const name = reference.repository.slice('library/'.length);
  return (WELL_KNOWN_IMAGES as readonly string[]).includes(name) ? name : undefined;
}

/** Returns the containerd-style pull error, or undefined when the image exists. */
export function imagePullError(image: string): string | undefined {
  const reference = parseImageReference(image);
  if (!wellKnownName(reference) || reference.digest) return undefined;
  const tag = reference.tag ?? 'latest';
  if (FLAVOURS.test(tag) || VERSION_TAG.test(tag) || FLAVOURED_TAG.test(tag)) return undefined;
  const c = reference.canonical;
  return `rpc error: code = NotFound desc = failed to pull and unpack image "${c}": failed to resolve reference "${c}": ${c}: not found`;
}

/** The default imagePullPolicy as the API server defaults it: Always for `:latest` or no tag. */
export function defaultPullPolicy(image: string): 'Always' | 'IfNotPresent' {
  const reference = parseImageReference(image);
  return !reference.digest && reference.tag === 'latest' ? 'Always' : 'IfNotPresent';
}

/** A plausible compressed size for the Pulled event (stable per image). */
export function simulatedImageSize(image: string): number {
  let hash = 0;
  for (const ch of image) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return 20_000_000 + (hash % 180_000_000);
}

/** A stable fake sha256 hex digest of an image reference. */
export function imageDigest(text: string): string {
  let hash = 0x811c9dc5;
  let out = '';
  for (let round = 0; out.length < 64; round++) {
    for (const ch of `${round}${text}`) hash = Math.imul(hash ^ ch.charCodeAt(0), 0x01000193) >>> 0;
    out += hash.toString(16).padStart(8, '0');
  }
  return out.slice(0, 64);
}
