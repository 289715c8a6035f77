import { Field, ObjectType } from '@nestjs/graphql';
import { JSONScalar } from './json.scalar';
import { Node } from './node.model';
import { Pod } from './pod.model';

@ObjectType()
export class ObjectChange {
  @Field({ description: 'ADDED / MODIFIED / DELETED' }) type!: string;
  @Field() kind!: string;
  @Field({ nullable: true }) namespace?: string;
  @Field() name!: string;
  @Field({ nullable: true }) uid?: string;
  @Field({ nullable: true }) resourceVersion?: string;
  @Field(() => JSONScalar) object!: Record<string, unknown>;
  @Field(() => Pod, { nullable: true, description: 'when kind = Pod (flat fields only)' }) pod?: Pod;
  @Field(() => Node, { nullable: true, description: 'when kind = Node (flat fields only)' }) node?: Node;
}

@ObjectType()
export class LogLine {
  @Field() pod!: string;
  @Field() container!: string;
  @Field({ nullable: true }) timestamp?: string;
  @Field() line!: string;
}
