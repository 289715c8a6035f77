/**
 * A page's first query sent from the HTML's <head>, before the page's scripts load: on a big cluster the
 * server's answer takes as long as the scripts take to start, so the two overlap instead of adding up.
 * `earlyQueryScript` is the inline script (the root layout adds it for `/`, the overview), and `gql` takes
 * its response instead of sending the same query again (once, and only for the cluster it was sent to).
 * No 'use client': the layout, a server component, reads the script builder.
 */

/** Where lib/cluster.ts keeps the cluster the switcher picked (the script runs before that module loads). */
export const CLUSTER_STORAGE_KEY = 'drydock.cluster';

interface EarlyQuery {
  path: string;
  body: string;
  /** When it was sent (Date.now()): an answer older than EARLY_MAX_AGE_MS is not taken. */
  at: number;
  response: Promise<Response>;
}

/** The page's hooks ask for their first query as they mount; later (the user went elsewhere first) the answer is stale. */
const EARLY_MAX_AGE_MS = 15_000;

declare global {
  interface Window {
    __drydockEarlyQuery?: EarlyQuery;
    __drydockNoEarlyQuery?: boolean;
  }
}

/** The name of the document's first operation (`query KindObject(…)` → KindObject), which the server's audit records. */
export function operationNameOf(document: string): string | undefined {
  return /^\s*(?:query|mutation|subscription)\s+([_A-Za-z][_0-9A-Za-z]*)/.exec(document)?.[1];
}

/** The early request's body: the whole document (not its persisted-query hash, which this API server may not know yet), no variables. */
export const earlyBody = (query: string): string => JSON.stringify({ operationName: operationNameOf(query), query, variables: {} });

/**
 * The inline script: on `pathname`, POSTs `query` to the GraphQL endpoint of the cluster the switcher picked.
 * `window.__drydockNoEarlyQuery` (set before the page's scripts by `DASHBOARD_BENCH_EARLY_QUERY=0` of
 * bench:dashboard) leaves the query to the page, so one build can be measured with and without.
 */
export function earlyQueryScript(pathname: string, query: string): string {
  const body = JSON.stringify(earlyBody(query));
  return `try{if(location.pathname===${JSON.stringify(pathname)}&&!window.__drydockNoEarlyQuery){var c=localStorage.getItem(${JSON.stringify(CLUSTER_STORAGE_KEY)})||'default',p=c==='default'?'/graphql':'/clusters/'+encodeURIComponent(c)+'/graphql',b=${body};window.__drydockEarlyQuery={path:p,body:b,at:Date.now(),response:fetch(p,{method:'POST',headers:{'content-type':'application/json'},body:b})}}}catch(e){}`;
}

/** The early response for this query and endpoint, once (undefined when none was sent, it was taken or it is old). */
export function takeEarlyResponse(path: string, body: string): Promise<Response> | undefined {
  if (typeof window === 'undefined') return undefined;
  const early = window.__drydockEarlyQuery;
  if (!early || early.path !== path || early.body !== body) return undefined;
  window.__drydockEarlyQuery = undefined;
  return Date.now() - early.at <= EARLY_MAX_AGE_MS ? early.response : undefined;
}
