/**
 * `npm run export -- --format gift|qti3 --out <file> [--module <module>] [--lesson <module>/<lesson>]`:
 * writes the questions of the course (or of one module or lesson) as GIFT for Moodle or as a
 * QTI 3.0 package, with the same writers the teacher's guide downloads use.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { formatProblem, loadContent } from '../lib/content/load';
import { readContentFiles } from '../lib/server/content/files';
import { FORMATS, isFormat, select } from '../lib/server/exports/course';
import { giftCount } from '../lib/server/exports/gift';
import { exportFile } from '../lib/server/exports/index';

const USAGE = `Usage:
  npm run export -- --format gift --out course.gift.txt
  npm run export -- --format qti3 --out course.zip
Options:
  --format ${FORMATS.join('|')}   GIFT (Moodle's text format) or a QTI 3.0 content package (zip)
  --out <file>          where to write it
  --module <module>     only this module, like intermediaries
  --lesson <m>/<l>      only this lesson, like intermediaries/qatar-and-egypt`;

function main(): number {
	let values;
	try {
		({ values } = parseArgs({
			args: process.argv.slice(2),
			options: { format: { type: 'string' }, out: { type: 'string' }, module: { type: 'string' }, lesson: { type: 'string' }, help: { type: 'boolean', short: 'h' } }
		}));
	} catch (e) {
		console.error(`${(e as Error).message}\n\n${USAGE}`);
		return 2;
	}
	if (values.help) {
		console.log(USAGE);
		return 0;
	}
	const bad = (message: string) => (console.error(`${message}\n\n${USAGE}`), 2);
	if (!values.format) return bad('Say which format: --format gift or --format qti3.');
	if (!isFormat(values.format)) return bad(`There is no format "${values.format}". Choose one of: ${FORMATS.join(', ')}.`);
	if (!values.out) return bad('Say where to write the file: --out <file>.');
	if (values.module && values.lesson) return bad('Give --module or --lesson, not both: --lesson names its module already.');
	const [moduleSlug, lessonSlug, ...rest] = values.lesson?.split('/') ?? [values.module];
	if (values.lesson && (!lessonSlug || rest.length)) return bad(`--lesson takes <module>/<lesson>, like intermediaries/qatar-and-egypt; got "${values.lesson}".`);

	const { content, problems } = loadContent(readContentFiles(process.cwd()));
	if (problems.length) {
		console.error(`The content under lessons/ has ${problems.length} problem(s); fix them first (npm run check:content):\n${problems.map(formatProblem).join('\n')}`);
		return 1;
	}
	const selected = select(content, moduleSlug, lessonSlug);
	if (!selected.ok) return bad(selected.message);
	const file = exportFile(values.format, content, selected.selection);
	writeFileSync(values.out, file.body);
	const n = values.format === 'gift' ? `${giftCount(selected.selection)} GIFT questions` : `${selected.selection.lessons.reduce((k, l) => k + l.lesson.questions.length, 0)} QTI items and ${selected.selection.lessons.length} tests`;
	console.log(`Wrote ${values.out}: ${n} from ${selected.selection.title} (${file.body.length.toLocaleString('en')} bytes).`);
	return 0;
}

process.exitCode = main();
