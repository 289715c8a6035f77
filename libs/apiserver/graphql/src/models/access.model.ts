import { Field, InputType, ObjectType } from '@nestjs/graphql';

@InputType({ description: "A SelfSubjectAccessReview's resourceAttributes: may the caller do this?" })
export class AccessCheckInput {
  @Field({ description: 'get, list, watch, create, update, patch, delete …' }) verb!: string;
  @Field({ description: 'plural: pods, deployments, nodes' }) resource!: string;
  @Field({ nullable: true, description: "'' (the default) for the core group" }) group?: string;
  @Field({ nullable: true, description: 'absent for cluster-scoped resources and cluster-wide questions' }) namespace?: string;
  @Field({ nullable: true, description: 'scale, exec, log, eviction …' }) subresource?: string;
  @Field({ nullable: true }) name?: string;
}

@ObjectType({ description: 'The answer to one AccessCheckInput, in the order asked' })
export class Permission {
  @Field() verb!: string;
  @Field() resource!: string;
  @Field({ nullable: true }) group?: string;
  @Field({ nullable: true }) namespace?: string;
  @Field({ nullable: true }) subresource?: string;
  @Field({ nullable: true }) name?: string;
  @Field() allowed!: boolean;
  @Field({ nullable: true, description: 'when denied: "you cannot delete pods in blue (RBAC)"' }) reason?: string;
}

@ObjectType()
export class ResourceRule {
  @Field(() => [String]) verbs!: string[];
  @Field(() => [String]) apiGroups!: string[];
  @Field(() => [String]) resources!: string[];
  @Field(() => [String]) resourceNames!: string[];
}

@ObjectType()
export class NonResourceRule {
  @Field(() => [String]) verbs!: string[];
  @Field(() => [String]) nonResourceURLs!: string[];
}

@ObjectType({ description: "The caller's SelfSubjectRulesReview in one namespace (kubectl auth can-i --list)" })
export class AccessRules {
  @Field() namespace!: string;
  @Field(() => [ResourceRule]) resourceRules!: ResourceRule[];
  @Field(() => [NonResourceRule]) nonResourceRules!: NonResourceRule[];
  @Field({ description: 'true when the authorizer could not list every rule (the review says so; the list may be short)' }) incomplete!: boolean;
  @Field({ nullable: true }) evaluationError?: string;
}
