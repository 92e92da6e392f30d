/**
 * An answer the server acknowledged survives SIGKILL, under load. 100 signed-in students
 * answer real questions of every type across the lessons (written ones as drafts and
 * submissions, each save a version), all at once, while the server is
 * killed at a random moment and restarted on the same data, KILLS times. Before each restart
 * the file must pass SQLite's integrity and foreign-key checks and hold every answer that was
 * ever reported saved. A second test kills the very first start-up (empty data directory,
 * before and during the migrations): the file must open and a normal start must then work.
 */
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findAnswersByIdempotencyKeys } from '../../src/lib/server/db/answers';
import { createDb } from '../../src/lib/server/db/client';
import { sqliteForeignKeyProblems, sqliteIntegrity } from '../../src/lib/server/db/health';
import { migrationState } from '../../src/lib/server/db/migrate';
import type { Kysely } from 'kysely';
import type { Database } from '../../src/lib/server/db/schema';
import { actionOf, allLessons, answerFields, newStudent, postForm, signUpByPost } from './content';
import { spawnServer, startServer } from './global-setup';

const KILLS = Number(process.env.DURABILITY_KILLS ?? 20);
const STUDENTS = 100;
/** sign-ups hash with argon2 (19 MiB each): a few at a time */
const SIGNUP_PARALLEL = 8;
/** first start-ups killed in the second test */
const STARTUP_KILLS = 5;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const exited = (child: ChildProcess) =>
	new Promise<void>((r) => (child.exitCode !== null || child.signalCode !== null ? r() : child.once('exit', () => r())));
const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1);

/** Every question of every lesson, with the address its form posts to. */
const questions = allLessons().flatMap(({ lesson, path }) => lesson.questions.map((q) => ({ q, action: `${path}?/${actionOf(q)}` })));

const writtenQuestions = questions.filter(({ q }) => q.type === 'written');

/**
 * Whether an enhanced form post's response says the answer was saved: SvelteKit sends the
 * action's result as devalue's flat array, `{ feedback }` first, then `feedback.saved`.
 */
function saidSaved(text: string): boolean {
	const body = JSON.parse(text) as { type: string; data: string };
	if (body.type !== 'success') return false;
	const flat = JSON.parse(body.data) as unknown[];
	const top = flat[0] as { feedback?: number; written?: number };
	// a written answer: `{ written: { questionId, kind, savedAt, … } }`, sent only once committed
	if (top.written !== undefined) {
		const written = flat[top.written] as { savedAt?: number };
		return written.savedAt !== undefined && typeof flat[written.savedAt] === 'string';
	}
	const feedback = flat[top.feedback!] as { saved?: number };
	return feedback.saved !== undefined && flat[feedback.saved] === true;
}

/** The stored versions of written answers under the given submission keys. */
async function writtenVersions(db: Kysely<Database>, keys: readonly string[]) {
	const out: { idempotency_key: string; user_id: string; kind: string }[] = [];
	for (let i = 0; i < keys.length; i += 500) {
		out.push(...(await db.selectFrom('written_versions').select(['idempotency_key', 'user_id', 'kind']).where('idempotency_key', 'in', keys.slice(i, i + 500)).execute()));
	}
	return out;
}

/** The file is sound, or the reasons it is not. */
function checkFile(file: string): string {
	const integrity = sqliteIntegrity(file);
	const keys = sqliteForeignKeyProblems(file);
	return integrity === 'ok' && keys.length === 0 ? 'ok' : [integrity, ...keys].join('; ');
}

const fileStart = performance.now();

