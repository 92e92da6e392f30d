/**
 * Read aloud, in chromium with a real speech engine (speech-dispatcher and espeak-ng, see
 * ./speech.ts): every utterance is observed through the browser's own API. An init script wraps
 * speechSynthesis.speak to record the text of every utterance the page passes to it (spoken or
 * cancelled before it starts), and listens to each: at its `start` it records its text, rate and
 * voice, the text of the ranges in the page's read-aloud highlight and where that is on screen.
 * What should be spoken comes from lessons/, never from the page's reader.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { runAxe } from './axe';
import { launch } from './browser';
import { allLessons, baseURL, content, describeViolations, fold, secrets, wrongAnswer, type QuestionOf } from './content';
import { shownArticle } from '../../src/lib/content/article';
import { splitSentences } from '../../src/lib/content/sentences';
import { groupDigits } from '../../src/lib/digits';
import { firstShownOrder } from '../../src/lib/questions/shuffle';
import { CLAIM_MAX } from '../../src/lib/questions/written/schema';

interface Spoken {
	text: string;
	rate: number;
	voice: string | null;
	/** the text of the highlight's ranges when the utterance started */
	highlighted: string;
	/** the window's scroll position then */
	scrollY: number;
	/** the highlight was then inside the window, and inside the box that scrolls it if any */
	shown: boolean;
}
interface Speech {
	/** every utterance passed to speak(), spoken or not, and the event being handled then (a press: 'click') */
	calls: { text: string; volume: number; during: string | null }[];
	started: Spoken[];
	ended: string[];
	errors: string[];
	/** calls of speechSynthesis.cancel() */
	cancels: number;
}
declare global {
	interface Window {
		__speech: Speech;
	}
}

/** Runs in the page before its own scripts: listens to every utterance the page speaks. */
function recordSpeech() {
	const speech: Speech = { calls: [], started: [], ended: [], errors: [], cancels: 0 };
	window.__speech = speech;
	if (!window.speechSynthesis) return;
	const speak = speechSynthesis.speak.bind(speechSynthesis);
	const cancel = speechSynthesis.cancel.bind(speechSynthesis);
	speechSynthesis.cancel = () => {
		speech.cancels++;
		cancel();
	};
	const inside = (r: DOMRect, box: { top: number; bottom: number }) => r.top >= box.top - 1 && r.bottom <= box.bottom + 1;
	speechSynthesis.speak = (u: SpeechSynthesisUtterance) => {
		// window.event: the event being handled when speak() is called, if any
		speech.calls.push({ text: u.text, volume: u.volume, during: window.event?.type ?? null });
		// a silent utterance (the one a press speaks to let iOS speak) says nothing: only what is heard is followed
		if (u.volume !== 0) {
			// a start that comes after the page cancelled speech (Stop, Pause, another reader) is an
			// utterance cancelled before it began: the engine may still report it, the page rightly ignores it
			const cancelsBefore = speech.cancels;
			// added after the page's own listeners, so the page has marked (and scrolled to) the sentence by then
			u.addEventListener('start', () => {
				if (speech.cancels !== cancelsBefore) return;
				const ranges = [...((CSS.highlights.get('read-aloud') ?? []) as unknown as Set<Range>)];
				let shown = false;
				if (ranges[0]) {
					const r = ranges[0].getBoundingClientRect();
					shown = inside(r, { top: 0, bottom: innerHeight });
					for (let a = ranges[0].startContainer.parentElement; a && a !== document.body; a = a.parentElement) {
						if (/auto|scroll/.test(getComputedStyle(a).overflowY) && a.scrollHeight > a.clientHeight) {
							shown &&= inside(r, a.getBoundingClientRect());
							break;
						}
					}
				}
				speech.started.push({
					text: u.text,
					rate: u.rate,
					voice: u.voice?.voiceURI ?? null,
					highlighted: ranges.map((r) => r.toString()).join(''),
					scrollY: window.scrollY,
					shown
				});
			});
			u.addEventListener('end', () => speech.ended.push(u.text));
			u.addEventListener('error', (e) => speech.errors.push(e.error));
		}
		speak(u);
	};
}

/** The sentences of one content string, as the course splits its articles. */
const sentencesOf = (text: string): string[] => splitSentences(text).map(fold);

