// Test helpers for backbones of this package (not part of the published API): the shared contract suite.
export { describeBackboneContract } from './describe-backbone-contract.js';
export type { BackboneContractSpec } from './describe-backbone-contract.js';
