/** The component of each question type, for the browser. Holds no keys: components get public parts only. */
import type { Component } from 'svelte';
import FindEvidence from './find-evidence/FindEvidence.svelte';
import Matching from './matching/Matching.svelte';
import MultipleSelect from './multiple/MultipleSelect.svelte';
import NumericInput from './numeric/NumericInput.svelte';
import Ordering from './ordering/Ordering.svelte';
import type { PublicQuestion, QuestionType } from './registry';
import SingleChoice from './single/SingleChoice.svelte';
import TrueFalse from './true-false/TrueFalse.svelte';
import TwoPart from './two-part/TwoPart.svelte';
import Written from './written/Written.svelte';

type Props = { question: PublicQuestion; given?: string[]; key?: string[]; correct?: boolean };

export const questionComponents = {
	single: SingleChoice,
	multiple: MultipleSelect,
	'true-false': TrueFalse,
	numeric: NumericInput,
	ordering: Ordering,
	matching: Matching,
	'find-evidence': FindEvidence,
	'two-part': TwoPart,
	// the inputs only: a written question has its own card (WrittenCard), with drafts and submitting
	written: Written
} as unknown as Record<QuestionType, Component<Props>>;
