/**
 * Target 3: the teacher's gradebook and per-question page for one class of 30 take about as
 * long with 1 000 000 answers in the database as with 10 000 (ratio ≤ 1.5), on both engines.
 * Both databases are seeded (seed.ts), served by two copies of the built app side by side, and
 * requested in alternation, so the machine's noise falls on both alike.
 */
import { join } from 'node:path';
import { createPostgresDatabase } from '../../../src/lib/server/db/admin';
import { createDb, type DbConfig } from '../../../src/lib/server/db/client';
import { queryPlan } from '../../../src/lib/server/db/explain';
import { classAnswersQuery } from '../../../src/lib/server/db/gradebook';
import { quantile, type BenchContext, type Result } from '../report';
import { seedDatabase, type Seeded } from '../seed';
import { startApp, type App } from '../server';

const SIZES = [10_000, 1_000_000] as const;
const WARM_UP = 5;
const ROUNDS = 30;
const MAX_RATIO = 1.5;

/** Logs in through the login form as a person would; returns the session cookie. */
async function logIn(app: App, email: string, password: string): Promise<string> {
	const res = await fetch(`${app.url}/login`, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', origin: app.url },
		body: new URLSearchParams({ username: email, password }),
		redirect: 'manual'
	});
	const cookie = res.headers.getSetCookie().find((c) => c.startsWith('bc_session='));
	if (res.status !== 303 || !cookie) throw new Error(`Login as ${email} failed: ${res.status} ${await res.text()}`);
	return cookie.split(';')[0]!;
}

/** One timed page request (headers to the last byte), checked for a 200 and a word of the page. */
async function timed(app: App, path: string, cookie: string, expect: string): Promise<number> {
	const t0 = performance.now();
	const res = await fetch(app.url + path, { headers: { cookie } });
	const html = await res.text();
	const ms = performance.now() - t0;
	if (res.status !== 200 || !html.includes(expect)) throw new Error(`${path} answered ${res.status} without "${expect}"`);
	return ms;
}

/** The plans of the reports' one big query (a class's answers to some lessons), as the engine picks them. */
async function showPlans(ctx: BenchContext, config: DbConfig, s: Seeded) {
	const handle = createDb(config);
	try {
		for (const [what, lessons] of [
			['per-question page', [s.lessonKey]],
			['gradebook', s.gradebookKeys]
		] as const) {
			const plan = await queryPlan(handle, classAnswersQuery(handle.db, s.classId, [...lessons]));
			ctx.log(`plan of the ${what}'s query on ${handle.engine} at ${s.answers} answers:\n      ${plan.join('\n      ')}`);
		}
	} finally {
		await handle.close();
	}
}

interface Served {
	size: number;
	app: App;
	seeded: Seeded;
	cookie: string;
}

const fmt = (ms: number[]) => `${quantile(ms, 0.5).toFixed(1)} ms (p95 ${quantile(ms, 0.95).toFixed(1)})`;

async function benchEngine(ctx: BenchContext, engine: 'sqlite' | 'postgres'): Promise<Result[]> {
	const served: Served[] = [];
	try {
		for (const size of SIZES) {
			let config: DbConfig;
			let env: Record<string, string>;
			if (engine === 'sqlite') {
				const file = join(ctx.tmp, `reports-${size}.db`);
				config = { engine, file };
				env = { DATABASE_FILE: file };
			} else {
				const url = await createPostgresDatabase(await ctx.pgAdminUrl(), `bench_${size}_${crypto.randomUUID().slice(0, 8)}`);
				config = { engine, url };
				env = { DATABASE_URL: url };
			}
			const seeded = await seedDatabase(config, size, ctx.log);
			if (size === SIZES.at(-1)) await showPlans(ctx, config, seeded);
			const app = await startApp(env);
			const entry = { size, app, seeded, cookie: '' };
			served.push(entry); // stopped in `finally` even if the login fails
			entry.cookie = await logIn(app, seeded.teacher.email, seeded.teacher.password);
		}
		const pages = [
			{ name: 'gradebook', path: (s: Seeded) => `/teacher/classes/${s.classId}/gradebook`, expect: 'Student m0' },
			{ name: 'per-question page', path: (s: Seeded) => `/teacher/classes/${s.classId}/lessons/${s.lessonSlug}`, expect: 'Measured class' }
		];
		const times = pages.map(() => served.map(() => [] as number[]));
		for (let round = 0; round < WARM_UP + ROUNDS; round++) {
			for (const [p, page] of pages.entries()) {
				// alternate which database goes first
				const order = round % 2 ? [...served.keys()].reverse() : [...served.keys()];
				for (const i of order) {
					const s = served[i]!;
					const ms = await timed(s.app, page.path(s.seeded), s.cookie, page.expect);
					if (round >= WARM_UP) times[p]![i]!.push(ms);
				}
			}
		}
		return pages.map((page, p) => {
			const [small, large] = times[p]!;
			const ratio = quantile(large!, 0.5) / quantile(small!, 0.5);
			return {
				target: `3. Reports (${engine}): ${page.name}`,
				figure: `${fmt(large!)} at 1 M answers, ${fmt(small!)} at 10 k (median of ${ROUNDS}; class of 30 with ${served[0]!.seeded.classAnswers} answers)`,
				ceiling: `1 M / 10 k ≤ ${MAX_RATIO}`,
				ratio,
				ok: ratio <= MAX_RATIO
			};
		});
	} finally {
		for (const s of served) await s.app.stop();
	}
}

export async function run(ctx: BenchContext): Promise<Result[]> {
	return [...(await benchEngine(ctx, 'sqlite')), ...(await benchEngine(ctx, 'postgres'))];
}
