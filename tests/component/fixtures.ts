/** Questions the component tests render: made up, so no test leans on the course's content. */
import type { PublicQuestion } from '../../src/lib/questions/registry';

export const single = {
	id: 'fruit-colour',
	type: 'single',
	prompt: 'Which fruit is usually yellow when ripe?',
	choices: [
		{ id: 'banana', text: 'Banana' },
		{ id: 'cherry', text: 'Cherry' },
		{ id: 'grape', text: 'Grape' }
	]
} satisfies PublicQuestion;