const lessons = allLessons();
const LESSON = lessons.find((l) => l.path.endsWith('/the-envoys-office'))!;
// a lesson with a one-answer question and an ordering question (with its visually hidden labels)
const QUIZ = lessons.find((l) => l.lesson.questions.some((q) => q.type === 'ordering') && l.lesson.questions.some((q) => q.type === 'single'))!;
const SINGLE = QUIZ.lesson.questions.find((q): q is QuestionOf<'single'> => q.type === 'single')!;
const ORDERING = QUIZ.lesson.questions.find((q): q is QuestionOf<'ordering'> => q.type === 'ordering')!;
const number = (q: { id: string }) => QUIZ.lesson.questions.findIndex((x) => x.id === q.id) + 1;
const SOURCE = content().sources[0]!;
// a lesson with a find-evidence question and one with a written question
const EVIDENCE_LESSON = lessons.find((l) => l.lesson.questions.some((q) => q.type === 'find-evidence'))!;
const EVIDENCE = EVIDENCE_LESSON.lesson.questions.find((q): q is QuestionOf<'find-evidence'> => q.type === 'find-evidence')!;
const WRITTEN_LESSON = lessons.find((l) => l.lesson.questions.some((q) => q.type === 'written'))!;
const WRITTEN = WRITTEN_LESSON.lesson.questions.find((q): q is QuestionOf<'written'> => q.type === 'written')!;
const numberIn = (ref: typeof LESSON, q: { id: string }) => ref.lesson.questions.findIndex((x) => x.id === q.id) + 1;
// a lesson with a next one in its module, for reading through a client-side navigation
const PAGED = lessons.find((l) => l.module.lessons.indexOf(l.lesson) < l.module.lessons.length - 1)!;
const PAGED_NEXT = PAGED.module.lessons[PAGED.module.lessons.indexOf(PAGED.lesson) + 1]!;
/** What the one-answer question's card shows before an answer, in order: its number, prompt, hint and choices. */
const singleCard = [
	`Question ${number(SINGLE)}`,
	...sentencesOf(SINGLE.prompt),
	'Choose one answer.',
	...firstShownOrder(SINGLE.choices, SINGLE.id).map((c) => fold(c.text))
];

/** What a lesson's header shows, sentence by sentence, in order. */
const openingOf = ({ lesson }: typeof LESSON) => [
	...sentencesOf(lesson.title),
	...sentencesOf(lesson.summary),
	'In this lesson you will',
	...lesson.objectives.flatMap(sentencesOf)
];
const lessonOpening = openingOf(LESSON);

let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
	browser = await launch({ speech: true });
});
afterAll(async () => {
	await Promise.all(contexts.map((c) => c.close()));
	await browser?.close();
});

/**
 * A page with the recorder; `rate` is the speed the reader starts with (kept by the page in
 * localStorage), `size` the site's text size (its reading settings' cookie). Reduced motion: the
 * window scrolls at once, so where a sentence is when it starts is where it stays.
 */
async function open(path: string, { rate = 2, width = 1280, size }: { rate?: number; width?: number; size?: string } = {}): Promise<Page> {
	const context = await browser.newContext({ viewport: { width, height: 900 }, reducedMotion: 'reduce' });
	contexts.push(context);
	if (size) await context.addCookies([{ name: 'bc_reading', value: `size-${size}`, url: baseURL() }]);
	await context.addInitScript(recordSpeech);
	await context.addInitScript((rate) => localStorage.setItem('read-aloud', JSON.stringify({ rate, voice: '' })), rate);
	const page = await context.newPage();
	page.setDefaultTimeout(15_000);
	const response = await page.goto(`${baseURL()}${path}`, { waitUntil: 'networkidle' });
	expect(response?.status()).toBe(200);
	return page;
}

const speech = (page: Page) => page.evaluate(() => window.__speech);
const started = async (page: Page) => (await speech(page)).started;
/** The text of every utterance passed to speak() to be heard, spoken or cancelled before it started (the silent one of a press left out). */
const said = async (page: Page) => (await speech(page)).calls.filter((c) => c.volume !== 0).map((c) => fold(c.text));

/** Nothing passed to speak() holds a secret of the question: its explanation, a model answer, a quote from an article the page does not show. */
async function expectNoSecrets(page: Page, question: string) {
	const words = fold((await said(page)).join(' '));
	for (const secret of secrets().filter((s) => s.question === question)) {
		for (const slice of secret.slices) expect(words, `${secret.what} passed to speak()`).not.toContain(slice);
	}
	expect(words).not.toMatch(/right answer|✓|✗|your pick|this sentence proves it/);
}

async function waitForStarts(page: Page, n: number) {
	await expect.poll(async () => (await started(page)).length, { timeout: 45_000, interval: 100 }).toBeGreaterThanOrEqual(n);
}

/** The player of a region, found by its label as a screen reader would. */
const player = (page: Page, label: string) => page.getByRole('group', { name: `Read aloud: ${label}` });
const trigger = (page: Page, label: string) => page.getByRole('button', { name: `Read aloud: ${label}` });

