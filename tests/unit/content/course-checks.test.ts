import { describe, expect, it } from 'vitest';
import { COPIED_RUN, courseChecks, GRADE_RANGE, MIN_QUESTIONS_PER_SOURCE } from '../../../src/lib/content/course-checks';
import { formatProblem, loadContent, type ContentFile } from '../../../src/lib/content/load';
import { proseOf, readability } from '../../../src/lib/content/readability';

describe('readability', () => {
	it('measures only our prose: no headings, link targets or quotations', () => {
		const md = '## A heading\n\nThe envoy [talks](/glossary#envoy) to *mediators*. She said “a long quoted sentence here”.\n\n> a block quote';
		expect(proseOf(md)).toBe('The envoy talks to mediators. She said  .');
	});

	it('gives plain short sentences a low grade and long words in long sentences a high one', () => {
		const easy = readability('The cat sat on the mat. The dog ran to the door.');
		expect(easy).toMatchObject({ sentences: 2, words: 12, syllables: 12 });
		expect(easy.grade).toBeLessThan(2);
		const hard = readability(
			'International humanitarian organisations systematically facilitate confidential communication between governments, intermediaries and non-governmental representatives during protracted negotiations.'
		);
		expect(hard.grade).toBeGreaterThan(GRADE_RANGE.max);
	});
});

const sentences = Array.from({ length: 12 }, (_, i) => `Sentence number ${i + 1} says the envoy met mediators in a quiet room today.`);
const files = (body: string, questions = MIN_QUESTIONS_PER_SOURCE): ContentFile[] => [
	{ path: 'lessons/sources/900_x.txt', text: `A title\n\n${sentences.join(' ')}\n` },
	{ path: 'lessons/sources/900.yaml', text: 'id: "900"\nfile: 900_x.txt\ntitle: A title\ndate: null\nbyline: null\nabout: A test source.\n' },
	{ path: 'lessons/01-m/module.yaml', text: 'title: M\nsummary: S.\nobjectives: [O.]\n' },
	{
		path: 'lessons/01-m/01-l.svx',
		text: [
			'---',
			'title: L',
			'summary: S.',
			'objectives: [O.]',
			'questions:',
			...Array.from({ length: questions }, (_, i) =>
				[
					`  - id: q-${i}`,
					'    type: true-false',
					'    skill: recall',
					'    prompt: True or false?',
					'    answer: true',
					'    explanation: The article says so in one of its sentences.',
					`    cite: [{ source: "900", quote: "${sentences[i % 12]}" }]`
				].join('\n')
			),
			'---',
			'',
			body
		].join('\n')
	}
];

// about grade 9: sentences of some fifteen words, with a few longer words
const grade9 =
	'The envoy works with other governments to arrange talks about the release of hostages. ' +
	'Mediators carry messages between the two sides when they will not speak to each other directly.';

describe('courseChecks', () => {
	it('reports the grade of each lesson and passes a course that meets every rule', () => {
		const { content, problems } = loadContent(files(grade9));
		expect(problems).toEqual([]);
		const result = courseChecks(content);
		expect(result.problems).toEqual([]);
		expect(result.lessons[0]!.grade).toBeGreaterThanOrEqual(GRADE_RANGE.min);
		expect(result.lessons[0]!.grade).toBeLessThanOrEqual(GRADE_RANGE.max);
		expect(result.questionsPerSource.get('900')).toBe(MIN_QUESTIONS_PER_SOURCE);
	});

	it('names a source cited too rarely, prose at the wrong level and prose copied from an article', () => {
		const copied = `${grade9}\n\nAs the text puts it, ${sentences[3]!.toLowerCase()}`;
		const { content } = loadContent(files(copied, MIN_QUESTIONS_PER_SOURCE - 1));
		expect(courseChecks(content).problems.map(formatProblem)).toEqual([
			`lessons/sources/900_x.txt: cited by ${MIN_QUESTIONS_PER_SOURCE - 1} question(s); every source is cited by at least ${MIN_QUESTIONS_PER_SOURCE}`,
			`lessons/01-m/01-l.svx:${6 + 7 * (MIN_QUESTIONS_PER_SOURCE - 1) + 4}: prose copies an article ("sentence number 4 says the envoy met mediators…"): write it in our own words, or make it a question's quote`
		]);
		expect(COPIED_RUN).toBe(8);
		const easy = loadContent(files('We met. It was fun. We ran home.'));
		expect(courseChecks(easy.content).problems.map(formatProblem)).toEqual([
			expect.stringMatching(/^lessons\/01-m\/01-l\.svx:\d+: prose reads at US grade -?\d+\.\d \(Flesch–Kincaid\); aim for 8–11/)
		]);
	});
});
