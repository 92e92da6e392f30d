/** Roster imports on both engines: all accounts at once or none, each with a setup code that works once. */
import { afterEach, describe, expect, it } from 'vitest';
import { resetWithCode } from '../../../../src/lib/server/auth/password-reset';
import { createClass, roster } from '../../../../src/lib/server/db/classes';
import type { Db } from '../../../../src/lib/server/db/client';
import { findLogin } from '../../../../src/lib/server/db/users';
import { createUser } from '../../../../src/lib/server/db/users';
import { createRosterAccounts, RosterConflict } from '../../../../src/lib/server/db/roster';
import { createFromPreview, previewRoster } from '../../../../src/lib/server/roster/import';
import { engines } from './engines';

describe.each(engines)('roster import on $name', (engine) => {
	let handle: Db;
	afterEach(async () => handle?.close());

	async function seed() {
		handle = await engine.open();
		const db = handle.db;
		const teacher = await createUser(db, { role: 'teacher', username: null, email: 't@school.test', displayName: 'Ms T', passwordHash: 'x', timeZone: 'UTC' });
		await createUser(db, { role: 'student', username: 'li.wei', email: null, displayName: 'Another Li Wei', passwordHash: 'x', timeZone: 'UTC' });
		const klass = await createClass(db, { teacherId: teacher.id, name: 'History', section: null, timeZone: 'Europe/Vienna' });
		return { db, teacher, klass };
	}

	it('previews, then creates every account in the class with a setup code; nobody can log in before using it', async () => {
		const { db, teacher, klass } = await seed();
		const preview = await previewRoster(db, klass.id, 'Amira Haddad\nLi Wei\n\nAmira Haddad\n', { csv: false });
		expect(preview.ok && preview.rows.map((r) => [r.line, r.ok, r.username])).toEqual([
			[1, true, 'amira.haddad'],
			[2, true, 'li.wei2'],
			[4, false, '']
		]);
		expect(await roster(db, klass.id)).toEqual([]);

		const accepted = preview.ok ? preview.rows.filter((r) => r.ok) : [];
		const created = await createFromPreview(db, klass, teacher, accepted);
		expect(created.ok).toBe(true);
		const cards = created.ok ? created.cards : [];
		expect(cards.map((c) => c.username)).toEqual(['amira.haddad', 'li.wei2']);
		expect((await roster(db, klass.id)).map((s) => s.username).sort()).toEqual(['amira.haddad', 'li.wei2']);
		expect((await findLogin(db, 'amira.haddad'))?.time_zone).toBe('Europe/Vienna');

		const form = { username: 'amira.haddad', code: cards[0]!.code, password: 'my own password', confirm: 'my own password' };
		expect(await resetWithCode(db, form, '192.0.2.1')).toMatchObject({ ok: true });
		expect(await resetWithCode(db, form, '192.0.2.1')).toMatchObject({ ok: false });

		// the same students again: already in the class
		const again = await previewRoster(db, klass.id, 'Amira Haddad', { csv: false });
		expect(again.ok && again.rows[0]).toMatchObject({ ok: false, problem: 'Already in this class, as amira.haddad.' });
	});

	it('creates nothing when a username was taken after the preview, and sends the new preview back', async () => {
		const { db, teacher, klass } = await seed();
		const preview = await previewRoster(db, klass.id, 'Amira Haddad\nOla Berg', { csv: false });
		const accepted = preview.ok ? preview.rows.filter((r) => r.ok) : [];
		await createUser(db, { role: 'student', username: 'ola.berg', email: null, displayName: 'Someone else', passwordHash: 'x', timeZone: 'UTC' });
		const created = await createFromPreview(db, klass, teacher, accepted);
		expect(created.ok).toBe(false);
		expect(!created.ok && created.rows.map((r) => r.ok)).toEqual([true, false]);
		expect(await roster(db, klass.id)).toEqual([]);
		expect(await findLogin(db, 'amira.haddad')).toBeUndefined();
	});

	it('one transaction: a clash in the middle of the list leaves no account, membership or code behind', async () => {
		const { db, teacher, klass } = await seed();
		const accounts = ['first.one', 'li.wei', 'third.one'].map((username) => ({ name: username, username, codeHash: 'h' }));
		const run = createRosterAccounts(db, { classId: klass.id, accounts, by: { id: teacher.id, name: 'Ms T' }, timeZone: 'UTC', now: new Date(), ttlMs: 1000 });
		await expect(run).rejects.toBeInstanceOf(RosterConflict);
		expect(await findLogin(db, 'first.one')).toBeUndefined();
		expect(await roster(db, klass.id)).toEqual([]);
		expect(await db.selectFrom('password_codes').selectAll().execute()).toEqual([]);
	});
});
