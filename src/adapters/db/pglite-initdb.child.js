// Creates a new embedded database directory and exits: `node pglite-initdb.child.js <dir> <settings JSON>`.
// PostgreSQL's initdb runs in a WebAssembly instance of its own that peaks near 900 MB; in a
// process of its own, every byte of it goes back to the operating system when it exits (a
// worker thread left some 130 MB behind in the server's allocator).
import process from 'node:process';
import { PGlite } from '@electric-sql/pglite';

const [dataDir, settings] = process.argv.slice(2);
if (!dataDir || !settings) {
  process.stderr.write('usage: pglite-initdb.child.js <data directory> <postgresql.conf lines as JSON>\n');
  process.exit(2);
}
const database = await PGlite.create(dataDir, { postgresqlconf: JSON.parse(settings) });
await database.close();
