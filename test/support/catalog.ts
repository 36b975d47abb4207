// Every test file runs with the table catalog and data classification registered, as the
// composition root (src/app.ts, src/cli/main.ts) does in the running server.
import '../../src/schema.js';
