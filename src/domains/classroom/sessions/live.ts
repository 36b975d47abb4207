/**
 * The live session's realtime channels (on the platform's realtime service):
 * - `session:<sessionId>` — the whole session: the teacher who runs it, administrators who may read it;
 * - `group:<sessionId>:<groupId>` — one group: those, and the participants currently in that group.
 * A participant never subscribes to the session channel nor to another group; parents reach nothing.
 * Subscribing answers the channel's current state (a reconnecting client catches up from it).
 * A participant may send `group.message` events to its own group's channel (over the socket, not
 * stored): the group and the session channel get them, with the sender's participant id.
 */
import { and, asc, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../../../platform/http/errors.js';
import type { ChannelFamily } from '../../../platform/realtime/types.js';
import { runWork, type Work } from '../../../platform/service/work.js';
import { participants } from '../tables.js';
import { loadSession, reachOf } from './access.js';
import { CLASSROOM_EVENTS, sessionChannel } from './events.js';
import { participantOf } from './groups.js';
import { groupsOf, groupView, sessionView } from './views.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function parse(channel: string): { sessionId: string; groupId?: string } {
  const [kind, sessionId, groupId, ...rest] = channel.split(':');
  const ok =
    rest.length === 0 &&
    UUID.test(sessionId ?? '') &&
    (kind === 'session' ? groupId === undefined : kind === 'group' && UUID.test(groupId ?? ''));
  if (!ok) throw new AppError('not_found', 'No such channel: use session:<sessionId> or group:<sessionId>:<groupId>.');
  return { sessionId: sessionId!, ...(kind === 'group' ? { groupId: groupId! } : {}) };
}

async function roster(work: Work, sessionId: string, groupId?: string) {
  const rows = await work.tx
    .select({
      id: participants.id,
      displayName: participants.displayName,
      groupId: participants.groupId,
      isActive: participants.isActive,
    })
    .from(participants)
    .where(
      and(
        eq(participants.tenantId, work.tenantId),
        eq(participants.sessionId, sessionId),
        groupId ? eq(participants.groupId, groupId) : undefined,
      ),
    )
    .orderBy(asc(participants.joinTime));
  return rows.map((r) => ({ ...r, isActive: r.isActive === true }));
}

/** What the channel shows now, after checking the principal may see it (AppError otherwise). */
async function channelState(work: Work, channel: string) {
  const { sessionId, groupId } = parse(channel);
  const session = await loadSession(work, sessionId);
  const reach = await reachOf(work, session);
  const groups = await groupsOf(work, sessionId);
  if (!groupId) {
    if (reach === 'participant') throw new AppError('forbidden', 'A participant subscribes to its own group.');
    return { session: sessionView(session, groups), participants: await roster(work, sessionId) };
  }
  const group = groups.find((g) => g.id === groupId);
  if (!group) throw new AppError('not_found', `No group ${groupId} in session ${sessionId}.`);
  if (reach === 'participant' && (await participantOf(work, sessionId)).groupId !== groupId)
    throw new AppError('forbidden', 'A participant subscribes to its own group only.');
  return {
    session: { id: session.id, title: session.title, status: session.status },
    group: groupView(group),
    participants: await roster(work, sessionId, groupId),
  };
}

/** What a client may send: a participant, to its own group's channel, a `group.message`. */
const acceptFromClient: NonNullable<ChannelFamily['accept']> = (principal, channel, event, data) => {
  const p = principal.participant;
  if (!p || channel !== `group:${p.sessionId}:${p.groupId}`)
    return { refused: 'Only a participant sends to its own group.' };
  if (event !== CLASSROOM_EVENTS.groupMessage)
    return { refused: `Participants send ${CLASSROOM_EVENTS.groupMessage}.` };
  return {
    channels: [channel, sessionChannel(p.sessionId)],
    data: { sessionId: p.sessionId, groupId: p.groupId, participantId: p.participantId, body: data ?? null },
  };
};

export function classroomChannels(app: FastifyInstance): ChannelFamily[] {
  const env = { database: app.database, access: app.access };
  const family = (name: string): ChannelFamily => ({
    name,
    async open(principal, channel) {
      try {
        return { snapshot: await runWork(env, principal, {}, (work) => channelState(work, channel)) };
      } catch (error) {
        if (error instanceof AppError) return { refused: error.detail };
        throw error;
      }
    },
  });
  return [family('session'), { ...family('group'), accept: acceptFromClient }];
}
