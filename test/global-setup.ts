// Before any test: dist/'s JavaScript is rebuilt when a source is newer, so the CLI tests (which run
// dist/cli.js as a user would) always run the code under test. The declarations are built by the
// package test, the only one that needs them.
import { buildPackage } from '../scripts/build.ts';

export default async function setup(): Promise<void> {
  await buildPackage(['js'], true);
}
