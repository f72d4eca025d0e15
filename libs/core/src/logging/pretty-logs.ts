/**
 * Readable lines for a person at a terminal in development (`npm start`); one JSON object per line
 * everywhere else (containers, files, CI, log shippers), which machines parse and people do not.
 */
export function wantsPrettyLogs(nodeEnv: string | undefined, stdoutIsTerminal: boolean): boolean {
  return stdoutIsTerminal && nodeEnv !== 'production';
}

/** pino's pretty printer (a devDependency: production never takes this path), one line per entry. */
export const PRETTY_LOGS_TRANSPORT = {
  target: 'pino-pretty',
  options: { singleLine: true, colorize: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' },
} as const;
