/** One JSON logger for the server (pino). Tests pass level "silent". */
import { type Logger, pino } from 'pino';
import type { LogLevel } from './config.ts';

export type { Logger };

export function createLogger(level: LogLevel): Logger {
  return pino({ level, base: { service: 'sysdespro' }, timestamp: pino.stdTimeFunctions.isoTime });
}
