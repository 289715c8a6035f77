import { Field, Float, Int, ObjectType } from '@nestjs/graphql';

@ObjectType()
export class Condition {
  @Field() type!: string;
  @Field() status!: string;
  @Field({ nullable: true }) reason?: string;
  @Field({ nullable: true }) message?: string;
  @Field({ nullable: true }) lastTransitionTime?: string;
}

@ObjectType({ description: 'cpu in cores, memory in bytes' })
export class Resources {
  @Field(() => Float) cpu!: number;
  @Field(() => Float) memory!: number;
  @Field(() => Int) pods!: number;
}

@ObjectType()
export class ObjectRef {
  @Field({ nullable: true }) apiVersion?: string;
  @Field() kind!: string;
  @Field({ nullable: true }) namespace?: string;
  @Field() name!: string;
  @Field({ nullable: true }) uid?: string;
}

@ObjectType()
export class User {
  @Field() name!: string;
  @Field(() => [String]) groups!: string[];
}
