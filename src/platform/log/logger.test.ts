/**
 * A request's logger (requestChildLogger) carries the request id in every line and still redacts what
 * is logged through it; bound the cheap way, it writes the same lines as pino's own child.
 */
import { Writable } from 'node:stream';
import Fastify, { type FastifyBaseLogger } from 'fastify';
import type { Logger } from 'pino';
import { describe, expect, it } from 'vitest';
import { createLogger, requestChildLogger } from './logger.js';

function capture(): { logger: Logger; lines: () => Record<string, unknown>[] } {
  let text = '';
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      text += chunk.toString();
      done();
    },
  });
  const logger = createLogger('info', sink);
  return {
    logger,
    lines: () =>
      text
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l)),
  };
}

const drop = ({ time: _time, ...rest }: Record<string, unknown>) => rest;

describe('the request logger', () => {
  it('writes what pino’s own child writes: the id bound, personal fields redacted', () => {
    const { logger, lines } = capture();
    const logged = { password: 'hunter22', user: { email: 'a@b.c', id: 7 }, plain: 'kept' };
    requestChildLogger(logger, { reqId: 'req-"1"' }, {}).info(logged, 'ours');
    logger.child({ reqId: 'req-"1"' }).info(logged, 'ours');
    const [ours, pinos] = lines().map(drop);
    expect(ours).toEqual(pinos);
    expect(ours).toMatchObject({ reqId: 'req-"1"', password: '[redacted]', plain: 'kept', msg: 'ours' });
    expect((ours!.user as Record<string, unknown>).email).toBe('[redacted]');
    // Other bindings go the ordinary way (and are redacted as bindings).
    requestChildLogger(logger, { reqId: 'r2', email: 'x@y.z' }, {}).info('other');
    expect(lines()[2]).toMatchObject({ reqId: 'r2', email: '[redacted]' });
  });

  it("is each request's logger in a Fastify app, concurrent requests keeping their own ids", async () => {
    const { logger, lines } = capture();
    const app = Fastify({
      loggerInstance: logger as unknown as FastifyBaseLogger,
      childLoggerFactory: (l, bindings, options) =>
        requestChildLogger(l as unknown as Logger, bindings, options) as unknown as FastifyBaseLogger,
    });
    app.get('/:n', async (request) => {
      request.log.info({ token: 'secret-token', n: (request.params as { n: string }).n }, 'handled');
      return { id: request.id };
    });
    const replies = await Promise.all(Array.from({ length: 20 }, (_, n) => app.inject({ url: `/${n}` })));
    const idOf = new Map(replies.map((r, n) => [String(n), (r.json() as { id: string }).id]));
    const handled = lines().filter((l) => l.msg === 'handled');
    expect(handled).toHaveLength(20);
    for (const line of handled) {
      expect(line.reqId).toBe(idOf.get(line.n as string));
      expect(line.token).toBe('[redacted]');
    }
    await app.close();
  });
});
