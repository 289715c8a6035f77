import messages from '../generated/messages.json';

/**
 * One field of a message: [number, jsonName, kind, dropZero?].
 * - jsonName `''` on a message field: an inline JSON field that protobuf nests (Volume.VolumeSource); its fields
 *   merge into the parent. On a repeated field: the message wraps a named Go slice (ExtraValue, Verbs) and its
 *   JSON is that bare list.
 * - kind: a scalar (`string`, `bool`, `int32`, `int64`, `uint32`, `uint64`, `double`, `float`, `bytes`), a message
 *   name (`io.k8s.api.core.v1.PodSpec`), `[]<kind>` (repeated) or `map[string]<kind>` (entries {key=1, value=2}).
 * - dropZero `1`: a non-pointer `omitempty` field; a zero value on the wire is what Go writes for "unset".
 */
export type FieldEntry = [number: number, jsonName: string, kind: string, dropZero?: 1];

/** A field ready for decoding: the kind split into its shape and element kind. */
export interface FieldSchema {
  number: number;
  jsonName: string;
  shape: 'single' | 'repeated' | 'map';
  kind: string;
  dropZero: boolean;
}

export type MessageSchema = Map<number, FieldSchema>;

const table = messages as unknown as Record<string, FieldEntry[]>;
const compiled = new Map<string, MessageSchema>();

function fieldSchema([number, jsonName, kind, dropZero]: FieldEntry): FieldSchema {
  if (kind.startsWith('[]')) return { number, jsonName, shape: 'repeated', kind: kind.slice(2), dropZero: false };
  if (kind.startsWith('map[string]')) return { number, jsonName, shape: 'map', kind: kind.slice('map[string]'.length), dropZero: false };
  return { number, jsonName, shape: 'single', kind, dropZero: dropZero === 1 };
}

/** The schema of a message by its model name (`io.k8s.api.core.v1.Pod`), or undefined when not in the table. */
export function messageSchema(name: string): MessageSchema | undefined {
  let schema = compiled.get(name);
  if (schema) return schema;
  const entries = table[name];
  if (!entries) return undefined;
  schema = new Map(entries.map((entry) => [entry[0], fieldSchema(entry)]));
  compiled.set(name, schema);
  return schema;
}

/** Every message name in the table, sorted. */
export function messageNames(): string[] {
  return Object.keys(table);
}

/** Scalar kinds; anything else with a dot is a message name. */
export const SCALAR_KINDS = new Set(['string', 'bool', 'int32', 'int64', 'uint32', 'uint64', 'double', 'float', 'bytes']);
