/** Whether the process can serve: the database answers. */
export class HealthService {
  constructor(private readonly pingDatabase: () => Promise<void>) {}

  async checkReady(): Promise<{ ready: boolean; checks: Record<string, string> }> {
    try {
      await this.pingDatabase();
      return { ready: true, checks: { database: 'ok' } };
    } catch (error) {
      return { ready: false, checks: { database: error instanceof Error ? error.message : String(error) } };
    }
  }
}
