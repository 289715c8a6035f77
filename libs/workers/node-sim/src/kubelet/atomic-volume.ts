import { InMemoryFs, type IFileSystem } from 'just-bash';
import type { VolumeContent } from './volume-sources';

/** Methods that do not touch content: no refresh first (getAllPaths is synchronous, used by globbing). */
const PASSIVE = new Set<PropertyKey>(['resolvePath', 'getAllPaths']);
/** Methods that follow symlinks in their first path (InMemoryFs does not follow a link to a link: see `follow`). */
const FOLLOWING = new Set<PropertyKey>(['readFile', 'readFileBuffer', 'readFileBytes', 'stat', 'exists', 'readdir', 'readdirWithFileTypes', 'realpath', 'cp']);

/**
 * A configMap/secret/downwardAPI/projected volume laid out as upstream's AtomicWriter lays it out:
 * the files in a timestamped directory `..2026_12_06_22_59_01.123456789`, a symlink `..data` to it,
 * and each top-level name a symlink into `..data`. Before any call the content is checked against
 * its source (informer caches): when the object changed, a new directory is written and `..data`
 * swapped, as the kubelet does on its next sync.
 */
export class AtomicVolume {
  private readonly fs = new InMemoryFs();
  private version?: string;
  private directory?: string;
  private names = new Set<string>();
  private writing: Promise<void> = Promise.resolve();

  constructor(private readonly content: () => Promise<VolumeContent>, private readonly now: () => Date) {}

  /** The volume's filesystem, brought up to date before every call. */
  view(): IFileSystem {
    return new Proxy(this.fs, {
      get: (target, property, receiver) => {
        const value = Reflect.get(target, property, receiver);
        if (typeof value !== 'function') return value;
        if (PASSIVE.has(property)) return value.bind(target);
        return async (...args: unknown[]) => {
          await this.refresh();
          if (FOLLOWING.has(property) && typeof args[0] === 'string') args[0] = this.follow(args[0]);
          return value.apply(target, args);
        };
      },
    });
  }

  /**
   * `key` → `..data/key` → `..<time>/key`: just-bash's InMemoryFs does not resolve a symlink whose
   * target passes through another symlink, so reads are pointed at the current directory here.
   */
  private follow(path: string): string {
    const [, first, ...rest] = path.split('/');
    if (!this.directory || !first) return path;
    if (first === '..data') return ['', this.directory, ...rest].join('/');
    return this.names.has(first) ? ['', this.directory, first, ...rest].join('/') : path;
  }

  async refresh(): Promise<void> {
    const content = await this.content();
    if (content.version === this.version) return this.writing;
    this.version = content.version;
    this.writing = this.writing.then(() => this.write(content));
    return this.writing;
  }

  private async write(content: VolumeContent): Promise<void> {
    const directory = timestampedName(this.now());
    for (const [path, text] of content.files) {
      const full = `/${directory}/${path}`;
      await this.fs.mkdir(full.slice(0, full.lastIndexOf('/')), { recursive: true });
      await this.fs.writeFile(full, text);
    }
    await this.fs.mkdir(`/${directory}`, { recursive: true });
    if (this.directory) await this.fs.rm('/..data', { force: true });
    await this.fs.symlink(directory, '/..data');
    const names = new Set([...content.files.keys()].map((path) => path.split('/')[0]));
    for (const name of names) if (!this.names.has(name)) await this.fs.symlink(`..data/${name}`, `/${name}`);
    for (const name of this.names) if (!names.has(name)) await this.fs.rm(`/${name}`, { force: true });
    if (this.directory) await this.fs.rm(`/${this.directory}`, { recursive: true, force: true });
    this.names = names;
    this.directory = directory;
  }
}

/** `..2006_01_02_15_04_05.000000000` in UTC, as the kubelet names its versions. */
export function timestampedName(at: Date): string {
  const iso = at.toISOString();
  const nanos = `${iso.slice(20, 23)}${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`;
  return `..${iso.slice(0, 19).replace(/[-T:]/g, '_')}.${nanos}`;
}
