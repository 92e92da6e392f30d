/**
 * Shared helpers for the end-to-end tests: the course content read from lessons/ (the same
 * loader the app uses), the server's URL, and small text helpers for searching pages.
 */
import type AxeBuilder from '@axe-core/playwright';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { inject } from 'vitest';
import { loadContent, type Content, type Lesson, type LessonQuestion, type Module } from '../../src/lib/content/load';
import { readContentFiles } from '../../src/lib/server/content/files';
import { keyOf } from '../../src/lib/questions/registry';
import { DEFAULT_PART_B } from '../../src/lib/questions/two-part/schema';
import { firstShownOrder } from '../../src/lib/questions/shuffle';

let cached: Content | undefined;

/** The content under lessons/, loaded and checked exactly as the app does; throws on problems. */
export function content(): Content {
	if (cached) return cached;
	const { content, problems } = loadContent(readContentFiles(process.cwd()));
	if (problems.length) throw new Error(`lessons/ has problems:\n${problems.map((p) => `${p.file}: ${p.message}`).join('\n')}`);
	cached = content;
	return content;
}

/** This worker's own server (VITEST_POOL_ID runs from 1 to maxWorkers). */
export const baseURL = (): string => {
	const urls = inject('baseURLs');
	return urls[(Number(process.env.VITEST_POOL_ID ?? 1) - 1) % urls.length]!;
};

export interface LessonRef {
	module: Module;
	lesson: Lesson;
	/** /modules/<module>/<lesson> */
	path: string;
}

export function allLessons(): LessonRef[] {
	return content().modules.flatMap((module) =>
		module.lessons.map((lesson) => ({ module, lesson, path: `/modules/${module.slug}/${lesson.slug}` }))
	);
}

export type QuestionOf<T extends LessonQuestion['type']> = Extract<LessonQuestion, { type: T }>;

/** The first lesson that has a question of every type, with one question of each type. */
export function lessonWithAllTypes() {
	for (const ref of allLessons()) {
		const single = ref.lesson.questions.find((q): q is QuestionOf<'single'> => q.type === 'single');
		const multiple = ref.lesson.questions.find((q): q is QuestionOf<'multiple'> => q.type === 'multiple');
		const trueFalse = ref.lesson.questions.find((q): q is QuestionOf<'true-false'> => q.type === 'true-false');
		if (single && multiple && trueFalse) return { ...ref, single, multiple, trueFalse };
	}
	throw new Error('No lesson has a single, a multiple and a true-false question.');
}

type ChoiceQuestion = QuestionOf<'single' | 'multiple' | 'true-false'>;

/** The choice ids that answer a choice question right, and one answer that is wrong. */
export function rightAnswer(q: ChoiceQuestion): string[] {
	if (q.type === 'single') return [q.answer];
	if (q.type === 'multiple') return [...q.answers];
	return [String(q.answer)];
}

export function wrongAnswer(q: ChoiceQuestion): string[] {
	if (q.type === 'single') return [q.choices.find((c) => c.id !== q.answer)!.id];
	if (q.type === 'multiple') return [q.choices.find((c) => !q.answers.includes(c.id))!.id];
	return [String(!q.answer)];
}

/** A sentence of the article a find-evidence or two-part question shows that does not prove its claim. */
function otherSentence(q: QuestionOf<'find-evidence' | 'two-part'>): number {
	const key = new Set(q.proving.flatMap((p) => p.sentenceIds));
	const source = content().sources.find((s) => s.id === q.source)!;
	return source.paragraphs.filter((p) => p.kind === 'text').flatMap((p) => p.sentences).find((s) => !key.has(s.id))!.id;
}
const provingSentence = (q: QuestionOf<'find-evidence' | 'two-part'>) => q.proving[0]!.sentenceIds[0]!;

