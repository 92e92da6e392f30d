/**
 * What an export says about itself: where it comes from and how each question type was carried
 * into a format that cannot express all of them. The GIFT file has it as a comment header, the
 * QTI package as README.txt.
 */
import type { QuestionType } from '$lib/questions/registry';
import type { Format, Selection } from './course';
import { questionsOf } from './course';

const MAPPING: Record<Format, Record<QuestionType, string>> = {
	gift: {
		single: 'multiple choice, one right answer; the choices are in the order the course first shows them (the right one is not always first), and Moodle shuffles them unless told not to.',
		multiple: 'multiple choice with several right answers, in the order the course shows them: each right choice is worth an equal share, each wrong choice takes the same share off (never below zero), as in the course.',
		'true-false': 'true/false.',
		numeric: 'numerical, with the tolerance the course allows; the unit follows the answer blank ("_____ hostages").',
		ordering:
			'GIFT has no ordering type. Exported as matching: each item is matched to its place (1 = first). Moodle gives credit per item in its right place; the course gives credit for each pair of items in the right order.',
		matching: 'matching.',
		'find-evidence':
			"GIFT cannot show an article to click in. Exported as multiple choice over the article's sentences, in the article's order; every sentence that proves the claim is a right answer. To keep the article's order, untick “Shuffle the choices?” on these questions after importing (or turn off the quiz's “Shuffle within questions”: the other questions' choices are already in a shuffled order).",
		'two-part':
			'GIFT has no linked parts. Exported as two questions in a row, "-part-a" (the choice) and "-part-b" (the supporting sentence, as for find-evidence). Moodle scores them separately; the course gives nothing for Part B when Part A is wrong. Part A’s choices are in the order the course shows them; to keep Part B’s sentences in the article’s order, untick “Shuffle the choices?” on each Part B (or turn off the quiz’s “Shuffle within questions”).',
		written:
			'essay, graded by the teacher. The prompt lists the articles to use and the rubric; the general feedback has the explanation, the model answer, the rubric and the sentences that can prove a good claim.'
	},
	qti3: {
		single: 'choice interaction, one choice, shuffled by the player; response processing as the standard match_correct template.',
		multiple:
			'choice interaction, several choices, shuffled by the player; response processing as the standard map_response template: each right choice is worth an equal share, each wrong choice takes the same share off, never below 0, as in the course.',
		'true-false': 'choice interaction with the choices True and False; match_correct.',
		numeric: 'text entry (a float); right when equal to the answer within the tolerance the course allows.',
		ordering: 'order interaction; match_correct, so only the whole right order scores (the course also gives part credit for pairs in the right order).',
		matching: 'match interaction; map_response, an equal share for each right pair, as in the course.',
		'find-evidence': "hottext interaction: the article's sentences, paragraph by paragraph, each one selectable; map_response, so any proving sentence scores 1.",
		'two-part':
			"one item with two interactions: Part A a choice interaction (shuffled by the player), Part B a hottext interaction over the article. Scored as in the course: 1 when both are right, 0.5 when only Part A is, 0 when Part A is wrong.",
		written:
			"QTI cannot score writing. Exported as an item with the claim and the reasoning as extended-text interactions and the evidence as a hottext interaction over the articles. SCORE is human-scored (externalScored), out of the rubric's maximum; response processing sets only EVIDENCE_FOUND (1 when a picked sentence can prove a good claim, as the course checks at once). The rubric is in the item body (students see it before writing, as in the course) and in the feedback, with the model answer."
	}
};

export function notes(format: Format, selection: Selection, generated: Date): string[] {
	const questions = questionsOf(selection);
	const types = [...new Set(questions.map((q) => q.type))];
	return [
		`Back Channel: questions of ${selection.title}, exported as ${format === 'gift' ? 'GIFT (Moodle)' : 'QTI 3.0 (an IMS content package)'}.`,
		`${questions.length} questions from ${selection.lessons.length} lesson${selection.lessons.length === 1 ? '' : 's'}, exported ${generated.toISOString().slice(0, 10)}.`,
		'The questions, choices, explanations and cited sentences are the course\'s own text. Each question\'s feedback has its explanation and every sentence it cites, with the source\'s title, byline and date as the article gives them, so the proof travels with the question.',
		'',
		'How each type of question is exported:',
		...types.map((t) => `- ${t}: ${MAPPING[format][t]}`)
	];
}