describe('durability', () => {
	afterAll(() => console.log(`durability: both tests took ${seconds(fileStart)} s`));

	it(`keeps every acknowledged answer of ${STUDENTS} students across ${KILLS} SIGKILLs`, { timeout: 240_000 }, async () => {
		const started = performance.now();
		const file = join(mkdtempSync(join(tmpdir(), 'bc-kill-')), 'kill.db');
		type Server = { url: string; child: ChildProcess };
		let server: Server | null = await startServer({ DATABASE_FILE: file });
		// students waiting out a kill sleep until the next start (no polling: the machine is busy enough)
		let announce = () => {};
		let nextStart = new Promise<void>((r) => (announce = r));
		const restarted = (next: Server): Server => {
			server = next;
			const wake = announce;
			nextStart = new Promise<void>((r) => (announce = r));
			wake();
			return next;
		};

		// sign the students up once; their sessions live in the database and outlast every kill
		const signUpStart = performance.now();
		const cookies: string[] = [];
		for (let i = 0; i < STUDENTS; i += SIGNUP_PARALLEL) {
			const batch = Array.from({ length: Math.min(SIGNUP_PARALLEL, STUDENTS - i) }, (_, j) => newStudent(`c${i + j}`));
			cookies.push(...(await Promise.all(batch.map((s) => signUpByPost(s, server!.url)))));
		}
		const signUpTime = seconds(signUpStart);

		const acknowledged = new Map<string, { student: number; type: string }>();
		/** written drafts and submissions, each acknowledged save one version */
		const writtenAck = new Map<string, { student: number; type: string }>();
		const unexpected: string[] = [];
		let running = true;
		let inFlight = 0;
		let retries = 0;

		/** One student: answers questions one after another, and retries the same answer after a restart. */
		const student = async (n: number) => {
			while (running) {
				// written questions are few in the course: one pick in six is one, so drafts and submissions meet the kills too
				const pool = Math.random() < 1 / 6 ? writtenQuestions : questions;
				const { q, action } = pool[Math.floor(Math.random() * pool.length)]!;
				const idem = crypto.randomUUID();
				// a written answer is saved as a draft half the time
				const draft = q.type === 'written' && Math.random() < 0.5;
				const fields: [string, string][] = [['question', q.id], ...answerFields(q, Math.random() < 0.6).map(([k, v]): [string, string] => [k, k === 'intent' && draft ? 'draft' : v]), ['idem', idem]];
				while (running) {
					const at = server;
					if (!at) {
						await nextStart;
						continue;
					}
					inFlight++;
					const res = await postForm(action, fields, {
						base: at.url,
						cookie: cookies[n],
						headers: { accept: 'application/json', 'x-sveltekit-action': 'true' }
					}).catch(() => null);
					inFlight--;
					if (res) {
						if (res.status === 200 && saidSaved(res.text)) (q.type === 'written' ? writtenAck : acknowledged).set(idem, { student: n, type: draft ? 'written draft' : q.type });
						else unexpected.push(`${q.id}: HTTP ${res.status} ${res.text.slice(0, 200)}`);
						break;
					}
					// the server was killed mid-request (not acknowledged): the same answer, same key, after the restart
					retries++;
					while (running && (server === at || server === null)) await nextStart;
				}
				await sleep(Math.random() * 40);
			}
		};
		const students = cookies.map((_, n) => student(n));

		let checks = 0;
		let lastVersions: Awaited<ReturnType<typeof writtenVersions>> = [];
		let inFlightAtKills = 0;
		let fewestInFlight = Infinity;
		const verify = async () => {
			expect(checkFile(file)).toBe('ok');
			checks++;
			const check = createDb({ engine: 'sqlite', file });
			try {
				const keys = [...acknowledged.keys()];
				const found = await findAnswersByIdempotencyKeys(check.db, keys);
				const missing = keys.length - found.length;
				expect(missing, `${missing} acknowledged answers lost`).toBe(0);
				const versions = await writtenVersions(check.db, [...writtenAck.keys()]);
				expect(writtenAck.size - versions.length, 'acknowledged written drafts and submissions lost').toBe(0);
				lastVersions = versions;
				return found;
			} finally {
				await check.close();
			}
		};

		let kills = 0;
		let startTime = 0;
		let checkTime = 0;
		try {
			for (let round = 0; round < KILLS; round++) {
				const t0 = performance.now();
				const { child } = server ?? restarted(await startServer({ DATABASE_FILE: file }));
				startTime += performance.now() - t0;
				await sleep(300 + Math.random() * 1200);
				inFlightAtKills += inFlight;
				fewestInFlight = Math.min(fewestInFlight, inFlight);
				child.kill('SIGKILL');
				server = null;
				await exited(child);
				kills++;
				// before the next start: the file as the kill left it
				const t1 = performance.now();
				await verify();
				checkTime += performance.now() - t1;
			}
		} finally {
			// let every student notice the last kill (or a failure), then count once more
			running = false;
			announce();
			server?.child.kill('SIGKILL');
			await Promise.all(students);
		}
		const found = await verify();
		const lost = acknowledged.size - found.length;

		// every saved answer belongs to the student who sent it, signed in (not a guest): one account per student
		expect(found.every((a) => a.user_id !== null && a.guest_id === null)).toBe(true);
		const accountOf = new Map<number, Set<string | null>>();
		for (const a of found) {
			const n = acknowledged.get(a.idempotency_key)!.student;
			accountOf.set(n, (accountOf.get(n) ?? new Set()).add(a.user_id));
		}
		expect([...accountOf.values()].every((ids) => ids.size === 1)).toBe(true);
		expect(new Set(found.map((a) => a.user_id)).size).toBe(accountOf.size);
		// each written version too, with the kind that was acknowledged
		for (const v of lastVersions) {
			const ack = writtenAck.get(v.idempotency_key)!;
			expect(v.kind).toBe(ack.type === 'written draft' ? 'draft' : 'submission');
			expect(accountOf.get(ack.student) ?? new Set([v.user_id])).toContain(v.user_id);
		}
		const answering = new Set(accountOf.keys());
		const types = new Set([...acknowledged.values(), ...writtenAck.values()].map((a) => a.type));

		console.log(
			`crash and load: ${STUDENTS} students, ${kills} kills, ${acknowledged.size} acknowledged, ${found.length} found, ${lost} lost; ` +
				`written: ${writtenAck.size} drafts and submissions acknowledged, ${lastVersions.length} found, ${writtenAck.size - lastVersions.length} lost; ` +
				`integrity ok ×${checks}\n` +
				`  ${answering.size} students answered, ${types.size} question types (${[...types].sort().join(', ')}), ` +
				`${(inFlightAtKills / kills).toFixed(0)} requests in flight per kill on average (fewest ${fewestInFlight}), ${retries} retried after a restart\n` +
				`  sign-up of ${STUDENTS} took ${signUpTime} s, restarts ${(startTime / 1000).toFixed(1)} s, checks ${(checkTime / 1000).toFixed(1)} s; ` +
				`the whole test ${seconds(started)} s`
		);
		expect(unexpected, unexpected.slice(0, 5).join('\n')).toEqual([]);
		expect(lost).toBe(0);
		expect(lastVersions.length).toBe(writtenAck.size);
		expect(types.has('written') && types.has('written draft'), 'written drafts and submissions were saved').toBe(true);
		expect(kills).toBe(KILLS);
		if (!process.env.DURABILITY_KILLS) expect(kills).toBeGreaterThanOrEqual(20);
		expect(answering.size).toBeGreaterThanOrEqual(STUDENTS * 0.9);
		expect(types.size).toBeGreaterThanOrEqual(4);
		// every kill cut live requests off, and the students got plenty saved in between
		expect(fewestInFlight).toBeGreaterThan(0);
		expect(acknowledged.size).toBeGreaterThan(STUDENTS * 2);
	});

	it(`survives ${STARTUP_KILLS} kills during the first start-up, before and during the migrations`, { timeout: 120_000 }, async () => {
		const started = performance.now();
		const lines: string[] = [];
		const hit = { noFile: 0, before: 0, during: 0, after: 0 };
		for (let n = 0; n < STARTUP_KILLS; n++) {
			// an empty data directory: even its folder does not exist yet
			const file = join(mkdtempSync(join(tmpdir(), 'bc-first-')), 'data', 'back-channel.db');
			const { child } = await spawnServer({ DATABASE_FILE: file });
			const spawned = performance.now();
			let when: string;
			if (n % 2 === 0) {
				// anywhere in the first 400 ms
				await sleep(Math.random() * 400);
				when = `${(performance.now() - spawned).toFixed(0)} ms after spawn`;
			} else {
				// once the first write reaches the write-ahead log, the migrator has begun: a few ms later it is mid-run
				const wal = `${file}-wal`;
				while (!(existsSync(wal) && statSync(wal).size > 0) && child.exitCode === null && performance.now() - spawned < 10_000) await sleep(1);
				const delay = Math.random() * 6;
				await sleep(delay);
				when = `${delay.toFixed(0)} ms after the first write`;
			}
			child.kill('SIGKILL');
			await exited(child);

			let state = 'killed before the file existed';
			if (existsSync(file)) {
				expect(checkFile(file)).toBe('ok');
				const db = createDb({ engine: 'sqlite', file });
				try {
					const { applied, pending, tables, runBegun } = await migrationState(db.db);
					// all or nothing: never a half-run migration
					if (applied.length === 0) expect(tables).toEqual([]);
					else expect(pending).toEqual([]);
					const phase = pending.length === 0 ? 'after' : runBegun ? 'during' : 'before';
					hit[phase]++;
					state =
						`killed with the file present, integrity ok: ${applied.length} of ${applied.length + pending.length} migrations recorded, ` +
						`${tables.length} app tables (` +
						{
							before: 'killed before the migrations began',
							during: 'killed inside the migration run: rolled back whole',
							after: 'start-up had migrated'
						}[phase] +
						')';
				} finally {
					await db.close();
				}
			} else hit.noFile++;
			lines.push(`  kill ${n + 1} at ${when}: ${state}`);

			// a normal start on the same directory works: it serves the home page and takes a sign-up
			const t0 = performance.now();
			const server = await startServer({ DATABASE_FILE: file });
			lines[lines.length - 1] += `; restarted in ${(performance.now() - t0).toFixed(0)} ms`;
			try {
				expect((await fetch(server.url)).status).toBe(200);
				expect(await signUpByPost(newStudent('f'), server.url)).toContain('bc_session=');
			} finally {
				server.child.kill('SIGKILL');
				await exited(server.child);
			}
			expect(checkFile(file)).toBe('ok');
		}
		console.log(
			`kill during first start-up: ${STARTUP_KILLS} kills (${hit.noFile} before the file existed, ${hit.before} before the migrations, ` +
				`${hit.during} during them, ${hit.after} after them), all recovered, ${seconds(started)} s\n${lines.join('\n')}`
		);
	});
});
