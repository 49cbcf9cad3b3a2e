import pino, { type Logger } from 'pino';

/** JSON lines on stdout for the server; the CLI logs only warnings, to stderr. */
export function createLogger(level: string, destination: 1 | 2 = 1): Logger {
  return pino({ level, base: { app: 'switchboard' }, timestamp: pino.stdTimeFunctions.isoTime }, pino.destination({ fd: destination, sync: destination === 2 }));
}
