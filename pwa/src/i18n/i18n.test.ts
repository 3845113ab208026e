import { ERROR_CODES, STAGES } from '@mpt/shared';
import { describe, expect, it } from 'vitest';
import { errorText } from './error-text';
import { detectLanguage, initI18n, setLanguage, stageName, t } from './index';
import en from './locales/en.json';
import ru from './locales/ru.json';

type Tree = { [key: string]: string | Tree };

/** Leaf keys with plural suffixes folded, so en's _one/_other match ru's _one/_few/_many/_other. */
function keys(tree: Tree, prefix = ''): Set<string> {
  const out = new Set<string>();
  for (const [k, v] of Object.entries(tree)) {
    const path = `${prefix}${k.replace(/_(zero|one|two|few|many|other)$/, '')}`;
    if (typeof v === 'string') out.add(path);
    else for (const inner of keys(v, `${path}.`)) out.add(inner);
  }
  return out;
}

describe('i18n dictionaries', () => {
  it('every key exists in both languages', () => {
    const a = keys(en as Tree);
    const b = keys(ru as Tree);
    expect([...a].filter((k) => !b.has(k))).toEqual([]);
    expect([...b].filter((k) => !a.has(k))).toEqual([]);
  });

  it('every error code and stage has text in both languages', async () => {
    for (const lng of ['en', 'ru'] as const) {
      await initI18n(lng);
      for (const code of ERROR_CODES) expect(t(`errors.${code}`)).not.toBe(`errors.${code}`);
      for (const stage of STAGES) expect(t(`stages.${stage}`)).not.toBe(`stages.${stage}`);
    }
  });

  it('Russian plurals use one/few/many', async () => {
    await initI18n('ru');
    expect(t('common.models', { count: 1 })).toBe('1 модель');
    expect(t('common.models', { count: 3 })).toBe('3 модели');
    expect(t('common.models', { count: 5 })).toBe('5 моделей');
    expect(t('common.models', { count: 21 })).toBe('21 модель');
    await setLanguage('en');
    expect(t('common.models', { count: 1 })).toBe('1 model');
    expect(t('common.models', { count: 2 })).toBe('2 models');
  });

  it('the 12 weeks’ total reads as the months’ and years’ do, in both languages (found by review)', async () => {
    for (const lng of ['en', 'ru'] as const) {
      await setLanguage(lng);
      for (const count of [1, 2, 5, 21]) {
        const span = t('activity.span.week');
        const amount = t('common.models', { count });
        expect(t('activity.finished', { count })).toBe(t('activity.totalIn', { amount, span }));
      }
    }
    await setLanguage('en');
  });

  it('writes counts grouped as the language does: 12,345 / 12 345', async () => {
    await initI18n('en');
    expect(t('activity.finished', { count: 12_345 })).toBe('12,345 models finished in 12 weeks');
    await setLanguage('ru');
    expect(t('list.types', { count: 10_000 }).replace(/\u00a0/g, ' ')).toBe('10 000 типов');
    await setLanguage('en');
  });

  it('every count placeholder is formatted as a number', () => {
    const plainCounts: string[] = [];
    const walk = (tree: Tree, path: string) => {
      for (const [k, v] of Object.entries(tree)) {
        if (typeof v !== 'string') walk(v, `${path}${k}.`);
        else if (/\{\{(count|qty)\}\}/.test(v)) plainCounts.push(`${path}${k}`);
      }
    };
    walk(en as Tree, '');
    walk(ru as Tree, '');
    expect(plainCounts).toEqual([]);
  });

  it('Russian says a sync "не применила" a step it set aside, as the type page says "не применено", never "отложила" (read as "postponed", to be done later; found in the browser)', () => {
    const postponed: string[] = [];
    const walk = (tree: Tree, path: string) => {
      for (const [k, v] of Object.entries(tree)) {
        if (typeof v !== 'string') walk(v, `${path}${k}.`);
        else if (/отлож/i.test(v)) postponed.push(`${path}${k}`);
      }
    };
    walk(ru as Tree, '');
    expect(postponed).toEqual([]);
    const undo = (ru as Tree).undo as Tree;
    for (const key of ['setAside', 'setAsideStep', 'setAsideInEntry']) {
      expect(undo[key], key).toMatch(/не применил/);
    }
  });

  it('error text says where: the field by its label, any other place by its JSON path', async () => {
    await initI18n('en');
    expect(errorText('ERR_IMPORT_INVALID', { path: '$.types[0].name' })).toContain(
      '(field “Name”)',
    );
    expect(errorText('ERR_IMPORT_INVALID', { path: '$.types[0].history' })).toContain(
      '(at $.types[0].history)',
    );
  });

  it('follows a stored choice, else the browser language, else English', () => {
    expect(detectLanguage('ru', ['en-US'])).toBe('ru');
    expect(detectLanguage(null, ['ru-RU', 'en'])).toBe('ru');
    expect(detectLanguage(null, ['de-DE', 'en-GB'])).toBe('en');
    expect(detectLanguage('xx', ['fr'])).toBe('en');
  });

  it('stage names follow the language', async () => {
    await initI18n('en');
    expect(stageName('IN_BOX')).toBe('In box');
    await setLanguage('ru');
    expect(stageName('IN_BOX')).toBe('В коробке');
    await setLanguage('en');
    expect(stageName('IN_BOX')).toBe('In box');
  });
});

