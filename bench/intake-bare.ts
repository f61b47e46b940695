// The bare route bench/intake.ts compares the service with: Fastify answering 202 with a run id and
// nothing else, at the service's log level, in its own process (so its CPU is read apart). Prints its
// URL on stdout, then serves until stdin closes.
import { randomUUID } from 'node:crypto';
import Fastify from 'fastify';

const path = process.argv[2] ?? '/webhooks/hubspot/forms';
const app = Fastify({ logger: { level: process.argv[3] ?? 'warn' } });
app.post(path, async (_request, reply) => reply.code(202).send({ runId: randomUUID(), status: 'accepted' }));
const url = await app.listen({ port: 0, host: '127.0.0.1' });
process.stdout.write(`${url}\n`);
process.stdin.resume();
process.stdin.once('end', () => void app.close().then(() => process.exit(0)));
