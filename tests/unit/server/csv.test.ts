import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { neutralize, toCsv } from '../../../src/lib/server/csv';

const hostile = ['=HYPERLINK("x")', '+1', '-2', '@a', '\tTab', '\rCR', 'say "hi", ok', 'line\nbreak', 'Zoë Łukasz', 'plain'];

describe('toCsv', () => {
	it('round-trips through a strict parser: every cell equals the original apart from the neutralising prefix', () => {
		const text = toCsv(['name', 'n'], hostile.map((h, i) => [h, i]));
		expect(text.startsWith('\uFEFF')).toBe(true);
		const rows = parse(text.slice(1), { relax_quotes: false, relax_column_count: false, record_delimiter: '\r\n' }) as string[][];
		expect(rows[0]).toEqual(['name', 'n']);
		rows.slice(1).forEach((row, i) => {
			const original = hostile[i]!;
			expect(row[0]).toBe(/^[=+\-@\t\r]/.test(original) ? `'${original}` : original);
			expect(row[0]).not.toMatch(/^[=+\-@\t\r]/);
			expect(row[1]).toBe(String(i));
		});
	});

	it('leaves numbers alone and writes null as empty', () => {
		expect(toCsv(['a', 'b'], [[-3, null]])).toBe('\uFEFFa,b\r\n-3,\r\n');
	});

	it('neutralize only touches formula starts', () => {
		expect(neutralize('=1')).toBe("'=1");
		expect(neutralize('a=1')).toBe('a=1');
	});
});
