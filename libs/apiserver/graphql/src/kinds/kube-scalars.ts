import { GraphQLError, GraphQLScalarType } from 'graphql';
import { jsonLiteral } from '../models/json.scalar';

function stringScalar(name: string, description: string, accepts: (value: unknown) => boolean): GraphQLScalarType {
  const check = (value: unknown) => {
    if (!accepts(value)) throw new GraphQLError(`${name} cannot represent ${JSON.stringify(value)}`);
    return value;
  };
  return new GraphQLScalarType({ name, description, serialize: check, parseValue: check, parseLiteral: (node, variables) => check(jsonLiteral(node, variables)) });
}

const isString = (value: unknown) => typeof value === 'string';
const isStringOrNumber = (value: unknown) => typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value));
const isInteger = (value: unknown) => typeof value === 'number' && Number.isInteger(value);

/** The named scalars of Kubernetes' models (apimachinery's Quantity, IntOrString, Time, MicroTime; int64). */
export const KUBE_SCALARS = {
  Quantity: stringScalar('Quantity', 'A resource quantity as the API writes it (`100m`, `1Gi`, `2`); a number is accepted where JSON allows one.', isStringOrNumber),
  IntOrString: stringScalar('IntOrString', 'An int32 or a string (`8080` or `http`, `25%`), as the JSON holds it.', isStringOrNumber),
  Time: stringScalar('Time', 'RFC 3339 time in seconds (`2026-01-02T15:04:05Z`), meta/v1 Time.', isString),
  MicroTime: stringScalar('MicroTime', 'RFC 3339 time with microseconds (`2026-01-02T15:04:05.000000Z`), meta/v1 MicroTime.', isString),
  Int64: stringScalar('Int64', 'A 64-bit integer (GraphQL Int holds 32 bits).', isInteger),
};

/** Model names that are named scalars rather than objects. */
export const SCALAR_MODELS: Record<string, keyof typeof KUBE_SCALARS> = {
  'io.k8s.apimachinery.pkg.api.resource.Quantity': 'Quantity',
  'io.k8s.apimachinery.pkg.util.intstr.IntOrString': 'IntOrString',
  'io.k8s.apimachinery.pkg.apis.meta.v1.Time': 'Time',
  'io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime': 'MicroTime',
};
