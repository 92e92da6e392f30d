/**
 * CSV for spreadsheets: RFC 4180 quoting by csv-stringify, a UTF-8 BOM so names show right,
 * and cells that a spreadsheet would run as a formula (= + - @ tab CR) prefixed with '.
 */
import { stringify } from 'csv-stringify/sync';

const FORMULA = /^[=+\-@\t\r]/;

export const neutralize = (cell: string) => (FORMULA.test(cell) ? `'${cell}` : cell);

type Cell = string | number | boolean | null;

export function toCsv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
	const cells = [header, ...rows].map((r: readonly Cell[]) => r.map((c) => (c === null ? '' : typeof c === 'string' ? neutralize(c) : String(c))));
	return '\uFEFF' + stringify(cells, { record_delimiter: '\r\n' });
}
