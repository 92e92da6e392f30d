/**
 * Questions as QTI 3.0 items, and a lesson as an assessment test. Response processing is written
 * out in the item (the rules of the standard match_correct and map_response templates, or the
 * course's own rule where no template fits) so that it can also set FEEDBACK: a template would
 * replace every other rule, and the feedback is where the explanation and the cited sentences go.
 */
import type { Lesson, LessonQuestion } from '$lib/content/load';
import { toPublic } from '$lib/questions/registry';
import { keyOf as matchingKey, type MatchingPublic } from '$lib/questions/matching/schema';
import type { OrderingPublic } from '$lib/questions/ordering/schema';
import { firstShownOrder } from '$lib/questions/shuffle';
import { DEFAULT_PART_B } from '$lib/questions/two-part/schema';
import { maxPoints, type Criterion } from '$lib/questions/written/schema';
import type { Course } from './course';
import { articleName, articleOf, feedbackOf, sourceLine } from './evidence';
import { el, text, XML_DECLARATION } from './xml';

export const QTI_NS = 'http://www.imsglobal.org/xsd/imsqtiasi_v3p0';
const XSI = 'http://www.w3.org/2001/XMLSchema-instance';
const ITEM_XSD = 'https://purl.imsglobal.org/spec/qti/v3p0/schema/xsd/imsqti_asiv3p0_v1p0.xsd';

/** A QTI identifier from a course id (slugs may start with a digit; identifiers may not). */
export const qtiId = (id: string): string => (/^[A-Za-z_]/.test(id) ? id : `_${id}`);
export const sentenceId = (id: number, source?: string): string => (source ? `s-${source}-${id}` : `s-${id}`);
export const leftId = (pair: string) => `left-${pair}`;
/** a right side by the letter students see it under: its identifier names no partner */
export const rightId = (letter: string) => `right-${letter}`;

const float = (v: number) => el('qti-base-value', { 'base-type': 'float' }, String(v));
const setOutcome = (id: string, value: string) => el('qti-set-outcome-value', { identifier: id }, value);
const variable = (id: string) => el('qti-variable', { identifier: id });

function outcome(id: string, baseType: string, value?: string | number, extra: Record<string, string | number> = {}): string {
	const def = value === undefined ? [] : [el('qti-default-value', {}, el('qti-value', {}, String(value)))];
	return el('qti-outcome-declaration', { identifier: id, cardinality: 'single', 'base-type': baseType, ...extra }, ...def);
}

interface ResponseDecl {
	id: string;
	cardinality: 'single' | 'multiple' | 'ordered';
	baseType: 'identifier' | 'directedPair' | 'float' | 'string';
	correct?: string[];
	/** value → points; `upper` caps the sum */
	mapping?: { entries: [string, number][]; upper?: number };
}

function response(r: ResponseDecl): string {
	const correct = r.correct?.length ? [el('qti-correct-response', {}, ...r.correct.map((v) => el('qti-value', {}, text(v))))] : [];
	const mapping = r.mapping
		? [
				el(
					'qti-mapping',
					{ 'default-value': 0, 'lower-bound': 0, 'upper-bound': r.mapping.upper },
					...r.mapping.entries.map(([key, value]) => el('qti-map-entry', { 'map-key': key, 'mapped-value': value }))
				)
			]
		: [];
	return el('qti-response-declaration', { identifier: r.id, cardinality: r.cardinality, 'base-type': r.baseType }, ...correct, ...mapping);
}

/** The rules of the standard match_correct template. */
const matchCorrect = (id = 'RESPONSE') =>
	el(
		'qti-response-condition',
		{},
		el('qti-response-if', {}, el('qti-match', {}, variable(id), el('qti-correct', { identifier: id })), setOutcome('SCORE', float(1))),
		el('qti-response-else', {}, setOutcome('SCORE', float(0)))
	);

/** The rules of the standard map_response template (into `target`). */
const mapResponse = (id = 'RESPONSE', target = 'SCORE') =>
	el(
		'qti-response-condition',
		{},
		el('qti-response-if', {}, el('qti-is-null', {}, variable(id)), setOutcome(target, float(0))),
		el('qti-response-else', {}, setOutcome(target, el('qti-map-response', { identifier: id })))
	);

