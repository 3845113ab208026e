import {
  type ArmyList,
  type ListArmiesQuery,
  type ListTypesQuery,
  nameKey,
  STAGES,
  searchWords,
  sortAToZ,
  type TypeList,
  type TypeSort,
} from '@mpt/shared';
import type { Database } from './database';
import { rowToType, TYPE_COLUMNS } from './rows';

// Per-type sums from stage_counts, for sorting by progress and by what is in the box.
const SUMS = `LEFT JOIN (SELECT type_id, sum(count) AS models,
    sum(count) FILTER (WHERE stage = 'DONE') AS done,
    sum(count) FILTER (WHERE stage = 'IN_BOX') AS in_box
  FROM stage_counts GROUP BY type_id) s ON s.type_id = t.id`;

/** When a type last changed: its newest event, or the last edit of its name or a field. */
const CHANGED_AT = `greatest(t.name_updated_at, t.army_updated_at, t.game_updated_at,
  t.points_per_model_updated_at, t.notes_updated_at,
  (SELECT max(e.created_at) FROM history_events e WHERE e.type_id = t.id))`;

/** A–Z as the app lists names (shared's orderKey; migration 006), then by identity key and id. */
const A_TO_Z = 't.order_key, t.name_key, t.id';

/** ORDER BY of each sort; ties A–Z, so pages never overlap. */
const ORDER: Record<TypeSort, string> = {
  name: A_TO_Z,
  progress: `s.done::numeric / nullif(s.models, 0) DESC NULLS LAST, ${A_TO_Z}`,
  in_box: `s.in_box DESC, ${A_TO_Z}`,
  recent: `${CHANGED_AT} DESC, ${A_TO_Z}`,
};

/**
 * The SQL condition of an army or game filter and its parameter: a name matches by
 * identity key (SPEC §8: `orks` finds `Orks`); an empty one means none set.
 */
function groupFilter(column: 'army_key' | 'game_key', raw: string | undefined, param: number) {
  // The parameter is always used, so PostgreSQL can type it.
  if (raw === undefined) return { where: `$${param}::text IS NULL`, value: null };
  const key = nameKey(raw);
  return key === ''
    ? { where: `t.${column} IS NULL AND $${param}::text IS NULL`, value: null }
    : { where: `t.${column} = $${param}`, value: key };
}

/**
 * Types, one page, filtered and sorted in SQL (SPEC §9): by name words (the stored
 * search key holds every word of `q`, SPEC §8), by army and by game; sorted A–Z, by %
 * done (most first, types without models last), by models in the box (most first), or
 * by the latest change (newest first).
 */
export async function listTypes(db: Database, query: ListTypesQuery): Promise<TypeList> {
  const army = groupFilter('army_key', query.army, 2);
  const game = groupFilter('game_key', query.game, 3);
  const where = `WHERE NOT EXISTS
      (SELECT 1 FROM unnest($1::text[]) AS w(word) WHERE strpos(t.search_key, w.word) = 0)
    AND ${army.where} AND ${game.where}`;
  const filters = [searchWords(query.q ?? ''), army.value, game.value];
  const rows = await db.query(
    `SELECT ${TYPE_COLUMNS}, count(*) OVER () AS total FROM miniature_types t ${SUMS} ${where}
     ORDER BY ${ORDER[query.sort]} LIMIT $4 OFFSET $5`,
    [...filters, query.limit, query.offset],
  );
  let total = Number(rows[0]?.total ?? 0);
  if (rows.length === 0 && query.offset > 0) {
    const [row] = await db.query(
      `SELECT count(*) AS total FROM miniature_types t ${where}`,
      filters,
    );
    total = Number(row?.total ?? 0);
  }
  return {
    items: rows.map(rowToType),
    total,
    limit: query.limit,
    offset: query.offset,
  };
}

const stageSums = (expr: string, prefix: string) =>
  STAGES.map(
    (s) => `coalesce(sum(${expr}) FILTER (WHERE c.stage = '${s}'), 0) AS "${prefix}${s}"`,
  ).join(', ');

/**
 * Totals per army (SPEC §9), computed in SQL in one statement: types, models and points
 * (models × points_per_model) per stage. Armies are told apart by identity key and shown
 * by their most used spelling (ties: the first in code order), A–Z, types without an
 * army last; `game` keeps only that game's types (empty: those without a game). The
 * same figures as shared's armyTotals.
 */
export async function listArmies(db: Database, query: ListArmiesQuery): Promise<ArmyList> {
  const game = groupFilter('game_key', query.game, 1);
  const rows = await db.query(
    `SELECT mode() WITHIN GROUP (ORDER BY t.army COLLATE "C") AS army,
       count(DISTINCT t.id) AS types, ${stageSums('c.count', 'm_')},
       ${stageSums('c.count * t.points_per_model', 'p_')}
     FROM miniature_types t JOIN stage_counts c ON c.type_id = t.id
     WHERE ${game.where} GROUP BY t.army_key`,
    [game.value],
  );
  // A–Z as the app lists names, none last: shared's order (armyTotals gives the same).
  const ordered = sortAToZ(rows, (row) => (row.army === null ? null : String(row.army)));
  const totals = (row: Record<string, unknown>, prefix: string) => {
    const byStage = Object.fromEntries(STAGES.map((s) => [s, Number(row[`${prefix}${s}`])]));
    const total = STAGES.reduce((sum, s) => sum + (byStage[s] ?? 0), 0);
    return { ...byStage, total } as ArmyList['items'][number]['models'];
  };
  return {
    items: ordered.map((row) => ({
      army: row.army === null ? null : String(row.army),
      types: Number(row.types),
      models: totals(row, 'm_'),
      points: totals(row, 'p_'),
    })),
  };
}
