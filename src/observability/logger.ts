import { pino, type Logger as PinoLogger } from 'pino';

export type AppLogger = PinoLogger;

/** Structured JSON logs to stderr, so stdout stays free for command output. */
export function createLogger(level: string): AppLogger {
  return pino({ level, base: { service: 'easyflip' } }, pino.destination(2));
}
