/**
 * A JSON document that does not change while the server runs (an OpenAPI area), sent as encoded once:
 * serialised and gzipped once instead of on every request (the whole document took ~0.5 s to
 * serialise), with an ETag so a browser that has it already revalidates with a bodiless 304. Only the
 * bytes are kept (outside the JavaScript heap), not the document's objects.
 */
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';

export interface EncodedJson {
  json: Buffer;
  gzip: Buffer;
  etag: string;
}

export function encodeJson(value: unknown): EncodedJson {
  const json = Buffer.from(JSON.stringify(value));
  return {
    json,
    gzip: gzipSync(json),
    etag: `"${createHash('sha256').update(json).digest('base64url').slice(0, 27)}"`,
  };
}

/** Sends an encoded document: 304 to a matching If-None-Match, gzip to a browser that accepts it. */
export function sendEncodedJson(encoded: EncodedJson, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  // no-cache: the browser keeps it but asks each time (the document changes with a new version of the server).
  reply.header('cache-control', 'no-cache').header('etag', encoded.etag).header('vary', 'accept-encoding');
  if (request.headers['if-none-match'] === encoded.etag) return reply.code(304).send();
  reply.type('application/json; charset=utf-8');
  if (/\bgzip\b/.test(request.headers['accept-encoding'] ?? ''))
    return reply.header('content-encoding', 'gzip').send(encoded.gzip);
  return reply.send(encoded.json);
}