/** The form fields that answer any question right (or wrong), as the question's form posts them. */
export function answerFields(q: LessonQuestion, right: boolean): [string, string][] {
	switch (q.type) {
		case 'single':
		case 'multiple':
		case 'true-false':
			return (right ? rightAnswer(q) : wrongAnswer(q)).map((id) => ['choice', id]);
		case 'numeric':
			return [['value', String(right ? q.answer : q.answer + q.tolerance + 1)]];
		case 'ordering': {
			const ids = q.items.map((i) => i.id);
			return (right ? ids : [...ids].reverse()).map((id, i) => [`pos-${id}`, String(i + 1)]);
		}
		case 'matching': {
			const key = keyOf(q) as Record<string, string>;
			const letters = q.pairs.map((p) => key[p.id]!);
			return q.pairs.map((p, i) => [`match-${p.id}`, right ? letters[i]! : letters[(i + 1) % letters.length]!]);
		}
		case 'find-evidence':
			return [['sentence', String(right ? provingSentence(q) : otherSentence(q))]];
		case 'two-part':
			// wrong: both parts wrong, so it earns nothing
			return [
				['choice', right ? q.answer : q.choices.find((c) => c.id !== q.answer)!.id],
				['sentence', String(right ? provingSentence(q) : otherSentence(q))]
			];
		case 'written':
			// posted to ?/write, not ?/answer: a submission whose evidence proves a good claim (or does not)
			return [
				['intent', 'submit'],
				['claim', `A claim for ${q.id}`],
				['evidence', writtenEvidence(q, right)],
				['reasoning', 'Reasoning that links the evidence to the claim.']
			];
	}
}

/** Questions answered through ?/answer and graded at once (a written one is saved through ?/write and scored by a teacher). */
export const autoGraded = (q: LessonQuestion): boolean => q.type !== 'written';

/** The lesson action a question's answer posts to. */
export const actionOf = (q: LessonQuestion): 'answer' | 'write' => (q.type === 'written' ? 'write' : 'answer');

/** A written question's evidence ref: a proving sentence, or one of its articles that proves nothing. */
export function writtenEvidence(q: QuestionOf<'written'>, proves: boolean): string {
	if (proves) return `${q.proving[0]!.source}:${q.proving[0]!.sentenceIds[0]}`;
	const key = new Set(q.proving.flatMap((p) => p.sentenceIds.map((id) => `${p.source}:${id}`)));
	for (const id of q.sources) {
		const s = content().sources.find((x) => x.id === id)!;
		const other = s.paragraphs.filter((p) => p.kind === 'text').flatMap((p) => p.sentences).find((x) => !key.has(`${id}:${x.id}`));
		if (other) return `${id}:${other.id}`;
	}
	throw new Error(`${q.id}: every sentence proves it`);
}

/** That answer as teachers' pages and exports show it, in words. */
export function answerText(q: LessonQuestion, right: boolean): string {
	switch (q.type) {
		case 'single':
		case 'multiple':
		case 'true-false': {
			const ids = right ? rightAnswer(q) : wrongAnswer(q);
			// in the order students were shown them
		const choices = q.type === 'true-false' ? [{ id: 'true', text: 'True' }, { id: 'false', text: 'False' }] : firstShownOrder(q.choices, q.id);
			return choices.filter((c) => ids.includes(c.id)).map((c) => c.text).join('; ');
		}
		case 'numeric': {
			const v = String(right ? q.answer : q.answer + q.tolerance + 1);
			return q.unit ? `${v} ${q.unit}` : v;
		}
		case 'ordering':
			return (right ? q.items : [...q.items].reverse()).map((i) => i.text).join(' → ');
		case 'matching':
			return q.pairs.map((p, i) => `${p.left} → ${q.pairs[right ? i : (i + 1) % q.pairs.length]!.right}`).join('; ');
		case 'find-evidence': {
			const id = Number(answerFields(q, right)[0]![1]);
			const source = content().sources.find((s) => s.id === q.source)!;
			return `s-${id}: ${source.sentences[id - 1]!.text}`;
		}
		case 'two-part': {
			const [[, choice], [, sentence]] = answerFields(q, right) as [[string, string], [string, string]];
			const source = content().sources.find((s) => s.id === q.source)!;
			return `Part A: ${q.choices.find((c) => c.id === choice)!.text}; Part B: s-${sentence}: ${source.sentences[Number(sentence) - 1]!.text}`;
		}
		case 'written':
			return `A claim for ${q.id}`;
	}
}

