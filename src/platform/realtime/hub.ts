/**
 * The realtime hub of one process: the sockets it holds, their channel subscriptions, and delivery.
 * An event published here is delivered to this process's subscribers at once and sent over the bus
 * (bus.ts) to the other processes, which deliver it to theirs.
 *
 * Protocol (JSON text frames):
 *   client → { "type": "subscribe", "channel": "session:<id>" } · { "type": "unsubscribe", "channel" }
 *            · { "type": "publish", "channel", "event", "data" } (to a channel it holds, if the family accepts)
 *            · { "type": "ping" }
 *   server → { "type": "subscribed", "channel", "snapshot" } · { "type": "event", "event", "data", "at" }
 *            · { "type": "error", "code", "detail", "channel"? } · { "type": "pong" }
 * Events raised while a subscription's snapshot is being read are held and sent right after it.
 *
 * A slow or dead client never stalls the others: sending never waits (ws queues per socket), a socket
 * whose queue exceeds `maxBufferedBytes` is terminated (it reconnects and gets a fresh snapshot), and a
 * socket that misses a heartbeat ping is terminated.
 */
import type { WebSocket } from 'ws';
import type { Principal } from '../auth/roles.js';
import type { EventBus } from './bus.js';
import { DEFAULT_REALTIME_LIMITS, type ChannelFamily, type RealtimeEvent, type RealtimeLimits } from './types.js';

const OPEN = 1;
const MAX_MESSAGE_BYTES = 4096;

interface Connection {
  socket: WebSocket;
  principal: Principal;
  channels: Set<string>;
  /** Channels whose snapshot is being read: their events wait here. */
  pending: Map<string, string[]>;
  alive: boolean;
  /** Publish allowance (token bucket): tokens left and when it was last refilled. */
  allowance: number;
  refilledAt: number;
}

export interface HubLog {
  warn(object: object, message: string): void;
}

export class RealtimeHub {
  readonly limits: RealtimeLimits;
  private readonly families = new Map<string, ChannelFamily>();
  /** `<tenant>|<channel>` → its local subscribers. */
  private readonly subscribers = new Map<string, Set<Connection>>();
  private readonly connections = new Set<Connection>();
  private bus: EventBus | undefined;
  private heartbeat: NodeJS.Timeout | undefined;
  /** Sockets cut off for falling behind (for operators and tests). */
  slowConsumersDropped = 0;

  constructor(
    private readonly log: HubLog,
    limits: Partial<RealtimeLimits> = {},
  ) {
    this.limits = { ...DEFAULT_REALTIME_LIMITS, ...limits };
  }

  defineChannels(family: ChannelFamily): void {
    if (this.families.has(family.name)) throw new Error(`realtime channel family ${family.name} defined twice`);
    this.families.set(family.name, family);
  }

  useBus(bus: EventBus): void {
    this.bus = bus;
    this.heartbeat ??= setInterval(() => this.beat(), this.limits.heartbeatMs);
    this.heartbeat.unref();
  }

  get connectionCount(): number {
    return this.connections.size;
  }

  /** Delivers locally and sends to the other processes. */
  async publish(event: RealtimeEvent): Promise<void> {
    this.deliver(event);
    await this.bus?.send(event);
  }

  /** Delivers an event to this process's subscribers of any of its channels (once per socket). */
  deliver(event: RealtimeEvent): void {
    const frame = JSON.stringify({ type: 'event', event: event.type, data: event.data, at: event.at });
    const reached = new Set<Connection>();
    for (const channel of event.channels) {
      const key = `${event.tenantId}|${channel}`;
      for (const connection of this.subscribers.get(key) ?? []) {
        if (reached.has(connection)) continue;
        reached.add(connection);
        const held = connection.pending.get(key);
        if (held) held.push(frame);
        else this.send(connection, frame);
      }
    }
  }

  /** Takes over an authenticated socket. */
  attach(socket: WebSocket, principal: Principal): void {
    const connection: Connection = {
      socket,
      principal,
      channels: new Set(),
      pending: new Map(),
      alive: true,
      allowance: this.limits.maxPublishPerSecond * 2,
      refilledAt: Date.now(),
    };
    this.connections.add(connection);
    socket.on('pong', () => (connection.alive = true));
    socket.on('message', (data, isBinary) => {
      const size = Array.isArray(data) ? data.reduce((n, b) => n + b.length, 0) : (data as Buffer).byteLength;
      if (isBinary || size > MAX_MESSAGE_BYTES) {
        this.reply(connection, { type: 'error', code: 'bad_message', detail: 'frames are JSON text, at most 4 KiB' });
        return;
      }
      void this.onMessage(connection, String(data));
    });
    socket.on('close', () => this.detach(connection));
    socket.on('error', () => socket.terminate());
  }

  async close(): Promise<void> {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = undefined;
    for (const connection of this.connections) connection.socket.close(1001, 'server shutting down');
    await this.bus?.close();
  }

