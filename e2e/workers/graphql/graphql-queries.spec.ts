import { resources } from '@drydock/client';
import { eventually, useDrydock } from '../support/use-drydock';
import { graphqlTestClient, GraphqlTestClient } from './support/graphql-test-client';

describe('GraphQL queries against a real Drydock', () => {
  const drydock = useDrydock({ name: 'graphql-queries', nodes: 2, controlLoop: true });
  let gql: GraphqlTestClient;
  beforeAll(() => {
    gql = graphqlTestClient(drydock());
  });
  afterAll(() => gql?.close());

  it('answers me with the authenticated user', async () => {
    const data = await gql.data<{ me: { name: string; groups: string[] } }>('{ me { name groups } }');
    expect(data.me).toEqual({ name: 'drydock-admin', groups: expect.arrayContaining(['system:masters']) });
  });

  it('lists nodes with their pods from one node list and one pod list', async () => {
    const client = drydock().client();
    await eventually('two nodes', async () => (await client.list(resources.nodes)).items.length === 2, 60_000);
    const response = await gql.request<{ nodes: { name: string; status: string; pods: { name: string }[] }[] }>('{ nodes { name status ready roles podCount requested { cpu memory pods } pods { name namespace status node { name } } } }');
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data!.nodes).toHaveLength(2);
    expect(response.body.extensions?.apiRequests).toBe(2);
  });
});
