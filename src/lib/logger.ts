// The process's logger: JSON lines (pino) for log collectors, or readable lines for a person at a
// terminal. LOG_FORMAT=auto (the default) picks by whether stdout is a terminal.
import { pino, type Logger } from 'pino';
import { build as prettyStream } from 'pino-pretty';
import type { Config } from '../config.ts';

interface RequestLine { req?: { id?: unknown; method?: string; url?: string }; res?: { statusCode?: number }; responseTime?: number }

export function createLogger(config: Pick<Config, 'logLevel' | 'logFormat'>, stdout: NodeJS.WriteStream = process.stdout): Logger {
  const pretty = config.logFormat === 'pretty' || (config.logFormat === 'auto' && stdout.isTTY === true);
  if (!pretty) return pino({ level: config.logLevel });
  return pino(
    { level: config.logLevel },
    prettyStream({
      colorize: stdout.isTTY === true,
      translateTime: 'SYS:HH:MM:ss.l',
      // A request log reads as one line: `GET /v1/me → 200 in 4 ms (request 9f1c…)`.
      ignore: 'pid,hostname,req,res,responseTime',
      messageFormat: (log: RequestLine & Record<string, unknown>, messageKey: string) =>
        log.req && log.res
          ? `${log.req.method} ${log.req.url} → ${log.res.statusCode} in ${log.responseTime} ms (request ${String(log.req.id)})`
          : String(log[messageKey] ?? ''),
      sync: true, // lines stay in order with the start banner written to stdout
    }),
  );
}
