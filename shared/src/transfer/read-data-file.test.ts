import { describe, expect, it } from 'vitest';
import type { Result } from '../errors';
import { LIMITS } from '../limits';
import { defaultTypeFields } from '../schema/entities';
import {
  at,
  counts,
  dataFile,
  dataFileV2,
  fileEvent,
  fileType,
  fileTypeV2,
  sampleFileJson,
  tombstone,
  uid,
} from '../test-support/builders';
import { dataFileToState, parseDataFileText, readDataFile, utf8ByteLength } from './read-data-file';

type Json = ReturnType<typeof sampleFileJson>;

/** The sample file with one change applied. */
function broken(change: (f: Json) => void): Json {
  const f = sampleFileJson();
  change(f);
  return f;
}

const type0 = (f: Json) =>
  f.types[0] as Record<string, unknown> & { history: Record<string, unknown>[] };

/** Asserts a rejection with this code and this JSON path of the first problem. */
function expectRejected(result: Result<unknown>, code: string, path: string, reason?: string) {
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.code).toBe(code);
  expect(result.details.path).toBe(path);
  if (reason !== undefined) expect(result.details.reason).toBe(reason);
}

describe('readDataFile accepts', () => {
  it('the sample file and turns it into a state', () => {
    const r = readDataFile(sampleFileJson());
    expect(r).toEqual({
      ok: true,
      value: {
        types: [
          {
            id: uid(1),
            name: 'Intercessors',
            created_at: at(0),
            name_updated_at: at(0),
            // A v1 file is read as v2 with defaults (SPEC §9).
            ...defaultTypeFields(at(0)),
            counts: counts({ IN_BOX: 7, PRIMING: 3 }),
          },
        ],
        events: [
          {
            id: uid(101),
            type_id: uid(1),
            from_stage: null,
            to_stage: 'IN_BOX',
            qty: 10,
            created_at: at(0),
          },
          {
            id: uid(102),
            type_id: uid(1),
            from_stage: 'IN_BOX',
            to_stage: 'PRIMING',
            qty: 3,
            created_at: at(1000),
          },
        ],
        tombstones: [{ id: uid(9), deleted_at: at(500), merged_into: null }],
      },
    });
  });

  it('an empty file', () => {
    expect(readDataFile(dataFile())).toEqual({
      ok: true,
      value: { types: [], events: [], tombstones: [] },
    });
  });

  it('names that need normalizing, and stores them normalized', () => {
    const r = readDataFile(
      broken((f) => {
        type0(f).name = '  Space \t Marines ';
      }),
    );
    expect(r).toMatchObject({ ok: true, value: { types: [{ name: 'Space Marines' }] } });
  });

  it('upper-case UUIDs and a history in any order', () => {
    const r = readDataFile(
      broken((f) => {
        type0(f).id = uid(1, 0xabc).toUpperCase();
        type0(f).history.reverse();
      }),
    );
    expect(r.ok).toBe(true);
  });

  it('a history whose replay sets an event aside, when counts equal that replay', () => {
    // Two devices spent the same model: the removal cannot apply, and stays in the history.
    const f = dataFile([
      fileType({
        id: uid(1),
        counts: counts({ DONE: 1 }),
        history: [
          fileEvent({ id: uid(11), to_stage: 'IN_BOX', qty: 1, created_at: at(0) }),
          fileEvent({
            id: uid(12),
            from_stage: 'IN_BOX',
            to_stage: 'DONE',
            qty: 1,
            created_at: at(1),
          }),
          fileEvent({
            id: uid(13),
            from_stage: 'IN_BOX',
            to_stage: null,
            qty: 1,
            created_at: at(2),
          }),
        ],
      }),
    ]);
    const r = readDataFile(f);
    expect(r).toMatchObject({ ok: true });
    if (r.ok) expect(r.value.events.map((e) => e.id)).toEqual([uid(11), uid(12), uid(13)]);
  });

  it('a tombstone with merged_into', () => {
    const r = readDataFile(
      broken((f) => {
        f.tombstones[0]!.merged_into = uid(1);
      }),
    );
    expect(r).toMatchObject({ ok: true, value: { tombstones: [{ merged_into: uid(1) }] } });
  });
});

