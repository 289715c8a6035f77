import fc from 'fast-check';
import * as https from 'node:https';
import { buildClientSchema, getIntrospectionQuery, getNamedType, isEnumType, isInputObjectType, isLeafType, isListType, isNonNullType, isScalarType, type GraphQLField, type GraphQLInputType, type GraphQLSchema } from 'graphql';
import WebSocket from 'ws';
import { hostileString, jsonValue } from './fuzz-inputs';
import type { Operation } from './openapi-operations';
import type { RobustDrydock } from './robust-drydock';
import type { Finding } from './invariants';

interface FuzzOptions {
  seed: number;
  findings: Finding[];
}

/** A value of a GraphQL input type: mostly of that type (realistic names half the time), sometimes not. */
function inputValue(type: GraphQLInputType, depth = 0): fc.Arbitrary<unknown> {
  if (isNonNullType(type)) return inputValue(type.ofType, depth);
  const wrong = fc.oneof(hostileString, fc.integer(), fc.constant(null));
  if (isListType(type)) return fc.oneof({ weight: 5, arbitrary: fc.array(inputValue(type.ofType, depth + 1), { maxLength: 3 }) }, { weight: 1, arbitrary: wrong });
  if (isEnumType(type)) return fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...type.getValues().map((v) => v.name)) }, { weight: 1, arbitrary: wrong });
  if (isInputObjectType(type)) {
    if (depth > 3) return fc.constant({});
    const fields = Object.values(type.getFields());
    return fc.record(Object.fromEntries(fields.map((f) => [f.name, inputValue(f.type, depth + 1)])), { requiredKeys: fields.filter((f) => isNonNullType(f.type)).map((f) => f.name) });
  }
  if (isScalarType(type)) {
    switch (type.name) {
      case 'Int':
        return fc.oneof(fc.integer(), fc.constantFrom(0, -1, 1_000_000_000), fc.double().map((d) => d));
      case 'Float':
        return fc.double();
      case 'Boolean':
        return fc.boolean();
      case 'String':
      case 'ID':
        return fc.oneof({ weight: 2, arbitrary: fc.constantFrom('fuzz-a', 'fuzz-b', 'default', 'target', 'missing', 'apps/v1', 'v1', 'Pod', 'Deployment', 'pods', 'kind: ConfigMap\napiVersion: v1\nmetadata: {name: g}\n') }, { weight: 2, arbitrary: hostileString });
      default:
        return jsonValue;
    }
  }
  return wrong;
}

/** The smallest valid selection for a field's type: its leaf fields, or only `__typename`. */
function selection(field: GraphQLField<unknown, unknown>): string {
  const named = getNamedType(field.type);
  return isLeafType(named) ? '' : '{ __typename }';
}

function typeName(type: GraphQLInputType): string {
  return String(type);
}

interface GraphqlAnswer {
  status: number;
  text: string;
}

function post(drydock: RobustDrydock, body: string, timeoutMs = 15_000): Promise<GraphqlAnswer> {
  return drydock.send({ method: 'POST', path: '/graphql', body, headers: { 'Content-Type': 'application/json' } }, timeoutMs);
}

/** An answer with a 5xx, an INTERNAL_SERVER_ERROR or a stack trace is a finding. */
function graphqlViolation(answer: GraphqlAnswer): string | undefined {
  if (answer.status >= 500) return `HTTP ${answer.status}`;
  if (/INTERNAL_SERVER_ERROR|Internal server error|"stacktrace"| {4}at /.test(answer.text)) return 'an internal error';
  return undefined;
}

