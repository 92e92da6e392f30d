/**
 * Turns the files under lessons/ into typed, cross-checked content. Pure: it is given the
 * files (read from disk by the CLI, bundled by Vite for the server) and returns the content
 * together with every problem found, so that an author sees all of them at once.
 */
import type { z } from 'zod';
import type { Question } from '../questions/registry';
import { matchQuote, similarity, type Nearest } from './citations';
import { lessonSchema, moduleSchema, questionSchema, sourceMetaSchema, type SourceMeta } from './schema';
import { splitSource, type Paragraph, type Sentence } from './sentences';
import { parseYaml, splitFrontmatter, type LocatedYaml } from './yaml';

export interface ContentFile {
	/** repository-relative, with forward slashes: lessons/01-x/02-y.svx */
	path: string;
	text: string;
}

export interface Problem {
	file: string;
	line?: number;
	question?: string;
	message: string;
}

export interface Source extends SourceMeta {
	path: string;
	text: string;
	paragraphs: Paragraph[];
	sentences: Sentence[];
}

export interface Citation {
	source: string;
	quote: string;
	sentenceIds: number[];
}

/** A question whose quotes are resolved to sentence ids (distributed over the union of types). */
export type LessonQuestion = Question extends infer Q ? (Q extends unknown ? Omit<Q, 'cite'> & { cite: Citation[] } : never) : never;

export interface Lesson {
	slug: string;
	module: string;
	path: string;
	title: string;
	summary: string;
	objectives: string[];
	keyTerms: { term: string; meaning: string }[];
	questions: LessonQuestion[];
	/** the Markdown body, for checks; pages render the compiled component */
	body: string;
}

export interface Module {
	slug: string;
	path: string;
	title: string;
	summary: string;
	objectives: string[];
	lessons: Lesson[];
}

export interface Content {
	modules: Module[];
	sources: Source[];
}

export const MIN_QUESTIONS_PER_LESSON = 5;

/** "03-talking-directly.svx" → "talking-directly": number prefixes order files but stay out of URLs. */
export const slugOf = (name: string) => name.replace(/\.[^.]+$/, '').replace(/^\d+[-_]/, '');

export function formatProblem(p: Problem): string {
	const where = p.line ? `${p.file}:${p.line}` : p.file;
	return `${where}: ${p.question ? `question "${p.question}": ` : ''}${p.message}`;
}

function schemaProblems(file: string, yaml: LocatedYaml, error: z.ZodError, data: unknown, prefix: PropertyKey[] = []): Problem[] {
	return error.issues.map((raw) => {
		const issue = { ...raw, path: [...prefix, ...raw.path] };
		const field = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '');
		const qIndex = issue.path[0] === 'questions' && typeof issue.path[1] === 'number' ? issue.path[1] : undefined;
		const qid = qIndex === undefined ? undefined : (data as { questions?: { id?: unknown }[] }).questions?.[qIndex]?.id;
		return {
			file,
			line: yaml.lineOf(issue.path),
			...(typeof qid === 'string' ? { question: qid } : {}),
			message: `${field || '(top level)'}: ${issue.message}`
		};
	});
}

const describeNearest = (n: Nearest | null) =>
	n
		? `nearest real sentence${n.ids.length > 1 ? 's' : ''} s-${n.ids.join(',')} (similarity ${n.score.toFixed(2)}): "${n.text}"`
		: 'the source has no citable sentence';