/** Each utterance spoke exactly the sentence that was highlighted when it started. */
function expectSpokenHighlighted(spoken: Spoken[]) {
	for (const s of spoken) expect(fold(s.highlighted), `highlight while speaking "${s.text}"`).toBe(fold(s.text));
}

/** Nothing more is spoken, or passed to speak(), for a while. */
async function expectSilence(page: Page) {
	const before = await speech(page);
	await page.waitForTimeout(1500);
	const after = await speech(page);
	expect(after.started.length).toBe(before.started.length);
	expect(after.calls.length).toBe(before.calls.length);
	expect(await page.evaluate(() => speechSynthesis.speaking)).toBe(false);
}

// a real speech engine speaks at its own pace, slower when other test files share the cores
vi.setConfig({ testTimeout: 150_000 });

describe('reading a lesson', () => {
	test('a control by the title reads the lesson sentence by sentence, each one highlighted as it is spoken', async () => {
		const page = await open(LESSON.path);
		// one by the lesson's title, one in each question card
		expect(await page.locator('button.read-aloud').count()).toBe(1 + LESSON.lesson.questions.length);
		const button = trigger(page, LESSON.lesson.title);
		expect(await button.evaluate((b) => b.previousElementSibling?.tagName)).toBe('H1');
		await button.click();
		// speak() is called within the press itself (iOS Safari speaks only once it has been), not only once the player has loaded
		expect((await speech(page)).calls[0]?.during).toBe('click');
		const controls = player(page, LESSON.lesson.title);
		const toggle = controls.getByRole('button', { name: 'Pause' });
		await expect.poll(() => toggle.evaluate((b) => b === document.activeElement)).toBe(true);
		// the live status is written when what it says changes, not at every sentence (a screen reader would repeat it)
		await controls.getByRole('status').evaluate((status) => {
			const w = window as unknown as { statusWrites: number };
			w.statusWrites = 0;
			new MutationObserver((changes) => (w.statusWrites += changes.length)).observe(status, { childList: true, characterData: true, subtree: true });
		});
		await waitForStarts(page, 6);
		expect(fold(await controls.getByRole('status').innerText())).toBe('Reading aloud.');
		expect(await page.evaluate(() => (window as unknown as { statusWrites: number }).statusWrites)).toBe(0);
		expect(fold(await controls.locator('.read-aloud-progress').innerText())).toMatch(/^Reading sentence \d+ of \d+$/);
		await controls.getByRole('button', { name: 'Stop' }).click();
		await expectSilence(page);

		const spoken = await started(page);
		// the opening, in order (on a loaded machine Stop may come after it, in the lesson's body)
		const opening = Math.min(spoken.length, lessonOpening.length);
		expect(spoken.slice(0, opening).map((s) => fold(s.text))).toEqual(lessonOpening.slice(0, opening));
		expectSpokenHighlighted(spoken);
		expect(spoken.every((s) => s.rate === 2)).toBe(true);
		// stopped: no mark left, and the button offers to play again
		expect(await page.evaluate(() => CSS.highlights.has('read-aloud'))).toBe(false);
		expect(await controls.getByRole('button', { name: 'Play' }).count()).toBe(1);
		expect(fold(await controls.getByRole('status').innerText())).toBe('Stopped.');
	});

	test('pause stops speaking at a sentence; resume reads on from that sentence', async () => {
		const page = await open(LESSON.path);
		await trigger(page, LESSON.lesson.title).click();
		const controls = player(page, LESSON.lesson.title);
		await waitForStarts(page, 3);
		await controls.getByRole('button', { name: 'Pause' }).click();
		expect(await controls.getByRole('button', { name: 'Resume' }).count()).toBe(1);
		expect(fold(await controls.getByRole('status').innerText())).toBe('Paused.');
		await expectSilence(page);
		const before = await started(page);
		// the sentence it stopped in (or, between two, the next) stays marked, and the player says which one it is
		const markedText = await page.evaluate(() => [...(CSS.highlights.get('read-aloud') as unknown as Set<Range>)].map((r) => r.toString()).join(''));
		const at = lessonOpening.indexOf(fold(markedText));
		expect([before.length - 1, before.length]).toContain(at);
		expect(fold(await controls.locator('.read-aloud-progress').innerText())).toMatch(new RegExp(`^Paused at sentence ${at + 1} of \\d+$`));

		// printed, the page has neither the controls nor the mark: the sentence looks as it does unmarked
		await page.emulateMedia({ media: 'print' });
		expect(await page.getByRole('group', { name: `Read aloud: ${LESSON.lesson.title}`, includeHidden: true }).evaluate((p) => getComputedStyle(p).display)).toBe('none');
		const clip = await page.evaluate(() => {
			const range = [...(CSS.highlights.get('read-aloud') as unknown as Set<Range>)][0]!;
			range.startContainer.parentElement!.scrollIntoView({ block: 'center' });
			const { x, y, width, height } = range.getBoundingClientRect();
			return { x, y, width, height };
		});
		const marked = await page.screenshot({ clip });
		await page.evaluate(() => {
			(window as unknown as { mark: Highlight }).mark = CSS.highlights.get('read-aloud')!;
			CSS.highlights.delete('read-aloud');
		});
		const unmarked = await page.screenshot({ clip });
		await page.evaluate(() => CSS.highlights.set('read-aloud', (window as unknown as { mark: Highlight }).mark));
		expect(marked.equals(unmarked), 'the mark is printed').toBe(true);
		await page.emulateMedia({ media: null });

		await controls.getByRole('button', { name: 'Resume' }).click();
		expect(await controls.getByRole('button', { name: 'Pause' }).count()).toBe(1);
		await waitForStarts(page, before.length + 2);
		await controls.getByRole('button', { name: 'Stop' }).click();
		const after = (await started(page)).slice(before.length);
		// from the start of the sentence it was reading, then on in order
		expect(after.map((s) => fold(s.text))).toEqual(lessonOpening.slice(at, at + after.length));
		expectSpokenHighlighted(after);
	});

	test('speed and voice apply from the next sentence, and every player on the page shows them', async () => {
		const page = await open(LESSON.path, { rate: 1 });
		await trigger(page, LESSON.lesson.title).click();
		const controls = player(page, LESSON.lesson.title);
		await waitForStarts(page, 1);
		expect((await started(page))[0]!.rate).toBe(1);

		await controls.getByLabel('Speed').selectOption('1.5');
		let from = (await started(page)).length;
		await waitForStarts(page, from + 2);
		// the sentence being spoken when the speed changed may keep the old one; the next has the new
		expect((await started(page)).slice(from + 1).map((s) => s.rate)).toEqual(expect.arrayContaining([1.5]));
		expect((await started(page)).slice(from + 1).filter((s) => s.rate !== 1.5)).toEqual([]);

		// the voices come late: the field shows once the browser lists English ones
		const voice = controls.getByLabel('Voice');
		await voice.waitFor({ state: 'visible', timeout: 30_000 });
		const options = await voice.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
		expect(options[0]).toBe('');
		const chosen = options[2]!;
		expect(await page.evaluate((uri) => speechSynthesis.getVoices().find((v) => v.voiceURI === uri)?.lang.startsWith('en'), chosen)).toBe(true);
		await voice.selectOption(chosen);
		from = (await started(page)).length;
		await waitForStarts(page, from + 2);
		expect((await started(page)).slice(from + 1).map((s) => s.voice)).toEqual(expect.arrayContaining([chosen]));
		expect((await started(page)).slice(from + 1).filter((s) => s.voice !== chosen)).toEqual([]);
		await controls.getByRole('button', { name: 'Stop' }).click();
		expect((await speech(page)).errors.filter((e) => e !== 'interrupted')).toEqual([]);

		// a question's player opens with the same settings, and they are kept for the next page
		const q = LESSON.lesson.questions[0]!;
		await page.locator(`#q-${q.id}`).getByRole('button', { name: /^Read aloud/ }).click();
		const other = page.locator(`#q-${q.id} [data-read-aloud]`);
		expect(await other.getByLabel('Speed').inputValue()).toBe('1.5');
		expect(await other.getByLabel('Voice').inputValue()).toBe(chosen);
		await other.getByRole('button', { name: 'Stop' }).click();
		expect(await page.evaluate(() => JSON.parse(localStorage.getItem('read-aloud')!))).toEqual({ rate: 1.5, voice: chosen });
	});

	test('everything works by keyboard alone', async () => {
		const page = await open(LESSON.path, { rate: 1.5 });
		const title = LESSON.lesson.title;
		// Tab from the top of the page to the lesson's button
		let tabs = 0;
		while (!(await trigger(page, title).evaluate((b) => b === document.activeElement))) {
			await page.keyboard.press('Tab');
			expect(++tabs, 'the read-aloud button is not reached by Tab').toBeLessThan(20);
		}
		// a visible focus ring
		expect(await trigger(page, title).evaluate((b) => getComputedStyle(b).outlineStyle)).not.toBe('none');
		await page.keyboard.press('Enter');
		const controls = player(page, title);
		await waitForStarts(page, 1);
		const focused = () => page.evaluate(() => (document.activeElement as HTMLElement | null)?.innerText ?? document.activeElement?.getAttribute('aria-label'));
		expect(await focused()).toBe('Pause');
		await page.keyboard.press('Space');
		expect(await focused()).toBe('Resume');
		await expectSilence(page);
		await page.keyboard.press('Enter');
		expect(await focused()).toBe('Pause');
		const count = (await started(page)).length;
		await waitForStarts(page, count + 1);
		await page.keyboard.press('Tab');
		expect(await focused()).toBe('Stop');
		await page.keyboard.press('Tab');
		expect(await page.evaluate(() => document.activeElement?.closest('label')?.firstChild?.textContent?.trim())).toBe('Speed');
		await page.keyboard.press('ArrowDown');
		expect(await controls.getByLabel('Speed').inputValue()).toBe('2');
		expect(await page.evaluate(() => JSON.parse(localStorage.getItem('read-aloud')!).rate)).toBe(2);
		// Escape stops, from anywhere in the controls
		await page.keyboard.press('Escape');
		expect(fold(await controls.getByRole('status').innerText())).toBe('Stopped.');
		await expectSilence(page);
	});
});

