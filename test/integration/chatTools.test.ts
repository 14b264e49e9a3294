// The chat tools in the real extension host: listed in vscode.lm.tools, invoked through
// vscode.lm.invokeTool (outside a chat, VS Code asks for the confirmation with a dialog, which an
// extension test host answers "yes" to), and the log tool's prepareInvocation called directly.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, extension } from './helpers';

const LOG = 'impactLog_logEntry';
const FIND = 'impactLog_findEntries';

const stamp = () => `${Date.now()}-${Math.random().toString(36).slice(2, 7)}`;

function textOf(result: vscode.LanguageModelToolResult): string {
  return result.content.map((p) => (p instanceof vscode.LanguageModelTextPart ? p.value : typeof (p as { value?: unknown }).value === 'string' ? (p as { value: string }).value : '')).join('');
}

const invoke = async (name: string, input: object) => textOf(await vscode.lm.invokeTool(name, { toolInvocationToken: undefined, input }));

const idIn = (text: string): string => {
  const m = /\(id ([0-9a-f-]{36})\)/.exec(text);
  assert.ok(m, `no id in the result: ${text}`);
  return m[1]!;
};

describe('Chat tools', () => {
  it('lists both tools in vscode.lm.tools, with the manifest’s input schemas', async () => {
    await api();
    const ours = vscode.lm.tools.filter((t) => t.name.startsWith('impactLog_'));
    assert.deepEqual(ours.map((t) => t.name).sort(), [FIND, LOG]);
    const manifest = (extension().packageJSON as { contributes: { languageModelTools: { name: string; inputSchema: object }[] } }).contributes.languageModelTools;
    for (const t of ours) assert.deepEqual(t.inputSchema, manifest.find((m) => m.name === t.name)?.inputSchema, t.name);
    assert.match(ours.find((t) => t.name === LOG)?.description ?? '', /Never call it on your own initiative/);
  });

  it('logs an AI assist with its verdict and reason, marked as from the chat, when invoked with good input', async () => {
    const store = await (await api()).store();
    const title = `Retry helper from Copilot ${stamp()}`;
    const text = await invoke(LOG, { kind: 'ai-assist', title, verdict: 'discarded', reason: 'invented an API', tool: 'GitHub Copilot', tags: ['Retry'], links: ['https://example.com/acme/api/pull/42'] });
    assert.match(text, /^Logged in the user's Impact Log \(id /);
    const e = store.get(idIn(text));
    assert.ok(e, 'the entry is not in the store');
    assert.equal(e.kind, 'ai-assist');
    assert.equal(e.title, title);
    assert.deepEqual(e.fields, { verdict: 'discarded', reason: 'invented an API', tool: 'GitHub Copilot' });
    assert.deepEqual(e.tags, ['retry']);
    assert.deepEqual(e.links, [{ url: 'https://example.com/acme/api/pull/42' }]);
    assert.equal(e.context.source, 'chat');
    assert.equal(e.context.workspaceFolder, vscode.workspace.workspaceFolders?.[0]?.name, 'the workspace folder was not captured');
  });

  const bad: [string, Record<string, unknown>, RegExp][] = [
    ['a wrong type', { kind: 'note', title: 42 }, /“title” must be text/],
    ['an unknown kind', { kind: 'win', title: 'x' }, /“kind” must be one of: problem, ai-assist/],
    ['a javascript: link', { kind: 'shipped', title: 'x', links: ['javascript:alert(1)'] }, /“links\[0\]\.url” must be a web address/],
    ['a 100 kB title', { kind: 'ai-assist', title: 'x'.repeat(100_000), verdict: 'accepted' }, /“title” must be at most 300 characters/],
    ['a field of another kind', { kind: 'note', title: 'x', verdict: 'accepted' }, /unknown field “verdict”/],
    ['a context it made up', { kind: 'note', title: 'x', context: { source: 'chat' } }, /“context” is captured by Impact Log/],
  ];
  for (const [what, input, problem] of bad) {
    it(`answers ${what} with a result naming the field, and writes nothing`, async () => {
      const store = await (await api()).store();
      const before = store.count({ deleted: 'include' });
      const text = await invoke(LOG, input);
      assert.match(text, /^Nothing was logged\./);
      assert.match(text, problem);
      assert.equal(store.count({ deleted: 'include' }), before, 'an entry was written');
    });
  }

  it('prepareInvocation shows exactly what will be written and writes nothing itself', async () => {
    const a = await api();
    const store = await a.store();
    const tool = a.chatTools[LOG];
    assert.ok(tool?.prepareInvocation, 'no prepareInvocation');
    const before = store.count({ deleted: 'include' });
    const title = `Regex for emails ${stamp()}`;
    const input = {
      kind: 'ai-assist', title, verdict: 'adapted', reason: 'missed plus addressing', links: [{ url: 'https://example.com/pr/9', label: 'PR #9' }], occurredAt: '2026-11-20',
      details: 'Kept the [shape](javascript:alert(1)) but\nnot the <b>lookahead</b>',
    };
    const prepared = await tool.prepareInvocation({ input }, new vscode.CancellationTokenSource().token);
    assert.equal(prepared?.confirmationMessages?.title, 'Log this in Impact Log?');
    const message = prepared.confirmationMessages.message;
    const body = typeof message === 'string' ? message : message.value;
    // User text is Markdown-escaped: the link and the HTML in the details show as typed, inert.
    const lines = ['**Kind:** AI assist', `**Title:** ${title}`, '**When:** 2026-11-20', '**Verdict:** adapted', '**Why:** missed plus addressing', '**Link:** PR #9 (https\\://example.com/pr/9)', '**Details:**\n\nKept the \\[shape\\](javascript:alert(1)) but\\\nnot the \\<b>lookahead\\</b>'];
    for (const line of lines) {
      assert.ok(body.includes(line), `“${line}” not in the confirmation:\n${body}`);
    }
    const folder = vscode.workspace.workspaceFolders?.[0]?.name;
    assert.ok(folder, 'the test workbench opens a folder');
    assert.ok(body.includes(`**Recorded with:** folder ${folder}`), `the workspace folder is not shown:\n${body}`);
    assert.match(body, /Nothing is written unless you continue\./);
    assert.equal(store.count({ deleted: 'include' }), before, 'prepareInvocation wrote something');
    // Input that cannot be written needs no confirmation: invoke answers with the problems.
    const invalid = await tool.prepareInvocation({ input: { kind: 'note', title: '' } }, new vscode.CancellationTokenSource().token);
    assert.equal(invalid?.confirmationMessages, undefined);
  });

  it('a burst of 50 invocations writes 50 entries', async () => {
    const store = await (await api()).store();
    const tag = `burst-${stamp()}`;
    const titles = Array.from({ length: 50 }, (_, i) => `Burst entry ${i + 1}`);
    const results = await Promise.all(titles.map((title) => invoke(LOG, { kind: 'note', title, tags: [tag] })));
    assert.equal(new Set(results.map(idIn)).size, 50);
    const stored = store.list({ tags: [tag] });
    assert.equal(stored.length, 50);
    assert.deepEqual(stored.map((e) => e.title).sort(), [...titles].sort());
    assert.ok(stored.every((e) => e.context.source === 'chat'));
  });

  it('findEntries returns the user’s own words with dates and ids, filtered by kind and tag', async () => {
    const tag = `find-${stamp()}`;
    const shipped = idIn(await invoke(LOG, { kind: 'shipped', title: 'Checkout v2 for everyone', release: 'v2.4', occurredAt: '2026-09-28', tags: [tag] }));
    const assist = idIn(await invoke(LOG, { kind: 'ai-assist', title: 'SQL from the chat', verdict: 'discarded', reason: 'insecure', occurredAt: '2026-09-30', tags: [tag] }));
    const all = await invoke(FIND, { tags: [tag] });
    const lines = all.split('\n');
    assert.match(lines[0]!, /^The user's Impact Log: 2 entries \(all time; #find-/);
    assert.equal(lines[1], `- 2026-09-30 · AI assist · “SQL from the chat” · Verdict: discarded; Why: insecure · #${tag} · logged from the chat · id ${assist}`);
    assert.equal(lines[2], `- 2026-09-28 · Change shipped · “Checkout v2 for everyone” · Release or version: v2.4 · #${tag} · no evidence link · logged from the chat · id ${shipped}`);
    const onlyShipped = await invoke(FIND, { tags: [tag], kinds: ['shipped'], period: { from: '2026-09-01', to: '2026-09-30' } });
    assert.match(onlyShipped, /^The user's Impact Log: 1 entry \(2026-09-01 to 2026-09-30; Change shipped · #find-/);
    assert.ok(onlyShipped.includes(shipped) && !onlyShipped.includes(assist), onlyShipped);
    assert.match(await invoke(FIND, { tags: [tag], limit: 0 }), /^Nothing was searched\. Find entries: “limit” must be at least 1/);
  });
});
