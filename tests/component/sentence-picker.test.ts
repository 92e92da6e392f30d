import { describe, expect, it } from 'vitest';
import { articleHtml } from '../../src/lib/questions/SentencePicker.svelte';

const look = { name: 'sentence', prefix: '', multiple: false, disabled: false };

describe('the article as one HTML string', () => {
	it('escapes every text and attribute, so an article cannot inject markup', () => {
		const html = articleHtml([{ sentences: [{ id: 1, text: `<img src=x onerror="alert(1)"> & 'quoted'` }] }], {
			...look,
			multiple: true,
			name: 'evidence"><script>',
			prefix: `004"'`
		});
		expect(html).not.toContain('<img');
		expect(html).not.toContain('<script>');
		expect(html).toContain('&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; &#39;quoted&#39;');
		expect(html).toContain('name="evidence&quot;&gt;&lt;script&gt;" value="004&quot;&#39;1"');
	});

	it('marks the pick and the proving sentence as the graded page shows them', () => {
		const html = articleHtml([{ sentences: [{ id: 1, text: 'a' }, { id: 2, text: 'b' }] }, { sentences: [{ id: 3, text: 'c' }] }], { ...look, given: ['1'], key: ['2'] });
		expect(html).toBe(
			'<div class="paragraph">' +
				'<label class="sentence picked wrong" data-sentence="1"><input type="radio" name="sentence" value="1" checked required> <span class="text">a</span><span class="badge wrong">✗ your pick</span></label>' +
				'<label class="sentence right" data-sentence="2"><input type="radio" name="sentence" value="2" required> <span class="text">b</span><span class="badge right">✓ this sentence proves it</span></label>' +
				'</div><div class="paragraph">' +
				'<label class="sentence" data-sentence="3"><input type="radio" name="sentence" value="3" required> <span class="text">c</span></label>' +
				'</div>'
		);
	});
});
