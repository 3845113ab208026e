import { type MiniatureType, STAGES, totalOf, wholePercent } from '@mpt/shared';
import Papa from 'papaparse';
import type { Language } from '../../i18n';

// The CSV export for spreadsheets (issue 13). Loaded only when the button is pressed:
// papaparse stays out of the initial bundle and out of the Settings chunk.

/** One cell of the CSV: text, or a whole number (no decimals, so no decimal mark). */
export type CsvCell = string | number;

/**
 * A cell that starts with one of these is read as a formula by Excel, LibreOffice and
 * Google Sheets (OWASP "CSV Injection"): it gets a leading apostrophe. Unlike papaparse's
 * own default (`/^[=+\-@\t\r].*$/`), this one also catches a cell whose text spans lines.
 */
export const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * The separator a spreadsheet in the app's language expects: ';' for Russian (Excel in
 * ru-RU lists with ';' because ',' is its decimal mark), ',' for English (RFC 4180).
 */
export function csvSeparator(lng: Language): ';' | ',' {
  return lng === 'ru' ? ';' : ',';
}

/** The header row, in the language `translate` speaks (the app's `t`). */
export function csvHeader(translate: (key: string) => string): string[] {
  return [
    translate('settings.csv.name'),
    translate('fields.army'),
    translate('fields.game'),
    translate('fields.points'),
    ...STAGES.map((s) => translate(`stages.${s}`)),
    translate('settings.csv.percentDone'),
  ];
}

/**
 * One row per type, in the order given (the list's A–Z): name, army and game ('' for
 * none), points per model, the five counts, and the whole percent of models done
 * (rounded down, as the list shows it; 0 for a type with no models).
 */
export function csvRows(types: readonly MiniatureType[]): CsvCell[][] {
  return types.map((type) => {
    const counts = STAGES.map((s) => type.counts[s]);
    const percent = wholePercent(type.counts.DONE, totalOf(type.counts));
    return [type.name, type.army ?? '', type.game ?? '', type.points_per_model, ...counts, percent];
  });
}

/**
 * The file's text: a UTF-8 BOM (so Excel reads Cyrillic and emoji as UTF-8), then the
 * header and rows joined by `csvSeparator(lng)`, CRLF line ends and RFC 4180 quoting by
 * papaparse, text cells starting with FORMULA_START prefixed with an apostrophe. Every
 * record, the last one too, ends with CRLF (papaparse ends only a header-only file so).
 */
export function toCsv(
  header: readonly string[],
  rows: readonly CsvCell[][],
  lng: Language,
): string {
  const text = Papa.unparse(
    { fields: [...header], data: rows.map((r) => [...r]) },
    { delimiter: csvSeparator(lng), newline: '\r\n', escapeFormulae: FORMULA_START },
  );
  return `\uFEFF${text.endsWith('\r\n') ? text : `${text}\r\n`}`;
}

/** File name for a CSV made at `now` (local date), e.g. miniatures-2026-11-30.csv. */
export function csvFileName(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `miniatures-${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}.csv`;
}
