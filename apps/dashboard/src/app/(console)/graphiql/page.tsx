'use client';
import dynamic from 'next/dynamic';
import { Loading } from '@/components/ui/states';

// GraphiQL's editors (Monaco) run only in the browser, with their workers from the dashboard's own build.
const GraphqlExplorer = dynamic(() => import('@/components/graphiql/graphql-explorer').then((module) => module.GraphqlExplorer), { ssr: false, loading: () => <Loading label="Loading the GraphQL explorer…" /> });

/** `/graphiql`: GraphiQL over the current cluster's GraphQL, as the signed-in user. */
export default function GraphiqlPage() {
  return <GraphqlExplorer />;
}
