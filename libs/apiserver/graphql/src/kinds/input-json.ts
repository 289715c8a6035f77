import { getNullableType, GraphQLInputObjectType, GraphQLInputType, GraphQLList } from 'graphql';
import type { KindFieldExtensions } from './kind-types.builder';

/** An input object as the API's JSON: renamed fields get their JSON names back (`x_kubernetes_…` → `x-kubernetes-…`). */
export function jsonOfInput(value: unknown, type: GraphQLInputType): unknown {
  if (value === null || value === undefined) return value;
  const nullable = getNullableType(type);
  if (nullable instanceof GraphQLList) return Array.isArray(value) ? value.map((item) => jsonOfInput(item, nullable.ofType)) : jsonOfInput(value, nullable.ofType);
  if (!(nullable instanceof GraphQLInputObjectType) || typeof value !== 'object') return value;
  const fields = nullable.getFields();
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([name, item]) => {
      const field = fields[name];
      const jsonName = (field?.extensions as Partial<KindFieldExtensions> | undefined)?.jsonName ?? name;
      return [jsonName, field ? jsonOfInput(item, field.type) : item];
    }),
  );
}
