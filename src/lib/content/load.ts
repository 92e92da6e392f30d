/**
 * Turns the files under lessons/ into typed, cross-checked content. Pure: it is given the
 * files (read from disk by the CLI, bundled by Vite for the server) and returns the content
 * together with every problem found, so that an author sees all of them at once.
 */
import type { z } from 'zod';
import type { ResolvedCite, ResolvedProof } from '../questions/common';
import type { AuthoredQuestion, Question } from '../questions/registry';
import { matchQuote, similarity, type Nearest } from './citations';
import {
	glossarySchema,
	lessonSchema,
	moduleSchema,
	questionSchema,
	sourceMetaSchema,
	timelineSchema,
	type SourceMeta
} from './schema';
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

export type Citation = ResolvedCite;

/** A question whose quotes are resolved to sentence ids. */
export type LessonQuestion = Question;

export interface Lesson {
	slug: string;
	module: string;
	path: string;
	title: string;
	summary: string;
	objectives: string[];
	/** glossary ids */
	keyTerms: string[];
	questions: LessonQuestion[];
	/** the Markdown body, for checks; pages render the compiled component */
	body: string;
	/** the line of the file where the body starts */
	bodyFirstLine: number;
}

export interface Module {
	slug: string;
	path: string;
	title: string;
	summary: string;
	objectives: string[];
	lessons: Lesson[];
}

export interface GlossaryEntry {
	id: string;
	term: string;
	kind: 'term' | 'actor';
	meaning: string;
	cite: Citation[];
	path: string;
	/** slugs of the lessons listing it as a key term, in course order */
	lessons: string[];
}

export interface TimelineEntry {
	/** YYYY, YYYY-MM or YYYY-MM-DD */
	when: string;
	title: string;
	text: string;
	cite: Citation[];
	lessons: string[];
}

export interface Content {
	modules: Module[];
	sources: Source[];
	glossary: GlossaryEntry[];
	timeline: TimelineEntry[];
}

/** Folders under lessons/ that are not modules. */
const NOT_MODULES = new Set(['sources', 'glossary']);
export const GLOSSARY_FILE = /^lessons\/glossary\/[^/]+\.ya?ml$/;
export const TIMELINE_FILE = 'lessons/timeline.yaml';

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
		...new Set(files.map((f) => /^lessons\/([^/]+)\/[^/]+\.(svx|ya?ml)$/.exec(f.path)?.[1]).filter((d) => d && !NOT_MODULES.has(d)))
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
	const glossary = loadGlossary(files, sourceById, problems);
	const timeline = loadTimeline(byPath.get(TIMELINE_FILE), sourceById, problems);
	checkReferences({ modules, sources, glossary, timeline }, files, problems);
	return { content: { modules, sources, glossary, timeline }, problems };
}

/** Quotes proved against their sources; a problem (file, line, question) for each that is not. */
function resolveCites(
	cites: readonly { source: string; quote: string }[],
	at: { file: string; question?: string; lineOf: (ci: number, field: 'source' | 'quote') => number },
	sourceById: Map<string, Source>,
	problems: Problem[]
): Citation[] {
	return cites.map((c, ci): Citation => {
		const where = { file: at.file, ...(at.question ? { question: at.question } : {}) };
		const source = sourceById.get(c.source);
		if (!source) {
			const known = [...sourceById.keys()].join(', ');
			problems.push({ ...where, line: at.lineOf(ci, 'source'), message: `cite[${ci}].source: no source "${c.source}" (known: ${known})` });
			return { ...c, sentenceIds: [] };
		}
		const match = matchQuote(c.quote, source.sentences);
		if (match.ok) return { ...c, sentenceIds: match.ids };
		const why = {
			'not-verbatim': `is not verbatim in source ${source.id}`,
			partial: `is only part of a sentence of source ${source.id}; quote whole sentences`,
			debris: `cites page debris of source ${source.id}, which is not part of the article`
		}[match.reason];
		problems.push({ ...where, line: at.lineOf(ci, 'quote'), message: `cite[${ci}].quote ${why}; ${describeNearest(match.nearest)}` });
		return { ...c, sentenceIds: [] };
	});
}

/** Reads a YAML file that holds a list, validating each item on its own so one bad entry hides no other. */
function loadList<T>(f: ContentFile, schema: z.ZodType<T>, problems: Problem[]): { item: T; index: number; lineOf: (path: PropertyKey[]) => number }[] {
	const yaml = parseYaml(f.text);
	if (yaml.errors.length) {
		problems.push(...yaml.errors.map((e) => ({ file: f.path, line: e.line, message: `YAML: ${e.message}` })));
		return [];
	}
	if (!Array.isArray(yaml.data)) {
		problems.push({ file: f.path, line: 1, message: 'this file holds a list of entries, each starting with "- "' });
		return [];
	}
	const out: { item: T; index: number; lineOf: (path: PropertyKey[]) => number }[] = [];
	yaml.data.forEach((raw, index) => {
		const parsed = schema.safeParse(raw);
		if (parsed.success) out.push({ item: parsed.data, index, lineOf: (path) => yaml.lineOf([index, ...path]) });
		else problems.push(...schemaProblems(f.path, yaml, parsed.error, yaml.data, [index]));
	});
	return out;
}

