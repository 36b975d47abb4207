/**
 * What a live view shows, kept from a channel's snapshot and the events after it (a pure reducer, so
 * a reconnect simply starts again from the fresh snapshot): the session's status, its groups'
 * statuses, the participants and where they are, and the feed of what happened (newest first).
 */
import type { LiveEvent } from './useLive';

export interface LiveGroup {
  id: string;
  name: string;
  status: string | null;
  isReady: boolean;
  maxSize: number | null;
}

export interface LiveParticipant {
  id: string;
  displayName: string | null;
  groupId: string | null;
  isActive: boolean;
}

export interface FeedItem {
  key: string;
  at: string;
  event: string;
  name?: string;
  group?: string;
  status?: string;
}

export interface LiveView {
  status: string;
  groups: LiveGroup[];
  participants: LiveParticipant[];
  feed: FeedItem[];
}

export const FEED_LIMIT = 50;

export const emptyView = (status = 'created', groups: LiveGroup[] = []): LiveView => ({
  status,
  groups,
  participants: [],
  feed: [],
});

interface Snapshot {
  session?: { status?: string; groups?: LiveGroup[] };
  group?: LiveGroup;
  participants?: LiveParticipant[];
}

/** The view from a (re)subscription's snapshot; the feed so far is kept. */
export function fromSnapshot(view: LiveView, raw: unknown): LiveView {
  const snapshot = (raw ?? {}) as Snapshot;
  const groups = snapshot.session?.groups ?? (snapshot.group ? [snapshot.group] : view.groups);
  return {
    ...view,
    status: snapshot.session?.status ?? view.status,
    groups: groups.map((g) => ({ id: g.id, name: g.name, status: g.status, isReady: g.isReady, maxSize: g.maxSize })),
    participants: snapshot.participants ?? [],
  };
}

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

/** The view after one event. */
export function applyEvent(view: LiveView, e: LiveEvent): LiveView {
  const groupId = str(e.data.groupId);
  const groupName = (id: string | undefined) => view.groups.find((g) => g.id === id)?.name;
  const item: FeedItem = { key: `${e.at}|${e.event}|${JSON.stringify(e.data)}`, at: e.at, event: e.event };
  let next = view;
  switch (e.event) {
    case 'session.status':
      next = { ...view, status: str(e.data.status) ?? view.status };
      item.status = str(e.data.status);
      break;
    case 'group.status': {
      const status = str(e.data.status) ?? null;
      next = {
        ...view,
        groups: view.groups.map((g) =>
          g.id === groupId ? { ...g, status, isReady: g.isReady || status === 'ready' } : g,
        ),
      };
      item.group = groupName(groupId);
      item.status = status ?? undefined;
      break;
    }
    case 'participant.joined':
    case 'participant.left': {
      const id = str(e.data.participantId)!;
      const joined = e.event === 'participant.joined';
      const person: LiveParticipant = {
        id,
        displayName: str(e.data.displayName) ?? null,
        groupId: groupId ?? null,
        isActive: joined,
      };
      const others = view.participants.filter((p) => p.id !== id);
      // A move is "left" the old group then "joined" the new one: only the join places the person.
      const moved = !joined && str(e.data.movedTo);
      next = moved ? view : { ...view, participants: [...others, person] };
      item.name = person.displayName ?? undefined;
      item.group = groupName(groupId);
      break;
    }
    default:
      break;
  }
  if (next.feed.some((f) => f.key === item.key)) return next;
  return { ...next, feed: [item, ...next.feed].slice(0, FEED_LIMIT) };
}
