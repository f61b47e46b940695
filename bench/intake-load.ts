// The load generator of bench/intake.ts, run as a child process so it never shares an event loop (or a
// core's worth of CPU) with the server it measures; autocannon in a worker thread returns raw histograms. Every request is a HubSpot form submission with its own formSubmissionId,
// signed with v3 at send time (so the timestamp is always inside the 5-minute window).
import { createHmac } from 'node:crypto';
import { text } from 'node:stream/consumers';
import autocannon from 'autocannon';

export interface LoadSpec {
  url: string;
  path: string;
  /** The public URL the signature covers (PUBLIC_BASE_URL + path). */
  signedUrl: string;
  secret: string;
  /** The request body with SUBMISSION_ID_SLOT where each request's unique id goes. */
  template: string;
  idPrefix: string;
  connections: number;
  durationSeconds: number;
  maxRequests: number;
}

export interface LoadResult {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  total: number;
  ok2xx: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  durationSeconds: number;
  statusCodes: Record<string, number>;
  /** CPU ms the load generator itself used (signing and sending), to tell its share of the cores. */
  cpuMs: number;
}

export const SUBMISSION_ID_SLOT = '__SUBMISSION_ID__';

function signedRequest(spec: LoadSpec, n: number): { body: string; headers: Record<string, string> } {
  const body = spec.template.replace(SUBMISSION_ID_SLOT, `${spec.idPrefix}-${n}`);
  const timestamp = String(Date.now());
  const signature = createHmac('sha256', spec.secret)
    .update(`POST${spec.signedUrl}${body}${timestamp}`, 'utf8')
    .digest('base64');
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'x-hubspot-signature-v3': signature,
      'x-hubspot-request-timestamp': timestamp,
    },
  };
}

async function run(spec: LoadSpec): Promise<LoadResult> {
  let sent = 0;
  let answered = 0;
  // Bounded by time or by count, whichever comes first (autocannon's `amount` would ignore the time).
  let settle: (result: autocannon.Result) => void = () => undefined;
  let fail: (error: unknown) => void = () => undefined;
  const done = new Promise<autocannon.Result>((resolve, reject) => {
    settle = resolve;
    fail = reject;
  });
  const cpuBefore = process.cpuUsage();
  const instance = autocannon(
    {
      url: spec.url,
      connections: spec.connections,
      duration: spec.durationSeconds,
      requests: [
        {
          method: 'POST',
          path: spec.path,
          setupRequest: (request) => ({ ...request, ...signedRequest(spec, ++sent) }),
        },
      ],
    },
    (error: Error | null, result: autocannon.Result) => (error ? fail(error) : settle(result)),
  );
  instance.on('response', () => {
    answered += 1;
    if (answered === spec.maxRequests) instance.stop();
  });
  const result = await done;
  const cpu = process.cpuUsage(cpuBefore);
  const statusCodes: Record<string, number> = {};
  for (const [code, stat] of Object.entries(result.statusCodeStats ?? {}))
    statusCodes[code] = stat.count ?? 0;
  return {
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    total: result.requests.total,
    ok2xx: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    durationSeconds: result.duration,
    statusCodes,
    cpuMs: (cpu.user + cpu.system) / 1000,
  };
}

/** As a child process: the LoadSpec as JSON on stdin, the LoadResult as JSON on stdout. */
async function main(): Promise<void> {
  const spec = JSON.parse(await text(process.stdin)) as LoadSpec;
  process.stdout.write(JSON.stringify(await run(spec)));
}

if (process.argv[1]?.endsWith('intake-load.ts')) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
