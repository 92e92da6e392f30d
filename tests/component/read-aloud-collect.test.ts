/**
 * What the reader reads in a region (src/lib/read-aloud/collect.ts), in jsdom: the text a
 * sighted reader sees, sentence by sentence, each sentence with ranges whose text is exactly
 * what is spoken. The same function reads real pages in tests/e2e/read-aloud.test.ts.
 */
import { afterEach, expect, test } from 'vitest';
import { splitSentences } from '../../src/lib/content/sentences';
import { collect } from '../../src/lib/read-aloud/collect';

afterEach(() => {
	document.body.innerHTML = '';
});

function region(html: string): HTMLElement {
	const el = document.createElement('section');
	el.innerHTML = html;
	document.body.append(el);
	return el;
}

const texts = (el: Element) => collect(el).map((s) => s.text);

test('a block is split into its sentences, across inline elements, with ranges that hold exactly the spoken text', () => {
	const el = region('<h2>The envoy</h2><p>The <em>envoy’s</em> office\n\t talks to <a href="#x">everyone</a>. Then it waits! Does it?</p>');
	const sentences = collect(el);
	expect(sentences.map((s) => s.text)).toEqual(['The envoy', 'The envoy’s office talks to everyone.', 'Then it waits!', 'Does it?']);
	// one range per text node a sentence covers
	expect(sentences[1]!.ranges.map((r) => r.toString())).toEqual(['The ', 'envoy’s', ' office\n\t talks to ', 'everyone', '.']);
	for (const s of sentences) expect(s.ranges.map((r) => r.toString()).join('').replace(/\s+/g, ' ')).toBe(s.text);
});

test('nothing the page does not show is read: inputs and their values, buttons, hidden and visually hidden text', () => {
	const el = region(`
		<p>Which office leads?</p>
		<input type="hidden" name="key" value="the-state-department">
		<label><input type="radio" name="choice" value="state"> <span>The State Department</span></label>
		<span class="visually-hidden">Position of: a secret label</span>
		<span aria-hidden="true">✓</span>
		<p hidden>A hidden explanation.</p>
		<p style="display: none">Not displayed.</p>
		<p style="visibility: hidden">Not visible.</p>
		<details><summary>The rubric</summary><p>Inside a closed details.</p></details>
		<details><summary>More</summary>Bare text in a closed details.</details>
		<details open><summary>Open</summary>Bare text in an open one.</details>
		<select><option>An option</option></select>
		<textarea>Typed text</textarea>
		<button type="submit">Check answer</button>
		<div data-read-aloud><p>The reader's own controls.</p></div>
		<p>›</p>`);
	expect(texts(el)).toEqual(['Which office leads?', 'The State Department', 'The rubric', 'More', 'Open', 'Bare text in an open one.']);
});

test('sentences split as the course splits its articles: not after an honorific or an initial; a stray closing quote joins the sentence before it', () => {
	const text = 'The U.S. envoy met Mr. Smith in Doha. “We talked,” he said. He left. ”';
	const sentences = collect(region(`<p>${text}</p>`));
	expect(sentences.map((s) => s.text)).toEqual(splitSentences(text));
	expect(sentences.map((s) => s.text)).toEqual(['The U.S. envoy met Mr. Smith in Doha.', '“We talked,” he said.', 'He left. ”']);
	expect(sentences[2]!.ranges.map((r) => r.toString()).join('')).toBe('He left. ”');
});

test('an element with class "sentence" is one sentence, as the article splits it', () => {
	const el = region('<p><span class="sentence">U.S. officials met Mr. Smith. He agreed.</span> <mark class="sentence">Then talks began.</mark></p>');
	expect(texts(el)).toEqual(['U.S. officials met Mr. Smith. He agreed.', 'Then talks began.']);
});

test('a nested block and a line break end a run of text: no sentence spans them', () => {
	const el = region('<ul><li>Before the list<ul><li>Inside it</li></ul>after the list</li></ul><p>One line<br>another line</p>');
	expect(texts(el)).toEqual(['Before the list', 'Inside it', 'after the list', 'One line', 'another line']);
});

test('a region with no words has nothing to read', () => {
	expect(collect(region('<p> — </p><input value="x">'))).toEqual([]);
});