function loadGlossary(files: readonly ContentFile[], sourceById: Map<string, Source>, problems: Problem[]): GlossaryEntry[] {
	const entries: GlossaryEntry[] = [];
	for (const f of files.filter((f) => GLOSSARY_FILE.test(f.path)).sort((a, b) => a.path.localeCompare(b.path))) {
		for (const { item, lineOf } of loadList(f, glossarySchema, problems)) {
			const other = entries.find((e) => e.id === item.id);
			if (other) problems.push({ file: f.path, line: lineOf(['id']), message: `glossary id "${item.id}" is also used in ${other.path}` });
			const cite = resolveCites(item.cite, { file: f.path, lineOf: (ci, field) => lineOf(['cite', ci, field]) }, sourceById, problems);
			entries.push({ ...item, cite, path: f.path, lessons: [] });
		}
	}
	return entries.sort((a, b) => a.term.localeCompare(b.term, 'en', { sensitivity: 'base' }));
}

function loadTimeline(f: ContentFile | undefined, sourceById: Map<string, Source>, problems: Problem[]): TimelineEntry[] {
	if (!f) return [];
	const entries = loadList(f, timelineSchema, problems).map(({ item, lineOf }) => ({
		...item,
		cite: resolveCites(item.cite, { file: f.path, lineOf: (ci, field) => lineOf(['cite', ci, field]) }, sourceById, problems),
		line: lineOf(['when'])
	}));
	// written earliest first; keep it so, since the page shows the file's order
	for (let i = 1; i < entries.length; i++) {
		const [a, b] = [entries[i - 1]!, entries[i]!];
		if (b.when < a.when.slice(0, b.when.length)) {
			problems.push({ file: f.path, line: b.line, message: `when: "${b.when}" comes before "${a.when}" above it; list events earliest first` });
		}
	}
	return entries.map(({ line: _line, ...e }) => e);
}

/** Links between content, checked once everything is loaded. */
function checkReferences(content: Content, files: readonly ContentFile[], problems: Problem[]) {
	const glossaryById = new Map(content.glossary.map((g) => [g.id, g]));
	const lessons = content.modules.flatMap((m) => m.lessons);
	const lessonSlugs = new Set(lessons.map((l) => l.slug));
	const byPath = new Map(files.map((f) => [f.path, f]));
	for (const lesson of lessons) {
		const file = byPath.get(lesson.path)!;
		const lineOfTerm = (id: string) => {
			const i = file.text.split('\n').findIndex((l) => new RegExp(`\\b${id}\\b`).test(l) && !/^\s*#/.test(l));
			return i < 0 ? undefined : i + 1;
		};
		for (const id of lesson.keyTerms) {
			const entry = glossaryById.get(id);
			if (entry) entry.lessons.push(lesson.slug);
			else problems.push({ file: lesson.path, line: lineOfTerm(id), message: `keyTerms: no glossary entry has the id "${id}"` });
		}
		lesson.body.split('\n').forEach((text, i) => {
			for (const m of text.matchAll(/\]\((\/[^)\s]*)\)/g)) {
				const problem = brokenLink(m[1]!, content, glossaryById);
				if (problem) problems.push({ file: lesson.path, line: lesson.bodyFirstLine + i, message: `link ${m[1]}: ${problem}` });
			}
		});
	}
	const timelineFile = byPath.get(TIMELINE_FILE);
	content.timeline.forEach((e) => {
		for (const slug of e.lessons) {
			if (!lessonSlugs.has(slug)) {
				const line = timelineFile ? timelineFile.text.split('\n').findIndex((l) => l.includes(slug)) + 1 : undefined;
				problems.push({ file: TIMELINE_FILE, ...(line ? { line } : {}), message: `lessons: no lesson has the slug "${slug}"` });
			}
		}
	});
}

