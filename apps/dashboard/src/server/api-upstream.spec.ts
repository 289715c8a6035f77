import { ApiUpstream } from './api-upstream';

describe('ApiUpstream.forwardHeaders', () => {
  const upstream = new ApiUpstream('https://127.0.0.1:1', 'ca');
  afterAll(() => upstream.agent.destroy());

  it('replaces the browser cookie with the user token and drops hop-by-hop headers', () => {
    const headers = upstream.forwardHeaders({ cookie: 'drydock_session=x', host: 'h', connection: 'keep-alive', authorization: 'Bearer forged', 'content-type': 'application/json', 'sec-websocket-key': 'k' }, 'user-token');
    expect(headers).toEqual({ 'content-type': 'application/json', authorization: 'Bearer user-token', 'x-drydock-namespaces': 'reachable' });
  });
});
