import SQLite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { withStatementCache } from '../../../../src/lib/server/db/sqlite-dialect';

describe('the SQLite statement cache', () => {
	it('prepares each SQL text once, answers correctly from the cached statement, and drops the least recently used past its bound', () => {
		const raw = new SQLite(':memory:');
		let prepared = 0;
		const prepare = raw.prepare.bind(raw);
		raw.prepare = ((sql: string) => (prepared++, prepare(sql))) as typeof raw.prepare;
		const db = withStatementCache(raw, 2);
		db.prepare('create table t (v integer)').run([]);
		const insert = db.prepare('insert into t (v) values (?)');
		expect(db.prepare('insert into t (v) values (?)')).toBe(insert);
		insert.run([1]);
		db.prepare('insert into t (v) values (?)').run([2]);
		expect(db.prepare('select sum(v) as s from t').all([])).toEqual([{ s: 3 }]);
		expect(prepared).toBe(3);
		// a bound of 2: the create statement was dropped, the two most recently used kept
		db.prepare('create table if not exists t (v integer)');
		expect(prepared).toBe(4);
		db.prepare('insert into t (v) values (?)');
		expect(prepared).toBe(5);
		// a statement used again is kept over one used before it
		db.prepare('create table if not exists t (v integer)');
		db.prepare('select 1');
		expect(prepared).toBe(6);
		db.prepare('create table if not exists t (v integer)');
		expect(prepared).toBe(6);
		db.prepare('insert into t (v) values (?)');
		expect(prepared).toBe(7);
		db.close();
	});
});
