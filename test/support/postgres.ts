/**
 * The PostgreSQL server for integration tests, from DATABASE_URL. Tests on it are skipped only
 * when it is unset (a user's machine without Postgres); .ci/run always sets it.
 */
export const postgresUrl: string | undefined = process.env.DATABASE_URL || undefined;
export const redisUrl: string | undefined = process.env.REDIS_URL || undefined;
