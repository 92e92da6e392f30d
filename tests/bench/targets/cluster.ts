/**
 * Issue 17, target 5: answers/s and lesson pages/s through nginx with one app process and with
 * two, on one PostgreSQL (the README's "Several app processes behind nginx"). Both processes run
 * throughout; nginx is started twice with the repository's site file, once listing one process
 * and once both. On a machine with two cores, the load generator, nginx and PostgreSQL share
 * them with the app, so this shows what a second process adds here, not on a server.
 */
import { findAnswersByIdempotencyKeys } from '../../../src/lib/server/db/answers';
import { createPostgresDatabase } from '../../../src/lib/server/db/admin';
import { createDb } from '../../../src/lib/server/db/client';
import { freePort } from '../../e2e/global-setup';
import { startNginx, type Nginx } from '../../cluster/nginx';
import { signUpStudents } from '../load';
import type { BenchContext, Result } from '../report';
import { startApp, type App } from '../server';
import { drive as drivePages, heaviest } from './lesson-pages';
import { drive as driveAnswers } from './throughput';

const STUDENTS = 100;

export async function run(ctx: BenchContext): Promise<Result[]> {
	const url = await createPostgresDatabase(await ctx.pgAdminUrl(), `bench_cluster_${Date.now()}`);
	const ports = [await freePort(), await freePort()];
	const upstreams = ports.map((p) => `127.0.0.1:${p}`);
	// the processes check each form post's Origin against one address: the nginx in front now
	const origin = `http://127.0.0.1:${await freePort()}`;
	const apps: App[] = [];
	const fronts: Nginx[] = [];
	const figures: { processes: number; answers: number; pages: number; failed: number }[] = [];
	const acknowledged: string[] = [];
	try {
		for (const port of ports) {
			apps.push(await startApp({ PORT: String(port), DATABASE_URL: url, ORIGIN: origin, ADDRESS_HEADER: 'X-Forwarded-For', XFF_DEPTH: '1' }));
		}
		for (const processes of [1, 2]) {
			const nginx = await startNginx(upstreams.slice(0, processes), { servedBy: false, port: Number(new URL(origin).port) });
			fronts.push(nginx);
			const cookies = await signUpStudents(nginx.url, STUDENTS, 'cl');
			const answers = await driveAnswers(nginx.url, cookies);
			acknowledged.push(...answers.acknowledged);
			const lesson = await heaviest(nginx.url, cookies[0]!);
			const pages = await drivePages(nginx.url + lesson, cookies[0]!);
			const failed = answers.errors + answers.non2xx + pages.failed;
			ctx.log(`${processes} process${processes > 1 ? 'es' : ''} behind nginx: answers ${answers.rps.toFixed(0)}/s (p99 ${answers.p99} ms), lesson pages ${pages.rps.toFixed(0)}/s (p99 ${pages.p99} ms), ${failed} failed`);
			figures.push({ processes, answers: answers.rps, pages: pages.rps, failed });
			await nginx.stop();
			fronts.pop();
		}
	} finally {
		await Promise.all(fronts.map((f) => f.stop()));
		await Promise.all(apps.map((a) => a.stop()));
	}
	const check = createDb({ engine: 'postgres', url });
	const lost = acknowledged.length - (await findAnswersByIdempotencyKeys(check.db, acknowledged)).length;
	await check.close();
	const [one, two] = figures as [(typeof figures)[number], (typeof figures)[number]];
	return [
		{
			target: '5. Behind nginx (postgres): answers/s, one process → two',
			figure: `${one.answers.toFixed(0)}/s → ${two.answers.toFixed(0)}/s (× ${(two.answers / one.answers).toFixed(2)}); ${acknowledged.length} acknowledged, ${lost} lost`,
			ceiling: 'printed; 0 failed, 0 lost',
			ok: one.failed + two.failed === 0 && lost === 0
		},
		{
			target: '5. Behind nginx (postgres): lesson pages/s, one process → two',
			figure: `${one.pages.toFixed(0)}/s → ${two.pages.toFixed(0)}/s (× ${(two.pages / one.pages).toFixed(2)})`,
			ceiling: 'printed; 0 failed',
			ok: one.failed + two.failed === 0
		}
	];
}
