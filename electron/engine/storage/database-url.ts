/** DESIGN §13: the only database URL Counter takes names PostgreSQL; without one it uses SQLite in the data dir. */
export const isPostgresUrl = (url: string | undefined): url is string => /^postgres(ql)?:\/\/./i.test(url ?? '');

/** The URL without its password, for log lines and messages. */
export function redactDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://…';
  }
}
