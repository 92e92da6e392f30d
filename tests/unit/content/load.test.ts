import { describe, expect, it } from 'vitest';
import { formatProblem, loadContent, slugOf, type ContentFile } from '../../../src/lib/content/load';
import { readContentFiles } from '../../../src/lib/server/content/files';

const sourceFiles: ContentFile[] = [
	{ path: 'lessons/sources/900_x.txt', text: 'A title\n\nThe envoy sits in the State Department. He is busy.\n\nsource site\n' },
	{
		path: 'lessons/sources/900.yaml',
		text: 'id: "900"\nfile: 900_x.txt\ntitle: A title\ndate: null\nbyline: null\nabout: A test source.\ndebris:\n  - line: source site\n    why: leftover link\n'
	}
];

const moduleFile: ContentFile = {
	path: 'lessons/01-first/module.yaml',
	text: 'title: First\nsummary: The first module.\nobjectives:\n  - Learn.\n'
};

function question(id: string, quote = 'The envoy sits in the State Department.', extra = '') {
	return [
		`  - id: ${id}`,
		`    type: single`,
		`    skill: recall`,
		`    prompt: Where does the envoy sit?`,
		`    choices:`,
		`      - { id: state, text: The State Department }`,
		`      - { id: pentagon, text: The Pentagon }`,
		`    answer: state`,
		`    explanation: The office is part of the State Department.`,
		`    cite:`,
		`      - source: "900"`,
		`        quote: "${quote}"`,
		extra
	]
		.filter(Boolean)
		.join('\n');
}

function lesson(path: string, questions: string[]): ContentFile {
	return {
		path,
		text: ['---', 'title: A lesson', 'summary: About the envoy.', 'objectives:', '  - Know it.', 'questions:', ...questions, '---', '', 'Prose.'].join('\n')
	};
}

const five = (prefix: string) => [1, 2, 3, 4, 5].map((n) => question(`${prefix}-${n}`));