/** Why an internal link in lesson prose leads nowhere, or null when it is fine. */
function brokenLink(href: string, content: Content, glossary: Map<string, GlossaryEntry>): string | null {
	const [path = '', hash] = href.split('#');
	const parts = path.split('?')[0]!.split('/').filter(Boolean);
	if (parts[0] === 'glossary' && parts.length === 1) return !hash || glossary.has(hash) ? null : `no glossary entry has the id "${hash}"`;
	if (parts[0] === 'timeline' && parts.length === 1) return null;
	if (parts[0] === 'sources') return parts.length === 1 || content.sources.some((s) => s.id === parts[1]) ? null : `no source "${parts[1]}"`;
	if (parts[0] === 'modules') {
		const m = content.modules.find((x) => x.slug === parts[1]);
		if (!m) return `no module "${parts[1]}"`;
		return parts.length < 3 || m.lessons.some((l) => l.slug === parts[2]) ? null : `no lesson "${parts[2]}" in module "${parts[1]}"`;
	}
	return 'links inside the course go to /glossary, /timeline, /sources or /modules';
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
	const valid: { q: AuthoredQuestion; qi: number }[] = [];
	meta.questions.forEach((raw, qi) => {
		const parsed = questionSchema.safeParse(raw);
		if (parsed.success) valid.push({ q: parsed.data, qi });
		else problems.push(...schemaProblems(f.path, yaml, parsed.error, yaml.data, ['questions', qi]));
	});
	const questions: LessonQuestion[] = valid.map(({ q, qi }) => {
		const at = { file: f.path, question: q.id, lineOf: (ci: number, field: 'source' | 'quote') => yaml.lineOf(['questions', qi, 'cite', ci, field]) };
		const cite = resolveCites(q.cite, at, sourceById, problems);
		cite.forEach((c, ci) => {
			if (c.sentenceIds.length && similarity(q.explanation, c.quote) > 0.8) {
				problems.push({ file: f.path, question: q.id, line: at.lineOf(ci, 'quote'), message: 'explanation: write it in our own words, not as a copy of the quote' });
			}
		});
		const where = { file: f.path, question: q.id, line: yaml.lineOf(['questions', qi]) };
		if (!('proving' in q)) return { ...q, cite } as LessonQuestion;
		if (q.type === 'written') {
			// each proving sentence is found in its own article, among those the student picks from
			const proving = q.proving.flatMap((p, pi) =>
				resolveProving({ source: p.source, proving: [p.quote] }, cite, { ...where, lineOf: () => yaml.lineOf(['questions', qi, 'proving', pi, 'quote']) }, sourceById, problems).map((r) => ({ ...r, source: p.source }))
			);
			return { ...q, cite, proving } as LessonQuestion;
		}
		const proving = resolveProving(q, cite, { ...where, lineOf: (pi) => yaml.lineOf(['questions', qi, 'proving', pi]) }, sourceById, problems);
		return { ...q, cite, proving } as LessonQuestion;
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
		body: fm.body,
		bodyFirstLine: fm.bodyFirstLine
	};
}

/**
 * The proving sentences of a find-evidence or two-part question, found in the article it shows.
 * A proving sentence must be a body sentence of that article (the student picks among those) and
 * be cited too, so the feedback shows it; any other cite only gives context.
 */
function resolveProving(
	q: { source: string; proving: string[] },
	cite: Citation[],
	at: Omit<Problem, 'message'> & { lineOf: (pi: number) => number },
	sourceById: Map<string, Source>,
	problems: Problem[]
): ResolvedProof[] {
	const { lineOf, ...where } = at;
	const source = sourceById.get(q.source);
	if (!source) {
		problems.push({ ...where, message: `source: no source "${q.source}" to show (known: ${[...sourceById.keys()].join(', ')})` });
		return [];
	}
	const body = new Set(source.paragraphs.filter((p) => p.kind === 'text' || p.kind === 'heading').flatMap((p) => p.sentences.map((s) => s.id)));
	const cited = new Set(cite.filter((c) => c.source === q.source).flatMap((c) => c.sentenceIds));
	return q.proving.map((quote, pi): ResolvedProof => {
		const line = lineOf(pi);
		const match = matchQuote(quote, source.sentences);
		if (!match.ok) {
			const why = { 'not-verbatim': 'is not verbatim in', partial: 'is only part of a sentence of', debris: 'is page debris of' }[match.reason];
			problems.push({ ...where, line, message: `proving[${pi}] ${why} the article the student is shown (source ${source.id}); ${describeNearest(match.nearest)}` });
			return { quote, sentenceIds: [] };
		}
		const outside = match.ids.filter((id) => !body.has(id));
		if (outside.length) problems.push({ ...where, line, message: `proving[${pi}]: s-${outside.join(',')} is the title or a date line, not a sentence of the article a student can pick` });
		const uncited = match.ids.filter((id) => !cited.has(id));
		if (uncited.length) problems.push({ ...where, line, message: `proving[${pi}]: s-${uncited.join(',')} is not in cite; cite it too, so the feedback shows the sentence that proves the answer` });
		return { quote, sentenceIds: match.ids };
	});
}
