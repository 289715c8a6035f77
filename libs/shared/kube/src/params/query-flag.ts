/**
 * A boolean query parameter as the Go API server decodes it into its options structs (apimachinery's
 * Convert_Slice_string_To_bool): absent, `0` or `false` in any case is false; anything else, even an
 * empty value, is true. So `watch=True` (the Python client), `watch=1` and `watch=` all start a watch.
 */
export function queryFlag(query: URLSearchParams, name: string): boolean {
  const value = query.get(name);
  if (value === null) return false;
  return value !== '0' && value.toLowerCase() !== 'false';
}
