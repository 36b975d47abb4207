/**
 * One live channel over the realtime WebSocket (`/api/v1/classroom/live`): subscribes, hands the
 * channel's snapshot and then each event to the page, and reconnects after a drop (with a growing
 * pause), subscribing again — the fresh snapshot is the catch-up. Signed-in people ride on the session
 * cookie; a joined student passes its participant token (`?token=`: browsers cannot set headers on a
 * WebSocket).
 */
import { useEffect, useRef, useState } from 'react';

export type LiveState = 'connecting' | 'open' | 'closed' | 'refused';

export interface LiveEvent {
  event: string;
  data: Record<string, unknown>;
  at: string;
}

export interface LiveHandlers {
  onSnapshot(snapshot: unknown): void;
  onEvent(event: LiveEvent): void;
  onRefused?(detail: string): void;
}

export const LIVE_PATH = '/api/v1/classroom/live';

function liveUrl(token?: string): string {
  const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  const query = token ? `?token=${encodeURIComponent(token)}` : '';
  return `${scheme}//${window.location.host}${LIVE_PATH}${query}`;
}

/** Keeps `channel` subscribed while mounted (and while `channel` is set); answers the connection state. */
export function useLive(channel: string | undefined, handlers: LiveHandlers, token?: string): LiveState {
  const [state, setState] = useState<LiveState>('connecting');
  const latest = useRef(handlers);
  latest.current = handlers;
  const tokenRef = useRef(token);
  tokenRef.current = token;

  useEffect(() => {
    if (!channel) return;
    let socket: WebSocket | undefined;
    let stopped = false;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let attempts = 0;
    const connect = () => {
      setState('connecting');
      socket = new WebSocket(liveUrl(tokenRef.current));
      socket.onopen = () => socket?.send(JSON.stringify({ type: 'subscribe', channel }));
      socket.onmessage = (message) => {
        const frame = JSON.parse(String(message.data)) as Record<string, unknown>;
        if (frame.type === 'subscribed' && frame.channel === channel) {
          attempts = 0;
          setState('open');
          latest.current.onSnapshot(frame.snapshot);
        } else if (frame.type === 'event') {
          latest.current.onEvent({
            event: String(frame.event),
            data: (frame.data ?? {}) as Record<string, unknown>,
            at: String(frame.at),
          });
        } else if (frame.type === 'error' && frame.channel === channel) {
          stopped = true;
          setState('refused');
          latest.current.onRefused?.(String(frame.detail ?? ''));
          socket?.close();
        }
      };
      socket.onclose = () => {
        if (stopped) return;
        setState('closed');
        attempts++;
        retry = setTimeout(connect, Math.min(500 * 2 ** attempts, 10_000));
      };
    };
    connect();
    return () => {
      stopped = true;
      if (retry) clearTimeout(retry);
      socket?.close();
    };
  }, [channel]);

  return state;
}
