/**
 * The realtime service's vocabulary (no domain in it): events published to channels, and the channel
 * families domains define — who may subscribe, and the current state a subscriber gets first.
 */
import type { Principal } from '../auth/roles.js';

/** One event for the subscribers of any of its channels (each socket gets it once). */
export interface RealtimeEvent {
  tenantId: string;
  /** e.g. `session:<id>`, `group:<sessionId>:<groupId>`; the family is the part before the first ':'. */
  channels: string[];
  /** e.g. `session.status`, `group.status`, `participant.joined`. */
  type: string;
  data: unknown;
  /** ISO instant the event happened (the unit of work's clock). */
  at: string;
}

export interface ChannelFamily {
  /** The channel names' prefix (before the first ':'). */
  name: string;
  /**
   * May `principal` subscribe to `channel`? If so, its current state (sent with the subscription: a
   * reconnecting client catches up from it); if not, why not (sent to the client).
   */
  open(principal: Principal, channel: string): Promise<{ snapshot: unknown } | { refused: string }>;
  /**
   * May `principal`, subscribed to `channel`, send `event` with `data` there? If so, the channels it
   * goes to and the data they get (decided in memory: this runs for every message a client sends).
   * A family without it accepts nothing from clients.
   */
  accept?(
    principal: Principal,
    channel: string,
    event: string,
    data: unknown,
  ): { channels: string[]; data: unknown } | { refused: string };
}

/** What services publish through (the unit of work calls it after commit). */
export interface RealtimePublisher {
  publish(event: RealtimeEvent): Promise<void>;
}

export interface RealtimeLimits {
  /** A socket whose unsent data exceeds this is cut off (it reconnects and gets a snapshot). */
  maxBufferedBytes: number;
  /** Ping interval; a socket that has not answered the previous ping is terminated. */
  heartbeatMs: number;
  /** Channels one socket may hold. */
  maxSubscriptions: number;
  /** Events one socket may send per second (a burst of twice as many is allowed). */
  maxPublishPerSecond: number;
}

export const DEFAULT_REALTIME_LIMITS: RealtimeLimits = {
  maxBufferedBytes: 1024 * 1024,
  heartbeatMs: 25_000,
  maxSubscriptions: 64,
  maxPublishPerSecond: 20,
};