describe('reading a question', () => {
	test('before answering it speaks the prompt and the choices shown, never the key or the explanation', async () => {
		const page = await open(QUIZ.path);
		const card = page.locator(`#q-${SINGLE.id}`);
		await card.getByRole('button', { name: `Read aloud: question ${number(SINGLE)}` }).click();
		const controls = player(page, `question ${number(SINGLE)}`);
		await expect.poll(() => controls.getByRole('status').innerText(), { timeout: 45_000 }).toBe('Finished reading.');
		const spoken = await started(page);
		expectSpokenHighlighted(spoken);
		// exactly what the card shows, in the order it shows it: nothing hidden, nothing more
		expect(spoken.map((s) => fold(s.text))).toEqual(singleCard);
		// nor passed to speak() and cancelled before it was heard
		expect(await said(page)).toEqual(singleCard);
		expect(secrets().filter((s) => s.question === SINGLE.id).every((s) => s.slices.length > 0)).toBe(true);
		await expectNoSecrets(page, SINGLE.id);

		// after an answer the card shows its feedback, and reading it again reads that too
		await card.locator(`input[name="choice"][value="${wrongAnswer(SINGLE)[0]}"]`).check();
		await card.getByRole('button', { name: 'Check answer' }).click();
		await card.getByRole('status').filter({ hasText: 'Not quite.' }).waitFor();
		const before = spoken.length;
		await controls.getByRole('button', { name: 'Play' }).click();
		const explained = sentencesOf(SINGLE.explanation)[0]!;
		await expect.poll(async () => (await started(page)).slice(before).some((s) => fold(s.text) === explained), { timeout: 45_000 }).toBe(true);
		await controls.getByRole('button', { name: 'Stop' }).click();
		const again = (await started(page)).slice(before).map((s) => fold(s.text));
		expectSpokenHighlighted((await started(page)).slice(before));
		// the card from its top again, now with the verdict before the explanation
		expect(again.slice(0, 2)).toEqual([`Question ${number(SINGLE)}`, sentencesOf(SINGLE.prompt)[0]]);
		expect(again.indexOf('Not quite.')).toBeGreaterThan(0);
		expect(again.indexOf('Not quite.')).toBeLessThan(again.indexOf(explained));
	});

	test('an ordering question is read without its visually hidden labels or its position lists', async () => {
		const page = await open(QUIZ.path);
		const card = page.locator(`#q-${ORDERING.id}`);
		const items = (await card.locator('.ordering .text').allInnerTexts()).map(fold);
		await card.getByRole('button', { name: /^Read aloud/ }).click();
		await expect.poll(() => player(page, `question ${number(ORDERING)}`).getByRole('status').innerText(), { timeout: 45_000 }).toBe('Finished reading.');
		const spoken = (await started(page)).map((s) => fold(s.text));
		expect(spoken.slice(0, 1 + sentencesOf(ORDERING.prompt).length)).toEqual([`Question ${number(ORDERING)}`, ...sentencesOf(ORDERING.prompt)]);
		// the items in the order shown, after the hint the card shows
		expect(spoken.slice(-items.length)).toEqual(items);
		// the hint names the buttons ("Use Move up and Move down"); their own labels say "Move up: <item>"
		expect(spoken.join(' ')).not.toMatch(/Position of:|Move up:|Move down:|Check answer/);
		expect(spoken.some((s) => /^\d+$/.test(s))).toBe(false);
	});

	test('a written question reads its prompt and its parts, never its closed rubric, its text fields or their character counts', async () => {
		const page = await open(WRITTEN_LESSON.path);
		const n = numberIn(WRITTEN_LESSON, WRITTEN);
		const card = page.locator(`#q-${WRITTEN.id}`);
		const typed = 'A claim typed in the field, which is not read.';
		// a guest's fields are disabled (a teacher scores written answers): the text is put in as typing would
		await card.locator('textarea[name="claim"]').evaluate((t: HTMLTextAreaElement, typed) => {
			t.value = typed;
			t.dispatchEvent(new Event('input', { bubbles: true }));
		}, typed);
		expect(fold(await card.locator('.count').first().innerText())).toBe(`${typed.length} / ${groupDigits(CLAIM_MAX)}`);
		await card.getByRole('button', { name: `Read aloud: question ${n}` }).click();
		// the card's top, to its evidence: the rubric's summary (its table is in the closed <details>), the claim's label and hint, no count
		const opening = [
			`Question ${n} · written answer`,
			...sentencesOf(WRITTEN.prompt),
			'How your answer is scored',
			'1 Your claim',
			'One or two sentences that answer the question.',
			`At most ${groupDigits(CLAIM_MAX)} characters.`,
			'2 Your evidence'
		];
		await expect.poll(async () => (await started(page)).length, { timeout: 60_000, interval: 100 }).toBeGreaterThanOrEqual(opening.length);
		await player(page, `question ${n}`).getByRole('button', { name: 'Stop' }).click();
		const spoken = await started(page);
		expect(spoken.map((s) => fold(s.text)).slice(0, opening.length)).toEqual(opening);
		expectSpokenHighlighted(spoken);
		const calls = await said(page);
		expect(calls.slice(0, opening.length)).toEqual(opening);
		const words = calls.join(' ');
		expect(words).not.toContain(typed);
		expect(words).not.toMatch(/\d+ \/ \d/);
		for (const c of WRITTEN.rubric) for (const l of c.levels) expect(words).not.toContain(fold(l.text));
		await expectNoSecrets(page, WRITTEN.id);
	});

	test('a find-evidence question, before an answer, reads its article sentence by sentence with no key, scrolling only the article’s box', async () => {
		const page = await open(EVIDENCE_LESSON.path);
		const n = numberIn(EVIDENCE_LESSON, EVIDENCE);
		const card = page.locator(`#q-${EVIDENCE.id}`);
		const source = content().sources.find((s) => s.id === EVIDENCE.source)!;
		const article = shownArticle(source).paragraphs.flatMap((p) => p.sentences.map((s) => fold(s.text)));
		const expected = [
			`Question ${n}`,
			...sentencesOf(EVIDENCE.prompt),
			...sentencesOf(`Read the article ${source.title} and choose the one sentence that proves the claim.`),
			...article
		];
		// the whole card in the window, its article's box scrolled to its end: the first sentence read in it is out of the box's view
		await card.evaluate((c) => window.scrollTo(0, c.getBoundingClientRect().top + window.scrollY - 10));
		await card.locator('.article').evaluate((box) => (box.scrollTop = box.scrollHeight));
		const scrollY = await page.evaluate(() => window.scrollY);
		expect(await card.locator('.article').evaluate((box) => box.getBoundingClientRect().bottom + 150 < window.innerHeight)).toBe(true);
		await card.getByRole('button', { name: `Read aloud: question ${n}` }).click();
		const first = expected.indexOf(article[0]!);
		await expect.poll(async () => (await started(page)).length, { timeout: 60_000, interval: 100 }).toBeGreaterThanOrEqual(first + 3);
		await player(page, `question ${n}`).getByRole('button', { name: 'Stop' }).click();
		const spoken = await started(page);
		expect(spoken.map((s) => fold(s.text))).toEqual(expected.slice(0, spoken.length));
		expectSpokenHighlighted(spoken);
		const calls = await said(page);
		expect(calls).toEqual(expected.slice(0, calls.length));
		await expectNoSecrets(page, EVIDENCE.id);
		// each sentence in view as it starts: the box scrolled to it, the window never moved
		expect(spoken.filter((s) => !s.shown).map((s) => s.text)).toEqual([]);
		expect(spoken.map((s) => s.scrollY)).toEqual(spoken.map(() => scrollY));
		expect(await card.locator('.article').evaluate((box) => box.scrollTop < box.scrollHeight - box.clientHeight)).toBe(true);
	});

	test('in chromium, what the page hides is not read: display, visibility, hidden, content-visibility, closed details', async () => {
		const page = await open(QUIZ.path);
		const card = page.locator(`#q-${SINGLE.id}`);
		// at the top of the card, so that reading its first few sentences reads all of it
		await card.evaluate((c) =>
			c.insertAdjacentHTML(
				'afterbegin',
				`<div>
					<p style="display: none">Not displayed.</p>
					<div style="display: none"><p>In a box not displayed.</p></div>
					<p style="visibility: hidden">Not visible.</p>
					<div style="visibility: hidden"><p>In a box not visible.</p></div>
					<p hidden>A hidden paragraph.</p>
					<div style="content-visibility: hidden"><p>In a box whose content is skipped.</p></div>
					<p aria-hidden="true">Hidden from screen readers.</p>
					<p class="visually-hidden">Visually hidden.</p>
					<details><summary>A summary shown.</summary>Bare text in a closed details. <p>A paragraph in it.</p></details>
					<div style="display: contents"><p>Shown through display contents.</p></div>
					<p>The last sentence added.</p>
				</div>`
			)
		);
		await card.getByRole('button', { name: /^Read aloud/ }).click();
		const added = ['A summary shown.', 'Shown through display contents.', 'The last sentence added.'];
		await waitForStarts(page, added.length + 1);
		await player(page, `question ${number(SINGLE)}`).getByRole('button', { name: 'Stop' }).click();
		expect((await started(page)).map((s) => fold(s.text)).slice(0, added.length + 1)).toEqual([...added, singleCard[0]]);
		expect((await said(page)).slice(0, added.length + 1)).toEqual([...added, singleCard[0]]);
	});

	test('one reader at a time: starting a question stops the lesson', async () => {
		const page = await open(QUIZ.path);
		await trigger(page, QUIZ.lesson.title).click();
		await waitForStarts(page, 2);
		const lessonPlayer = player(page, QUIZ.lesson.title);
		await page.locator(`#q-${SINGLE.id}`).getByRole('button', { name: /^Read aloud/ }).click();
		await expect.poll(() => lessonPlayer.getByRole('status').innerText()).toBe('Stopped.');
		expect(await lessonPlayer.getByRole('button', { name: 'Play' }).count()).toBe(1);
		const count = (await started(page)).length;
		await waitForStarts(page, count + 2);
		await player(page, `question ${number(SINGLE)}`).getByRole('button', { name: 'Stop' }).click();
		const spoken = (await started(page)).map((s) => fold(s.text));
		// the lesson's sentences, then the question's from its start: none of the lesson's after it
		const switched = spoken.indexOf(`Question ${number(SINGLE)}`);
		expect(switched).toBeGreaterThanOrEqual(2);
		expect(spoken.slice(0, switched)).toEqual(openingOf(QUIZ).slice(0, switched));
		expect(spoken.slice(switched)).toEqual(singleCard.slice(0, spoken.length - switched));
		expectSpokenHighlighted(await started(page));
	});
});

