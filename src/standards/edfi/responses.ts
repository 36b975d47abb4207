/**
 * How the Ed-Fi API answers a read: the data path, paging headers on lists, and the ETag with
 * If-None-Match on single items. Shared by resource and descriptor routes.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ListResult } from './list.js';

export const DATA_PATH = '/data/v3/ed-fi';

export function sendList(reply: FastifyReply, result: ListResult) {
  if (result.totalCount !== undefined) reply.header('Total-Count', String(result.totalCount));
  if (result.nextPageToken) reply.header('Next-Page-Token', result.nextPageToken);
  return reply.send(result.items);
}

/** ETag header + If-None-Match → 304. */
export function sendItem(request: FastifyRequest, reply: FastifyReply, item: Record<string, unknown>) {
  const etag = `"${String(item._etag)}"`;
  reply.header('ETag', etag);
  const ifNoneMatch = request.headers['if-none-match'];
  if (
    typeof ifNoneMatch === 'string' &&
    ifNoneMatch
      .split(',')
      .some((t) => t.trim() === '*' || t.trim().replace(/^W\//, '').replace(/"/g, '') === String(item._etag))
  ) {
    return reply.status(304).send();
  }
  return reply.send(item);
}
