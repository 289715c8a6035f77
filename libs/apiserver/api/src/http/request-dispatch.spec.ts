import { createServer, get, IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dispatchKubernetesApiFirst } from './request-dispatch';

function fetchText(port: number, path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    get({ host: '127.0.0.1', port, path }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => resolve(text));
    }).on('error', reject);
  });
}

describe('dispatchKubernetesApiFirst', () => {
  it('sends every path but GraphQL\'s to the request chain, and GraphQL\'s (default and sandbox clusters) to the framework', async () => {
    const server = createServer((_req: IncomingMessage, res: ServerResponse) => res.end('framework'));
    dispatchKubernetesApiFirst(server, async (_req, res) => void res.end('chain'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const answers = await Promise.all(['/api/v1/pods', '/', '/apis/apps/v1/namespaces/a/deployments?watch=1', '/clusters/dev/api/v1/pods', '/graphql', '/graphql?x=1', '/clusters/dev/graphql'].map((path) => fetchText(port, path)));
      expect(answers).toEqual(['chain', 'chain', 'chain', 'chain', 'framework', 'framework', 'framework']);
    } finally {
      server.close();
    }
  });
});