describe('readDataFile rejects, with the code and the JSON path of the first problem', () => {
  it('bad JSON', () => {
    expectRejected(
      parseDataFileText('{"format": "miniatures-tracker",'),
      'ERR_IMPORT_INVALID',
      '$',
      'bad_json',
    );
    expectRejected(parseDataFileText(''), 'ERR_IMPORT_INVALID', '$', 'bad_json');
  });

  it.each([[[]], [null], ['text'], [42], [true]])(
    'a top level that is not an object: %j',
    (value) => {
      expectRejected(readDataFile(value), 'ERR_IMPORT_INVALID', '$', 'not_an_object');
    },
  );

  it('a wrong or missing format', () => {
    expectRejected(
      readDataFile(
        broken((f) => {
          f.format = 'other-app';
        }),
      ),
      'ERR_IMPORT_INVALID',
      '$.format',
      'unknown_format',
    );
    expectRejected(
      readDataFile(
        broken((f) => {
          delete f.format;
        }),
      ),
      'ERR_IMPORT_INVALID',
      '$.format',
      'unknown_format',
    );
  });

  it('a missing or non-numeric version', () => {
    expectRejected(
      readDataFile(
        broken((f) => {
          delete f.version;
        }),
      ),
      'ERR_IMPORT_INVALID',
      '$.version',
      'missing_version',
    );
    expectRejected(
      readDataFile(
        broken((f) => {
          f.version = '1';
        }),
      ),
      'ERR_IMPORT_INVALID',
      '$.version',
      'missing_version',
    );
  });

  it('version 3 (newer than this app) with ERR_IMPORT_UNSUPPORTED_VERSION', () => {
    const r = readDataFile(
      broken((f) => {
        f.version = 3;
      }),
    );
    expect(r).toEqual({
      ok: false,
      code: 'ERR_IMPORT_UNSUPPORTED_VERSION',
      details: { path: '$.version', version: 3, supported: [1, 2] },
    });
    expectRejected(
      readDataFile(
        broken((f) => {
          f.version = 0;
        }),
      ),
      'ERR_IMPORT_UNSUPPORTED_VERSION',
      '$.version',
    );
  });

  it.each<[string, (f: Json) => void, string]>([
    [
      'top level',
      (f) => {
        f.extra = 1;
      },
      '$.extra',
    ],
    [
      'type',
      (f) => {
        type0(f).notes = 'x';
      },
      '$.types[0].notes',
    ],
    [
      'event',
      (f) => {
        type0(f).history[1]!.type_id = uid(1);
      },
      '$.types[0].history[1].type_id',
    ],
    [
      'counts',
      (f) => {
        (type0(f).counts as Record<string, number>).WASHING = 0;
      },
      '$.types[0].counts.WASHING',
    ],
    [
      'tombstone',
      (f) => {
        f.tombstones[0]!.reason = 'sold';
      },
      '$.tombstones[0].reason',
    ],
  ])('an extra field in the %s', (_, change, path) => {
    expectRejected(readDataFile(broken(change)), 'ERR_IMPORT_INVALID', path, 'unrecognized_keys');
  });

  it.each<[string, (f: Json) => void, string]>([
    [
      'exported_at',
      (f) => {
        delete f.exported_at;
      },
      '$.exported_at',
    ],
    [
      'types',
      (f) => {
        Reflect.deleteProperty(f, 'types');
      },
      '$.types',
    ],
    [
      'tombstones',
      (f) => {
        Reflect.deleteProperty(f, 'tombstones');
      },
      '$.tombstones',
    ],
    [
      'a type name',
      (f) => {
        delete type0(f).name;
      },
      '$.types[0].name',
    ],
    [
      'name_updated_at',
      (f) => {
        delete type0(f).name_updated_at;
      },
      '$.types[0].name_updated_at',
    ],
    [
      'counts',
      (f) => {
        delete type0(f).counts;
      },
      '$.types[0].counts',
    ],
    [
      'one stage of counts',
      (f) => {
        delete (type0(f).counts as Record<string, number>).DONE;
      },
      '$.types[0].counts.DONE',
    ],
    [
      'history',
      (f) => {
        Reflect.deleteProperty(type0(f), 'history');
      },
      '$.types[0].history',
    ],
    [
      'an event qty',
      (f) => {
        delete type0(f).history[0]!.qty;
      },
      '$.types[0].history[0].qty',
    ],
    [
      'an event from_stage',
      (f) => {
        delete type0(f).history[0]!.from_stage;
      },
      '$.types[0].history[0].from_stage',
    ],
    [
      'merged_into',
      (f) => {
        delete f.tombstones[0]!.merged_into;
      },
      '$.tombstones[0].merged_into',
    ],
  ])('a missing field: %s', (_, change, path) => {
    expectRejected(readDataFile(broken(change)), 'ERR_IMPORT_INVALID', path);
  });

  it.each<[string, (f: Json) => void, string]>([
    [
      'type id',
      (f) => {
        type0(f).id = 'not-a-uuid';
      },
      '$.types[0].id',
    ],
    [
      'event id',
      (f) => {
        type0(f).history[1]!.id = '1234';
      },
      '$.types[0].history[1].id',
    ],
    [
      'tombstone id',
      (f) => {
        f.tombstones[0]!.id = '';
      },
      '$.tombstones[0].id',
    ],
    [
      'merged_into',
      (f) => {
        f.tombstones[0]!.merged_into = 'zzzzzzzz-0000-4000-8000-000000000001';
      },
      '$.tombstones[0].merged_into',
    ],
  ])('a bad uuid: %s', (_, change, path) => {
    expectRejected(readDataFile(broken(change)), 'ERR_IMPORT_INVALID', path);
  });

  it.each([
    ['no milliseconds', '2026-01-01T00:00:00Z'],
    ['two fraction digits', '2026-01-01T00:00:00.00Z'],
    ['microseconds', '2026-01-01T00:00:00.000000Z'],
    ['an offset instead of Z', '2026-01-01T01:00:00.000+01:00'],
    ['+00:00 instead of Z', '2026-01-01T00:00:00.000+00:00'],
    ['no zone', '2026-01-01T00:00:00.000'],
    ['a date only', '2026-01-01'],
    ['a day that does not exist', '2026-02-30T00:00:00.000Z'],
    ['a number', 1767225600000],
  ])('a bad timestamp: %s', (_, value) => {
    expectRejected(
      readDataFile(
        broken((f) => {
          f.exported_at = value;
        }),
      ),
      'ERR_IMPORT_INVALID',
      '$.exported_at',
    );
    expectRejected(
      readDataFile(
        broken((f) => {
          type0(f).history[1]!.created_at = value;
        }),
      ),
      'ERR_IMPORT_INVALID',
      '$.types[0].history[1].created_at',
    );
    expectRejected(
      readDataFile(
        broken((f) => {
          f.tombstones[0]!.deleted_at = value;
        }),
      ),
      'ERR_IMPORT_INVALID',
      '$.tombstones[0].deleted_at',
    );
  });

  it.each(['PAINTED', 'in_box', '', 3])('a bad stage: %j', (stage) => {
    expectRejected(
      readDataFile(
        broken((f) => {
          type0(f).history[1]!.to_stage = stage;
        }),
      ),
      'ERR_IMPORT_INVALID',
      '$.types[0].history[1].to_stage',
    );
    expectRejected(
      readDataFile(
        broken((f) => {
          type0(f).history[1]!.from_stage = stage;
        }),
      ),
      'ERR_IMPORT_INVALID',
      '$.types[0].history[1].from_stage',
    );
  });

  it.each([0, -1, 100_001, 1.5, '3', null])('an event qty of %j', (qty) => {
    expectRejected(
      readDataFile(
        broken((f) => {
          type0(f).history[0]!.qty = qty;
        }),
      ),
      'ERR_IMPORT_INVALID',
      '$.types[0].history[0].qty',
    );
  });

  it.each([-1, 0.5, '7', null])('a count of %j', (count) => {
    expectRejected(
      readDataFile(
        broken((f) => {
          (type0(f).counts as Record<string, unknown>).IN_BOX = count;
        }),
      ),
      'ERR_IMPORT_INVALID',
      '$.types[0].counts.IN_BOX',
    );
  });

  it('a duplicate type id with ERR_IMPORT_INCONSISTENT', () => {
    const f = dataFile([fileType({ id: uid(1), name: 'A' }), fileType({ id: uid(1), name: 'B' })]);
    expectRejected(
      readDataFile(f),
      'ERR_IMPORT_INCONSISTENT',
      '$.types[1].id',
      'duplicate_type_id',
    );
  });

  it('a duplicate event id, in one type or across types', () => {
    const within = broken((f) => {
      type0(f).history[1]!.id = uid(101);
    });
    expectRejected(
      readDataFile(within),
      'ERR_IMPORT_INCONSISTENT',
      '$.types[0].history[1].id',
      'duplicate_event_id',
    );
    const across = dataFile([
      fileType({
        id: uid(1),
        name: 'A',
        counts: counts({ IN_BOX: 1 }),
        history: [fileEvent({ id: uid(50) })],
      }),
      fileType({
        id: uid(2),
        name: 'B',
        counts: counts({ IN_BOX: 1 }),
        history: [fileEvent({ id: uid(50) })],
      }),
    ]);
    expectRejected(
      readDataFile(across),
      'ERR_IMPORT_INCONSISTENT',
      '$.types[1].history[0].id',
      'duplicate_event_id',
    );
  });

  it('a backwards or same-stage move in a history', () => {
    const back = broken((f) => {
      type0(f).history[1]!.from_stage = 'PRIMING';
      type0(f).history[1]!.to_stage = 'IN_BOX';
    });
    expectRejected(
      readDataFile(back),
      'ERR_IMPORT_INVALID',
      '$.types[0].history[1]',
      'ERR_INVALID_STAGE_TRANSITION',
    );
    const same = broken((f) => {
      type0(f).history[1]!.to_stage = 'IN_BOX';
    });
    expectRejected(
      readDataFile(same),
      'ERR_IMPORT_INVALID',
      '$.types[0].history[1]',
      'ERR_INVALID_STAGE_TRANSITION',
    );
  });

  it('an event with both stages null', () => {
    const f = broken((f) => {
      type0(f).history[0]!.to_stage = null;
    });
    expectRejected(readDataFile(f), 'ERR_IMPORT_INVALID', '$.types[0].history[0]', 'no_stage');
  });

  it('counts that differ from the replay of a non-empty history', () => {
    const r = readDataFile(
      broken((f) => {
        (type0(f).counts as Record<string, number>).DONE = 1;
      }),
    );
    expect(r).toEqual({
      ok: false,
      code: 'ERR_IMPORT_INCONSISTENT',
      details: {
        path: '$.types[0].counts',
        reason: 'counts_differ_from_history',
        expected: counts({ IN_BOX: 7, PRIMING: 3 }),
        found: counts({ IN_BOX: 7, PRIMING: 3, DONE: 1 }),
      },
    });
  });

  it('name_updated_at before created_at', () => {
    const f = broken((f) => {
      type0(f).name_updated_at = '2025-12-31T23:59:59.999Z';
    });
    expectRejected(
      readDataFile(f),
      'ERR_IMPORT_INCONSISTENT',
      '$.types[0].name_updated_at',
      'before_created_at',
    );
  });

  it('a tombstone of a live type, and a duplicate tombstone', () => {
    expectRejected(
      readDataFile(
        broken((f) => {
          f.tombstones[0]!.id = uid(1);
        }),
      ),
      'ERR_IMPORT_INCONSISTENT',
      '$.tombstones[0].id',
      'tombstone_of_live_type',
    );
    const dup = broken((f) => {
      f.tombstones.push({ ...f.tombstones[0]! });
    });
    expectRejected(
      readDataFile(dup),
      'ERR_IMPORT_INCONSISTENT',
      '$.tombstones[1].id',
      'duplicate_tombstone_id',
    );
  });

  it.each<[string, unknown, string]>([
    ['empty', '', 'empty'],
    ['whitespace only', ' \t\n ', 'empty'],
    ['121 code points', 'x'.repeat(121), 'too_long'],
    ['121 emoji', '🎨'.repeat(121), 'too_long'],
  ])('an invalid name (%s) with the name rule as reason', (_, name, rule) => {
    const r = readDataFile(
      broken((f) => {
        type0(f).name = name;
      }),
    );
    expectRejected(r, 'ERR_IMPORT_INVALID', '$.types[0].name', 'ERR_NAME_INVALID');
    expect(r).toMatchObject({ details: { name_reason: rule } });
  });

  it('a name that is not a string', () => {
    expectRejected(
      readDataFile(
        broken((f) => {
          type0(f).name = 42;
        }),
      ),
      'ERR_IMPORT_INVALID',
      '$.types[0].name',
    );
  });

  it('reports the first problem when there are several', () => {
    const f = dataFile([
      fileType({ id: uid(1), name: 'A' }),
      fileType({
        id: uid(2),
        name: 'B',
        counts: counts({ DONE: 1 }),
        history: [fileEvent({ id: uid(20) })],
      }),
      fileType({ id: uid(3), name: '' }),
    ]);
    expectRejected(readDataFile(f), 'ERR_IMPORT_INCONSISTENT', '$.types[1].counts');
    const json = JSON.parse(JSON.stringify(f));
    json.types[0].history = [{ id: 'bad' }];
    json.types[2].id = 'bad';
    expectRejected(readDataFile(json), 'ERR_IMPORT_INVALID', '$.types[0].history[0].id');
  });
});

