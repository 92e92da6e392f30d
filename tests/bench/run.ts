/**
 * `npm run bench`: builds the app if the build is missing or older than its sources, runs the
 * targets of issues 9 and 17 (all, or those named in BENCH_ONLY=throughput,district,reports,pages,content,lesson-pages,start,day,cluster,slow-phone), prints each figure
 * beside its ceiling and a final table, and exits 1 when any misses. Not part of CI.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPostgres, type PgCluster } from './pg';
import { Report, type BenchContext, type Target } from './report';
import { run as cluster } from './targets/cluster';
import { run as content } from './targets/content';
import { run as day } from './targets/day';
import { run as district } from './targets/district';
import { run as lessonPages } from './targets/lesson-pages';
import { run as pages } from './targets/pages';
import { run as reports } from './targets/reports';
import { run as slowPhone } from './targets/slow-phone';
import { run as start } from './targets/start';
import { run as throughput } from './targets/throughput';

/** In the order; each name can be picked alone with BENCH_ONLY. */
const targets: Record<string, Target> = { throughput, district, reports, pages, content, 'lesson-pages': lessonPages, start, day, cluster, 'slow-phone': slowPhone };

function newestMtime(path: string): number {
	if (!existsSync(path)) return 0;
	const st = statSync(path);
	if (!st.isDirectory()) return st.mtimeMs;
	return Math.max(st.mtimeMs, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

function buildIfNeeded(log: (m: string) => void) {
	const built = existsSync('build/index.js') ? statSync('build/index.js').mtimeMs : 0;
	const sources = Math.max(...['src', 'lessons', 'static', 'svelte.config.js', 'vite.config.ts', 'package.json'].map(newestMtime));
	if (built > sources) return log('build/ is up to date');
	log('building the app (npm run build)…');
	try {
		execFileSync('npm', ['run', 'build'], { stdio: 'pipe', encoding: 'utf8' });
	} catch (e) {
		const { stdout, stderr } = e as { stdout?: string; stderr?: string };
		throw new Error(`npm run build failed:\n${stdout ?? ''}${stderr ?? ''}`, { cause: e });
	}
}

async function main(): Promise<number> {
	const only = (process.env.BENCH_ONLY ?? '').split(',').map((s) => s.trim()).filter(Boolean);
	const unknown = only.filter((n) => !(n in targets));
	if (unknown.length) {
		console.error(`Unknown target in BENCH_ONLY: ${unknown.join(', ')}. Known: ${Object.keys(targets).join(', ')}.`);
		return 2;
	}
	const chosen = Object.entries(targets).filter(([name]) => !only.length || only.includes(name));
	const log = (m: string) => console.log(`  · ${m}`);
	buildIfNeeded(log);

	const tmp = mkdtempSync(join(tmpdir(), 'bc-bench-'));
	let cluster: Promise<PgCluster> | undefined;
	const ctx: BenchContext = {
		tmp,
		log,
		async pgAdminUrl() {
			if (process.env.BENCH_DATABASE_URL) return process.env.BENCH_DATABASE_URL;
			cluster ??= startPostgres();
			return (await cluster).adminUrl;
		}
	};
	const report = new Report();
	const started = Date.now();
	const cleanUp = async () => {
		if (cluster) (await cluster).stop();
		cluster = undefined;
		rmSync(tmp, { recursive: true, force: true });
	};
	// Ctrl-C: the servers are our children and go with us, but pg_ctl's cluster runs on its own
	process.once('SIGINT', () => void cleanUp().finally(() => process.exit(130)));
	try {
		for (const [name, target] of chosen) {
			console.log(`\n== ${name} ==`);
			try {
				report.add(...(await target(ctx)));
			} catch (e) {
				console.error(e);
				report.add({ target: name, figure: `could not be measured: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`, ceiling: '-', ok: false });
			}
		}
	} finally {
		await cleanUp();
	}
	console.log(`\n${report.table()}\n`);
	console.log('7. CI time: not measured here; .ci/run prints "CI time: N s" at the end of every CI run (target ≤ 600 s).');
	const failed = report.failed.length;
	console.log(`Benchmark: ${report.results.length - failed} met, ${failed} missed, in ${((Date.now() - started) / 1000).toFixed(0)} s`);
	return failed ? 1 : 0;
}

main().then(
	(code) => process.exit(code),
	(e) => {
		console.error(e);
		process.exit(1);
	}
);