/** The source sentences a citation resolves to, joined as the feedback shows them. */
export function citedText(cite: LessonQuestion['cite'][number]): string {
	const source = content().sources.find((s) => s.id === cite.source);
	if (!source) throw new Error(`no source ${cite.source}`);
	return cite.sentenceIds.map((id) => source.sentences[id - 1]!.text).join(' ');
}

export const fold = (text: string): string => text.replace(/\s+/g, ' ').trim();

/**
 * Undoes the escaping a string gets in HTML, in JSON and in JavaScript string literals
 * (`&#39;`, `&quot;`, `&amp;`, `\u003C`, `\"`, `\n`, …), then folds white space, so that a
 * sentence can be searched for wherever it was embedded.
 */
export function searchable(text: string): string {
	const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };
	let out = text;
	// twice, for text that was escaped twice (JSON inside HTML, a string inside a script)
	for (let i = 0; i < 2; i++) {
		out = out
			.replace(/\\u([0-9a-fA-F]{4})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
			.replace(/\\x([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
			.replace(/\\([nrt])/g, ' ')
			.replace(/\\(["'`\\/])/g, '$1')
			.replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
			.replace(/&#x([0-9a-fA-F]+);/g, (_, n: string) => String.fromCodePoint(parseInt(n, 16)))
			.replace(/&(amp|lt|gt|quot|apos|nbsp);/g, (_, name: string) => named[name]!);
	}
	return fold(out);
}

/**
 * Everything the course is meant to show before an answer: titles, summaries, objectives,
 * key terms, prompts, choices and the lesson prose (Markdown marks removed), searchable.
 */
export function publicText(): string {
	const c = content();
	const parts = c.modules.flatMap((m) => [
		m.title,
		m.summary,
		...m.objectives,
		...m.lessons.flatMap((l) => [
			l.title,
			l.summary,
			...l.objectives,
			...l.keyTerms.flatMap((id) => {
				const g = c.glossary.find((x) => x.id === id)!;
				return [g.term, g.meaning];
			}),
			l.body.replace(/[*_#`>]/g, ''),
			...l.questions.flatMap((q) => [q.prompt, ...publicWords(q)])
		])
	]);
	// the articles that find-evidence and two-part questions show whole are public on those pages
	const shown = shownSources();
	const articles = c.sources.filter((src) => shown.has(src.id)).flatMap((src) => src.sentences.map((x) => x.text));
	return [...parts, ...articles].map(searchable).join('\n');
}

/** The words of a question's public part besides its prompt. */
function publicWords(q: LessonQuestion): string[] {
	switch (q.type) {
		case 'single':
		case 'multiple':
			return q.choices.map((ch) => ch.text);
		case 'two-part':
			return [...q.choices.map((ch) => ch.text), q.partB ?? DEFAULT_PART_B];
		case 'ordering':
			return q.items.map((i) => i.text);
		case 'matching':
			return q.pairs.flatMap((p) => [p.left, p.right]);
		case 'written':
			return q.rubric.flatMap((c) => [c.name, ...c.levels.map((l) => l.text)]);
		default:
			return [q.type === 'numeric' ? (q.unit ?? '') : ''];
	}
}

/** Sources whose whole text a lesson page shows, in its find-evidence and two-part questions: their sentences are public there. */
export const shownSources = (): Set<string> =>
	new Set(
		content().modules.flatMap((m) => m.lessons.flatMap((l) => l.questions.flatMap((q) => (q.type === 'find-evidence' || q.type === 'two-part' ? [q.source] : q.type === 'written' ? q.sources : []))))
	);

/**
 * Distinctive 40-character slices of a secret text: windows of it, without quotation marks, that occur nowhere in the
 * public text (a lesson's prose may restate part of an explanation), the first, middle and
 * last of them. The whole text when it is shorter than that. Empty when nothing is distinctive.
 */
export function slices(text: string, size = 40, known = publicText()): string[] {
	const t = searchable(text);
	if (t.length <= size) return known.includes(t) ? [] : [t];
	const windows: string[] = [];
	for (let i = 0; i + size <= t.length; i++) {
		const w = t.slice(i, i + size);
		// a window across a quotation mark is not distinctive: an explanation quoting a sentence of a
		// shown article would match the article's own sentence where the page puts it in quotes (JSON)
		if (/["“”]/.test(w)) continue;
		if (!known.includes(w)) windows.push(w);
	}
	if (!windows.length) return [];
	return [...new Set([windows[0]!, windows[Math.floor(windows.length / 2)]!, windows[windows.length - 1]!])];
}

export interface Secret {
	question: string;
	what: string;
	text: string;
	/** the distinctive slices to search for */
	slices: string[];
}

/**
 * Every secret text of every question: its explanation, and its cited quotes, except quotes
 * from an article that find-evidence questions show whole (the article is public there; which
 * sentence proves which question is the secret, and only the explanation and key reveal it).
 */
export function secrets(): Secret[] {
	const known = publicText();
	const shown = shownSources();
	return allLessons().flatMap(({ lesson }) =>
		lesson.questions.flatMap((q) =>
			[
				{ question: q.id, what: 'explanation', text: q.explanation },
				...(q.type === 'written' ? [{ question: q.id, what: 'model answer', text: q.model }] : []),
				...q.cite.flatMap((c, i) => (shown.has(c.source) ? [] : [{ question: q.id, what: `cite[${i}].quote`, text: c.quote }]))
			].map((s) => ({ ...s, slices: slices(s.text, 40, known) }))
		)
	);
}

/** The slices of a secret found in `haystack` (already passed through `searchable`). */
export const leaks = (haystack: string, secret: Secret): string[] => secret.slices.filter((s) => haystack.includes(s));

/**
 * Posts an answer as a plain HTML form would (what a browser without JavaScript sends: it
 * accepts HTML), with a fresh submission key (`idem`) unless `fields` has one or `idem` is null.
 * Pass `accept: application/json` and `x-sveltekit-action` in headers to post as use:enhance does.
 */
export async function postAnswer(
	path: string,
	fields: [string, string][],
	{ headers = {}, idem = crypto.randomUUID(), cookie }: { headers?: Record<string, string>; idem?: string | null; cookie?: string } = {}
) {
	const all = idem === null || fields.some(([k]) => k === 'idem') ? fields : [...fields, ['idem', idem] as [string, string]];
	const res = await fetch(`${baseURL()}${path}?/answer`, {
		method: 'POST',
		headers: {
			'content-type': 'application/x-www-form-urlencoded',
			accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.8',
			origin: baseURL(),
			...(cookie ? { cookie } : {}),
			...headers
		},
		body: new URLSearchParams(all).toString(),
		redirect: 'manual'
	});
	return {
		status: res.status,
		text: await res.text(),
		type: res.headers.get('content-type') ?? '',
		/** the cookies the response set, as a Cookie header */
		cookie: res.headers
			.getSetCookie()
			.map((c) => c.split(';')[0])
			.join('; ')
	};
}

/**
 * Posts a form as a browser without JavaScript does (urlencoded, accepts HTML, with the
 * `Origin` SvelteKit checks), to `base` (the shared server unless given), without following
 * redirects. Pass `accept: application/json` and `x-sveltekit-action: true` to post as use:enhance does.
 */
export async function postForm(
	path: string,
	fields: [string, string][] | Record<string, string>,
	{ base = baseURL(), cookie, headers = {} }: { base?: string; cookie?: string; headers?: Record<string, string> } = {}
) {
	const res = await fetch(`${base}${path}`, {
		method: 'POST',
		headers: {
			'content-type': 'application/x-www-form-urlencoded',
			accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.8',
			origin: base,
			...(cookie ? { cookie } : {}),
			...headers
		},
		body: new URLSearchParams(fields).toString(),
		redirect: 'manual'
	});
	return {
		status: res.status,
		text: await res.text(),
		location: res.headers.get('location'),
		headers: res.headers,
		/** the Set-Cookie headers as sent, with their flags */
		setCookies: res.headers.getSetCookie(),
		/** the cookies the response set (and did not delete), as a Cookie header */
		cookie: res.headers
			.getSetCookie()
			.map((c) => c.split(';')[0]!)
			.filter((c) => !c.endsWith('='))
			.join('; ')
	};
}

export interface Student {
	username: string;
	displayName: string;
	password: string;
}

/** A student nobody has used yet: unique username and display name, a valid password. */
export function newStudent(tag = 's'): Student {
	const id = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
	return {
		username: `${tag}-${id}`.toLowerCase(),
		displayName: `${tag.toUpperCase()} Student ${id}`,
		password: `correct horse ${id}`
	};
}

/** Signs a student up over HTTP (no browser); returns the session cookie as a Cookie header. */
export async function signUpByPost(s: Student, base = baseURL(), timeZone?: string): Promise<string> {
	const fields = { displayName: s.displayName, username: s.username, password: s.password, code: '', ...(timeZone ? { timeZone } : {}) };
	const res = await postForm('/signup', fields, { base });
	if (res.status !== 303 || res.location !== '/me?welcome=1' || !res.cookie.includes('bc_session=')) {
		throw new Error(`sign-up of ${s.username} failed: HTTP ${res.status} → ${res.location}\n${res.text.slice(0, 500)}`);
	}
	return res.cookie;
}

/**
 * A time zone in which it is now between 12:00 and 13:00, so that a test's "today" does not
 * turn into "tomorrow" while it runs (CI once crossed midnight UTC mid-suite).
 */
export function zoneAtMidday(now = new Date()): string {
	const offset = 12 - now.getUTCHours(); // -11 … +12; Etc/GMT names have the sign reversed
	return offset === 0 ? 'Etc/GMT' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
}

/** The cookies of a browser context as a Cookie header, for plain requests on its behalf. */
export async function cookieHeader(context: BrowserContext): Promise<string> {
	return (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
}

/** Puts a Cookie header (from `signUpByPost`) into a browser context, for the shared server unless given. */
export async function addCookies(context: BrowserContext, cookie: string, base = baseURL()) {
	await context.addCookies(
		cookie.split('; ').map((pair) => {
			const i = pair.indexOf('=');
			return { name: pair.slice(0, i), value: pair.slice(i + 1), url: base };
		})
	);
}

export const questionCard = (page: Page, q: LessonQuestion) => page.locator(`#q-${q.id}`);

/** A question form's post: to the lesson's `answer` or `write` action without JavaScript (and on /me/review), to its card address with it. */
export const isAnswerPost = (r: { url(): string; request(): { method(): string } }) =>
	r.request().method() === 'POST' && (/\?\/(answer|write)$/.test(r.url()) || new URL(r.url()).pathname.endsWith('/card'));

/**
 * Picks choices in a question's card and checks the answer; waits for its feedback. Works with
 * JavaScript (feedback in place) and without (the post renders the page again).
 */
export async function answerInPage(page: Page, q: LessonQuestion, answer: string[] | boolean) {
	const card = questionCard(page, q);
	if (q.type === 'written') {
		// a written answer: claim, evidence, reasoning, then "Submit for grading"; it waits for the teacher
		await fillAnswer(card, q, answer === true);
		await Promise.all([
			page.waitForResponse(isAnswerPost),
			card.getByRole('button', { name: /Submit/ }).click()
		]);
		await card.getByRole('region', { name: 'Feedback on your written answer' }).waitFor();
		return;
	}
	if (Array.isArray(answer)) for (const id of answer) await card.locator(`input[name="choice"][value="${id}"]`).check();
	else await fillAnswer(card, q, answer);
	const button = card.locator('button[type="submit"]');
	// the answer's response: a fetch with JavaScript, a page load without
	await Promise.all([
		page.waitForResponse(isAnswerPost),
		button.click()
	]);
	await card.getByRole('status').waitFor();
	// with JavaScript the button is disabled until the feedback is in place
	await button.and(page.locator(':enabled')).waitFor();
}

/** Fills a question's form the way a student would, with its right (or a wrong) answer. */
export async function fillAnswer(card: Locator, q: LessonQuestion, right: boolean) {
	for (const [name, value] of answerFields(q, right)) {
		const field = card.locator(`[name="${name}"]`);
		if (name === 'choice' || name === 'sentence' || name === 'evidence') await field.and(card.locator(`[value="${value}"]`)).check();
		else if (name === 'value' || name === 'claim' || name === 'reasoning') await field.fill(value);
		// the button pressed says whether to save a draft or submit
		else if (name === 'intent') continue;
		// position and match lists; positions go 1, 2, 3… so moving each item into place leaves the right order
		else await field.selectOption(value);
	}
}

/** The bars the per-question chart shows when students answer right or wrong as planned. */
export function expectedBars(q: LessonQuestion, plan: boolean[]): { text: string; count: number; right: boolean }[] {
	if (q.type === 'single' || q.type === 'multiple' || q.type === 'true-false') {
		const key = rightAnswer(q);
		// in the order students were shown them
		const choices = q.type === 'true-false' ? [{ id: 'true', text: 'True' }, { id: 'false', text: 'False' }] : firstShownOrder(q.choices, q.id);
		return choices.map((c) => ({
			text: c.text,
			count: plan.filter((right) => (right ? rightAnswer(q) : wrongAnswer(q)).includes(c.id)).length,
			right: key.includes(c.id)
		}));
	}
	// whole answers, the most common first (ties by text), the right one always shown
	const counts = new Map<string, number>();
	for (const right of plan) counts.set(answerText(q, right), (counts.get(answerText(q, right)) ?? 0) + 1);
	const key = answerText(q, true);
	const bars = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([text, count]) => ({ text, count, right: text === key }));
	return bars.some((b) => b.right) ? bars : [{ text: key, count: 0, right: true }, ...bars];
}

/** Fills the sign-up form (the page must be on /signup) and submits it. */
export async function fillSignUp(page: Page, s: Student, code = '') {
	await page.getByLabel('Your name').fill(s.displayName);
	await page.getByLabel('Username').fill(s.username);
	await page.getByLabel('Password').fill(s.password);
	await page.getByLabel('Class join code (optional)').fill(code);
	await page.getByRole('button', { name: 'Create account' }).click();
}

/** Fills the login form (the page must be on /login) and submits it. */
export async function fillLogIn(page: Page, username: string, password: string) {
	await page.getByLabel('Username').fill(username);
	await page.getByLabel('Password').fill(password);
	await page.getByRole('button', { name: 'Log in' }).click();
}

type AxeResults = Awaited<ReturnType<AxeBuilder['analyze']>>;

/** One entry per failing element of an axe run: rule, impact, selector, and what is wrong. */
export function describeViolations(results: AxeResults): string {
	return results.violations
		.flatMap((v) =>
			v.nodes.map(
				(n) =>
					`${v.id} (${v.impact ?? 'n/a'}) ${n.target.join(' ')}\n    ${v.help}\n    ${n.failureSummary?.replace(/\n/g, '\n    ') ?? ''}`
			)
		)
		.join('\n');
}

/** The page's width against the viewport, with the first few elements that stick out. */
export async function overflow(page: Page) {
	return page.evaluate(() => ({
		scrollWidth: document.documentElement.scrollWidth,
		clientWidth: document.documentElement.clientWidth,
		wide: [...document.querySelectorAll('body *')]
			.filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
			.slice(0, 5)
			.map((el) => `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}.${[...el.classList].join('.')}`)
	}));
}

// ---- teachers and classes (for the teacher tests) ----

export interface Teacher {
	displayName: string;
	email: string;
	password: string;
}

/** A teacher nobody has used yet: unique email and name, a valid password. */
export function newTeacher(tag = 't'): Teacher {
	const id = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
	return { displayName: `${tag.toUpperCase()} Teacher ${id}`, email: `${tag}-${id}@school.example`.toLowerCase(), password: `staff room ${id}` };
}

/** Signs a teacher up over HTTP (no browser); returns the session cookie as a Cookie header. */
export async function signUpTeacherByPost(t: Teacher, base = baseURL()): Promise<string> {
	const res = await postForm('/teacher/signup', { displayName: t.displayName, email: t.email, password: t.password }, { base });
	if (res.status !== 303 || res.location !== '/teacher' || !res.cookie.includes('bc_session=')) {
		throw new Error(`teacher sign-up of ${t.email} failed: HTTP ${res.status} → ${res.location}\n${res.text.slice(0, 500)}`);
	}
	return res.cookie;
}

/** Creates a class over HTTP as the teacher of `cookie`; returns its id. */
export async function createClassByPost(cookie: string, name: string, { section = '', timeZone = 'UTC', base = baseURL() } = {}): Promise<string> {
	const res = await postForm('/teacher?/create', { name, section, timeZone }, { base, cookie });
	const id = /^\/teacher\/classes\/([0-9a-f-]{36})$/.exec(res.location ?? '')?.[1];
	if (res.status !== 303 || !id) throw new Error(`creating class ${name} failed: HTTP ${res.status} → ${res.location}\n${res.text.slice(0, 500)}`);
	return id;
}

/** The submission key of a question's form in a lesson page's HTML (the page gives each form its own). */
export const formKeyIn = (html: string, questionId: string): string | undefined =>
	new RegExp(`name="question" value="${questionId}"[\\s\\S]*?name="idem" value="([^"]+)"`).exec(html)?.[1];

/** The join code a class page shows ("K7Q-XP3"), or null when joining is off. */
export const joinCodeIn = (html: string): string | null => /<p class="code[^"]*"[^>]*>([A-HJ-NP-Z2-9]{3}-[A-HJ-NP-Z2-9]{3})<\/p>/.exec(html)?.[1] ?? null;

/** The one-time password code a reset slip shows ("K7QXP-3MZ9A"), or null. */
export const slipCodeIn = (html: string): string | null => /<dd class="code[^"]*"[^>]*>([2-9A-HJ-NP-Z]{5}-[2-9A-HJ-NP-Z]{5})<\/dd>/.exec(html)?.[1] ?? null;

/** Signs a student up over HTTP with a class join code; returns the session cookie. */
export async function signUpWithCode(s: Student, code: string, base = baseURL()): Promise<string> {
	const res = await postForm('/signup', { displayName: s.displayName, username: s.username, password: s.password, code }, { base });
	if (res.status !== 303 || res.location !== '/me?welcome=1') {
		throw new Error(`sign-up of ${s.username} with code ${code} failed: HTTP ${res.status} → ${res.location}\n${res.text.slice(0, 500)}`);
	}
	return res.cookie;
}

/**
 * Answers a question over HTTP as a form without JavaScript would, on the server at `base`; a
 * written question is submitted for grading (its evidence proving a claim when `right`).
 */
export async function answerByPost(path: string, q: LessonQuestion, right: boolean, cookie: string, base = baseURL()) {
	const res = await postForm(`${path}?/${actionOf(q)}`, [['question', q.id], ...answerFields(q, right), ['idem', crypto.randomUUID()]], {
		base,
		cookie
	});
	if (res.status !== 200) throw new Error(`answering ${q.id} at ${path} failed: HTTP ${res.status}\n${res.text.slice(0, 500)}`);
	return res;
}

/** A GET as a plain client (redirects not followed). */
export async function getPage(path: string, cookie?: string, base = baseURL()) {
	const res = await fetch(`${base}${path}`, { headers: cookie ? { cookie } : {}, redirect: 'manual' });
	return { status: res.status, text: await res.text(), location: res.headers.get('location') };
}

/**
 * The status a GET ends with: a page's own status, or for a client-side navigation's
 * `__data.json` (always 200) the status of the error node inside it, or of its redirect.
 */
export async function statusOf(path: string, cookie?: string, base = baseURL()) {
	const r = await getPage(path, cookie, base);
	if (!path.endsWith('/__data.json') || r.status !== 200) return r;
	const body = JSON.parse(r.text) as { type: string; location?: string; nodes?: ({ type: string; status?: number } | null)[] };
	if (body.type === 'redirect') return { ...r, status: 303, location: body.location ?? null };
	const failed = body.nodes?.find((n) => n?.type === 'error');
	return { ...r, status: failed?.status ?? 200 };
}

/** A response without what changes on every request (a page's CSP nonce, an export's time), for before/after comparisons. */
export const unchanging = (text: string): string => text.replace(/nonce="[^"]*"/g, '').replace(/"exportedAt":"[^"]*"/g, '');
