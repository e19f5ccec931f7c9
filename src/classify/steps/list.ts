/** A configuration list the reader may find missing or null (partial templates, older API versions): empty then. */
export function list<T>(value: T[] | undefined | null): T[] {
  return Array.isArray(value) ? value : [];
}
