/**
 * Sessions and passwords as OWASP ASVS level 2 asks (V2.4, V3.2–3.4), on a server of its own
 * whose database the test reads: ids from a CSPRNG with ≥ 128 bits, stored only as a hash,
 * renewed at login, ended on logout, on a password change (every other session) and on
 * account deletion; argon2id at or above OWASP's minimum, read from a stored hash; cookie flags.
 */
import { createHash } from 'node:crypto';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { answerFields, content, newStudent, newTeacher, postForm, signUpByPost, signUpTeacherByPost } from './content';
import { startServer } from './global-setup';

const file = join(mkdtempSync(join(tmpdir(), 'bc-sessions-')), 'sessions.db');
let base = '';
let server: ChildProcess | undefined;

beforeAll(async () => {
	const started = await startServer({ DATABASE_FILE: file });
	base = started.url;
	server = started.child;
});
afterAll(() => {
	server?.kill('SIGTERM');
});

/** read-only peeks at the server's database */
function query<T>(sql: string, ...params: unknown[]): T[] {
	const db = new SQLite(file, { readonly: true, fileMustExist: true });
	try {
		return db.prepare(sql).all(...params) as T[];
	} finally {
		db.close();
	}
}

const tokenOf = (cookie: string) => /bc_session=([^;]+)/.exec(cookie)?.[1] ?? '';
const sha256 = (t: string) => createHash('sha256').update(t).digest('hex');

/** whether a session cookie opens a student's page */
async function signedIn(cookie: string): Promise<boolean> {
	const res = await fetch(`${base}/account`, { headers: { cookie }, redirect: 'manual' });
	return res.status === 200;
}

const logIn = (username: string, password: string, cookie?: string) => postForm('/login', { username, password }, { base, cookie });
const userId = (username: string) => query<{ id: string }>('SELECT id FROM users WHERE username = ? OR email = ?', username, username)[0]!.id;
const sessionsOf = (id: string) => query<{ id: string }>('SELECT id FROM sessions WHERE user_id = ?', id).map((r) => r.id);

describe('session ids', () => {
	test('are 256 random bits (base64url), all different, and only their SHA-256 is stored', async () => {
		const s = newStudent('ids');
		const tokens = [tokenOf(await signUpByPost(s, base))];
		for (let i = 0; i < 8; i++) tokens.push(tokenOf((await logIn(s.username, s.password)).cookie));
		for (const t of tokens) {
			// 43 base64url characters carry 258 bits; the id is randomBytes(32) from node:crypto, a CSPRNG
			expect(t).toMatch(/^[A-Za-z0-9_-]{43}$/);
			expect(Buffer.from(t, 'base64url').length).toBe(32);
		}
		expect(new Set(tokens).size).toBe(tokens.length);
		// the characters are spread as random bytes would be: no position is constant across tokens
		for (let i = 0; i < 42; i++) expect(new Set(tokens.map((t) => t[i])).size, `position ${i}`).toBeGreaterThan(1);
		const stored = sessionsOf(userId(s.username));
		expect(stored.sort()).toEqual(tokens.map(sha256).sort());
		const everything = JSON.stringify(query('SELECT * FROM sessions'));
		for (const t of tokens) expect(everything).not.toContain(t);
	});
});