test('going to the next lesson in the page stops the reading; nothing of the new lesson is read until pressed', async () => {
	const page = await open(PAGED.path);
	// found by where it is: its name changes when loading fails
	const button = page.locator('article button.read-aloud');
	// the player's script fails to load at the first press: the button says so, and loads it at the next
	await page.route('**/_app/immutable/**', (route) => route.abort());
	await button.click();
	await expect.poll(() => button.innerText()).toBe('Read aloud (could not load: try again)');
	expect(await page.getByRole('button', { name: `Read aloud (could not load: try again): ${PAGED.lesson.title}` }).count()).toBe(1);
	await page.unrouteAll();
	await button.click();
	await waitForStarts(page, 2);
	// what was passed to speak() is the first lesson's opening only
	const calls = await said(page);
	expect(calls).toEqual(openingOf(PAGED).slice(0, calls.length));
	// the lesson page is not hydrated: the next lesson is a new page, and the browser ends the old one's speech
	await page.locator('a[rel="next"]').click();
	await page.waitForURL(`**/modules/${PAGED.module.slug}/${PAGED_NEXT.slug}`);
	await expect.poll(() => page.locator('h1').innerText()).toBe(PAGED_NEXT.title);
	await expect.poll(() => page.evaluate(() => speechSynthesis.speaking)).toBe(false);
	await expectSilence(page);
	expect(await said(page)).toEqual([]);
	expect(await page.evaluate(() => CSS.highlights.has('read-aloud'))).toBe(false);
	// the new lesson's button, as it is before a press
	expect(await page.locator('[data-read-aloud]').count()).toBe(0);
	const next = trigger(page, PAGED_NEXT.title);
	expect(await next.count()).toBe(1);
	expect(await next.innerText()).toBe('Read aloud');
	expect(await next.getAttribute('aria-label')).toBe(`Read aloud: ${PAGED_NEXT.title}`);
});