describe('loadContent', () => {
	it('loads modules, lessons and sources and resolves quotes to sentence ids', () => {
		const { content, problems } = loadContent([...sourceFiles, moduleFile, lesson('lessons/01-first/01-the-envoy.svx', five('q'))]);
		expect(problems).toEqual([]);
		expect(content.modules).toHaveLength(1);
		const [m] = content.modules;
		expect(m).toMatchObject({ slug: 'first', title: 'First' });
		expect(m?.lessons[0]).toMatchObject({ slug: 'the-envoy', module: 'first' });
		expect(m?.lessons[0]?.questions[0]?.cite[0]?.sentenceIds).toEqual([2]);
		expect(content.sources[0]?.sentences.find((s) => s.text === 'source site')?.citable).toBe(false);
	});

	it('names the file, line, question and nearest sentence for a quote that is not verbatim', () => {
		const qs = five('q');
		qs[2] = question('q-3', 'The envoy sits in the State Departmant.');
		const { problems } = loadContent([...sourceFiles, moduleFile, lesson('lessons/01-first/01-the-envoy.svx', qs)]);
		expect(problems).toHaveLength(1);
		const line = formatProblem(problems[0]!);
		expect(line).toMatch(/^lessons\/01-first\/01-the-envoy\.svx:\d+: question "q-3": cite\[0\]\.quote is not verbatim in source 900/);
		expect(line).toContain('nearest real sentence s-2 (similarity 0.97): "The envoy sits in the State Department."');
		// the line number points at the quote itself (line 1 is the opening ---)
		const text = lesson('x', qs).text.split('\n');
		expect(text[problems[0]!.line! - 1]).toContain('Departmant');
	});

	it('lists every problem at once: schema errors with field and line, partial quotes, debris, unknown sources', () => {
		const qs = five('q');
		qs[0] = question('q-1', 'He is');
		qs[1] = question('q-2', 'source site');
		qs[2] = question('q-3').replace('source: "900"', 'source: "901"');
		qs[3] = question('q-4').replace('answer: state', 'answer: justice');
		qs[4] = question('q-5').replace('type: single', 'type: essay');
		const { problems } = loadContent([...sourceFiles, moduleFile, lesson('lessons/01-first/01-the-envoy.svx', qs)]);
		const lines = problems.map(formatProblem);
		expect(lines).toHaveLength(5);
		expect(lines.join('\n')).toMatch(/question "q-1": cite\[0\]\.quote is only part of a sentence/);
		expect(lines.join('\n')).toMatch(/question "q-2": cite\[0\]\.quote cites page debris/);
		expect(lines.join('\n')).toMatch(/question "q-3": cite\[0\]\.source: no source "901" \(known: 900\)/);
		expect(lines.join('\n')).toMatch(/:\d+: question "q-4": questions\[3\]\.answer: answer must be the id of one of the choices/);
		expect(lines.join('\n')).toMatch(/:\d+: question "q-5": questions\[4\]\.type: type must be one of: single, multiple, true-false/);
	});

	it('reports YAML syntax errors with their line, and a missing frontmatter', () => {
		const broken: ContentFile = { path: 'lessons/01-first/02-broken.svx', text: '---\ntitle: [unclosed\n---\nProse' };
		const bare: ContentFile = { path: 'lessons/01-first/03-bare.svx', text: 'Just prose.' };
		const { problems } = loadContent([...sourceFiles, moduleFile, lesson('lessons/01-first/01-ok.svx', five('q')), broken, bare]);
		expect(problems.map((p) => [p.file, p.line])).toEqual(
			expect.arrayContaining([
				['lessons/01-first/02-broken.svx', expect.any(Number)],
				['lessons/01-first/03-bare.svx', 1]
			])
		);
		expect(problems.find((p) => p.file.endsWith('02-broken.svx'))?.message).toMatch(/^YAML:/);
	});

	it('checks references across files: duplicate question ids, missing module.yaml, too few questions', () => {
		const { problems } = loadContent([
			...sourceFiles,
			moduleFile,
			lesson('lessons/01-first/01-a.svx', five('q')),
			lesson('lessons/01-first/02-b.svx', [question('q-1')]),
			lesson('lessons/02-orphan/01-c.svx', five('r'))
		]);
		const text = problems.map(formatProblem).join('\n');
		expect(text).toContain('02-b.svx: question "q-1": question id is already used in lessons/01-first/01-a.svx');
		expect(text).toMatch(/02-b\.svx:\d+: questions: a lesson ends with at least 5 questions \(has 1\)/);
		expect(text).toContain('lessons/02-orphan: module.yaml is missing');
	});

	it('rejects an explanation that copies its quote', () => {
		const qs = five('q');
		qs[0] = question('q-1').replace(
			'explanation: The office is part of the State Department.',
			'explanation: The envoy sits in the State Department.'
		);
		const { problems } = loadContent([...sourceFiles, moduleFile, lesson('lessons/01-first/01-a.svx', qs)]);
		expect(problems.map(formatProblem)).toEqual([expect.stringMatching(/question "q-1": explanation: write it in our own words/)]);
	});

	it('requires a metadata file for every source text and a real line for each debris rule', () => {
		const { problems } = loadContent([
			{ path: 'lessons/sources/901_y.txt', text: 'T\nText.' },
			{ ...sourceFiles[1]!, text: sourceFiles[1]!.text.replace('line: source site', 'line: not in the text') },
			sourceFiles[0]!
		]);
		const text = problems.map(formatProblem).join('\n');
		expect(text).toContain('lessons/sources/901_y.txt: this source has no metadata file');
		expect(text).toMatch(/900\.yaml:\d+: debris: no line of the text reads "not in the text"/);
	});
});

describe('slugOf', () => {
	it('drops number prefixes and extensions', () => {
		expect(slugOf('03-talking-directly.svx')).toBe('talking-directly');
		expect(slugOf('01-who-talks-to-whom')).toBe('who-talks-to-whom');
	});
});

describe('the course in lessons/', () => {
	it('loads with no problems, every lesson has at least 5 questions, and module 1 cites 000, 001, 003 and 004', () => {
		const { content, problems } = loadContent(readContentFiles(process.cwd()));
		expect(problems.map(formatProblem)).toEqual([]);
		expect(content.sources.map((s) => s.id)).toEqual(['000', '001', '002', '003', '004']);
		for (const l of content.modules.flatMap((m) => m.lessons)) expect(l.questions.length).toBeGreaterThanOrEqual(5);
		const cited = new Set(content.modules[0]!.lessons.flatMap((l) => l.questions.flatMap((q) => q.cite.map((c) => c.source))));
		for (const id of ['000', '001', '003', '004']) expect(cited).toContain(id);
	});
});
