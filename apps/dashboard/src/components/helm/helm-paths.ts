/** `/helm/NAMESPACE/NAME`: one release's page. */
export const releaseHref = (namespace: string, name: string) => `/helm/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}`;