// Found trying issue 8: every file error read "not a valid data file (at $.path)".
describe('errorText says why', () => {
  it('names the broken rule of a data file, the limit reached and the size allowed', async () => {
    await initI18n('en');
    const time = errorText('ERR_IMPORT_INVALID', {
      path: '$.types[0].history[1].created_at',
      reason: 'custom',
    });
    expect(time).toContain('between 1970 and 2999');
    expect(time).toContain('$.types[0].history[1].created_at');
    expect(
      errorText('ERR_IMPORT_INVALID', {
        path: '$.types[2].counts.DONE',
        reason: 'count_without_history_too_large',
        max: 100_000,
      }),
    ).toContain('at most 100,000 models');
    expect(
      errorText('ERR_LIMIT_REACHED', { limit: 'types', max: 20_000, count: 20_000 }),
    ).toContain('At most 20,000 types.');
    expect(errorText('ERR_PAYLOAD_TOO_LARGE', { path: '$', max_bytes: 52_428_800 })).toContain(
      'at most 50 MB',
    );
    await initI18n('ru');
    await setLanguage('ru');
    expect(
      errorText('ERR_IMPORT_INVALID', {
        path: '$.types[0].name',
        reason: 'ERR_NAME_INVALID',
        name_reason: 'empty',
      }),
    ).toContain('хотя бы один видимый символ');
    // Found by the newcomer review: a bound broken or a field missing said only "damaged
    // (at $.types[0].counts.IN_BOX)".
    const huge = errorText('ERR_IMPORT_INVALID', {
      path: '$.types[0].counts.IN_BOX',
      reason: 'too_big',
      max: 100_000,
    });
    expect(huge).toContain('В коробке: не больше 100');
    // The field named once: the reason names it (review: it was named twice).
    expect(huge).not.toContain('(поле «В коробке»)');
    expect(huge.split('В коробке').length).toBe(2);
    expect(huge).not.toContain('$');
    // Past 2^53 the format has no bound worth quoting (the reviewer's 99999999999999999999).
    expect(
      errorText('ERR_IMPORT_INVALID', { path: '$.types[0].counts.DONE', reason: 'too_big' }),
    ).toContain('Готово: слишком большое число.');
    expect(
      errorText('ERR_IMPORT_INVALID', { path: '$.goal', reason: 'invalid_type', missing: true }),
    ).toContain('Цель: значения нет.');
    await setLanguage('en');
    expect(
      errorText('ERR_IMPORT_INVALID', {
        path: '$.types[3].points_per_model',
        reason: 'too_small',
        min: 0,
      }),
    ).toMatch(/Points per model must be at least 0\.$/);
    // A place with no field the user knows keeps its path.
    expect(
      errorText('ERR_IMPORT_INVALID', { path: '$.types[0].history[2].id', reason: 'invalid_type' }),
    ).toContain('(at $.types[0].history[2].id)');
  });
});
