// The load generator's process (see http-load.ts): autocannon runs here so that its request building
// and response parsing do not share the measured server's event loop. A child process, not a worker
// thread: autocannon takes itself for one of its own workers in a worker thread. Plain JavaScript,
// so it starts without the TypeScript loader.
import autocannon from 'autocannon';
import { pacedLoad } from './paced-load.mjs';

const options = JSON.parse(process.argv[2]);
const { url, connections, seconds, method, headers, paths, body, bodyTemplate, overallRate, timeline } = options;
const run = Math.random().toString(36).slice(2, 8);
let next = 0;
let counter = 0;
const nextPath = () =>
  paths && paths.length > 0 ? paths[next++ % paths.length] : new URL(url).pathname + new URL(url).search;
const nextBody = () => (bodyTemplate !== undefined ? bodyTemplate.replaceAll('{n}', `${run}${++counter}`) : body);

if (overallRate) {
  // A fixed offered rate, evenly paced (see paced-load.mjs for why not autocannon's overallRate).
  report(
    await pacedLoad({ url, connections, seconds, rate: overallRate, method, headers, nextPath, nextBody, timeline }),
  );
} else {
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    method,
    headers,
    requests: [
      {
        setupRequest: (request) => {
          const requestBody = nextBody();
          return {
            ...request,
            ...(paths && paths.length > 0 ? { path: nextPath() } : {}),
            ...(requestBody !== undefined ? { body: requestBody } : {}),
          };
        },
      },
    ],
  });
  report({
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors,
    non2xx: result.non2xx,
    total: result.requests.total,
  });
}

/**
 * Sends the result, then lets the process end. Disconnecting right after `send` could drop a large
 * result (a paced load's timeline) still being written to the channel: the parent saw exit code 0 and
 * no result.
 */
function report(result) {
  process.send(result, () => process.disconnect());
}
