import { GraphQLScalarType, Kind, ValueNode } from 'graphql';

/** A JSON value written in a query (objects, lists, numbers, strings, booleans, variables). */
export function jsonLiteral(node: ValueNode, variables?: Record<string, unknown> | null): unknown {
  switch (node.kind) {
    case Kind.STRING:
    case Kind.BOOLEAN:
      return node.value;
    case Kind.INT:
    case Kind.FLOAT:
      return Number(node.value);
    case Kind.OBJECT:
      return Object.fromEntries(node.fields.map((field) => [field.name.value, jsonLiteral(field.value, variables)]));
    case Kind.LIST:
      return node.values.map((value) => jsonLiteral(value, variables));
    case Kind.VARIABLE:
      return variables?.[node.name.value];
    default:
      return null;
  }
}

/** Any JSON value: objects as the API server stores them. */
export const JSONScalar = new GraphQLScalarType({
  name: 'JSON',
  description: 'A raw JSON value (objects as stored by the API server).',
  serialize: (value) => value,
  parseValue: (value) => value,
  parseLiteral: jsonLiteral,
});
