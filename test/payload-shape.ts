/**
 * The field paths of a JSON value with their JSON types, for comparing a
 * generated payload with AWS's sample event of the same source type.
 */
export function fieldTypes(value: unknown, path = '', out = new Map<string, string>()): Map<string, string> {
  const type = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
  out.set(path || '/', type);
  if (type === 'array') (value as unknown[]).slice(0, 1).forEach((v) => fieldTypes(v, `${path}/0`, out));
  else if (type === 'object') for (const [k, v] of Object.entries(value as object)) fieldTypes(v, `${path}/${k}`, out);
  return out;
}