test('a source article is read sentence by sentence, as the article splits it', async () => {
	const page = await open(`/sources/${SOURCE.id}`);
	expect(await page.locator('button.read-aloud').count()).toBe(1);
	await trigger(page, SOURCE.title).click();
	await waitForStarts(page, 5);
	await player(page, SOURCE.title).getByRole('button', { name: 'Stop' }).click();
	const spoken = await started(page);
	const article = SOURCE.paragraphs.flatMap((p) => [...(p.kind === 'debris' ? [`Not part of the article (${p.why})`] : []), ...p.sentences.map((s) => fold(s.text))]);
	expect(spoken.map((s) => fold(s.text))).toEqual(article.slice(0, spoken.length));
	expectSpokenHighlighted(spoken);
});

describe('where there is no speech', () => {
	test('no control appears where the browser has no speech synthesis', async () => {
		const context = await browser.newContext();
		contexts.push(context);
		await context.addInitScript(() => {
			delete (Window.prototype as unknown as Record<string, unknown>).speechSynthesis;
			delete (window as unknown as Record<string, unknown>).speechSynthesis;
		});
		const page = await context.newPage();
		await page.goto(`${baseURL()}${LESSON.path}`, { waitUntil: 'networkidle' });
		expect(await page.evaluate(() => 'speechSynthesis' in window)).toBe(false);
		// the page's script ran (its questions are enhanced), with no read-aloud anywhere
		expect(await page.locator('html[data-ready]').count()).toBe(1);
		expect(await page.locator('button.read-aloud, [data-read-aloud]').count()).toBe(0);
		expect(await page.getByText('Read aloud').count()).toBe(0);
	});

	test('with JavaScript off the page has no control (its first render is unchanged)', async () => {
		const context = await browser.newContext({ javaScriptEnabled: false });
		contexts.push(context);
		const page = await context.newPage();
		for (const path of [LESSON.path, `/sources/${SOURCE.id}`]) {
			await page.goto(`${baseURL()}${path}`);
			expect(await page.locator('h1').count()).toBe(1);
			expect(await page.locator('button.read-aloud, [data-read-aloud]').count()).toBe(0);
			expect(await page.content()).not.toContain('Read aloud');
		}
	});

	test('when the browser cannot speak, the player says so and does not try again', async () => {
		// the same chromium without a speech engine: speak() fails with 'synthesis-failed'
		const mute = await launch();
		try {
			const context = await mute.newContext();
			await context.addInitScript(recordSpeech);
			const page = await context.newPage();
			await page.goto(`${baseURL()}${LESSON.path}`, { waitUntil: 'networkidle' });
			await trigger(page, LESSON.lesson.title).click();
			const status = player(page, LESSON.lesson.title).getByRole('status');
			await expect.poll(() => status.innerText(), { timeout: 30_000 }).toMatch(/^Reading stopped: this browser could not speak the text \(.+\)\.$/);
			await page.waitForTimeout(1000);
			const { errors, started: spoken } = await speech(page);
			expect(await said(page)).toHaveLength(1);
			expect(errors).toHaveLength(1);
			expect(spoken).toEqual([]);
			expect(await player(page, LESSON.lesson.title).getByRole('button', { name: 'Play' }).count()).toBe(1);
			expect(await page.evaluate(() => CSS.highlights.has('read-aloud'))).toBe(false);
		} finally {
			await mute.close();
		}
	});
});

