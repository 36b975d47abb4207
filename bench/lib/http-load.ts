/** HTTP load on loopback with autocannon: requests/s and latency percentiles. Bounded in time. */
import autocannon from 'autocannon';

export interface LoadResult {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  /** Requests completed (all statuses). */
  total: number;
}

export interface LoadOptions {
  connections?: number;
  seconds?: number;
  method?: 'GET' | 'POST' | 'PUT';
  headers?: Record<string, string>;
  /** A body per request (a function gives every request its own, e.g. a new natural key). */
  body?: string | (() => string);
  /** Paths (with query) cycled request by request, against the url's origin; default the url's own path. */
  paths?: readonly string[];
}

export async function load(url: string, options: LoadOptions = {}): Promise<LoadResult> {
  const paths = options.paths;
  let next = 0;
  const body = options.body;
  const result = await autocannon({
    url,
    connections: options.connections ?? 50,
    duration: options.seconds ?? 5,
    method: options.method ?? 'GET',
    headers: options.headers,
    requests: [
      {
        setupRequest: (request) => ({
          ...request,
          ...(paths && paths.length > 0 ? { path: paths[next++ % paths.length] } : {}),
          ...(body === undefined ? {} : { body: typeof body === 'string' ? body : body() }),
        }),
      },
    ],
  });
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors,
    non2xx: result.non2xx,
    total: result.requests.total,
  };
}

/** Benchmarks are not tests, but a figure measured over failing requests is meaningless: fail loudly. */
export function assertAllOk(what: string, result: LoadResult): void {
  if (result.non2xx + result.errors > 0 || result.total === 0) {
    throw new Error(`${what}: ${result.non2xx} non-2xx responses and ${result.errors} errors out of ${result.total} requests`);
  }
}

/**
 * Waits until the server has worked off what an ended load left queued (autocannon stops at its
 * deadline, the server does not): one more request, answered only after the backlog on a
 * single-connection engine such as PGlite. Keeps one load's tail out of the next one's figures.
 */
export async function drain(url: string, headers: Record<string, string> = {}): Promise<void> {
  const res = await fetch(url, { headers, signal: AbortSignal.timeout(120_000) });
  await res.arrayBuffer();
}
