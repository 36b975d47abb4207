/**
 * Each signed-in account's own channel, `account:<accountId>`: what the platform announces for given
 * accounts after commit (`work.announce`, e.g. `notifications.in_app`) is forwarded there, so the web
 * app keeps one socket per person and learns of a new inbox item at once. Only the account itself may
 * subscribe (no role, not even an administrator, reads another person's channel); the snapshot is
 * empty: a (re)subscribing client refetches what it shows, which is its catch-up.
 */
import type { EventPublisher, PlatformEvent } from '../events/publisher.js';
import type { ChannelFamily, RealtimePublisher } from './types.js';

export const ACCOUNT_CHANNELS = 'account';

export const accountChannel = (accountId: string): string => `${ACCOUNT_CHANNELS}:${accountId}`;

/**
 * Channels one event names at most: an event crosses processes in one NOTIFY payload (under 8000
 * bytes), so a notification to thousands of accounts is sent as several events.
 */
export const ACCOUNTS_PER_EVENT = 100;

export const accountChannels: ChannelFamily = {
  name: ACCOUNT_CHANNELS,
  async open(principal, channel) {
    if (principal.kind !== 'user' || channel !== accountChannel(principal.actorId))
      return { refused: 'an account channel is open to that account only' };
    return { snapshot: null };
  },
};

/** Forwards every announced event that names accounts to their channels; returns the unsubscribe function. */
export function forwardAccountEvents(
  events: EventPublisher,
  hub: RealtimePublisher,
  onError: (error: unknown) => void,
): () => void {
  return events.subscribe((event: PlatformEvent) => {
    if (event.accountIds.length === 0) return;
    const at = new Date().toISOString();
    for (let start = 0; start < event.accountIds.length; start += ACCOUNTS_PER_EVENT) {
      const channels = event.accountIds.slice(start, start + ACCOUNTS_PER_EVENT).map(accountChannel);
      hub.publish({ tenantId: event.tenantId, channels, type: event.topic, data: event.payload, at }).catch(onError);
    }
  });
}
