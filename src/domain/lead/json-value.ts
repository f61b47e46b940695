// Small readers for untrusted JSON: own properties only, so a payload key like `constructor`
// or `__proto__` is read as data and never reaches the prototype chain.

export type JsonObject = Record<string, unknown>;

export function isPlainObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function getOwn(object: JsonObject, key: string): unknown {
  return Object.hasOwn(object, key) ? object[key] : undefined;
}

/** A short, human phrase for a value's JSON kind, used in problem reasons. */
export function describeKind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return value.length === 0 ? 'an empty array' : 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return value.trim() === '' ? 'an empty string' : 'a string';
  if (typeof value === 'undefined') return 'nothing';
  return `a ${typeof value}`;
}

/** A value quoted for a problem reason, cut short so a hostile payload cannot bloat the message. */
export function quote(text: string, max = 80): string {
  const chars = [...text];
  return JSON.stringify(chars.length > max ? `${chars.slice(0, max).join('')}...` : text);
}