/** Every Query and Mutation field with hostile arguments, then raw hostile request bodies. Returns the requests sent. */
export async function fuzzGraphql(drydock: RobustDrydock, options: FuzzOptions & { runsPerField: number }): Promise<number> {
  const introspection = JSON.parse((await post(drydock, JSON.stringify({ query: getIntrospectionQuery() }))).text);
  const schema: GraphQLSchema = buildClientSchema(introspection.data);
  let sent = 0;
  const roots = [
    ['query', schema.getQueryType()],
    ['mutation', schema.getMutationType()],
  ] as const;
  let index = 0;
  for (const [keyword, root] of roots) {
    for (const field of Object.values(root?.getFields() ?? {})) {
      const variables = fc.record(Object.fromEntries(field.args.map((a) => [a.name, inputValue(a.type)])), { requiredKeys: [] });
      const declared = field.args.map((a) => `$${a.name}: ${typeName(a.type)}`).join(', ');
      const args = field.args.map((a) => `${a.name}: $${a.name}`).join(', ');
      const query = `${keyword}${declared ? `(${declared})` : ''} { ${field.name}${args ? `(${args})` : ''} ${selection(field)} }`;
      await fc.assert(
        fc.asyncProperty(variables, async (values) => {
          sent++;
          const body = JSON.stringify({ query, variables: values });
          const answer = await post(drydock, body).catch((error: Error) => ({ status: 0, text: error.message }));
          const violation = answer.status === 0 ? 'no answer' : graphqlViolation(answer);
          if (violation) options.findings.push({ what: `GraphQL ${violation}`, request: body.slice(0, 300), answer: `${answer.status} ${answer.text.slice(0, 300)}` });
          return true;
        }),
        { seed: options.seed + index++, numRuns: options.runsPerField, endOnFailure: true },
      );
    }
  }
  // Bodies that are not GraphQL requests: garbage, wrong shapes, deep and wide documents.
  const hostileBodies = fc.oneof(
    jsonValue.map((v) => JSON.stringify(v) ?? ''),
    hostileString,
    fc.record({ query: hostileString, variables: jsonValue, operationName: fc.oneof(hostileString, fc.constant(undefined)) }).map((v) => JSON.stringify(v)),
    fc.integer({ min: 1, max: 3000 }).map((depth) => JSON.stringify({ query: `{ ${'namespaces { metadata { name } '.repeat(1)}${'{ a '.repeat(depth)}${'}'.repeat(depth)} }` })),
    fc.integer({ min: 1, max: 5000 }).map((n) => JSON.stringify({ query: `{ ${Array.from({ length: n }, (_, i) => `a${i}: __typename`).join(' ')} }` })),
    fc.constantFrom(JSON.stringify({ query: 'query { __schema { types { fields { type { ofType { ofType { ofType { name } } } } } } } }' }), JSON.stringify({ query: '{ ...A } fragment A on Query { ...A }' })),
  );
  await fc.assert(
    fc.asyncProperty(hostileBodies, async (body) => {
      sent++;
      const answer = await post(drydock, body).catch((error: Error) => ({ status: 0, text: error.message }));
      const violation = answer.status === 0 ? 'no answer' : graphqlViolation(answer);
      if (violation) options.findings.push({ what: `GraphQL body: ${violation}`, request: body.slice(0, 300), answer: `${answer.status} ${answer.text.slice(0, 300)}` });
      return true;
    }),
    { seed: options.seed, numRuns: options.runsPerField * 50, endOnFailure: true },
  );
  return sent;
}

/** A graphql-transport-ws frame: protocol messages with hostile payloads, and frames that are none. */
const frame: fc.Arbitrary<string | Buffer> = fc.oneof(
  fc.record({ type: fc.constantFrom('connection_init', 'subscribe', 'complete', 'ping', 'pong', 'next', 'error', 'bogus'), id: fc.oneof(fc.constantFrom('1', '2'), hostileString), payload: fc.oneof(fc.record({ query: fc.oneof(fc.constantFrom('subscription { events(namespace: "fuzz-a") { __typename } }', 'subscription { objectChanges(kinds: ["Pod", "x/y/Z"]) { __typename } }', 'subscription { podLogs(name: "target", namespace: "fuzz-a") { __typename } }', 'subscription { workloadLogs(kind: Deployment, name: "target", namespace: "fuzz-a") { __typename } }', 'subscription { a: __typename }', 'query { namespaces { metadata { name } } }', 'mutation { cordonNode(name: "x") { __typename } }'), hostileString), variables: jsonValue }), jsonValue) }, { requiredKeys: ['type'] }).map((v) => JSON.stringify(v)),
  jsonValue.map((v) => JSON.stringify(v) ?? ''),
  hostileString,
  fc.uint8Array({ maxLength: 64 }).map((bytes) => Buffer.from(bytes)),
);

