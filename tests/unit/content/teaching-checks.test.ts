/** Skills, two-part questions, repeats and the questions' reading level, over small made-up courses. */
import { describe, expect, it } from 'vitest';
import { formatProblem, loadContent, type ContentFile } from '../../../src/lib/content/load';
import { MAX_QUESTION_GRADE, questionText, teachingChecks, writtenPerModule } from '../../../src/lib/content/teaching-checks';

const sentences = Array.from({ length: 12 }, (_, i) => `Sentence ${i + 1} says the envoy met mediator number ${i + 1} today.`);
const source: ContentFile[] = [
	{ path: 'lessons/sources/900_x.txt', text: `A title\n\n${sentences.join(' ')}\n` },
	{ path: 'lessons/sources/900.yaml', text: 'id: "900"\nfile: 900_x.txt\ntitle: A title\ndate: null\nbyline: null\nabout: A test source.\n' },
	{ path: 'lessons/01-m/module.yaml', text: 'title: M\nsummary: S.\nobjectives: [O.]\n' }
];

interface Q {
	id: string;
	skill?: string;
	type?: 'true-false' | 'two-part';
	prompt?: string;
	sentence?: number;
	reuse?: string;
	explanation?: string;
}
const topics = ['Who carried the first message', 'Why the talks were slow', 'Which country hosted them', 'What the envoy could offer', 'When the pause began', 'How many people were freed', 'Where the mediators met', 'What the statement warned', 'Whose count is larger', 'Which report names him', 'How the writer knows', 'What changed in a year'];
const yamlOf = (q: Q) => {
	const s = q.sentence ?? 0;
	const lines = [
		`  - id: ${q.id}`,
		`    type: ${q.type ?? 'true-false'}`,
		`    skill: ${q.skill ?? 'inference'}`,
		`    prompt: "${q.prompt ?? `${topics[(Number(q.id.split('-')[1]) * 5 + q.id.charCodeAt(0)) % topics.length]}?`}"`,
		`    explanation: "${q.explanation ?? 'The text says so.'}"`,
		`    cite: [{ source: "900", quote: "${sentences[s]}" }]`
	];
	if (q.reuse) lines.push(`    reuse: ${q.reuse}`);
	if (q.type === 'two-part') {
		lines.push('    choices: [{ id: yes, text: "Yes, it is." }, { id: no, text: "No, it is not." }]', '    answer: yes', '    source: "900"', `    proving: ["${sentences[s]}"]`);
	} else lines.push('    answer: true');
	return lines.join('\n');
};
const lessonFile = (name: string, qs: Q[]): ContentFile => ({
	path: `lessons/01-m/${name}.svx`,
	text: ['---', 'title: L', 'summary: S.', 'objectives: [O.]', 'questions:', ...qs.map(yamlOf), '---', '', 'Prose.'].join('\n')
});
/** a lesson that meets every rule: one two-part and four questions beyond recall, each on its own sentence */
const good = (prefix: string, first: number): Q[] => [
	{ id: `${prefix}-1`, type: 'two-part', sentence: first },
	{ id: `${prefix}-2`, skill: 'compare', sentence: first + 1 },
	{ id: `${prefix}-3`, skill: 'evaluate', sentence: first + 2 },
	{ id: `${prefix}-4`, skill: 'inference', sentence: first + 3 },
	{ id: `${prefix}-5`, skill: 'recall', sentence: first + 4 }
];
const check = (...lessons: ContentFile[]) => {
	const { content, problems } = loadContent([...source, ...lessons]);
	expect(problems.map(formatProblem)).toEqual([]);
	return teachingChecks(content);
};

