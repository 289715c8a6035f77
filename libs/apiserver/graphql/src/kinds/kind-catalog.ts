import { GraphQLInterfaceType, GraphQLNonNull, GraphQLObjectType, GraphQLOutputType, GraphQLString } from 'graphql';
import type { KubeObject } from '@drydock/util';
import type { KindEntry } from './kind-entry';

/** Every generated kind by type name and by `apiVersion/kind`, and the interface they share (what relations point at). */
export class KindCatalog {
  readonly byType = new Map<string, KindEntry>();
  private readonly byKind = new Map<string, KindEntry>();
  readonly objectInterface: GraphQLInterfaceType;

  constructor(metadata: GraphQLOutputType) {
    this.objectInterface = new GraphQLInterfaceType({
      name: 'KubeObject',
      description: 'Any object of a generated kind; `__typename` names its type (`CoreV1Pod`).',
      fields: { apiVersion: { type: GraphQLString }, kind: { type: GraphQLString }, metadata: { type: metadata } },
      resolveType: (object: KubeObject) => this.forObject(object)?.typeName,
    });
  }

  add(entry: KindEntry): void {
    this.byType.set(entry.typeName, entry);
    const apiVersion = entry.ref.group ? `${entry.ref.group}/${entry.ref.version}` : entry.ref.version;
    this.byKind.set(`${apiVersion}/${entry.ref.kind}`, entry);
  }

  /** Takes a kind out (a CRD no longer served) unless another entry took its place. */
  remove(entry: KindEntry): void {
    if (this.byType.get(entry.typeName) === entry) this.byType.delete(entry.typeName);
    const apiVersion = entry.ref.group ? `${entry.ref.group}/${entry.ref.version}` : entry.ref.version;
    if (this.byKind.get(`${apiVersion}/${entry.ref.kind}`) === entry) this.byKind.delete(`${apiVersion}/${entry.ref.kind}`);
  }

  forKind(apiVersion: string | undefined, kind: string | undefined): KindEntry | undefined {
    return this.byKind.get(`${apiVersion}/${kind}`);
  }

  forObject(object: KubeObject): KindEntry | undefined {
    return this.forKind(object.apiVersion, object.kind);
  }

  /** The object type of a kind, made non-null (for list items). Undefined when the kind is not served. */
  item(typeName: string): GraphQLNonNull<GraphQLObjectType> | undefined {
    const entry = this.byType.get(typeName);
    return entry?.object instanceof GraphQLObjectType ? new GraphQLNonNull(entry.object) : undefined;
  }
}
