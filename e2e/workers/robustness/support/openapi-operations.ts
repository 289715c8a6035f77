import type { RobustDrydock } from './robust-drydock';

/** One operation of the served OpenAPI v3 documents: a method on a path template. */
export interface Operation {
  method: string;
  /** e.g. `/api/v1/namespaces/{namespace}/pods/{name}/log`. */
  template: string;
  /** x-kubernetes-action: get, list, create, update, patch, delete, deletecollection, connect… */
  action: string;
  group: string;
  version: string;
  kind: string;
  /** The query parameters the document declares, with their schema types. */
  query: { name: string; type: string }[];
  namespaced: boolean;
  named: boolean;
  subresource?: string;
}

interface OpenApiParameter {
  name: string;
  in: string;
  schema?: { type?: string };
}

interface OpenApiOperation {
  parameters?: OpenApiParameter[];
  'x-kubernetes-action'?: string;
  'x-kubernetes-group-version-kind'?: { group: string; version: string; kind: string };
}

/** Every operation of every group-version document listed by /openapi/v3, read as a client would. */
export async function servedOperations(drydock: RobustDrydock): Promise<Operation[]> {
  const index = (await drydock.send({ method: 'GET', path: '/openapi/v3' })).json as { paths: Record<string, { serverRelativeURL: string }> };
  const operations: Operation[] = [];
  for (const { serverRelativeURL } of Object.values(index.paths)) {
    const document = (await drydock.send({ method: 'GET', path: serverRelativeURL })).json as { paths: Record<string, Record<string, OpenApiOperation | OpenApiParameter[]>> };
    for (const [template, item] of Object.entries(document.paths)) {
      for (const [method, value] of Object.entries(item)) {
        if (method === 'parameters') continue;
        const operation = value as OpenApiOperation;
        const gvk = operation['x-kubernetes-group-version-kind'] ?? { group: '', version: '', kind: '' };
        const afterName = /\{name\}\/([^/]+)$/.exec(template);
        operations.push({
          method: method.toUpperCase(),
          template,
          action: operation['x-kubernetes-action'] ?? method,
          ...gvk,
          query: (operation.parameters ?? []).filter((p) => p.in === 'query').map((p) => ({ name: p.name, type: p.schema?.type ?? 'string' })),
          namespaced: template.includes('{namespace}'),
          named: template.includes('{name}'),
          subresource: afterName?.[1],
        });
      }
    }
  }
  return operations;
}
