/**
 * In-process events after commit: what a service announces once its unit of work committed
 * (`work.publish`), for whoever listens in this process — the realtime service forwards them to the
 * connections of the accounts concerned. The platform only defines the interface and an in-process
 * implementation; a listener that throws is logged and never disturbs the publisher or the others.
 */
import { EventEmitter } from 'node:events';

export interface PlatformEvent {
  /** e.g. 'notifications.in_app'. */
  readonly topic: string;
  readonly tenantId: string;
  /** The accounts the event is for (realtime: their connections only); empty = the tenant's staff. */
  readonly accountIds: readonly string[];
  readonly payload: Readonly<Record<string, unknown>>;
}

export type EventListener = (event: PlatformEvent) => void | Promise<void>;

export interface EventPublisher {
  publish(event: PlatformEvent): void;
  /** Returns the unsubscribe function. */
  subscribe(listener: EventListener): () => void;
}

export function inProcessPublisher(onListenerError: (error: unknown) => void = () => undefined): EventPublisher {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  return {
    publish(event) {
      emitter.emit('event', event);
    },
    subscribe(listener) {
      const wrapped = (event: PlatformEvent) => {
        try {
          void Promise.resolve(listener(event)).catch(onListenerError);
        } catch (error) {
          onListenerError(error);
        }
      };
      emitter.on('event', wrapped);
      return () => void emitter.off('event', wrapped);
    },
  };
}
