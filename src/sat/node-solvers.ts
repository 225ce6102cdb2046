// The SAT solvers that need Node (MiniSat runs in a worker thread), registered on import by tpt's
// Node entry points: the library (src/index.ts) and its worker threads.
import { registerSatSolver } from './solve.ts';
import { solveMiniSat, warmUpMiniSat } from './minisat.ts';

registerSatSolver('minisat', { solve: solveMiniSat, warmUp: warmUpMiniSat });
