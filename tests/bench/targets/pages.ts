/**
 * Target 4, light pages. In headless chromium, every lesson page: the JavaScript it fetches,
 * summed as transferred (encoded body) bytes with only gzip accepted, must stay ≤ 40 KB; with
 * JavaScript off it must still show its title, its prose and every question form. Over HTTP:
 * lesson and source pages come compressed when the request accepts it, and /_app/immutable/*
 * assets are cached for a year as immutable, with .gz and .br copies built beside them.
 */
import { existsSync, readdirSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { loadContent, type Lesson } from '../../../src/lib/content/load';
import { readContentFiles } from '../../../src/lib/server/content/files';
import { launch } from '../../e2e/browser';
import type { BenchContext, Result } from '../report';
import { startApp } from '../server';

const JS_CEILING = 40 * 1024;
const IMMUTABLE = 'public, max-age=31536000, immutable';

/** Bytes of JavaScript a page transfers (encoded bodies), with only `encoding` accepted. */
async function jsBytes(browser: Browser, url: string, encoding: string): Promise<{ bytes: number; files: number }> {
	const context = await browser.newContext();
	try {
		const page = await context.newPage();
		const cdp = await context.newCDPSession(page);
		await cdp.send('Network.enable');
		await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
		await cdp.send('Network.setExtraHTTPHeaders', { headers: { 'Accept-Encoding': encoding } });
		const scripts = new Set<string>();
		const sizes = new Map<string, number>();
		cdp.on('Network.responseReceived', (e) => {
			if (e.type === 'Script' || /javascript/.test(e.response.mimeType) || /\.m?js(\?|$)/.test(e.response.url)) scripts.add(e.requestId);
		});
		cdp.on('Network.loadingFinished', (e) => sizes.set(e.requestId, e.encodedDataLength));
		// encodedDataLength counts the response headers too: take them off
		const headerBytes = new Map<string, number>();
		cdp.on('Network.responseReceivedExtraInfo', (e) => {
			if (e.headersText) headerBytes.set(e.requestId, Buffer.byteLength(e.headersText));
		});
		const res = await page.goto(url, { waitUntil: 'networkidle' });
		if (res?.status() !== 200) throw new Error(`${url} answered ${res?.status()}`);
		let bytes = 0;
		for (const id of scripts) bytes += (sizes.get(id) ?? 0) - (headerBytes.get(id) ?? 0);
		return { bytes, files: scripts.size };
	} finally {
		await context.close();
	}
}

/** White space folded and typographic quotes made plain (the Markdown compiler curls them). */
const fold = (s: string) =>
	s
		.replace(/\s+/g, ' ')
		.replace(/[‘’]/g, "'")
		.replace(/[“”]/g, '"')
		.trim();

/** The first paragraph of a lesson's Markdown with no marks in it, as plain text (what the page must show). */
function prose(lesson: Lesson): string {
	const para = lesson.body
		.split(/\n\s*\n/)
		.map((p) => p.trim())
		.find((p) => p.length > 80 && !/[*_#`>[\]<{|]/.test(p) && !/^\s*[-\d]/.test(p));
	if (!para) throw new Error(`No plain paragraph in ${lesson.path}`);
	return fold(para).slice(0, 80);
}

/** What a page shows with JavaScript off: title, prose and every question form, or what is missing. */
async function missingWithoutJs(browser: Browser, url: string, lesson: Lesson): Promise<string[]> {
	const context = await browser.newContext({ javaScriptEnabled: false });
	try {
		const page = await context.newPage();
		await page.goto(url);
		const missing: string[] = [];
		if (fold(await page.locator('h1').innerText()) !== fold(lesson.title)) missing.push('title');
		const text = fold(await page.locator('main').innerText());
		if (!text.includes(prose(lesson))) missing.push('prose');
		const forms = await page.locator('form:has(input[name="question"])').evaluateAll((fs) =>
			fs.map((f) => (f.querySelector('input[name="question"]') as HTMLInputElement).value)
		);
		for (const q of lesson.questions) if (!forms.includes(q.id)) missing.push(`form of ${q.id}`);
		return missing;
	} finally {
		await context.close();
	}
}

/** A GET with exactly these request headers (node:http sends no Accept-Encoding of its own). */
function head(url: string, headers: Record<string, string>): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; bytes: number }> {
	return new Promise((resolve, reject) => {
		request(url, { headers }, (res) => {
			let bytes = 0;
			res.on('data', (d: Buffer) => (bytes += d.length));
			res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, bytes }));
		})
			.on('error', reject)
			.end();
	});
}

function immutableFiles(dir = 'build/client/_app/immutable'): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
		e.isDirectory() ? immutableFiles(join(dir, e.name)) : /\.(js|css)$/.test(e.name) ? [join(dir, e.name)] : []
	);
}

