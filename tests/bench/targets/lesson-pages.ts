/**
 * Issue 17, target 1: lesson pages as a school asks for them. A signed-in student who has
 * answered every question of the heaviest lesson (the largest page among those with a
 * find-evidence article) asks for it over and over with `accept-encoding: br, gzip`, at 50
 * connections; the ceiling is the app's own floor in the same run, GET /healthz with the same
 * cookie and headers. The home page, a module page, /me and a source page are measured the
 * same way. Both engines.
 */
import { join } from 'node:path';
import autocannon from 'autocannon';
import { createPostgresDatabase } from '../../../src/lib/server/db/admin';
import { allLessons, answerFields, newStudent, postForm, signUpByPost } from '../../e2e/content';
import type { BenchContext, Result } from '../report';
import { startApp } from '../server';

const CONNECTIONS = 50;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const MIN_RATIO = 0.4;
const MAX_P99_MS = 100;
const HEADERS = { 'accept-encoding': 'br, gzip', accept: 'text/html,application/xhtml+xml' };

interface Load {
	rps: number;
	p99: number;
	failed: number;
}

export function drive(url: string, cookie: string): Promise<Load> {
	return new Promise((resolve, reject) => {
		autocannon({ url, connections: CONNECTIONS, duration: SECONDS, headers: { ...HEADERS, cookie } }, (err, res) =>
			err ? reject(err) : resolve({ rps: res.requests.average, p99: res.latency.p99, failed: res.errors + res.timeouts + res.non2xx })
		);
	});
}

/** The heaviest lesson with a find-evidence article, every question answered by this student (written ones left). */
export async function heaviest(base: string, cookie: string): Promise<string> {
	let best = { path: '', bytes: 0 };
	for (const ref of allLessons().filter((r) => r.lesson.questions.some((q) => q.type === 'find-evidence'))) {
		const bytes = (await (await fetch(base + ref.path, { headers: { cookie } })).text()).length;
		if (bytes > best.bytes) best = { path: ref.path, bytes };
	}
	const ref = allLessons().find((r) => r.path === best.path)!;
	for (const q of ref.lesson.questions) {
		if (q.type === 'written') continue;
		const res = await postForm(`${ref.path}?/answer`, [['question', q.id], ['idem', crypto.randomUUID()], ...answerFields(q, false)], { base, cookie });
		if (res.status !== 200) throw new Error(`answering ${q.id} failed: HTTP ${res.status}`);
	}
	return ref.path;
}

export async function measure(ctx: BenchContext, engine: 'sqlite' | 'postgres', label = engine as string) {
	const env: Record<string, string> = engine === 'sqlite' ? { DATABASE_FILE: join(ctx.tmp, `lesson-pages-${Date.now()}.db`) } : { DATABASE_URL: await createPostgresDatabase(await ctx.pgAdminUrl(), `bench_lp_${Date.now()}`) };
	const app = await startApp(env);
	try {
		const cookie = await signUpByPost(newStudent('lp'), app.url);
		const lesson = await heaviest(app.url, cookie);
		const module = lesson.split('/').slice(0, 3).join('/');
		const floor = await drive(`${app.url}/healthz`, cookie);
		ctx.log(`${label}: floor GET /healthz with the student's cookie: ${floor.rps.toFixed(0)}/s, p99 ${floor.p99} ms`);
		const pages: { name: string; path: string; load: Load }[] = [];
		for (const [name, path] of [
			['lesson page', lesson],
			['home page', '/'],
			['module page', module],
			['/me', '/me'],
			['source page', '/sources/001']
		] as const) {
			const load = await drive(app.url + path, cookie);
			ctx.log(`${label}: ${name} ${path}: ${load.rps.toFixed(0)}/s (${((load.rps / floor.rps) * 100).toFixed(0)} % of the floor), p99 ${load.p99} ms, ${load.failed} failed`);
			pages.push({ name, path, load });
		}
		return { floor, pages };
	} finally {
		await app.stop();
	}
}

export async function run(ctx: BenchContext): Promise<Result[]> {
	const results: Result[] = [];
	for (const engine of ['sqlite', 'postgres'] as const) {
		const { floor, pages } = await measure(ctx, engine);
		for (const { name, path, load } of pages) {
			const ratio = load.rps / floor.rps;
			const lesson = name === 'lesson page';
			results.push({
				target: `1. ${name[0]!.toUpperCase()}${name.slice(1)}s/s (${engine}), ${CONNECTIONS} connections`,
				figure: `${load.rps.toFixed(0)}/s of ${path} vs the floor's ${floor.rps.toFixed(0)}/s; p99 ${load.p99} ms; ${load.failed} failed`,
				ceiling: lesson ? `≥ ${MIN_RATIO * 100} % of the floor, p99 ≤ ${MAX_P99_MS} ms, 0 failed` : `≥ ${MIN_RATIO * 100} % of the floor`,
				ratio,
				ok: ratio >= MIN_RATIO && load.failed === 0 && (!lesson || load.p99 <= MAX_P99_MS)
			});
		}
	}
	return results;
}
