/**
 * Drops the given characters from the start and the end of a name, by hand: a `/[...]+$/` scan restarts
 * at every character of a run of them, which is quadratic on a long run inside a log line.
 */
export function trimChars(text: string, leading: string, trailing: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && leading.includes(text[start]!)) start++;
  while (end > start && trailing.includes(text[end - 1]!)) end--;
  return text.slice(start, end);
}
