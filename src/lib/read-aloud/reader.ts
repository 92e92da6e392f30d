/**
 * Reads a region aloud, one utterance per sentence, marking each sentence as it starts.
 *
 * Pausing cancels the speech and remembers the sentence; resuming speaks that sentence again
 * from its start. speechSynthesis.pause() is not used: with speech-dispatcher (Linux) it stops
 * the engine until the page is closed, and on Android it cancels the utterance, so a resume
 * reads nothing. One sentence per utterance also keeps each one short (Chrome cuts long
 * utterances off) and lets a new speed or voice apply from the next sentence.
 */
import { collect, type Sentence } from './collect';
import { mark, reveal, unmark } from './highlight';
import { chosenVoice, settings } from './settings';

export type Phase = 'idle' | 'starting' | 'reading' | 'paused' | 'done' | 'failed' | 'empty';

/** Only one reader speaks at a time: starting one stops the other. */
let active: Reader | null = null;

export class Reader {
	phase: Phase = 'idle';
	/** the sentence being read, or the next to read */
	index = 0;
	count = 0;
	/** the browser's error code when speech failed */
	problem = '';
	/** the utterance being spoken, held: Chrome drops the events of an utterance that was garbage-collected */
	utterance: SpeechSynthesisUtterance | null = null;
	#region: Element;
	#changed: () => void;
	#sentences: Sentence[] = [];
	/** bumped whenever speech is cancelled: events of older utterances are ignored */
	#run = 0;

	constructor(region: Element, changed: () => void) {
		this.#region = region;
		this.#changed = changed;
	}

	/** Reads from the first sentence, collected afresh from the page. */
	play(): void {
		this.#claim();
		this.#sentences = collect(this.#region);
		this.count = this.#sentences.length;
		this.index = 0;
		if (this.count) this.#speak();
		else this.#end('empty');
	}

	pause(): void {
		if (this.phase !== 'starting' && this.phase !== 'reading') return;
		this.#silence();
		// paused between two sentences, the mark moves on to the one a resume starts with
		const next = this.#sentences[this.index];
		if (next) mark(next.ranges);
		this.#set('paused');
	}

	resume(): void {
		if (this.phase !== 'paused') return;
		this.#claim();
		this.#speak();
	}

	stop(): void {
		if (this.phase === 'starting' || this.phase === 'reading' || this.phase === 'paused') {
			this.#silence();
			this.#end('idle');
		}
	}

	#set(phase: Phase) {
		this.phase = phase;
		this.#changed();
	}

	#claim() {
		if (active && active !== this) active.stop();
		// eslint-disable-next-line @typescript-eslint/no-this-alias -- the page's one speaking reader
		active = this;
	}

	#silence() {
		this.#run++;
		this.utterance = null;
		speechSynthesis.cancel();
	}

	/** Reading is over (stopped, finished, failed): the mark goes and another reader may speak. */
	#end(phase: Phase) {
		if (active === this) {
			unmark();
			active = null;
		}
		this.index = 0;
		this.#set(phase);
	}

	#speak() {
		const run = ++this.#run;
		const sentence = this.#sentences[this.index];
		if (!sentence) return this.#end('done');
		const u = new SpeechSynthesisUtterance(sentence.text);
		u.lang = this.#region.closest('[lang]')?.getAttribute('lang') || 'en';
		u.rate = settings.rate;
		u.voice = chosenVoice();
		u.addEventListener('start', () => {
			if (run !== this.#run) return;
			mark(sentence.ranges);
			reveal(sentence.ranges[0]);
			this.#set('reading');
		});
		u.addEventListener('end', () => {
			if (run !== this.#run) return;
			this.index++;
			this.#speak();
		});
		u.addEventListener('error', (e) => {
			if (run !== this.#run) return;
			this.#run++;
			this.utterance = null;
			// cancelled by something else on the page: stopped, not failed; never tried again
			const cancelled = e.error === 'interrupted' || e.error === 'canceled';
			this.problem = cancelled ? '' : e.error;
			this.#end(cancelled ? 'idle' : 'failed');
		});
		this.utterance = u;
		if (this.phase !== 'reading') this.#set('starting');
		speechSynthesis.speak(u);
	}
}
