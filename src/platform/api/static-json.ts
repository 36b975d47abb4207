/**
 * A JSON document that does not change while the server runs (an OpenAPI area), served as encoded once:
 * serialised and gzipped on its first request instead of on every one (the whole document took ~0.5 s to
 * serialise), with an ETag so a browser that has it already revalidates with a bodiless 304.
 */
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';

interface Encoded {
  json: Buffer;
  gzip: Buffer;
  etag: string;
}

function encode(value: unknown): Encoded {
  const json = Buffer.from(JSON.stringify(value));
  return {
    json,
    gzip: gzipSync(json),
    etag: `"${createHash('sha256').update(json).digest('base64url').slice(0, 27)}"`,
  };
}

/** Sends `value` as JSON, encoded on first use; later calls with the same value reuse that encoding. */
export function staticJsonSender(): (value: object, request: FastifyRequest, reply: FastifyReply) => FastifyReply {
  const encoded = new WeakMap<object, Encoded>();
  return (value, request, reply) => {
    const found = encoded.get(value) ?? encoded.set(value, encode(value)).get(value)!;
    // no-cache: the browser keeps it but asks each time (the document changes with a new version of the server).
    reply.header('cache-control', 'no-cache').header('etag', found.etag).header('vary', 'accept-encoding');
    if (request.headers['if-none-match'] === found.etag) return reply.code(304).send();
    reply.type('application/json; charset=utf-8');
    if (/\bgzip\b/.test(request.headers['accept-encoding'] ?? ''))
      return reply.header('content-encoding', 'gzip').send(found.gzip);
    return reply.send(found.json);
  };
}
