// The SAT backend's public surface: solveSat, the CNF encoding, DIMACS files, the registry description.
export { solveSat, runSolver, DEFAULT_SOLVER, type SatOptions, type SatResult } from './solve.ts';
export { encodeCnf, decodeParams, CNF_ENCODINGS, DEFAULT_CNF_ENCODING, type CnfEncodingName, type CnfInstance, type ParamLiterals } from './encode.ts';
export { SOLVERS, type SolverName, type SolverStatus, type CnfClauses } from './solver.ts';
export { satBackend, type SatBackend } from './describe.ts';
export { formatDimacs, readDimacsHeader, readModel, paramsFromModel, dimacsClauses, type DimacsHeader, type HeaderParam } from './dimacs.ts';
