/** What a student's page shows of their written answer. Built on the server; holds the model answer only once it may be seen. */
import type { CitedPassage } from './feedback';

export interface WrittenContent {
	claim: string;
	evidence: string[];
	reasoning: string;
}

export interface EvidenceShown {
	/** `"<source>:<sentence id>"` */
	ref: string;
	source: string;
	sentence: number;
	text: string;
	/** one of the sentences that can prove a good claim */
	proves: boolean;
}

export interface GradeShown {
	id: string;
	/** per criterion, in the rubric's order */
	criteria: { id: string; name: string; points: number; max: number; level: string }[];
	total: number;
	max: number;
	comment: string;
	graderName: string;
	at: string;
}

export interface WrittenState {
	questionId: string;
	/** what the editor starts from: the newer of the draft and the submission */
	text: WrittenContent;
	/** `draft`: saved, not submitted; `waiting`: submitted, waiting for the teacher; `graded`: closed to edits */
	status: 'new' | 'draft' | 'waiting' | 'graded';
	draftAt: string | null;
	submittedAt: string | null;
	/** the draft differs from the submission still waiting (the student is revising) */
	revising: boolean;
	/** after submitting: each evidence sentence of the submission, and whether it can prove a claim of this kind */
	evidence: EvidenceShown[];
	grade: GradeShown | null;
	/** only once submitted, for a student in no class (to score themselves), or once graded */
	model: { text: string; explanation: string; citations: CitedPassage[] } | null;
	/** the student is in a class, so a teacher will score it */
	hasTeacher: boolean;
}
