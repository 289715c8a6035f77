/**
 * The one naming convention of the generated part of the schema (docs/api-coverage.md):
 * - a type is its OpenAPI model's name without the `io.k8s.…` package prefix, in PascalCase:
 *   `io.k8s.api.apps.v1.Deployment` → `AppsV1Deployment`, `io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta`
 *   → `MetaV1ObjectMeta`, a CRD's `com.example.v1.Widget` → `ComExampleV1Widget`;
 * - a kind's query fields are its type in camelCase (`appsV1Deployment`) and its list's
 *   (`appsV1DeploymentList`); mutations put upstream's operation verb first (`createAppsV1Deployment`,
 *   `replaceAppsV1Deployment`, `patchAppsV1Deployment`, `applyAppsV1Deployment`, `deleteAppsV1Deployment`);
 *   the watch subscription is `appsV1DeploymentWatch`.
 */
const MODEL_PREFIXES = ['io.k8s.api.', 'io.k8s.apimachinery.pkg.apis.', 'io.k8s.apimachinery.pkg.', 'io.k8s.apiextensions-apiserver.pkg.apis.', 'io.k8s.kube-aggregator.pkg.apis.'];

const upperFirst = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);
export const lowerFirst = (word: string) => word.charAt(0).toLowerCase() + word.slice(1);

/** The GraphQL type of a model: `io.k8s.api.apps.v1.Deployment` → `AppsV1Deployment`. */
export function typeNameOfModel(model: string): string {
  const prefix = MODEL_PREFIXES.find((each) => model.startsWith(each));
  const name = (prefix ? model.slice(prefix.length) : model)
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map(upperFirst)
    .join('');
  return /^[0-9]/.test(name) ? `_${name}` : name;
}

/** A JSON field name as a GraphQL name (`x-kubernetes-embedded-resource` → `x_kubernetes_embedded_resource`, `$ref` → `_ref`). */
export function fieldNameOf(jsonName: string): string {
  const name = jsonName.replace(/[^_A-Za-z0-9]/g, '_');
  return /^[0-9]/.test(name) ? `_${name}` : name.startsWith('__') ? `_${name.replace(/^_+/, '')}` : name;
}
