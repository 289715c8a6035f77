import { Field, Int, ObjectType } from '@nestjs/graphql';
import { JSONScalar } from './json.scalar';
import { Node } from './node.model';

@ObjectType()
export class ApplyObjectResult {
  @Field(() => Int) index!: number;
  @Field({ nullable: true }) apiVersion?: string;
  @Field({ nullable: true }) kind?: string;
  @Field({ nullable: true }) namespace?: string;
  @Field({ nullable: true }) name?: string;
  @Field({ description: 'created / configured / unchanged / error / skipped (not applied because another document failed)' }) action!: string;
  @Field({ nullable: true }) error?: string;
  @Field({ nullable: true, description: 'unified YAML diff live → result (without status/managedFields)' }) diff?: string;
  @Field(() => JSONScalar, { nullable: true }) object?: Record<string, unknown>;
}

@ObjectType()
export class ApplyResult {
  @Field() dryRun!: boolean;
  @Field() ok!: boolean;
  @Field(() => [ApplyObjectResult]) results!: ApplyObjectResult[];
}

@ObjectType()
export class DrainResult {
  @Field(() => Node) node!: Node;
  @Field(() => [String]) evicted!: string[];
  @Field(() => [String]) errors!: string[];
}

@ObjectType()
export class DeleteResult {
  @Field() status!: string;
}

@ObjectType()
export class ExecResult {
  @Field() stdout!: string;
  @Field() stderr!: string;
  @Field(() => Int) exitCode!: number;
}
