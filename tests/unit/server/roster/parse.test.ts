import { describe, expect, it } from 'vitest';
import { MAX_ROWS, parseRoster } from '../../../../src/lib/server/roster/parse';

describe('reading a roster', () => {
	it('takes pasted names one per line, keeping each line number and skipping blank lines', () => {
		const r = parseRoster('Amira Haddad\r\n\n  Tomás Ruiz  \nLi Wei\n');
		expect(r).toEqual({
			ok: true,
			rows: [
				{ line: 1, name: 'Amira Haddad', username: '' },
				{ line: 3, name: 'Tomás Ruiz', username: '' },
				{ line: 4, name: 'Li Wei', username: '' }
			]
		});
	});

	it('reads a CSV with a header (pasted or uploaded), in any column order, with quotes and a BOM', () => {
		const r = parseRoster('\uFEFFusername,name\nahaddad,"Haddad, Amira"\n,Li Wei\n');
		expect(r).toEqual({
			ok: true,
			rows: [
				{ line: 2, name: 'Haddad, Amira', username: 'ahaddad' },
				{ line: 3, name: 'Li Wei', username: '' }
			]
		});
		expect(parseRoster('name;username\nLi Wei;lw\n', { csv: true })).toEqual({ ok: true, rows: [{ line: 2, name: 'Li Wei', username: 'lw' }] });
	});

	it('says what is wrong with an empty list, a CSV without a name column, broken quotes, or too many rows', () => {
		expect(parseRoster('  \n ')).toMatchObject({ ok: false, message: expect.stringContaining('no names') });
		expect(parseRoster('first,last\nA,B\n', { csv: true })).toMatchObject({ ok: false, message: expect.stringContaining('name') });
		expect(parseRoster('name\n"Amira\n', { csv: true })).toMatchObject({ ok: false, message: expect.stringContaining('quotes') });
		expect(parseRoster(Array.from({ length: MAX_ROWS + 1 }, (_, i) => `Student ${i}`).join('\n'))).toMatchObject({ ok: false, message: expect.stringContaining(`at most ${MAX_ROWS}`) });
	});
});
