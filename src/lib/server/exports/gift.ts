/**
 * Questions as GIFT, Moodle's text format for question banks. Each question is one block: an
 * `[id:]` comment, a title (the question's id), the prompt, the answers in braces and the
 * general feedback (`####`) with the explanation and every cited sentence and its source.
 */
import type { LessonQuestion } from '$lib/content/load';
import type { Criterion } from '$lib/questions/written/schema';
import { DEFAULT_PART_B } from '$lib/questions/two-part/schema';
import type { OrderingPublic } from '$lib/questions/ordering/schema';
import { toPublic } from '$lib/questions/registry';
import { firstShownOrder } from '$lib/questions/shuffle';
import { questionsOf, type Course, type Selection } from './course';
import { articleName, articleOf, feedbackOf, sourceLine } from './evidence';
import { notes } from './notes';

/** The characters GIFT reads as syntax, escaped; line breaks as `\n`, since a blank line ends a question. */
export const escapeGift = (s: string): string => s.replace(/[\\~=#{}:]/g, (c) => `\\${c}`).replace(/\r?\n/g, '\\n');

/** A Moodle category path segment: `/` separates categories, so a slash in a title is doubled. */
const categoryPart = (s: string) => s.replaceAll('/', '//');

/** A weight as GIFT writes it (`%33.33333%`): Moodle matches it to its nearest grade. */
const weight = (share: number) => `%${Number((100 * share).toFixed(5))}%`;

export function rubricText(rubric: readonly Criterion[]): string {
	return rubric.map((c) => `${c.name}: ${c.levels.map((l) => `${l.points} point${l.points === 1 ? '' : 's'}: ${l.text}`).join(' / ')}`).join('\n');
}

function feedback(q: LessonQuestion, course: Course): string {
	const f = feedbackOf(q, course);
	const parts = [f.explanation, ['Evidence:', ...f.evidence.map((e) => `“${e.sentences.map((s) => s.text).join(' ')}” — ${sourceLine(e)}`)].join('\n')];
	if (q.type === 'written') parts.push(`Model answer: ${q.model}`, `Rubric:\n${rubricText(q.rubric)}`);
	return parts.join('\n\n');
}

interface Block {
	id: string;
	stem: string;
	/** the inside of the braces, already in GIFT */
	answers: string[];
	/** text after the braces (a numeric answer's unit) */
	after?: string;
}

/** The article's sentences as choices: every proving sentence is right. */
function sentenceChoices(course: Course, sourceId: string, proving: readonly number[]): string[] {
	return articleOf(course, sourceId).paragraphs.flatMap((p) => p.sentences.map((s) => `${proving.includes(s.id) ? '=' : '~'}${escapeGift(s.text)}`));
}

// an ordering question shows no article
const noArticles = { source: () => undefined };

const provingIds = (q: { proving: readonly { sentenceIds: number[] }[] }) => q.proving.flatMap((p) => p.sentenceIds);

function blocks(q: LessonQuestion, course: Course): Block[] {
	const e = escapeGift;
	switch (q.type) {
		case 'single':
			return [{ id: q.id, stem: e(q.prompt), answers: firstShownOrder(q.choices, q.id).map((c) => `${c.id === q.answer ? '=' : '~'}${e(c.text)}`) }];
		case 'multiple': {
			const share = 1 / q.answers.length;
			return [{ id: q.id, stem: e(q.prompt), answers: firstShownOrder(q.choices, q.id).map((c) => `~${weight(q.answers.includes(c.id) ? share : -share)}${e(c.text)}`) }];
		}
		case 'true-false':
			return [{ id: q.id, stem: e(q.prompt), answers: [q.answer ? 'TRUE' : 'FALSE'] }];
		case 'numeric':
			return [{ id: q.id, stem: e(q.prompt), answers: [`#${q.answer}:${q.tolerance}`], ...(q.unit ? { after: e(q.unit) } : {}) }];
		case 'ordering':
			return [
				{
					id: q.id,
					stem: `${e(q.prompt)}\\n\\n${e('Match each item to its place in the order: 1 is first.')}`,
					// in the order the course shows them, never the right order itself
					answers: (toPublic(q, noArticles) as OrderingPublic).items.map((item) => `=${e(item.text)} -> ${q.items.findIndex((k) => k.id === item.id) + 1}`)
				}
			];
		case 'matching':
			return [{ id: q.id, stem: e(q.prompt), answers: q.pairs.map((p) => `=${e(p.left)} -> ${e(p.right)}`) }];
		case 'find-evidence':
			return [{ id: q.id, stem: `${e(q.prompt)}\\n\\n${e(`Article: ${articleName(articleOf(course, q.source).source)}`)}`, answers: sentenceChoices(course, q.source, provingIds(q)) }];
		case 'two-part':
			return [
				{ id: `${q.id}-part-a`, stem: e(q.prompt), answers: firstShownOrder(q.choices, q.id).map((c) => `${c.id === q.answer ? '=' : '~'}${e(c.text)}`) },
				{
					id: `${q.id}-part-b`,
					stem: `${e(q.partB ?? DEFAULT_PART_B)}\\n\\n${e(`Article: ${articleName(articleOf(course, q.source).source)}`)}`,
					answers: sentenceChoices(course, q.source, provingIds(q))
				}
			];
		case 'written': {
			const articles = q.sources.map((id) => `- ${articleName(articleOf(course, id).source)}`).join('\n');
			return [{ id: q.id, stem: e(`${q.prompt}\n\nUse evidence from:\n${articles}\n\nHow it is scored:\n${rubricText(q.rubric)}`), answers: [] }];
		}
	}
}

function questionText(q: LessonQuestion, course: Course): string {
	const general = `####${escapeGift(feedback(q, course))}`;
	return blocks(q, course)
		.map((b) => {
			const inside = [...b.answers.map((a) => `\t${a}`), `\t${general}`].join('\n');
			return `// [id:${b.id}] [tag:${q.type}] [tag:${q.skill}]\n::${b.id}::${b.stem}{\n${inside}\n}${b.after ? ` ${b.after}` : ''}`;
		})
		.join('\n\n');
}

/** The GIFT file: the notes as a comment header, then a category per lesson and its questions. */
export function toGift(course: Course, selection: Selection, generated = new Date()): string {
	const header = notes('gift', selection, generated).map((l) => (l ? `// ${l}` : '//'));
	const lessons = selection.lessons.map(({ module, moduleNumber, lesson }) => {
		const lessonNumber = module.lessons.indexOf(lesson) + 1;
		const category = ['$course$', 'top', 'Back Channel', `${moduleNumber}. ${module.title}`, `${lessonNumber}. ${lesson.title}`].map(categoryPart).join('/');
		return [`$CATEGORY: ${category}`, ...lesson.questions.map((q) => questionText(q, course))].join('\n\n');
	});
	return `${[header.join('\n'), ...lessons].join('\n\n')}\n`;
}

/** How many GIFT questions a selection becomes: a two-part question is two. */
export const giftCount = (selection: Selection) => questionsOf(selection).reduce((n, q) => n + (q.type === 'two-part' ? 2 : 1), 0);
