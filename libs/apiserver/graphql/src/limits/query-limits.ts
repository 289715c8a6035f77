import { DocumentNode, FragmentDefinitionNode, GraphQLError, GraphQLSchema, Kind, SelectionSetNode, ValidationContext, ValidationRule } from 'graphql';
import { fieldExtensionsEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';

export const MAX_QUERY_DEPTH = 10;
export const MAX_QUERY_COMPLEXITY = 5000;
/** What a nested list costs per selected child field: a guess of ten items, so `nodes { pods { … } }` counts. */
export const LIST_COMPLEXITY = { complexity: ({ childComplexity }: { childComplexity: number }) => 1 + 10 * childComplexity };

/** The deepest field nesting of a selection set (fragments followed, cycles cut). */
export function selectionDepth(selectionSet: SelectionSetNode | undefined, fragments: Record<string, FragmentDefinitionNode>, seen: Set<string> = new Set()): number {
  if (!selectionSet) return 0;
  let deepest = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value.startsWith('__')) continue;
      deepest = Math.max(deepest, 1 + selectionDepth(selection.selectionSet, fragments, seen));
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      deepest = Math.max(deepest, selectionDepth(selection.selectionSet, fragments, seen));
    } else {
      const name = selection.name.value;
      if (seen.has(name) || !fragments[name]) continue;
      deepest = Math.max(deepest, selectionDepth(fragments[name].selectionSet, fragments, new Set([...seen, name])));
    }
  }
  return deepest;
}

/** A validation rule refusing operations nested deeper than `maxDepth` fields. */
export function depthLimitRule(maxDepth = MAX_QUERY_DEPTH): ValidationRule {
  return (context: ValidationContext) => {
    const document = context.getDocument();
    const fragments: Record<string, FragmentDefinitionNode> = {};
    for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
    for (const definition of document.definitions) {
      if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
      const depth = selectionDepth(definition.selectionSet, fragments);
      if (depth > maxDepth) {
        const name = definition.name?.value ?? 'the operation';
        context.reportError(new GraphQLError(`${name} is nested ${depth} levels deep; the maximum query depth is ${maxDepth}`, { nodes: [definition], extensions: { code: 'QUERY_TOO_DEEP' } }));
      }
    }
    return {};
  };
}

/** Throws a GraphQL error (code QUERY_TOO_COMPLEX, HTTP 400) when the operation's estimated cost exceeds the limit. */
export function assertComplexity(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown> | undefined, operationName: string | undefined, max = MAX_QUERY_COMPLEXITY): void {
  let complexity: number;
  try {
    complexity = getComplexity({ schema, query: document, variables: variables ?? {}, operationName, estimators: [fieldExtensionsEstimator(), simpleEstimator({ defaultComplexity: 1 })] });
  } catch {
    return; // an invalid operation is refused by validation with a better message
  }
  if (complexity > max) throw new GraphQLError(`the query's complexity is ${complexity}; the maximum is ${max}`, { extensions: { code: 'QUERY_TOO_COMPLEX', http: { status: 400 } } });
}
