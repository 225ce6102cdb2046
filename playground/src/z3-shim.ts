// z3-solver as the library imports it, for the browser: its browser build plus killThreads, which
// only its Node entry exports.
export * from 'z3-solver/build/browser.js';
export { killThreads } from 'z3-solver/build/kill-threads.js';
