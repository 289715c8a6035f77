'use client';
import { GraphiQL } from 'graphiql';
import 'graphiql/setup-workers/webpack';
import 'graphiql/style.css';
import { getOperationAST, type DocumentNode } from 'graphql';
import { currentCluster, graphqlPath } from '@/lib/cluster';
import { subscriptionClient } from '@/lib/graphql';
import { useDarkMode } from '@/components/ui/use-dark-mode';

interface FetcherParams {
  query: string;
  operationName?: string | null;
  variables?: Record<string, unknown> | null;
}

const DEFAULT_QUERY = `# GraphQL of this Drydock, as you: every kind is a get and a paginated list
# (coreV1Pod, appsV1DeploymentList …) with its relations; the Docs panel lists them all.
query Deployments($namespace: String) {
  appsV1DeploymentList(namespace: $namespace, limit: 10) {
    items {
      metadata { name namespace }
      spec { replicas }
      owned { kind metadata { name } }
    }
  }
}
`;

/** A subscription's results, over the page's one graphql-ws socket (forwarded by the dashboard server as the user). */
async function* subscribe(params: FetcherParams): AsyncGenerator<unknown> {
  yield* subscriptionClient().iterate({ query: params.query, operationName: params.operationName ?? undefined, variables: params.variables ?? undefined });
}

async function fetcher(params: FetcherParams, options?: { documentAST?: DocumentNode }) {
  if (options?.documentAST && getOperationAST(options.documentAST, params.operationName ?? undefined)?.operation === 'subscription') return subscribe(params);
  const response = await fetch(graphqlPath(), { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify(params) });
  if (response.status === 401) window.location.assign(`/login?next=${encodeURIComponent('/graphiql')}`);
  return response.json();
}

/**
 * GraphiQL (the graphiql package, bundled into the dashboard: nothing is loaded from elsewhere) on the
 * current cluster's `/graphql`. Queries and mutations go through the dashboard server, which adds the
 * signed-in user's token, subscriptions over the page's graphql-ws socket: the explorer can do exactly what
 * the user may do, and the audit log records it as theirs.
 */
export function GraphqlExplorer() {
  const dark = useDarkMode();
  return (
    <div className="-m-6 flex h-screen flex-col" data-testid="graphiql">
      <p className="border-b border-slate-200 bg-white px-4 py-2 text-xs text-slate-500 dark:border-slate-800 dark:bg-slate-900">
        GraphiQL on cluster <span className="font-medium">{currentCluster()}</span> ({graphqlPath()}), as you: what RBAC lets you read and write, recorded in the audit log as yours.
      </p>
      <div className="min-h-0 flex-1">
        <GraphiQL fetcher={fetcher} defaultQuery={DEFAULT_QUERY} forcedTheme={dark ? 'dark' : 'light'} />
      </div>
    </div>
  );
}