describe('a session ends when it should', () => {
	test('login issues a new id and ends the one the browser had (no fixation)', async () => {
		const s = newStudent('renew');
		const first = await signUpByPost(s, base);
		// a planted id is not adopted either
		const planted = 'bc_session=' + Buffer.alloc(32, 7).toString('base64url');
		const again = await logIn(s.username, s.password, `${first}; ${planted}`);
		expect(again.status).toBe(303);
		expect(tokenOf(again.cookie)).not.toBe(tokenOf(first));
		expect(tokenOf(again.cookie)).not.toBe(tokenOf(planted));
		expect(await signedIn(first), 'the id from before login').toBe(false);
		expect(await signedIn(again.cookie), 'the new id').toBe(true);
		expect(sessionsOf(userId(s.username))).toEqual([sha256(tokenOf(again.cookie))]);
	});

	test('logout ends the session on the server, not only in the browser', async () => {
		const s = newStudent('out');
		const cookie = await signUpByPost(s, base);
		const res = await postForm('/logout', {}, { base, cookie });
		expect(res.status).toBe(303);
		expect(await signedIn(cookie)).toBe(false);
		expect(sessionsOf(userId(s.username))).toEqual([]);
	});

	test('a password change ends every other session; the browser that made it gets a new one', async () => {
		const s = newStudent('pw');
		const laptop = await signUpByPost(s, base);
		const phone = (await logIn(s.username, s.password)).cookie;
		expect(await signedIn(phone)).toBe(true);

		// a wrong current password changes nothing
		const wrong = await postForm('/account?/password', { current: 'not my password', password: 'a brand new secret', confirm: 'a brand new secret' }, { base, cookie: laptop });
		expect(wrong.status).toBe(400);
		expect(wrong.text).toContain('That is not your current password.');
		expect(await signedIn(phone)).toBe(true);

		const changed = await postForm('/account?/password', { current: s.password, password: 'a brand new secret', confirm: 'a brand new secret' }, { base, cookie: laptop });
		expect(changed.status).toBe(200);
		expect(changed.text).toContain('Your password is changed.');
		expect(changed.text).not.toContain('a brand new secret');
		expect(tokenOf(changed.cookie)).toMatch(/^[A-Za-z0-9_-]{43}$/);
		expect(await signedIn(phone), 'the other browser').toBe(false);
		expect(await signedIn(laptop), 'the old id of this browser').toBe(false);
		expect(await signedIn(changed.cookie), 'the new id of this browser').toBe(true);
		expect(sessionsOf(userId(s.username))).toEqual([sha256(tokenOf(changed.cookie))]);

		expect((await logIn(s.username, s.password)).status, 'the old password').toBe(401);
		expect((await logIn(s.username, 'a brand new secret')).status, 'the new password').toBe(303);
	});

	test('a teacher can change a password too, and mismatched or reused passwords are refused with a message', async () => {
		const t = newTeacher('pw');
		const cookie = await signUpTeacherByPost(t, base);
		const mismatch = await postForm('/account?/password', { current: t.password, password: 'one new password', confirm: 'another one' }, { base, cookie });
		expect(mismatch.status).toBe(400);
		expect(mismatch.text).toContain('The two new passwords are not the same.');
		const same = await postForm('/account?/password', { current: t.password, password: t.password, confirm: t.password }, { base, cookie });
		expect(same.status).toBe(400);
		expect(same.text).toContain('Choose a password different from your current one.');
		const ok = await postForm('/account?/password', { current: t.password, password: 'teacher secret two', confirm: 'teacher secret two' }, { base, cookie });
		expect(ok.status).toBe(200);
		expect((await logIn(t.email, 'teacher secret two')).status).toBe(303);
	});

	test('deleting the account ends all its sessions', async () => {
		const s = newStudent('gone');
		const one = await signUpByPost(s, base);
		const two = (await logIn(s.username, s.password)).cookie;
		const id = userId(s.username);
		const res = await postForm('/me/data?/delete', { confirm: s.username }, { base, cookie: one });
		expect(res.status).toBe(303);
		expect(await signedIn(one)).toBe(false);
		expect(await signedIn(two)).toBe(false);
		expect(sessionsOf(id)).toEqual([]);
	});
});

