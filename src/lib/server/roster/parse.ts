/**
 * A roster as a teacher gives it: names pasted one per line, or a CSV (pasted or uploaded) with a
 * `name` column and an optional `username` column. Every row keeps its line number, so the preview
 * can point at it.
 */
import { parse } from 'csv-parse/sync';

export interface RosterRow {
	/** 1-based line in what the teacher gave (for a CSV, the header is line 1) */
	line: number;
	name: string;
	/** as given in the CSV, or empty to generate one */
	username: string;
}

export type Parsed = { ok: true; rows: RosterRow[] } | { ok: false; message: string };

export const MAX_ROWS = 200;

/** A first line like `name`, `name,username` or `username;name`: the paste is a CSV. */
function isHeader(line: string): boolean {
	const cells = line.split(/[,;\t]/).map((c) => c.trim().replace(/^"|"$/g, '').toLowerCase());
	return cells.includes('name') && cells.every((c) => c === 'name' || c === 'username');
}

export function parseRoster(text: string, { csv = false }: { csv?: boolean } = {}): Parsed {
	const clean = text.replace(/^\uFEFF/, '');
	const first = clean.split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
	if (!first) return { ok: false, message: 'There are no names. Paste one name per line, or choose a CSV file.' };
	if (csv || isHeader(first)) return parseCsv(clean);
	const rows = clean
		.split(/\r?\n/)
		.map((l, i) => ({ line: i + 1, name: l.trim(), username: '' }))
		.filter((r) => r.name !== '');
	return limit(rows);
}

function parseCsv(text: string): Parsed {
	const delimiter = [',', ';', '\t'].find((d) => (text.split(/\r?\n/)[0] ?? '').includes(d)) ?? ',';
	let records: { record: string[]; line: number }[];
	try {
		records = (parse(text, { delimiter, relax_column_count: true, skip_empty_lines: true, trim: true, info: true }) as unknown as { record: string[]; info: { lines: number } }[]).map(
			(r) => ({ record: r.record, line: r.info.lines })
		);
	} catch (e) {
		const where = e && typeof e === 'object' && 'lines' in e ? ` near line ${String(e.lines)}` : '';
		return { ok: false, message: `The CSV could not be read${where}: check its quotes. Or paste one name per line instead.` };
	}
	const header = (records[0]?.record ?? []).map((h) => h.toLowerCase());
	const nameAt = header.indexOf('name');
	const userAt = header.indexOf('username');
	if (nameAt < 0) return { ok: false, message: 'The CSV needs a first line naming its columns: name, and optionally username.' };
	return limit(records.slice(1).map(({ record, line }) => ({ line, name: record[nameAt] ?? '', username: userAt >= 0 ? (record[userAt] ?? '') : '' })));
}

function limit(rows: RosterRow[]): Parsed {
	if (rows.length === 0) return { ok: false, message: 'There are no names below the header. Add one student per line.' };
	if (rows.length > MAX_ROWS) return { ok: false, message: `That is ${rows.length} students; add at most ${MAX_ROWS} at a time.` };
	return { ok: true, rows };
}
