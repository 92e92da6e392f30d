// @vitest-environment jsdom
/**
 * The QTI 3.0 package of the whole course, unzipped and read as XML: a manifest listing every
 * item and one assessment test per lesson, every file well-formed, every interaction bound to a
 * declared response, every item's feedback carrying its explanation and cited sentences. Whether
 * the items score right is the player's job: tests/e2e/qti3-player.test.ts. In jsdom, for its
 * DOMParser, which is strict about well-formed XML.
 */
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, test } from 'vitest';
import { select } from '../../../../src/lib/server/exports/course';
import { qtiPackage, README } from '../../../../src/lib/server/exports/package';
import { QTI_NS, qtiId } from '../../../../src/lib/server/exports/qti3';
import { course, fold } from './course';

let files: Record<string, string> = {};

/** The document, or a failure naming the file: jsdom's XML parser is strict about well-formedness. */
function xml(path: string): Document {
	const body = files[path];
	if (body === undefined) throw new Error(`${path} is not in the package`);
	const doc = new DOMParser().parseFromString(body, 'application/xml');
	const error = doc.getElementsByTagName('parsererror')[0];
	if (error) throw new Error(`${path} is not well-formed XML: ${error.textContent}`);
	return doc;
}

const all = (doc: Document | Element, tag: string) => [...doc.getElementsByTagName(tag)];

beforeAll(() => {
	const selected = select(course());
	if (!selected.ok) throw new Error(selected.message);
	files = Object.fromEntries(Object.entries(unzipSync(qtiPackage(course(), selected.selection))).map(([p, b]) => [p, strFromU8(b)]));
});

describe('QTI 3 package', () => {
	test('the manifest lists every item and one assessment test per lesson, each with its items', () => {
		const c = course();
		const manifest = xml('imsmanifest.xml');
		const resources = all(manifest, 'resource');
		const items = resources.filter((r) => r.getAttribute('type') === 'imsqti_item_xmlv3p0');
		const tests = resources.filter((r) => r.getAttribute('type') === 'imsqti_test_xmlv3p0');
		const lessons = c.modules.flatMap((m) => m.lessons);
		const questions = lessons.flatMap((l) => l.questions);
		expect(items).toHaveLength(questions.length);
		expect(tests).toHaveLength(lessons.length);
		for (const r of resources) {
			expect(files[r.getAttribute('href')!], `${r.getAttribute('href')} is in the zip`).toBeDefined();
			expect(all(r, 'file').map((f) => f.getAttribute('href'))).toContain(r.getAttribute('href'));
		}
		const byId = new Map(resources.map((r) => [r.getAttribute('identifier'), r]));
		lessons.forEach((lesson, i) => {
			const test = tests[i]!;
			const deps = all(test, 'dependency').map((d) => byId.get(d.getAttribute('identifierref'))?.getAttribute('href'));
			expect(deps).toEqual(lesson.questions.map((q) => `items/${qtiId(q.id)}.xml`));
			const refs = all(xml(test.getAttribute('href')!), 'qti-assessment-item-ref');
			expect(refs.map((r) => r.getAttribute('identifier'))).toEqual(lesson.questions.map((q) => qtiId(q.id)));
			// hrefs are relative to the test file
			for (const r of refs) expect(files[new URL(r.getAttribute('href')!, `file:///${test.getAttribute('href')}`).pathname.slice(1)]).toBeDefined();
		});
		// nothing in the zip that the manifest does not know
		expect(Object.keys(files).sort()).toEqual(['imsmanifest.xml', ...resources.map((r) => r.getAttribute('href')!)].sort());
		console.log(`QTI 3 package: ${items.length} items, ${tests.length} tests, ${Object.keys(files).length} files, all well-formed`);
	});

	test('every item is well-formed QTI 3: its interactions bound to declared responses, its feedback the proof', () => {
		const c = course();
		const problems: string[] = [];
		for (const q of c.modules.flatMap((m) => m.lessons.flatMap((l) => l.questions))) {
			const doc = xml(`items/${qtiId(q.id)}.xml`);
			const root = doc.documentElement;
			if (root.namespaceURI !== QTI_NS || root.localName !== 'qti-assessment-item') problems.push(`${q.id}: root is ${root.namespaceURI} ${root.localName}`);
			if (root.getAttribute('identifier') !== qtiId(q.id)) problems.push(`${q.id}: identifier ${root.getAttribute('identifier')}`);
			const declared = new Set(all(doc, 'qti-response-declaration').map((d) => d.getAttribute('identifier')));
			const bound = [...doc.querySelectorAll('[response-identifier]')].map((i) => i.getAttribute('response-identifier'));
			if (!bound.length) problems.push(`${q.id}: no interaction`);
			for (const id of bound) if (!declared.has(id)) problems.push(`${q.id}: interaction bound to undeclared ${id}`);
			if (!all(doc, 'qti-response-processing')[0]?.children.length) problems.push(`${q.id}: no response processing`);
			const feedback = fold(all(doc, 'qti-modal-feedback')[0]?.textContent ?? '');
			const cited = q.cite.flatMap((ci) => {
				const source = c.sources.find((s) => s.id === ci.source)!;
				return [source.title, ...ci.sentenceIds.map((id) => source.sentences[id - 1]!.text)];
			});
			for (const words of [q.explanation, ...cited]) if (!feedback.includes(fold(words))) problems.push(`${q.id}: feedback lacks "${words.slice(0, 50)}"`);
			if (!fold(root.textContent ?? '').includes(fold(q.prompt))) problems.push(`${q.id}: the prompt is missing`);
		}
		expect(problems).toEqual([]);
	});

	test('README.txt says how each type was mapped', () => {
		const types = new Set(course().modules.flatMap((m) => m.lessons.flatMap((l) => l.questions.map((q) => q.type))));
		for (const t of types) expect(files[README]).toMatch(new RegExp(`^- ${t}: `, 'm'));
		expect(files[README]).toMatch(/written: QTI cannot score writing/);
	});
});
