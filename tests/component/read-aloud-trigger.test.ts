/**
 * The "Read aloud" button's action (src/lib/read-aloud/trigger.ts) in jsdom, with a stand-in
 * for the browser's speech: which content a region shows is its id, not its label; the press
 * calls speak() before anything is awaited. Real speech is in tests/e2e/read-aloud.test.ts.
 */
import { afterEach, beforeAll, expect, test, vi } from 'vitest';

const speak = vi.fn();
const cancel = vi.fn();

beforeAll(() => {
	class Utterance {
		text: string;
		volume = 1;
		constructor(text = '') {
			this.text = text;
		}
		addEventListener() {}
	}
	vi.stubGlobal('SpeechSynthesisUtterance', Utterance);
	vi.stubGlobal('speechSynthesis', { speak, cancel, getVoices: () => [], addEventListener() {} });
});

afterEach(() => {
	document.body.innerHTML = '';
	speak.mockClear();
	cancel.mockClear();
});

async function region(id: string, label: string) {
	const { readAloud } = await import('../../src/lib/read-aloud/trigger');
	const el = document.createElement('section');
	el.innerHTML = '<h2>A heading</h2><p>A sentence to read.</p>';
	document.body.append(el);
	const action = readAloud(el, { id, label })!;
	return { el, action, button: el.querySelector<HTMLButtonElement>('button.read-aloud')! };
}

const opened = (el: Element) => el.querySelector('[data-read-aloud]');

test('the press calls speak() at once, silently, and cancels it: the player loads after it', async () => {
	const { el, button } = await region('q1', 'question 1');
	button.click();
	expect(speak).toHaveBeenCalledTimes(1);
	expect(speak.mock.calls[0]![0]).toMatchObject({ volume: 0 });
	expect(cancel).toHaveBeenCalledTimes(1);
	await vi.waitFor(() => expect(opened(el)).not.toBeNull());
	// then the player reads the region
	expect(speak.mock.calls.at(-1)![0]).toMatchObject({ text: 'A heading', volume: 1 });
});

test('other content with the same label stops the reading and puts the button back; the same content with a new label does not', async () => {
	const { el, action, button } = await region('lesson-a', 'The same title');
	button.click();
	await vi.waitFor(() => expect(opened(el)).not.toBeNull());
	action.update!({ id: 'lesson-a', label: 'A new title' });
	expect(opened(el)).not.toBeNull();
	action.update!({ id: 'lesson-b', label: 'A new title' });
	expect(opened(el)).toBeNull();
	expect(button.isConnected).toBe(true);
	expect(button.getAttribute('aria-label')).toBe('Read aloud: A new title');
});

test('a player that could not load: the button says so, and no longer once it has loaded', async () => {
	vi.resetModules();
	let fail = true;
	vi.doMock('../../src/lib/read-aloud/player', async (original) => {
		if (fail) throw new Error('offline');
		return original();
	});
	const { el, action, button } = await region('lesson-a', 'A lesson');
	button.click();
	await vi.waitFor(() => expect(button.textContent).toBe('Read aloud (could not load: try again)'));
	expect(button.getAttribute('aria-label')).toBe('Read aloud (could not load: try again): A lesson');
	fail = false;
	vi.resetModules();
	button.click();
	await vi.waitFor(() => expect(opened(el)).not.toBeNull());
	// the button, out of the page while the player is in its place, is as it was before any press
	expect(button.textContent).toBe('Read aloud');
	expect(button.getAttribute('aria-label')).toBe('Read aloud: A lesson');
	// and so it is when the next lesson puts it back
	action.update!({ id: 'lesson-b', label: 'The next lesson' });
	expect(button.textContent).toBe('Read aloud');
	expect(button.getAttribute('aria-label')).toBe('Read aloud: The next lesson');
	vi.doUnmock('../../src/lib/read-aloud/player');
});
