/** Small builders the question-type tests share. */
import { formFields, type FormFields } from '../../../src/lib/questions/common';
import { questionSchema, type Question } from '../../../src/lib/questions/registry';

/** A question as the loader hands it on: its quote (and proving sentence, if it has one) resolved to sentence 3. */
export function resolved(raw: unknown): Question {
	const q = questionSchema.parse(raw);
	const proving = 'proving' in q ? { proving: q.proving.map((quote) => ({ quote, sentenceIds: [3] })) } : {};
	return { ...q, cite: [{ source: '004', quote: 'x', sentenceIds: [3] }], ...proving } as Question;
}

/** A form post as the browser sends it: the card's hidden fields, then the answer's fields. */
export function formPost(questionId: string, fields: [string, string][]): FormFields {
	const fd = new FormData();
	fd.append('question', questionId);
	fd.append('idem', 'c0ffee00-1234-4abc-8def-0123456789ab');
	for (const [name, value] of fields) fd.append(name, value);
	return formFields(fd);
}
