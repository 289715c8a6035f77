import { describe, expect, it } from '@jest/globals';
import { runInNewContext } from 'node:vm';
import { earlyBody, earlyQueryScript, takeEarlyResponse } from './early-query';

const QUERY = 'query ClusterObjects { nodes { name } }';

/** Runs the inline script as the page's <head> would, with this path, stored cluster and a recording fetch. */
function runScript(pathname: string, cluster?: string, window: Record<string, unknown> = {}) {
  const sent: { path: string; init: { method: string; body: string } }[] = [];
  const context = {
    window,
    location: { pathname },
    localStorage: { getItem: (key: string) => (key === 'drydock.cluster' ? cluster ?? null : null) },
    fetch: (path: string, init: { method: string; body: string }) => {
      sent.push({ path, init });
      return Promise.resolve({ path } as unknown as Response);
    },
    Date,
    encodeURIComponent,
  };
  runInNewContext(earlyQueryScript('/', QUERY), context);
  return { sent, early: window.__drydockEarlyQuery as { path: string; body: string; at: number; response: Promise<Response> } | undefined };
}

describe('the overview query sent from the page head', () => {
  it('posts the whole document to the cluster the switcher picked, only on the overview', () => {
    const { sent, early } = runScript('/');
    expect(sent).toHaveLength(1);
    expect(sent[0].path).toBe('/graphql');
    expect(sent[0].init.method).toBe('POST');
    expect(sent[0].init.body).toBe(earlyBody(QUERY));
    expect(JSON.parse(sent[0].init.body)).toEqual({ operationName: 'ClusterObjects', query: QUERY, variables: {} });
    expect(early?.path).toBe('/graphql');
    expect(runScript('/', 'lab').sent[0].path).toBe('/clusters/lab/graphql');
    expect(runScript('/pods').sent).toHaveLength(0);
    // bench:dashboard's switch for a before/after on one build
    expect(runScript('/', undefined, { __drydockNoEarlyQuery: true }).sent).toHaveLength(0);
  });

  it('hands the answer over once, for the same request only, and not when it is old', () => {
    const { early } = runScript('/');
    const global = globalThis as unknown as { window?: { __drydockEarlyQuery?: unknown } };
    global.window = { __drydockEarlyQuery: early };
    try {
      expect(takeEarlyResponse('/clusters/lab/graphql', earlyBody(QUERY))).toBeUndefined();
      expect(takeEarlyResponse('/graphql', JSON.stringify({ query: QUERY, variables: { a: 1 } }))).toBeUndefined();
      expect(takeEarlyResponse('/graphql', earlyBody(QUERY))).toBe(early!.response);
      expect(takeEarlyResponse('/graphql', earlyBody(QUERY))).toBeUndefined();
      global.window = { __drydockEarlyQuery: { ...early, at: Date.now() - 60_000 } };
      expect(takeEarlyResponse('/graphql', earlyBody(QUERY))).toBeUndefined();
    } finally {
      delete global.window;
    }
  });
});