/** Right within an absolute tolerance, as the course scores a number. */
const withinTolerance = (tolerance: number) =>
	el(
		'qti-response-condition',
		{},
		el(
			'qti-response-if',
			{},
			el('qti-equal', { 'tolerance-mode': 'absolute', tolerance: `${tolerance} ${tolerance}` }, variable('RESPONSE'), el('qti-correct', { identifier: 'RESPONSE' })),
			setOutcome('SCORE', float(1))
		),
		el('qti-response-else', {}, setOutcome('SCORE', float(0)))
	);

/** The course's two-part rule: Part B counts only with Part A right. */
const twoPartRule = el(
	'qti-response-condition',
	{},
	el(
		'qti-response-if',
		{},
		el('qti-match', {}, variable('RESPONSE_A'), el('qti-correct', { identifier: 'RESPONSE_A' })),
		setOutcome('SCORE', float(0.5)),
		el(
			'qti-response-condition',
			{},
			el('qti-response-if', {}, el('qti-gte', {}, el('qti-map-response', { identifier: 'RESPONSE_B' }), float(1)), setOutcome('SCORE', float(1)))
		)
	),
	el('qti-response-else', {}, setOutcome('SCORE', float(0)))
);

const choice = (id: string, words: string) => el('qti-simple-choice', { identifier: qtiId(id) }, text(words));
const prompt = (words: string) => el('qti-prompt', {}, text(words));

/** An article's sentences as hottext (the player shows no qti-prompt in a hottext interaction: the words go before it), paragraph by paragraph, under its name. */
function hottextArticle(course: Course, sourceId: string, idOf: (id: number) => string): string {
	const a = articleOf(course, sourceId);
	return [
		el('h3', {}, text(articleName(a.source))),
		...a.paragraphs.map((p) => el('p', {}, p.sentences.map((s) => el('qti-hottext', { identifier: idOf(s.id) }, text(s.text))).join(' ')))
	].join('');
}

const rubricList = (rubric: readonly Criterion[]) =>
	el('ul', {}, ...rubric.map((c) => el('li', {}, el('strong', {}, text(c.name)), text(': '), text(c.levels.map((l) => `${l.points} point${l.points === 1 ? '' : 's'}: ${l.text}`).join(' / ')))));

function feedbackBody(q: LessonQuestion, course: Course): string {
	const f = feedbackOf(q, course);
	const parts = [el('p', {}, text(f.explanation))];
	for (const e of f.evidence) {
		parts.push(el('blockquote', {}, el('p', {}, text(`“${e.sentences.map((s) => s.text).join(' ')}”`))), el('p', {}, text(`— ${sourceLine(e)}`)));
	}
	if (q.type === 'written') parts.push(el('p', {}, el('strong', {}, 'Model answer: '), text(q.model)), el('p', {}, el('strong', {}, 'Rubric')), rubricList(q.rubric));
	return el('qti-modal-feedback', { 'outcome-identifier': 'FEEDBACK', identifier: 'explanation', 'show-hide': 'show', title: 'Why' }, el('qti-content-body', {}, ...parts));
}

const ids = (proving: readonly { sentenceIds: number[] }[]) => [...new Set(proving.flatMap((p) => p.sentenceIds))];

interface ItemParts {
	responses: ResponseDecl[];
	max: number;
	body: string[];
	rules: string[];
	outcomes?: string[];
	/** SCORE is given by a person (a rubric), not by response processing */
	human?: boolean;
}

/** The shown parts the course builds for students: the display order of ordering items and matching options. */
const publicOf = (q: LessonQuestion, course: Course) => toPublic(q, { source: (id) => articleOf(course, id) });

