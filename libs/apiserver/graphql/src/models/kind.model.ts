import { Field, Int, ObjectType } from '@nestjs/graphql';
import { JSONScalar } from './json.scalar';

@ObjectType({ description: 'A served kind (the registry: built-in kinds and CRD versions), with the names of its generated fields.' })
export class KubeKind {
  @Field() group!: string;
  @Field() version!: string;
  @Field() kind!: string;
  /** plural, lower case */
  @Field() resource!: string;
  @Field() namespaced!: boolean;
  @Field(() => [String]) verbs!: string[];
  @Field(() => [String]) shortNames!: string[];
  @Field(() => [String]) categories!: string[];
  @Field({ description: 'The generated get field (`appsV1Deployment`); the list is this + `List`.' }) getField!: string;
}

@ObjectType({ description: 'A column of the server-side printed Table (meta.k8s.io/v1 TableColumnDefinition).' })
export class KubeTableColumn {
  @Field() name!: string;
  @Field() type!: string;
  @Field() format!: string;
  @Field() description!: string;
  @Field(() => Int) priority!: number;
}

@ObjectType()
export class KubeTableRow {
  @Field(() => [JSONScalar]) cells!: unknown[];
  @Field() name!: string;
  @Field({ nullable: true }) namespace?: string;
}

@ObjectType({ description: "A kind's objects as the API server prints them for kubectl get (its Table output), read as the caller." })
export class KubeTable {
  @Field(() => [KubeTableColumn]) columns!: KubeTableColumn[];
  @Field(() => [KubeTableRow]) rows!: KubeTableRow[];
  @Field({ nullable: true }) continue?: string;
}
