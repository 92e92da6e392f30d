/**
 * Speed and voice, shared by every reader on the page (a change in one player shows in all)
 * and kept in this browser's localStorage for the next page. The voices offered are those the
 * browser has for the page's language; browsers list them late, so the list follows
 * `voiceschanged`.
 */
export const RATES = [0.75, 1, 1.25, 1.5, 2];

const STORE = 'read-aloud';

function saved(): { rate: number; voice: string } {
	try {
		const s = JSON.parse(localStorage.getItem(STORE) ?? '{}') as { rate?: unknown; voice?: unknown };
		return { rate: RATES.find((r) => r === s.rate) ?? 1, voice: typeof s.voice === 'string' ? s.voice : '' };
	} catch {
		return { rate: 1, voice: '' };
	}
}

export const settings = { ...saved(), voices: [] as SpeechSynthesisVoice[] };

const listeners = new Set<() => void>();

/** Calls `listener` whenever the settings or the voices change; returns the way to stop. */
export function watch(listener: () => void): () => void {
	listeners.add(listener);
	return () => listeners.delete(listener);
}

export function change(next: { rate?: number; voice?: string }): void {
	Object.assign(settings, next);
	try {
		localStorage.setItem(STORE, JSON.stringify({ rate: settings.rate, voice: settings.voice }));
	} catch {
		// storage refused (private mode, quota): the choice still holds on this page
	}
	for (const l of listeners) l();
}

/** en-GB, en_US and en all match a page in `en`. */
const language = (tag: string) => tag.toLowerCase().split(/[-_]/)[0];

function listVoices() {
	const lang = language(document.documentElement.lang || 'en');
	settings.voices = speechSynthesis.getVoices().filter((v) => language(v.lang) === lang);
	for (const l of listeners) l();
}

listVoices();
speechSynthesis.addEventListener('voiceschanged', listVoices);

/** The voice chosen, while the browser still offers it; null speaks with the browser's default. */
export const chosenVoice = (): SpeechSynthesisVoice | null => settings.voices.find((v) => v.voiceURI === settings.voice) ?? null;