test('the controls pass axe and fit a 375 px screen while reading, at every text size', async () => {
	const page = await open(QUIZ.path, { width: 375, size: 'largest' });
	expect(await page.evaluate(() => document.documentElement.dataset.size)).toBe('largest');
	await trigger(page, QUIZ.lesson.title).click();
	await waitForStarts(page, 1);
	await page.locator(`#q-${SINGLE.id}`).getByRole('button', { name: /^Read aloud/ }).click();
	const controls = player(page, `question ${number(SINGLE)}`);
	await controls.getByLabel('Voice').waitFor({ state: 'visible', timeout: 30_000 });
	await waitForStarts(page, (await started(page)).length + 1);
	await controls.getByRole('button', { name: 'Pause' }).click();
	// nothing wider than the screen, at the largest text size, the one below it and the default
	for (const size of ['largest', 'larger', '']) {
		await page.evaluate((size) => (size ? (document.documentElement.dataset.size = size) : delete document.documentElement.dataset.size), size);
		expect(await page.evaluate(() => document.documentElement.scrollWidth), `text size ${size || 'default'}`).toBeLessThanOrEqual(375);
		for (const panel of await page.locator('[data-read-aloud]').all()) {
			expect(await panel.evaluate((p) => p.scrollWidth <= p.clientWidth), `text size ${size || 'default'}`).toBe(true);
		}
	}
	const results = await runAxe(page);
	expect(results.passes.length).toBeGreaterThan(0);
	expect(results.violations.length, describeViolations(results)).toBe(0);
});
