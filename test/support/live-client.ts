/** A small WebSocket client for realtime tests: collects JSON frames and waits for one that matches. */
import WebSocket from 'ws';

export interface LiveClient {
  socket: WebSocket;
  frames: Record<string, unknown>[];
  send(message: object): void;
  /** The first frame (already received or coming) that matches, else rejects after `ms`. */
  next(match: (frame: Record<string, unknown>) => boolean, ms?: number): Promise<Record<string, unknown>>;
  subscribe(channel: string): Promise<Record<string, unknown>>;
  close(): Promise<void>;
}

export async function liveClient(url: string, headers: Record<string, string> = {}): Promise<LiveClient> {
  const socket = new WebSocket(url, { headers });
  const frames: Record<string, unknown>[] = [];
  const waiters = new Set<() => void>();
  socket.on('message', (data) => {
    frames.push(JSON.parse(String(data)) as Record<string, unknown>);
    for (const wake of waiters) wake();
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    socket.once('error', reject);
  });
  const client: LiveClient = {
    socket,
    frames,
    send: (message) => socket.send(JSON.stringify(message)),
    next(match, ms = 5000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = frames.find(match);
          if (!found) return false;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(found);
          return true;
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no matching frame in ${ms} ms; got ${JSON.stringify(frames).slice(0, 500)}`));
        }, ms);
        if (!check()) waiters.add(check);
      });
    },
    subscribe(channel) {
      client.send({ type: 'subscribe', channel });
      return client.next((f) => f.channel === channel && (f.type === 'subscribed' || f.type === 'error'));
    },
    close: () =>
      new Promise((resolve) => {
        if (socket.readyState === WebSocket.CLOSED) return resolve();
        socket.once('close', () => resolve());
        socket.close();
      }),
  };
  return client;
}
