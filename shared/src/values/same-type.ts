import type { MiniatureType } from '../schema/entities';
import { sameExtra } from './canonical-json';

/** True when two records of a type agree on name, fields, times, counts and unknown fields. */
export const sameTypeRecord = (a: MiniatureType, b: MiniatureType): boolean =>
  a.name === b.name &&
  a.created_at === b.created_at &&
  a.name_updated_at === b.name_updated_at &&
  a.army === b.army &&
  a.army_updated_at === b.army_updated_at &&
  a.game === b.game &&
  a.game_updated_at === b.game_updated_at &&
  a.points_per_model === b.points_per_model &&
  a.points_per_model_updated_at === b.points_per_model_updated_at &&
  a.notes === b.notes &&
  a.notes_updated_at === b.notes_updated_at &&
  a.counts.IN_BOX === b.counts.IN_BOX &&
  a.counts.BUILDING === b.counts.BUILDING &&
  a.counts.PRIMING === b.counts.PRIMING &&
  a.counts.PAINTING === b.counts.PAINTING &&
  a.counts.DONE === b.counts.DONE &&
  sameExtra(a.extra, b.extra);
