/**
 * A QTI 3.0 content package: a zip with imsmanifest.xml, an item per question, an assessment
 * test per lesson and README.txt (the notes). Pure: content in, bytes out.
 */
import { strToU8, zipSync, type Zippable } from 'fflate';
import { questionsOf, type Course, type Selection } from './course';
import { notes } from './notes';
import { itemHref, itemXml, qtiId, testHref, testId, testXml } from './qti3';
import { el, XML_DECLARATION } from './xml';

const CP_NS = 'http://www.imsglobal.org/xsd/qti/qtiv3p0/imscp_v1p1';
const CP_XSD = 'https://purl.imsglobal.org/spec/qti/v3p0/schema/xsd/imsqtiv3p0_imscpv1p2_v1p0.xsd';
export const README = 'README.txt';

const resource = (identifier: string, type: string, href: string, dependencies: string[] = []) =>
	el('resource', { identifier, type, href }, el('file', { href }), ...dependencies.map((d) => el('dependency', { identifierref: d })));

const itemResource = (id: string) => `item-${qtiId(id)}`;

export function manifestXml(selection: Selection): string {
	const items = questionsOf(selection).map((q) => resource(itemResource(q.id), 'imsqti_item_xmlv3p0', itemHref(q)));
	const tests = selection.lessons.map(({ lesson }) =>
		resource(testId(lesson), 'imsqti_test_xmlv3p0', testHref(lesson), lesson.questions.map((q) => itemResource(q.id)))
	);
	return (
		XML_DECLARATION +
		el(
			'manifest',
			{ xmlns: CP_NS, 'xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance', 'xsi:schemaLocation': `${CP_NS} ${CP_XSD}`, identifier: qtiId(selection.name) },
			el('metadata', {}, el('schema', {}, 'QTI Package'), el('schemaversion', {}, '3.0.0')),
			el('organizations'),
			el('resources', {}, ...tests, ...items, resource('notes', 'webcontent', README))
		) +
		'\n'
	);
}

/** The package's files by path, before zipping. */
export function packageFiles(course: Course, selection: Selection, generated = new Date()): Record<string, string> {
	const files: Record<string, string> = {
		'imsmanifest.xml': manifestXml(selection),
		[README]: `${notes('qti3', selection, generated).join('\n')}\n`
	};
	for (const { lesson } of selection.lessons) {
		files[testHref(lesson)] = testXml(lesson);
		for (const q of lesson.questions) files[itemHref(q)] = itemXml(q, course);
	}
	return files;
}

export function qtiPackage(course: Course, selection: Selection, generated = new Date()): Uint8Array {
	const files = packageFiles(course, selection, generated);
	const zippable: Zippable = {};
	for (const [path, body] of Object.entries(files)) zippable[path] = [strToU8(body), { mtime: generated }];
	return zipSync(zippable, { level: 6 });
}
