/**
 * The read-aloud controls of one region, loaded the first time its "Read aloud" is pressed, in
 * the button's place: Pause/Resume/Play (one button that says what it will do), Stop, speed
 * and, where the browser has voices for the page's language, voice; Escape stops. Plain DOM,
 * no Svelte: the app's Svelte runtime is all in one chunk that every page loads, so a
 * component here would grow every page by the runtime parts it needs.
 *
 * The live status announces changes of state only ("Reading aloud.", "Paused."); the sentence
 * count beside it is not announced, so a screen reader does not talk over the reading at every
 * sentence.
 */
import { CONTROLS } from './collect';
import { Reader, type Phase } from './reader';
import { RATES, change, settings, watch } from './settings';

const STATUS: Record<Phase, string> = {
	idle: 'Stopped.',
	starting: 'Reading aloud.',
	reading: 'Reading aloud.',
	paused: 'Paused.',
	done: 'Finished reading.',
	failed: 'Reading stopped: this browser could not speak the text',
	empty: 'There is no text to read here.'
};

function element<K extends keyof HTMLElementTagNameMap>(tag: K, props: Record<string, string> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
	const el = document.createElement(tag);
	Object.assign(el, props);
	el.append(...children);
	return el;
}

function option(value: string, text: string) {
	return element('option', { value, text });
}

/** Opens the player in place of `button` and starts reading; the function returned stops it and puts the button back. */
export function open(button: HTMLElement, region: Element, label: string): () => void {
	const toggle = element('button', { type: 'button', className: 'button' });
	const stop = element('button', { type: 'button', className: 'button secondary' }, 'Stop');
	const rate = element('select', {}, ...RATES.map((r) => option(String(r), `${r}×`)));
	const voice = element('select');
	const voiceField = element('label', {}, 'Voice ', voice);
	const status = element('span');
	const progress = element('span', { className: 'read-aloud-progress' });
	const panel = element(
		'div',
		{ className: 'read-aloud-player' },
		element('div', { className: 'read-aloud-buttons' }, toggle, stop),
		element('label', {}, 'Speed ', rate),
		voiceField,
		element('p', { className: 'read-aloud-status' }, status, progress)
	);
	panel.setAttribute('role', 'group');
	panel.setAttribute('aria-label', `Read aloud: ${label}`);
	panel.setAttribute(CONTROLS, '');
	status.setAttribute('role', 'status');

	const reader = new Reader(region, render);

	function render() {
		const { phase } = reader;
		const speaking = phase === 'starting' || phase === 'reading';
		toggle.textContent = speaking ? 'Pause' : phase === 'paused' ? 'Resume' : 'Play';
		// written only when it changes: a live region written again is announced again, at every sentence
		const said = phase === 'failed' ? `${STATUS.failed} (${reader.problem}).` : STATUS[phase];
		if (status.textContent !== said) status.textContent = said;
		const where = `sentence ${reader.index + 1} of ${reader.count}`;
		progress.textContent =
			phase === 'starting' ? 'Starting: the first sentence can take a few seconds.' : phase === 'reading' ? `Reading ${where}` : phase === 'paused' ? `Paused at ${where}` : '';
	}

	function showSettings() {
		rate.value = String(settings.rate);
		const uris = settings.voices.map((v) => v.voiceURI).join('\n');
		if (voice.dataset.uris !== uris) {
			voice.dataset.uris = uris;
			voice.replaceChildren(option('', 'Browser’s default'), ...settings.voices.map((v) => option(v.voiceURI, v.name)));
		}
		voice.value = settings.voices.some((v) => v.voiceURI === settings.voice) ? settings.voice : '';
		voiceField.hidden = !settings.voices.length;
	}

	function halt() {
		reader.stop();
		toggle.focus();
	}

	toggle.onclick = () => {
		if (reader.phase === 'starting' || reader.phase === 'reading') reader.pause();
		else if (reader.phase === 'paused') reader.resume();
		else reader.play();
	};
	stop.onclick = halt;
	rate.onchange = () => change({ rate: Number(rate.value) });
	voice.onchange = () => change({ voice: voice.value });
	panel.onkeydown = (e) => {
		if (e.key === 'Escape' && reader.phase !== 'idle') halt();
	};
	const unwatch = watch(showSettings);

	showSettings();
	render();
	button.replaceWith(panel);
	toggle.focus();
	reader.play();
	return () => {
		unwatch();
		reader.stop();
		panel.replaceWith(button);
	};
}
