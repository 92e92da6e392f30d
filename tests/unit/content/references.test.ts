/** Glossary, timeline, key terms, prose links and find-evidence keys: content that points at other content. */
import { describe, expect, it } from 'vitest';
import { formatProblem, loadContent, type ContentFile } from '../../../src/lib/content/load';

const source: ContentFile[] = [
	{ path: 'lessons/sources/900_x.txt', text: 'A title\n\nThe envoy sits in the State Department. He is busy.\n\nQatar passes messages.\n' },
	{ path: 'lessons/sources/900.yaml', text: 'id: "900"\nfile: 900_x.txt\ntitle: A title\ndate: null\nbyline: null\nabout: A test source.\n' }
];
const moduleFile: ContentFile = { path: 'lessons/01-first/module.yaml', text: 'title: First\nsummary: S.\nobjectives:\n  - Learn.\n' };

const single = (id: string) =>
	[
		`  - id: ${id}`,
		'    type: single',
		'    skill: recall',
		'    prompt: Where?',
		'    choices: [{ id: state, text: State }, { id: war, text: War }]',
		'    answer: state',
		'    explanation: The office is in the State Department.',
		'    cite: [{ source: "900", quote: "The envoy sits in the State Department." }]'
	].join('\n');

function lesson(opts: { keyTerms?: string; body?: string; extra?: string[] } = {}): ContentFile {
	return {
		path: 'lessons/01-first/01-the-envoy.svx',
		text: [
			'---',
			'title: A lesson',
			'summary: S.',
			'objectives: [Know it.]',
			...(opts.keyTerms ? [`keyTerms: ${opts.keyTerms}`] : []),
			'questions:',
			...[1, 2, 3, 4, 5].map((n) => single(`q-${n}`)),
			...(opts.extra ?? []),
			'---',
			'',
			opts.body ?? 'Prose.'
		].join('\n')
	};
}

const glossary: ContentFile = {
	path: 'lessons/glossary/00-core.yaml',
	text: [
		'- id: envoy',
		'  term: Envoy',
		'  kind: term',
		'  meaning: The official who leads the work.',
		'  cite: [{ source: "900", quote: "The envoy sits in the State Department." }]',
		'- id: qatar',
		'  term: Qatar',
		'  kind: actor',
		'  meaning: A mediator.',
		'  cite: [{ source: "900", quote: "Qatar passes messages." }]'
	].join('\n')
};

const timeline = (entries: string[]): ContentFile => ({ path: 'lessons/timeline.yaml', text: entries.join('\n') });
const event = (when: string, quote = 'Qatar passes messages.', lessons = '[the-envoy]') =>
	[`- when: "${when}"`, `  title: Something on ${when}`, '  text: Our words.', `  cite: [{ source: "900", quote: "${quote}" }]`, `  lessons: ${lessons}`].join('\n');

describe('glossary and key terms', () => {
	it('loads entries from every glossary file, sorted by term, and links lessons that list them', () => {
		const { content, problems } = loadContent([...source, moduleFile, glossary, lesson({ keyTerms: '[qatar, envoy]' })]);
		expect(problems).toEqual([]);
		expect(content.glossary.map((g) => [g.id, g.kind, g.lessons])).toEqual([
			['envoy', 'term', ['the-envoy']],
			['qatar', 'actor', ['the-envoy']]
		]);
		expect(content.glossary[0]!.cite[0]!.sentenceIds).toEqual([2]);
		expect(content.modules[0]!.lessons[0]!.keyTerms).toEqual(['qatar', 'envoy']);
	});

	it('names the lesson and line of an unknown key term, and a glossary quote that is not verbatim', () => {
		const badGlossary = { ...glossary, text: glossary.text.replace('Qatar passes messages.', 'Qatar passes notes.') };
		const { problems } = loadContent([...source, moduleFile, badGlossary, lesson({ keyTerms: '[envoy, mediator]' })]);
		expect(problems.map(formatProblem)).toEqual([
			'lessons/glossary/00-core.yaml:10: cite[0].quote is not verbatim in source 900; nearest real sentence s-4 (similarity 0.73): "Qatar passes messages."',
			'lessons/01-first/01-the-envoy.svx:5: keyTerms: no glossary entry has the id "mediator"'
		]);
	});

	it('refuses the same id in two glossary files and a bad kind, naming file and line', () => {
		const second: ContentFile = { path: 'lessons/glossary/02-more.yaml', text: glossary.text.replace('kind: actor', 'kind: country') };
		const { problems } = loadContent([...source, moduleFile, glossary, second, lesson()]);
		expect(problems.map(formatProblem)).toEqual([
			'lessons/glossary/02-more.yaml:8: [1].kind: kind must be term or actor',
			'lessons/glossary/02-more.yaml:1: glossary id "envoy" is also used in lessons/glossary/00-core.yaml'
		]);
	});

	it('checks links in lesson prose to the glossary, sources and lessons', () => {
		const body = [
			'See [the envoy](/glossary#envoy) and [a mediator](/glossary#mediator).',
			'',
			'Read [source 900](/sources/900?hl=2#s-2), [a lesson](/modules/first/the-envoy) and [nothing](/modules/first/none).'
		].join('\n');
		const { problems } = loadContent([...source, moduleFile, glossary, lesson({ body })]);
		expect(problems.map(formatProblem)).toEqual([
			'lessons/01-first/01-the-envoy.svx:48: link /glossary#mediator: no glossary entry has the id "mediator"',
			'lessons/01-first/01-the-envoy.svx:50: link /modules/first/none: no lesson "none" in module "first"'
		]);
	});
});

