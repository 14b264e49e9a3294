import assert from 'node:assert/strict';
import { readTypedAnswer } from '../../src/domain/flow';
import { readLinks, splitLinks } from '../../src/domain/linkInput';

const linksStep = { key: 'links', label: 'Evidence links', type: 'links' } as const;

describe('typed evidence links', () => {
  it('adds https:// to an address typed without it, and says so before saving', () => {
    assert.deepEqual(readLinks('github.com/acme/x/pull/1'), { ok: true, urls: ['https://github.com/acme/x/pull/1'], completed: ['https://github.com/acme/x/pull/1'] });
    const answer = readTypedAnswer(linksStep, 'github.com/acme/x/pull/1');
    assert.deepEqual(answer, { skip: false, value: ['https://github.com/acme/x/pull/1'], note: { message: 'Will be saved as https://github.com/acme/x/pull/1', warning: false } });
  });

  it('keeps http and https addresses as typed, with no note', () => {
    assert.deepEqual(readTypedAnswer(linksStep, 'https://a.example/1 http://b.example/2'), { skip: false, value: ['https://a.example/1', 'http://b.example/2'] });
  });

  it('splits several links on one line on spaces and commas, dropping repeats', () => {
    assert.deepEqual(splitLinks('https://a.example/1, www.b.example/2   https://a.example/1,'), ['https://a.example/1', 'www.b.example/2', 'https://a.example/1']);
    const r = readLinks('https://a.example/1, www.b.example:8080/2 https://a.example/1');
    assert.deepEqual(r, { ok: true, urls: ['https://a.example/1', 'https://www.b.example:8080/2'], completed: ['https://www.b.example:8080/2'] });
  });

  it('quotes the bad item, not its position', () => {
    const r = readTypedAnswer(linksStep, 'https://ok.example/1 github.com/acme/x/pull/2 see-the-PR');
    assert.deepEqual(r, { problem: '“see-the-PR” is not a web address: write it like https://github.com/acme/shop/pull/12' });
    assert.deepEqual(readTypedAnswer(linksStep, 'https://ok.example javascript:alert(1)'), { problem: '“javascript:alert(1)” is not a web link: only http:// and https:// addresses are saved' });
    assert.deepEqual(readTypedAnswer(linksStep, 'ftp://files.example/a'), { problem: '“ftp://files.example/a” is not a web link: only http:// and https:// addresses are saved' });
  });
});
