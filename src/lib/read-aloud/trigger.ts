/**
 * "Read aloud" for a region of the page, as a Svelte action on the region. The button is added
 * by JavaScript, and only where the browser can speak, so a page without JavaScript (or without
 * speech) is unchanged. The player (player.ts) loads the first time the button is pressed: the
 * lesson page's JavaScript carries only this file.
 */

export interface ReadAloudOptions {
	/** which content the region shows (a lesson's slug, a source's id, a question's id): another id, and what was being read stops */
	id: string;
	/** what is read, in the button's accessible name: "Read aloud: question 3" */
	label: string;
	/** the part of the region to read (a selector); the whole region when absent */
	read?: string;
	/** the button goes after this element of the region (a selector); first in the region when absent */
	after?: string;
}

export function readAloud(node: HTMLElement, options: ReadAloudOptions) {
	if (!window.speechSynthesis || typeof SpeechSynthesisUtterance != 'function') return;
	let o = options;
	let close: (() => void) | undefined;
	const button = document.createElement('button');
	button.type = 'button';
	button.className = 'read-aloud';
	// what the button says, and in its accessible name what it reads
	const name = (words = 'Read aloud') => button.setAttribute('aria-label', `${(button.textContent = words)}: ${o.label}`);
	name();
	const anchor = o.after && node.querySelector(o.after);
	if (anchor) anchor.after(button);
	else node.prepend(button);
	button.onclick = () => {
		// iOS Safari speaks only once speak() has been called within a press, and the player loads
		// after it: a silent utterance now, cancelled at once. Not an empty one: with
		// speech-dispatcher (Chrome on Linux) an empty utterance stops all speech until the browser
		// closes. What another region was reading stops here rather than when the player opens.
		const unlock = new SpeechSynthesisUtterance('.');
		unlock.volume = 0;
		speechSynthesis.speak(unlock);
		speechSynthesis.cancel();
		import('./player').then(
			({ open }) => {
				// a second press while loading: the first one's player has taken the button's place
				if (!button.isConnected) return;
				// loaded after a failure: the button no longer says it failed
				name();
				close = open(button, (o.read && node.querySelector(o.read)) || node, o.label);
			},
			() => name('Read aloud (could not load: try again)')
		);
	};
	const shut = () => {
		close?.();
		close = undefined;
	};
	return {
		// the same page showing other content (the next lesson): whatever was being read stops
		update(next: ReadAloudOptions) {
			if (next.id !== o.id) shut();
			o = next;
			name();
		},
		destroy() {
			shut();
			button.remove();
		}
	};
}
