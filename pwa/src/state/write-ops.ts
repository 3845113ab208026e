/**
 * The write operations, loaded just after the first paint rather than with the initial
 * bundle (they pull in the domain planners of shared/), with the mapping of their
 * failures to error codes; see actions.ts.
 */
export { addModels, moveModels, removeModels, revertEvents, reworkModels } from '../db/events';
export { setGoal } from '../db/goal';
export { toDomainError } from '../db/storage-error';
export {
  createType,
  deleteType,
  renameType,
  restoreDeletedType,
  updateTypeAndArmy,
} from '../db/types';
export { buildActions } from './actions-impl';
