// Creates a new embedded database directory and exits. PostgreSQL's initdb runs in its own
// WebAssembly instance whose memory (some 500 MB) would otherwise stay in the server process;
// a thread that ends takes it along.
import { workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';

const { dataDir, postgresqlconf } = /** @type {{ dataDir: string, postgresqlconf: string[] }} */ (workerData);
const database = await PGlite.create(dataDir, { postgresqlconf });
await database.close();