function parts(q: LessonQuestion, course: Course): ItemParts {
	switch (q.type) {
		case 'single':
			return {
				responses: [{ id: 'RESPONSE', cardinality: 'single', baseType: 'identifier', correct: [qtiId(q.answer)] }],
				max: 1,
				body: [el('qti-choice-interaction', { 'response-identifier': 'RESPONSE', 'max-choices': 1, shuffle: 'true' }, prompt(q.prompt), ...firstShownOrder(q.choices, q.id).map((c) => choice(c.id, c.text)))],
				rules: [matchCorrect()]
			};
		case 'multiple': {
			const share = 1 / q.answers.length;
			return {
				responses: [
					{
						id: 'RESPONSE',
						cardinality: 'multiple',
						baseType: 'identifier',
						correct: q.answers.map(qtiId),
						mapping: { entries: q.choices.map((c) => [qtiId(c.id), q.answers.includes(c.id) ? share : -share]), upper: 1 }
					}
				],
				max: 1,
				body: [el('qti-choice-interaction', { 'response-identifier': 'RESPONSE', 'max-choices': 0, shuffle: 'true' }, prompt(q.prompt), ...firstShownOrder(q.choices, q.id).map((c) => choice(c.id, c.text)))],
				rules: [mapResponse()]
			};
		}
		case 'true-false':
			return {
				responses: [{ id: 'RESPONSE', cardinality: 'single', baseType: 'identifier', correct: [String(q.answer)] }],
				max: 1,
				body: [el('qti-choice-interaction', { 'response-identifier': 'RESPONSE', 'max-choices': 1, shuffle: 'false' }, prompt(q.prompt), choice('true', 'True'), choice('false', 'False'))],
				rules: [matchCorrect()]
			};
		case 'numeric':
			return {
				responses: [{ id: 'RESPONSE', cardinality: 'single', baseType: 'float', correct: [String(q.answer)] }],
				max: 1,
				body: [
					el('p', {}, text(q.prompt)),
					el('p', {}, el('qti-text-entry-interaction', { 'response-identifier': 'RESPONSE', 'expected-length': Math.max(6, String(q.answer).length + 2) }), q.unit ? text(` ${q.unit}`) : '')
				],
				rules: [q.tolerance ? withinTolerance(q.tolerance) : matchCorrect()]
			};
		case 'ordering': {
			const shown = (publicOf(q, course) as OrderingPublic).items;
			return {
				responses: [{ id: 'RESPONSE', cardinality: 'ordered', baseType: 'identifier', correct: q.items.map((i) => qtiId(i.id)) }],
				max: 1,
				body: [el('qti-order-interaction', { 'response-identifier': 'RESPONSE', shuffle: 'false' }, prompt(q.prompt), ...shown.map((i) => choice(i.id, i.text)))],
				rules: [matchCorrect()]
			};
		}
		case 'matching': {
			const options = (publicOf(q, course) as MatchingPublic).options;
			const letterOf = matchingKey(q);
			const n = q.pairs.length;
			return {
				responses: [
					{
						id: 'RESPONSE',
						cardinality: 'multiple',
						baseType: 'directedPair',
						correct: q.pairs.map((p) => `${leftId(p.id)} ${rightId(letterOf[p.id]!)}`),
						mapping: { entries: q.pairs.map((p) => [`${leftId(p.id)} ${rightId(letterOf[p.id]!)}`, 1 / n]), upper: 1 }
					}
				],
				max: 1,
				body: [
					el(
						'qti-match-interaction',
						{ 'response-identifier': 'RESPONSE', 'max-associations': n, shuffle: 'false' },
						prompt(q.prompt),
						el('qti-simple-match-set', {}, ...q.pairs.map((p) => el('qti-simple-associable-choice', { identifier: leftId(p.id), 'match-max': 1 }, text(p.left)))),
						el('qti-simple-match-set', {}, ...options.map((o) => el('qti-simple-associable-choice', { identifier: rightId(o.id), 'match-max': 1 }, text(o.text))))
					)
				],
				rules: [mapResponse()]
			};
		}
		case 'find-evidence':
			return {
				responses: [{ id: 'RESPONSE', cardinality: 'single', baseType: 'identifier', mapping: { entries: ids(q.proving).map((id) => [sentenceId(id), 1]), upper: 1 } }],
				max: 1,
				body: [el('p', {}, text(q.prompt)), el('qti-hottext-interaction', { 'response-identifier': 'RESPONSE', 'max-choices': 1 }, hottextArticle(course, q.source, (id) => sentenceId(id)))],
				rules: [mapResponse()]
			};
		case 'two-part':
			return {
				responses: [
					{ id: 'RESPONSE_A', cardinality: 'single', baseType: 'identifier', correct: [qtiId(q.answer)] },
					{ id: 'RESPONSE_B', cardinality: 'single', baseType: 'identifier', mapping: { entries: ids(q.proving).map((id) => [sentenceId(id), 1]), upper: 1 } }
				],
				max: 1,
				body: [
					el('qti-choice-interaction', { 'response-identifier': 'RESPONSE_A', 'max-choices': 1, shuffle: 'true' }, prompt(q.prompt), ...firstShownOrder(q.choices, q.id).map((c) => choice(c.id, c.text))),
					el('p', {}, el('strong', {}, 'Part B: '), text(q.partB ?? DEFAULT_PART_B)),
					el('qti-hottext-interaction', { 'response-identifier': 'RESPONSE_B', 'max-choices': 1 }, hottextArticle(course, q.source, (id) => sentenceId(id)))
				],
				rules: [twoPartRule]
			};
		case 'written': {
			const proving = q.proving.flatMap((p) => p.sentenceIds.map((id) => sentenceId(id, p.source ?? q.sources[0])));
			return {
				responses: [
					{ id: 'CLAIM', cardinality: 'single', baseType: 'string' },
					{ id: 'EVIDENCE', cardinality: 'multiple', baseType: 'identifier', mapping: { entries: [...new Set(proving)].map((id) => [id, 1]), upper: 1 } },
					{ id: 'REASONING', cardinality: 'single', baseType: 'string' }
				],
				max: maxPoints(q.rubric),
				human: true,
				outcomes: [outcome('EVIDENCE_FOUND', 'float', 0)],
				body: [
					el('p', {}, text(q.prompt)),
					el('div', {}, el('h2', {}, 'How it is scored'), rubricList(q.rubric)),
					el('qti-extended-text-interaction', { 'response-identifier': 'CLAIM', 'expected-lines': 2 }, prompt('1. Your claim')),
					el('p', {}, text('2. Your evidence: pick the sentences that prove your claim (at most 6).')),
					el('qti-hottext-interaction', { 'response-identifier': 'EVIDENCE', 'max-choices': 6 }, ...q.sources.map((s) => hottextArticle(course, s, (id) => sentenceId(id, s)))),
					el('qti-extended-text-interaction', { 'response-identifier': 'REASONING', 'expected-lines': 8 }, prompt('3. Your reasoning'))
				],
				rules: [mapResponse('EVIDENCE', 'EVIDENCE_FOUND')]
			};
		}
	}
}

