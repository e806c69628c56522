import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildHttpApp } from '../../../src/http/app.ts';
import { databaseEngines } from '../../support/database.ts';
import { openTestContainer } from '../../support/test-container.ts';
import { hasScaledServers, ScaledInstallation } from './scaled-installation.ts';

const ADMIN_TOKEN = 'board-token-0123456789abcdef';

describe.skipIf(!hasScaledServers)('the admin queue board (bull-board) in the scaled mode', () => {
  let installation: ScaledInstallation;
  let app: FastifyInstance;
  let base: string;

  beforeAll(async () => {
    installation = await ScaledInstallation.open('board');
    const container = await installation.openProcess({}, { ADMIN_TOKEN });
    app = await buildHttpApp(container.services, {
      logger: false,
      maxUploadBytes: 1024,
      maxFilesPerRequest: 1,
      adminQueues: container.adminQueueBoard,
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await app?.close();
    await installation?.dispose();
  });

  const basic = (password: string): string => `Basic ${Buffer.from(`admin:${password}`).toString('base64')}`;

  it('refuses anyone without the admin token, asking a browser for it', async () => {
    const anonymous = await fetch(`${base}/admin/queues`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toContain('Basic');
    expect((await fetch(`${base}/admin/queues/api/queues`, { headers: { authorization: 'Bearer not-the-token' } })).status).toBe(401);
    expect((await fetch(`${base}/admin/queues`, { headers: { authorization: basic('wrong') } })).status).toBe(401);
  });

  it('serves the board page and its assets to an admin', async () => {
    const page = await fetch(`${base}/admin/queues`, { headers: { authorization: basic(ADMIN_TOKEN) } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    const html = await page.text();
    // The page's script comes from @fastify/static, whose content-disposition asks for Node 22: it serves on Node 20 too.
    const script = /src="((?:[^"]*\/)?static\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const asset = await fetch(new URL(script!, `${base}/admin/queues/`), { headers: { authorization: basic(ADMIN_TOKEN) } });
    expect(asset.status).toBe(200);
    expect((await asset.text()).length).toBeGreaterThan(1000);
  });

  it('lists the catalog queues through its API, read-only', async () => {
    const response = await fetch(`${base}/admin/queues/api/queues`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { queues: Array<{ name: string; readOnlyMode: boolean }> };
    expect(body.queues.map((queue) => queue.name).sort()).toEqual(['ai-analysis', 'bulk-processing', 'ebay-listing', 'image-processing']);
    expect(body.queues.every((queue) => queue.readOnlyMode)).toBe(true);
  });
});

describe.skipIf(!hasScaledServers)('the admin queue board is not mounted', () => {
  it('without an admin token', async () => {
    const installation = await ScaledInstallation.open('board-off');
    try {
      const container = await installation.openProcess();
      expect(container.adminQueueBoard).toBeNull();
    } finally {
      await installation.dispose();
    }
  });
});

describe('the admin queue board in the embedded mode', () => {
  it('is not mounted: there is no BullMQ queue to show', async () => {
    const engine = databaseEngines.find((candidate) => candidate.name === 'pglite')!;
    const harness = await openTestContainer(engine, {}, { ADMIN_TOKEN });
    try {
      expect(harness.container.adminQueueBoard).toBeNull();
      const app = await buildHttpApp(harness.container.services, {
        logger: false,
        maxUploadBytes: 1024,
        maxFilesPerRequest: 1,
        adminQueues: harness.container.adminQueueBoard,
      });
      expect((await app.inject({ url: '/admin/queues', headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })).statusCode).toBe(404);
      await app.close();
    } finally {
      await harness.dispose();
    }
  });
});
