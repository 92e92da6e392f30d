/**
 * The teacher's guide: every lesson's guide has every question with its key, explanation, skill
 * and cited sentences, for any teacher; students get 403 and guests are sent to log in. The
 * worksheet and the answer key are printed to PDF in chromium and read back with pdftotext: the
 * worksheet has every prompt and no key, the answer key has every key. Course pages show teachers
 * (only) a link to the guide. Screenshots of the guide at 1280 and 375 px and of a worksheet page.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, test } from 'vitest';
import type { LessonQuestion } from '../../src/lib/content/load';
import { allLessons, baseURL, citedText, fold, getPage, newStudent, newTeacher, overflow, rightAnswer, signUpByPost, signUpTeacherByPost } from './content';
import { expectAxeClean, printedText, SHOTS, usePages } from './pages';

const work = mkdtempSync(join(tmpdir(), 'bc-guide-'));
const openPage = usePages();
let teacherCookie = '';
let studentCookie = '';

// the lesson with the most kinds of question: the worksheet must lay out each kind
const richest = [...allLessons()].sort((a, b) => new Set(b.lesson.questions.map((q) => q.type)).size - new Set(a.lesson.questions.map((q) => q.type)).size)[0]!;
const GUIDE = `/teacher/lessons/${richest.module.slug}/${richest.lesson.slug}`;

beforeAll(async () => {
	teacherCookie = await signUpTeacherByPost(newTeacher('guide'));
	studentCookie = await signUpByPost(newStudent('guide'));
});
const teacherPage = (width = 1280): Promise<Page> => openPage(true, teacherCookie, width);

/** HTML as text, the way a reader sees it: tags dropped, entities decoded, spaces folded. */
const textOf = (html: string) =>
	fold(
		html
			.replace(/<script[\s\S]*?<\/script>/g, ' ')
			.replace(/<[^>]+>/g, ' ')
			.replace(/&quot;/g, '"')
			.replace(/&#39;|&#x27;/g, "'")
			.replace(/&amp;/g, '&')
			.replace(/&lt;/g, '<')
			.replace(/&gt;/g, '>')
	);

/** What a key looks like in words, worked out from the lesson file here (not from the app). */
function keyWords(q: LessonQuestion): string[] {
	switch (q.type) {
		case 'single':
		case 'multiple':
			return q.choices.filter((c) => rightAnswer(q).includes(c.id)).map((c) => c.text);
		case 'true-false':
			return [q.answer ? 'True' : 'False'];
		case 'numeric':
			return [String(q.answer)];
		case 'ordering':
			return q.items.map((i) => i.text);
		case 'matching':
			return q.pairs.flatMap((p) => [p.left, p.right]);
		case 'find-evidence':
			return q.proving.flatMap((p) => p.sentenceIds.map(String));
		case 'two-part':
			return [q.choices.find((c) => c.id === q.answer)!.text, ...q.proving.flatMap((p) => p.sentenceIds.map(String))];
		case 'written':
			// the model answer's opening words
			return [q.model.split(/\s+/).slice(0, 5).join(' ')];
	}
}

/** The page printed to PDF by chromium, as text (pdftotext); also the first page as a PNG. */
async function printed(page: Page, name: string): Promise<string> {
	const pdf = join(work, `${name}.pdf`);
	const text = await printedText(page, pdf);
	execFileSync('pdftoppm', ['-png', '-r', '70', '-f', '1', '-l', '1', '-singlefile', pdf, join(work, name)]);
	renameSync(join(work, `${name}.png`), `${SHOTS}/${name}-pdf-page1.png`);
	return fold(text);
}

describe("the teacher's guide", () => {
	test('every lesson: each question with its key, explanation, skill and cited sentences', async () => {
		for (const { module, lesson } of allLessons()) {
			const res = await getPage(`/teacher/lessons/${module.slug}/${lesson.slug}`, teacherCookie);
			expect(res.status, `${lesson.slug}`).toBe(200);
			const text = textOf(res.text);
			for (const q of lesson.questions) {
				expect(text, `${lesson.slug} ${q.id} prompt`).toContain(fold(q.prompt));
				expect(text, `${lesson.slug} ${q.id} explanation`).toContain(fold(q.explanation));
				for (const words of keyWords(q)) expect(text, `${lesson.slug} ${q.id} key`).toContain(fold(words));
				for (const c of q.cite) {
					expect(text, `${lesson.slug} ${q.id} cited`).toContain(fold(citedText(c)));
					expect(res.text).toContain(`/sources/${c.source}?hl=${c.sentenceIds.join(',')}#s-${c.sentenceIds[0]}`);
				}
			}
		}
	});

	test('a student gets 403 and nothing of it; a guest is sent to log in; an unknown lesson is 404', async () => {
		const asStudent = await getPage(GUIDE, studentCookie);
		expect(asStudent.status).toBe(403);
		for (const q of richest.lesson.questions) expect(asStudent.text).not.toContain(fold(q.explanation).slice(0, 60));
		const data = await getPage(`${GUIDE}/__data.json`, studentCookie);
		expect(data.text).not.toContain(richest.lesson.questions[0]!.explanation.slice(0, 60));
		const guest = await getPage(GUIDE);
		expect(guest.status).toBe(303);
		expect(guest.location).toBe(`/login?next=${encodeURIComponent(GUIDE)}`);
		expect((await getPage(`/teacher/lessons/${richest.module.slug}/no-such-lesson`, teacherCookie)).status).toBe(404);
	});

	test('course pages link teachers, and only teachers, to the guide', async () => {
		const link = `href="${GUIDE}"`;
		const lessonPage = `/modules/${richest.module.slug}/${richest.lesson.slug}`;
		for (const path of ['/', `/modules/${richest.module.slug}`, lessonPage]) {
			expect((await getPage(path, teacherCookie)).text, path).toContain(link);
			expect((await getPage(path, studentCookie)).text, path).not.toContain('/teacher/lessons/');
			expect((await getPage(path)).text, path).not.toContain('/teacher/lessons/');
		}
		const moduleGuide = await getPage(`/teacher/lessons/${richest.module.slug}`, teacherCookie);
		expect(moduleGuide.status).toBe(200);
		for (const l of richest.module.lessons) expect(moduleGuide.text).toContain(`/teacher/lessons/${richest.module.slug}/${l.slug}?print=worksheet`);
	});

	test('the worksheet, printed: every prompt and answer space, no key, no explanation', async () => {
		const page = await teacherPage();
		await page.goto(`${baseURL()}${GUIDE}?print=worksheet`);
		const text = await printed(page, 'worksheet');
		for (const q of richest.lesson.questions) {
			expect(text, q.id).toContain(fold(q.prompt));
			expect(text, `${q.id} explanation`).not.toContain(fold(q.explanation).slice(0, 50));
		}
		expect(text).not.toContain('Answer:');
		expect(text).not.toContain('Why:');
		expect(text).toContain('Name:');
		// the article for the evidence questions is printed with its sentence numbers
		const evidence = richest.lesson.questions.find((q) => q.type === 'find-evidence' || q.type === 'two-part');
		if (evidence && 'source' in evidence) expect(text).toMatch(/\[\d+\]/);
		// the site around it stays off the paper
		expect(text).not.toContain('Printable answer key');
	});

	test('the answer key, printed: every key', async () => {
		const page = await teacherPage();
		await page.goto(`${baseURL()}${GUIDE}?print=key`);
		const text = await printed(page, 'answer-key');
		for (const q of richest.lesson.questions) for (const words of keyWords(q)) expect(text, q.id).toContain(fold(words));
	});

	// one test per page and width: four axe runs and screenshots in one test came within seconds
	// of the time limit on a loaded machine, and one run went over it
	describe.each([1280, 375])('at %i px', (width) => {
		test.each([GUIDE, `${GUIDE}?print=worksheet`, `${GUIDE}?print=key`, `/teacher/lessons/${richest.module.slug}`])('%s is axe clean and fits', async (path) => {
			const page = await teacherPage(width);
			await page.goto(`${baseURL()}${path}`);
			await expectAxeClean(page);
			const o = await overflow(page);
			expect(o.scrollWidth, o.wide.join(', ')).toBeLessThanOrEqual(o.clientWidth);
		});

		test('screenshots of the guide and the worksheet', async () => {
			const page = await teacherPage(width);
			await page.goto(`${baseURL()}${GUIDE}`);
			await page.screenshot({ path: `${SHOTS}/guide-${width}.png`, fullPage: width === 375 ? false : true });
			await page.goto(`${baseURL()}${GUIDE}?print=worksheet`);
			await page.screenshot({ path: `${SHOTS}/worksheet-${width}.png` });
		});
	});
});