  private async onMessage(connection: Connection, text: string): Promise<void> {
    let message: { type?: unknown; channel?: unknown; event?: unknown; data?: unknown };
    try {
      message = JSON.parse(text) as typeof message;
    } catch {
      this.reply(connection, { type: 'error', code: 'bad_message', detail: 'not JSON' });
      return;
    }
    if (message.type === 'ping') return this.reply(connection, { type: 'pong' });
    const channel = typeof message.channel === 'string' ? message.channel : undefined;
    const known = message.type === 'subscribe' || message.type === 'unsubscribe' || message.type === 'publish';
    if (!channel || !known) {
      this.reply(connection, {
        type: 'error',
        code: 'bad_message',
        detail: 'expected subscribe/unsubscribe/publish/ping',
      });
      return;
    }
    const key = `${connection.principal.tenantId}|${channel}`;
    if (message.type === 'publish') return this.fromClient(connection, key, channel, message.event, message.data);
    if (message.type === 'unsubscribe') {
      this.unsubscribe(connection, key);
      return this.reply(connection, { type: 'unsubscribed', channel });
    }
    const family = this.families.get(channel.split(':', 1)[0]!);
    if (!family)
      return this.reply(connection, { type: 'error', code: 'not_found', channel, detail: 'no such channel' });
    if (connection.channels.size >= this.limits.maxSubscriptions && !connection.channels.has(key))
      return this.reply(connection, {
        type: 'error',
        code: 'too_many_subscriptions',
        channel,
        detail: 'unsubscribe first',
      });
    try {
      // Subscribe first and hold its events, so nothing raised while the snapshot is read is lost.
      connection.pending.set(key, []);
      this.subscribe(connection, key);
      const opened = await family.open(connection.principal, channel);
      if ('refused' in opened) {
        this.unsubscribe(connection, key);
        connection.pending.set(key, []); // nothing held is sent
        return this.reply(connection, { type: 'error', code: 'forbidden', channel, detail: opened.refused });
      }
      this.reply(connection, { type: 'subscribed', channel, snapshot: opened.snapshot });
    } catch (error) {
      this.unsubscribe(connection, key);
      connection.pending.set(key, []);
      this.log.warn({ err: error, channel }, 'realtime: subscribe failed');
      return this.reply(connection, {
        type: 'error',
        code: 'subscribe_failed',
        channel,
        detail: 'the channel is unavailable',
      });
    } finally {
      const held = connection.pending.get(key);
      connection.pending.delete(key);
      for (const frame of held ?? []) this.send(connection, frame);
    }
  }

  /** An event a client sends to a channel it holds: refused unless the family accepts it; rate limited. */
  private fromClient(connection: Connection, key: string, channel: string, event: unknown, data: unknown): void {
    const refuse = (code: string, detail: string) => this.reply(connection, { type: 'error', code, channel, detail });
    if (typeof event !== 'string' || !event) return refuse('bad_message', 'a publish names its event');
    if (!connection.channels.has(key) || connection.pending.has(key))
      return refuse('forbidden', 'subscribe to the channel first');
    const now = Date.now();
    const rate = this.limits.maxPublishPerSecond;
    connection.allowance = Math.min(rate * 2, connection.allowance + ((now - connection.refilledAt) / 1000) * rate);
    connection.refilledAt = now;
    if (connection.allowance < 1) return refuse('rate_limited', `at most ${rate} events a second`);
    connection.allowance -= 1;
    const accepted = this.families.get(channel.split(':', 1)[0]!)?.accept?.(connection.principal, channel, event, data);
    if (!accepted) return refuse('forbidden', 'this channel takes no events from clients');
    if ('refused' in accepted) return refuse('forbidden', accepted.refused);
    const tenantId = connection.principal.tenantId;
    void this.publish({
      tenantId,
      channels: accepted.channels,
      type: event,
      data: accepted.data,
      at: new Date(now).toISOString(),
    }).catch((error: unknown) =>
      this.log.warn({ err: error, channel }, 'realtime: a client event did not cross processes'),
    );
  }

  private subscribe(connection: Connection, key: string): void {
    connection.channels.add(key);
    let set = this.subscribers.get(key);
    if (!set) this.subscribers.set(key, (set = new Set()));
    set.add(connection);
  }

  private unsubscribe(connection: Connection, key: string): void {
    connection.channels.delete(key);
    const set = this.subscribers.get(key);
    set?.delete(connection);
    if (set?.size === 0) this.subscribers.delete(key);
  }

  private detach(connection: Connection): void {
    for (const key of [...connection.channels]) this.unsubscribe(connection, key);
    this.connections.delete(connection);
  }

  private reply(connection: Connection, message: object): void {
    this.send(connection, JSON.stringify(message));
  }

  private send(connection: Connection, frame: string): void {
    const { socket } = connection;
    if (socket.readyState !== OPEN) return;
    if (socket.bufferedAmount + frame.length > this.limits.maxBufferedBytes) {
      this.slowConsumersDropped++;
      this.log.warn({ buffered: socket.bufferedAmount }, 'realtime: slow consumer cut off');
      socket.terminate();
      this.detach(connection);
      return;
    }
    socket.send(frame);
  }

  private beat(): void {
    for (const connection of this.connections) {
      if (!connection.alive) {
        connection.socket.terminate();
        this.detach(connection);
        continue;
      }
      connection.alive = false;
      connection.socket.ping();
    }
  }
}
