/**
 * An account's reading settings on both engines: read with the session (no query of their
 * own), saved, taken over from a guest only while the account has none (not once it chose the defaults), gone with the account,
 * and added by migration 0009 to accounts made before it.
 */
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_READING } from '../../../../src/lib/reading';
import { dataAsCsv } from '../../../../src/lib/server/account-data';
import type { Db } from '../../../../src/lib/server/db/client';
import { exportUserData } from '../../../../src/lib/server/db/export';
import { migrateToLatest, migrations } from '../../../../src/lib/server/db/migrate';
import { adoptReadingSettings, saveReadingSettings } from '../../../../src/lib/server/db/reading-settings';
import { createSession, validateSession } from '../../../../src/lib/server/db/sessions';
import { createUser, deleteUser, findUser } from '../../../../src/lib/server/db/users';
import { accountReading, readingJson } from '../../../../src/lib/server/reading';
import { engines } from './engines';

const student = (username: string) => ({ role: 'student' as const, username, email: null, displayName: `Name of ${username}`, passwordHash: 'hash', timeZone: 'UTC' });

const LARGE_CONTRAST = JSON.stringify({ size: 'largest', theme: 'contrast' });
const DARK = JSON.stringify({ theme: 'dark' });

describe.each(engines)('reading settings on $name', (engine) => {
	let handle: Db;
	afterEach(async () => handle?.close());

	it('a new account has none; saved ones come back with the session and in findUser; null resets them', async () => {
		handle = await engine.open();
		const { db } = handle;
		const u = await createUser(db, student('ada'));
		expect(u.reading_settings).toBeNull();
		const { token } = await createSession(db, u.id);
		expect((await validateSession(db, token))?.reading_settings).toBeNull();

		await saveReadingSettings(db, u.id, LARGE_CONTRAST);
		expect((await validateSession(db, token))?.reading_settings).toBe(LARGE_CONTRAST);
		expect((await findUser(db, u.id))?.reading_settings).toBe(LARGE_CONTRAST);

		await saveReadingSettings(db, u.id, null);
		expect((await validateSession(db, token))?.reading_settings).toBeNull();
	});

	it('a guest’s settings are taken over only by an account that has none, and only by that account', async () => {
		handle = await engine.open();
		const { db } = handle;
		const [fresh, settled, bystander] = await Promise.all([createUser(db, student('fresh')), createUser(db, student('settled')), createUser(db, student('bystander'))]);
		await saveReadingSettings(db, settled.id, DARK);

		expect(await adoptReadingSettings(db, fresh.id, LARGE_CONTRAST)).toBe(true);
		expect(await adoptReadingSettings(db, settled.id, LARGE_CONTRAST)).toBe(false);
		// taken over once: a second guest's settings do not replace them either
		expect(await adoptReadingSettings(db, fresh.id, DARK)).toBe(false);

		expect((await findUser(db, fresh.id))?.reading_settings).toBe(LARGE_CONTRAST);
		expect((await findUser(db, settled.id))?.reading_settings).toBe(DARK);
		expect((await findUser(db, bystander.id))?.reading_settings).toBeNull();
	});

	it('an account that chose the defaults ({}) keeps them: a guest’s settings do not take over', async () => {
		handle = await engine.open();
		const { db } = handle;
		const u = await createUser(db, student('reset'));
		await saveReadingSettings(db, u.id, LARGE_CONTRAST);
		// Reset
		await saveReadingSettings(db, u.id, readingJson(DEFAULT_READING));
		expect(await adoptReadingSettings(db, u.id, DARK)).toBe(false);
		expect(accountReading((await findUser(db, u.id))!.reading_settings)).toEqual(DEFAULT_READING);
		expect(await dataAsCsv(db, u.id)).toContain('reading settings=the defaults');
	});

	it('are in the export, and go with the account', async () => {
		handle = await engine.open();
		const { db } = handle;
		const [a, b] = await Promise.all([createUser(db, student('alice')), createUser(db, student('bob'))]);
		await saveReadingSettings(db, a.id, LARGE_CONTRAST);
		await saveReadingSettings(db, b.id, DARK);
		expect((await exportUserData(db, a.id)).user?.reading_settings).toBe(LARGE_CONTRAST);

		await deleteUser(db, a.id);
		const { rows } = await sql<{ n: number | string }>`select count(*) as n from users where reading_settings like ${'%largest%'}`.execute(db);
		expect(Number(rows[0]!.n)).toBe(0);
		expect((await findUser(db, b.id))?.reading_settings).toBe(DARK);
	});

	it('migration 0009 gives accounts made before it no settings, and they sign in as before', async () => {
		handle = await engine.openEmpty();
		const { db } = handle;
		const before = Object.fromEntries(Object.entries(migrations).filter(([name]) => name < '0009'));
		expect(Object.keys(before)).toHaveLength(Object.keys(migrations).length - 1);
		await migrateToLatest(db, before);
		// written as 0008's schema has it: no reading_settings column yet
		await sql`insert into users (id, role, username, email, display_name, password_hash, time_zone, created_at)
			values ('u-old', 'student', 'old.timer', null, 'Old Timer', 'hash', 'UTC', '2026-01-01T00:00:00.000Z')`.execute(db);

		expect(await migrateToLatest(db)).toEqual(['0009_reading_settings']);
		const { token } = await createSession(db, 'u-old');
		const user = await validateSession(db, token);
		expect(user).toMatchObject({ username: 'old.timer', reading_settings: null });
		await saveReadingSettings(db, 'u-old', DARK);
		expect((await validateSession(db, token))?.reading_settings).toBe(DARK);
	});
});
