/** Small builders the question-type tests share. */
import { formFields, type FormFields } from '../../../src/lib/questions/common';
import { questionSchema, type Question } from '../../../src/lib/questions/registry';

/** A question as the loader hands it on: its quote resolved to a sentence id. */
export const resolved = (raw: unknown) => ({ ...questionSchema.parse(raw), cite: [{ source: '004', quote: 'x', sentenceIds: [3] }] }) as Question;

/** A form post as the browser sends it: the card's hidden fields, then the answer's fields. */
export function formPost(questionId: string, fields: [string, string][]): FormFields {
	const fd = new FormData();
	fd.append('question', questionId);
	fd.append('idem', 'c0ffee00-1234-4abc-8def-0123456789ab');
	for (const [name, value] of fields) fd.append(name, value);
	return formFields(fd);
}
