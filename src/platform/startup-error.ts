/**
 * Start-up mistakes a person can fix — the database named by DATABASE_URL is missing or its server
 * unreachable, the port is taken — as one sentence that says what is wrong and what to do, instead of
 * a driver's error object and a stack trace. The CLI prints the message and exits with code 2.
 */
export class StartupError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StartupError';
  }
}

/** The error code of a node-postgres / socket error (Node's happy-eyeballs connect wraps them in an AggregateError). */
function errorCode(error: unknown): string | undefined {
  const e = error as { code?: unknown; errors?: unknown[] } | null;
  if (typeof e?.code === 'string') return e.code;
  return e?.errors?.map(errorCode).find((code) => code !== undefined);
}

/** What DATABASE_URL points at, without its password. */
function describeServer(url: string): { where: string; database: string; user: string } {
  try {
    const parsed = new URL(url);
    return {
      where: `${parsed.hostname || 'localhost'}:${parsed.port || '5432'}`,
      database: decodeURIComponent(parsed.pathname.replace(/^\//, '')) || 'postgres',
      user: decodeURIComponent(parsed.username) || 'the current user',
    };
  } catch {
    return { where: 'the server in DATABASE_URL', database: 'the database', user: 'the user' };
  }
}

/** Translates a failed first connection to the PostgreSQL server; other errors are returned unchanged. */
export function databaseConnectError(url: string, error: unknown): unknown {
  const { where, database, user } = describeServer(url);
  const because = (message: string) => new StartupError(message, { cause: error });
  switch (errorCode(error)) {
    case '3D000':
      return because(
        `The database "${database}" does not exist on the PostgreSQL server at ${where}: create it (createdb -h ` +
          `${where.split(':')[0]} "${database}") or correct DATABASE_URL.`,
      );
    case 'ECONNREFUSED':
      return because(
        `No PostgreSQL server answers at ${where}: start it, or correct the host and port in DATABASE_URL.`,
      );
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return because(`The host of DATABASE_URL (${where}) cannot be resolved: correct the host name in DATABASE_URL.`);
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return because(
        `The PostgreSQL server at ${where} cannot be reached: check the network or the host in DATABASE_URL.`,
      );
    case '28P01':
    case '28000':
      return because(
        `The PostgreSQL server at ${where} refused ${user}'s login: correct the user or password in DATABASE_URL.`,
      );
    default:
      return error;
  }
}

/** Translates a failed listen on HOST:PORT; other errors are returned unchanged. */
export function listenError(host: string, port: number, error: unknown): unknown {
  switch (errorCode(error)) {
    case 'EADDRINUSE':
      return new StartupError(
        `Port ${port} on ${host} is already in use: stop the process using it, or set PORT to a free port (PORT=0 ` +
          `picks one).`,
        { cause: error },
      );
    case 'EACCES':
      return new StartupError(`This user may not listen on port ${port} (${host}): set PORT to a port above 1023.`, {
        cause: error,
      });
    case 'EADDRNOTAVAIL':
      return new StartupError(
        `${host} is not an address of this machine: set HOST to one of its addresses (or 0.0.0.0).`,
        {
          cause: error,
        },
      );
    default:
      return error;
  }
}