// Issue 8: the values real files and devices produce, read to one canonical form.
describe('readDataFile canonical values (SPEC §8)', () => {
  it('lower-cases upper-case ids of types, events, tombstones and merged_into', () => {
    const f = dataFile(
      [
        fileType({
          id: uid(1, 0xabc).toUpperCase(),
          name: 'Upper',
          counts: counts({ IN_BOX: 1 }),
          history: [fileEvent({ id: uid(10, 0xabc).toUpperCase() })],
        }),
      ],
      [tombstone({ id: uid(2, 0xabc).toUpperCase(), merged_into: uid(1, 0xabc).toUpperCase() })],
    );
    const r = readDataFile(JSON.parse(JSON.stringify(f)));
    expect(r).toMatchObject({
      ok: true,
      value: {
        types: [{ id: uid(1, 0xabc) }],
        events: [{ id: uid(10, 0xabc), type_id: uid(1, 0xabc) }],
        tombstones: [{ id: uid(2, 0xabc), merged_into: uid(1, 0xabc) }],
      },
    });
  });

  it('canonicalizes names: lone surrogates, NUL, invisible characters', () => {
    for (const [raw, stored] of [
      ['Banner \ud83c', 'Banner \ufffd'],
      ['Ork\u0000Boyz', 'Ork Boyz'],
      ['Or\u200bks', 'Orks'],
      ['\u2060Orks', 'Orks'],
    ] as const) {
      const r = readDataFile(broken((f) => (type0(f).name = raw)));
      expect(r, JSON.stringify(raw)).toMatchObject({
        ok: true,
        value: { types: [{ name: stored }] },
      });
    }
  });

  it('refuses a name with no visible character at its path', () => {
    const r = readDataFile(broken((f) => (type0(f).name = '\u200b')));
    expectRejected(r, 'ERR_IMPORT_INVALID', '$.types[0].name', 'ERR_NAME_INVALID');
  });

  it('refuses times outside 1970 … 2999 at their path (year 0000, 0049, 9999, +010000)', () => {
    const cases: [string, (f: Json, t: string) => void, string][] = [
      ['0000-01-01T00:00:00.000Z', (f, t) => (type0(f).created_at = t), '$.types[0].created_at'],
      [
        '0049-01-01T00:00:00.000Z',
        (f, t) => (type0(f).name_updated_at = t),
        '$.types[0].name_updated_at',
      ],
      [
        '9999-12-31T23:59:59.999Z',
        (f, t) => (type0(f).history[0]!.created_at = t),
        '$.types[0].history[0].created_at',
      ],
      ['+010000-01-01T00:00:00.000Z', (f, t) => (f.exported_at = t), '$.exported_at'],
      ['1969-12-31T23:59:59.999Z', (f, t) => (f.exported_at = t), '$.exported_at'],
    ];
    for (const [time, put, path] of cases) {
      expectRejected(readDataFile(broken((f) => put(f, time))), 'ERR_IMPORT_INVALID', path);
    }
  });

  it('accepts both ends of the range', () => {
    const r = readDataFile(
      broken((f) => {
        type0(f).created_at = '1970-01-01T00:00:00.000Z';
        f.exported_at = '2999-12-31T23:59:59.999Z';
      }),
    );
    expect(r.ok).toBe(true);
  });
});