describe('teachingChecks', () => {
	it('passes lessons that meet every rule, and counts skills per lesson and for the course', () => {
		const r = check(lessonFile('01-a', good('a', 0)), lessonFile('02-b', good('b', 5)));
		expect(r.problems).toEqual([]);
		expect(r.course).toEqual({ recall: 2, inference: 4, compare: 2, evaluate: 2 });
		expect(r.twoPart).toBe(2);
		expect(r.lessons.map((l) => [l.path, l.skills.recall, l.twoPart])).toEqual([
			['lessons/01-m/01-a.svx', 1, 1],
			['lessons/01-m/02-b.svx', 1, 1]
		]);
		expect(r.repeats).toEqual([]);
	});

	it('names a lesson with too little reasoning or no two-part question, and a course that is mostly recall', () => {
		const recall = good('a', 0).map((q, i) => (i === 0 ? { ...q, type: 'true-false' as const } : { ...q, skill: i < 3 ? 'recall' : q.skill }));
		const r = check(lessonFile('01-a', recall));
		expect(r.problems.map(formatProblem)).toEqual([
			'lessons/01-m/01-a.svx: skills: 2 question(s) ask more than recall; every lesson has at least 4 (inference, compare or evaluate)',
			'lessons/01-m/01-a.svx: questions: no two-part question; every lesson has at least 1',
			'lessons: skills: 2 of 5 questions ask more than recall; at least 50 % of the course must'
		]);
	});

	it('flags two questions of one type citing the same sentences, and near-identical prompts, across lessons', () => {
		const a = good('a', 0);
		const b = good('b', 5);
		b[1] = { ...b[1]!, sentence: 1 }; // same type and sentence as a-2
		b[2] = { ...b[2]!, prompt: 'Which report names him!' }; // a-4's prompt but for its last character
		const r = check(lessonFile('01-a', a), lessonFile('02-b', b));
		expect(r.problems.map(formatProblem)).toEqual([
			'lessons/01-m/02-b.svx: question "b-2": repeats "a-2" (lessons/01-m/01-a.svx): same type and cited sentences. Test another fact, or give one of them a reuse: line saying why the repeat is deliberate',
			'lessons/01-m/02-b.svx: question "b-3": repeats "a-4" (lessons/01-m/01-a.svx): near-identical prompts. Test another fact, or give one of them a reuse: line saying why the repeat is deliberate'
		]);
	});

	it('does not flag a different type on the same sentence, and accepts a deliberate repeat with its reason', () => {
		const b = good('b', 5);
		b[0] = { ...b[0]!, sentence: 1 }; // two-part on a-2's sentence: another type
		b[1] = { ...b[1]!, sentence: 2, reuse: 'compares the fact of a-3 with another source' };
		const r = check(lessonFile('01-a', good('a', 0)), lessonFile('02-b', b));
		expect(r.problems).toEqual([]);
		expect(r.repeats).toEqual([
			{
				a: { id: 'a-3', path: 'lessons/01-m/01-a.svx' },
				b: { id: 'b-2', path: 'lessons/01-m/02-b.svx' },
				why: 'same type and cited sentences',
				reuse: 'compares the fact of a-3 with another source'
			}
		]);
	});

	it('measures the questions’ reading level over prompts, choices and explanations, without quotations', () => {
		const hard = 'Intergovernmental humanitarian organisations systematically facilitate confidential communication between belligerents.';
		const qs = good('a', 0).map((q) => ({ ...q, explanation: hard }));
		const { content } = loadContent([...source, lessonFile('01-a', qs)]);
		const r = teachingChecks(content);
		expect(r.lessons[0]!.questions.grade).toBeGreaterThan(MAX_QUESTION_GRADE);
		expect(r.problems.map(formatProblem)).toEqual([
			expect.stringMatching(/^lessons\/01-m\/01-a\.svx: questions \(prompts, choices, explanations\) read at US grade \d+\.\d \(Flesch–Kincaid\); at most 11/)
		]);
		const twoPart = content.modules[0]!.lessons[0]!.questions[0]!;
		expect(questionText(twoPart)).toContain('Yes, it is.');
		expect(questionText({ ...twoPart, prompt: 'She said “a long quoted phrase”.' })).not.toContain('quoted');
	});
});

describe('writtenPerModule', () => {
	it('names a module without a written question, and passes one with', () => {
		const plain = loadContent([...source, lessonFile('01-a', good('a', 0))]).content;
		expect(writtenPerModule(plain).map(formatProblem)).toEqual([
			'lessons/01-m/01-a.svx: questions: module "m" has no written question; every module has at least 1'
		]);
		const written = [
			'---',
			'title: W',
			'summary: S.',
			'objectives: [O.]',
			'questions:',
			'  - id: w-1',
			'    type: written',
			'    skill: evaluate',
			'    prompt: "Argue it from the report."',
			'    sources: ["900"]',
			'    rubric:',
			'      - { id: claim, name: Claim, levels: [{ points: 0, text: None }, { points: 2, text: Clear }] }',
			'      - { id: reasoning, name: Reasoning, levels: [{ points: 0, text: None }, { points: 2, text: Linked }] }',
			'    model: "A model answer."',
			`    proving: [{ source: "900", quote: "${sentences[11]}" }]`,
			'    explanation: "It rests on the sentence."',
			`    cite: [{ source: "900", quote: "${sentences[11]}" }]`,
			'---',
			'',
			'Prose.'
		].join('\n');
		const { content, problems } = loadContent([...source, lessonFile('01-a', good('a', 0)), { path: 'lessons/01-m/02-w.svx', text: written }]);
		expect(problems.map(formatProblem).filter((p) => !p.includes('at least'))).toEqual([]);
		expect(writtenPerModule(content)).toEqual([]);
		// the written question's proving sentence is resolved in its own article
		const w = content.modules[0]!.lessons[1]!.questions[0]!;
		expect(w.type === 'written' && w.proving).toEqual([{ source: '900', quote: sentences[11], sentenceIds: [13] }]); // s-1 is the title
	});
});
