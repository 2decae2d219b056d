/**
 * The shard key of a request (design.md section 5, `sharding.keys`): the configured
 * sources are tried in order and the first one present wins. The sources are compiled
 * once per configuration into plain lookups, so a request costs a few property reads.
 */

/** One entry of `sharding.keys`. */
export type ShardKeySource =
  | { readonly header: string }
  | { readonly urlParam: string }
  | { readonly parameter: string };

export interface ShardKeyRequest {
  /** Header names in lower case, as node:http gives them; a repeated header's first value counts. */
  readonly headers: Readonly<Record<string, string | readonly string[] | undefined>>;
  /** The request target as received, path and query (`/db/data/transaction/commit?shard=de`). */
  readonly url: string;
  /** The top-level parameters of the request's first statement, if it has any. */
  readonly parameters?: Readonly<Record<string, unknown>> | undefined;
}

type Extract = (request: ShardKeyRequest) => string | undefined;

/** A function from a request to its shard key, or undefined when no source is present. */
export type ShardKeyExtractor = (request: ShardKeyRequest) => string | undefined;

/**
 * Compiles `sharding.keys`. An empty value counts as absent (an empty key would send
 * every such request to one member); a Cypher parameter counts only as a string or an
 * integer, stringified, since other values have no stable text to hash.
 */
export function shardKeyExtractor(sources: readonly ShardKeySource[]): ShardKeyExtractor {
  const extractors = sources.map(compile);
  if (extractors.length === 0) return () => undefined;
  return (request) => {
    for (const extract of extractors) {
      const key = extract(request);
      if (key !== undefined) return key;
    }
    return undefined;
  };
}

function compile(source: ShardKeySource): Extract {
  if ('header' in source) {
    const name = source.header.toLowerCase();
    return (request) => {
      const value = request.headers[name];
      return present(typeof value === 'string' ? value : value?.[0]);
    };
  }
  if ('urlParam' in source) {
    const name = source.urlParam;
    // The query string is parsed only when this source is reached and the URL has one.
    return (request) => {
      const mark = request.url.indexOf('?');
      if (mark < 0) return undefined;
      return present(new URLSearchParams(request.url.slice(mark + 1)).get(name) ?? undefined);
    };
  }
  const name = source.parameter;
  return (request) => {
    const parameters = request.parameters;
    if (parameters === undefined || !Object.hasOwn(parameters, name)) return undefined;
    const value = parameters[name];
    if (typeof value === 'string') return present(value);
    if (typeof value === 'number' && Number.isInteger(value)) return String(value);
    if (typeof value === 'bigint') return String(value);
    return undefined;
  };
}

function present(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}
