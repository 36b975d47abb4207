/**
 * The realtime service: one WebSocket endpoint (`@fastify/websocket`) per server, authenticated like
 * every request (session cookie or bearer token — a session token, an OAuth access token or a
 * participant token), or by `?token=` for browsers, which cannot set headers on a WebSocket. Domains
 * define channel families on `app.realtime` and publish through the unit of work (`work.publish`,
 * after commit). Every account has its own channel, fed by the events the platform announces for it
 * (accounts.ts). See hub.ts for the protocol and bus.ts for how events cross processes.
 */
import websocket from '@fastify/websocket';
import type { FastifyInstance } from 'fastify';
import { bearerPrincipal } from '../auth/authenticate.js';
import { principalOf } from '../auth/request.js';
import { accountChannels, forwardAccountEvents } from './accounts.js';
import { openEventBus } from './bus.js';
import { RealtimeHub } from './hub.js';
import type { RealtimeLimits } from './types.js';

declare module 'fastify' {
  interface FastifyInstance {
    realtime: RealtimeHub;
  }
}

export interface RealtimeOptions {
  /** The WebSocket endpoint's path. */
  path: string;
  /** What it is for, in the OpenAPI document (a WebSocket is described in words). */
  description: string;
  limits?: Partial<RealtimeLimits>;
}

export async function realtime(app: FastifyInstance, options: RealtimeOptions): Promise<void> {
  await app.register(websocket, { options: { maxPayload: 64 * 1024 } });
  const hub = new RealtimeHub(app.log, options.limits);
  app.decorate('realtime', hub);
  hub.useBus(await openEventBus(app.database, app.database.url, (event) => hub.deliver(event), app.log));
  hub.defineChannels(accountChannels);
  const stopForwarding = forwardAccountEvents(app.events, hub, (error) =>
    app.log.warn({ err: error }, 'realtime: an account event did not cross processes'),
  );
  app.addHook('onClose', async () => {
    stopForwarding();
    await hub.close();
  });
  app.operations.push({
    method: 'GET',
    url: options.path,
    summary: 'Live events (WebSocket)',
    description: options.description,
    tags: ['realtime'],
    response: { status: 101, description: 'Switching protocols: a WebSocket carrying JSON frames' },
  });
  app.route({
    method: 'GET',
    url: options.path,
    // Refused before the upgrade: an unauthenticated caller gets a plain 401 problem.
    preValidation: async (request) => {
      const token = (request.query as { token?: unknown }).token;
      if (!request.principal && typeof token === 'string' && token) {
        request.principal = await bearerPrincipal(app.database, token, new Date(), request.log);
      }
      principalOf(request);
    },
    handler: async (_request, reply) => reply.code(426).send({ detail: 'Upgrade to a WebSocket.' }),
    wsHandler: (socket, request) => hub.attach(socket, request.principal!),
  });
}