/** One question as a QTI 3 assessment item. */
export function itemXml(q: LessonQuestion, course: Course): string {
	const p = parts(q, course);
	const score = p.human
		? outcome('SCORE', 'float', undefined, { 'external-scored': 'human', 'normal-maximum': p.max, 'normal-minimum': 0 })
		: outcome('SCORE', 'float', 0, { 'normal-maximum': p.max, 'normal-minimum': 0 });
	return (
		XML_DECLARATION +
		el(
			'qti-assessment-item',
			{
				xmlns: QTI_NS,
				'xmlns:xsi': XSI,
				'xsi:schemaLocation': `${QTI_NS} ${ITEM_XSD}`,
				identifier: qtiId(q.id),
				title: q.id,
				adaptive: 'false',
				'time-dependent': 'false',
				'xml:lang': 'en'
			},
			...p.responses.map(response),
			score,
			outcome('MAXSCORE', 'float', p.max),
			...(p.outcomes ?? []),
			outcome('FEEDBACK', 'identifier'),
			el('qti-item-body', {}, ...p.body),
			el('qti-response-processing', {}, ...p.rules, setOutcome('FEEDBACK', el('qti-base-value', { 'base-type': 'identifier' }, 'explanation'))),
			feedbackBody(q, course)
		) +
		'\n'
	);
}

export const itemHref = (q: LessonQuestion) => `items/${qtiId(q.id)}.xml`;
export const testHref = (lesson: Lesson) => `tests/${lesson.module}--${lesson.slug}.xml`;
export const testId = (lesson: Lesson) => qtiId(`test-${lesson.module}--${lesson.slug}`);

/** A lesson as an assessment test: its questions in order, the test's SCORE their sum. */
export function testXml(lesson: Lesson): string {
	return (
		XML_DECLARATION +
		el(
			'qti-assessment-test',
			{ xmlns: QTI_NS, 'xmlns:xsi': XSI, 'xsi:schemaLocation': `${QTI_NS} ${ITEM_XSD}`, identifier: testId(lesson), title: lesson.title, 'xml:lang': 'en' },
			outcome('SCORE', 'float', 0),
			el(
				'qti-test-part',
				{ identifier: 'part-1', 'navigation-mode': 'nonlinear', 'submission-mode': 'individual' },
				el(
					'qti-assessment-section',
					{ identifier: 'section-1', title: lesson.title, visible: 'true' },
					...lesson.questions.map((q) => el('qti-assessment-item-ref', { identifier: qtiId(q.id), href: `../${itemHref(q)}` }))
				)
			),
			el('qti-outcome-processing', {}, setOutcome('SCORE', el('qti-sum', {}, el('qti-test-variables', { 'variable-identifier': 'SCORE' }))))
		) +
		'\n'
	);
}
