import { EventEmitter } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ResourceDefinition } from '@drydock/registry';
import type { KubeObject } from '@drydock/util';
import { serveWatch, turnLines } from './watch-stream';
import { parseWatchParams } from './watch-params';
import type { WatchSource } from './watch-source';

const def = { kind: 'ConfigMap', group: '', version: 'v1', resource: 'configmaps', namespaced: true } as unknown as ResourceDefinition;
const configMap = (name: string, rv: number): KubeObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default', resourceVersion: String(rv) } });

/** A watch cache that trails the store: it holds revision 10 until asked to wait, then applies the write at 12. */
function laggingCache() {
  const state = { revision: 10, items: [configMap('old', 10)], waitedFor: [] as number[] };
  const source = {
    get revision() {
      return state.revision;
    },
    waitForRevision: async (revision: number) => {
      state.waitedFor.push(revision);
      state.revision = 12;
      state.items = [...state.items, configMap('just-written', 12)];
      return true;
    },
    snapshot: () => ({ items: state.items, revision: state.revision }),
    listAt: () => undefined,
    watch: () => ({ close: () => undefined }),
  } as unknown as WatchSource;
  return { source, state };
}

async function watchLines(source: WatchSource, query: string): Promise<{ type: string; object: KubeObject }[]> {
  const written: string[] = [];
  const req = new EventEmitter() as unknown as IncomingMessage;
  const res = Object.assign(new EventEmitter(), {
    destroyed: false,
    writeHead: () => res,
    flushHeaders: () => undefined,
    write: (chunk: string) => written.push(chunk) > 0,
    end: () => undefined,
    destroy: () => undefined,
  }) as unknown as ServerResponse;
  const params = parseWatchParams(new URLSearchParams(`${query}&timeoutSeconds=1`));
  params.timeoutMs = 30;
  await serveWatch(req, res, source, { def, collection: { cluster: '', resource: 'configmaps', namespace: 'default' }, selection: { matches: () => true } as never, params, latestRevision: async () => 12 });
  return written.join('').split('\n').filter(Boolean).map((line) => JSON.parse(line));
}

describe('serveWatch: where a watch without a resourceVersion starts', () => {
  it('a streaming list (sendInitialEvents, no resourceVersion) waits for the store\'s latest revision, so a write already answered is among its ADDED events', async () => {
    const { source, state } = laggingCache();
    const events = await watchLines(source, 'watch=1&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true');
    expect(state.waitedFor).toEqual([12]);
    expect(events.filter((e) => e.type === 'ADDED').map((e) => e.object.metadata.name)).toEqual(['old', 'just-written']);
    expect(events.find((e) => e.type === 'BOOKMARK')?.object.metadata).toEqual({ resourceVersion: '12', annotations: { 'k8s.io/initial-events-end': 'true' } });
  });

  it('resourceVersion=0 is "any": what the cache holds, without asking the store', async () => {
    const { source, state } = laggingCache();
    const events = await watchLines(source, 'watch=1&resourceVersion=0');
    expect(state.waitedFor).toEqual([]);
    expect(events.filter((e) => e.type === 'ADDED').map((e) => e.object.metadata.name)).toEqual(['old']);
  });
});

describe('turnLines: one encoding per event for every watcher of a turn', () => {
  it('shares a line between the watchers of one turn, tagged lines apart, and keeps none past the turn', async () => {
    const object = configMap('a', 5);
    const line = turnLines.line('MODIFIED', object);
    expect(JSON.parse(line)).toEqual({ type: 'MODIFIED', object });
    expect(turnLines.line('MODIFIED', object)).toBe(line);
    expect(JSON.parse(turnLines.taggedLine('MODIFIED', object, 'blue')).object.metadata.annotations).toEqual({ 'drydock.dev/cluster': 'blue' });
    expect(turnLines.size).toBe(2);
    // The watch cache holds its events' objects for 75 s or more: their lines must not live as long.
    await new Promise((resolve) => setImmediate(resolve));
    expect(turnLines.size).toBe(0);
    expect(turnLines.line('ADDED', object)).toBe(`{"type":"ADDED","object":${JSON.stringify(object)}}\n`);
  });
});
