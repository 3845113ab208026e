/**
 * The write operations, loaded just after the first paint rather than with the initial
 * bundle (they pull in the domain planners of shared/); see actions.ts.
 */
export { addModels, moveModels, removeModels } from '../db/events';
export { createType, deleteType, renameType } from '../db/types';