/** Opens graphql-ws connections, sends each a few hostile frames, and expects an answer or an orderly close. */
export async function fuzzGraphqlWebSocket(drydock: RobustDrydock, options: FuzzOptions & { runs: number }): Promise<number> {
  let sent = 0;
  await fc.assert(
    fc.asyncProperty(fc.boolean(), fc.array(frame, { minLength: 1, maxLength: 6 }), async (authenticate, frames) => {
      const ws = new WebSocket(drydock.server.replace(/^https/, 'wss') + '/graphql', 'graphql-transport-ws', { ca: drydock.caCert });
      const received: string[] = [];
      const outcome = await new Promise<string>((resolve) => {
        const timer = setTimeout(() => resolve('hang'), 10_000);
        ws.on('error', (error) => resolve(`error ${error.message}`));
        ws.on('unexpected-response', (_req, res) => {
          clearTimeout(timer);
          resolve(`refused ${res.statusCode}`);
        });
        ws.on('message', (data) => received.push(String(data)));
        ws.on('close', (code) => {
          clearTimeout(timer);
          resolve(`closed ${code}`);
        });
        ws.on('open', () => {
          if (authenticate) ws.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${drydock.token}` } }));
          for (const f of frames) ws.send(f);
          sent += frames.length;
          // Still open after the frames: ping, and expect the protocol's pong or a close.
          ws.send(JSON.stringify({ type: 'ping' }));
          setTimeout(() => {
            clearTimeout(timer);
            resolve(received.some((m) => m.includes('"pong"')) || ws.readyState !== WebSocket.OPEN ? 'answered' : 'no pong');
          }, 300);
        });
      });
      ws.terminate();
      const internal = received.find((m) => /INTERNAL_SERVER_ERROR|Internal server error/i.test(m));
      const broken = outcome === 'hang' || outcome.startsWith('refused 5') || /closed 10(11|06)/.test(outcome) || (outcome === 'no pong' && authenticate && received.some((m) => m.includes('connection_ack')));
      if (broken || internal) options.findings.push({ what: `graphql-ws ${internal ? 'internal error' : outcome}`, request: JSON.stringify(frames.map(String)).slice(0, 300), answer: (internal ?? received.join(' ')).slice(0, 300) });
      return true;
    }),
    { seed: options.seed, numRuns: options.runs, endOnFailure: true },
  );
  return sent;
}

/** WebSocket upgrade requests to every kind of path (exec, attach, port-forward, watch, anything): an HTTP error or a 101, never a 5xx or silence. */
export async function fuzzUpgrades(drydock: RobustDrydock, operations: Operation[], options: FuzzOptions & { runs: number }): Promise<number> {
  const paths = operations.map((o) => o.template.replace('{namespace}', 'fuzz-a').replace('{name}', 'target'));
  const upgradePath = fc.oneof(fc.constantFrom(...paths), fc.constantFrom('/api/v1/namespaces/fuzz-a/pods/target/exec?command=sh&stdout=1', '/api/v1/namespaces/fuzz-a/pods/missing/attach?stdin=1', '/api/v1/namespaces/fuzz-a/pods/target/portforward?ports=80', '/api/v1/nodes/missing/proxy/x', '/api/v1/namespaces/fuzz-a/pods?watch=1', '/clusters/missing/api/v1/pods', '/', '/graphql'));
  const protocols = fc.constantFrom('v5.channel.k8s.io', 'v4.channel.k8s.io', 'base64.channel.k8s.io', 'SPDY/3.1', 'graphql-transport-ws', '', 'bogus');
  let sent = 0;
  await fc.assert(
    fc.asyncProperty(upgradePath, protocols, fc.boolean(), async (path, protocol, authenticate) => {
      sent++;
      const status = await upgrade(drydock, path, protocol, authenticate);
      if (status === 'hang' || (typeof status === 'number' && status >= 500)) options.findings.push({ what: `upgrade ${status}`, request: `${path} protocol=${protocol} authenticated=${authenticate}`, answer: String(status) });
      return true;
    }),
    { seed: options.seed, numRuns: options.runs, endOnFailure: true },
  );
  return sent;
}

function upgrade(drydock: RobustDrydock, path: string, protocol: string, authenticate: boolean): Promise<number | 'hang'> {
  return new Promise((resolve) => {
    const url = new URL(drydock.server);
    const headers: Record<string, string> = { Connection: 'Upgrade', Upgrade: 'websocket', 'Sec-WebSocket-Version': '13', 'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==' };
    if (protocol) headers['Sec-WebSocket-Protocol'] = protocol;
    if (authenticate) headers.Authorization = `Bearer ${drydock.token}`;
    const req = https.request({ host: url.hostname, port: url.port, path, headers, ca: drydock.caCert, agent: false });
    const timer = setTimeout(() => {
      req.destroy();
      resolve('hang');
    }, 10_000);
    const done = (status: number) => {
      clearTimeout(timer);
      req.destroy();
      resolve(status);
    };
    req.on('upgrade', (res, socket) => {
      socket.destroy();
      done(res.statusCode ?? 101);
    });
    req.on('response', (res) => {
      res.resume();
      done(res.statusCode ?? 0);
    });
    req.on('error', () => done(0));
    req.end();
  });
}

