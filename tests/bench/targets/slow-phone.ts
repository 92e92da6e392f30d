/**
 * Issue 17, target 6: a lesson page is usable fast on a slow phone. In chromium with the CPU
 * slowed 4× (Lighthouse's mobile setting, through the DevTools protocol) and a phone's viewport,
 * a signed-in student who has answered its questions opens the heaviest lesson page; its total
 * blocking time is the sum, over the main thread's long tasks (over 50 ms) from the first
 * contentful paint until the app has started and the network is quiet, of each task's time
 * beyond 50 ms. Measured as the median of nine loads (BENCH_TBT_LOADS); ceiling 150 ms. The page's JavaScript
 * budget (40 KB gzip) is target 4's.
 */
import { join } from 'node:path';
import { launch } from '../../e2e/browser';
import { addCookies, allLessons, answerFields, newStudent, postForm, signUpByPost } from '../../e2e/content';
import { quantile, type BenchContext, type Result } from '../report';
import { startApp } from '../server';

const SLOWDOWN = 4;
const LOADS = Number(process.env.BENCH_TBT_LOADS ?? 9);
const MAX_TBT_MS = 150;

// what the page reports of itself: first contentful paint and every long task, from the start
const OBSERVE = `
	window.__perf = { fcp: null, tasks: [] };
	new PerformanceObserver((l) => { for (const e of l.getEntries()) if (e.name === 'first-contentful-paint') window.__perf.fcp = e.startTime; }).observe({ type: 'paint', buffered: true });
	new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__perf.tasks.push([e.startTime, e.duration]); }).observe({ type: 'longtask', buffered: true });
`;

export async function run(ctx: BenchContext): Promise<Result[]> {
	const app = await startApp({ DATABASE_FILE: join(ctx.tmp, `slow-phone-${Date.now()}.db`) });
	const browser = await launch();
	try {
		const cookie = await signUpByPost(newStudent('phone'), app.url);
		// the heaviest lesson page: the find-evidence lesson with the most questions, all answered
		const ref = allLessons()
			.filter((r) => r.lesson.questions.some((q) => q.type === 'find-evidence'))
			.reduce((a, b) => (b.lesson.questions.length > a.lesson.questions.length ? b : a));
		for (const q of ref.lesson.questions) {
			if (q.type !== 'written') await postForm(`${ref.path}?/answer`, [['question', q.id], ['idem', crypto.randomUUID()], ...answerFields(q, false)], { base: app.url, cookie });
		}
		const tbts: number[] = [];
		for (let i = 0; i < LOADS; i++) {
			const context = await browser.newContext({ viewport: { width: 375, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
			await addCookies(context, cookie, app.url);
			await context.addInitScript(OBSERVE);
			const page = await context.newPage();
			const cdp = await context.newCDPSession(page);
			await cdp.send('Emulation.setCPUThrottlingRate', { rate: SLOWDOWN });
			await page.goto(app.url + ref.path, { waitUntil: 'networkidle' });
			const { fcp, tasks } = (await page.evaluate('window.__perf')) as { fcp: number | null; tasks: [number, number][] };
			if (fcp === null) throw new Error('no first contentful paint was reported');
			const tbt = tasks.filter(([start, d]) => start + d > fcp && d > 50).reduce((n, [start, d]) => n + Math.max(0, Math.min(d, start + d - fcp) - 50), 0);
			ctx.log(`load ${i + 1}: FCP ${fcp.toFixed(0)} ms, ${tasks.length} long tasks (${tasks.map(([, d]) => d.toFixed(0)).join(', ') || 'none'} ms), TBT ${tbt.toFixed(0)} ms`);
			tbts.push(tbt);
			await context.close();
		}
		const median = quantile(tbts, 0.5);
		return [
			{
				target: `6. Slow phone: total blocking time of ${ref.path}, CPU ${SLOWDOWN}× slower`,
				figure: `${median.toFixed(0)} ms median of ${LOADS} loads (${tbts.map((t) => t.toFixed(0)).join(', ')})`,
				ceiling: `≤ ${MAX_TBT_MS} ms`,
				ratio: median / MAX_TBT_MS,
				ok: median <= MAX_TBT_MS
			}
		];
	} finally {
		await browser.close();
		await app.stop();
	}
}