export async function run(ctx: BenchContext): Promise<Result[]> {
	const { content } = loadContent(readContentFiles(process.cwd()));
	const lessons = content.modules.flatMap((m) => m.lessons.map((l) => ({ lesson: l, path: `/modules/${m.slug}/${l.slug}` })));
	const app = await startApp({ DATABASE_FILE: join(ctx.tmp, 'pages.db') });
	const browser = await launch();
	const results: Result[] = [];
	try {
		// JavaScript per lesson page, gzip only (the target) and as chromium asks by default (br too)
		const perLesson = [];
		for (const { lesson, path } of lessons) {
			const gzip = await jsBytes(browser, app.url + path, 'gzip');
			const br = await jsBytes(browser, app.url + path, 'gzip, deflate, br, zstd');
			perLesson.push({ path, gzip, br, missing: await missingWithoutJs(browser, app.url + path, lesson) });
		}
		const heaviest = perLesson.reduce((a, b) => (b.gzip.bytes > a.gzip.bytes ? b : a));
		for (const l of perLesson) ctx.log(`${l.path}: ${(l.gzip.bytes / 1024).toFixed(1)} KB gzip, ${(l.br.bytes / 1024).toFixed(1)} KB br, ${l.gzip.files} files`);
		results.push({
			target: '4. Light pages: JavaScript of a lesson page',
			figure: `${(heaviest.gzip.bytes / 1024).toFixed(1)} KB gzip in ${heaviest.gzip.files} files, heaviest of ${lessons.length} lessons (${heaviest.path}; ${(heaviest.br.bytes / 1024).toFixed(1)} KB as br)`,
			ceiling: '≤ 40 KB',
			ratio: heaviest.gzip.bytes / JS_CEILING,
			ok: heaviest.gzip.bytes <= JS_CEILING
		});
		const incomplete = perLesson.filter((l) => l.missing.length);
		results.push({
			target: '4. Light pages: complete without JavaScript',
			figure: incomplete.length
				? incomplete.map((l) => `${l.path} lacks ${l.missing.join(', ')}`).join('; ')
				: `${lessons.length} of ${lessons.length} lessons show title, prose and all ${lessons.reduce((n, l) => n + l.lesson.questions.length, 0)} question forms`,
			ceiling: 'every lesson',
			ok: incomplete.length === 0
		});

		// compression of the HTML: lessons and sources
		const htmlPaths = [lessons[0]!.path, heaviest.path, '/sources', `/sources/${content.sources[0]!.id}`];
		const html = [];
		for (const path of htmlPaths) {
			const plain = await head(app.url + path, {});
			const br = await head(app.url + path, { 'accept-encoding': 'gzip, deflate, br' });
			const gzip = await head(app.url + path, { 'accept-encoding': 'gzip' });
			html.push({ path, plain, br, gzip });
			ctx.log(`${path}: ${plain.bytes} B plain, ${gzip.bytes} B ${gzip.headers['content-encoding'] ?? 'identity'}, ${br.bytes} B ${br.headers['content-encoding'] ?? 'identity'}`);
		}
		const badHtml = html.filter(
			(h) =>
				[h.plain, h.br, h.gzip].some((r) => r.status !== 200) ||
				h.plain.headers['content-encoding'] !== undefined ||
				!['br', 'gzip'].includes(String(h.br.headers['content-encoding'])) ||
				h.gzip.headers['content-encoding'] !== 'gzip' ||
				!/accept-encoding/i.test(String(h.br.headers['vary']))
		);
		const saved = html.reduce((n, h) => n + h.br.bytes, 0) / html.reduce((n, h) => n + h.plain.bytes, 0);
		results.push({
			target: '4. Light pages: lessons and sources compressed',
			figure: badHtml.length
				? `not compressed as asked: ${badHtml.map((h) => `${h.path} (${h.br.headers['content-encoding'] ?? 'identity'})`).join(', ')}`
				: `${html.length} pages: ${html.map((h) => h.br.headers['content-encoding']).join(', ')} when accepted (${Math.round(saved * 100)} % of the plain size), gzip when only gzip is, plain otherwise; vary: accept-encoding`,
			ceiling: 'gzip or br when accepted',
			ok: badHtml.length === 0
		});

		// immutable assets: a year, immutable, precompressed copies
		const assets = immutableFiles();
		const sample = assets.filter((f) => f.endsWith('.js')).slice(0, 3).concat(assets.filter((f) => f.endsWith('.css')).slice(0, 1));
		const badCache: string[] = [];
		for (const file of sample) {
			const r = await head(`${app.url}/${file.replace(/^build\/client\//, '')}`, { 'accept-encoding': 'gzip, br' });
			const cc = String(r.headers['cache-control'] ?? '').replace(/\s+/g, '');
			if (r.status !== 200 || cc !== IMMUTABLE.replace(/\s+/g, '') || !r.headers['content-encoding']) badCache.push(`${file}: ${r.status} "${cc}" ${r.headers['content-encoding'] ?? 'identity'}`);
		}
		const uncompressed = assets.filter((f) => !existsSync(`${f}.gz`) || !existsSync(`${f}.br`));
		results.push({
			target: '4. Light pages: immutable assets',
			figure:
				badCache.length || uncompressed.length
					? [...badCache, ...uncompressed.map((f) => `${f} has no .gz/.br`)].join('; ')
					: `cache-control "${IMMUTABLE}" on ${sample.length} sampled, served precompressed; ${assets.length} of ${assets.length} JS/CSS files built with .gz and .br`,
			ceiling: `cache-control: ${IMMUTABLE}`,
			ok: badCache.length === 0 && uncompressed.length === 0
		});
	} finally {
		await browser.close();
		await app.stop();
	}
	return results;
}
