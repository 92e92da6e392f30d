/** What the student sees after answering: only ever sent in the response to their answer. */
export interface CitedPassage {
	source: string;
	title: string;
	sentences: { id: number; text: string }[];
	href: string;
}

export interface Feedback {
	questionId: string;
	correct: boolean;
	points: number;
	/** the choice ids (or values) the student gave */
	given: string[];
	/** the right choice ids (or values) */
	key: string[];
	/** stored durably before this response was sent */
	saved: boolean;
	explanation: string;
	citations: CitedPassage[];
}