describe('limits', () => {
  it('rejects a text over LIMITS.fileBytes with ERR_PAYLOAD_TOO_LARGE before parsing it', () => {
    const r = parseDataFileText(' '.repeat(LIMITS.fileBytes + 1));
    expect(r).toEqual({
      ok: false,
      code: 'ERR_PAYLOAD_TOO_LARGE',
      details: { path: '$', max_bytes: LIMITS.fileBytes },
    });
  });

  it('counts the limit in UTF-8 bytes, not characters', () => {
    // 26 M Cyrillic letters are 52 MB of UTF-8: too large, though fewer than 50 M characters.
    const cyrillic = 'Ж'.repeat(26 * 1024 * 1024);
    expect(parseDataFileText(cyrillic)).toMatchObject({ code: 'ERR_PAYLOAD_TOO_LARGE' });
    // 24 M of them (48 MB) pass the size check and fail as JSON.
    expect(parseDataFileText(cyrillic.slice(0, 24 * 1024 * 1024))).toMatchObject({
      code: 'ERR_IMPORT_INVALID',
      details: { reason: 'bad_json' },
    });
  });

  it('utf8ByteLength counts 1, 2, 3 and 4 byte characters', () => {
    expect(utf8ByteLength('')).toBe(0);
    expect(utf8ByteLength('abc')).toBe(3);
    expect(utf8ByteLength('Жé')).toBe(4);
    expect(utf8ByteLength('€')).toBe(3);
    expect(utf8ByteLength('🎨')).toBe(4);
    expect(utf8ByteLength('a🎨Ж€')).toBe(1 + 4 + 2 + 3);
  });

  it(`rejects more than ${LIMITS.types} types at $.types`, () => {
    const types = Array.from({ length: LIMITS.types + 1 }, (_, i) =>
      fileType({ id: uid(i + 1), name: `T${i}` }),
    );
    expectRejected(
      readDataFile(JSON.parse(JSON.stringify(dataFile(types)))),
      'ERR_IMPORT_INVALID',
      '$.types',
      'too_big',
    );
  });

  it(`rejects more than ${LIMITS.tombstones} tombstones at $.tombstones`, () => {
    const tombs = Array.from({ length: LIMITS.tombstones + 1 }, (_, i) =>
      tombstone({ id: uid(i + 1) }),
    );
    expectRejected(
      readDataFile(dataFile([], tombs)),
      'ERR_IMPORT_INVALID',
      '$.tombstones',
      'too_big',
    );
  });

  it(`rejects more than ${LIMITS.events} events with ERR_PAYLOAD_TOO_LARGE at the type that crosses it`, () => {
    // A sparse history: the limit is checked on its length before any event is read.
    const file = dataFileV2([
      fileTypeV2({ id: uid(1), name: 'A' }),
      fileTypeV2({ id: uid(2), name: 'B', history: new Array(LIMITS.events + 1) }),
    ]);
    expect(dataFileToState(file)).toEqual({
      ok: false,
      code: 'ERR_PAYLOAD_TOO_LARGE',
      details: { path: '$.types[1]', max_events: LIMITS.events },
    });
  });

  // Issue 8, item 10: a 353-byte file with one huge count made the server synthesize
  // two million events. A count without history becomes one event, so it is capped.
  it('refuses a count without history over LIMITS.countWithoutHistory, at its stage', () => {
    for (const huge of [LIMITS.countWithoutHistory + 1, Number.MAX_SAFE_INTEGER]) {
      const file = dataFile([
        fileType({ id: uid(1), name: 'A', counts: counts({ PAINTING: huge }) }),
      ]);
      expect(JSON.stringify(file).length).toBeLessThan(400);
      expect(readDataFile(file)).toEqual({
        ok: false,
        code: 'ERR_IMPORT_INVALID',
        details: {
          path: '$.types[0].counts.PAINTING',
          reason: 'count_without_history_too_large',
          max: LIMITS.countWithoutHistory,
        },
      });
    }
  });
});

