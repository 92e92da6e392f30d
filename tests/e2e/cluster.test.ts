/**
 * Two app processes on one PostgreSQL behind Debian's nginx, configured by the repository's
 * own site file (deploy/nginx/) and kept in step with /healthz by `lb:health` (src/cli/). What
 * must hold across processes (issue 17, target 5): a session made through one works through
 * the other; login and join-code limits count across both; an answer retried through the
 * other process with the same submission key is stored once; SIGKILL of one under load loses
 * no acknowledged answer while the other serves on; /healthz drives nginx's failover.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresDatabase } from '../../src/lib/server/db/admin';
import { findAnswersByIdempotencyKeys } from '../../src/lib/server/db/answers';
import { createDb, type Db } from '../../src/lib/server/db/client';
import type { Database } from '../../src/lib/server/db/schema';
import { LOGIN_LIMITS } from '../../src/lib/server/auth/accounts';
import { JOIN_LIMIT } from '../../src/lib/server/auth/join';
import { startPostgres, type PgCluster } from '../bench/pg';
import { startNginx, type Nginx } from '../cluster/nginx';
import { allLessons, answerFields, formKeyIn, newStudent, postForm, signUpByPost } from './content';
import { freePort, startServer } from './global-setup';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const exited = (child: ChildProcess) =>
	new Promise<void>((r) => (child.exitCode !== null || child.signalCode !== null ? r() : child.once('exit', () => r())));

// the lesson with a find-evidence article and the most questions, as the bench's
const ref = allLessons()
	.filter((r) => r.lesson.questions.some((q) => q.type === 'find-evidence'))
	.reduce((a, b) => (b.lesson.questions.length > a.lesson.questions.length ? b : a));
const graded = ref.lesson.questions.filter((q) => q.type !== 'written');

let pg: PgCluster;
let nginx: Nginx;
let db: Db;
let databaseUrl: string;
const ports: number[] = [];
const apps: (ChildProcess | undefined)[] = [];
let watcher: ChildProcess;
let watcherLog = '';

const direct = (i: number) => `http://127.0.0.1:${ports[i]}`;
/** what nginx adds to every request it passes on; a request straight to a process carries it too */
const forwarded = { 'x-forwarded-for': '127.0.0.1' };

async function startApp(i: number) {
	const { child } = await startServer({
		PORT: String(ports[i]),
		DATABASE_URL: databaseUrl,
		ORIGIN: nginx.url,
		ADDRESS_HEADER: 'X-Forwarded-For',
		XFF_DEPTH: '1'
	});
	apps[i] = child;
}

/** Which process answered a request through nginx (the last it tried), by index. */
function servedBy(res: Response): number {
	const addr = (res.headers.get('x-served-by') ?? '').split(',').at(-1)!.trim();
	return ports.findIndex((p) => addr === `127.0.0.1:${p}`);
}

/** The submission keys the lesson page gives this student, per question. */
async function keysFrom(base: string, cookie: string): Promise<Map<string, string>> {
	const res = await fetch(base + ref.path, { headers: { cookie, ...forwarded } });
	const html = await res.text();
	expect(res.status).toBe(200);
	const keys = new Map<string, string>();
	for (const q of graded) {
		const idem = formKeyIn(html, q.id);
		if (idem) keys.set(q.id, idem);
	}
	expect(keys.size).toBe(graded.length);
	return keys;
}

/** Posts an answer as the enhanced form does; true when the app said it was saved. */
async function answer(base: string, cookie: string, q: (typeof graded)[number], idem: string, signal?: AbortSignal): Promise<{ saved: boolean; by: number }> {
	const res = await fetch(`${base}${ref.path}?/answer`, {
		method: 'POST',
		headers: {
			cookie,
			origin: nginx.url,
			accept: 'application/json',
			'x-sveltekit-action': 'true',
			'content-type': 'application/x-www-form-urlencoded',
			...forwarded
		},
		body: new URLSearchParams([['question', q.id], ['idem', idem], ...answerFields(q, true)]).toString(),
		signal
	});
	const text = await res.text();
	return { saved: res.status === 200 && JSON.parse(text).type === 'success', by: servedBy(res) };
}

const storedCount = async (keys: string[]) => (await findAnswersByIdempotencyKeys(db.db as Kysely<Database>, keys)).length;

beforeAll(async () => {
	pg = await startPostgres();
	databaseUrl = await createPostgresDatabase(pg.adminUrl, `cluster_${crypto.randomUUID().replaceAll('-', '')}`);
	ports.push(await freePort(), await freePort());
	nginx = await startNginx(ports.map((p) => `127.0.0.1:${p}`));
	// both at once: they migrate the one empty database side by side at start-up
	await Promise.all([startApp(0), startApp(1)]);
	db = createDb({ engine: 'postgres', url: databaseUrl });
	watcher = spawn(
		process.execPath,
		['--import', 'tsx', 'src/cli/lb-health.ts', '--servers', ports.map((p) => `127.0.0.1:${p}`).join(','), '--upstreams', nginx.upstreamsFile, '--reload', nginx.reloadCommand, '--every', '250', '--timeout', '1000', '--fall', '2'],
		{ stdio: ['ignore', 'pipe', 'pipe'] }
	);
	watcher.stdout!.on('data', (d) => (watcherLog += d));
	watcher.stderr!.on('data', (d) => (watcherLog += d));
}, 120_000);

