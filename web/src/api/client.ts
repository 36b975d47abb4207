/**
 * The typed API client: openapi-fetch over the types generated from the server's /openapi.json
 * (`npm run web:api` writes schema.d.ts). Same origin, the session cookie rides along, and so does
 * the school picked in the switcher (the server narrows a multi-school person to it). A problem
 * document becomes a `ProblemError` the pages show in words.
 */
import createClient from 'openapi-fetch';
import type { paths } from './schema';
import { ProblemError, type Problem } from '../lib/problem';

/** Where the switcher keeps the school (this device), and the header that carries it to the server. */
export const SCHOOL_KEY = 'schola.school';
const SCHOOL_HEADER = 'x-schola-school';

function withSchool(headers: Record<string, string> = {}): Record<string, string> {
  const school = localStorage.getItem(SCHOOL_KEY);
  return school ? { ...headers, [SCHOOL_HEADER]: school } : headers;
}

export const api = createClient<paths>({ baseUrl: '', credentials: 'same-origin' });
api.use({
  onRequest({ request }) {
    const school = localStorage.getItem(SCHOOL_KEY);
    if (school) request.headers.set(SCHOOL_HEADER, school);
    return request;
  },
});

/** The data of an openapi-fetch answer, or a thrown ProblemError carrying the problem document. */
export async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) throw new ProblemError(response.status, (error ?? {}) as Partial<Problem>);
  return data as T;
}

/** Uploads raw bytes (zip, XML) — the job endpoints take the file as the request body. */
export async function upload(url: string, file: Blob, contentType: string): Promise<{ jobId: string }> {
  const response = await fetch(url, {
    method: 'POST',
    body: file,
    headers: withSchool({ 'content-type': contentType }),
    credentials: 'same-origin',
  });
  const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (!response.ok) throw new ProblemError(response.status, body as Partial<Problem>);
  return body as { jobId: string };
}

/** A GET of an endpoint the document describes loosely (job status): JSON or a ProblemError. */
export async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url, {
    credentials: 'same-origin',
    headers: withSchool({ accept: 'application/json' }),
  });
  const body = (await response.json().catch(() => ({}))) as unknown;
  if (!response.ok) throw new ProblemError(response.status, body as Partial<Problem>);
  return body as T;
}