describe('timeline', () => {
	it('keeps events in the file order, with their quotes resolved', () => {
		const { content, problems } = loadContent([...source, moduleFile, glossary, lesson(), timeline([event('1997'), event('2025-03'), event('2025-03-06')])]);
		expect(problems).toEqual([]);
		expect(content.timeline.map((e) => [e.when, e.cite[0]!.sentenceIds])).toEqual([
			['1997', [4]],
			['2025-03', [4]],
			['2025-03-06', [4]]
		]);
	});

	it('names events out of order, bad dates and unknown lessons, each on its line', () => {
		const { problems } = loadContent([
			...source,
			moduleFile,
			glossary,
			lesson(),
			timeline([event('2025-03'), event('2015'), event('March 2025'), event('2023', 'Qatar passes messages.', '[no-such-lesson]')])
		]);
		expect(problems.map(formatProblem)).toEqual([
			'lessons/timeline.yaml:11: [2].when: when must be YYYY, YYYY-MM or YYYY-MM-DD, like "2025-03"',
			'lessons/timeline.yaml:6: when: "2015" comes before "2025-03" above it; list events earliest first',
			'lessons/timeline.yaml:20: lessons: no lesson has the slug "no-such-lesson"'
		]);
	});
});

describe('find-evidence questions', () => {
	const evidence = (src: string, proving: string, quote = proving) =>
		[
			'  - id: q-evidence',
			'    type: find-evidence',
			'    skill: recall',
			'    prompt: "Claim: Qatar carries messages."',
			`    source: "${src}"`,
			`    proving: ["${proving}"]`,
			'    explanation: One sentence says so directly.',
			`    cite: [{ source: "900", quote: "${quote}" }]`
		].join('\n');
	const problemsOf = (extra: string) => loadContent([...source, moduleFile, glossary, lesson({ extra: [extra] })]).problems.map(formatProblem);

	it('accepts a question whose proving sentence is a cited body sentence of the source it shows', () => {
		const { content, problems } = loadContent([...source, moduleFile, glossary, lesson({ extra: [evidence('900', 'Qatar passes messages.')] })]);
		expect(problems).toEqual([]);
		expect(content.modules[0]!.lessons[0]!.questions.at(-1)).toMatchObject({ type: 'find-evidence', source: '900' });
	});

	it('refuses an unknown source to show, and a proving sentence that is the title', () => {
		expect(problemsOf(evidence('901', 'Qatar passes messages.'))).toEqual([
			'lessons/01-first/01-the-envoy.svx:46: question "q-evidence": source: no source "901" to show (known: 900)'
		]);
		expect(problemsOf(evidence('900', 'A title'))).toEqual([
			'lessons/01-first/01-the-envoy.svx:51: question "q-evidence": proving[0]: s-1 is the title or a date line, not a sentence of the article a student can pick'
		]);
	});

	it('refuses a proving sentence that is not in the shown article, or that is not cited', () => {
		expect(problemsOf(evidence('900', 'Qatar passes notes.', 'Qatar passes messages.'))).toEqual([
			expect.stringMatching(
				/^lessons\/01-first\/01-the-envoy\.svx:51: question "q-evidence": proving\[0\] is not verbatim in the article the student is shown \(source 900\); nearest real sentence s-\d+ .*"Qatar passes messages\."$/
			)
		]);
		expect(problemsOf(evidence('900', 'Qatar passes messages.', 'He is busy.'))).toEqual([
			'lessons/01-first/01-the-envoy.svx:51: question "q-evidence": proving[0]: s-4 is not in cite; cite it too, so the feedback shows the sentence that proves the answer'
		]);
	});
});
