import { consoleFamily } from '../categoryText';

/** HTTP clients reporting 401/403 from a dependency. */
export const HTTP_RULES = consoleFamily('http', [
  {
    id: 'console.http.unauthorized',
    category: 'authentication-failure',
    title: 'a dependency{ host} answered HTTP {status}',
    pattern:
      /(?<status>401|403) (?:Client Error: )?(?:Unauthorized|Forbidden)(?: for url: (?<url>\S+))?|[Rr]equest failed with status code (?<status_2>401|403)|does not indicate success: (?<status_3>401|403)|(?:status|statusCode|status code)[ =:]+(?<status_4>401|403)\b/,
    keywords: ['401', '403'],
    // Elasticsearch answers writes to an index its flood-stage watermark made read-only with a 403
    // ("FORBIDDEN/12/index read-only / allow delete"): a full disk, not a refused credential.
    unless: /\bFORBIDDEN\/12\/index read-only|\bread[_-]only[_-]allow[_-]delete\b/,
    confidence: 0.8,
    normalizeNames: (n) => {
      const host = n.url ? /^https?:\/\/([^/:?]+)/.exec(n.url)?.[1] : undefined;
      return host ? { ...n, host } : n;
    },
  },
]);
