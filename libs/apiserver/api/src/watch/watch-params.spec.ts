import { parseWatchParams } from './watch-params';

describe('parseWatchParams', () => {
  it('starts with the current state for resourceVersion 0 (kubectl get NAME -w)', () => {
    expect(parseWatchParams(new URLSearchParams('watch=true&resourceVersion=0'))).toMatchObject({ sendInitialEvents: true, fromRevision: undefined });
  });

  it('resumes after a revision without initial events', () => {
    expect(parseWatchParams(new URLSearchParams('watch=true&resourceVersion=17&timeoutSeconds=5'))).toMatchObject({ sendInitialEvents: false, fromRevision: 17, timeoutMs: 5000 });
  });

  it('accepts the WatchList request client-go 1.35 sends', () => {
    const params = parseWatchParams(new URLSearchParams('watch=true&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true'));
    expect(params).toMatchObject({ sendInitialEvents: true, bookmarks: true });
  });

  it('reads the WatchList booleans as the Python client spells them (True)', () => {
    const params = parseWatchParams(new URLSearchParams('sendInitialEvents=True&allowWatchBookmarks=True&resourceVersionMatch=NotOlderThan'));
    expect({ initial: params.sendInitialEvents, bookmarks: params.bookmarks }).toEqual({ initial: true, bookmarks: true });
    expect(parseWatchParams(new URLSearchParams('resourceVersion=5&sendInitialEvents=False&allowWatchBookmarks=True&resourceVersionMatch=NotOlderThan')).sendInitialEvents).toBe(false);
  });

  it('rejects sendInitialEvents without resourceVersionMatch=NotOlderThan as 422', () => {
    expect(() => parseWatchParams(new URLSearchParams('watch=true&sendInitialEvents=true&allowWatchBookmarks=true'))).toThrow(expect.objectContaining({ code: 422 }));
  });

  it('rejects a malformed resourceVersion with 400', () => {
    expect(() => parseWatchParams(new URLSearchParams('watch=true&resourceVersion=abc'))).toThrow(expect.objectContaining({ code: 400 }));
  });
});
