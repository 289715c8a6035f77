import { parseImageReference, WELL_KNOWN_IMAGES, wellKnownName } from './image-rules';

/**
 * What an image's filesystem holds where a user looks first (`ls /`, `cat /etc/os-release`, `which
 * sh`): its root directories, its distribution's files, and a few of its own (nginx's config and
 * page). Data only; the container's filesystem is made from it (ContainerFilesystems).
 */
export type Distribution = 'busybox' | 'alpine' | 'debian' | 'ubuntu';

export interface ImageLayout {
  distribution: Distribution;
  directories: string[];
  files: Record<string, string>;
  /** Where `which` finds a program: busybox and alpine keep them in /bin, merged-/usr distributions in /usr/bin. */
  binDirectory: string;
}

const ROOTS: Record<Distribution, string[]> = {
  busybox: ['bin', 'dev', 'etc', 'home', 'lib', 'lib64', 'proc', 'root', 'sys', 'tmp', 'usr', 'var'],
  alpine: ['bin', 'dev', 'etc', 'home', 'lib', 'media', 'mnt', 'opt', 'proc', 'root', 'run', 'sbin', 'srv', 'sys', 'tmp', 'usr', 'var'],
  debian: ['bin', 'boot', 'dev', 'etc', 'home', 'lib', 'lib64', 'media', 'mnt', 'opt', 'proc', 'root', 'run', 'sbin', 'srv', 'sys', 'tmp', 'usr', 'var'],
  ubuntu: ['bin', 'boot', 'dev', 'etc', 'home', 'lib', 'lib64', 'media', 'mnt', 'opt', 'proc', 'root', 'run', 'sbin', 'srv', 'sys', 'tmp', 'usr', 'var'],
};

// busybox has no /etc/os-release; the others as their current releases ship it.
const OS_RELEASE: Record<Distribution, string | undefined> = {
  busybox: undefined,
  alpine: 'NAME="Alpine Linux"\nID=alpine\nVERSION_ID=3.20.3\nPRETTY_NAME="Alpine Linux v3.20"\nHOME_URL="https://alpinelinux.org/"\nBUG_REPORT_URL="https://gitlab.alpinelinux.org/alpine/aports/-/issues"\n',
  debian: 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nVERSION="12 (bookworm)"\nVERSION_CODENAME=bookworm\nID=debian\nHOME_URL="https://www.debian.org/"\nSUPPORT_URL="https://www.debian.org/support"\nBUG_REPORT_URL="https://bugs.debian.org/"\n',
  ubuntu: 'PRETTY_NAME="Ubuntu 24.04.1 LTS"\nNAME="Ubuntu"\nVERSION_ID="24.04"\nVERSION="24.04.1 LTS (Noble Numbat)"\nVERSION_CODENAME=noble\nID=ubuntu\nID_LIKE=debian\nHOME_URL="https://www.ubuntu.com/"\nSUPPORT_URL="https://help.ubuntu.com/"\nBUG_REPORT_URL="https://bugs.launchpad.net/ubuntu/"\nPRIVACY_POLICY_URL="https://www.ubuntu.com/legal/terms-and-policies/privacy-policy"\nUBUNTU_CODENAME=noble\nLOGO=ubuntu-logo\n',
};

const NGINX_DEFAULT_CONF = `server {
    listen       80;
    listen  [::]:80;
    server_name  localhost;

    location / {
        root   /usr/share/nginx/html;
        index  index.html index.htm;
    }

    error_page   500 502 503 504  /50x.html;
    location = /50x.html {
        root   /usr/share/nginx/html;
    }
}
`;

const NGINX_INDEX = '<!DOCTYPE html>\n<html>\n<head>\n<title>Welcome to nginx!</title>\n</head>\n<body>\n<h1>Welcome to nginx!</h1>\n<p>If you see this page, the nginx web server is successfully installed and\nworking. Further configuration is required.</p>\n</body>\n</html>\n';

/** Files of the image itself, beyond its distribution's. */
function ownFiles(known: string | undefined): Record<string, string> {
  if (known === 'nginx') {
    return {
      '/etc/nginx/nginx.conf': `user  nginx;\nworker_processes  auto;\n\nerror_log  /var/log/nginx/error.log notice;\npid        /var/run/nginx.pid;\n\nevents {\n    worker_connections  1024;\n}\n\nhttp {\n    include       /etc/nginx/mime.types;\n    default_type  application/octet-stream;\n    sendfile        on;\n    keepalive_timeout  65;\n    include /etc/nginx/conf.d/*.conf;\n}\n`,
      '/etc/nginx/conf.d/default.conf': NGINX_DEFAULT_CONF,
      '/usr/share/nginx/html/index.html': NGINX_INDEX,
      '/docker-entrypoint.sh': '#!/bin/sh\n# vim:sw=4:ts=4:et\n\nset -e\n',
    };
  }
  if (known === 'redis') return { '/usr/local/bin/docker-entrypoint.sh': '#!/bin/sh\nset -e\n', '/data/.keep': '' };
  if (known === 'postgres') return { '/var/lib/postgresql/data/PG_VERSION': '17\n' };
  return {};
}

/**
 * What the image is built from, for its files and tools: Docker Hub's official name, or the last
 * part of another registry's repository when that names one (`registry.k8s.io/busybox` is busybox).
 */
export function imageFamily(image: string): string | undefined {
  const reference = parseImageReference(image);
  const last = reference.repository.split('/').pop() ?? '';
  return wellKnownName(reference) ?? ((WELL_KNOWN_IMAGES as readonly string[]).includes(last) ? last : undefined);
}

export function imageLayout(image: string): ImageLayout {
  const reference = parseImageReference(image);
  const known = imageFamily(image);
  const tag = reference.tag ?? 'latest';
  const distribution: Distribution = known === 'busybox' ? 'busybox' : known === 'alpine' || /alpine/.test(tag) ? 'alpine' : known === 'ubuntu' ? 'ubuntu' : 'debian';
  const osRelease = OS_RELEASE[distribution];
  const files: Record<string, string> = { ...(osRelease ? { '/etc/os-release': osRelease } : {}), ...ownFiles(known) };
  if (distribution === 'debian') files['/etc/debian_version'] = '12.8\n';
  if (distribution === 'alpine') files['/etc/alpine-release'] = '3.20.3\n';
  return { distribution, directories: ROOTS[distribution].map((name) => `/${name}`), files, binDirectory: distribution === 'debian' || distribution === 'ubuntu' ? '/usr/bin' : '/bin' };
}
