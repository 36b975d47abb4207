/**
 * A real SMTP server in the test process (smtp-server), whose received messages are parsed with
 * mailparser for assertions. It can refuse the next N transactions with a temporary error (451), as a
 * flaky server does, or refuse every one; and it can take its time over each message.
 */
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface TestSmtpServer {
  url: string;
  received: ParsedMail[];
  /** Transactions attempted (refused ones included). */
  attempts: number;
  /** Refuse the next `n` transactions with 451 (Infinity: every one). */
  refuseNext(n: number): void;
  /** Milliseconds to wait before accepting each message. */
  delayMs: number;
  reset(): void;
  close(): Promise<void>;
}

export async function startSmtpServer(): Promise<TestSmtpServer> {
  let refuse = 0;
  const state = {
    received: [] as ParsedMail[],
    attempts: 0,
    delayMs: 0,
  };
  const server = new SMTPServer({
    authOptional: true,
    // No reverse DNS of the client before the greeting (slow or absent in sandboxes).
    disableReverseLookup: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onMailFrom(_address, _session, callback) {
      state.attempts++;
      if (refuse > 0) {
        refuse--;
        const error = Object.assign(new Error('Try again later'), { responseCode: 451 });
        return callback(error);
      }
      callback();
    },
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then(async (mail) => {
          if (state.delayMs) await new Promise((r) => setTimeout(r, state.delayMs));
          state.received.push(mail);
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    get received() {
      return state.received;
    },
    get attempts() {
      return state.attempts;
    },
    get delayMs() {
      return state.delayMs;
    },
    set delayMs(ms: number) {
      state.delayMs = ms;
    },
    refuseNext(n) {
      refuse = n;
    },
    reset() {
      state.received = [];
      state.attempts = 0;
      state.delayMs = 0;
      refuse = 0;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
