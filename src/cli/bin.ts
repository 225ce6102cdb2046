#!/usr/bin/env node
// The `tpt` executable (dist/cli.js): stack traces of internal errors shown under TPT_DEBUG=1 point
// into src/ through the bundle's source maps, which must be on before the CLI's code loads.
// (Node 20 has process.setSourceMapsEnabled; @types/node 20.9 does not declare it.)
if (process.env['TPT_DEBUG']) (process as { setSourceMapsEnabled?: (on: boolean) => void }).setSourceMapsEnabled?.(true);
await import('./main.ts');