describe('passwords', () => {
	/** "$argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>" (the PHC string format) */
	function parse(phc: string) {
		const m = /^\$(argon2(?:id|i|d))\$v=(\d+)\$m=(\d+),t=(\d+),p=(\d+)\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/.exec(phc);
		expect(m, `a PHC argon2 string: ${phc.slice(0, 30)}…`).not.toBeNull();
		const [, algorithm, version, memory, time, parallelism, salt, hash] = m!;
		return { algorithm, version: Number(version), m: Number(memory), t: Number(time), p: Number(parallelism), salt: Buffer.from(salt!, 'base64'), hash: Buffer.from(hash!, 'base64') };
	}

	test('stored hashes are argon2id at or above OWASP’s minimum (m = 19 MiB, t = 2, p = 1), each with its own salt', async () => {
		const a = newStudent('hash');
		const b = { ...newStudent('hash2'), password: a.password };
		const t = newTeacher('hash');
		await Promise.all([signUpByPost(a, base), signUpByPost(b, base), signUpTeacherByPost(t, base)]);
		const rows = query<{ password_hash: string }>('SELECT password_hash FROM users WHERE username IN (?, ?) OR email = ?', a.username, b.username, t.email);
		expect(rows).toHaveLength(3);
		const parsed = rows.map((r) => parse(r.password_hash));
		for (const h of parsed) {
			expect(h.algorithm).toBe('argon2id');
			expect(h.version).toBe(19);
			expect(h.m).toBeGreaterThanOrEqual(19 * 1024);
			expect(h.t).toBeGreaterThanOrEqual(2);
			expect(h.p).toBeGreaterThanOrEqual(1);
			expect(h.salt.length).toBeGreaterThanOrEqual(16);
			expect(h.hash.length).toBeGreaterThanOrEqual(32);
		}
		// the same password, two accounts: different salts, different hashes
		expect(rows[0]!.password_hash).not.toBe(rows[1]!.password_hash);
		for (const r of rows) expect(r.password_hash).not.toContain(a.password);
	});
});

describe('cookies', () => {
	const flags = (setCookie: string[], name: string) => {
		const c = setCookie.find((h) => h.startsWith(`${name}=`));
		expect(c, `a Set-Cookie for ${name}`).toBeDefined();
		return c!.split(';').map((p) => p.trim().toLowerCase());
	};

	test('the session and guest cookies are HttpOnly, SameSite=Lax and on path /', async () => {
		const s = newStudent('flags');
		const res = await fetch(`${base}/signup`, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded', origin: base },
			body: new URLSearchParams({ displayName: s.displayName, username: s.username, password: s.password, code: '' }),
			redirect: 'manual'
		});
		const session = flags(res.headers.getSetCookie(), 'bc_session');
		expect(session).toEqual(expect.arrayContaining(['httponly', 'samesite=lax', 'path=/']));
		expect(session.some((p) => p.startsWith('expires='))).toBe(true);
		expect(session).not.toContain('secure'); // plain http on loopback: a Secure cookie would never come back

		// a guest's first answer starts the guest cookie
		const lesson = content().modules[0]!.lessons[0]!;
		const q = lesson.questions[0]!;
		const guest = await postForm(`/modules/${lesson.module}/${lesson.slug}?/answer`, [['question', q.id], ['idem', crypto.randomUUID()], ...answerFields(q, true)], { base });
		expect(guest.status).toBe(200);
		const guestCookie = flags(guest.setCookies, 'bc_guest');
		expect(guestCookie).toEqual(expect.arrayContaining(['httponly', 'samesite=lax', 'path=/']));
		// no Expires or Max-Age: it ends with the browser session
		expect(guestCookie.some((p) => p.startsWith('expires=') || p.startsWith('max-age='))).toBe(false);
	});

	test('behind HTTPS (ORIGIN https://…) they are also Secure', async () => {
		const { url, child } = await startServer({ ORIGIN: 'https://back-channel.test' });
		try {
			const s = newStudent('secure');
			const res = await fetch(`${url}/signup`, {
				method: 'POST',
				headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', origin: 'https://back-channel.test' },
				body: new URLSearchParams({ displayName: s.displayName, username: s.username, password: s.password, code: '' }),
				redirect: 'manual'
			});
			expect(res.status).toBe(303);
			expect(flags(res.headers.getSetCookie(), 'bc_session')).toEqual(expect.arrayContaining(['httponly', 'samesite=lax', 'path=/', 'secure']));
		} finally {
			child.kill('SIGTERM');
		}
	});
});