afterAll(async () => {
	watcher?.kill('SIGKILL');
	for (const app of apps) app?.kill('SIGCONT');
	for (const app of apps) app?.kill('SIGKILL');
	await Promise.all(apps.map((a) => a && exited(a)));
	await db?.close();
	await nginx?.stop();
	pg?.stop();
});

describe('two app processes on one PostgreSQL behind nginx', () => {
	it('nginx passes requests to both processes', async () => {
		const seen = new Set<number>();
		for (let i = 0; i < 10; i++) {
			const res = await fetch(`${nginx.url}/`);
			expect(res.status).toBe(200);
			seen.add(servedBy(res));
		}
		expect([...seen].sort()).toEqual([0, 1]);
	});

	it('a session made through one process works through the other', async () => {
		const s = newStudent('cl');
		// straight to the first process, as nginx would pass it on
		const signup = await postForm('/signup', { displayName: s.displayName, username: s.username, password: s.password, code: '' }, { base: direct(0), headers: { origin: nginx.url, ...forwarded } });
		expect(signup.status).toBe(303);
		const cookie = signup.cookie;
		const me = await fetch(`${direct(1)}/me`, { headers: { cookie, ...forwarded }, redirect: 'manual' });
		expect(me.status).toBe(200);
		expect(await me.text()).toContain(s.displayName);
		// and the other way round: logged in through the second, the first knows the session
		const login = await postForm('/login', { username: s.username, password: s.password }, { base: direct(1), headers: { origin: nginx.url, ...forwarded } });
		expect(login.status).toBe(303);
		const back = await fetch(`${direct(0)}/me`, { headers: { cookie: login.cookie, ...forwarded }, redirect: 'manual' });
		expect(await back.text()).toContain(s.displayName);
	});

	it('login and join-code limits count across both processes', async () => {
		const s = newStudent('lim');
		const cookie = await signUpByPost(s, nginx.url);

		// twice the limit of wrong passwords at once, spread by nginx over both processes
		const tries = 2 * LOGIN_LIMITS.perUsername.max;
		const logins = await Promise.all(
			Array.from({ length: tries }, () =>
				fetch(`${nginx.url}/login`, {
					method: 'POST',
					headers: { origin: nginx.url, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
					body: new URLSearchParams({ username: s.username, password: 'not-the-password' }).toString()
				}).then(async (r) => ({ status: r.status, by: servedBy(r), text: await r.text() }))
			)
		);
		expect(new Set(logins.map((l) => l.by))).toEqual(new Set([0, 1]));
		expect(logins.filter((l) => l.status === 401)).toHaveLength(LOGIN_LIMITS.perUsername.max);
		const refused = logins.filter((l) => l.status === 429);
		expect(refused).toHaveLength(tries - LOGIN_LIMITS.perUsername.max);
		expect(refused[0]!.text).toContain('Too many login attempts');
		// the right password is refused too now, by whichever process
		for (let i = 0; i < 2; i++) {
			const right = await postForm('/login', { username: s.username, password: s.password }, { base: nginx.url });
			expect(right.status).toBe(429);
		}

		const joins = await Promise.all(
			Array.from({ length: 2 * JOIN_LIMIT.max }, () =>
				fetch(`${nginx.url}/join`, {
					method: 'POST',
					headers: { cookie, origin: nginx.url, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
					body: new URLSearchParams({ code: 'ZZZ-ZZZ' }).toString()
				}).then(async (r) => ({ by: servedBy(r), text: await r.text() }))
			)
		);
		expect(new Set(joins.map((j) => j.by))).toEqual(new Set([0, 1]));
		expect(joins.filter((j) => j.text.includes('No class uses that code'))).toHaveLength(JOIN_LIMIT.max);
		expect(joins.filter((j) => j.text.includes('Too many join codes tried'))).toHaveLength(JOIN_LIMIT.max);
	});

	it('an answer retried through the other process with the same submission key is stored once', async () => {
		const cookie = await signUp();
		const keys = await keysFrom(direct(0), cookie);
		const [q1, q2] = graded;
		// one after the other: saved by the first process, then "saved" again by the second
		const idem1 = keys.get(q1!.id)!;
		expect((await answer(direct(0), cookie, q1!, idem1)).saved).toBe(true);
		expect((await answer(direct(1), cookie, q1!, idem1)).saved).toBe(true);
		// at the same moment through both
		const idem2 = keys.get(q2!.id)!;
		const both = await Promise.all([answer(direct(0), cookie, q2!, idem2), answer(direct(1), cookie, q2!, idem2)]);
		expect(both.map((b) => b.saved)).toEqual([true, true]);
		expect(await storedCount([idem1, idem2])).toBe(2);
		const rows = await db.db.selectFrom('answers').select('idempotency_key').where('idempotency_key', 'in', [idem1, idem2]).execute();
		expect(rows).toHaveLength(2);
	});

	it('SIGKILL of one process under load loses no acknowledged answer, and the other serves on', async () => {
		const students = await Promise.all(Array.from({ length: 24 }, () => signUp()));
		const acknowledged: string[] = [];
		let failedTries = 0;
		let killedAt = Infinity;
		const savedAfterKill = new Set<number>();
		const savedBeforeKill = new Set<number>();

		async function student(cookie: string) {
			const keys = await keysFrom(nginx.url, cookie);
			for (const q of graded) {
				const idem = keys.get(q.id)!;
				// as a browser retries: the same submission key until the app says saved
				for (let attempt = 0; ; attempt++) {
					const sentAt = performance.now();
					const r = await answer(nginx.url, cookie, q, idem, AbortSignal.timeout(10_000)).catch(() => ({ saved: false, by: -1 }));
					if (r.saved) {
						acknowledged.push(idem);
						(sentAt > killedAt ? savedAfterKill : savedBeforeKill).add(r.by);
						break;
					}
					failedTries++;
					if (attempt > 50) throw new Error(`answer to ${q.id} not saved after 50 tries`);
					await sleep(100);
				}
			}
		}

		const load = Promise.all(students.map((c) => student(c)));
		// under load: once both processes have saved answers, and most are still to come
		await until(() => savedBeforeKill.size === 2 && acknowledged.length >= students.length, 30_000, 'both processes to save answers');
		killedAt = performance.now();
		const killed = watcherLog.length;
		apps[0]!.kill('SIGKILL');
		await load;
		expect(acknowledged).toHaveLength(students.length * graded.length);
		expect(new Set(acknowledged).size).toBe(acknowledged.length);
		// every acknowledged answer is in the database, once (the key is unique)
		expect(await storedCount(acknowledged)).toBe(acknowledged.length);
		// what was sent after the kill, only the second process saved
		expect(acknowledged.length).toBeGreaterThan(0);
		expect([...savedAfterKill]).toEqual([1]);
		// a request in flight on the killed process may fail, and is retried; no more than those
		expect(failedTries).toBeLessThanOrEqual(students.length * 2);

		// /healthz has taken the killed one out of rotation; restarted where nginx expects it, it comes back
		await until(() => watcherLog.slice(killed).includes(`127.0.0.1:${ports[0]} DOWN`), 10_000, 'lb:health to mark the killed process down');
		await startApp(0);
		await until(async () => (await Promise.all(Array.from({ length: 6 }, () => servedNow()))).includes(0), 10_000, 'nginx to send requests to the restarted process');
	});

	it('/healthz drives the failover: a process that stops answering leaves the rotation at once, and comes back', async () => {
		const stopped = watcherLog.length;
		apps[1]!.kill('SIGSTOP');
		try {
			await until(() => watcherLog.slice(stopped).includes(`127.0.0.1:${ports[1]} DOWN`), 10_000, 'lb:health to mark the stopped process down');
			// nginx alone would hold each request sent to the hung process for its 30 s read timeout;
			// once reloaded, ten requests in a row are answered promptly, by the other
			let inARow = 0;
			await until(
				async () => {
					const res = await fetch(`${nginx.url}/`, { signal: AbortSignal.timeout(3_000) }).catch(() => null);
					inARow = res?.status === 200 && servedBy(res) === 0 ? inARow + 1 : 0;
					return inARow === 10;
				},
				15_000,
				'ten requests in a row answered by the running process'
			);
		} finally {
			apps[1]!.kill('SIGCONT');
		}
		const resumed = watcherLog.length;
		await until(() => watcherLog.slice(resumed).includes(`127.0.0.1:${ports[0]} up, 127.0.0.1:${ports[1]} up`), 10_000, 'lb:health to bring the process back');
		await until(async () => (await Promise.all(Array.from({ length: 6 }, () => servedNow()))).includes(1), 10_000, 'nginx to send requests to it again');
	});
});

/** Which process answers /healthz through nginx now; -1 for a kept-alive connection an nginx reload has just closed. */
const servedNow = () => fetch(`${nginx.url}/healthz`).then(servedBy, () => -1);

let signed = 0;
const signUp = () => signUpByPost(newStudent(`c${signed++}`), nginx.url);

async function until(check: () => boolean | Promise<boolean>, ms: number, what: string) {
	const deadline = Date.now() + ms;
	while (!(await check())) {
		if (Date.now() > deadline) throw new Error(`waited ${ms} ms for ${what}; lb:health said:\n${watcherLog}`);
		await sleep(50);
	}
}