export function loadContent(files: readonly ContentFile[]): { content: Content; problems: Problem[] } {
	const problems: Problem[] = [];
	const byPath = new Map(files.map((f) => [f.path, f]));

	// Sources: a .txt (verbatim article) and a .yaml (what the text states about itself) each.
	const sources: Source[] = [];
	for (const f of files.filter((f) => /^lessons\/sources\/[^/]+\.ya?ml$/.test(f.path))) {
		const yaml = parseYaml(f.text);
		if (yaml.errors.length) {
			problems.push(...yaml.errors.map((e) => ({ file: f.path, line: e.line, message: e.message })));
			continue;
		}
		const parsed = sourceMetaSchema.safeParse(yaml.data);
		if (!parsed.success) {
			problems.push(...schemaProblems(f.path, yaml, parsed.error, yaml.data));
			continue;
		}
		const txtPath = `lessons/sources/${parsed.data.file}`;
		const txt = byPath.get(txtPath);
		if (!txt) {
			problems.push({ file: f.path, line: yaml.lineOf(['file']), message: `file: ${txtPath} does not exist` });
			continue;
		}
		const split = splitSource(txt.text, parsed.data.debris, parsed.data.metaLines);
		for (const rule of parsed.data.debris) {
			const line = 'line' in rule ? rule.line : rule.from;
			if (!split.paragraphs.some((p) => p.kind === 'debris' && p.sentences[0]?.text === line)) {
				problems.push({ file: f.path, line: yaml.lineOf(['debris']), message: `debris: no line of the text reads "${line}"` });
			}
		}
		sources.push({ ...parsed.data, path: txtPath, text: txt.text, ...split });
	}
	for (const f of files.filter((f) => /^lessons\/sources\/[^/]+\.txt$/.test(f.path))) {
		if (!sources.some((s) => s.path === f.path)) {
			problems.push({ file: f.path, message: 'this source has no metadata file (a .yaml naming it in file:)' });
		}
	}
	const seenSource = new Set<string>();
	for (const s of sources) {
		if (seenSource.has(s.id)) problems.push({ file: s.path, message: `source id "${s.id}" is used twice` });
		seenSource.add(s.id);
	}
	const sourceById = new Map(sources.map((s) => [s.id, s]));

	// Modules: lessons/<dir>/module.yaml, and the lessons beside it.
	const modules: Module[] = [];
	const moduleDirs = [
		...new Set(files.map((f) => /^lessons\/([^/]+)\/[^/]+\.(svx|ya?ml)$/.exec(f.path)?.[1]).filter((d) => d && d !== 'sources'))
	].sort() as string[];
	const questionOwner = new Map<string, string>();
	for (const dir of moduleDirs) {
		const metaPath = `lessons/${dir}/module.yaml`;
		const metaFile = byPath.get(metaPath);
		let meta: z.infer<typeof moduleSchema> | undefined;
		if (!metaFile) {
			problems.push({ file: `lessons/${dir}`, message: 'module.yaml is missing (title, summary, objectives)' });
		} else {
			const yaml = parseYaml(metaFile.text);
			problems.push(...yaml.errors.map((e) => ({ file: metaPath, line: e.line, message: e.message })));
			const parsed = yaml.errors.length ? undefined : moduleSchema.safeParse(yaml.data);
			if (parsed?.success) meta = parsed.data;
			else if (parsed) problems.push(...schemaProblems(metaPath, yaml, parsed.error, yaml.data));
		}
		const lessons: Lesson[] = [];
		const lessonFiles = files.filter((f) => f.path.startsWith(`lessons/${dir}/`) && f.path.endsWith('.svx'));
		for (const f of [...lessonFiles].sort((a, b) => a.path.localeCompare(b.path))) {
			const lesson = loadLesson(f, slugOf(dir), sourceById, problems);
			if (!lesson) continue;
			if (lessons.some((l) => l.slug === lesson.slug)) {
				problems.push({ file: f.path, message: `another lesson in this module has the slug "${lesson.slug}"` });
			}
			for (const q of lesson.questions) {
				const owner = questionOwner.get(q.id);
				if (owner) problems.push({ file: f.path, question: q.id, message: `question id is already used in ${owner}` });
				questionOwner.set(q.id, f.path);
			}
			lessons.push(lesson);
		}
		if (!lessonFiles.length) problems.push({ file: `lessons/${dir}`, message: 'this module has no lessons (.svx files)' });
		if (meta) modules.push({ slug: slugOf(dir), path: `lessons/${dir}`, ...meta, lessons });
	}
	const lessonSlugs = new Map<string, string>();
	for (const l of modules.flatMap((m) => m.lessons)) {
		const other = lessonSlugs.get(l.slug);
		if (other) problems.push({ file: l.path, message: `the lesson slug "${l.slug}" is also used by ${other}; lesson slugs are unique across the course` });
		lessonSlugs.set(l.slug, l.path);
	}
	return { content: { modules, sources }, problems };
}

function loadLesson(
	f: ContentFile,
	module: string,
	sourceById: Map<string, Source>,
	problems: Problem[]
): Lesson | undefined {
	const fm = splitFrontmatter(f.text);
	if (!fm) {
		problems.push({ file: f.path, line: 1, message: 'a lesson starts with a YAML frontmatter block between --- lines' });
		return undefined;
	}
	const yaml = parseYaml(fm.yaml, fm.yamlFirstLine);
	if (yaml.errors.length) {
		problems.push(...yaml.errors.map((e) => ({ file: f.path, line: e.line, message: `YAML: ${e.message}` })));
		return undefined;
	}
	const parsed = lessonSchema.safeParse(yaml.data);
	if (!parsed.success) {
		problems.push(...schemaProblems(f.path, yaml, parsed.error, yaml.data));
		return undefined;
	}
	const meta = parsed.data;
	if (meta.questions.length < MIN_QUESTIONS_PER_LESSON) {
		problems.push({
			file: f.path,
			line: yaml.lineOf(['questions']),
			message: `questions: a lesson ends with at least ${MIN_QUESTIONS_PER_LESSON} questions (has ${meta.questions.length})`
		});
	}
	const valid: { q: Question; qi: number }[] = [];
	meta.questions.forEach((raw, qi) => {
		const parsed = questionSchema.safeParse(raw);
		if (parsed.success) valid.push({ q: parsed.data, qi });
		else problems.push(...schemaProblems(f.path, yaml, parsed.error, yaml.data, ['questions', qi]));
	});
	const questions: LessonQuestion[] = valid.map(({ q, qi }) => {
		const cite = q.cite.map((c, ci): Citation => {
			const at = { file: f.path, line: yaml.lineOf(['questions', qi, 'cite', ci, 'quote']), question: q.id };
			const source = sourceById.get(c.source);
			if (!source) {
				const known = [...sourceById.keys()].join(', ');
				problems.push({ ...at, line: yaml.lineOf(['questions', qi, 'cite', ci, 'source']), message: `cite[${ci}].source: no source "${c.source}" (known: ${known})` });
				return { ...c, sentenceIds: [] };
			}
			const match = matchQuote(c.quote, source.sentences);
			if (match.ok) {
				if (similarity(q.explanation, c.quote) > 0.8) {
					problems.push({ ...at, message: 'explanation: write it in our own words, not as a copy of the quote' });
				}
				return { ...c, sentenceIds: match.ids };
			}
			const why = {
				'not-verbatim': `is not verbatim in source ${source.id}`,
				partial: `is only part of a sentence of source ${source.id}; quote whole sentences`,
				debris: `cites page debris of source ${source.id}, which is not part of the article`
			}[match.reason];
			problems.push({ ...at, message: `cite[${ci}].quote ${why}; ${describeNearest(match.nearest)}` });
			return { ...c, sentenceIds: [] };
		});
		return { ...q, cite } as LessonQuestion;
	});
	return {
		slug: slugOf(f.path.split('/').pop()!),
		module,
		path: f.path,
		title: meta.title,
		summary: meta.summary,
		objectives: meta.objectives,
		keyTerms: meta.keyTerms,
		questions,
		body: fm.body
	};
}