describe('count-only types (counts, empty history)', () => {
  const countOnly = () =>
    dataFile([
      fileType({
        id: uid(1),
        name: 'Boyz',
        created_at: at(5000),
        name_updated_at: at(5000),
        counts: counts({ IN_BOX: 3, DONE: 100_000 }),
      }),
    ]);

  it('get one add event per stage, at the type creation time', () => {
    const r = readDataFile(countOnly());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.types[0]!.counts).toEqual(counts({ IN_BOX: 3, DONE: 100_000 }));
    expect(
      r.value.events.map((e) => [e.from_stage, e.to_stage, e.qty, e.created_at, e.type_id]),
    ).toEqual([
      [null, 'IN_BOX', 3, at(5000), uid(1)],
      [null, 'DONE', 100_000, at(5000), uid(1)],
    ]);
    expect(new Set(r.value.events.map((e) => e.id)).size).toBe(2);
    for (const e of r.value.events)
      expect(e.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('get the same ids every time the same file is read', () => {
    const a = readDataFile(countOnly());
    const b = readDataFile(countOnly());
    expect(a).toEqual(b);
  });

  it('get different ids when the content differs', () => {
    const a = readDataFile(countOnly());
    const changed = countOnly();
    changed.types[0]!.counts.IN_BOX = 4;
    const b = readDataFile(changed);
    if (!a.ok || !b.ok) throw new Error('expected both to read');
    expect(a.value.events[0]!.id).not.toBe(b.value.events[0]!.id);
    // Other stages keep their ids: only what changed is new.
    expect(a.value.events[1]!.id).toBe(b.value.events[1]!.id);
  });

  it('with zero counts get no events', () => {
    const r = readDataFile(dataFile([fileType({ id: uid(1) })]));
    expect(r).toMatchObject({ ok: true, value: { events: [] } });
  });
});
